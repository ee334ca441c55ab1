import { PaperSearchIndex, SEARCH_INDEX_VERSION, type SearchHit } from '../search';
import type { FeedDayRecord, Paper } from '../types';
import { getMeta, type PaperboyDB } from '../store/database';

/**
 * The stored index in the `meta` store, with the day lists it folds in: papers of days written
 * since are indexed on top when it is loaded, so an index the worker has not stored again (it
 * waits for a backlog, see `INDEX_BACKLOG_LIMIT`) is still complete.
 */
export const SEARCH_INDEX_KEY = 'search-index';
/**
 * A small record written in the same transaction as the index: its version and the day lists it
 * folds in. The worker weighs the backlog after each commit from it, never reading the ~30 MB index.
 */
export const SEARCH_INDEX_STATE_KEY = 'search-index-state';
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

/**
 * Each day list an index folds in, by feed day: its `fetchedAt` and length when read
 * ("1764172800000:42"), so a list written again is caught up even in the same millisecond
 * (a frozen test clock) when it grew.
 */
type FoldedDays = Record<string, string>;

/** The day lists as read at one moment, and the latest write among them. */
interface Snapshot {
  days: FoldedDays;
  syncedAt: number;
}

/**
 * What an index folds in: the day lists as read, or (an index stored by an earlier version) every
 * list written before `syncedAt`.
 */
type Folded = { days: FoldedDays } | { syncedAt: number };

interface StoredSearchIndex {
  /**
   * `PaperSearchIndex.toParts()`: JSON texts (strings: IndexedDB copies them without walking
   * them), parsed and loaded one per slice by a page.
   */
  parts: string[];
  /** Absent in an index stored by an earlier version: `syncedAt` says what it folds in. */
  days?: FoldedDays;
  /** The latest day-list write folded in. */
  syncedAt: number;
}

/** The record at SEARCH_INDEX_STATE_KEY. */
interface SearchIndexState {
  version: number;
  days: FoldedDays;
  syncedAt: number;
}

/** What an earlier version stored: the whole index as one JSON text. Still read; replaced on the next update. */
interface StoredSearchIndexText {
  json: string;
  syncedAt: number;
}

/** Papers indexed between two pauses while a page builds an index itself, so it keeps taking keys. */
const BUILD_SLICE = 50;
/**
 * Papers read at once (one `getAll`, or one transaction of `get`s) when an index is built or
 * catches up: ~1 MB to copy out of IndexedDB, where 20,000 papers at once block a page for half a second.
 */
const READ_BATCH = 500;

function isFoldedDays(value: unknown): value is FoldedDays {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asStored(value: unknown): StoredSearchIndex | StoredSearchIndexText | null {
  if (typeof value !== 'object' || value === null) return null;
  const { parts, json, days, syncedAt } = value as Partial<StoredSearchIndex & StoredSearchIndexText>;
  if (typeof syncedAt !== 'number') return null;
  if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) {
    return isFoldedDays(days) ? { parts, days, syncedAt } : { parts, syncedAt };
  }
  return typeof json === 'string' ? { json, syncedAt } : null;
}

function asState(value: unknown): SearchIndexState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, days, syncedAt } = value as Partial<SearchIndexState>;
  if (typeof version !== 'number' || typeof syncedAt !== 'number' || !isFoldedDays(days)) return null;
  return { version, days, syncedAt };
}

function foldedOf(stored: StoredSearchIndex | StoredSearchIndexText): Folded {
  return 'days' in stored && stored.days !== undefined ? { days: stored.days } : { syncedAt: stored.syncedAt };
}

/** True when the index holds this day list as it stands. */
function isFolded(folded: Folded, day: FeedDayRecord): boolean {
  // An earlier version's ">=": a commit in the same millisecond as the last one folded in is indexed again.
  if ('syncedAt' in folded) return day.fetchedAt < folded.syncedAt;
  return folded.days[day.day] === markOf(day);
}

function markOf(day: FeedDayRecord): string {
  return `${day.fetchedAt}:${day.ids.length}`;
}

function snapshotOf(records: FeedDayRecord[]): Snapshot {
  return {
    days: Object.fromEntries(records.map((record) => [record.day, markOf(record)])),
    syncedAt: records.reduce((latest, record) => Math.max(latest, record.fetchedAt), 0),
  };
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
 * Hands the papers of every day list the index does not hold as it stands to `onBatch`,
 * READ_BATCH at a time, and returns the day lists as read before the first batch: a paper
 * written meanwhile is read as written, and its newer day list is caught up next time.
 */
async function readChangedPapers(
  db: PaperboyDB,
  folded: Folded,
  onBatch: (papers: Paper[]) => Promise<void>,
): Promise<Snapshot> {
  const records = await db.getAll('days');
  const ids = [...new Set(records.filter((day) => !isFolded(folded, day)).flatMap((day) => day.ids))];
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const tx = db.transaction('papers', 'readonly');
    const found = await Promise.all(ids.slice(start, start + READ_BATCH).map((id) => tx.store.get(id)));
    await tx.done;
    const papers = found.filter((paper): paper is Paper => paper !== undefined);
    if (papers.length > 0) await onBatch(papers);
  }
  return snapshotOf(records);
}

/**
 * Hands every paper to `onBatch`, READ_BATCH at a time in key order, and returns the day lists
 * as read before the first batch: a paper committed meanwhile is in a batch or, its day list
 * being newer than the one returned, caught up next time. Never lost.
 */
async function readAllPapers(db: PaperboyDB, onBatch: (papers: Paper[]) => Promise<void>): Promise<Snapshot> {
  const snapshot = snapshotOf(await db.getAll('days'));
  let after: string | null = null;
  for (;;) {
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const batch: Paper[] = await db.getAll('papers', range, READ_BATCH);
    if (batch.length > 0) await onBatch(batch);
    if (batch.length < READ_BATCH) return snapshot;
    after = batch[batch.length - 1]!.id;
  }
}

/** Papers in day lists the stored index does not hold as they stand: what a page indexes on top. */
function countBacklog(records: FeedDayRecord[], folded: Folded): number {
  return records.reduce((sum, day) => (isFolded(folded, day) ? sum : sum + day.ids.length), 0);
}

/** Stores the index and its state in one transaction: a failed or killed write leaves the previous pair. */
async function storeIndex(db: PaperboyDB, index: PaperSearchIndex, { days, syncedAt }: Snapshot): Promise<void> {
  const record: StoredSearchIndex = { parts: index.toParts(), days, syncedAt };
  const state: SearchIndexState = { version: SEARCH_INDEX_VERSION, days, syncedAt };
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([tx.store.put(record, SEARCH_INDEX_KEY), tx.store.put(state, SEARCH_INDEX_STATE_KEY), tx.done]);
}

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
    const state = asState(await getMeta(db, SEARCH_INDEX_STATE_KEY));
    const isSameVersion = state?.version === SEARCH_INDEX_VERSION;
    // Current enough: pages index the few papers past it themselves. With no state (nothing
    // stored yet, or stored by an earlier version) or another version's, it is stored now.
    if (isSameVersion && countBacklog(await db.getAll('days'), { days: state.days }) < (await backlogLimit())) return;
    if (index === null || folded === null) {
      // Another version's index is rebuilt from the papers, never misread.
      const stored = state !== null && !isSameVersion ? null : asStored(await getMeta(db, SEARCH_INDEX_KEY));
      const loaded = await loadStored(stored, () => Promise.resolve());
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
    await storeIndex(db, index, snapshot);
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
    const stored = asStored(await getMeta(await options.db(), SEARCH_INDEX_KEY));
    const loaded = await loadStored(stored, pause);
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
