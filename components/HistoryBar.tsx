import { useId } from 'preact/hooks';
import { formatMonth, formatWeek, monthName } from '@/lib/calendar';
import { describeDay, formatDay, FIRST_FEED_DAY } from '@/lib/feed-day';
import { describeFailure } from '@/lib/failure';
import {
  hasFilters,
  NO_FILTERS,
  periodRange,
  periodStart,
  type HistoryFilters,
  type Period,
  type PeriodKind,
  type SortOrder,
} from '@/lib/history';
import type { Failure } from '@/lib/types';

/** What the popup's day view needs for week and month views, sorting and filters. */
export interface HistoryControls {
  /** The period on screen. */
  period: Period;
  sort: SortOrder;
  filters: HistoryFilters;
  /** Papers of the period before filtering: tells "none match the filters" from "none at all". */
  unfilteredCount: number;
  /** Offer the watchlist filter (the watchlist has entries, or the filter is on). */
  hasWatchlist: boolean;
  /** A week or month being fetched. */
  loading: boolean;
  /** Why fetching the week or month failed, if it did (the cached papers stay on screen). */
  failure: Failure | null;
  onSelectKind: (kind: PeriodKind) => void;
  /** The date picker: go to that day, or its week, or its month. */
  onPickDate: (day: string) => void;
  onSort: (order: SortOrder) => void;
  onFilters: (filters: HistoryFilters) => void;
  /** Fetch the week or month again after a failure. */
  onRetry: () => void;
  /** Papers of the list not drawn yet (a long month); "Show more" draws the next ones. */
  hiddenCount: number;
  onShowMore: () => void;
}

const KINDS: { kind: PeriodKind; label: string }[] = [
  { kind: 'day', label: 'Day' },
  { kind: 'week', label: 'Week' },
  { kind: 'month', label: 'Month' },
];

const SORTS: { order: SortOrder; label: string }[] = [
  { order: 'upvotes', label: 'Most upvoted' },
  { order: 'newest', label: 'Newest' },
  { order: 'comments', label: 'Most comments' },
];

const FILTERS: { key: keyof HistoryFilters; label: string }[] = [
  { key: 'unread', label: 'Unread' },
  { key: 'saved', label: 'Saved' },
  { key: 'hasCode', label: 'Has code' },
  { key: 'watchlist', label: 'Watchlist' },
];

/** The heading and the line under it for a period: "This week" over "Nov 23 – Nov 26", "October 2026". */
export function periodTitle(period: Period, today: string): { title: string; subtitle: string } {
  if (period.kind === 'day') {
    const title = describeDay(period.day, today);
    return {
      title,
      subtitle: title === 'Today' || title === 'Yesterday' ? formatDay(period.day, today) : 'Daily Papers',
    };
  }
  const { from, to } = periodRange(period, today);
  const span = `${shortDay(from)} – ${shortDay(to)}`;
  if (period.kind === 'week') return { title: formatWeek(period.week, today), subtitle: span };
  const title = formatMonth(period.month, today);
  return { title, subtitle: title === 'This month' ? monthName(period.month) : span };
}

/** The period's name in a sentence: "Nov 16 – Nov 22", "October 2026", or the day. */
export function periodName(period: Period, today: string): string {
  if (period.kind === 'day') return formatDay(period.day, today);
  if (period.kind === 'month') return monthName(period.month);
  const { from, to } = periodRange(period, today);
  return `the week of ${shortDay(from)} – ${shortDay(to)}`;
}

const SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function shortDay(day: string): string {
  return SHORT.format(new Date(`${day}T00:00:00Z`));
}

/** "Day | Week | Month" (a radio group) and a date picker that jumps to the day, its week or its month. */
export function PeriodPicker({
  period,
  today,
  onSelectKind,
  onPickDate,
}: Pick<HistoryControls, 'period' | 'onSelectKind' | 'onPickDate'> & { today: string }) {
  const name = useId();
  return (
    <div class="period-bar">
      <fieldset class="period-kinds">
        <legend class="visually-hidden">Show papers by</legend>
        {KINDS.map(({ kind, label }) => (
          <label key={kind} class="period-kind">
            <input
              type="radio"
              name={name}
              value={kind}
              checked={period.kind === kind}
              onChange={() => onSelectKind(kind)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <input
        type="date"
        class="period-date"
        aria-label="Go to date"
        min={FIRST_FEED_DAY}
        max={today}
        value={periodStart(period) < FIRST_FEED_DAY ? FIRST_FEED_DAY : periodStart(period)}
        onChange={(event) => {
          const day = event.currentTarget.value;
          // A half-typed or out-of-range date is ignored; the picker shows the period again.
          if (/^\d{4}-\d{2}-\d{2}$/.test(day) && day >= FIRST_FEED_DAY && day <= today) onPickDate(day);
        }}
      />
    </div>
  );
}

/** The sort order (a select) and the filters (toggle buttons that combine). */
export function ListTools({
  sort,
  filters,
  hasWatchlist,
  onSort,
  onFilters,
}: Pick<HistoryControls, 'sort' | 'filters' | 'hasWatchlist' | 'onSort' | 'onFilters'>) {
  const sortId = useId();
  return (
    <div class="list-tools">
      <label class="list-sort" for={sortId}>
        <span class="visually-hidden">Sort by</span>
        <select id={sortId} value={sort} onChange={(event) => onSort(event.currentTarget.value as SortOrder)}>
          {SORTS.map(({ order, label }) => (
            <option key={order} value={order}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div class="list-filters" role="group" aria-label="Filters">
        {FILTERS.filter(({ key }) => key !== 'watchlist' || hasWatchlist || filters.watchlist).map(({ key, label }) => (
          <button
            key={key}
            type="button"
            class="filter-toggle"
            aria-pressed={filters[key]}
            onClick={() => onFilters({ ...filters, [key]: !filters[key] })}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * What the list area says when it has no card to show: the filters hid every paper (with
 * "Clear filters"), or a week or month is loading, failed, or has no papers.
 */
export function HistoryEmpty({ history, today, now }: { history: HistoryControls; today: string; now: number }) {
  if (history.unfilteredCount > 0 && hasFilters(history.filters)) {
    return (
      <div class="empty">
        <p>No papers match the filters.</p>
        <button type="button" class="button" onClick={() => history.onFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </div>
    );
  }
  const name = periodName(history.period, today);
  if (history.loading) {
    return (
      <div class="empty" aria-busy="true">
        <p>Loading {name}…</p>
      </div>
    );
  }
  if (history.failure !== null) {
    return (
      <div class="empty">
        <p>
          Could not load {name}: {describeFailure(history.failure, now)}.
        </p>
        <button type="button" class="button" onClick={history.onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div class="empty">
      <p>No papers in {name}</p>
    </div>
  );
}

/** Above a week's or month's cached list: why fetching it failed, with "Try again". */
export function HistoryFailure({ history, today, now }: { history: HistoryControls; today: string; now: number }) {
  if (history.period.kind === 'day' || history.failure === null || history.loading || history.unfilteredCount === 0) {
    return null;
  }
  return (
    <div class="banner banner-error" role="alert">
      <strong>
        Could not load {periodName(history.period, today)}: {describeFailure(history.failure, now)}.
      </strong>{' '}
      Showing the papers saved on this device.{' '}
      <button type="button" class="link-button" onClick={history.onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Under a long list: draws the next cards. */
export function ShowMore({ history }: { history: HistoryControls | undefined }) {
  if (history === undefined || history.hiddenCount === 0) return null;
  return (
    <p class="show-more">
      <button type="button" class="button" onClick={history.onShowMore}>
        Show more ({history.hiddenCount.toLocaleString('en-US')} left)
      </button>
    </p>
  );
}
