import { browser } from 'wxt/browser';
import type { HistoryPrefs } from '../history';
import type { Activity, ChangeTopic, WorkerAnswer, WorkerRequest } from '../messages';
import type { Settings } from '../settings';
import type { SavedPaper } from '../types';
import { getSavedMany } from '../store/library';
import type { Segment } from '../search';
import type { SearchService } from './search';
import { sendToWorker, subscribeToWorker } from './worker-messages';
import { getSettings, watchSettings } from '../platform/settings';
import { getHistoryPrefs, setHistoryPrefs } from '../platform/view-state';
import { createConnection, type Connection } from '../store/database';
import {
  getDay,
  latestNonEmptyDay,
  readDay,
  readPapersOfDays,
  readPapersWithStates,
  readTrending,
  type DayView,
  type PapersView,
  type TrendingView,
} from '../store/feed';

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
  /** How the list was last shown (period kind, sort, filters); the defaults the first time. */
  readHistoryPrefs(): Promise<HistoryPrefs>;
  /** Remembers how the list is shown, for the next time the popup opens. */
  saveHistoryPrefs(prefs: HistoryPrefs): void;
  /** Asks the worker to act; the answer says how it went (never throws). */
  send(request: WorkerRequest): Promise<WorkerAnswer>;
  /** Calls back with the worker's activity whenever the cache changed; returns an unsubscribe. */
  subscribe(onChange: (activity: Activity, topics: readonly ChangeTopic[]) => void): () => void;
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
  /** Search over every cached paper; loads nothing (not even its code) until its `ready()` is called. */
  search: PageSearch;
  /** Papers by id with their states (search results); missing ones left out. */
  readPapersById(ids: readonly string[]): Promise<PapersView>;
  /**
   * Opens the list in the browser's side panel (Chrome) or sidebar (Firefox); absent where the
   * browser has neither. Call it straight from a click: both browsers want a user gesture.
   */
  openSidePanel?: () => void;
}

/** A page's search service, with the highlighter that goes with it (both loaded by `ready`). */
export interface PageSearch extends SearchService {
  /** Splits text into runs, marking the matched words (lib/search.ts `highlight`); unmarked before `ready`. */
  highlight: (text: string, terms: readonly string[]) => Segment[];
}

/** The client over this extension's IndexedDB and runtime messaging. */
export function createPopupClient(): PopupClient {
  const db = createConnection();
  return {
    readDay: async (day) => await readDay(await db(), day),
    dayHasPapers: async (day) => {
      const record = await getDay(await db(), day);
      return record === undefined ? undefined : record.ids.length > 0;
    },
    latestNonEmptyDay: async (atOrBefore) => await latestNonEmptyDay(await db(), atOrBefore),
    readTrending: async () => await readTrending(await db()),
    readPapersOfDays: async (from, to) => await readPapersOfDays(await db(), from, to),
    readHistoryPrefs: getHistoryPrefs,
    saveHistoryPrefs: (prefs) => {
      void setHistoryPrefs(prefs).catch((error: unknown) =>
        console.error('[paperboy] could not remember the view', error),
      );
    },
    send: sendToWorker,
    subscribe: subscribeToWorker,
    getSettings,
    watchSettings,
    openOptions: () => {
      void browser.runtime.openOptionsPage().catch((error: unknown) => console.error('[paperboy]', error));
    },
    fullPageUrl: browser.runtime.getURL('/list.html'),
    readSaved: async (ids) => await getSavedMany(await db(), ids),
    libraryUrl: browser.runtime.getURL('/library.html'),
    readerUrl: (id) => `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(id)}`,
    search: lazySearchService(db),
    readPapersById: async (ids) => await readPapersWithStates(await db(), ids),
    openSidePanel: sidePanelOpener(),
  };
}

/**
 * The search service, with MiniSearch and the index code loaded on the first `ready()` only: the
 * popup's first screen never downloads or parses them.
 */
function lazySearchService(db: Connection): PageSearch {
  let service: SearchService | null = null;
  let highlight: PageSearch['highlight'] | null = null;
  let loading: Promise<SearchService> | null = null;
  const load = (): Promise<SearchService> =>
    (loading ??= Promise.all([import('./search'), import('../search')]).then(
      ([index, search]) => {
        highlight = search.highlight;
        return (service = index.createSearchService({ db }));
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return {
    highlight: (text, terms) =>
      highlight === null ? (text === '' ? [] : [{ text, match: false }]) : highlight(text, terms),
    ready: async () => await (await load()).ready(),
    get isReady() {
      return service?.isReady ?? false;
    },
    search: (query, options) => service?.search(query, options) ?? [],
    sync: async () => {
      if (service !== null) await service.sync();
    },
  };
}

/** Just enough of Firefox's `sidebarAction` (it is not in Chrome's types). */
interface SidebarAction {
  open(): Promise<void>;
}

/**
 * Chrome: `sidePanel.open` needs the window and a user gesture, so the window id is asked for
 * now (the popup's own window) and the click opens at once. Firefox: `sidebarAction.open`, also
 * from the click (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/sidebarAction/open).
 */
function sidePanelOpener(): (() => void) | undefined {
  const report = (error: unknown): void => console.error('[paperboy] could not open the side panel', error);
  const sidebar = (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
  if (sidebar !== undefined) return () => void sidebar.open().then(() => window.close(), report);
  // `sidePanel` is undefined in browsers (and Chrome versions) without it.
  const sidePanel = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel;
  if (sidePanel?.open === undefined) return undefined;
  let windowId: number | undefined;
  void browser.windows.getCurrent().then((current: { id?: number } | undefined) => (windowId = current?.id), report);
  return () => {
    if (windowId === undefined) return;
    void sidePanel.open({ windowId }).then(() => window.close(), report);
  };
}
