import { PaperSearchIndex, type SearchHit } from '../search';
import type { Paper } from '../types';
import { getMeta, putMeta, type PaperboyDB } from './db';

/**
 * The stored index in the `meta` store. `syncedAt` is the latest day-list write (a day record's
 * `fetchedAt`) folded in: papers of days written since are indexed on top when it is loaded,
 * so an index the worker had no time to update is still complete.
 */
export const SEARCH_INDEX_KEY = 'search-index';

interface StoredSearchIndex {
  /**
   * `PaperSearchIndex.toParts()`: JSON texts (strings: IndexedDB copies them without walking
   * them), parsed and loaded one per slice by a page.
   */
  parts: string[];
  syncedAt: number;
}

/** What an earlier version stored: the whole index as one JSON text. Still read; replaced on the next update. */
interface StoredSearchIndexText {
  json: string;
  syncedAt: number;
}

/** Papers indexed between two pauses while a page builds an index itself, so it keeps taking keys. */
const BUILD_SLICE = 50;

function asStored(value: unknown): StoredSearchIndex | StoredSearchIndexText | null {
  if (typeof value !== 'object' || value === null) return null;
  const { parts, json, syncedAt } = value as Partial<StoredSearchIndex & StoredSearchIndexText>;
  if (typeof syncedAt !== 'number') return null;
  if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) return { parts, syncedAt };
  return typeof json === 'string' ? { json, syncedAt } : null;
}

/** Restores a stored index, pausing between its parts; null when there is none or it cannot be read. */
async function loadStored(
  stored: StoredSearchIndex | StoredSearchIndexText | null,
  pause: () => Promise<void>,
): Promise<PaperSearchIndex | null> {
  if (stored === null) return null;
  if ('parts' in stored) return await PaperSearchIndex.loadParts(stored.parts, pause);
  return await PaperSearchIndex.loadJSONAsync(stored.json);
}

/**
 * Yields to the page: `scheduler.yield()` where there is one (Chrome 129+), else a message
 * round trip, which unlike `setTimeout(0)` is not clamped to 4 ms after a few nested calls.
 */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A pause that yields only once `budgetMs` of work ran since the last one: few yields, no long task. */
function pauseEvery(budgetMs: number, yieldNow: () => Promise<void>): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldNow();
    since = performance.now();
  };
}

/**
 * The papers of every day list written at or after `since` (all papers when null), and the
 * latest write among them, read in one transaction so no commit slips in between.
 */
async function readChangedPapers(db: PaperboyDB, since: number | null): Promise<{ papers: Paper[]; syncedAt: number }> {
  const tx = db.transaction(['days', 'papers'], 'readonly');
  const days = await tx.objectStore('days').getAll();
  const syncedAt = days.reduce((latest, day) => Math.max(latest, day.fetchedAt), since ?? 0);
  let papers: Paper[];
  if (since === null) {
    papers = await tx.objectStore('papers').getAll();
  } else {
    // ">=": a commit in the same millisecond as the last one folded in is indexed again, never missed.
    const ids = new Set(days.filter((day) => day.fetchedAt >= since).flatMap((day) => day.ids));
    const found = await Promise.all([...ids].map((id) => tx.objectStore('papers').get(id)));
    papers = found.filter((paper): paper is Paper => paper !== undefined);
  }
  await tx.done;
  return { papers, syncedAt };
}

export interface SearchIndexer {
  /**
   * Brings the stored index up to date with the cache (incrementally; built from scratch when
   * missing or of another version) and stores it. Calls while one runs share a single follow-up.
   */
  update(): Promise<void>;
}

/**
 * The worker's side: keeps the persisted index in step with the cache after each commit. The
 * index stays in memory while the worker lives, so a burst of commits costs one load.
 */
export function createSearchIndexer(options: { db: () => Promise<PaperboyDB> }): SearchIndexer {
  let index: PaperSearchIndex | null = null;
  let syncedAt: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function once(): Promise<void> {
    const db = await options.db();
    if (index === null) {
      const stored = asStored(await getMeta(db, SEARCH_INDEX_KEY));
      const loaded = await loadStored(stored, () => Promise.resolve());
      index = loaded ?? PaperSearchIndex.create();
      syncedAt = loaded === null ? null : stored!.syncedAt;
    }
    const changed = await readChangedPapers(db, syncedAt);
    index.addPapers(changed.papers);
    syncedAt = changed.syncedAt;
    await putMeta(db, SEARCH_INDEX_KEY, { parts: index.toParts(), syncedAt } satisfies StoredSearchIndex);
  }

  return {
    update(): Promise<void> {
      if (running !== null) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await once();
          } while (again);
        } catch (error) {
          // Next time starts from what is stored: a half-updated index in memory is dropped.
          index = null;
          throw error;
        } finally {
          running = null;
        }
      })();
      return running;
    },
  };
}

/** Search for a page: loaded lazily, searched synchronously (one keystroke, one frame). */
export interface SearchService {
  /** Loads the index (once; later calls share it) and catches up with the cache. */
  ready(): Promise<void>;
  /** True once `ready` has resolved. */
  readonly isReady: boolean;
  /** Best matches first; none until ready. */
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Folds in what the worker committed since (call on its change broadcast). */
  sync(): Promise<void>;
}

/**
 * The page's side: loads the worker's stored index without blocking the page, adds the papers
 * of days written since it was stored, and builds one from the papers in slices when there is
 * none yet. Nothing here runs before `ready` is called: opening a page never waits for it.
 */
export function createSearchService(options: {
  db: () => Promise<PaperboyDB>;
  /** Yields to the page between slices of work; tests pass an immediate one. */
  pause?: () => Promise<void>;
}): SearchService {
  // Slices of ~12 ms leave most of each frame to the page.
  const pause = options.pause ?? pauseEvery(12, yieldToPage);
  let index: PaperSearchIndex | null = null;
  let syncedAt: number | null = null;
  let loading: Promise<void> | null = null;
  let syncing: Promise<void> = Promise.resolve();

  async function addInSlices(target: PaperSearchIndex, papers: Paper[]): Promise<void> {
    for (let start = 0; start < papers.length; start += BUILD_SLICE) {
      target.addPapers(papers.slice(start, start + BUILD_SLICE));
      if (start + BUILD_SLICE < papers.length) await pause();
    }
  }

  async function catchUp(target: PaperSearchIndex): Promise<void> {
    const changed = await readChangedPapers(await options.db(), syncedAt);
    await addInSlices(target, changed.papers);
    syncedAt = changed.syncedAt;
  }

  async function load(): Promise<void> {
    const stored = asStored(await getMeta(await options.db(), SEARCH_INDEX_KEY));
    const loaded = await loadStored(stored, pause);
    syncedAt = loaded === null ? null : stored!.syncedAt;
    const target = loaded ?? PaperSearchIndex.create();
    await catchUp(target);
    index = target;
  }

  return {
    ready(): Promise<void> {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    get isReady() {
      return index !== null;
    },
    search(query, searchOptions) {
      return index === null ? [] : index.search(query, searchOptions);
    },
    sync(): Promise<void> {
      syncing = syncing
        .catch(() => undefined)
        .then(async () => {
          if (index !== null) await catchUp(index);
        });
      return syncing;
    },
  };
}
