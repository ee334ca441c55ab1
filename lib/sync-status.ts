import { SYNC_QUOTA_BYTES } from './sync-codec';
import { timeAgo } from './time-ago';

/**
 * Why a sync did not go through, as a closed set (lib/services/sync.ts classifies the browser's
 * errors), and the words the options page shows for each.
 */
export type SyncFailureKind = 'quota' | 'write-limit' | 'refused' | 'too-large' | 'newer-format';

const FAILURE_TEXT: Record<SyncFailureKind, string> = {
  quota:
    'The browser’s sync storage is full and refused the change: your reading state is safe on this device and sync will try again.',
  'write-limit':
    'The browser’s sync storage refused the change (too many writes in a short time): your reading state is safe on this device and sync will try again in a minute.',
  refused:
    'The browser’s sync storage refused the change: your reading state is safe on this device and sync will try again.',
  'too-large': 'The synced state is larger than the browser allows: the oldest read state was left out.',
  'newer-format': 'Another browser runs a newer Paperboy: update this one to sync.',
};

/** The words for a sync failure. */
export function describeSyncFailure(kind: SyncFailureKind): string {
  return FAILURE_TEXT[kind];
}

/**
 * The kind of a `storage.sync` write error. Chrome reports its quotas only in the message
 * ("QUOTA_BYTES quota exceeded", "MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded"…), with no
 * code (https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync), so
 * the quota's name is the only thing to go by; Firefox says "QuotaExceededError".
 */
export function syncFailureKindOf(error: unknown): SyncFailureKind {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/MAX_WRITE_OPERATIONS|MAX_SUSTAINED_WRITE/i.test(text)) return 'write-limit';
  if (/QUOTA_BYTES|MAX_ITEMS|QuotaExceeded/i.test(text)) return 'quota';
  return 'refused';
}

/** "Last synced 3 min ago", or that it never did. */
export function describeLastSynced(lastSyncedAt: number | null, now: number): string {
  return lastSyncedAt === null ? 'Not synced yet' : `Last synced ${timeAgo(lastSyncedAt, now)}`;
}

/** "12 KB of 100 KB": what Paperboy takes of the browser's sync quota. */
export function describeSyncBytes(bytes: number, quota = SYNC_QUOTA_BYTES): string {
  const kb = (value: number): string => `${Math.round(value / 1024)} KB`;
  return `${bytes > 0 && bytes < 1024 ? '< 1 KB' : kb(bytes)} of ${kb(quota)}`;
}

/** What the options page shows of sync (the adapter's status item, and whether the browser has a sync area). */
export interface SyncView {
  /** The browser has a sync area (`storage.sync`). */
  supported: boolean;
  enabled: boolean;
  lastSyncedAt: number | null;
  bytes: number;
  lastError: string | null;
}
