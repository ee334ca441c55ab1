import { isTrendingStale } from '../trending';
import type { Failure } from '../types';
import type { PaperboyDB } from '../store/database';
import { storeListedPapers } from '../store/feed';
import { getMeta } from '../store/meta';
import type { ListResult } from '../platform/hf-lists';

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
      const record = await getMeta(await options.db(), 'trending');
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
