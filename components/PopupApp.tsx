import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PopupClient } from '@/lib/clients/popup-client';
import { addDays, feedDayAt, FIRST_FEED_DAY } from '@/lib/feed-day';
import { filterPapers, periodKey, sortPapers } from '@/lib/history';
import type { Activity } from '@/lib/messages';
import { listPapers, type ListedPaper } from '@/lib/paper-view';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { listTrending } from '@/lib/trending';
import { markedLocally } from '@/lib/unread';
import { compileWatchlist } from '@/lib/watchlist';
import { useHistory } from './History';
import { lazyComponent } from './Lazy';
import { PopupView, type PopupViewName } from './PopupView';
import { useSaving } from './Saving';
import { SearchBox } from './SearchBox';
import type { DayView, TrendingView as TrendingCache } from '@/lib/store/feed';

// Code the first screen does not draw, each a chunk of its own fetched on first use
// (components/Lazy.tsx): the popup's JS budget is 25 KB gzip (`npm run bench`).
/** Search results: fetched on the search box's first focus or keystroke. */
const SearchPanel = lazyComponent(
  () => import('./Search').then((module) => module.SearchPanel),
  ({ query }) =>
    query.trim() === '' ? null : (
      <div class="popup">
        <p class="empty" role="status" aria-busy="true">
          Loading search…
        </p>
      </div>
    ),
);
/** The keys and their `?` list: fetched once the list is on screen. */
const KeyControls = lazyComponent(() => import('./Keyboard').then((module) => module.KeyControls));

export interface PopupAppProps {
  /** Reads the cache and talks to the worker; tests hand in one over fake-indexeddb. */
  client: PopupClient;
  /** The endpoint the extension was built with (a mirror in the settings wins). */
  endpoint: string;
  clock?: () => number;
  /** 'page' when shown in a tab (no "Open in a tab" link then); 'sidepanel' in the side panel. */
  layout?: 'popup' | 'page' | 'sidepanel';
  /** A day to show first (from a notification), instead of following the latest day. */
  initialDay?: string;
  /**
   * Called after each render once the cache was read: with the list when it is the followed
   * latest day's, else null (the popup's first-screen snapshot, entrypoints/popup/main.tsx).
   */
  onListShown?: (list: readonly ListedPaper[] | null) => void;
}

/** Marked once the first list of papers is on screen. */
export const FIRST_LIST_MARK = 'paperboy:first-list';

interface Shown {
  day: string;
  view: DayView;
  fellBackFrom: string | null;
  latestDay: string | null;
}

/**
 * The popup's state: draws the cached day at once, asks the worker to refresh, and redraws
 * whenever the worker says the cache changed. Until the user navigates, it follows the
 * current feed day (or the latest day with papers when today has none yet).
 */
export function PopupApp({
  client,
  endpoint,
  clock = Date.now,
  layout = 'popup',
  initialDay,
  onListShown,
}: PopupAppProps) {
  const [now, setNow] = useState(clock);
  const today = feedDayAt(now);
  const [shown, setShown] = useState<Shown | null>(null);
  const [activity, setActivity] = useState<Activity | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  /** The day the user chose, or null to follow the latest day. */
  const chosenDay = useRef<string | null>(initialDay ?? null);
  const readSeq = useRef(0);
  const [view, setView] = useState<PopupViewName>('today');
  const [trending, setTrending] = useState<TrendingCache | null>(null);

  const reload = useCallback(async (): Promise<void> => {
    const seq = ++readSeq.current;
    const currentToday = feedDayAt(clock());
    const latestDay = await client.latestNonEmptyDay(currentToday);
    let day = chosenDay.current ?? currentToday;
    let fellBackFrom: string | null = null;
    if (chosenDay.current === null && latestDay !== null && latestDay !== currentToday) {
      // Today is empty or not fetched yet: show the latest day that has papers, and say so.
      day = latestDay;
      fellBackFrom = currentToday;
    }
    const view = await client.readDay(day);
    if (seq === readSeq.current) setShown({ day, view, fellBackFrom, latestDay });
  }, [client, clock]);

  useEffect(() => {
    void client.getSettings().then(setSettings);
    return client.watchSettings(setSettings);
  }, [client]);

  const goToDay = useCallback(
    async (day: string | null): Promise<void> => {
      chosenDay.current = day;
      await reload();
      if (day === null) return;
      const view = await client.readDay(day);
      if (view.record === undefined) {
        const answer = await client.send({ type: 'load-day', day });
        if (answer.ok) setActivity(answer.activity);
        await reload();
      }
    },
    [client, reload],
  );

  // A layout effect, not a plain one: the cache reads start before the first paint instead of
  // a frame later, which is most of what the popup can save on its way to the list.
  useLayoutEffect(() => {
    // From a notification: that day (fetched if need be); else follow the latest day.
    void (initialDay === undefined ? reload() : goToDay(initialDay));
    const unsubscribe = client.subscribe((next) => {
      setActivity(next);
      void reload();
    });
    void client.send({ type: 'popup-opened' }).then((answer) => answer.ok && setActivity(answer.activity));
    const timer = setInterval(() => setNow(clock()), 30_000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [client, clock, reload, goToDay, initialDay]);

  /** The week or month view's own optimistic update (set once the history hook exists, below). */
  const markPeriodLocally = useRef<(ids: string[], unread: boolean) => void>(() => undefined);
  const setUnread = useCallback(
    (ids: string[], unread: boolean): void => {
      if (ids.length === 0) return;
      // Optimistic: the list changes at once; the worker's answer redraws it from the cache.
      setShown((current) =>
        current === null
          ? current
          : { ...current, view: { ...current.view, states: markedLocally(current.view.states, ids, unread) } },
      );
      markPeriodLocally.current(ids, unread);
      void client.send({ type: 'set-unread', ids, unread }).then((answer) => {
        if (answer.ok) setActivity(answer.activity);
      });
    },
    [client],
  );

  const trendingSeq = useRef(0);
  const reloadTrending = useCallback(async (): Promise<void> => {
    // Only the latest read lands: an older one finishing late never puts back a state since changed.
    const seq = ++trendingSeq.current;
    const next = await client.readTrending();
    if (seq === trendingSeq.current) setTrending(next);
  }, [client]);

  // Trending: the cached ranking at once, fetched again by the worker when older than ~15 min,
  // redrawn whenever the worker says the cache changed.
  useEffect(() => {
    if (view !== 'trending') return;
    void reloadTrending();
    void client.send({ type: 'load-trending' }).then((answer) => {
      if (answer.ok) setActivity(answer.activity);
      void reloadTrending();
    });
    return client.subscribe(() => void reloadTrending());
  }, [client, view, reloadTrending]);

  const setTrendingUnread = useCallback(
    (id: string, unread: boolean): void => {
      setTrending((current) => {
        if (current === null) return current;
        const states = new Map(current.states);
        const state = states.get(id) ?? { id, firstSeenAt: clock(), unread: 0, changedAt: clock() };
        states.set(id, { ...state, unread: unread ? 1 : 0 });
        return { ...current, states };
      });
      // A trending paper never listed in the feed has no state yet: this request gives it one.
      void client.send({ type: 'set-trending-unread', ids: [id], unread }).then((answer) => {
        if (answer.ok) setActivity(answer.activity);
      });
    },
    [client, clock],
  );
  // Day, week and month views, sort and filters: the remembered view is read with the day.
  const history = useHistory({
    client,
    today,
    day: shown?.day ?? today,
    chosenDay: () => chosenDay.current,
    goToDay: (day) => void goToDay(day === shown?.latestDay ? null : day),
    onActivity: setActivity,
    startOnDay: initialDay !== undefined,
  });
  markPeriodLocally.current = history.markLocally;
  // Search over every cached paper: while a query is typed its results (SearchPanel) replace the list.
  const [query, setQuery] = useState('');
  const [isSearchWarm, setSearchWarm] = useState(false);
  const [searchIds, setSearchIds] = useState<readonly string[]>([]);
  const isSearchActive = query.trim() !== '';
  // Saved for offline, on the day's cards, on Trending's and on the search results.
  const openedAt = useRef(clock());
  const saving = useSaving({
    client,
    ids: useMemo(
      () =>
        [...(shown?.view.papers ?? []), ...(trending?.papers ?? []), ...(history.view?.papers ?? [])]
          .map((paper) => paper.id)
          .concat(searchIds),
      [shown, trending, searchIds, history.view],
    ),
    activity,
    onActivity: setActivity,
    reload: () => {
      void reload();
      void reloadTrending();
    },
    since: openedAt.current,
  });
  // `saving.onToggleSave(id)` saves a paper or removes a saved one (with "Undo"): the `s` key's hook.

  const trendingPapers = useMemo(
    () => (trending === null ? null : listTrending(trending.papers, trending.states)),
    [trending],
  );

  const matcher = useMemo(() => compileWatchlist(settings.watchlist), [settings.watchlist]);
  const papers = useMemo(
    () =>
      shown === null || shown.view.record === undefined
        ? null
        : listPapers(shown.view.papers, shown.view.states, { matcher, matchesFirst: settings.watchlistFirst }),
    [shown, matcher, settings.watchlistFirst],
  );

  // The list on screen: the day's or the week's / month's papers, in the order and with the filters chosen.
  const prefs = history.prefs;
  const periodPapers = useMemo(
    () =>
      history.view === null
        ? null
        : listPapers(history.view.papers, history.view.states, { matcher, matchesFirst: settings.watchlistFirst }),
    [history.view, matcher, settings.watchlistFirst],
  );
  const unfiltered = history.period.kind === 'day' ? papers : (periodPapers ?? []);
  const visible = useMemo(
    () =>
      unfiltered === null || prefs === null
        ? unfiltered
        : filterPapers(
            sortPapers(unfiltered, prefs.sort, { matchesFirst: settings.watchlistFirst }),
            prefs.filters,
            (id) => saving.marks.get(id)?.saved === true,
          ),
    [unfiltered, prefs, settings.watchlistFirst, saving.marks],
  );

  // Drawn only once the remembered view is known too (the popup shows nothing before).
  const hasList = prefs !== null && visible !== null && visible.length > 0;
  useLayoutEffect(() => {
    // A local User Timing mark for `npm run bench` (never sent anywhere): the list is in the
    // DOM. A layout effect runs right after the DOM changes, before paint, like the floor's mark.
    if (hasList && performance.getEntriesByName(FIRST_LIST_MARK).length === 0) performance.mark(FIRST_LIST_MARK);
  }, [hasList]);
  const following = chosenDay.current === null && history.period.kind === 'day';
  useLayoutEffect(() => {
    if (shown !== null && prefs !== null) onListShown?.(following ? visible : null);
  }, [shown, prefs, visible, following, onListShown]);

  // The keys (lib/keys.ts): cards are looked for under the root, so the list, Trending and the
  // search results all take them.
  const root = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const stepDay = (delta: 1 | -1): (() => void) | undefined => {
    if (shown === null || isSearchActive || view !== 'today') return undefined;
    // In the week and month views the keys step by the period.
    if (history.period.kind !== 'day') return () => void history.step(delta);
    const day = addDays(chosenDay.current ?? shown.day, delta);
    return day < FIRST_FEED_DAY || day > today ? undefined : () => void goToDay(day);
  };
  if (shown === null || prefs === null) return <div class="popup" aria-busy="true" />;
  const dayFailure = activity?.dayFailures[shown.day] ?? null;
  const key = periodKey(history.period);
  const list = (
    <PopupView
      today={today}
      day={shown.day}
      papers={visible?.slice(0, history.limit) ?? null}
      fellBackFrom={shown.fellBackFrom}
      latestDay={shown.latestDay}
      activity={activity}
      dayFailure={dayFailure}
      now={now}
      endpoint={settings.endpoint ?? endpoint}
      fullPageUrl={layout === 'page' ? undefined : client.fullPageUrl}
      onOpenSidePanel={layout === 'popup' ? client.openSidePanel : undefined}
      onOpenOptions={() => client.openOptions()}
      onPrevious={() => {
        // A week or a month back in those views; a day back in the day view.
        if (history.period.kind !== 'day') history.step(-1);
        else void goToDay(addDays(chosenDay.current ?? shown.day, -1));
      }}
      onNext={() => {
        if (history.period.kind !== 'day') history.step(1);
        else void goToDay(addDays(chosenDay.current ?? shown.day, 1));
      }}
      onGoToDay={(day) => void goToDay(day === shown.latestDay ? null : day)}
      onRefresh={() => {
        setActivity((current) => (current === null ? current : { ...current, refreshing: true }));
        void client.send({ type: 'refresh' }).then((answer) => {
          if (answer.ok) setActivity(answer.activity);
          void reload();
        });
      }}
      onMarkAllRead={() =>
        setUnread(
          (visible ?? []).filter((item) => item.unread).map((item) => item.paper.id),
          false,
        )
      }
      onOpenPaper={(id) => {
        if (settings.markReadOn !== 'open') return;
        if (visible?.find((item) => item.paper.id === id)?.unread === true) setUnread([id], false);
      }}
      onSetUnread={(id, unread) => setUnread([id], unread)}
      history={{
        period: history.period,
        sort: prefs.sort,
        filters: prefs.filters,
        unfilteredCount: unfiltered?.length ?? 0,
        hasWatchlist: settings.watchlist.length > 0,
        loading: history.loading || (activity?.loadingDays.includes(key) ?? false),
        failure: history.period.kind === 'day' ? null : (activity?.dayFailures[key] ?? null),
        onSelectKind: history.selectKind,
        onPickDate: history.pickDate,
        onSort: history.setSort,
        onFilters: history.setFilters,
        onRetry: history.retry,
        hiddenCount: Math.max(0, (visible?.length ?? 0) - history.limit),
        onShowMore: history.showMore,
      }}
      view={view}
      onSelectView={setView}
      saving={saving}
      libraryUrl={client.libraryUrl}
      trending={{
        papers: trendingPapers,
        fetchedAt: trending?.fetchedAt ?? null,
        loading: activity?.trending?.loading ?? false,
        failure: activity?.trending?.failure ?? null,
        today,
        now,
        endpoint: settings.endpoint ?? endpoint,
        onRefresh: () => {
          setActivity((current) =>
            current === null ? current : { ...current, trending: { loading: true, failure: null } },
          );
          void client.send({ type: 'load-trending', force: true }).then((answer) => {
            if (answer.ok) setActivity(answer.activity);
            void reloadTrending();
          });
        },
        onOpenPaper: (id) => {
          if (settings.markReadOn !== 'open') return;
          if (trendingPapers?.find((item) => item.paper.id === id)?.unread === true) setTrendingUnread(id, false);
        },
        onSetUnread: setTrendingUnread,
        saving,
      }}
    />
  );
  return (
    <div class="popup-shell" ref={root}>
      <SearchBox
        query={query}
        onQuery={setQuery}
        onWarmUp={() => {
          setSearchWarm(true);
          void SearchPanel.preload();
        }}
        inputRef={searchInput}
      />
      {isSearchWarm && (
        <SearchPanel
          client={client}
          query={query}
          onActivity={setActivity}
          onIds={setSearchIds}
          today={today}
          endpoint={settings.endpoint ?? endpoint}
          markReadOnOpen={settings.markReadOn === 'open'}
          saving={saving}
        />
      )}
      {!isSearchActive && list}
      <KeyControls
        root={root}
        onFocusSearch={() => searchInput.current?.focus()}
        onPreviousDay={stepDay(-1)}
        onNextDay={stepDay(1)}
      />
    </div>
  );
}
