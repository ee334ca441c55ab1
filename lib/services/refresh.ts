import { isIsoWeek, isMonth, monthDays, weekDays } from '../calendar';
import { isFeedDay } from '../feed-day';
import type { Activity } from '../messages';
import { runRefresh, type DayFetch, type RefreshOutcome, type RefreshReason, type RefreshStore } from '../refresh';
import type { Failure } from '../types';
import type { ListResult } from '../platform/hf-lists';
import type { PaperboyDB } from '../store/database';
import { commitRefresh, getStatus, updateStatus } from '../store/feed';
import { loadPeriod, type PeriodOutcome } from './periods';

/** What the refresh service reports in the worker's activity. */
export type RefreshActivity = Pick<Activity, 'refreshing' | 'progress' | 'loadingDays' | 'dayFailures'>;

export interface RefresherOptions {
  db: () => Promise<PaperboyDB>;
  now: () => number;
  /** One feed day's list (lib/platform/hf-client.ts with the current endpoint). */
  fetchDay: DayFetch;
  fetchWeek: (week: string) => Promise<ListResult>;
  fetchMonth: (month: string) => Promise<ListResult>;
  /** Something of the refresh's activity changed (a loading flag, progress, a failure): nothing stored. */
  onActivity: () => void;
  /** Papers were stored (to index them, notify about them and redraw everything). */
  onStored: (source: 'catch-up' | 'on-demand') => Promise<void>;
  /** The refresh ended, stored or not (to redraw the badge and the pages). */
  onSettled: () => Promise<void>;
}

/**
 * The catch-up refresh and the loads on demand (a day, a week, a month), with what they are
 * doing now: whether a refresh runs and how far, which days are loading, why a load failed.
 */
export function createRefresher(options: RefresherOptions) {
  const { now } = options;
  let inflight: Promise<RefreshOutcome> | null = null;
  let progress: Activity['progress'] = null;
  const loadingDays = new Set<string>();
  const dayFailures: Record<string, Failure> = {};

  const store = async (): Promise<RefreshStore> => {
    const handle = await options.db();
    return {
      getStatus: () => getStatus(handle),
      updateStatus: (update) => updateStatus(handle, update),
      commit: (input) => commitRefresh(handle, input),
    };
  };

  /** Runs a catch-up refresh; concurrent calls share the one under way. */
  function refresh(reason: RefreshReason): Promise<RefreshOutcome> {
    if (inflight !== null) return inflight;
    const run = async (): Promise<RefreshOutcome> => {
      try {
        const outcome = await runRefresh(
          {
            store: await store(),
            fetchDay: options.fetchDay,
            now,
            onProgress: (done, total) => {
              progress = { done, total };
              options.onActivity();
            },
          },
          reason,
        );
        if (outcome.kind === 'failed') console.warn(`[paperboy] refresh (${reason}) failed:`, outcome.failure);
        if (outcome.kind === 'done') await options.onStored('catch-up');
        return outcome;
      } finally {
        inflight = null;
        progress = null;
        await options.onSettled();
      }
    };
    inflight = run();
    return inflight;
  }

  /**
   * Runs one on-demand load (a day, a week, a month) under `key`: reported in `loadingDays`
   * while it runs and in `dayFailures` when it fails.
   */
  async function loadOnDemand(key: string, load: () => Promise<RefreshOutcome | PeriodOutcome>): Promise<void> {
    loadingDays.add(key);
    delete dayFailures[key];
    options.onActivity();
    try {
      const outcome = await load();
      if (outcome.kind === 'done') await options.onStored('on-demand');
      if (outcome.kind === 'failed') dayFailures[key] = outcome.failure;
      if (outcome.kind === 'deferred') dayFailures[key] = { kind: 'rate-limited', retryAt: outcome.until };
    } finally {
      loadingDays.delete(key);
      await options.onSettled();
    }
  }

  /** Fetches one day on demand (history); the status of the catch-up is left alone. */
  async function loadDay(day: string): Promise<void> {
    if (!isFeedDay(day) || loadingDays.has(day)) return;
    await loadOnDemand(
      day,
      async () => await runRefresh({ store: await store(), fetchDay: options.fetchDay, now }, 'manual', [day]),
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
      const days = 'week' in period ? weekDays(key) : monthDays(key);
      return await loadPeriod(
        await options.db(),
        { key, lastDay: days.at(-1) ?? key },
        async () => await ('week' in period ? options.fetchWeek(key) : options.fetchMonth(key)),
        now,
      );
    });
  }

  function activity(): RefreshActivity {
    return {
      refreshing: inflight !== null,
      progress,
      loadingDays: [...loadingDays],
      dayFailures: { ...dayFailures },
    };
  }

  return { refresh, loadDay, loadPeriod: loadPeriodOnDemand, activity };
}

export type Refresher = ReturnType<typeof createRefresher>;
