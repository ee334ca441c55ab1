import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupView, type PopupViewProps } from '@/components/PopupView';
import { IDLE_ARCHIVE } from '@/lib/archive';
import type { Activity } from '@/lib/messages';
import type { ListedPaper } from '@/lib/paper-view';
import { EMPTY_STATUS, type Paper } from '@/lib/types';

const NOW = Date.parse('2026-11-26T15:00:00Z');
const TODAY = '2026-11-26';

function paper(id: string, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: 'First paragraph.\n\nSecond paragraph.',
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
    organization: 'Ai2',
    upvotes: 10,
    numComments: 2,
    aiSummary: `Summary of ${id}`,
    aiKeywords: ['agents'],
    githubRepo: 'https://github.com/example/repo',
    githubStars: 1234,
    projectPage: null,
    publishedAt: null,
    feedDay: TODAY,
    ...overrides,
  };
}

function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    refreshing: false,
    progress: null,
    loadingDays: [],
    status: { ...EMPTY_STATUS, lastSuccessAt: NOW - 5 * 60_000 },
    unread: 1,
    dayFailures: {},
    archive: IDLE_ARCHIVE,
    ...overrides,
  };
}

function renderView(overrides: Partial<PopupViewProps> = {}) {
  const props: PopupViewProps = {
    today: TODAY,
    day: TODAY,
    papers: [
      { paper: paper('2611.00001'), unread: true, matched: [] },
      { paper: paper('2611.00002'), unread: false, matched: [] },
    ],
    fellBackFrom: null,
    latestDay: TODAY,
    activity: activity(),
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
    ...overrides,
  };
  render(<PopupView {...props} />);
  return props;
}

afterEach(cleanup);

describe('PopupView', () => {
  it('shows the day, when it was updated, and each paper linking to its HF page', () => {
    renderView();

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Today');
    expect(screen.getByRole('status').textContent).toContain('Updated 5 min ago');
    const link = screen.getByRole('link', { name: 'Paper 2611.00001' });
    expect(link.getAttribute('href')).toBe('https://huggingface.co/papers/2611.00001');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('marks unread papers so they stand out, and offers to toggle each', () => {
    const props = renderView();
    const [first, second] = screen.getAllByRole('article');

    expect(first?.dataset.unread).toBe('true');
    expect(second?.dataset.unread).toBe('false');
    fireEvent.click(within(first!).getByRole('button', { name: 'Mark as read' }));
    fireEvent.click(within(second!).getByRole('button', { name: 'Mark as unread' }));
    expect(props.onSetUnread).toHaveBeenNthCalledWith(1, '2611.00001', false);
    expect(props.onSetUnread).toHaveBeenNthCalledWith(2, '2611.00002', true);
  });

  it('reports opening a paper through its title or any of its links', () => {
    const props = renderView();
    const card = screen.getAllByRole('article')[0]!;

    fireEvent.click(within(card).getByRole('link', { name: 'Paper 2611.00001' }));
    fireEvent.click(within(card).getByRole('link', { name: 'PDF' }));
    expect(props.onOpenPaper).toHaveBeenCalledTimes(2);
    expect(props.onOpenPaper).toHaveBeenCalledWith('2611.00001');
  });

  it('shows the first three authors then "+N", the organization, and the GitHub stars', () => {
    renderView();
    const card = screen.getAllByRole('article')[0]!;

    expect(within(card).getByText(/Ada Lovelace, Alan Turing, Grace Hopper \+2/)).toBeTruthy();
    expect(within(card).getByText('Ai2')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'GitHub ★ 1.2k' }).getAttribute('href')).toBe(
      'https://github.com/example/repo',
    );
  });

  it('renders hostile text as text and never renders non-http links', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    renderView({
      papers: [
        {
          paper: paper('2611.00003', { title: hostile, aiSummary: hostile, githubRepo: null, projectPage: null }),
          unread: true,
          matched: [],
        },
      ],
    });

    expect(screen.getByRole('link', { name: hostile })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    for (const link of screen.getAllByRole('link')) expect(link.getAttribute('href')).toMatch(/^https?:/);
  });

  it('says a day is empty and offers the latest day', () => {
    const props = renderView({ day: '2026-11-21', papers: [], latestDay: '2026-11-25' });

    expect(screen.getByText('No papers on Saturday, Nov 21')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to latest day' }));
    expect(props.onGoToDay).toHaveBeenCalledWith('2026-11-25');
  });

  it('says when today has no papers yet and which day is shown instead', () => {
    renderView({ day: '2026-11-25', fellBackFrom: TODAY });

    expect(screen.getByRole('note').textContent).toBe(
      'No papers yet today (Thursday, Nov 26) — showing Wednesday, Nov 25.',
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Yesterday');
  });

  it('keeps the cached list under a banner after a failed refresh', () => {
    renderView({
      activity: activity({
        status: {
          ...EMPTY_STATUS,
          lastSuccessAt: NOW - 60 * 60_000,
          lastFailure: { kind: 'server', status: 503, at: NOW - 60_000 },
        },
      }),
    });

    expect(screen.getByRole('alert').textContent).toContain('Hugging Face is having trouble (HTTP 503)');
    expect(screen.getByRole('alert').textContent).toContain('Showing the papers saved on this device');
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('tells a first run apart from an empty day while nothing is cached', () => {
    renderView({
      papers: null,
      latestDay: null,
      activity: activity({ refreshing: true, progress: { done: 2, total: 8 } }),
    });

    expect(screen.getByText('Fetching today’s papers from Hugging Face…')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Refreshing… 2/8');
    expect(screen.getByRole('progressbar', { name: 'Refresh progress' })).toBeTruthy();
  });

  it('shows refresh progress and keeps the button from being pressed twice', () => {
    const props = renderView({ activity: activity({ refreshing: true, progress: { done: 1, total: 3 } }) });
    const refresh = screen.getByRole('button', { name: /Refresh/ });

    expect(refresh.hasAttribute('disabled')).toBe(true);
    fireEvent.click(refresh);
    expect(props.onRefresh).not.toHaveBeenCalled();
  });

  it('offers "Mark all as read" only while the day has unread papers', () => {
    const props = renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(props.onMarkAllRead).toHaveBeenCalledOnce();
    cleanup();

    const noneUnread: ListedPaper[] = [{ paper: paper('2611.00002'), unread: false, matched: [] }];
    renderView({ papers: noneUnread });
    expect(screen.getByRole('button', { name: 'Mark all as read' }).hasAttribute('disabled')).toBe(true);
  });

  it('cannot go past today', () => {
    renderView();

    expect(screen.getByRole('button', { name: 'Next day' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Previous day' }).hasAttribute('disabled')).toBe(false);
  });
});
