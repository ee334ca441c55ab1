import type { ArchiveProgress } from './archive';
import { isIsoWeek, isMonth } from './calendar';
import { isPaperId } from './parse-daily-papers';
import type { RestoreOutcome, SaveFailureNotice } from './library-view';
import type { Failure, RefreshStatus } from './types';

/** What the worker is doing right now, for the popup's progress and banners. */
export interface Activity {
  refreshing: boolean;
  progress: { done: number; total: number } | null;
  /** Days being fetched on demand (history); weeks ("2026-W48") and months ("2026-11") too. */
  loadingDays: string[];
  status: RefreshStatus;
  unread: number;
  /** Failure of the last on-demand load, by day (or week, or month, as in `loadingDays`). */
  dayFailures: Record<string, Failure>;
  /** Where the archive download stands (lib/archive.ts). */
  archive: ArchiveProgress;
  /** Loading the trending list: under way, or why it last failed (the cached list stays). */
  trending?: { loading: boolean; failure: Failure | null };
  /** PDFs of saved papers being downloaded: bytes received and expected (null when not announced). */
  saving?: Record<string, { received: number; total: number | null }>;
  /** The last save that did not happen (the paper could not be looked up or stored). */
  lastSaveFailure?: SaveFailureNotice | null;
  /** How the last restore from a backup file went. */
  lastRestore?: RestoreOutcome | null;
}

/** A request's parameters, read from an incoming message; null when the message is not valid. */
type ParseParams<P> = (message: Record<string, unknown>) => P | null;

/** One request: whether it changes what syncs (a sync follows it), and how its parameters are read. */
interface RequestSpec<P> {
  syncs: boolean;
  parse: ParseParams<P>;
}

function spec<P extends object>(syncs: boolean, parse: ParseParams<P>): RequestSpec<P> {
  return { syncs, parse };
}

const none = (): Record<never, never> => ({});
const isText = (value: unknown): value is string => typeof value === 'string';
const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const byId = ({ id }: Record<string, unknown>): { id: string } | null => (isPaperId(id) ? { id } : null);
const readMarks = ({ ids, unread }: Record<string, unknown>): { ids: string[]; unread: boolean } | null =>
  isIdList(ids) && typeof unread === 'boolean' ? { ids, unread } : null;

/**
 * Every request a page may send the worker, in one table: its parameters (read and checked from
 * the message: anything else in it is dropped), and whether it changes synced state. The
 * request union is derived from it and the worker's handler map (lib/services/requests.ts) must
 * cover it, so a request lives in exactly two places: here and its handler.
 */
export const REQUESTS = {
  'get-activity': spec(false, none),
  /** The popup opened: refresh when the cache is stale. */
  'popup-opened': spec(false, none),
  /** The Refresh button. */
  refresh: spec(false, none),
  /** Fetch a day that is not cached yet (previous/next day). */
  'load-day': spec(false, ({ day }) => (isText(day) ? { day } : null)),
  /** Fetch an ISO week ("2026-W48") through `week=` and store its days (the week view). */
  'load-week': spec(false, ({ week }) => (isIsoWeek(week) ? { week } : null)),
  /** Fetch a month ("2026-11") through `month=`, page by page, and store its days (the month view). */
  'load-month': spec(false, ({ month }) => (isMonth(month) ? { month } : null)),
  /** Mark papers of the feed read or unread. */
  'set-unread': spec(true, readMarks),
  /** Start (or resume) downloading the whole archive. */
  'archive-start': spec(false, none),
  /** Stop the archive download, keeping what was stored. */
  'archive-cancel': spec(false, none),
  /** Fetch the trending list when the cached one is stale (or always, with `force`). */
  'load-trending': spec(false, ({ force }) =>
    force === undefined ? {} : typeof force === 'boolean' ? { force } : null,
  ),
  /** Mark papers read or unread, giving one never listed in the feed (trending) a state. */
  'set-trending-unread': spec(true, readMarks),
  /** Save a paper for offline reading (a removed one comes back with its tags and note). */
  save: spec(true, byId),
  /** Remove a paper from the library (a tombstone keeps it for "Undo"). */
  unsave: spec(true, byId),
  /** "Undo" after a removal: the paper back in its old place, with its tags, note and PDF. */
  'restore-saved': spec(true, byId),
  /** Fetch a saved paper's PDF (again). */
  'fetch-pdf': spec(false, byId),
  /** Change a saved paper's tags and/or note. */
  'update-saved': spec(true, ({ id, tags, note }) => {
    if (!isPaperId(id)) return null;
    if (tags !== undefined && !isIdList(tags)) return null;
    if (note !== undefined && !isText(note)) return null;
    return { id, ...(tags === undefined ? {} : { tags }), ...(note === undefined ? {} : { note }) };
  }),
  /** Restore a backup file's text (merged; a bad file changes nothing). */
  'restore-backup': spec(true, ({ text }) => (isText(text) ? { text } : null)),
  /** Sync with the browser's sync storage now (the options page's "Sync now"). */
  'sync-now': spec(false, none),
  /** Turn sync on (a sync runs at once) or off. */
  'set-sync': spec(false, ({ enabled }) => (typeof enabled === 'boolean' ? { enabled } : null)),
};

export type RequestType = keyof typeof REQUESTS;

/** Requests from pages to the worker: one typed union, derived from REQUESTS. */
export type WorkerRequest = {
  [T in RequestType]: { type: T } & NonNullable<ReturnType<(typeof REQUESTS)[T]['parse']>>;
}[RequestType];

/** The request of one type. */
export type RequestOf<T extends RequestType> = Extract<WorkerRequest, { type: T }>;

/** Why a request did not go through: a closed set, so a page can tell "no answer" from "refused" or "failed". */
export type WorkerErrorKind =
  /** The worker could not be reached (it restarts on demand, so this is rare). */
  | 'unreachable'
  /** The worker did not accept the request (a page sent something malformed). */
  | 'invalid'
  /** The worker tried and failed (the error is logged in the worker's console). */
  | 'failed';

export interface WorkerError {
  kind: WorkerErrorKind;
  message: string;
}

/** Every request answers with the activity after it was handled, or why it was not. */
export type WorkerAnswer = { ok: true; activity: Activity } | { ok: false; error: WorkerError };

/** What changed, so a page rereads only what it shows and a progress tick never recomputes the badge. */
export type ChangeTopic =
  /** Papers or day lists were written (a refresh, a day or period loaded, the archive, trending). */
  | 'feed'
  /** Read states changed. */
  | 'reads'
  /** Saved papers changed (save, unsave, tags, note, a PDF's state). */
  | 'library'
  /** Only the worker's activity changed (loading flags, failures, download progress): nothing stored. */
  | 'activity';

/** Every topic: a change whose extent is not known (a sync applied, a restore). */
export const ALL_TOPICS: readonly ChangeTopic[] = ['feed', 'reads', 'library', 'activity'];

/** Sent by the worker to open pages whenever the cache or the activity changed. */
export interface ChangedEvent {
  type: 'paperboy-changed';
  topics: ChangeTopic[];
  activity: Activity;
}

/** Reads an incoming message as a WorkerRequest (messages come from any extension page); null when it is not one. */
export function parseWorkerRequest(message: unknown): WorkerRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const fields = message as Record<string, unknown>;
  const type = fields.type;
  if (typeof type !== 'string' || !Object.hasOwn(REQUESTS, type)) return null;
  const params = REQUESTS[type as RequestType].parse(fields);
  return params === null ? null : ({ type, ...params } as WorkerRequest);
}

/** Whether a message names a request type (valid or not): the worker answers those, and leaves the rest to other listeners. */
export function isRequestLike(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(REQUESTS, type);
}

/** Narrows an incoming message to a WorkerRequest. */
export function isWorkerRequest(message: unknown): message is WorkerRequest {
  return parseWorkerRequest(message) !== null;
}

/** Whether a request changes what syncs (a sync follows it, debounced). */
export function changesSyncedState(request: WorkerRequest): boolean {
  return REQUESTS[request.type].syncs;
}

/** Narrows an incoming message to the worker's change broadcast (an older worker's, without topics, means every topic). */
export function isChangedEvent(message: unknown): message is ChangedEvent {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'paperboy-changed';
}

/** The topics of a broadcast. */
export function topicsOf(event: ChangedEvent): readonly ChangeTopic[] {
  return Array.isArray(event.topics) ? event.topics : ALL_TOPICS;
}
