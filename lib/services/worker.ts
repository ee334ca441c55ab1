import { badgeTextFor, badgeTitle } from '../badge';
import { ARXIV_ENDPOINT, TOOLTIP_PERIOD_MINUTES } from '../config';
import {
  ALL_TOPICS,
  changesSyncedState,
  isRequestLike,
  parseWorkerRequest,
  type Activity,
  type ChangeTopic,
  type WorkerAnswer,
  type WorkerRequest,
} from '../messages';
import type { RefreshReason } from '../refresh';
import type { Settings } from '../settings';
import { compileWatchlist } from '../watchlist';
import { browserAlarms, type AlarmKey, type Alarms } from '../platform/alarms';
import { renderBadge } from '../platform/badge';
import { broadcastChange } from '../platform/broadcast';
import { fetchDay } from '../platform/hf-client';
import { fetchMonth, fetchTrending, fetchWeek } from '../platform/hf-lists';
import { browserNotifications, type NotificationRoute, type Notifications } from '../platform/notifications';
import { openTab as browserOpenTab, pages } from '../platform/pages';
import { fetchPaper } from '../platform/pdf-client';
import { getSettings, updateSettings } from '../platform/settings';
import { browserSyncArea, type SyncArea } from '../platform/sync-storage';
import { createConnection, type OpenOptions, type PaperboyDB } from '../store/database';
import { countUnread, getStatus, readUnreadListed } from '../store/feed';
import { createArchiveRunner, fetchArchivePage, indexBacklogLimit } from './archive';
import { createDigestRunner } from './digest';
import { createNotifier } from './notifications';
import { createRefresher } from './refresh';
import { createRequestHandlers, runHandler } from './requests';
import { createSaver } from './saving';
import { createSearchIndexer } from './search-index';
import { createSync, type SyncLocal } from './sync';
import { createTrendingLoader } from './trending';

export interface WorkerOptions {
  /** The endpoint the extension was built with; a mirror set in the options wins. */
  endpoint: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Opens the database (tests open one per simulated browser); called again after the connection closed. */
  openDb?: (options: OpenOptions) => Promise<PaperboyDB>;
  settings?: () => Promise<Settings>;
  /** Where saved papers' PDFs come from (ARXIV_ENDPOINT by default). */
  arxivEndpoint?: string;
  /** The sync area (the browser's `storage.sync` by default); null for none. */
  syncArea?: SyncArea | null;
  /** Where the sync keeps its status and finds the settings (storage.local by default; tests give each simulated browser its own). */
  syncLocal?: SyncLocal;
  /** Waits between the pages of a week's or a month's list (setTimeout by default); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** The browser's alarms, notifications and tabs by default. */
  alarms?: Alarms;
  notifications?: Notifications;
  openTab?: (url: string) => Promise<void>;
}

/** Why the worker (re)starts: the extension installed or updated, or the browser started. */
export type StartReason = 'install' | 'update' | 'browser-update' | 'startup';

/**
 * The background worker: it wires the services (each a module of its own in lib/services/,
 * taking what it needs) to the store and the platform, answers the pages' requests, and
 * announces what changed. It owns the truth: it alone fetches and writes; pages read IndexedDB
 * and send requests. Listener registration is entrypoints/background.ts.
 */
export function createWorker(options: WorkerOptions) {
  const now = options.now ?? Date.now;
  const db = createConnection(options.openDb);
  const settings = options.settings ?? getSettings;
  const alarms = options.alarms ?? browserAlarms();
  const notifications = options.notifications ?? browserNotifications();
  const openTab = options.openTab ?? browserOpenTab;
  const endpoint = async (): Promise<string> => (await settings()).endpoint ?? options.endpoint;
  const client = async () => ({ endpoint: await endpoint(), fetch: options.fetch, now, sleep: options.sleep });

  /** The persisted search index, brought up to date after every commit. */
  const searchIndexer = createSearchIndexer({ db, backlogLimit: async () => await indexBacklogLimit(await db()) });
  const indexNewPapers = (): void => void searchIndexer.update().catch(logError);

  const refresher = createRefresher({
    db,
    now,
    fetchDay: async (day) => await fetchDay(day, await client()),
    fetchWeek: async (week) => await fetchWeek(week, await client()),
    fetchMonth: async (month) => await fetchMonth(month, await client()),
    onActivity: () => void announce(['activity']).catch(logError),
    onStored: async (source) => {
      indexNewPapers();
      if (source === 'catch-up') await notifier.flush().catch(logError);
    },
    onSettled: async () => void (await announce().catch(logError)),
  });
  const refresh = (reason: RefreshReason) => refresher.refresh(reason);

  /** New papers, watchlist matches and upvote alerts, as notifications. */
  const notifier = createNotifier({
    db,
    settings,
    now,
    notifications,
    alarms,
    openTab,
    listPage: (day) => pages.list(day),
    endpoint,
    onMarkedRead: () => {
      sync.schedule();
      return announce(['reads']);
    },
  });

  const archive = createArchiveRunner({
    db,
    fetchPage: async (month, page) => await fetchArchivePage(month, page, await client()),
    now,
    // `when` may be bumped to Chrome's 30 s minimum: the pace between calls is kept in-process.
    wakeAt: async (at) => await alarms.at('archive', at),
    onChange: () => void announce(['feed']).catch(logError),
    onStored: async () => await searchIndexer.update(),
  });

  /** The popup's Trending view: the cached ranking, fetched again when stale. */
  const trending = createTrendingLoader({ db, now, fetchTrending: async () => await fetchTrending(await client()) });

  /** The daily and weekly digests. */
  const digest = createDigestRunner({
    db,
    settings,
    now,
    refresh: () => refresh('alarm'),
    fetchWeek: async (week) => await fetchWeek(week, await client()),
    notifications,
    alarms,
    openTab,
    digestPage: (period) => pages.digest(period),
  });

  /** Saving papers for offline reading: snapshots, PDFs, the library. */
  const saver = createSaver({
    db,
    fetch: options.fetch,
    now,
    settings,
    endpoint,
    arxivEndpoint: options.arxivEndpoint ?? ARXIV_ENDPOINT,
    onChange: (topics) => void announce(topics).catch(logError),
    updateSettings: async (next) => await updateSettings(next),
    notifications,
    openTab,
    libraryPage: () => pages.library(),
  });

  /**
   * Reading state, saves and settings through the browser's sync storage. Local changes are
   * written first and a sync is scheduled after them, never awaited: a sync failure goes into
   * its status item and never holds back the local state.
   */
  const sync = createSync({
    db,
    now,
    area: options.syncArea === null ? undefined : (options.syncArea ?? browserSyncArea()),
    ...(options.syncLocal === undefined ? {} : { local: options.syncLocal }),
    onApplied: () => announce(),
    lookupPaper: async (id) => await fetchPaper(id, { endpoint: await endpoint(), fetch: options.fetch, now }),
    alarms,
  });

  const handlers = createRequestHandlers({
    db,
    now,
    refresher,
    archive,
    trending,
    saver,
    sync,
    announce: (topics) => void announce(topics).catch(logError),
  });

  /** What was last read from the store for the activity: a change of the activity alone reuses it. */
  let stored: Pick<Activity, 'status' | 'unread'> | null = null;

  /** What the worker is doing now and what the badge counts, for the pages. */
  async function activity(): Promise<Activity> {
    const handle = await db();
    const [status, unread, archiveProgress] = await Promise.all([
      getStatus(handle),
      countUnread(handle),
      archive.progress(),
    ]);
    stored = { status, unread };
    return compose(stored, archiveProgress);
  }

  function compose(from: Pick<Activity, 'status' | 'unread'>, archiveProgress: Activity['archive']): Activity {
    return {
      ...refresher.activity(),
      ...from,
      archive: archiveProgress,
      trending: trending.activity(),
      ...saver.activity(),
    };
  }

  /** Redraws the badge (in the mode the user chose) and its tooltip from the cache. */
  async function updateBadge(): Promise<Activity> {
    const [current, chosen] = await Promise.all([activity(), settings()]);
    let watchlistUnread = 0;
    if (chosen.watchlist.length > 0 && current.unread > 0) {
      const matcher = compileWatchlist(chosen.watchlist);
      watchlistUnread = (await readUnreadListed(await db())).filter((paper) => matcher.match(paper).length > 0).length;
    }
    await renderBadge({
      text: badgeTextFor(chosen.badgeMode, { unread: current.unread, watchlistUnread }),
      title: badgeTitle(current.unread, current.status, now(), watchlistUnread),
    });
    return current;
  }

  /**
   * Tells open pages what changed, and redraws the badge unless only the in-memory activity did
   * (a download's progress, a loading flag): then nothing is read from the store at all.
   */
  async function announce(topics: readonly ChangeTopic[] = ALL_TOPICS): Promise<Activity> {
    const isActivityOnly = topics.every((topic) => topic === 'activity');
    const current =
      isActivityOnly && stored !== null ? compose(stored, await archive.progress()) : await updateBadge();
    broadcastChange({ type: 'paperboy-changed', topics: [...topics], activity: current });
    return current;
  }

  /** Handles one request; a request that changes synced state schedules a sync (debounced). */
  async function handle(request: WorkerRequest): Promise<Activity> {
    try {
      const changed = await runHandler(handlers, request);
      return changed === null ? await activity() : await announce(changed);
    } finally {
      if (changesSyncedState(request)) sync.schedule();
    }
  }

  /**
   * Answers a message from a page: the activity after the request, or why it did not go
   * through. Undefined for a message that is no request at all (another listener's to answer).
   */
  async function answer(message: unknown): Promise<WorkerAnswer | undefined> {
    if (!isRequestLike(message)) return undefined;
    const request = parseWorkerRequest(message);
    if (request === null) {
      const type = String((message as { type: string }).type);
      return { ok: false, error: { kind: 'invalid', message: `not a valid "${type}" request` } };
    }
    try {
      return { ok: true, activity: await handle(request) };
    } catch (error) {
      logError(error);
      return { ok: false, error: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  /**
   * Makes sure the scheduled alarms exist with the period the settings ask for (alarms can be
   * lost across browser updates; a changed interval reschedules the refresh).
   */
  async function ensureAlarms(): Promise<void> {
    await alarms.every('refresh', (await settings()).refreshMinutes);
    await alarms.every('tooltip', TOOLTIP_PERIOD_MINUTES);
  }

  /** Goes on with an archive download the user left switched on (worker start, the archive alarm). */
  async function resumeArchive(): Promise<void> {
    if ((await settings()).archive.enabled) await archive.resume();
  }

  /**
   * What a (re)start does, the same for every reason but the refresh: an install or an
   * extension update refreshes (a new profile's first list), the browser starting refreshes,
   * a browser update only restores the alarms. Then: the alarms, a digest the browser was closed
   * through (lib/digest.ts planDigests), an archive download left running, and a sync (a new
   * profile takes what the user's other browsers synced).
   */
  function start(reason: StartReason): void {
    void ensureAlarms().catch(logError);
    if (reason !== 'browser-update') void refresh(reason === 'startup' ? 'startup' : 'install').catch(logError);
    void digest.check().catch(logError);
    void resumeArchive().catch(logError);
    void sync.syncNow().catch(logError);
  }

  /** What each alarm does. */
  const onAlarm: Record<AlarmKey, () => void> = {
    // After the refresh: a digest due meanwhile (the machine slept through its alarm) is built from fresh papers.
    refresh: () =>
      void refresh('alarm')
        .then(async () => await digest.check())
        .catch(logError),
    tooltip: () => void updateBadge().catch(logError),
    archive: () => void resumeArchive().catch(logError),
    digest: () => void digest.check().catch(logError),
    quietEnd: () => void notifier.flush().catch(logError),
    sync: () => void sync.syncNow().catch(logError),
  };

  /** Clicks and closes of every notification Paperboy shows, by kind. */
  const notificationRoutes: readonly NotificationRoute[] = [...notifier.routes, ...digest.routes, ...saver.routes];

  /** A click on a notification, as the browser would report it (the router is in lib/platform/notifications.ts). */
  async function notificationClicked(id: string): Promise<void> {
    const route = [...notificationRoutes]
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .find((candidate) => id.startsWith(candidate.prefix));
    await route?.onClicked?.(id);
  }

  /**
   * Settings apply at once: a new interval reschedules the alarm, a new badge mode redraws it,
   * ending a snooze announces what waited, a digest switched on or moved is rescheduled, and a
   * change made here syncs (one a sync just applied does not go round again).
   */
  function onSettingsChanged(next: Settings): void {
    void sync.onSettingsChanged(next).catch(logError);
    void ensureAlarms().catch(logError);
    void announce().catch(logError);
    void notifier.flush().catch(logError);
    void digest.check().catch(logError);
  }

  return {
    refresh,
    loadDay: refresher.loadDay,
    loadPeriod: refresher.loadPeriod,
    handle,
    answer,
    start,
    onAlarm,
    onSettingsChanged,
    notificationRoutes,
    notificationClicked,
    ensureAlarms,
    announce,
    updateBadge,
    activity,
    notifier,
    archive,
    resumeArchive,
    searchIndexer,
    trending,
    digest,
    saver,
    sync,
  };
}

export type Worker = ReturnType<typeof createWorker>;

function logError(error: unknown): void {
  console.error('[paperboy]', error);
}
