import { daysToFetch, feedDayAt } from './feed-day';
import { nextAllowedAfter, StorageFailure } from './failure';
import { planDays, type DayPlan } from './unread';
import type { Failure, Paper, RefreshStatus } from './types';

/** Why a refresh runs: automatic ones respect back-off, a person's click only a rate limit. */
export type RefreshReason = 'install' | 'startup' | 'alarm' | 'popup' | 'manual';

export type DayFetch = (day: string) => Promise<{ ok: true; papers: Paper[] } | { ok: false; failure: Failure }>;

/** A change to the status, applied to whatever is stored when the write happens. */
export type StatusUpdate = (current: RefreshStatus) => RefreshStatus;

/**
 * The storage a refresh needs; lib/store/database.ts provides it over IndexedDB. Status changes
 * are functions applied inside the write's transaction, so a history load and a catch-up
 * running at once never overwrite each other's bookkeeping.
 */
export interface RefreshStore {
  getStatus(): Promise<RefreshStatus>;
  updateStatus(update: StatusUpdate): Promise<void>;
  commit(input: {
    papers: Paper[];
    days: DayPlan[];
    updateStatus: StatusUpdate;
    now: number;
    quietCatchUp: boolean;
  }): Promise<{ newIds: string[]; newUnreadIds: string[] }>;
}

export interface RefreshDeps {
  store: RefreshStore;
  fetchDay: DayFetch;
  now: () => number;
  onProgress?: (done: number, total: number) => void;
}

export type RefreshOutcome =
  | { kind: 'done'; days: string[]; newIds: string[]; newUnreadIds: string[] }
  | { kind: 'failed'; failure: Failure }
  /** Not attempted: a rate-limit window or back-off is still running. */
  | { kind: 'deferred'; until: number };

/** Parallel requests per refresh: polite, yet a week of catch-up takes a moment, not eight. */
const CONCURRENCY = 3;

/**
 * Fetches the feed days due (catch-up from the last success through today, or `days` when
 * given: history on demand) and stores them in one transaction. Never throws: failures are
 * recorded in the status and returned; the cache stays as it was.
 */
export async function runRefresh(deps: RefreshDeps, reason: RefreshReason, days?: string[]): Promise<RefreshOutcome> {
  const startedAt = deps.now();
  const status = await deps.store.getStatus();
  if (status.nextAllowedAt !== null && status.nextAllowedAt > startedAt) {
    if (reason !== 'manual') return { kind: 'deferred', until: status.nextAllowedAt };
    // A click may skip a back-off, never a rate-limit window the server asked for. The back-off
    // can outlast that window (nextAllowedAt is the later of the two): a click waits for the window only.
    const failure = status.lastFailure;
    const windowEnds = failure?.kind === 'rate-limited' ? (failure.retryAt ?? status.nextAllowedAt) : null;
    if (windowEnds !== null && windowEnds > startedAt) return { kind: 'deferred', until: windowEnds };
  }
  const today = feedDayAt(startedAt);
  const isCatchUp = days === undefined;
  const wanted = days ?? daysToFetch(today, status.lastFetchedDay);

  const fetched: { day: string; papers: Paper[] }[] = [];
  let failure: Failure | null = null;
  let done = 0;
  deps.onProgress?.(0, wanted.length);
  const queue = [...wanted];
  const worker = async (): Promise<void> => {
    for (let day = queue.shift(); day !== undefined && failure === null; day = queue.shift()) {
      const result = await deps.fetchDay(day);
      if (result.ok) fetched.push({ day, papers: result.papers });
      else failure ??= result.failure;
      done += 1;
      deps.onProgress?.(done, wanted.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));

  const now = deps.now();
  if (failure !== null) {
    const failed: Failure = failure;
    if (isCatchUp) {
      await deps.store.updateStatus((current) => {
        const consecutiveFailures = current.consecutiveFailures + 1;
        return {
          ...current,
          lastAttemptAt: now,
          lastFailure: { ...failed, at: now },
          consecutiveFailures,
          nextAllowedAt: nextAllowedAfter(failed, consecutiveFailures, now),
        };
      });
    } else if (failed.kind === 'rate-limited' && failed.retryAt !== undefined) {
      // A history load leaves the catch-up's bookkeeping alone, except that a rate limit is
      // the server's word for every call.
      const retryAt = failed.retryAt;
      await deps.store.updateStatus((current) => ({
        ...current,
        lastFailure: { ...failed, at: now },
        nextAllowedAt: Math.max(current.nextAllowedAt ?? 0, retryAt),
      }));
    }
    return { kind: 'failed', failure: failed };
  }

  fetched.sort((a, b) => (a.day < b.day ? -1 : 1));
  const plans = planDays(
    fetched.map(({ day, papers }) => ({ day, ids: papers.map((paper) => paper.id) })),
    status,
    isCatchUp,
  );
  const latestFetched = fetched.at(-1)?.day ?? null;
  const updateStatus: StatusUpdate = (current) =>
    isCatchUp
      ? {
          ...current,
          installedAt: current.installedAt ?? now,
          installDay: current.installDay ?? today,
          lastAttemptAt: now,
          lastSuccessAt: now,
          lastFetchedDay:
            latestFetched !== null && (current.lastFetchedDay === null || latestFetched > current.lastFetchedDay)
              ? latestFetched
              : current.lastFetchedDay,
          lastFailure: null,
          consecutiveFailures: 0,
          nextAllowedAt: null,
        }
      : current;
  try {
    const { newIds, newUnreadIds } = await deps.store.commit({
      papers: fetched.flatMap(({ papers }) => papers),
      days: plans,
      updateStatus,
      now,
      // The first install, or a catch-up after more than a day away: one summary, never a flood.
      quietCatchUp: isCatchUp && (status.installDay === null || wanted.length > 2),
    });
    return { kind: 'done', days: fetched.map(({ day }) => day), newIds, newUnreadIds };
  } catch (error) {
    // The store says why in a closed kind (lib/store/database.ts classifies the browser's errors).
    const storeFailure: Failure =
      error instanceof StorageFailure
        ? error.failure
        : { kind: 'storage', detail: error instanceof Error ? error.name : 'write failed' };
    console.error('[paperboy] storing the refresh failed', error);
    await deps.store
      .updateStatus((current) => ({ ...current, lastAttemptAt: now, lastFailure: { ...storeFailure, at: now } }))
      .catch((statusError: unknown) => console.error('[paperboy] recording the failure failed too', statusError));
    return { kind: 'failed', failure: storeFailure };
  }
}
