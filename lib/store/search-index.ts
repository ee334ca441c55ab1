import { isFolded, isFoldedDays, snapshotOf, type Folded, type FoldedDays, type Snapshot } from '../search-folding';
import type { FeedDayRecord, Paper } from '../types';
import { write, type PaperboyDB, type SearchIndexKey } from './database';
import { validPapers } from './records';

/**
 * The persisted search index, in a store of its own (`search-index`, schema v4): the index
 * (`index`) and a small record written in the same transaction (`state`), which the worker
 * weighs after each commit without reading the ~30 MB index.
 */

/** The index as stored: MiniSearch's JSON in parts a page loads one per slice. */
export interface StoredSearchIndex {
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

/** What an earlier version stored: the whole index as one JSON text. Still read; replaced on the next update. */
export interface StoredSearchIndexText {
  json: string;
  syncedAt: number;
}

/** The record beside the index: its version and the day lists it folds in. */
export interface SearchIndexState {
  version: number;
  days: FoldedDays;
  syncedAt: number;
}

/**
 * Papers read at once (one `getAll`, or one transaction of `get`s) when an index is built or
 * catches up: ~1 MB to copy out of IndexedDB, where 20,000 papers at once block a page for half a second.
 */
const READ_BATCH = 500;

/** The stored index, or null when there is none or it cannot be read. */
export async function readStoredSearchIndex(db: PaperboyDB): Promise<StoredSearchIndex | StoredSearchIndexText | null> {
  const value: unknown = await db.get('search-index', 'index');
  if (typeof value !== 'object' || value === null) return null;
  const { parts, json, days, syncedAt } = value as Partial<StoredSearchIndex & StoredSearchIndexText>;
  if (typeof syncedAt !== 'number') return null;
  if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) {
    return isFoldedDays(days) ? { parts, days, syncedAt } : { parts, syncedAt };
  }
  return typeof json === 'string' ? { json, syncedAt } : null;
}

/** The state record, or null when there is none or it cannot be read. */
export async function readSearchIndexState(db: PaperboyDB): Promise<SearchIndexState | null> {
  const value: unknown = await db.get('search-index', 'state');
  if (typeof value !== 'object' || value === null) return null;
  const { version, days, syncedAt } = value as Partial<SearchIndexState>;
  if (typeof version !== 'number' || typeof syncedAt !== 'number' || !isFoldedDays(days)) return null;
  return { version, days, syncedAt };
}

/** What a stored index folds in. */
export function foldedOf(stored: StoredSearchIndex | StoredSearchIndexText): Folded {
  return 'days' in stored && stored.days !== undefined ? { days: stored.days } : { syncedAt: stored.syncedAt };
}

/** Stores the index and its state in one transaction: a failed or killed write leaves the previous pair. */
export async function storeSearchIndex(
  db: PaperboyDB,
  parts: string[],
  snapshot: Snapshot,
  version: number,
): Promise<void> {
  const { days, syncedAt } = snapshot;
  const record: StoredSearchIndex = { parts, days, syncedAt };
  const state: SearchIndexState = { version, days, syncedAt };
  await write(db, ['search-index'], async (tx) => {
    await Promise.all([tx.objectStore('search-index').put(record, 'index'), tx.objectStore('search-index').put(state, 'state')]);
  });
}

/** Every day list (to weigh the backlog, or to snapshot before a build). */
export async function readDayRecords(db: PaperboyDB): Promise<FeedDayRecord[]> {
  return await db.getAll('days');
}

/**
 * Hands the papers of every day list the index does not hold as it stands to `onBatch`,
 * READ_BATCH at a time, and returns the day lists as read before the first batch: a paper
 * written meanwhile is read as written, and its newer day list is caught up next time.
 */
export async function readChangedPapers(
  db: PaperboyDB,
  folded: Folded,
  onBatch: (papers: Paper[]) => Promise<void>,
): Promise<Snapshot> {
  const records = await readDayRecords(db);
  const ids = [...new Set(records.filter((day) => !isFolded(folded, day)).flatMap((day) => day.ids))];
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const tx = db.transaction('papers', 'readonly');
    const found = await Promise.all(ids.slice(start, start + READ_BATCH).map((id) => tx.store.get(id)));
    await tx.done;
    const papers = validPapers(db, found);
    if (papers.length > 0) await onBatch(papers);
  }
  return snapshotOf(records);
}

/**
 * Hands every paper to `onBatch`, READ_BATCH at a time in key order, and returns the day lists
 * as read before the first batch: a paper committed meanwhile is in a batch or, its day list
 * being newer than the one returned, caught up next time. Never lost.
 */
export async function readAllPapers(db: PaperboyDB, onBatch: (papers: Paper[]) => Promise<void>): Promise<Snapshot> {
  const snapshot = snapshotOf(await readDayRecords(db));
  let after: string | null = null;
  for (;;) {
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const batch: Paper[] = await db.getAll('papers', range, READ_BATCH);
    const papers = validPapers(db, batch);
    if (papers.length > 0) await onBatch(papers);
    if (batch.length < READ_BATCH) return snapshot;
    after = batch[batch.length - 1]!.id;
  }
}

/** A raw record of the search-index store, as stored (tests and the bench inspect and seed it). */
export async function getSearchIndexRecord(db: PaperboyDB, key: SearchIndexKey): Promise<unknown> {
  return await db.get('search-index', key);
}

/** Writes a raw record of the search-index store (tests seed an earlier version's index with it). */
export async function putSearchIndexRecord(db: PaperboyDB, key: SearchIndexKey, value: unknown): Promise<void> {
  await write(db, ['search-index'], async (tx) => await tx.objectStore('search-index').put(value, key));
}
