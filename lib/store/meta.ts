import { asArchiveProgress, type ArchiveProgress } from '../archive';
import { asDigestMarks, type DigestMarks } from '../digest';
import { asQueue, type NotifyQueue } from '../notify';
import { asTrendingRecord, type TrendingRecord } from '../trending';
import { EMPTY_STATUS, type RefreshStatus } from '../types';
import type { IDBPObjectStore } from 'idb';
import { write, type PaperboyDB, type PaperboySchema, type StoreName } from './database';

/** The `meta` store inside any write transaction that spans it. */
export type MetaStore = IDBPObjectStore<PaperboySchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

/**
 * The `meta` store, typed: each key has one record type and one reader that turns whatever is
 * on disk (written by this version, an earlier one, or damaged) into a valid value. Every read
 * goes through the reader; nothing else is ever kept in `meta`.
 */

/** A summary notification's papers and day, kept while it is on screen (its buttons need them). */
export interface SummaryRecord {
  ids: string[];
  day: string;
}

/** Keys of summary notifications: `paperboy:summary:<day>:<hash>` (lib/services/notifications.ts). */
export type SummaryKey = `paperboy:summary:${string}`;

const SUMMARY_PREFIX = 'paperboy:summary:';

const READERS = {
  /** The worker's refresh bookkeeping. */
  status: (stored: unknown): RefreshStatus => ({ ...EMPTY_STATUS, ...(isObject(stored) ? stored : {}) }),
  /** Papers waiting for a notification (lib/notify.ts). */
  'notify-queue': (stored: unknown): NotifyQueue => asQueue(stored),
  /** Papers an upvote alert was shown for, with their feed day (forgotten once out of the window). */
  'upvote-alerted': (stored: unknown): Record<string, string> => recordOf(stored, isText),
  /** The cached trending ranking. */
  trending: (stored: unknown): TrendingRecord | null => asTrendingRecord(stored),
  /** When each week ("2026-W48") or month ("2026-11") was last fetched. */
  'period-loads': (stored: unknown): Record<string, number> => recordOf(stored, isNumber),
  /** Where the archive download stands. */
  'archive-progress': (stored: unknown): ArchiveProgress => asArchiveProgress(stored),
  /** The periods each digest last fired for. */
  'digest-marks': (stored: unknown): DigestMarks => asDigestMarks(stored),
  /** Whether persistent storage was asked for (once, on the first save). */
  'storage-persist-asked': (stored: unknown): boolean => stored === true,
} satisfies Record<string, (stored: unknown) => unknown>;

type FixedKey = keyof typeof READERS;

/** Every key of `meta` and the record it holds. */
export type MetaRecords = { [K in FixedKey]: ReturnType<(typeof READERS)[K]> } & {
  [K in SummaryKey]: SummaryRecord | null;
};
export type MetaKey = keyof MetaRecords;

/** Whether a key names a summary notification's record. */
export function isSummaryKey(key: string): key is SummaryKey {
  return key.startsWith(SUMMARY_PREFIX);
}

/** Reads what is stored under `key` as its record type (the reader repairs or defaults anything else). */
export function readMeta<K extends MetaKey>(key: K, stored: unknown): MetaRecords[K] {
  if (key.startsWith(SUMMARY_PREFIX)) return asSummary(stored) as MetaRecords[K];
  return READERS[key as FixedKey](stored) as MetaRecords[K];
}

/** One meta record. */
export async function getMeta<K extends MetaKey>(db: PaperboyDB, key: K): Promise<MetaRecords[K]> {
  return readMeta(key, await db.get('meta', key));
}

/** Replaces one meta record. */
export async function putMeta<K extends MetaKey>(db: PaperboyDB, key: K, value: MetaRecords[K]): Promise<void> {
  await write(db, ['meta'], async (tx) => await tx.objectStore('meta').put(value, key));
}

/** Deletes one meta record. */
export async function deleteMeta(db: PaperboyDB, key: MetaKey): Promise<void> {
  await write(db, ['meta'], async (tx) => await tx.objectStore('meta').delete(key));
}

/**
 * Changes one meta record in one transaction (no change made meanwhile is lost). Returns the
 * record as it was and as written.
 */
export async function updateMeta<K extends MetaKey>(
  db: PaperboyDB,
  key: K,
  update: (current: MetaRecords[K]) => MetaRecords[K],
): Promise<{ before: MetaRecords[K]; after: MetaRecords[K] }> {
  return await write(db, ['meta'], async (tx) => await updateMetaIn(tx.objectStore('meta'), key, update));
}

/** The same inside a write transaction that spans `meta` (a refresh's commit, a digest's claim). */
export async function updateMetaIn<K extends MetaKey>(
  meta: MetaStore,
  key: K,
  update: (current: MetaRecords[K]) => MetaRecords[K],
): Promise<{ before: MetaRecords[K]; after: MetaRecords[K] }> {
  const before = readMeta(key, await meta.get(key));
  const after = update(before);
  await meta.put(after, key);
  return { before, after };
}

function asSummary(stored: unknown): SummaryRecord | null {
  if (!isObject(stored)) return null;
  const { ids, day } = stored;
  if (!Array.isArray(ids) || typeof day !== 'string') return null;
  return { ids: ids.filter(isText), day };
}

function recordOf<T>(stored: unknown, isValue: (value: unknown) => value is T): Record<string, T> {
  if (!isObject(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, T] => isValue(entry[1])));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
