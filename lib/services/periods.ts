import { groupByFeedDay } from '../archive';
import { isPeriodLoadDue } from '../history';
import type { Failure, Paper, RefreshStatus } from '../types';
import { planDays } from '../unread';
import { storageFailureOf, type PaperboyDB } from '../store/database';
import type { ListResult } from '../platform/hf-lists';
import { commitRefresh, getStatus, updateStatus, withKnownFeedDays } from '../store/feed';
import { getMeta, putMeta } from '../store/meta';

/** The meta record of when each week or month was last fetched: `{ "2026-W48": ms, "2026-11": ms }`. */
export const PERIOD_LOADS_KEY = 'period-loads';
/** Periods remembered in that record; the oldest fetches are forgotten first. */
const MAX_REMEMBERED_LOADS = 200;

/** How loading a week or a month went. */
export type PeriodOutcome =
  | { kind: 'done'; papers: Paper[]; newIds: string[] }
  /** Not fetched: the cache holds the period, fetched after it ended or a moment ago. */
  | { kind: 'fresh' }
  | { kind: 'failed'; failure: Failure }
  /** Not attempted: the server's rate-limit window is still running. */
  | { kind: 'deferred'; until: number };

/** The end of a rate-limit window the server asked for, if one is still running at `now`. */
function rateLimitUntil(status: RefreshStatus, now: number): number | null {
  const failure = status.lastFailure;
  if (failure?.kind !== 'rate-limited') return null;
  const until = failure.retryAt ?? status.nextAllowedAt;
  return until !== null && until > now ? until : null;
}

/**
 * Fetches a week's or a month's list (`fetchList`, paginated by hf-lists) and stores it the way
 * a day browsed on demand is stored (lib/refresh.ts with `days`): papers seen for the first
 * time start read on days before the install day (all of them before the first install) and
 * unread from it on; the catch-up's bookkeeping is left alone except for a rate limit, which is
 * the server's word for every call. Each day's list is merged with the cached one, so a day
 * never loses ids; a paper already cached keeps its feed day. One commit. Never throws for a
 * failed fetch; a failed write is reported as 'storage' / 'quota'.
 */
export async function loadPeriod(
  db: PaperboyDB,
  period: { key: string; lastDay: string },
  fetchList: () => Promise<ListResult>,
  now: () => number,
): Promise<PeriodOutcome> {
  const loads = asLoads(await getMeta(db, PERIOD_LOADS_KEY));
  if (!isPeriodLoadDue(loads[period.key], period.lastDay, now())) return { kind: 'fresh' };
  const status = await getStatus(db);
  const waitUntil = rateLimitUntil(status, now());
  if (waitUntil !== null) return { kind: 'deferred', until: waitUntil };

  const result = await fetchList();
  const at = now();
  if (!result.ok) {
    const failure = result.failure;
    if (failure.kind === 'rate-limited' && failure.retryAt !== undefined) {
      const retryAt = failure.retryAt;
      await updateStatus(db, (current) => ({
        ...current,
        lastFailure: { ...failure, at },
        nextAllowedAt: Math.max(current.nextAllowedAt ?? 0, retryAt),
      }));
    }
    return { kind: 'failed', failure };
  }

  const papers = await withKnownFeedDays(db, result.papers);
  const byDay = groupByFeedDay(papers);
  const fetched = [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, list]) => ({ day, ids: list.map((paper) => paper.id) }));
  const plans = planDays(fetched, status, false).map((plan) => ({ ...plan, merge: true }));
  try {
    const { newIds } = await commitRefresh(db, {
      papers: [...byDay.values()].flat(),
      days: plans,
      updateStatus: (current) => current,
      now: at,
      quietCatchUp: false,
    });
    await rememberLoad(db, period.key, at);
    return { kind: 'done', papers, newIds };
  } catch (error) {
    console.error('[paperboy] storing a week or month failed', error);
    return { kind: 'failed', failure: storageFailureOf(error) };
  }
}

/** The stored fetch times, by period key; anything unreadable is dropped. */
function asLoads(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}

/** Records when a period was fetched (a separate write: lost, the period is only fetched once more). */
async function rememberLoad(db: PaperboyDB, key: string, at: number): Promise<void> {
  const loads = { ...asLoads(await getMeta(db, PERIOD_LOADS_KEY)), [key]: at };
  const kept = Object.entries(loads)
    .sort(([, a], [, b]) => b - a)
    .slice(0, MAX_REMEMBERED_LOADS);
  await putMeta(db, PERIOD_LOADS_KEY, Object.fromEntries(kept));
}
