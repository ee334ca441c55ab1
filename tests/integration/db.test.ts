import { openDB, unwrap } from 'idb';
import { forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnection, DB_NAME, DB_VERSION, openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { listSaved } from '@/lib/store/library';
import { getMeta } from '@/lib/store/meta';
import { getSearchIndexRecord } from '@/lib/store/search-index';
import { createSearchService } from '@/lib/clients/search';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import { runRefresh } from '@/lib/refresh';
import { EMPTY_STATUS, type Paper, type RefreshStatus } from '@/lib/types';
import type { DayPlan } from '@/lib/unread';
import { recordFault, recordFaultAgainst } from '../fault-ledger';
import { createV1Database, dbV1 } from '../fixtures/db-v1';
import { createV2Database, dbV2 } from '../fixtures/db-v2';
import { createV3Database, dbV3, frozenPdfs } from '../fixtures/db-v3';
import { lostRecords, snapshotStores } from '../fixtures/snapshot';
import { makeDay, makeItem } from '../fixtures/feed.mjs';
import { commitRefresh, countUnread, getDay, getNotifyQueue, getStatus, latestNonEmptyDay, putStatus, readDay, readPapers, readPapersBetween, readUnreadIds, readUnreadListed, setUnread, updateStatus, type CommitInput } from '@/lib/store/feed';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const HOUR = 3_600_000;

/** A day's papers as the parser makes them from generated API items. */
function papersOf(day: string, count: number, items: unknown[] = makeDay(day, count)): Paper[] {
  const result = parseDailyPapers(items, day);
  if (!result.ok) throw new Error('fixture did not parse');
  return result.papers;
}

function planOf(day: string, papers: Paper[], startsRead: boolean): DayPlan {
  return { day, ids: papers.map((paper) => paper.id), startsRead };
}

function commitInput(
  days: { day: string; papers: Paper[]; startsRead: boolean }[],
  now = NOW,
): CommitInput & { status: RefreshStatus } {
  const status = {
    ...EMPTY_STATUS,
    installDay: '2026-03-06',
    lastSuccessAt: now,
    lastFetchedDay: days.at(-1)?.day ?? null,
  };
  return {
    papers: days.flatMap(({ papers }) => papers),
    days: days.map(({ day, papers, startsRead }) => planOf(day, papers, startsRead)),
    updateStatus: () => status,
    status,
    now,
  };
}

/** Every record of every store, to compare a database before and after. */
async function snapshot(db: PaperboyDB) {
  return {
    papers: await db.getAll('papers'),
    days: await db.getAll('days'),
    states: await db.getAll('states'),
    status: await db.get('meta', 'status'),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('commitRefresh', () => {
  it('stores papers, day lists, states and the status together and returns the new ids', async () => {
    const db = await openPaperboyDB();
    const older = papersOf('2026-03-05', 2);
    const today = papersOf('2026-03-06', 3);
    const input = commitInput([
      { day: '2026-03-05', papers: older, startsRead: true },
      { day: '2026-03-06', papers: today, startsRead: false },
    ]);

    const actual = await commitRefresh(db, input);

    expect(actual.newIds).toEqual([...older, ...today].map((paper) => paper.id));
    expect(actual.newUnreadIds).toEqual(today.map((paper) => paper.id));
    expect(await db.count('papers')).toBe(5);
    expect(await getDay(db, '2026-03-06')).toEqual({ day: '2026-03-06', ids: input.days[1]?.ids, fetchedAt: NOW });
    expect(await db.get('states', today[0]!.id)).toEqual({
      id: today[0]!.id,
      firstSeenAt: NOW,
      unread: 1,
      changedAt: NOW,
    });
    expect(await db.get('states', older[0]!.id)).toMatchObject({ unread: 0 });
    expect(await countUnread(db)).toBe(3);
    expect(await getStatus(db)).toEqual(input.status);
  });

  it('updates upvotes and comment counts on a re-fetch but keeps what the user read', async () => {
    const db = await openPaperboyDB();
    const first = papersOf('2026-03-06', 3);
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers: first, startsRead: false }]));
    await setUnread(db, [first[0]!.id], false, NOW + HOUR);
    const refetched = papersOf('2026-03-06', 3, [
      makeItem('2026-03-06', 0, { paper: { upvotes: 999 }, numComments: 42 }),
      makeItem('2026-03-06', 1),
      makeItem('2026-03-06', 2),
    ]);

    const actual = await commitRefresh(
      db,
      commitInput([{ day: '2026-03-06', papers: refetched, startsRead: false }], NOW + 2 * HOUR),
    );

    expect(actual).toEqual({ newIds: [], newUnreadIds: [] });
    expect(await db.get('papers', first[0]!.id)).toMatchObject({ upvotes: 999, numComments: 42 });
    expect(await db.get('states', first[0]!.id)).toEqual({
      id: first[0]!.id,
      firstSeenAt: NOW,
      unread: 0,
      changedAt: NOW + HOUR,
    });
    expect(await countUnread(db)).toBe(2);
  });

  it('makes only the papers that joined a day since the last fetch new', async () => {
    const db = await openPaperboyDB();
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 2), startsRead: false }]));
    const grown = papersOf('2026-03-06', 4);

    const actual = await commitRefresh(db, commitInput([{ day: '2026-03-06', papers: grown, startsRead: false }]));

    expect(actual.newIds).toEqual([grown[2]!.id, grown[3]!.id]);
    expect(await countUnread(db)).toBe(4);
  });

  it('counts a paper listed on two days once, with the first day deciding its state', async () => {
    const db = await openPaperboyDB();
    const paper = papersOf('2026-03-06', 1);

    const actual = await commitRefresh(db, {
      ...commitInput([]),
      papers: paper,
      days: [planOf('2026-03-05', paper, true), planOf('2026-03-06', paper, false)],
    });

    expect(actual.newIds).toEqual([paper[0]!.id]);
    expect(actual.newUnreadIds).toEqual([]);
    expect(await countUnread(db)).toBe(0);
  });

  it('keeps the previous state when a record in the middle cannot be stored', async () => {
    const db = await openPaperboyDB();
    await commitRefresh(db, commitInput([{ day: '2026-03-05', papers: papersOf('2026-03-05', 2), startsRead: false }]));
    const before = await snapshot(db);
    const [good, other] = papersOf('2026-03-06', 2);
    // No key: IndexedDB's put throws at once (a DataError) instead of failing the request.
    const broken = { ...good!, id: undefined } as unknown as Paper;
    const input = commitInput([{ day: '2026-03-06', papers: [good!, broken, other!], startsRead: false }]);

    const commit = commitRefresh(db, input);

    await expect(commit).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('keeps the previous state when the transaction is aborted midway', async () => {
    const db = await openPaperboyDB();
    await commitRefresh(db, commitInput([{ day: '2026-03-05', papers: papersOf('2026-03-05', 2), startsRead: false }]));
    const before = await snapshot(db);
    const put = IDBObjectStore.prototype.put;
    // The browser gives up on the transaction (out of quota, worker killed) as the status is written.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args);
      if (this.name === 'meta') this.transaction.abort();
      return request;
    });
    const input = commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 3), startsRead: false }]);

    const commit = commitRefresh(db, input);

    await expect(commit).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('reading the cache', () => {
  it('reads a day in the API order, not the order the papers were stored in', async () => {
    const db = await openPaperboyDB();
    const papers = papersOf('2026-03-06', 4);
    const apiOrder = [papers[2]!, papers[0]!, papers[3]!, papers[1]!];
    await commitRefresh(db, {
      ...commitInput([]),
      papers,
      days: [planOf('2026-03-06', apiOrder, false)],
    });

    const actual = await readDay(db, '2026-03-06');

    expect(actual.papers.map((paper) => paper.id)).toEqual(apiOrder.map((paper) => paper.id));
    expect(actual.record?.ids).toEqual(apiOrder.map((paper) => paper.id));
    expect([...actual.states.keys()].sort()).toEqual(papers.map((paper) => paper.id).sort());
  });

  it('reads a day never fetched as no record and no papers', async () => {
    const db = await openPaperboyDB();

    const actual = await readDay(db, '2026-03-06');

    expect(actual).toEqual({ day: '2026-03-06', record: undefined, papers: [], states: new Map() });
  });

  it('finds the latest cached day with papers, skipping empty days', async () => {
    const db = await openPaperboyDB();
    await commitRefresh(
      db,
      commitInput([
        { day: '2026-03-04', papers: papersOf('2026-03-04', 1), startsRead: true },
        { day: '2026-03-06', papers: papersOf('2026-03-06', 2), startsRead: false },
        { day: '2026-03-07', papers: [], startsRead: false },
        { day: '2026-03-08', papers: [], startsRead: false },
      ]),
    );

    expect(await latestNonEmptyDay(db)).toBe('2026-03-06');
    expect(await latestNonEmptyDay(db, '2026-03-05')).toBe('2026-03-04');
    expect(await latestNonEmptyDay(db, '2026-03-03')).toBeNull();
  });

  it('finds no latest day in an empty cache', async () => {
    const db = await openPaperboyDB();

    expect(await latestNonEmptyDay(db)).toBeNull();
  });

  it('answers the empty status before the first refresh', async () => {
    const db = await openPaperboyDB();

    expect(await getStatus(db)).toEqual(EMPTY_STATUS);
  });

  it('writes the status alone, touching nothing else', async () => {
    const db = await openPaperboyDB();
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 2), startsRead: false }]));
    const before = await snapshot(db);
    const status: RefreshStatus = {
      ...(before.status as RefreshStatus),
      consecutiveFailures: 2,
      nextAllowedAt: NOW + HOUR,
    };

    await putStatus(db, status);

    expect(await getStatus(db)).toEqual(status);
    expect({ ...(await snapshot(db)), status: undefined }).toEqual({ ...before, status: undefined });
  });
});

describe('setUnread and countUnread', () => {
  it('marks papers read and unread and counts what is left unread', async () => {
    const db = await openPaperboyDB();
    const papers = papersOf('2026-03-06', 4);
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers, startsRead: false }]));
    const [a, b, c] = papers.map((paper) => paper.id);

    const markedRead = await setUnread(db, [a!, b!, c!], false, NOW + HOUR);
    const unreadAfterReading = await countUnread(db);
    const markedUnread = await setUnread(db, [b!], true, NOW + 2 * HOUR);

    expect(markedRead).toBe(3);
    expect(unreadAfterReading).toBe(1);
    expect(markedUnread).toBe(1);
    expect(await countUnread(db)).toBe(2);
    expect(await db.get('states', b!)).toMatchObject({ unread: 1, changedAt: NOW + 2 * HOUR });
  });

  it('changes nothing for papers already in that state or never seen', async () => {
    const db = await openPaperboyDB();
    const papers = papersOf('2026-03-06', 2);
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers, startsRead: false }]));
    const before = await db.getAll('states');

    const actual = await setUnread(db, [papers[0]!.id, 'not-a-paper'], true, NOW + HOUR);

    expect(actual).toBe(0);
    expect(await db.getAll('states')).toEqual(before);
    expect(await db.get('states', 'not-a-paper')).toBeUndefined();
  });
});

describe('schema upgrade from v1', () => {
  it('keeps every v1 record and turns read: true into unread: 0 and read: false into unread: 1', async () => {
    await createV1Database();

    const db = await openPaperboyDB();

    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('papers')).toEqual(dbV1.stores.papers);
    expect(await db.getAll('days')).toEqual(dbV1.stores.days);
    expect(await db.getAll('states')).toEqual(
      dbV1.stores.states.map(({ id, firstSeenAt, read, changedAt }) => ({
        id,
        firstSeenAt,
        unread: read ? 0 : 1,
        changedAt,
      })),
    );
    expect(await getStatus(db)).toEqual(dbV1.stores.meta[0]?.value);
  });

  it('indexes the migrated states so the unread count is right', async () => {
    await createV1Database();
    const expectedUnread = dbV1.stores.states.filter((state) => !state.read).length;
    const expectedRead = dbV1.stores.states.length - expectedUnread;

    const db = await openPaperboyDB();

    expect(expectedUnread).toBeGreaterThan(0);
    expect(await countUnread(db)).toBe(expectedUnread);
    expect(await db.countFromIndex('states', 'by-unread', 0)).toBe(expectedRead);
    expect(await db.getAllFromIndex('papers', 'by-day', '2026-03-06')).toHaveLength(3);
  });

  it('keeps working on the migrated data: a re-fetch and marking read', async () => {
    await createV1Database();
    const db = await openPaperboyDB();
    const unreadBefore = await countUnread(db);
    const [firstUnread] = dbV1.stores.states.filter((state) => !state.read);

    await setUnread(db, [firstUnread!.id], false, NOW + HOUR);
    await commitRefresh(db, commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 4), startsRead: false }]));

    // One read, one new paper (the fourth) on a day that had three.
    expect(await countUnread(db)).toBe(unreadBefore - 1 + 1);
  });

  it('creates the current schema from scratch and opens it again unchanged', async () => {
    const created = await openPaperboyDB();
    await commitRefresh(
      created,
      commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 2), startsRead: false }]),
    );
    created.close();

    const reopened = await openDB(DB_NAME);

    expect(reopened.version).toBe(DB_VERSION);
    expect([...reopened.objectStoreNames].sort()).toEqual([
      'days',
      'meta',
      'papers',
      'pdfs',
      'saved',
      'search-index',
      'states',
    ]);
    expect([...reopened.transaction('states').store.indexNames]).toEqual(['by-unread']);
    expect(await reopened.count('papers')).toBe(2);
    reopened.close();
  });
});

describe('schema upgrade from v2', () => {
  it('keeps every v2 record unchanged and only adds the saved, pdfs and search-index stores', async () => {
    await createV2Database();
    const v2 = await openDB(DB_NAME, 2);
    const before = await snapshotStores(v2 as unknown as PaperboyDB);
    v2.close();

    const db = await openPaperboyDB();

    const after = await snapshotStores(db);
    const lost = lostRecords(before, after, { bookkeeping: [] });
    await recordFault('upgrade from schema v2', { lostData: lost.length > 0, area: 'database' });
    expect(lost).toEqual([]);
    expect(db.version).toBe(DB_VERSION);
    expect(after.papers?.map(({ value }) => value)).toEqual(dbV2.stores.papers);
    expect(after.days?.map(({ value }) => value)).toEqual(dbV2.stores.days);
    expect(after.states?.map(({ value }) => value)).toEqual(dbV2.stores.states);
    expect(after.meta).toEqual([...dbV2.stores.meta].sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect([...db.objectStoreNames].sort()).toEqual([
      'days',
      'meta',
      'papers',
      'pdfs',
      'saved',
      'search-index',
      'states',
    ]);
    expect(after.saved).toEqual([]);
    expect(after.pdfs).toEqual([]);
    expect([...db.transaction('saved').store.indexNames]).toEqual(['by-saved-at']);
    expect([...db.transaction('states').store.indexNames]).toEqual(['by-unread']);
    expect([...db.transaction('papers').store.indexNames]).toEqual(['by-day']);
  });

  it('reads the upgraded data as the popup and the worker do', async () => {
    await createV2Database();
    const expectedUnread = dbV2.stores.states.filter((state) => state.unread === 1).map((state) => state.id);
    const listed = dbV2.stores.days.find((day) => day.day === '2026-03-09')!.ids;

    const db = await openPaperboyDB();

    expect(await countUnread(db)).toBe(expectedUnread.length);
    expect((await readUnreadListed(db)).map((paper) => paper.id).sort()).toEqual([...expectedUnread].sort());
    const view = await readDay(db, '2026-03-09');
    expect(view.papers.map((paper) => paper.id)).toEqual(listed);
    expect([...view.states.values()].map((state) => state.unread)).toEqual([0, 1, 1]);
    expect(await latestNonEmptyDay(db)).toBe('2026-03-10');
    expect(await getStatus(db)).toEqual(dbV2.stores.meta.find((entry) => entry.key === 'status')?.value);
    expect(await getNotifyQueue(db)).toEqual(dbV2.stores.meta.find((entry) => entry.key === 'notify-queue')?.value);
  });

  it('keeps working on the upgraded data: a re-fetch keeps read states, marking read counts', async () => {
    await createV2Database();
    const db = await openPaperboyDB();
    const unreadBefore = await countUnread(db);
    const statesBefore = await db.getAll('states');

    await commitRefresh(db, commitInput([{ day: '2026-03-10', papers: papersOf('2026-03-10', 4), startsRead: false }]));
    await setUnread(db, ['2603.09001'], false, NOW + HOUR);

    // Two papers joined 2026-03-10 (unread); one paper was read.
    expect(await countUnread(db)).toBe(unreadBefore + 2 - 1);
    const statesAfter = new Map((await db.getAll('states')).map((state) => [state.id, state]));
    for (const state of statesBefore.filter((s) => s.id !== '2603.09001'))
      expect(statesAfter.get(state.id)).toEqual(state);
  });
});

describe('schema upgrade from v3', () => {
  it('moves the search index out of meta into its own store and keeps every other record unchanged', async () => {
    await createV3Database();
    const v3 = await openDB(DB_NAME, 3);
    const before = await snapshotStores(v3 as unknown as PaperboyDB);
    v3.close();

    const db = await openPaperboyDB();

    const after = await snapshotStores(db);
    const moved = ['search-index', 'search-index-state'];
    const lost = lostRecords(before, after, { bookkeeping: moved });
    await recordFault('upgrade from schema v3', { lostData: lost.length > 0, area: 'database' });
    expect(lost).toEqual([]);
    expect(db.version).toBe(DB_VERSION);
    const metaBefore = new Map(dbV3.stores.meta.map(({ key, value }) => [key, value]));
    expect(await getSearchIndexRecord(db, 'index')).toEqual(metaBefore.get('search-index'));
    expect(await getSearchIndexRecord(db, 'state')).toEqual(metaBefore.get('search-index-state'));
    expect(after.meta?.map(({ key }) => key)).toEqual(
      [...metaBefore.keys()].filter((key) => !moved.includes(key)).sort(),
    );
    expect(after.saved?.map(({ value }) => value)).toEqual(
      [...dbV3.stores.saved].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(after.pdfs?.map(({ value }) => value)).toEqual(frozenPdfs());
  });

  it('reads the upgraded data as the pages and the worker do: the library, the typed meta records, search', async () => {
    await createV3Database();

    const db = await openPaperboyDB();

    expect((await listSaved(db)).map((record) => record.id)).toEqual([dbV3.stores.saved[0]!.id]);
    expect(await getMeta(db, 'trending')).toEqual({ ids: dbV3.stores.saved.map((record) => record.id), fetchedAt: 1773072000000 });
    expect(await getMeta(db, 'digest-marks')).toEqual({ day: '2026-03-09', week: null });
    expect(await getMeta(db, 'storage-persist-asked')).toBe(true);
    const search = createSearchService({ db: () => Promise.resolve(db), pause: () => Promise.resolve() });
    await search.ready();
    const title = dbV3.stores.papers[0]!.title;
    expect(search.search(title.split(':')[0]!).map((hit) => hit.id)).toContain(dbV3.stores.papers[0]!.id);
  });
});

describe('the connection', () => {
  it('opens again after the browser closed it, instead of failing every later request', async () => {
    const connection = createConnection();
    const first = await connection();
    await commitRefresh(first, commitInput([{ day: '2026-03-06', papers: papersOf('2026-03-06', 2), startsRead: false }]));

    // What a browser does when it ends a connection (site data cleared, a disk error).
    forceCloseDatabase(unwrap(first) as never);
    const second = await connection();

    expect(second).not.toBe(first);
    expect(await countUnread(second)).toBe(2);
  });

  it('tries to open again after an open failed, instead of keeping the failure', async () => {
    let attempts = 0;
    const connection = createConnection(async (options) => {
      attempts += 1;
      if (attempts === 1) throw new DOMException('the disk is busy', 'UnknownError');
      return await openPaperboyDB(DB_NAME, options);
    });

    await expect(connection()).rejects.toThrow('the disk is busy');
    const db = await connection();

    expect(attempts).toBe(2);
    expect(await countUnread(db)).toBe(0);
  });
});

describe('corrupt records', () => {
  const DAY = '2026-03-06';

  /** A day of four good papers, then raw damage: what a bug, a newer version or a bad disk leaves. */
  async function damagedDb() {
    const db = await openPaperboyDB();
    const papers = papersOf(DAY, 4);
    await commitRefresh(db, commitInput([{ day: DAY, papers, startsRead: false }]));
    const [good, noTitle, badCounts, badState] = papers.map((paper) => paper.id) as [string, string, string, string];
    const tx = db.transaction(['papers', 'states'], 'readwrite');
    const raw = tx.objectStore('papers') as unknown as { put(value: unknown): Promise<unknown> };
    const rawStates = tx.objectStore('states') as unknown as { put(value: unknown): Promise<unknown> };
    await Promise.all([
      raw.put({ id: noTitle, feedDay: DAY, upvotes: 3 }),
      raw.put({ ...papers[2], upvotes: 'lots', authors: 'Ada Lovelace', githubRepo: 'javascript:alert(1)' }),
      rawStates.put({ id: badState, unread: 'yes', firstSeenAt: 'never' }),
      tx.done,
    ]);
    return { db, papers, good, noTitle, badCounts, badState };
  }

  it('skips them in every read, keeps the good records, and warns once per record', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { db, good, noTitle, badCounts, badState } = await damagedDb();
    const before = await snapshotStores(db);

    const view = await readDay(db, DAY);
    const again = await readDay(db, DAY);
    const byId = await readPapers(db, [good, noTitle, badCounts, badState]);
    const between = await readPapersBetween(db, DAY, DAY);
    const unreadPapers = await readUnreadListed(db);
    const unreadIds = await readUnreadIds(db, [good, noTitle, badCounts, badState]);

    const lostData = await recordFaultAgainst('corrupt records on read', db, before, { area: 'database' });
    expect(lostData).toBe(false);
    expect(view.papers.map((paper) => paper.id)).toEqual([good, badState]);
    expect([...view.states.keys()]).toEqual([good, noTitle, badCounts]);
    expect(again).toEqual(view);
    expect(byId.map((paper) => paper.id)).toEqual([good, badState]);
    expect(between.map((paper) => paper.id)).toEqual([good, badState]);
    expect(unreadPapers.map((paper) => paper.id)).toEqual([good]);
    expect([...unreadIds]).toEqual([good, noTitle, badCounts]);
    expect(warn.mock.calls.map(([message]) => message as string).sort()).toEqual(
      [
        `[paperboy] skipped a corrupt papers record: ${noTitle}`,
        `[paperboy] skipped a corrupt papers record: ${badCounts}`,
        `[paperboy] skipped a corrupt states record: ${badState}`,
      ].sort(),
    );
  });

  it('reads a damaged day list without failing: string ids kept, the rest skipped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openPaperboyDB();
    const papers = papersOf(DAY, 2);
    await commitRefresh(db, commitInput([{ day: DAY, papers, startsRead: false }]));
    const days = db.transaction('days', 'readwrite').store as unknown as { put(value: unknown): Promise<unknown> };
    await days.put({ day: DAY, ids: [papers[0]!.id, null, 42, { id: 'x' }, papers[1]!.id] });
    const other = db.transaction('days', 'readwrite').store as unknown as { put(value: unknown): Promise<unknown> };
    await other.put({ day: '2026-03-07', ids: 'not a list', fetchedAt: NOW });

    const damaged = await readDay(db, DAY);
    const unreadable = await readDay(db, '2026-03-07');

    expect(damaged.papers.map((paper) => paper.id)).toEqual(papers.map((paper) => paper.id));
    expect(damaged.record).toEqual({ day: DAY, ids: papers.map((paper) => paper.id), fetchedAt: 0 });
    expect(unreadable).toEqual({ day: '2026-03-07', record: undefined, papers: [], states: new Map() });
    expect(await latestNonEmptyDay(db)).toBe(DAY);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('heals a corrupt paper when its day is fetched again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { db, papers, noTitle } = await damagedDb();

    await commitRefresh(db, commitInput([{ day: DAY, papers, startsRead: false }]));

    expect((await readDay(db, DAY)).papers.map((paper) => paper.id)).toContain(noTitle);
  });
});

describe('the browser out of storage space', () => {
  /** Makes the next write transaction on `store` end the way Chrome's does when the quota is hit. */
  function quotaOnCommit(store: string): void {
    const put = IDBObjectStore.prototype.put;
    let fired = false;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args);
      if (!fired && this.name === store) {
        fired = true;
        // fake-indexeddb's own abort path, with the error a full disk gives: the transaction
        // aborts with QuotaExceededError and its pending requests fail with AbortError.
        (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      }
      return request;
    });
  }

  it.each(['papers', 'meta'])(
    'reports quota, keeps the old cache, when the transaction aborts at a %s write',
    async (store) => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const db = await openPaperboyDB();
      await commitRefresh(
        db,
        commitInput([{ day: '2026-03-05', papers: papersOf('2026-03-05', 2), startsRead: false }]),
      );
      await putStatus(db, { ...EMPTY_STATUS, installDay: '2026-03-05', lastFetchedDay: '2026-03-05' });
      const before = await snapshotStores(db);
      quotaOnCommit(store);

      const outcome = await runRefresh(
        {
          store: {
            getStatus: () => getStatus(db),
            updateStatus: (update) => updateStatus(db, update),
            commit: (input) => commitRefresh(db, input),
          },
          fetchDay: (day) => Promise.resolve({ ok: true, papers: papersOf(day, 3) }),
          now: () => NOW,
        },
        'alarm',
      );
      vi.restoreAllMocks();

      const lostData = await recordFaultAgainst(`quota: the transaction aborts at a ${store} write`, db, before, {
        area: 'database',
      });
      expect(outcome).toEqual({ kind: 'failed', failure: { kind: 'quota', detail: 'QuotaExceededError' } });
      expect(lostData).toBe(false);
      expect((await getStatus(db)).lastFailure).toMatchObject({ kind: 'quota' });
    },
  );
});
