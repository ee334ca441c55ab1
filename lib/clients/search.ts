import { PaperSearchIndex, type SearchHit } from '../search';
import type { Folded } from '../search-folding';
import type { PaperboyDB } from '../store/database';
import { foldedOf, readAllPapers, readChangedPapers, readStoredSearchIndex } from '../store/search-index';
import type { Paper } from '../types';

/** Papers indexed between two pauses while a page builds an index itself, so it keeps taking keys. */
const BUILD_SLICE = 50;

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
  /** What `index` folds in; set whenever `index` is. */
  let folded: Folded = { days: {} };
  let loading: Promise<void> | null = null;
  let syncing: Promise<void> = Promise.resolve();

  async function addInSlices(target: PaperSearchIndex, papers: Paper[]): Promise<void> {
    for (let start = 0; start < papers.length; start += BUILD_SLICE) {
      target.addPapers(papers.slice(start, start + BUILD_SLICE));
      if (start + BUILD_SLICE < papers.length) await pause();
    }
  }

  /** Adds a batch of papers in slices, and pauses before the next batch is read. */
  async function addBatch(target: PaperSearchIndex, papers: Paper[]): Promise<void> {
    await addInSlices(target, papers);
    await pause();
  }

  async function catchUp(target: PaperSearchIndex, from: Folded): Promise<void> {
    const snapshot = await readChangedPapers(await options.db(), from, (papers) => addBatch(target, papers));
    folded = { days: snapshot.days };
  }

  /** Builds an index from every paper, a batch at a time, pausing between batches and slices. */
  async function build(): Promise<{ built: PaperSearchIndex; from: Folded }> {
    const built = PaperSearchIndex.create();
    const { days } = await readAllPapers(await options.db(), (papers) => addBatch(built, papers));
    return { built, from: { days } };
  }

  async function load(): Promise<void> {
    const stored = await readStoredSearchIndex(await options.db());
    const loaded = await PaperSearchIndex.loadStored(stored, pause);
    const { built, from } =
      loaded !== null && stored !== null ? { built: loaded, from: foldedOf(stored) } : await build();
    // Whatever was committed while it loaded or was built.
    await catchUp(built, from);
    index = built;
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
          if (index !== null) await catchUp(index, folded);
        });
      return syncing;
    },
  };
}
