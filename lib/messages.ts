import type { Failure, RefreshStatus } from './types';

/** What the worker is doing right now, for the popup's progress and banners. */
export interface Activity {
  refreshing: boolean;
  progress: { done: number; total: number } | null;
  /** Days being fetched on demand (history). */
  loadingDays: string[];
  status: RefreshStatus;
  unread: number;
  /** Failure of the last on-demand day load, by day. */
  dayFailures: Record<string, Failure>;
}

/** Requests from pages to the worker: one typed union, one handler map (lib/adapters/worker.ts). */
export type WorkerRequest =
  | { type: 'get-activity' }
  /** The popup opened: refresh when the cache is stale. */
  | { type: 'popup-opened' }
  /** The Refresh button. */
  | { type: 'refresh' }
  /** Fetch a day that is not cached yet (previous/next day). */
  | { type: 'load-day'; day: string }
  | { type: 'set-unread'; ids: string[]; unread: boolean };

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
      return true;
    case 'load-day':
      return typeof (message as { day?: unknown }).day === 'string';
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
