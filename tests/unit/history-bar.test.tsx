import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryControls } from '@/components/HistoryBar';
import { PopupView, type PopupViewProps } from '@/components/PopupView';
import { IDLE_ARCHIVE } from '@/lib/archive';
import { NO_FILTERS } from '@/lib/history';
import type { ListedPaper } from '@/lib/paper-view';
import { EMPTY_STATUS } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

// The period bar, sort and filters as PopupView draws them from plain props.
const TODAY = '2026-11-26'; // a Thursday, in 2026-W48
const NOW = Date.parse(`${TODAY}T16:00:00Z`);

function listed(id: string, feedDay: string): ListedPaper {
  return { paper: makePaper({ id, title: `Paper ${id}`, feedDay }), unread: false, matched: [] };
}

function controls(overrides: Partial<HistoryControls> = {}): HistoryControls {
  return {
    period: { kind: 'week', week: '2026-W48' },
    sort: 'upvotes',
    filters: NO_FILTERS,
    unfilteredCount: 2,
    hasWatchlist: false,
    loading: false,
    failure: null,
    onSelectKind: vi.fn(),
    onPickDate: vi.fn(),
    onSort: vi.fn(),
    onFilters: vi.fn(),
    onRetry: vi.fn(),
    hiddenCount: 0,
    onShowMore: vi.fn(),
    ...overrides,
  };
}

function renderView(history: HistoryControls, papers: ListedPaper[] | null = []) {
  const props: PopupViewProps = {
    today: TODAY,
    day: TODAY,
    papers,
    fellBackFrom: null,
    latestDay: TODAY,
    activity: {
      refreshing: false,
      progress: null,
      loadingDays: [],
      status: { ...EMPTY_STATUS, lastSuccessAt: NOW },
      unread: 0,
      dayFailures: {},
      archive: IDLE_ARCHIVE,
    },
    dayFailure: null,
    now: NOW,
    endpoint: 'https://huggingface.co',
    onPrevious: vi.fn(),
    onNext: vi.fn(),
    onGoToDay: vi.fn(),
    onRefresh: vi.fn(),
    onMarkAllRead: vi.fn(),
    onOpenPaper: vi.fn(),
    onSetUnread: vi.fn(),
    history,
  };
  render(<PopupView {...props} />);
  return props;
}

afterEach(cleanup);

describe('the period bar', () => {
  it('shows this week with each paper’s feed day, and no next week', () => {
    renderView(controls(), [listed('a', '2026-11-24'), listed('b', '2026-11-26')]);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This week');
    expect(screen.getByText('Nov 23 – Nov 26')).toBeTruthy();
    const cards = screen.getAllByRole('article');
    expect(cards.map((card) => card.querySelector('.paper-day')?.textContent)).toEqual([
      'Listed on Tuesday, Nov 24',
      'Listed on Thursday, Nov 26',
    ]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next week' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous week' }).disabled).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Week' }).checked).toBe(true);
  });

  it('names a past month and lets next lead on to this month', () => {
    renderView(controls({ period: { kind: 'month', month: '2026-10' } }), [listed('a', '2026-10-05')]);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('October 2026');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next month' }).disabled).toBe(false);
  });

  it('disables previous on the first week of Daily Papers', () => {
    renderView(controls({ period: { kind: 'week', week: '2023-W18' } }), [listed('a', '2023-05-04')]);

    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous week' }).disabled).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Go to date').value).toBe('2023-05-04');
  });

  it('asks for the period kind, the date, the sort and the filters chosen', () => {
    const history = controls({ hasWatchlist: true });
    renderView(history, [listed('a', TODAY)]);

    fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
    fireEvent.change(screen.getByLabelText('Go to date'), { target: { value: '2025-02-11' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'newest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Watchlist' }));

    expect(history.onSelectKind).toHaveBeenCalledWith('month');
    expect(history.onPickDate).toHaveBeenCalledWith('2025-02-11');
    expect(history.onSort).toHaveBeenCalledWith('newest');
    expect(history.onFilters).toHaveBeenCalledWith({ ...NO_FILTERS, watchlist: true });
  });

  it('ignores a date outside the feed’s life', () => {
    const history = controls();
    renderView(history, [listed('a', TODAY)]);

    fireEvent.change(screen.getByLabelText('Go to date'), { target: { value: '2022-01-01' } });
    fireEvent.change(screen.getByLabelText('Go to date'), { target: { value: '2026-12-01' } });

    expect(history.onPickDate).not.toHaveBeenCalled();
  });

  it('shows which filters are on, and the watchlist filter only with a watchlist', () => {
    renderView(controls({ filters: { ...NO_FILTERS, hasCode: true } }), [listed('a', TODAY)]);

    const filters = within(screen.getByRole('group', { name: 'Filters' }));
    expect(filters.getByRole('button', { name: 'Has code' }).getAttribute('aria-pressed')).toBe('true');
    expect(filters.getByRole('button', { name: 'Unread' }).getAttribute('aria-pressed')).toBe('false');
    expect(filters.queryByRole('button', { name: 'Watchlist' })).toBeNull();
  });
});

describe('an empty list', () => {
  it('says when the filters hid every paper, and clears them', () => {
    const history = controls({ filters: { ...NO_FILTERS, saved: true } });
    renderView(history, []);

    expect(screen.getByText('No papers match the filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(history.onFilters).toHaveBeenCalledWith(NO_FILTERS);
  });

  it('says a week is loading, then that it failed with the failure text and "Try again"', () => {
    renderView(controls({ unfilteredCount: 0, loading: true }), []);
    expect(screen.getByText('Loading the week of Nov 23 – Nov 26…')).toBeTruthy();
    cleanup();

    const history = controls({ unfilteredCount: 0, failure: { kind: 'offline' } });
    renderView(history, []);
    expect(screen.getByText(/^Could not load the week of Nov 23 – Nov 26: /)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(history.onRetry).toHaveBeenCalled();
  });

  it('keeps a cached week on screen when fetching it failed, and says so', () => {
    renderView(controls({ failure: { kind: 'offline' } }), [listed('a', TODAY)]);

    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toContain('Showing the papers saved on this device.');
  });

  it('says a month had no papers', () => {
    renderView(controls({ period: { kind: 'month', month: '2026-10' }, unfilteredCount: 0 }), []);

    expect(screen.getByText('No papers in October 2026')).toBeTruthy();
  });

  it('offers the cards left of a long list', () => {
    const history = controls({ hiddenCount: 1_234 });
    renderView(history, [listed('a', TODAY)]);

    fireEvent.click(screen.getByRole('button', { name: 'Show more (1,234 left)' }));

    expect(history.onShowMore).toHaveBeenCalled();
  });
});
