import type { FeedDayRecord } from './types';

/**
 * Which day lists a stored search index holds ("folds in"), so that papers of day lists written
 * since are indexed on top instead of the ~30 MB index being stored again after every refresh.
 * Shared by the worker, which stores the index again past a backlog, and the pages, which catch
 * up on what it did not store yet.
 */

/**
 * Each day list an index folds in, by feed day: its `fetchedAt` and length when read
 * ("1764172800000:42"), so a list written again is caught up even in the same millisecond
 * (a frozen test clock) when it grew.
 */
export type FoldedDays = Record<string, string>;

/** The day lists as read at one moment, and the latest write among them. */
export interface Snapshot {
  days: FoldedDays;
  syncedAt: number;
}

/**
 * What an index folds in: the day lists as read, or (an index stored by an earlier version) every
 * list written before `syncedAt`.
 */
export type Folded = { days: FoldedDays } | { syncedAt: number };

/** Whether a stored value is a FoldedDays record. */
export function isFoldedDays(value: unknown): value is FoldedDays {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the index holds this day list as it stands. */
export function isFolded(folded: Folded, day: FeedDayRecord): boolean {
  // An earlier version's ">=": a commit in the same millisecond as the last one folded in is indexed again.
  if ('syncedAt' in folded) return day.fetchedAt < folded.syncedAt;
  return folded.days[day.day] === markOf(day);
}

function markOf(day: FeedDayRecord): string {
  return `${day.fetchedAt}:${day.ids.length}`;
}

/** The day lists as read now: what an index built from them folds in. */
export function snapshotOf(records: readonly FeedDayRecord[]): Snapshot {
  return {
    days: Object.fromEntries(records.map((record) => [record.day, markOf(record)])),
    syncedAt: records.reduce((latest, record) => Math.max(latest, record.fetchedAt), 0),
  };
}

/** Papers in day lists the stored index does not hold as they stand: what a page indexes on top. */
export function countBacklog(records: readonly FeedDayRecord[], folded: Folded): number {
  return records.reduce((sum, day) => (isFolded(folded, day) ? sum : sum + day.ids.length), 0);
}
