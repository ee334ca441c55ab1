// The popup and the worker writing at once: the user marks papers read while a refresh stores
// the same day. Whatever the order (mark first, commit first, or the two transactions started
// inside each other through fake-indexeddb), the read state survives and nothing else is lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { createWorker } from '@/lib/services/worker';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import type { Paper, PaperState } from '@/lib/types';
import { recordFault } from '../fault-ledger';
import { makeDay, makeItem } from '../fixtures/feed.mjs';
import { createFakeHf, jsonResponse } from '../fixtures/hf-stub';
import { lostRecords, snapshotStores, type DbSnapshot } from '../fixtures/snapshot';
import { commitRefresh, countUnread, readDay, setUnread, type CommitInput } from '@/lib/store/feed';

const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');
const MINUTE = 60_000;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function papersOf(items: unknown[]): Paper[] {
  const result = parseDailyPapers(items, TODAY);
  if (!result.ok) throw new Error('fixture did not parse');
  return result.papers;
}

/** Today's five papers as first stored, all unread. */
async function storedDay(): Promise<{ db: PaperboyDB; papers: Paper[] }> {
  const db = await openPaperboyDB();
  const papers = papersOf(makeDay(TODAY, 5));
  await commitRefresh(db, commitOf(papers, NOW));
  return { db, papers };
}

/** A refresh of today: the same papers with new upvotes, and one more paper. */
function refetched(): Paper[] {
  return papersOf([
    ...makeDay(TODAY, 5).map((_, index) => makeItem(TODAY, index, { paper: { upvotes: 500 + index } })),
    makeItem(TODAY, 5),
  ]);
}

function commitOf(papers: Paper[], now: number): CommitInput {
  return {
    papers,
    days: [{ day: TODAY, ids: papers.map((paper) => paper.id), startsRead: false }],
    updateStatus: (current) => ({ ...current, installDay: TODAY, lastSuccessAt: now, lastFetchedDay: TODAY }),
    now,
  };
}

/**
 * What the states should be once the user's mark is applied to `before`: compared with the
 * database afterwards, any difference is a lost update (recorded in the fault ledger).
 */
async function recordLostUpdate(
  name: string,
  db: PaperboyDB,
  before: DbSnapshot,
  marked: { ids: string[]; unread: 0 | 1 },
): Promise<string[]> {
  const expected: DbSnapshot = {
    states: (before.states ?? []).map(({ key, value }) => {
      const state = value as PaperState;
      return { key, value: marked.ids.includes(state.id) ? { ...state, unread: marked.unread } : state };
    }),
  };
  const after = await snapshotStores(db);
  // The user's change time is the one moment this test does not pin: compare the rest.
  const withoutChangedAt = (snapshot: DbSnapshot): DbSnapshot => ({
    states: (snapshot.states ?? []).map(({ key, value }) => ({
      key,
      value: { ...(value as PaperState), changedAt: 0 },
    })),
  });
  const lost = lostRecords(withoutChangedAt(expected), withoutChangedAt(after));
  await recordFault(name, { lostData: lost.length > 0, area: 'concurrency', ...(lost.length > 0 ? { lost } : {}) });
  return lost;
}

describe('marking read while a refresh stores the same day', () => {
  it('keeps the read state when the mark is stored first', async () => {
    const { db, papers } = await storedDay();
    const before = await snapshotStores(db);
    const read = [papers[0]!.id, papers[2]!.id];

    await setUnread(db, read, false, NOW + MINUTE);
    await commitRefresh(db, commitOf(refetched(), NOW + 2 * MINUTE));

    const lost = await recordLostUpdate('mark read, then refresh commit', db, before, { ids: read, unread: 0 });
    expect(lost).toEqual([]);
    expect(await countUnread(db)).toBe(5 - 2 + 1);
    expect((await db.get('papers', papers[0]!.id))?.upvotes).toBe(500);
  });

  it('keeps the read state when the refresh is stored first', async () => {
    const { db, papers } = await storedDay();
    const before = await snapshotStores(db);
    const read = [papers[0]!.id, papers[2]!.id];

    await commitRefresh(db, commitOf(refetched(), NOW + MINUTE));
    await setUnread(db, read, false, NOW + 2 * MINUTE);

    const lost = await recordLostUpdate('refresh commit, then mark read', db, before, { ids: read, unread: 0 });
    expect(lost).toEqual([]);
    expect(await countUnread(db)).toBe(5 - 2 + 1);
  });

  it.each([
    ['the mark started inside the refresh commit', 'papers', 'mark'],
    ['the refresh commit started inside the mark', 'states', 'commit'],
  ] as const)('keeps the read state with %s', async (name, hookStore, started) => {
    const { db, papers } = await storedDay();
    const before = await snapshotStores(db);
    const read = [papers[1]!.id, papers[3]!.id];
    const commitPapers = refetched();
    const pending: Promise<unknown>[] = [];
    const realPut = IDBObjectStore.prototype.put;
    const realGet = IDBObjectStore.prototype.get;
    let fired = false;
    /** Starts the other write the moment the first one is mid-transaction (its first request on `hookStore`). */
    const startOther = (store: IDBObjectStore): void => {
      if (fired || store.name !== hookStore || store.transaction.mode !== 'readwrite') return;
      fired = true;
      pending.push(
        started === 'mark'
          ? setUnread(db, read, false, NOW + MINUTE)
          : commitRefresh(db, commitOf(commitPapers, NOW + MINUTE)),
      );
    };
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = realPut.apply(this, args);
      startOther(this);
      return request;
    });
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = realGet.apply(this, args);
      startOther(this);
      return request;
    });

    const first =
      started === 'mark'
        ? commitRefresh(db, commitOf(commitPapers, NOW + MINUTE))
        : setUnread(db, read, false, NOW + MINUTE);
    await first;
    await Promise.all(pending);
    vi.restoreAllMocks();

    const lost = await recordLostUpdate(`mark read and refresh commit interleaved (${name})`, db, before, {
      ids: read,
      unread: 0,
    });
    expect(fired).toBe(true);
    expect(lost).toEqual([]);
    expect(await countUnread(db)).toBe(5 - 2 + 1);
    expect((await db.get('papers', papers[1]!.id))?.upvotes).toBe(501);
  });

  it('keeps an unread mark too: marking unread while the refresh stores does not turn it back', async () => {
    const { db, papers } = await storedDay();
    await setUnread(db, [papers[0]!.id], false, NOW + MINUTE);
    const before = await snapshotStores(db);

    await Promise.all([
      commitRefresh(db, commitOf(refetched(), NOW + 2 * MINUTE)),
      setUnread(db, [papers[0]!.id], true, NOW + 2 * MINUTE),
    ]);

    const lost = await recordLostUpdate('mark unread and refresh commit at once', db, before, {
      ids: [papers[0]!.id],
      unread: 1,
    });
    expect(lost).toEqual([]);
  });
});

describe('the popup and the worker at once', () => {
  it('keeps what the popup marked read while the worker fetched and stored the same day', async () => {
    const hf = createFakeHf();
    hf.feed.set(TODAY, makeDay(TODAY, 5));
    const clock = { now: NOW };
    const worker = createWorker({ endpoint: ENDPOINT, fetch: hf.fetch, now: () => clock.now });
    await worker.refresh('install');
    const db = await openPaperboyDB();
    const before = await snapshotStores(db);
    const read = makeDay(TODAY, 3).map((item) => item.paper.id);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hf.feed.set(TODAY, makeDay(TODAY, 7));
    hf.answerWith(async (day) => {
      await gate;
      return jsonResponse(hf.feed.get(day) ?? []);
    });
    clock.now = NOW + 30 * MINUTE;

    const refreshing = worker.refresh('alarm');
    // The popup marks three papers read while the fetch is under way, and again as it lands.
    const duringFetch = await worker.handle({ type: 'set-unread', ids: read.slice(0, 2), unread: false });
    release();
    const asItLands = worker.handle({ type: 'set-unread', ids: read.slice(2), unread: false });
    const [outcome, afterMark] = await Promise.all([refreshing, asItLands]);

    const lost = await recordLostUpdate('popup marks read during a worker refresh', db, before, {
      ids: read,
      unread: 0,
    });
    expect(duringFetch.refreshing).toBe(true);
    expect(outcome).toMatchObject({
      kind: 'done',
      newUnreadIds: makeDay(TODAY, 7)
        .slice(5)
        .map((i) => i.paper.id),
    });
    expect(lost).toEqual([]);
    expect(afterMark.unread).toBeLessThanOrEqual(4);
    expect(await countUnread(db)).toBe(7 - 3);
    const view = await readDay(db, TODAY);
    expect(read.map((id) => view.states.get(id)?.unread)).toEqual([0, 0, 0]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
  });
});
