import { PaperSearchIndex, SEARCH_INDEX_VERSION } from '../search';
import { countBacklog, type Folded } from '../search-folding';
import type { PaperboyDB } from '../store/database';
import {
  foldedOf,
  readAllPapers,
  readChangedPapers,
  readDayRecords,
  readSearchIndexState,
  readStoredSearchIndex,
  storeSearchIndex,
} from '../store/search-index';

/**
 * Papers in day lists written since the stored index at which the worker stores it again.
 * Below it a page indexes them on top (a few hundred milliseconds in slices), which is cheaper
 * than the worker rewriting ~30 MB after every refresh.
 */
export const INDEX_BACKLOG_LIMIT = 1_000;
/**
 * The same while the archive downloads (20,000 papers, a month at a time): storing the growing
 * index after most months would write it dozens of times (hundreds of MB); every 5,000 papers it
 * is a handful of times, and a page opened meanwhile catches up at most ~5,000 papers (2–3 s,
 * in slices, on its first search).
 */
export const ARCHIVE_BACKLOG_LIMIT = 5_000;

export interface SearchIndexer {
  /**
   * Stores the index again once papers of `backlogLimit` or more are not in the stored one
   * (incrementally; built from scratch when missing or of another version); otherwise leaves it
   * as it is, for pages to catch up. Calls while one runs share a single follow-up.
   */
  update(): Promise<void>;
}

/**
 * The worker's side: keeps the persisted index close enough to the cache after each commit,
 * weighing the backlog from a small record and storing the index again only past a limit. Once
 * loaded, the index stays in memory while the worker lives, so a burst of archive months costs one load.
 */
export function createSearchIndexer(options: {
  db: () => Promise<PaperboyDB>;
  /** INDEX_BACKLOG_LIMIT unless given (tests give a small one); asked again at each update when a function. */
  backlogLimit?: number | (() => Promise<number>);
}): SearchIndexer {
  const limit = options.backlogLimit ?? INDEX_BACKLOG_LIMIT;
  const backlogLimit = async (): Promise<number> => (typeof limit === 'number' ? limit : await limit());
  let index: PaperSearchIndex | null = null;
  let folded: Folded | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function once(): Promise<void> {
    const db = await options.db();
    const state = await readSearchIndexState(db);
    const isSameVersion = state?.version === SEARCH_INDEX_VERSION;
    // Current enough: pages index the few papers past it themselves. With no state (nothing
    // stored yet, or stored by an earlier version) or another version's, it is stored now.
    if (isSameVersion && countBacklog(await readDayRecords(db), { days: state.days }) < (await backlogLimit())) return;
    if (index === null || folded === null) {
      // Another version's index is rebuilt from the papers, never misread.
      const stored = state !== null && !isSameVersion ? null : await readStoredSearchIndex(db);
      const loaded = await PaperSearchIndex.loadStored(stored);
      if (loaded !== null && stored !== null) {
        index = loaded;
        folded = foldedOf(stored);
      } else {
        const built = PaperSearchIndex.create();
        folded = { days: (await readAllPapers(db, (papers) => Promise.resolve(built.addPapers(papers)))).days };
        index = built;
      }
    }
    const target = index;
    const snapshot = await readChangedPapers(db, folded, (papers) => Promise.resolve(target.addPapers(papers)));
    folded = { days: snapshot.days };
    await storeSearchIndex(db, index.toParts(), snapshot, SEARCH_INDEX_VERSION);
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
          folded = null;
          throw error;
        } finally {
          running = null;
        }
      })();
      return running;
    },
  };
}
