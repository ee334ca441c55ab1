import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PopupClient } from '@/lib/clients/popup-client';
import { hasNext, hasPrevious } from '@/lib/calendar';
import {
  calendarPeriod,
  DEFAULT_HISTORY_PREFS,
  periodKey,
  periodOf,
  periodRange,
  periodStart,
  stepPeriod,
  type HistoryFilters,
  type HistoryPrefs,
  type Period,
  type PeriodKind,
  type SortOrder,
} from '@/lib/history';
import type { Activity, WorkerRequest } from '@/lib/messages';
import { markedLocally } from '@/lib/unread';
import type { PapersView } from '@/lib/store/feed';

export interface UseHistoryOptions {
  client: Pick<PopupClient, 'readHistoryPrefs' | 'saveHistoryPrefs' | 'readPapersOfDays' | 'send' | 'subscribe'>;
  /** The current feed day. */
  today: string;
  /** The day on screen in the day view. */
  day: string;
  /** The day the user chose in the day view, or null while it follows the latest day. */
  chosenDay: () => string | null;
  /** Shows a day in the day view (null: follow the latest day). */
  goToDay: (day: string | null) => void;
  onActivity: (activity: Activity) => void;
  /** Opened on a given day (from a notification): the day view, whatever was remembered. */
  startOnDay: boolean;
}

/** The week and month views' state, with the remembered period kind, sort and filters. */
export interface HistoryState {
  /** The remembered view; null until it was read (the popup waits for it and the day together). */
  prefs: HistoryPrefs | null;
  /** The period on screen. */
  period: Period;
  /** The cached papers of the week or month on screen; null in the day view or before the first read. */
  view: PapersView | null;
  /** A week or month being read from the cache or fetched. */
  loading: boolean;
  selectKind: (kind: PeriodKind) => void;
  pickDate: (day: string) => void;
  /** A week or a month back or on; false when there is none that way. */
  step: (delta: 1 | -1) => boolean;
  setSort: (order: SortOrder) => void;
  setFilters: (filters: HistoryFilters) => void;
  /** Fetches the week or month on screen again. */
  retry: () => void;
  /** Marks papers of the week or month on screen at once (the worker's answer redraws from the cache). */
  markLocally: (ids: string[], unread: boolean) => void;
  /** How many cards to draw: a month holds a thousand papers or more, drawn LIST_PAGE at a time. */
  limit: number;
  /** Draws LIST_PAGE more cards. */
  showMore: () => void;
}

/** Cards drawn at first, and added by each "Show more". */
export const LIST_PAGE = 100;

/**
 * Day, week and month views for the popup: the remembered view read in parallel with the day,
 * a week's or month's cached papers drawn at once and fetched by the worker (`load-week`,
 * `load-month`) behind them, redrawn whenever the worker says the cache changed.
 */
export function useHistory({
  client,
  today,
  day,
  chosenDay,
  goToDay,
  onActivity,
  startOnDay,
}: UseHistoryOptions): HistoryState {
  const [prefs, setPrefs] = useState<HistoryPrefs | null>(null);
  /** The week or month the user went to; null for the current one (it follows the clock). */
  const [chosen, setChosen] = useState<Period | null>(null);
  const [shown, setShown] = useState<{ key: string; view: PapersView } | null>(null);
  const [drawn, setDrawn] = useState<{ key: string; count: number } | null>(null);

  // Read with the day, not after it: the first list waits for whichever is slower, not both.
  useLayoutEffect(() => {
    let isCurrent = true;
    client.readHistoryPrefs().then(
      (read) => isCurrent && setPrefs(startOnDay ? { ...read, period: 'day' } : read),
      (error: unknown) => {
        console.error('[paperboy] could not read the remembered view', error);
        if (isCurrent) setPrefs(DEFAULT_HISTORY_PREFS);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [client, startOnDay]);

  const kind = prefs?.period ?? 'day';
  const period: Period = kind === 'day' ? { kind, day } : (chosen ?? periodOf(kind, today));
  const key = periodKey(period);
  const isPeriod = period.kind !== 'day';

  const readSeq = useRef(0);
  const periodRef = useRef(period);
  periodRef.current = period;
  const load = useCallback(
    (target: Exclude<Period, { kind: 'day' }>): (() => void) => {
      const range = periodRange(target, today);
      const targetKey = periodKey(target);
      const read = async (): Promise<void> => {
        // Only the latest read of the period on screen lands: a slow one never draws an older
        // state, and a fetch of a period left since never draws that period again.
        if (periodKey(periodRef.current) !== targetKey) return;
        const seq = ++readSeq.current;
        const view = await client.readPapersOfDays(range.from, range.to);
        if (seq === readSeq.current && periodKey(periodRef.current) === targetKey) setShown({ key: targetKey, view });
      };
      void read();
      const request: WorkerRequest =
        target.kind === 'week' ? { type: 'load-week', week: target.week } : { type: 'load-month', month: target.month };
      void client.send(request).then((answer) => {
        if (answer.ok) onActivity(answer.activity);
        void read();
      });
      return () => void read();
    },
    [client, today, onActivity],
  );

  useEffect(() => {
    const target = periodRef.current;
    if (target.kind === 'day') return;
    const reread = load(target);
    return client.subscribe(reread);
    // The key names the period: a new object for the same week must not fetch it again.
  }, [client, key, load]);

  const remember = useCallback(
    (next: HistoryPrefs): void => {
      setPrefs(next);
      client.saveHistoryPrefs(next);
    },
    [client],
  );
  /** Null for the period that holds today: it then follows the clock. */
  const choose = (next: Period): void => {
    setChosen(periodKey(next) === periodKey(periodOf(next.kind, today)) ? null : next);
  };

  const current = prefs ?? DEFAULT_HISTORY_PREFS;
  const limit = drawn?.key === key ? drawn.count : LIST_PAGE;
  return {
    limit,
    showMore: () => setDrawn({ key, count: limit + LIST_PAGE }),
    prefs,
    period,
    view: isPeriod && shown?.key === key ? shown.view : null,
    loading: isPeriod && shown?.key !== key,
    selectKind: (next) => {
      if (next === kind) return;
      if (next === 'day') {
        // Back to the day view: the day left for this week or month if it lies in it, else the
        // period's first day (the latest day for the current period).
        const left = chosenDay();
        if (left === null || periodKey(periodOf(kind, left)) !== key) {
          goToDay(chosen === null ? null : periodRange(chosen, today).from);
        }
      } else if (kind === 'day') {
        const anchor = chosenDay();
        setChosen(null);
        if (anchor !== null) choose(periodOf(next, anchor));
      } else {
        setChosen(null);
        if (chosen !== null) choose(periodOf(next, periodStart(chosen)));
      }
      remember({ ...current, period: next });
    },
    pickDate: (picked) => {
      if (kind === 'day') goToDay(picked);
      else choose(periodOf(kind, picked));
    },
    step: (delta) => {
      if (!isPeriod) return false;
      const can = delta < 0 ? hasPrevious(calendarPeriod(period)) : hasNext(calendarPeriod(period), today);
      if (can) choose(stepPeriod(period, delta, today));
      return can;
    },
    setSort: (sort) => remember({ ...current, sort }),
    setFilters: (filters) => remember({ ...current, filters }),
    retry: () => {
      if (period.kind !== 'day') load(period);
    },
    markLocally: (ids, unread) => {
      setShown((before) =>
        before === null
          ? before
          : { ...before, view: { ...before.view, states: markedLocally(before.view.states, ids, unread) } },
      );
    },
  };
}
