import { hasNext, hasPrevious } from '@/lib/calendar';
import { formatDay } from '@/lib/feed-day';
import { calendarPeriod, hasFilters } from '@/lib/history';
import { describeFailure } from '@/lib/failure';
import type { Activity } from '@/lib/messages';
import type { ListedPaper } from '@/lib/paper-view';
import { timeAgo } from '@/lib/time-ago';
import type { Failure } from '@/lib/types';
import {
  HistoryEmpty,
  HistoryFailure,
  ListTools,
  PeriodPicker,
  periodTitle,
  ShowMore,
  type HistoryControls,
} from './HistoryBar';
import { PaperCard } from './PaperCard';
import { SavingBanners, savingProps, type PopupSaving } from './Saving';
import { lazyComponent } from './Lazy';
import type { TrendingViewProps } from './TrendingView';

/** Trending's code: a chunk of its own, fetched when its tab is first opened (components/Lazy.tsx). */
const TrendingView = lazyComponent(
  () => import('./TrendingView').then((module) => module.TrendingView),
  () => (
    <p class="empty" role="status" aria-busy="true">
      Loading Trending…
    </p>
  ),
);

/** The popup's two views: the feed day and the trending ranking. */
export type PopupViewName = 'today' | 'trending';

export interface PopupViewProps {
  /** The current feed day (New York date). */
  today: string;
  /** The day on screen. */
  day: string;
  /** The day's papers, or null while that day is not cached yet. */
  papers: ListedPaper[] | null;
  /** Today had no papers (yet), so `day` is the latest day that had some. */
  fellBackFrom: string | null;
  /** The latest cached day with papers, for "Go to latest day". */
  latestDay: string | null;
  /** What the worker is doing; null until it first answered. */
  activity: Activity | null;
  /** Failure of loading `day` on demand, if any. */
  dayFailure: Failure | null;
  now: number;
  endpoint: string;
  onPrevious: () => void;
  onNext: () => void;
  onGoToDay: (day: string) => void;
  onRefresh: () => void;
  onMarkAllRead: () => void;
  onOpenPaper: (id: string) => void;
  onSetUnread: (id: string, unread: boolean) => void;
  /** Where the "Open in a tab" link points (the full-page view); hidden when absent. */
  fullPageUrl?: string;
  /** Opens the options page; hidden when absent. */
  onOpenOptions?: () => void;
  /** The view on screen; the day view when absent. */
  view?: PopupViewName;
  /** Switches between the day view and Trending; without it there are no tabs. */
  onSelectView?: (view: PopupViewName) => void;
  /** What the Trending view draws, when it is selected. */
  trending?: TrendingViewProps;
  /** Saving for offline on the day's cards; without it the cards show no save control. */
  saving?: PopupSaving;
  /** The library of saved papers, linked from the footer; hidden when absent. */
  libraryUrl?: string;
  /** Opens the list in the side panel (from the click); hidden when absent (unsupported, or already there). */
  onOpenSidePanel?: () => void;
  /**
   * Week and month views, the date picker, sort and filters (components/HistoryBar.tsx); without
   * it the header steps through days only. `papers` is then the period's list, sorted and filtered.
   */
  history?: HistoryControls;
}

/** The whole popup: a "Today | Trending" switch (when offered) over the day view or the trending view. */
export function PopupView(props: PopupViewProps) {
  const { onSelectView } = props;
  if (onSelectView === undefined) return <DayPanel {...props} />;
  const view = props.view === 'trending' && props.trending !== undefined ? 'trending' : 'today';
  return (
    <div class="popup">
      <ViewTabs view={view} onSelect={onSelectView} />
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} class="popup-panel">
        {view === 'trending' && props.trending !== undefined ? (
          <>
            <TrendingView {...props.trending} />
            <Footer
              fullPageUrl={props.fullPageUrl}
              onOpenOptions={props.onOpenOptions}
              libraryUrl={props.libraryUrl}
              onOpenSidePanel={props.onOpenSidePanel}
            />
          </>
        ) : (
          <DayPanel {...props} />
        )}
      </div>
    </div>
  );
}

const VIEWS: { name: PopupViewName; label: string }[] = [
  { name: 'today', label: 'Today' },
  { name: 'trending', label: 'Trending' },
];

/** Tabs as the ARIA pattern has them: one tab stop, arrow keys (and Home/End) move and select. */
function ViewTabs({ view, onSelect }: { view: PopupViewName; onSelect: (view: PopupViewName) => void }) {
  const select = (name: PopupViewName): void => {
    onSelect(name);
    document.getElementById(`tab-${name}`)?.focus();
  };
  return (
    <div class="view-tabs" role="tablist" aria-label="Papers to show">
      {VIEWS.map(({ name, label }, index) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`tab-${name}`}
          class="view-tab"
          aria-selected={view === name}
          aria-controls={`panel-${name}`}
          tabIndex={view === name ? 0 : -1}
          onClick={() => onSelect(name)}
          onKeyDown={(event) => {
            const last = VIEWS.length - 1;
            const to =
              event.key === 'ArrowRight'
                ? (index + 1) % VIEWS.length
                : event.key === 'ArrowLeft'
                  ? (index + last) % VIEWS.length
                  : event.key === 'Home'
                    ? 0
                    : event.key === 'End'
                      ? last
                      : null;
            if (to === null) return;
            event.preventDefault();
            select(VIEWS[to]!.name);
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function Footer({
  fullPageUrl,
  onOpenOptions,
  libraryUrl,
  onOpenSidePanel,
}: Pick<PopupViewProps, 'fullPageUrl' | 'onOpenOptions' | 'libraryUrl' | 'onOpenSidePanel'>) {
  if (fullPageUrl === undefined && onOpenOptions === undefined && libraryUrl === undefined) return null;
  return (
    <footer class="popup-footer">
      {libraryUrl !== undefined && (
        <a href={libraryUrl} target="_blank" rel="noopener">
          Library
        </a>
      )}
      {fullPageUrl !== undefined && (
        <a href={fullPageUrl} target="_blank" rel="noopener">
          Open in a tab
        </a>
      )}
      {onOpenSidePanel !== undefined && (
        <button type="button" class="link-button" onClick={onOpenSidePanel}>
          Open in side panel
        </button>
      )}
      {onOpenOptions !== undefined && (
        <button type="button" class="link-button" onClick={onOpenOptions}>
          Options
        </button>
      )}
    </footer>
  );
}

/** The day view, drawn from plain data: the list, its header and every state around it. */
function DayPanel(props: PopupViewProps) {
  const { today, day, papers, activity, now } = props;
  const status = activity?.status ?? null;
  const refreshing = activity?.refreshing ?? false;
  const loadingDay = activity?.loadingDays.includes(day) ?? false;
  const unreadHere = papers?.filter((item) => item.unread).length ?? 0;
  const failure = status?.lastFailure ?? null;
  const period = props.history?.period ?? { kind: 'day' as const, day };
  const { title, subtitle } = periodTitle(period, today);
  const at = calendarPeriod(period);

  return (
    <div class={props.onSelectView === undefined ? 'popup' : 'popup-day'}>
      <header class="popup-header">
        <div class="day-nav">
          <button
            type="button"
            class="icon-button"
            aria-label={`Previous ${period.kind}`}
            title={`Previous ${period.kind}`}
            disabled={!hasPrevious(at)}
            onClick={props.onPrevious}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <div class="day-title">
            <h1>{title}</h1>
            <p class="day-date">{subtitle}</p>
          </div>
          <button
            type="button"
            class="icon-button"
            aria-label={`Next ${period.kind}`}
            title={`Next ${period.kind}`}
            disabled={!hasNext(at, today)}
            onClick={props.onNext}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <div class="header-actions">
          <button
            type="button"
            class="button"
            onClick={props.onRefresh}
            disabled={refreshing}
            aria-busy={refreshing}
            aria-describedby="refresh-status"
          >
            <span aria-hidden="true" class={refreshing ? 'spin' : ''}>
              ⟳
            </span>{' '}
            Refresh
          </button>
          <button type="button" class="button" onClick={props.onMarkAllRead} disabled={unreadHere === 0}>
            Mark all as read
          </button>
        </div>
        {props.history !== undefined && (
          <>
            <PeriodPicker
              period={period}
              today={today}
              onSelectKind={props.history.onSelectKind}
              onPickDate={props.history.onPickDate}
            />
            <ListTools {...props.history} />
          </>
        )}
        <StatusLine activity={activity} now={now} />
      </header>

      {failure !== null && (
        <div class="banner banner-error" role="alert">
          <strong>{describeFailure(failure, now)}.</strong>{' '}
          {papers !== null || props.latestDay !== null
            ? 'Showing the papers saved on this device.'
            : 'Papers will appear as soon as Hugging Face can be reached.'}
        </div>
      )}

      {props.fellBackFrom !== null && period.kind === 'day' && (
        <p class="banner banner-note" role="note">
          No papers yet today ({formatDay(props.fellBackFrom, today)}) — showing {formatDay(day, today)}.
        </p>
      )}

      {props.history !== undefined && <HistoryFailure history={props.history} today={today} now={now} />}

      <SavingBanners saving={props.saving} />

      <main class="popup-main">
        <DayBody {...props} loadingDay={loadingDay} refreshing={refreshing} />
        <ShowMore history={props.history} />
      </main>

      <Footer
        fullPageUrl={props.fullPageUrl}
        onOpenOptions={props.onOpenOptions}
        libraryUrl={props.libraryUrl}
        onOpenSidePanel={props.onOpenSidePanel}
      />
    </div>
  );
}

function StatusLine({ activity, now }: { activity: Activity | null; now: number }) {
  let text: string;
  let progress: { done: number; total: number } | null = null;
  if (activity === null) text = 'Loading…';
  else if (activity.refreshing) {
    progress = activity.progress;
    text = progress === null || progress.total <= 1 ? 'Refreshing…' : `Refreshing… ${progress.done}/${progress.total}`;
  } else if (activity.status.lastSuccessAt !== null) text = `Updated ${timeAgo(activity.status.lastSuccessAt, now)}`;
  else text = 'Not updated yet';
  return (
    <div class="status-line">
      <p id="refresh-status" role="status">
        {text}
        {activity !== null && activity.unread > 0 && !activity.refreshing && (
          <span class="status-unread"> · {activity.unread} unread in all</span>
        )}
      </p>
      {progress !== null && progress.total > 1 && (
        <progress max={progress.total} value={progress.done} aria-label="Refresh progress" />
      )}
    </div>
  );
}

function DayBody(props: PopupViewProps & { loadingDay: boolean; refreshing: boolean }) {
  const { day, today, papers } = props;
  const history = props.history;
  // A week or month with no card to show, or filters that hid every paper: HistoryEmpty says which.
  if (
    history !== undefined &&
    papers !== null &&
    papers.length === 0 &&
    (history.period.kind !== 'day' || (history.unfilteredCount > 0 && hasFilters(history.filters)))
  ) {
    return <HistoryEmpty history={history} today={today} now={props.now} />;
  }
  if (papers === null) {
    const failure = props.dayFailure;
    if (failure !== null && !props.loadingDay) {
      return (
        <div class="empty">
          <p>
            Could not load {formatDay(day, today)}: {describeFailure(failure, props.now)}.
          </p>
          <button type="button" class="button" onClick={() => props.onGoToDay(day)}>
            Try again
          </button>
        </div>
      );
    }
    const firstRun = props.latestDay === null && day === today;
    return (
      <div class="empty" aria-busy="true">
        <p>{firstRun ? 'Fetching today’s papers from Hugging Face…' : `Loading ${formatDay(day, today)}…`}</p>
      </div>
    );
  }
  if (papers.length === 0) {
    const latest = props.latestDay;
    return (
      <div class="empty">
        <p>No papers on {formatDay(day, today)}</p>
        {latest !== null && latest !== day && (
          <button type="button" class="button" onClick={() => props.onGoToDay(latest)}>
            Go to latest day
          </button>
        )}
      </div>
    );
  }
  return (
    <ol class="paper-list" aria-label="Papers">
      {papers.map((item) => (
        <li key={item.paper.id}>
          <PaperCard
            item={item}
            dayLabel={
              history !== undefined && history.period.kind !== 'day' ? formatDay(item.paper.feedDay, today) : undefined
            }
            endpoint={props.endpoint}
            onOpen={props.onOpenPaper}
            onSetUnread={props.onSetUnread}
            {...savingProps(props.saving, item.paper.id)}
          />
        </li>
      ))}
    </ol>
  );
}
