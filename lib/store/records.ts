import type { FeedDayRecord, Paper, PaperState } from '../types';
import type { PaperboyDB } from './database';

/**
 * Checks of what comes out of IndexedDB. A record the current code cannot read (written by a
 * buggy or newer version, or damaged on disk) is skipped, not fatal: one bad paper must not
 * blank the popup or stop the worker. It is reported once per record and connection; a
 * re-fetch of its day overwrites a bad paper.
 */

const reportedCorrupt = new WeakMap<PaperboyDB, Set<string>>();

function reportCorrupt(db: PaperboyDB, store: string, value: unknown): void {
  const named = isObject(value) ? (typeof value.id === 'string' ? value.id : value.day) : undefined;
  const id = typeof named === 'string' ? named : `(a record without an id: ${typeof value})`;
  const key = `${store}/${id}`;
  const reported = reportedCorrupt.get(db) ?? new Set<string>();
  reportedCorrupt.set(db, reported);
  if (reported.has(key)) return;
  reported.add(key);
  console.warn(`[paperboy] skipped a corrupt ${store} record: ${id}`);
}

export function isKey(id: unknown): id is string {
  return typeof id === 'string';
}

const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isLink = (value: unknown): boolean =>
  value === null || (typeof value === 'string' && /^https?:\/\//i.test(value));
const isStrings = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A stored paper every reader can render as it is (the shape parse-daily-papers makes). */
export function isPaper(value: unknown): value is Paper {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.title === 'string' &&
    typeof value.abstract === 'string' &&
    isStrings(value.authors) &&
    isStringOrNull(value.organization) &&
    isCount(value.upvotes) &&
    isCount(value.numComments) &&
    isStringOrNull(value.aiSummary) &&
    isStrings(value.aiKeywords) &&
    isLink(value.githubRepo) &&
    (value.githubStars === null || isCount(value.githubStars)) &&
    isLink(value.projectPage) &&
    isStringOrNull(value.publishedAt) &&
    typeof value.feedDay === 'string'
  );
}

export function isState(value: unknown): value is PaperState {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.unread === 0 || value.unread === 1) &&
    typeof value.firstSeenAt === 'number' &&
    typeof value.changedAt === 'number'
  );
}

/** The readable papers among `values` (missing ones, undefined, are dropped silently). */
export function validPapers(db: PaperboyDB, values: (Paper | undefined)[]): Paper[] {
  return values.filter((value): value is Paper => {
    if (value === undefined) return false;
    if (isPaper(value)) return true;
    reportCorrupt(db, 'papers', value);
    return false;
  });
}

export function validStates(db: PaperboyDB, values: (PaperState | undefined)[]): PaperState[] {
  return values.filter((value): value is PaperState => {
    if (value === undefined) return false;
    if (isState(value)) return true;
    reportCorrupt(db, 'states', value);
    return false;
  });
}

/** A day record with a readable list of ids (a damaged list keeps its string ids), or undefined. */
export function validDay(db: PaperboyDB, value: FeedDayRecord | undefined, day: string): FeedDayRecord | undefined {
  if (value === undefined) return undefined;
  const ids: unknown = isObject(value) ? value.ids : undefined;
  if (isObject(value) && isStrings(ids) && typeof value.fetchedAt === 'number') return value;
  reportCorrupt(db, 'days', isObject(value) ? { ...value, day } : { day });
  if (!Array.isArray(ids)) return undefined;
  const fetchedAt = isObject(value) && typeof value.fetchedAt === 'number' ? value.fetchedAt : 0;
  return { day, ids: ids.filter(isKey), fetchedAt };
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
