import { enqueue, type NotifyQueue } from '../notify';
import { mergeKnownPaper, type TrendingRecord } from '../trending';
import { firstSeenState, mergeDayIds, withReadState, type DayPlan } from '../unread';
import type { FeedDayRecord, Paper, PaperState, RefreshStatus } from '../types';
import { write, type PaperboyDB } from './database';
import { getMeta, putMeta, readMeta, updateMeta, updateMetaIn } from './meta';
import { isKey, validDay, validPapers, validStates } from './records';

/**
 * The feed cache: papers, day lists and read states (stores `papers`, `days`, `states`), with
 * the refresh bookkeeping and the notification queue that are written with them.
 */

/** Reads the worker's refresh bookkeeping. */
export async function getStatus(db: PaperboyDB): Promise<RefreshStatus> {
  return await getMeta(db, 'status');
}

/** Writes the refresh bookkeeping alone (a failed refresh touches nothing else). */
export async function putStatus(db: PaperboyDB, status: RefreshStatus): Promise<void> {
  await putMeta(db, 'status', status);
}

/** Applies `update` to the stored status in one transaction: no update is lost to another. */
export async function updateStatus(db: PaperboyDB, update: (current: RefreshStatus) => RefreshStatus): Promise<void> {
  await updateMeta(db, 'status', update);
}

export interface CommitInput {
  papers: Paper[];
  days: DayPlan[];
  /** The status change, applied to the stored status inside the same transaction. */
  updateStatus: (current: RefreshStatus) => RefreshStatus;
  now: number;
  /** New unread papers join the notification queue in the same transaction; this marks a first install or a long catch-up. */
  quietCatchUp?: boolean;
}

/**
 * Stores one refresh in a single transaction: papers (counts updated, user state untouched),
 * day lists, first-seen states for new papers, the status, and the new unread papers in the
 * notification queue. A worker killed halfway, or a write the browser refuses (a
 * StorageFailure), leaves the previous state. Returns the ids seen for the first time (in the
 * order met) and, of those, the ones that start unread.
 */
export async function commitRefresh(
  db: PaperboyDB,
  input: CommitInput,
): Promise<{ newIds: string[]; newUnreadIds: string[] }> {
  return await write(db, ['papers', 'days', 'states', 'meta'], async (tx) => {
    const papers = tx.objectStore('papers');
    const days = tx.objectStore('days');
    const states = tx.objectStore('states');
    const meta = tx.objectStore('meta');
    const newIds: string[] = [];
    const newUnreadIds: string[] = [];
    const work: Promise<unknown>[] = [];
    const stateWork: Promise<unknown>[] = [];
    try {
      for (const paper of input.papers) work.push(papers.put(paper));
      for (const plan of input.days) {
        work.push(
          plan.merge === true
            ? days
                .get(plan.day)
                .then((cached) =>
                  days.put({ day: plan.day, ids: mergeDayIds(cached?.ids, plan.ids), fetchedAt: input.now }),
                )
            : days.put({ day: plan.day, ids: plan.ids, fetchedAt: input.now }),
        );
        for (const id of plan.ids) {
          stateWork.push(
            states.get(id).then(async (existing) => {
              if (existing !== undefined || newIds.includes(id)) return;
              newIds.push(id);
              if (!plan.startsRead) newUnreadIds.push(id);
              await states.put(firstSeenState(id, plan.startsRead, input.now));
            }),
          );
        }
      }
      work.push(...stateWork);
      work.push(updateMetaIn(meta, 'status', input.updateStatus));
      // Once every state is known, the new unread papers join the notification queue: a worker
      // stopped right after this commit still announces them on its next start.
      work.push(
        Promise.all(stateWork).then(async () => {
          if (newUnreadIds.length === 0) return;
          await updateMetaIn(meta, 'notify-queue', (queue) =>
            enqueue(queue, newUnreadIds, input.quietCatchUp ?? false),
          );
        }),
      );
    } catch (error) {
      // A put that throws at once (a record IndexedDB cannot store) leaves the requests issued
      // before it pending: they reject once the write is aborted, and must not go unhandled.
      void Promise.allSettled(work);
      throw error;
    }
    await Promise.all(work);
    return { newIds, newUnreadIds };
  });
}

/** Everything the popup needs to draw one day, read in one transaction. */
export interface DayView {
  day: string;
  record: FeedDayRecord | undefined;
  papers: Paper[];
  states: Map<string, PaperState>;
}

/** Reads a day's papers (in the API's order) and their states; corrupt records are skipped. */
export async function readDay(db: PaperboyDB, day: string): Promise<DayView> {
  const tx = db.transaction(['days', 'papers', 'states'], 'readonly');
  const record = validDay(db, await tx.objectStore('days').get(day), day);
  const ids = record?.ids ?? [];
  const [papers, states] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  return { day, record, papers: validPapers(db, papers), states: stateMap(db, states) };
}

/** The latest cached day with papers (at or before `atOrBefore`), or null. */
export async function latestNonEmptyDay(db: PaperboyDB, atOrBefore?: string): Promise<string | null> {
  const range = atOrBefore === undefined ? null : IDBKeyRange.upperBound(atOrBefore);
  let cursor = await db.transaction('days').store.openCursor(range, 'prev');
  while (cursor) {
    if (Array.isArray(cursor.value.ids) && cursor.value.ids.length > 0) return cursor.value.day;
    cursor = await cursor.continue();
  }
  return null;
}

/** The cached day record, if that day was ever fetched. */
export async function getDay(db: PaperboyDB, day: string): Promise<FeedDayRecord | undefined> {
  return validDay(db, await db.get('days', day), day);
}

/**
 * Marks papers read (`unread` false) or unread, in one transaction. A paper with no state is
 * left alone, unless `createMissing` (a Trending paper never listed in the feed): it gets one,
 * first seen just before this change, so the change counts as the user's and syncs. Returns
 * how many changed. The one place read state is written, apart from a refresh's first-seen
 * states and what sync and restore apply (user-state.ts).
 */
export async function setUnread(
  db: PaperboyDB,
  ids: readonly string[],
  unread: boolean,
  now: number,
  options: { createMissing?: boolean } = {},
): Promise<number> {
  return await write(db, ['states'], async (tx) => {
    let changed = 0;
    await Promise.all(
      [...new Set(ids)].filter(isKey).map(async (id) => {
        const existing = await tx.objectStore('states').get(id);
        if (existing === undefined && options.createMissing !== true) return;
        // A state made for this change starts in the other state a moment before it, so the
        // change is recorded as the user's (changedAt > firstSeenAt: lib/sync-model.ts readsFromStates).
        const state = existing ?? firstSeenState(id, unread, now - 1);
        const next = withReadState(state, unread, now);
        if (next === state && existing !== undefined) return;
        changed += 1;
        await tx.objectStore('states').put(next);
      }),
    );
    return changed;
  });
}

/**
 * The unread papers the badge counts: unread states of papers a cached day lists. A state for
 * a paper no day lists (a Trending paper marked unread, a read mark synced from another
 * browser) is shown where the paper is, but never counted: nothing in the list could clear it.
 */
export async function readUnreadListed(db: PaperboyDB): Promise<Paper[]> {
  const tx = db.transaction(['states', 'papers', 'days'], 'readonly');
  const ids = await tx.objectStore('states').index('by-unread').getAllKeys(1);
  const papers = validPapers(db, await Promise.all(ids.map((id) => tx.objectStore('papers').get(id))));
  const feedDays = [...new Set(papers.map((paper) => paper.feedDay))];
  const records = await Promise.all(feedDays.map((day) => tx.objectStore('days').get(day)));
  await tx.done;
  const listed = new Map<string, Set<string>>();
  feedDays.forEach((day, index) => {
    const ids = records[index]?.ids;
    listed.set(day, new Set(Array.isArray(ids) ? ids : []));
  });
  return papers.filter((paper) => listed.get(paper.feedDay)?.has(paper.id) === true);
}

/** Number of unread papers across every cached day (readUnreadListed). */
export async function countUnread(db: PaperboyDB): Promise<number> {
  return (await readUnreadListed(db)).length;
}

/** The papers waiting for a notification. */
export async function getNotifyQueue(db: PaperboyDB): Promise<NotifyQueue> {
  return await getMeta(db, 'notify-queue');
}

/**
 * Changes the notification queue in one transaction, so papers a refresh enqueues meanwhile
 * are never lost. Returns the queue as it was.
 */
export async function updateNotifyQueue(
  db: PaperboyDB,
  update: (queue: NotifyQueue) => NotifyQueue,
): Promise<NotifyQueue> {
  return (await updateMeta(db, 'notify-queue', update)).before;
}

/** Papers listed on feed days `from` through `to`; corrupt records are skipped. */
export async function readPapersBetween(db: PaperboyDB, fromDay: string, toDay: string): Promise<Paper[]> {
  return validPapers(db, await db.getAllFromIndex('papers', 'by-day', IDBKeyRange.bound(fromDay, toDay)));
}

/** A paper from the feed cache, if it was ever listed (and is readable). */
export async function getCachedPaper(db: PaperboyDB, id: string): Promise<Paper | undefined> {
  return validPapers(db, [await db.get('papers', id)])[0];
}

/** Every cached paper (corrupt ones left out): the options page counts what each watchlist entry matches. */
export async function listPapers(db: PaperboyDB): Promise<Paper[]> {
  return validPapers(db, await db.getAll('papers'));
}

/** Papers by id (missing and corrupt ones left out), in the order asked. */
export async function readPapers(db: PaperboyDB, ids: readonly string[]): Promise<Paper[]> {
  const tx = db.transaction('papers', 'readonly');
  const papers = await Promise.all(ids.filter(isKey).map((id) => tx.store.get(id)));
  await tx.done;
  return validPapers(db, papers);
}

/** Which of `ids` are unread now (a corrupt state counts as not unread). */
export async function readUnreadIds(db: PaperboyDB, ids: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('states', 'readonly');
  const states = await Promise.all(ids.filter(isKey).map((id) => tx.store.get(id)));
  await tx.done;
  return new Set(
    validStates(db, states)
      .filter((state) => state.unread === 1)
      .map((state) => state.id),
  );
}

/** Every read state (backups). */
export async function listStates(db: PaperboyDB): Promise<PaperState[]> {
  return validStates(db, await db.getAll('states'));
}

/** Papers and their states, as the trending view, the digest page and search results draw them. */
export interface PapersView {
  papers: Paper[];
  states: Map<string, PaperState>;
}

/** The cached trending list, in rank order, with when it was fetched (null before the first fetch). */
export interface TrendingView extends PapersView {
  fetchedAt: number | null;
}

/** Papers by id with their states, read in one transaction (search results); missing ones left out. */
export async function readPapersWithStates(db: PaperboyDB, ids: readonly string[]): Promise<PapersView> {
  const tx = db.transaction(['papers', 'states'], 'readonly');
  const wanted = ids.filter(isKey);
  const [papers, states] = await Promise.all([
    Promise.all(wanted.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(wanted.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  return { papers: validPapers(db, papers), states: stateMap(db, states) };
}

/** Every cached paper listed on feed days `from` through `to`, with their states. */
export async function readPapersOfDays(db: PaperboyDB, from: string, to: string): Promise<PapersView> {
  const tx = db.transaction(['papers', 'states'], 'readonly');
  const papers = validPapers(db, await tx.objectStore('papers').index('by-day').getAll(IDBKeyRange.bound(from, to)));
  const states = await Promise.all(papers.map((paper) => tx.objectStore('states').get(paper.id)));
  await tx.done;
  return { papers, states: stateMap(db, states) };
}

/**
 * Stores papers seen outside the feed (the trending ranking, a week's list) in `papers` only:
 * no `days` record changes and no state is created, so nothing becomes unread or notifies.
 * A paper already known keeps its feed day. With `trending`, the trending list is replaced in
 * the same transaction.
 */
export async function storeListedPapers(
  db: PaperboyDB,
  papers: readonly Paper[],
  trending?: TrendingRecord,
): Promise<void> {
  await write(db, ['papers', 'meta'], async (tx) => {
    const store = tx.objectStore('papers');
    const work: Promise<unknown>[] = papers.map(async (paper) => {
      const known = await store.get(paper.id);
      await store.put(mergeKnownPaper(paper, known));
    });
    if (trending !== undefined) work.push(tx.objectStore('meta').put(trending, 'trending'));
    await Promise.all(work);
  });
}

/** The cached papers of `papers` merged as a period load stores them: a known paper keeps its feed day. */
export async function withKnownFeedDays(db: PaperboyDB, papers: readonly Paper[]): Promise<Paper[]> {
  const tx = db.transaction('papers', 'readonly');
  const known = await Promise.all(papers.map((paper) => tx.store.get(paper.id)));
  await tx.done;
  return papers.map((paper, index) => mergeKnownPaper(paper, known[index]));
}

/** The cached trending list with its papers and states, read in one transaction. */
export async function readTrending(db: PaperboyDB): Promise<TrendingView> {
  const tx = db.transaction(['meta', 'papers', 'states'], 'readonly');
  const record = readMeta('trending', await tx.objectStore('meta').get('trending'));
  const ids = record?.ids ?? [];
  const [papers, states] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  return { papers: validPapers(db, papers), states: stateMap(db, states), fetchedAt: record?.fetchedAt ?? null };
}

function stateMap(db: PaperboyDB, states: (PaperState | undefined)[]): Map<string, PaperState> {
  const map = new Map<string, PaperState>();
  for (const state of validStates(db, states)) map.set(state.id, state);
  return map;
}
