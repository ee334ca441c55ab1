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

/** Requests from pages to the worker: one typed union, one handler map (lib/services/worker.ts). */
export type WorkerRequest =
  | { type: 'get-activity' }
  /** The popup opened: refresh when the cache is stale. */
  | { type: 'popup-opened' }
  /** The Refresh button. */
  | { type: 'refresh' }
  /** Fetch a day that is not cached yet (previous/next day). */
  | { type: 'load-day'; day: string }
  /** Fetch an ISO week ("2026-W48") through `week=` and store its days (the week view). */
  | { type: 'load-week'; week: string }
  /** Fetch a month ("2026-11") through `month=`, page by page, and store its days (the month view). */
  | { type: 'load-month'; month: string }
  | { type: 'set-unread'; ids: string[]; unread: boolean }
  /** Start (or resume) downloading the whole archive. */
  | { type: 'archive-start' }
  /** Stop the archive download, keeping what was stored. */
  | { type: 'archive-cancel' }
  /** Fetch the trending list when the cached one is stale (or always, with `force`). */
  | { type: 'load-trending'; force?: boolean }
  /** Mark papers read or unread, giving one never listed in the feed (trending) a state. */
  | { type: 'set-trending-unread'; ids: string[]; unread: boolean }
  /** Save a paper for offline reading (a removed one comes back with its tags and note). */
  | { type: 'save'; id: string }
  /** Remove a paper from the library (a tombstone keeps it for "Undo"). */
  | { type: 'unsave'; id: string }
  /** "Undo" after a removal: the paper back in its old place, with its tags, note and PDF. */
  | { type: 'restore-saved'; id: string }
  /** Fetch a saved paper's PDF (again). */
  | { type: 'fetch-pdf'; id: string }
  /** Change a saved paper's tags and/or note. */
  | { type: 'update-saved'; id: string; tags?: string[]; note?: string }
  /** Restore a backup file's text (merged; a bad file changes nothing). */
  | { type: 'restore-backup'; text: string }
  /** Sync with the browser's sync storage now (the options page's "Sync now"). */
  | { type: 'sync-now' }
  /** Turn sync on (a sync runs at once) or off. */
  | { type: 'set-sync'; enabled: boolean };

/** Every request answers with the activity after it was handled. */
export type WorkerResponse = Activity;

/** Sent by the worker to open pages whenever the cache or the activity changed. */
export interface ChangedEvent {
  type: 'paperboy-changed';
  activity: Activity;
}

/** Narrows an incoming message to a WorkerRequest (messages come from any extension page). */
export function isWorkerRequest(message: unknown): message is WorkerRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  switch (type) {
    case 'get-activity':
    case 'popup-opened':
    case 'refresh':
    case 'archive-start':
    case 'archive-cancel':
    case 'sync-now':
      return true;
    case 'set-sync':
      return typeof (message as { enabled?: unknown }).enabled === 'boolean';
    case 'load-day':
      return typeof (message as { day?: unknown }).day === 'string';
    case 'load-week':
      return isIsoWeek((message as { week?: unknown }).week);
    case 'load-month':
      return isMonth((message as { month?: unknown }).month);
    case 'load-trending': {
      const { force } = message as { force?: unknown };
      return force === undefined || typeof force === 'boolean';
    }
    case 'save':
    case 'unsave':
    case 'restore-saved':
    case 'fetch-pdf':
      return isPaperId((message as { id?: unknown }).id);
    case 'update-saved': {
      const { id, tags, note } = message as { id?: unknown; tags?: unknown; note?: unknown };
      return (
        isPaperId(id) &&
        (tags === undefined || (Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) &&
        (note === undefined || typeof note === 'string')
      );
    }
    case 'restore-backup':
      return typeof (message as { text?: unknown }).text === 'string';
    case 'set-trending-unread':
    case 'set-unread': {
      const { ids, unread } = message as { ids?: unknown; unread?: unknown };
      return Array.isArray(ids) && ids.every((id) => typeof id === 'string') && typeof unread === 'boolean';
    }
    default:
      return false;
  }
}

/** Narrows an incoming message to the worker's change broadcast. */
export function isChangedEvent(message: unknown): message is ChangedEvent {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'paperboy-changed';
}
