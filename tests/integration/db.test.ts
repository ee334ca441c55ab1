import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  commitRefresh,
  countUnread,
  DB_NAME,
  DB_VERSION,
  getDay,
  getStatus,
  latestNonEmptyDay,
  openPaperboyDB,
  putStatus,
  readDay,
  setUnread,
  type CommitInput,
  type PaperboyDB,
} from '@/lib/adapters/db';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import { EMPTY_STATUS, type Paper, type RefreshStatus } from '@/lib/types';
import type { DayPlan } from '@/lib/unread';
import { createV1Database, dbV1 } from '../fixtures/db-v1';
import { makeDay, makeItem } from '../fixtures/feed.mjs';

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
    expect([...reopened.objectStoreNames].sort()).toEqual(['days', 'meta', 'papers', 'pdfs', 'saved', 'states']);
    expect([...reopened.transaction('states').store.indexNames]).toEqual(['by-unread']);
    expect(await reopened.count('papers')).toBe(2);
    reopened.close();
  });
});
