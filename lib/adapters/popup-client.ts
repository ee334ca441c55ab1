import { browser } from 'wxt/browser';
import { isChangedEvent, type Activity, type WorkerRequest } from '../messages';
import type { Settings } from '../settings';
import type { SavedPaper } from '../types';
import { getSavedMany } from './library-db';
import { getSettings, watchSettings } from './settings';
import { getDay, latestNonEmptyDay, openPaperboyDB, readDay, type DayView, type PaperboyDB } from './db';
import { readPapersOfDays, readTrending, type PapersView, type TrendingView } from './trending';

/** How a page (the popup, the full-page view) reads the cache and talks to the worker. */
export interface PopupClient {
  /** The day's cached papers and states; `record` is undefined when the day was never fetched. */
  readDay(day: string): Promise<DayView>;
  /** Whether a day was fetched and had papers: undefined when it was never fetched. */
  dayHasPapers(day: string): Promise<boolean | undefined>;
  latestNonEmptyDay(atOrBefore?: string): Promise<string | null>;
  /** The cached trending ranking with its papers and states (the Trending view). */
  readTrending(): Promise<TrendingView>;
  /** Every cached paper of feed days `from` through `to`, with states (the digest page). */
  readPapersOfDays(from: string, to: string): Promise<PapersView>;
  send(request: WorkerRequest): Promise<Activity | null>;
  /** Calls back with the worker's activity whenever the cache changed; returns an unsubscribe. */
  subscribe(onChange: (activity: Activity) => void): () => void;
  getSettings(): Promise<Settings>;
  watchSettings(onChange: (settings: Settings) => void): () => void;
  openOptions(): void;
  /** The full-page view of the list (an extension page), for "Open in a tab". */
  fullPageUrl: string;
  /** Saved records (removed ones too) of the given papers, by id. */
  readSaved(ids: readonly string[]): Promise<Map<string, SavedPaper>>;
  /** The library page of saved papers. */
  libraryUrl: string;
  /** The reader page of a stored PDF. */
  readerUrl: (id: string) => string;
}

/** The client over this extension's IndexedDB and runtime messaging. */
export function createPopupClient(): PopupClient {
  let dbPromise: Promise<PaperboyDB> | null = null;
  const db = (): Promise<PaperboyDB> => (dbPromise ??= openPaperboyDB());
  return {
    readDay: async (day) => await readDay(await db(), day),
    dayHasPapers: async (day) => {
      const record = await getDay(await db(), day);
      return record === undefined ? undefined : record.ids.length > 0;
    },
    latestNonEmptyDay: async (atOrBefore) => await latestNonEmptyDay(await db(), atOrBefore),
    readTrending: async () => await readTrending(await db()),
    readPapersOfDays: async (from, to) => await readPapersOfDays(await db(), from, to),
    send: async (request) => {
      try {
        return await browser.runtime.sendMessage<WorkerRequest, Activity | null>(request);
      } catch (error) {
        // The worker restarts on demand; a failed send means it could not be woken at all.
        console.error('[paperboy] the background worker did not answer', error);
        return null;
      }
    },
    subscribe: (onChange) => {
      const listener = (message: unknown): undefined => {
        if (isChangedEvent(message)) onChange(message.activity);
        return undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    getSettings,
    watchSettings,
    openOptions: () => {
      void browser.runtime.openOptionsPage().catch((error: unknown) => console.error('[paperboy]', error));
    },
    fullPageUrl: browser.runtime.getURL('/list.html'),
    readSaved: async (ids) => await getSavedMany(await db(), ids),
    libraryUrl: browser.runtime.getURL('/library.html'),
    readerUrl: (id) => `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(id)}`,
  };
}
