import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { asQueue, enqueue, type NotifyQueue } from '../notify';
import { firstSeenState, mergeDayIds, withReadState, type DayPlan } from '../unread';
import {
  EMPTY_STATUS,
  type FeedDayRecord,
  type Paper,
  type PaperState,
  type RefreshStatus,
  type SavedPaper,
  type StoredPdf,
} from '../types';

export const DB_NAME = 'paperboy';
/** Current schema version. Add a rung to `upgrade` for each bump; never edit an old one. */
export const DB_VERSION = 3;

export interface PaperboySchema extends DBSchema {
  papers: { key: string; value: Paper; indexes: { 'by-day': string } };
  days: { key: string; value: FeedDayRecord };
  states: { key: string; value: PaperState; indexes: { 'by-unread': number } };
  meta: { key: string; value: unknown };
  /** Saved papers (tombstones included), newest first through `by-saved-at`. */
  saved: { key: string; value: SavedPaper; indexes: { 'by-saved-at': number } };
  /** PDFs of saved papers, by paper id. */
  pdfs: { key: string; value: StoredPdf };
}

export type PaperboyDB = IDBPDatabase<PaperboySchema>;

/** Opens (creating or upgrading) the database. `name` lets a test run two browsers side by side. */
export async function openPaperboyDB(name = DB_NAME): Promise<PaperboyDB> {
  return await openDB<PaperboySchema>(name, DB_VERSION, {
    // Async is safe here: only IDB requests are awaited, so the versionchange transaction stays
    // open, and openDB resolves only once that transaction has completed.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const papers = db.createObjectStore('papers', { keyPath: 'id' });
        papers.createIndex('by-day', 'feedDay');
        db.createObjectStore('days', { keyPath: 'day' });
        db.createObjectStore('states', { keyPath: 'id' });
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        // v1 kept `read: boolean`; an index needs a number, so v2 stores `unread: 0 | 1`
        // and indexes it: the badge count no longer scans every paper ever seen.
        const states = tx.objectStore('states');
        let cursor = await states.openCursor();
        while (cursor) {
          const old = cursor.value as PaperState & { read?: boolean };
          if (old.unread !== 0 && old.unread !== 1) {
            const { read, ...rest } = old;
            await cursor.update({ ...rest, unread: read === true ? 0 : 1 });
          }
          cursor = await cursor.continue();
        }
        states.createIndex('by-unread', 'unread');
      }
      if (oldVersion < 3) {
        // v3: papers saved for offline reading, and their PDFs in a store of their own.
        const saved = db.createObjectStore('saved', { keyPath: 'id' });
        saved.createIndex('by-saved-at', 'savedAt');
        db.createObjectStore('pdfs', { keyPath: 'id' });
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version is waiting (the extension was updated while a page is open): let it in.
      (event.target as IDBDatabase).close();
    },
  });
}

/** Reads the worker's refresh bookkeeping. */
export async function getStatus(db: PaperboyDB): Promise<RefreshStatus> {
  return asStatus(await db.get('meta', 'status'));
}

/** Writes the refresh bookkeeping alone (a failed refresh touches nothing else). */
export async function putStatus(db: PaperboyDB, status: RefreshStatus): Promise<void> {
  await db.put('meta', status, 'status');
}

/** Applies `update` to the stored status in one transaction: no update is lost to another. */
export async function updateStatus(db: PaperboyDB, update: (current: RefreshStatus) => RefreshStatus): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const current = asStatus(await tx.store.get('status'));
  await Promise.all([tx.store.put(update(current), 'status'), tx.done]);
}

function asStatus(stored: unknown): RefreshStatus {
  return { ...EMPTY_STATUS, ...(isObject(stored) ? stored : {}) };
}

export interface CommitInput {
  papers: Paper[];
  days: DayPlan[];
  /** The status change, applied to the stored status inside the same transaction. */
  updateStatus: (current: RefreshStatus) => RefreshStatus;
  now: number;
  /** New unread papers join the notification queue in the same transaction; this marks a first install or a long catch-up. */
  quietCatchUp?: boolean;
}

/**
 * Stores one refresh in a single transaction: papers (counts updated, user state untouched),
 * day lists, first-seen states for new papers, and the status. A worker killed halfway leaves
 * the previous state. Returns the ids seen for the first time (in the order met) and, of
 * those, the ones that start unread.
 */
export async function commitRefresh(
  db: PaperboyDB,
  input: CommitInput,
): Promise<{ newIds: string[]; newUnreadIds: string[] }> {
  const tx = db.transaction(['papers', 'days', 'states', 'meta'], 'readwrite');
  const papers = tx.objectStore('papers');
  const days = tx.objectStore('days');
  const states = tx.objectStore('states');
  const newIds: string[] = [];
  const newUnreadIds: string[] = [];
  const work: Promise<unknown>[] = [];
  try {
    for (const paper of input.papers) work.push(papers.put(paper));
    const stateWork: Promise<unknown>[] = [];
    for (const plan of input.days) {
      work.push(
        plan.merge === true
          ? days
              .get(plan.day)
              .then((cached) =>
                days.put({ day: plan.day, ids: mergeDayIds(cached?.ids, plan.ids), fetchedAt: input.now }),
              )
          : days.put({ day: plan.day, ids: plan.ids, fetchedAt: input.now }),
      );
      for (const id of plan.ids) {
        stateWork.push(
          states.get(id).then(async (existing) => {
            if (existing !== undefined || newIds.includes(id)) return;
            newIds.push(id);
            if (!plan.startsRead) newUnreadIds.push(id);
            await states.put(firstSeenState(id, plan.startsRead, input.now));
          }),
        );
      }
    }
    const meta = tx.objectStore('meta');
    work.push(...stateWork);
    work.push(meta.get('status').then((stored) => meta.put(input.updateStatus(asStatus(stored)), 'status')));
    // Once every state is known, the new unread papers join the notification queue: a worker
    // stopped right after this commit still announces them on its next start.
    work.push(
      Promise.all(stateWork).then(async () => {
        if (newUnreadIds.length === 0) return;
        const queue = asQueue(await meta.get(NOTIFY_QUEUE_KEY));
        await meta.put(enqueue(queue, newUnreadIds, input.quietCatchUp ?? false), NOTIFY_QUEUE_KEY);
      }),
    );
    await Promise.all([...work, tx.done]);
  } catch (error) {
    // A put that throws at once (a record IndexedDB cannot store) does not abort the transaction,
    // and the puts issued before it would still commit: abort, so a refresh is stored whole or
    // not at all. The requests still pending then reject; `error` is the one the caller gets.
    void Promise.allSettled([...work, tx.done]);
    // When the browser aborted the transaction (a full disk: QuotaExceededError), its error says
    // why; the requests it cut short only report AbortError or TransactionInactiveError.
    const cause: unknown = tx.error ?? error;
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request itself: there is nothing left to undo.
    }
    throw cause;
  }
  return { newIds, newUnreadIds };
}

/** Everything the popup needs to draw one day, read in one transaction. */
export interface DayView {
  day: string;
  record: FeedDayRecord | undefined;
  papers: Paper[];
  states: Map<string, PaperState>;
}

/** Reads a day's papers (in the API's order) and their states; corrupt records are skipped. */
export async function readDay(db: PaperboyDB, day: string): Promise<DayView> {
  const tx = db.transaction(['days', 'papers', 'states'], 'readonly');
  const record = validDay(db, await tx.objectStore('days').get(day), day);
  const ids = record?.ids ?? [];
  const [papers, states] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  const stateMap = new Map<string, PaperState>();
  for (const state of validStates(db, states)) stateMap.set(state.id, state);
  return { day, record, papers: validPapers(db, papers), states: stateMap };
}

/** The latest cached day with papers (at or before `atOrBefore`), or null. */
export async function latestNonEmptyDay(db: PaperboyDB, atOrBefore?: string): Promise<string | null> {
  const range = atOrBefore === undefined ? null : IDBKeyRange.upperBound(atOrBefore);
  let cursor = await db.transaction('days').store.openCursor(range, 'prev');
  while (cursor) {
    if (Array.isArray(cursor.value.ids) && cursor.value.ids.length > 0) return cursor.value.day;
    cursor = await cursor.continue();
  }
  return null;
}

/** The cached day record, if that day was ever fetched. */
export async function getDay(db: PaperboyDB, day: string): Promise<FeedDayRecord | undefined> {
  return await db.get('days', day);
}

/** Marks papers read (`unread` false) or unread, in one transaction. Returns how many changed. */
export async function setUnread(db: PaperboyDB, ids: string[], unread: boolean, now: number): Promise<number> {
  const tx = db.transaction('states', 'readwrite');
  let changed = 0;
  await Promise.all(
    ids.map(async (id) => {
      const state = await tx.store.get(id);
      if (state === undefined) return;
      const next = withReadState(state, unread, now);
      if (next === state) return;
      changed += 1;
      await tx.store.put(next);
    }),
  );
  await tx.done;
  return changed;
}

/** Number of unread papers across every cached day. */
export async function countUnread(db: PaperboyDB): Promise<number> {
  return await db.countFromIndex('states', 'by-unread', 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const NOTIFY_QUEUE_KEY = 'notify-queue';

/** The papers waiting for a notification. */
export async function getNotifyQueue(db: PaperboyDB): Promise<NotifyQueue> {
  return asQueue(await db.get('meta', NOTIFY_QUEUE_KEY));
}

/** Replaces the notification queue. */
export async function putNotifyQueue(db: PaperboyDB, queue: NotifyQueue): Promise<void> {
  await db.put('meta', queue, NOTIFY_QUEUE_KEY);
}

/**
 * Changes the notification queue in one transaction, so papers a refresh enqueues meanwhile
 * are never lost. Returns the queue as it was.
 */
export async function updateNotifyQueue(
  db: PaperboyDB,
  update: (queue: NotifyQueue) => NotifyQueue,
): Promise<NotifyQueue> {
  const tx = db.transaction('meta', 'readwrite');
  const current = asQueue(await tx.store.get(NOTIFY_QUEUE_KEY));
  await Promise.all([tx.store.put(update(current), NOTIFY_QUEUE_KEY), tx.done]);
  return current;
}

/** Every unread paper (for the watchlist badge count); corrupt records are skipped. */
export async function readUnreadPapers(db: PaperboyDB): Promise<Paper[]> {
  const tx = db.transaction(['states', 'papers'], 'readonly');
  const ids = await tx.objectStore('states').index('by-unread').getAllKeys(1);
  const papers = await Promise.all(ids.map((id) => tx.objectStore('papers').get(id)));
  await tx.done;
  return validPapers(db, papers);
}

/** Papers listed on feed days from `fromDay` through `toDay`; corrupt records are skipped. */
export async function readPapersBetween(db: PaperboyDB, fromDay: string, toDay: string): Promise<Paper[]> {
  return validPapers(db, await db.getAllFromIndex('papers', 'by-day', IDBKeyRange.bound(fromDay, toDay)));
}

/** Papers by id (missing and corrupt ones left out). */
export async function readPapers(db: PaperboyDB, ids: string[]): Promise<Paper[]> {
  const tx = db.transaction('papers', 'readonly');
  const papers = await Promise.all(ids.filter(isKey).map((id) => tx.store.get(id)));
  await tx.done;
  return validPapers(db, papers);
}

/** Which of `ids` are unread now (a corrupt state counts as not unread). */
export async function readUnreadIds(db: PaperboyDB, ids: string[]): Promise<Set<string>> {
  const tx = db.transaction('states', 'readonly');
  const states = await Promise.all(ids.filter(isKey).map((id) => tx.store.get(id)));
  await tx.done;
  return new Set(
    validStates(db, states)
      .filter((state) => state.unread === 1)
      .map((state) => state.id),
  );
}

// A record the current code cannot read (written by a buggy or newer version, or damaged on
// disk) is skipped, not fatal: one bad paper must not blank the popup or stop the worker. It is
// reported once per record and connection; a re-fetch of its day overwrites a bad paper.
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

function isKey(id: unknown): id is string {
  return typeof id === 'string';
}

const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isLink = (value: unknown): boolean =>
  value === null || (typeof value === 'string' && /^https?:\/\//i.test(value));
const isStrings = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A stored paper every reader can render as it is (the shape parse-daily-papers makes). */
function isPaper(value: unknown): value is Paper {
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

function isState(value: unknown): value is PaperState {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.unread === 0 || value.unread === 1) &&
    typeof value.firstSeenAt === 'number' &&
    typeof value.changedAt === 'number'
  );
}

/** The readable papers among `values` (missing ones, undefined, are dropped silently). */
function validPapers(db: PaperboyDB, values: (Paper | undefined)[]): Paper[] {
  return values.filter((value): value is Paper => {
    if (value === undefined) return false;
    if (isPaper(value)) return true;
    reportCorrupt(db, 'papers', value);
    return false;
  });
}

function validStates(db: PaperboyDB, values: (PaperState | undefined)[]): PaperState[] {
  return values.filter((value): value is PaperState => {
    if (value === undefined) return false;
    if (isState(value)) return true;
    reportCorrupt(db, 'states', value);
    return false;
  });
}

/** A day record with a readable list of ids (a damaged list keeps its string ids), or undefined. */
function validDay(db: PaperboyDB, value: FeedDayRecord | undefined, day: string): FeedDayRecord | undefined {
  if (value === undefined) return undefined;
  const ids: unknown = isObject(value) ? value.ids : undefined;
  if (isObject(value) && isStrings(ids) && typeof value.fetchedAt === 'number') return value;
  reportCorrupt(db, 'days', isObject(value) ? { ...value, day } : { day });
  if (!Array.isArray(ids)) return undefined;
  const fetchedAt = isObject(value) && typeof value.fetchedAt === 'number' ? value.fetchedAt : 0;
  return { day, ids: ids.filter(isKey), fetchedAt };
}

/** A small bookkeeping record of the worker's (notification ids, alerts sent). */
export async function getMeta(db: PaperboyDB, key: string): Promise<unknown> {
  return await db.get('meta', key);
}

export async function putMeta(db: PaperboyDB, key: string, value: unknown): Promise<void> {
  await db.put('meta', value, key);
}

export async function deleteMeta(db: PaperboyDB, key: string): Promise<void> {
  await db.delete('meta', key);
}
