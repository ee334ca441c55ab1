import { browser } from 'wxt/browser';
import type { ArchiveProgress } from '../archive';
import type { WorkerRequest } from '../messages';
import type { Settings, WatchEntry } from '../settings';
import type { SyncView } from '../sync-status';
import { compileWatchlist } from '../watchlist';
import { createConnection } from '../store/database';
import { listPapers } from '../store/feed';
import { getMeta } from '../store/meta';
import { getSettings, updateSettings, watchSettings } from '../platform/settings';
import { sendToWorker, subscribeToWorker } from './worker-messages';
import { browserSyncArea, SYNC_STATUS_DEFAULT, syncStatusItem } from '../platform/sync-storage';

/** What the options page needs from the extension; tests hand in one over fakeBrowser and fake-indexeddb. */
export interface OptionsClient {
  /** The current settings, complete and valid. */
  getSettings(): Promise<Settings>;
  /** Saves a change (validated) and returns the settings saved. */
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Calls back whenever the settings change (in this page or elsewhere); returns an unsubscribe. */
  watchSettings(onChange: (settings: Settings) => void): () => void;
  /**
   * Asks for the host permission of `origin` ("https://hf-mirror.com"); true when granted.
   * Call it straight from a click handler, before any await: the browser asks only on a user gesture.
   */
  requestOrigin(origin: string): Promise<boolean>;
  /** For each entry, how many cached papers it matches (same order). */
  countMatches(entries: WatchEntry[]): Promise<number[]>;
  /** Where the archive download stands, as stored. */
  getArchive(): Promise<ArchiveProgress>;
  /** Calls back with the archive progress whenever the worker reports a change; returns an unsubscribe. */
  watchArchive(onChange: (progress: ArchiveProgress) => void): () => void;
  /** Asks the worker to start (or resume) the archive download; null when it did not answer. */
  startArchive(): Promise<ArchiveProgress | null>;
  /** Asks the worker to stop the archive download; null when it did not answer. */
  cancelArchive(): Promise<ArchiveProgress | null>;
  /** Sync through the browser's sync storage; absent in clients that do not offer it. */
  sync?: OptionsSyncClient;
}

/** The options page's side of sync: its status (kept by the worker in storage.local) and two requests. */
export interface OptionsSyncClient {
  getStatus(): Promise<SyncView>;
  /** Calls back whenever the worker records a sync (or its failure); returns an unsubscribe. */
  watchStatus(onChange: (status: SyncView) => void): () => void;
  /** Turns sync on (it runs at once) or off, through the worker. */
  setEnabled(enabled: boolean): Promise<void>;
  /** "Sync now", through the worker. */
  syncNow(): Promise<void>;
}

/** The client over this extension's settings storage, permissions and IndexedDB cache. */
export function createOptionsClient(): OptionsClient {
  const db = createConnection();
  return {
    getSettings,
    updateSettings,
    watchSettings,
    requestOrigin: async (origin) => {
      try {
        // Nothing is awaited before this call, so it still runs inside the click's user gesture
        // (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/permissions/request).
        return await browser.permissions.request({ origins: [`${origin}/*`] });
      } catch (error) {
        // An origin the browser cannot ask for (or no gesture): the same as a refusal for the page.
        console.error('[paperboy] could not ask for the host permission of', origin, error);
        return false;
      }
    },
    countMatches: async (entries) => {
      if (entries.length === 0) return [];
      const papers = await listPapers(await db());
      const matcher = compileWatchlist(entries);
      // The matcher hands back the entry objects it was given: count by identity.
      const counts = new Map<WatchEntry, number>(entries.map((entry) => [entry, 0]));
      for (const paper of papers) {
        for (const entry of matcher.match(paper)) counts.set(entry, (counts.get(entry) ?? 0) + 1);
      }
      return entries.map((entry) => counts.get(entry) ?? 0);
    },
    getArchive: async () => await getMeta(await db(), 'archive-progress'),
    watchArchive: (onChange) => subscribeToWorker((activity) => onChange(activity.archive)),
    startArchive: async () => await askWorker({ type: 'archive-start' }),
    cancelArchive: async () => await askWorker({ type: 'archive-cancel' }),
    sync: createOptionsSyncClient(),
  };
}

function createOptionsSyncClient(): OptionsSyncClient {
  // The page sees the same `browser.storage` as the worker: no sync area here, none there.
  const supported = browserSyncArea() !== undefined;
  const view = (status: typeof SYNC_STATUS_DEFAULT | null): SyncView => ({
    ...SYNC_STATUS_DEFAULT,
    ...status,
    supported,
  });
  return {
    getStatus: async () => view(await syncStatusItem.getValue()),
    watchStatus: (onChange) => syncStatusItem.watch((status) => onChange(view(status))),
    setEnabled: async (enabled) => void (await askWorker({ type: 'set-sync', enabled })),
    syncNow: async () => void (await askWorker({ type: 'sync-now' })),
  };
}

async function askWorker(request: WorkerRequest): Promise<ArchiveProgress | null> {
  const answer = await sendToWorker(request);
  return answer.ok ? answer.activity.archive : null;
}
