import { addWeeks, addMonths, clampDay, isoWeekOf, monthOf, weekStart, type IsoWeek, type Month } from './calendar';
import { addDays, feedDayAt, FIRST_FEED_DAY } from './feed-day';
import type { ListedPaper } from './paper-view';

/** How much of the feed the popup's list covers. */
export type PeriodKind = 'day' | 'week' | 'month';

/** One period on screen: a feed day, an ISO week or a month. */
export type Period = { kind: 'day'; day: string } | { kind: 'week'; week: IsoWeek } | { kind: 'month'; month: Month };

/** The orders the list offers. */
export type SortOrder = 'upvotes' | 'newest' | 'comments';

/** The list's filters; each one on narrows the list, and they combine. */
export interface HistoryFilters {
  unread: boolean;
  saved: boolean;
  hasCode: boolean;
  watchlist: boolean;
}

/** How the popup's list was last shown: remembered so it reopens the same way. */
export interface HistoryPrefs {
  period: PeriodKind;
  sort: SortOrder;
  filters: HistoryFilters;
}

export const NO_FILTERS: HistoryFilters = { unread: false, saved: false, hasCode: false, watchlist: false };

export const DEFAULT_HISTORY_PREFS: HistoryPrefs = { period: 'day', sort: 'upvotes', filters: NO_FILTERS };

const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month'];
const SORT_ORDERS: readonly SortOrder[] = ['upvotes', 'newest', 'comments'];

/** Reads whatever is stored as the remembered view; anything unreadable falls back to the defaults. */
export function normalizeHistoryPrefs(value: unknown): HistoryPrefs {
  if (typeof value !== 'object' || value === null) return DEFAULT_HISTORY_PREFS;
  const raw = value as { period?: unknown; sort?: unknown; filters?: unknown };
  const filters = (typeof raw.filters === 'object' && raw.filters !== null ? raw.filters : {}) as Record<
    keyof HistoryFilters,
    unknown
  >;
  return {
    period: PERIOD_KINDS.includes(raw.period as PeriodKind) ? (raw.period as PeriodKind) : 'day',
    sort: SORT_ORDERS.includes(raw.sort as SortOrder) ? (raw.sort as SortOrder) : 'upvotes',
    filters: {
      unread: filters.unread === true,
      saved: filters.saved === true,
      hasCode: filters.hasCode === true,
      watchlist: filters.watchlist === true,
    },
  };
}

/** True when at least one filter is on. */
export function hasFilters(filters: HistoryFilters): boolean {
  return filters.unread || filters.saved || filters.hasCode || filters.watchlist;
}

/**
 * The papers that pass every filter that is on, in their order. `isSaved` says whether a paper
 * is in the library (the saved state lives outside the list).
 */
export function filterPapers(
  items: readonly ListedPaper[],
  filters: HistoryFilters,
  isSaved: (id: string) => boolean = () => false,
): ListedPaper[] {
  return items.filter(
    (item) =>
      (!filters.unread || item.unread) &&
      (!filters.saved || isSaved(item.paper.id)) &&
      (!filters.hasCode || item.paper.githubRepo !== null) &&
      (!filters.watchlist || item.matched.length > 0),
  );
}

/** When a paper came out: its arXiv publication time, else the start of its feed day. */
function publishedKey(item: ListedPaper): string {
  return item.paper.publishedAt ?? `${item.paper.feedDay}T00:00:00.000Z`;
}

/**
 * The list in the chosen order: most upvoted, newest (published first, then feed day), or most
 * commented first. With `matchesFirst`, watchlist matches lead whatever the order. Ties keep
 * the order the papers came in (stable).
 */
export function sortPapers(
  items: readonly ListedPaper[],
  order: SortOrder,
  options: { matchesFirst?: boolean } = {},
): ListedPaper[] {
  const first = options.matchesFirst === true;
  const compare = (a: ListedPaper, b: ListedPaper): number => {
    switch (order) {
      case 'upvotes':
        return b.paper.upvotes - a.paper.upvotes;
      case 'comments':
        return b.paper.numComments - a.paper.numComments;
      case 'newest': {
        const [left, right] = [publishedKey(a), publishedKey(b)];
        if (left !== right) return left < right ? 1 : -1;
        return a.paper.feedDay === b.paper.feedDay ? 0 : a.paper.feedDay < b.paper.feedDay ? 1 : -1;
      }
    }
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (first ? Number(b.item.matched.length > 0) - Number(a.item.matched.length > 0) : 0) ||
        compare(a.item, b.item) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/** The period of a kind that holds `day` (a day itself, its ISO week, its month). */
export function periodOf(kind: PeriodKind, day: string): Period {
  if (kind === 'week') return { kind, week: isoWeekOf(day) };
  if (kind === 'month') return { kind, month: monthOf(day) };
  return { kind, day };
}

/** The first feed day of a period (for a day, the day). */
export function periodStart(period: Period): string {
  if (period.kind === 'week') return weekStart(period.week);
  if (period.kind === 'month') return `${period.month}-01`;
  return period.day;
}

/** The feed days a period covers that can have papers: not before FIRST_FEED_DAY, not after `today`. */
export function periodRange(period: Period, today: string): { from: string; to: string } {
  const start = periodStart(period);
  const end =
    period.kind === 'week'
      ? addDays(start, 6)
      : period.kind === 'month'
        ? addDays(`${addMonths(period.month, 1)}-01`, -1)
        : start;
  return { from: start < FIRST_FEED_DAY ? FIRST_FEED_DAY : start, to: end > today ? today : end };
}

/**
 * The period `delta` steps away (a day, a week or a month per step), kept within the feed's
 * life: never before the period of FIRST_FEED_DAY nor after the one of `today`.
 */
export function stepPeriod(period: Period, delta: number, today: string): Period {
  if (period.kind === 'week') return periodOf('week', clampDay(weekStart(addWeeks(period.week, delta)), today));
  if (period.kind === 'month') return periodOf('month', clampDay(`${addMonths(period.month, delta)}-01`, today));
  return { kind: 'day', day: clampDay(addDays(period.day, delta), today) };
}

/** The period key the worker reports loads and failures under: the day, "2026-W48" or "2026-11". */
export function periodKey(period: Period): string {
  if (period.kind === 'week') return period.week;
  if (period.kind === 'month') return period.month;
  return period.day;
}

/** The current week or month is fetched again when its last fetch is older than this. */
export const PERIOD_STALE_MS = 15 * 60_000;

/**
 * Whether a week or month (ending on `lastDay`) should be fetched: never fetched, or fetched
 * while it was still running and longer ago than PERIOD_STALE_MS. One fetched after it ended is
 * complete and is not asked for again (a month costs the API a dozen calls or more).
 */
export function isPeriodLoadDue(fetchedAt: number | undefined, lastDay: string, now: number): boolean {
  if (fetchedAt === undefined || fetchedAt > now) return true;
  if (feedDayAt(fetchedAt) > lastDay) return false;
  return now - fetchedAt >= PERIOD_STALE_MS;
}

/** The period as calendar.ts's hasPrevious / hasNext take it. */
export function calendarPeriod(period: Period): { day: string } | { week: IsoWeek } | { month: Month } {
  if (period.kind === 'week') return { week: period.week };
  if (period.kind === 'month') return { month: period.month };
  return { day: period.day };
}
