import { asTrendingRecord, isTrendingStale, mergeKnownPaper, type TrendingRecord } from '../trending';
import { firstSeenState, withReadState } from '../unread';
import type { Failure, Paper, PaperState } from '../types';
import type { PaperboyDB } from '../store/database';
import type { ListResult } from '../platform/hf-lists';

/** The meta key of the cached trending list (ids in rank order and when they were fetched). */
export const TRENDING_KEY = 'trending';

/** Papers and their states, as the trending view and the digest page draw them. */
export interface PapersView {
  papers: Paper[];
  states: Map<string, PaperState>;
}

/** The cached trending list, in rank order, with when it was fetched (null before the first fetch). */
export interface TrendingView extends PapersView {
  fetchedAt: number | null;
}

/**
 * Stores papers seen outside the feed (the trending ranking, a week's list) in `papers` only:
 * no `days` record changes and no state is created, so nothing becomes unread or notifies.
 * A paper already known keeps its feed day. With `trendingIds`, the trending list is replaced
 * in the same transaction.
 */
export async function storeListedPapers(
  db: PaperboyDB,
  papers: Paper[],
  trending?: { ids: string[]; fetchedAt: number },
): Promise<void> {
  const tx = db.transaction(['papers', 'meta'], 'readwrite');
  const store = tx.objectStore('papers');
  const work: Promise<unknown>[] = papers.map(async (paper) => {
    const known = await store.get(paper.id);
    await store.put(mergeKnownPaper(paper, known));
  });
  if (trending !== undefined) work.push(tx.objectStore('meta').put(trending satisfies TrendingRecord, TRENDING_KEY));
  await Promise.all([...work, tx.done]);
}

/** The trending record alone (to decide whether it is stale). */
export async function getTrendingRecord(db: PaperboyDB): Promise<TrendingRecord | null> {
  return asTrendingRecord(await db.get('meta', TRENDING_KEY));
}

/** The cached trending list with its papers and states, read in one transaction. */
export async function readTrending(db: PaperboyDB): Promise<TrendingView> {
  const tx = db.transaction(['meta', 'papers', 'states'], 'readonly');
  const record = asTrendingRecord(await tx.objectStore('meta').get(TRENDING_KEY));
  const ids = record?.ids ?? [];
  const [papers, states] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  return {
    papers: papers.filter((paper): paper is Paper => paper !== undefined),
    states: toMap(states),
    fetchedAt: record?.fetchedAt ?? null,
  };
}

/** Every cached paper listed on feed days `from` through `to`, with their states. */
export async function readPapersOfDays(db: PaperboyDB, from: string, to: string): Promise<PapersView> {
  const tx = db.transaction(['papers', 'states'], 'readonly');
  const papers = await tx.objectStore('papers').index('by-day').getAll(IDBKeyRange.bound(from, to));
  const states = await Promise.all(papers.map((paper) => tx.objectStore('states').get(paper.id)));
  await tx.done;
  return { papers, states: toMap(states) };
}

/**
 * Marks papers read or unread, giving a paper that has no state yet (trending, never in the
 * feed) one first, in one transaction. Returns how many changed.
 */
export async function setUnreadCreating(db: PaperboyDB, ids: string[], unread: boolean, now: number): Promise<number> {
  const tx = db.transaction('states', 'readwrite');
  let changed = 0;
  await Promise.all(
    ids.map(async (id) => {
      const state = (await tx.store.get(id)) ?? firstSeenState(id, true, now);
      const next = withReadState(state, unread, now);
      if (next === state) return;
      changed += 1;
      await tx.store.put(next);
    }),
  );
  await tx.done;
  return changed;
}

function toMap(states: (PaperState | undefined)[]): Map<string, PaperState> {
  const map = new Map<string, PaperState>();
  for (const state of states) if (state !== undefined) map.set(state.id, state);
  return map;
}

export interface TrendingLoaderOptions {
  db: () => Promise<PaperboyDB>;
  now: () => number;
  /** Fetches the ranking (lib/platform/hf-lists.ts `fetchTrending` with the current endpoint). */
  fetchTrending: () => Promise<ListResult>;
}

/** Where loading the trending list stands, for the popup. */
export interface TrendingActivity {
  loading: boolean;
  /** Why the last load failed (the cached list stays on screen), or null. */
  failure: Failure | null;
}

/**
 * Keeps the cached trending list fresh: `load` fetches it when older than TRENDING_STALE_MS
 * (or always with `force`); concurrent loads share one fetch; a failure keeps the cached list.
 */
export function createTrendingLoader(options: TrendingLoaderOptions) {
  let inflight: Promise<void> | null = null;
  let failure: Failure | null = null;

  async function fetchAndStore(): Promise<void> {
    const result = await options.fetchTrending();
    if (!result.ok) {
      failure = result.failure;
      console.warn('[paperboy] loading the trending list failed:', result.failure);
      return;
    }
    failure = null;
    const at = options.now();
    await storeListedPapers(await options.db(), result.papers, {
      ids: result.papers.map((paper) => paper.id),
      fetchedAt: at,
    });
  }

  /** Fetches the list when stale (or `force`); resolves once stored or failed. */
  async function load(force = false): Promise<void> {
    if (inflight === null) {
      const record = await getTrendingRecord(await options.db());
      if (!force && !isTrendingStale(record, options.now())) return;
    }
    inflight ??= fetchAndStore().finally(() => {
      inflight = null;
    });
    await inflight;
  }

  function activity(): TrendingActivity {
    return { loading: inflight !== null, failure };
  }

  return { load, activity };
}

export type TrendingLoader = ReturnType<typeof createTrendingLoader>;
