import { browser } from 'wxt/browser';
import type { SyncFailureKind } from '../sync-status';
import { localItem } from './local-item';

/**
 * The browser's sync storage as Paperboy uses it: the area itself (where it exists), the change
 * events from other browsers, and the sync status kept beside the settings in `storage.local`.
 */

/** What the options page shows about sync. */
export interface SyncStatus {
  enabled: boolean;
  lastSyncedAt: number | null;
  /** Bytes Paperboy takes in the browser's sync storage after the last sync. */
  bytes: number;
  /** Why the last sync failed, in words for the options page; null when it worked. */
  lastError: string | null;
  /** The same as a closed kind (lib/sync-status.ts); null when it worked. */
  lastErrorKind?: SyncFailureKind | null;
  /** Items another Paperboy wrote that this one could not read (skipped, not fatal). */
  skipped: number;
  /** When the synced settings last changed here, and what they were then (to tell a local change from an applied one). */
  settingsChangedAt: number;
  settingsFingerprint: string;
}

export const SYNC_STATUS_DEFAULT: SyncStatus = {
  enabled: true,
  lastSyncedAt: null,
  bytes: 0,
  lastError: null,
  lastErrorKind: null,
  skipped: 0,
  settingsChangedAt: 0,
  settingsFingerprint: '',
};

/** The sync status, kept in `storage.local` beside the settings (it never syncs itself). */
export const syncStatusItem = localItem<SyncStatus>('sync', SYNC_STATUS_DEFAULT);

/** The part of `storage.sync` used here. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The browser's sync area, when it has one (Firefox for Android has none, some builds disable it). */
export function browserSyncArea(): SyncArea | undefined {
  return (browser.storage as { sync?: SyncArea }).sync;
}

/**
 * Passes changes to the browser's sync area (another browser's writes arriving, or this one's
 * own echoed back) to `onRemoteChanged`; returns an unsubscribe.
 */
export function listenToSyncChanges(onRemoteChanged: (keys: string[]) => void): () => void {
  const listener = (changes: Record<string, unknown>, areaName: string): void => {
    if (areaName === 'sync') onRemoteChanged(Object.keys(changes));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
