import { browser } from 'wxt/browser';
import { badgeTextFor, badgeTitle } from '../badge';
import {
  ARXIV_ENDPOINT,
  POPUP_REFRESH_AFTER_MS,
  REFRESH_ALARM,
  TOOLTIP_ALARM,
  TOOLTIP_PERIOD_MINUTES,
} from '../config';
import { isIsoWeek, isMonth, monthDays, weekDays } from '../calendar';
import { isFeedDay } from '../feed-day';
import {
  ALL_TOPICS,
  changesSyncedState,
  isRequestLike,
  parseWorkerRequest,
  type Activity,
  type ChangedEvent,
  type ChangeTopic,
  type WorkerAnswer,
  type WorkerRequest,
} from '../messages';
import { runRefresh, type RefreshOutcome, type RefreshReason, type RefreshStore } from '../refresh';
import type { Settings } from '../settings';
import type { Failure } from '../types';
import { compileWatchlist } from '../watchlist';
import { renderBadge } from '../platform/badge';
import { createConnection, type OpenOptions, type PaperboyDB } from '../store/database';
import { ARCHIVE_ALARM, createArchiveRunner, fetchArchivePage, indexBacklogLimit } from './archive';
import { createDigestRunner } from './digest';
import { fetchDay } from '../platform/hf-client';
import { fetchMonth, fetchTrending, fetchWeek } from '../platform/hf-lists';
import { loadPeriod, type PeriodOutcome } from './periods';
import { createNotifier } from './notifications';
import { fetchPaper } from '../platform/pdf-client';
import { createSaver } from './saving';
import { createSearchIndexer } from './search-index';
import { getSettings, updateSettings } from '../platform/settings';
import { createSync, type SyncLocal } from './sync';
import { createTrendingLoader } from './trending';
import { commitRefresh, countUnread, getStatus, readUnreadListed, setUnread, updateStatus } from '../store/feed';
import { browserSyncArea, type SyncArea } from '../platform/sync-storage';

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
}

/**
 * The background worker's behaviour, apart from listener registration (entrypoints/background.ts).
 * It owns the truth: it alone fetches and writes; pages read IndexedDB and send Requests.
 */
export function createWorker(options: WorkerOptions) {
  const now = options.now ?? Date.now;
  const db = createConnection(options.openDb);

  let inflight: Promise<RefreshOutcome> | null = null;
  let progress: Activity['progress'] = null;
  const loadingDays = new Set<string>();
  const dayFailures: Record<string, Failure> = {};

  const store = async (): Promise<RefreshStore> => {
    const handle = await db();
    return {
      getStatus: () => getStatus(handle),
      updateStatus: (update) => updateStatus(handle, update),
      commit: (input) => commitRefresh(handle, input),
    };
  };
  const settings = options.settings ?? getSettings;
  const endpoint = async (): Promise<string> => (await settings()).endpoint ?? options.endpoint;
  const fetchOne = async (day: string) =>
    await fetchDay(day, { endpoint: await endpoint(), fetch: options.fetch, now });
  const notifier = createNotifier({
    db,
    settings,
    now,
    endpoint,
    onMarkedRead: () => {
      sync.schedule();
      return announce(['reads']);
    },
  });
  /** The persisted search index, brought up to date after every commit (lib/services/search-index.ts). */
  const searchIndexer = createSearchIndexer({ db, backlogLimit: async () => await indexBacklogLimit(await db()) });
  const indexNewPapers = (): void => void searchIndexer.update().catch(logError);
  const archive = createArchiveRunner({
    db,
    fetchPage: async (month, page) =>
      await fetchArchivePage(month, page, { endpoint: await endpoint(), fetch: options.fetch, now }),
    now,
    // `when` may be bumped to Chrome's 30 s minimum: the pace between calls is kept in-process.
    wakeAt: async (at) => {
      if (at === null) await browser.alarms.clear(ARCHIVE_ALARM);
      else await browser.alarms.create(ARCHIVE_ALARM, { when: at });
    },
    onChange: () => void announce(['feed']).catch(logError),
    onStored: async () => await searchIndexer.update(),
  });
  const client = async () => ({ endpoint: await endpoint(), fetch: options.fetch, now, sleep: options.sleep });
  /** The popup's Trending view: the cached ranking, fetched again when stale (lib/services/trending.ts). */
  const trending = createTrendingLoader({ db, now, fetchTrending: async () => await fetchTrending(await client()) });
  /** The daily and weekly digests (lib/services/digest.ts). */
  const digest = createDigestRunner({
    db,
    settings,
    now,
    refresh: () => refresh('alarm'),
    fetchWeek: async (week) => await fetchWeek(week, await client()),
  });

  /** Saving papers for offline reading: snapshots, PDFs, the library (lib/services/saving.ts). */
  const saver = createSaver({
    db,
    fetch: options.fetch,
    now,
    settings,
    endpoint,
    arxivEndpoint: options.arxivEndpoint ?? ARXIV_ENDPOINT,
    onChange: (topics) => void announce(topics).catch(logError),
    updateSettings: async (next) => await updateSettings(next),
    notify: async ({ title, message }) => {
      // Not under the notifier's "paperboy:" prefix: a click opens the library (entrypoints/background.ts).
      await browser.notifications.create(`${SAVE_NOTIFICATION_PREFIX}${now()}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png' as '/'),
        title,
        message,
        priority: 0,
      });
    },
  });

  /**
   * Reading state, saves and settings through the browser's sync storage (lib/services/sync.ts).
   * Local changes are written first and a sync is scheduled after them, never awaited: a sync
   * failure goes into its status item and never holds back the local state.
   */
  const sync = createSync({
    db,
    now,
    area: options.syncArea === null ? undefined : (options.syncArea ?? browserSyncArea()),
    ...(options.syncLocal === undefined ? {} : { local: options.syncLocal }),
    onApplied: () => announce(),
    lookupPaper: async (id) => await fetchPaper(id, { endpoint: await endpoint(), fetch: options.fetch, now }),
  });

  async function activity(): Promise<Activity> {
    const handle = await db();
    const [status, unread, archiveProgress] = await Promise.all([
      getStatus(handle),
      countUnread(handle),
      archive.progress(),
    ]);
    return {
      refreshing: inflight !== null,
      progress,
      loadingDays: [...loadingDays],
      status,
      unread,
      dayFailures: { ...dayFailures },
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
   * (a download's progress, a loading flag): nothing the badge counts changes then.
   */
  async function announce(topics: readonly ChangeTopic[] = ALL_TOPICS): Promise<Activity> {
    const current = topics.every((topic) => topic === 'activity') ? await activity() : await updateBadge();
    const event: ChangedEvent = { type: 'paperboy-changed', topics: [...topics], activity: current };
    // No page open is the usual case, and sendMessage then rejects: nothing to do about it.
    browser.runtime.sendMessage(event).catch(() => undefined);
    return current;
  }

  /** Runs a catch-up refresh; concurrent calls share the one under way. */
  function refresh(reason: RefreshReason): Promise<RefreshOutcome> {
    if (inflight !== null) return inflight;
    const run = async (): Promise<RefreshOutcome> => {
      try {
        const outcome = await runRefresh(
          {
            store: await store(),
            fetchDay: fetchOne,
            now,
            onProgress: (done, total) => {
              progress = { done, total };
              void announce(['activity']).catch(logError);
            },
          },
          reason,
        );
        if (outcome.kind === 'failed') console.warn(`[paperboy] refresh (${reason}) failed:`, outcome.failure);
        if (outcome.kind === 'done') {
          indexNewPapers();
          await notifier.flush().catch(logError);
        }
        return outcome;
      } finally {
        inflight = null;
        progress = null;
        await announce().catch(logError);
      }
    };
    inflight = run();
    return inflight;
  }

  /**
   * Runs one on-demand load (a day, a week, a month) under `key`: reported in `loadingDays`
   * while it runs and in `dayFailures` when it fails, the search index told of what it stored.
   */
  async function loadOnDemand(key: string, load: () => Promise<RefreshOutcome | PeriodOutcome>): Promise<void> {
    loadingDays.add(key);
    delete dayFailures[key];
    void announce(['activity']).catch(logError);
    try {
      const outcome = await load();
      if (outcome.kind === 'done') indexNewPapers();
      if (outcome.kind === 'failed') dayFailures[key] = outcome.failure;
      if (outcome.kind === 'deferred') dayFailures[key] = { kind: 'rate-limited', retryAt: outcome.until };
    } finally {
      loadingDays.delete(key);
      await announce().catch(logError);
    }
  }

  /** Fetches one day on demand (history); the status of the catch-up is left alone. */
  async function loadDay(day: string): Promise<void> {
    if (!isFeedDay(day) || loadingDays.has(day)) return;
    await loadOnDemand(
      day,
      async () => await runRefresh({ store: await store(), fetchDay: fetchOne, now }, 'manual', [day]),
    );
  }

  /**
   * Fetches a week (`week=`) or a month (`month=`, paginated) on demand and stores its days like
   * a day browsed back (lib/services/periods.ts). Loads and failures are reported under the
   * period's key ("2026-W48", "2026-11") in `loadingDays` / `dayFailures`.
   */
  async function loadPeriodOnDemand(period: { week: string } | { month: string }): Promise<void> {
    const key = 'week' in period ? period.week : period.month;
    if (!('week' in period ? isIsoWeek(key) : isMonth(key)) || loadingDays.has(key)) return;
    await loadOnDemand(key, async () => {
      const options = await client();
      const days = 'week' in period ? weekDays(key) : monthDays(key);
      return await loadPeriod(
        await db(),
        { key, lastDay: days.at(-1) ?? key },
        async () => await ('week' in period ? fetchWeek(key, options) : fetchMonth(key, options)),
        now,
      );
    });
  }

  /** Handles one request; a request that changes synced state schedules a sync (debounced). */
  async function handle(request: WorkerRequest): Promise<Activity> {
    try {
      return await handleRequest(request);
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

  async function handleRequest(request: WorkerRequest): Promise<Activity> {
    switch (request.type) {
      case 'get-activity':
        return await activity();
      case 'popup-opened': {
        const status = await getStatus(await db());
        if (status.lastSuccessAt === null || now() - status.lastSuccessAt > POPUP_REFRESH_AFTER_MS)
          void refresh('popup');
        return await activity();
      }
      case 'refresh':
        await refresh('manual');
        return await activity();
      case 'load-day':
        await loadDay(request.day);
        return await activity();
      case 'load-week':
        await loadPeriodOnDemand({ week: request.week });
        return await activity();
      case 'load-month':
        await loadPeriodOnDemand({ month: request.month });
        return await activity();
      case 'set-unread':
        await setUnread(await db(), request.ids, request.unread, now());
        return await announce(['reads']);
      case 'archive-start':
        await archive.start();
        return await activity();
      case 'archive-cancel':
        await archive.cancel();
        return await announce(['activity']);
      case 'load-trending': {
        const loading = trending.load(request.force === true);
        void announce(['activity']).catch(logError); // "loading" on screen while the fetch runs
        await loading;
        return await announce(['feed']);
      }
      case 'set-trending-unread':
        await setUnread(await db(), request.ids, request.unread, now(), { createMissing: true });
        return await announce(['reads']);
      case 'save':
        await saver.save(request.id);
        return await activity();
      case 'unsave':
        await saver.unsave(request.id);
        return await activity();
      case 'restore-saved':
        await saver.restore(request.id);
        return await activity();
      case 'fetch-pdf':
        await saver.retry(request.id);
        return await activity();
      case 'update-saved':
        await saver.update(request.id, { tags: request.tags, note: request.note });
        return await activity();
      case 'restore-backup':
        await saver.restoreBackup(request.text);
        return await activity();
      case 'sync-now':
        await sync.syncNow();
        return await activity();
      case 'set-sync':
        await sync.setEnabled(request.enabled);
        return await activity();
    }
  }

  /**
   * Makes sure the scheduled alarms exist with the period the settings ask for (alarms can be
   * lost across browser updates; a changed interval reschedules the refresh).
   */
  async function ensureAlarms(): Promise<void> {
    const schedule = [
      [REFRESH_ALARM, (await settings()).refreshMinutes],
      [TOOLTIP_ALARM, TOOLTIP_PERIOD_MINUTES],
    ] as const;
    for (const [name, period] of schedule) {
      const existing = await browser.alarms.get(name);
      if (existing?.periodInMinutes !== period) {
        await browser.alarms.create(name, { delayInMinutes: period, periodInMinutes: period });
      }
    }
  }

  /** Goes on with an archive download the user left switched on (worker start, the archive alarm). */
  async function resumeArchive(): Promise<void> {
    if ((await settings()).archive.enabled) await archive.resume();
  }

  return {
    refresh,
    loadDay,
    loadPeriod: loadPeriodOnDemand,
    handle,
    answer,
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

/** Notifications about a save from the context menu: a click opens the library. */
export const SAVE_NOTIFICATION_PREFIX = 'paperboy-save:';

export type Worker = ReturnType<typeof createWorker>;

function logError(error: unknown): void {
  console.error('[paperboy]', error);
}
