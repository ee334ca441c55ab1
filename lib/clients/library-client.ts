import { browser } from 'wxt/browser';
import { createBackup } from '../backup';
import type { Activity, ChangeTopic, WorkerAnswer, WorkerRequest } from '../messages';
import type { Settings } from '../settings';
import type { SavedPaper, StoredPdf } from '../types';
import { createConnection } from '../store/database';
import { getSaved, listAllSaved, listSaved, readPdf, storageEstimate, storedPdfIds } from '../store/library';
import { sendToWorker, subscribeToWorker } from './worker-messages';
import { getSettings } from '../platform/settings';
import { listStates } from '../store/feed';

/** How the library and reader pages read IndexedDB and talk to the worker. */
export interface LibraryClient {
  /** Every saved paper (removed ones left out), newest saved first. */
  listSaved(): Promise<SavedPaper[]>;
  /** One saved record (a removed one too), or undefined. */
  getSaved(id: string): Promise<SavedPaper | undefined>;
  /** Ids of the PDFs actually stored (a record may say 'stored' for a PDF that is gone). */
  storedPdfIds(): Promise<Set<string>>;
  readPdf(id: string): Promise<StoredPdf | undefined>;
  /** Space used by the extension (and the quota), or null where the browser cannot say. */
  storageEstimate(): Promise<{ usage: number; quota: number | null } | null>;
  /** A backup file's text: every read state, saved paper (no PDFs), note, tag and setting. */
  backupText(now: number): Promise<string>;
  getSettings(): Promise<Settings>;
  /** Asks the worker to act; the answer says how it went (never throws). */
  send(request: WorkerRequest): Promise<WorkerAnswer>;
  /** Calls back with the worker's activity whenever something changed; returns an unsubscribe. */
  subscribe(onChange: (activity: Activity, topics: readonly ChangeTopic[]) => void): () => void;
  /** Offers a file to the user as a download (an object URL and an `<a download>`). */
  saveFile(name: string, mimeType: string, content: string | ArrayBuffer): void;
  /** The reader page of a stored PDF. */
  readerUrl: (id: string) => string;
  /** The library page. */
  libraryUrl: string;
}

/** The client over this extension's IndexedDB and runtime messaging. */
export function createLibraryClient(): LibraryClient {
  const db = createConnection();
  return {
    listSaved: async () => await listSaved(await db()),
    getSaved: async (id) => await getSaved(await db(), id),
    storedPdfIds: async () => await storedPdfIds(await db()),
    readPdf: async (id) => await readPdf(await db(), id),
    storageEstimate,
    backupText: async (now) => {
      const handle = await db();
      const [states, saved, settings] = await Promise.all([listStates(handle), listAllSaved(handle), getSettings()]);
      return `${JSON.stringify(createBackup({ states, saved, settings, now }), null, 2)}\n`;
    },
    getSettings,
    send: sendToWorker,
    subscribe: subscribeToWorker,
    saveFile: downloadFile,
    readerUrl,
    libraryUrl: browser.runtime.getURL('/library.html'),
  };
}

/** The reader page of a stored PDF: reader.html?id=… */
export function readerUrl(id: string): string {
  return `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(id)}`;
}

/** Offers `content` as a file download: no permission needed, works offline. */
export function downloadFile(name: string, mimeType: string, content: string | ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
