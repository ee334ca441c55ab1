import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { createPopupClient } from '@/lib/clients/popup-client';
import { isoWeekOf } from '@/lib/calendar';
import { makeDay, makeItem, type ApiItem } from '../fixtures/feed.mjs';

// The popup's period bar, sort and filters with the real background worker, over
// fake-indexeddb and fakeBrowser; Hugging Face answers `date=`, `week=` and `month=` from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26'; // a Thursday, in 2026-W48 (Nov 23 – Nov 29)
const NOW = Date.parse(`${TODAY}T16:00:00Z`);

const feed = new Map<string, ApiItem[]>();
const urls: URL[] = [];

function json(body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
}

function answer(input: string): Promise<Response> {
  const url = new URL(input);
  urls.push(url);
  const day = url.searchParams.get('date');
  if (day !== null) return json(feed.get(day) ?? []);
  const week = url.searchParams.get('week');
  const month = url.searchParams.get('month');
  const items = [...feed.entries()]
    .filter(([listed]) => (week !== null ? isoWeekOf(listed) === week : month !== null && listed.startsWith(month)))
    .flatMap(([, list]) => list)
    .sort((a, b) => b.paper.upvotes - a.paper.upvotes);
  const limit = Number(url.searchParams.get('limit') ?? '50');
  const page = Number(url.searchParams.get('p') ?? '0');
  return json(items.slice(page * limit, (page + 1) * limit));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  feed.clear();
  urls.length = 0;
  vi.stubGlobal('fetch', answer);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  background.main();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Today's 3 papers (unread after install), and two earlier days of this week (read: caught up at install). */
async function install(): Promise<void> {
  feed.set(TODAY, makeDay(TODAY, 3));
  feed.set('2026-11-24', makeDay('2026-11-24', 2));
  feed.set('2026-11-25', makeDay('2026-11-25', 2));
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toContain('updated'));
}

function renderPopup(): void {
  render(<PopupApp client={createPopupClient()} endpoint={ENDPOINT} />);
}

const titles = (): string[] =>
  screen.getAllByRole('article').map((card) =>
    within(card)
      .getByRole('heading')
      .textContent.replace(/^Unread/, ''),
  );

const heading = (): string => screen.getByRole('heading', { level: 1 }).textContent;

describe('the popup’s week and month views', () => {
  it('switches to Week: every day of the week with its feed day, and no next week', async () => {
    await install();
    // On HF since the install's refresh: only the week's list brings it.
    const late = makeItem('2026-11-23', 0, { paper: { title: 'Only In The Week List', upvotes: 500 } });
    feed.set('2026-11-23', [late]);
    renderPopup();
    await screen.findAllByRole('article');

    fireEvent.click(screen.getByRole('radio', { name: 'Week' }));

    await waitFor(() => expect(heading()).toBe('This week'));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(8));
    const first = screen.getAllByRole('article')[0]!;
    expect(within(first).getByRole('heading').textContent).toBe('Only In The Week List');
    expect(first.textContent).toContain('Listed on Monday, Nov 23');
    const days = screen.getAllByRole('article').map((card) => /Listed on (\w+day)/.exec(card.textContent)?.[1]);
    expect(new Set(days)).toEqual(new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday']));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next week' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous week' }).disabled).toBe(false);
    expect(urls.some((url) => url.searchParams.get('week') === '2026-W48')).toBe(true);
  });

  it('steps back a week and fetches it, then jumps to a month with the date picker', async () => {
    await install();
    feed.set('2026-11-17', makeDay('2026-11-17', 4));
    feed.set('2026-10-07', [makeItem('2026-10-07', 0, { paper: { title: 'An October Paper' } })]);
    feed.set('2026-10-20', [makeItem('2026-10-20', 1, { paper: { title: 'Later In October' } })]);
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('radio', { name: 'Week' }));
    await waitFor(() => expect(heading()).toBe('This week'));

    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));

    await waitFor(() => expect(heading()).toBe('Last week'));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(4));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next week' }).disabled).toBe(false);

    fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
    await waitFor(() => expect(heading()).toBe('This month'));
    fireEvent.change(screen.getByLabelText('Go to date'), { target: { value: '2026-10-15' } });

    await waitFor(() => expect(heading()).toBe('October 2026'));
    await waitFor(() => expect(titles()).toEqual(['An October Paper', 'Later In October']));
    expect(urls.some((url) => url.searchParams.get('month') === '2026-10' && url.searchParams.get('p') === '0')).toBe(
      true,
    );
  });

  it('sorts by comments and filters unread, and offers to clear filters that hide everything', async () => {
    await install();
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('radio', { name: 'Week' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(7));
    const byUpvotes = titles();

    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'comments' } });

    // makeItem gives the n-th paper of a day n % 5 comments: index 2 first, then 1, then 0.
    await waitFor(() => expect(titles()).not.toEqual(byUpvotes));
    const comments = screen
      .getAllByRole('article')
      .map((card) => Number(/(\d+) comments?/.exec(card.textContent)?.[1] ?? '0'));
    expect(comments).toEqual([...comments].sort((a, b) => b - a));

    fireEvent.click(screen.getByRole('button', { name: 'Unread' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    expect(screen.getAllByRole('article').every((card) => card.dataset.unread === 'true')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    expect(await screen.findByText('No papers match the filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(7));
    expect(screen.getByRole('button', { name: 'Unread' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('hides a paper marked read while "Unread" is on, in the day view too', async () => {
    await install();
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: 'Unread' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));

    fireEvent.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: 'Mark as read' }));

    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
  });

  it('reopens with the period kind, sort and filters it was left with', async () => {
    await install();
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'newest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Has code' }));
    await waitFor(() => expect(heading()).toBe('This month'));
    cleanup();

    renderPopup();

    await waitFor(() => expect(heading()).toBe('This month'));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Month' }).checked).toBe(true);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sort by' }).value).toBe('newest');
    expect(screen.getByRole('button', { name: 'Has code' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next month' }).disabled).toBe(true);
  });

  it('goes back to the day view on the first day of the week it was on', async () => {
    await install();
    feed.set('2026-11-16', makeDay('2026-11-16', 2));
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('radio', { name: 'Week' }));
    await waitFor(() => expect(heading()).toBe('This week'));
    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    await waitFor(() => expect(heading()).toBe('Last week'));

    fireEvent.click(screen.getByRole('radio', { name: 'Day' }));

    await waitFor(() => expect(heading()).toBe('Monday, Nov 16'));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    expect(screen.getAllByRole('article')[0]!.textContent).not.toContain('Listed on');
  });

  it('draws a long month a hundred cards at a time', async () => {
    await install();
    feed.set('2026-10-14', makeDay('2026-10-14', 120));
    renderPopup();
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
    fireEvent.change(screen.getByLabelText('Go to date'), { target: { value: '2026-10-14' } });
    // The month's second page comes after the polite pause between pages (LIST_PAGE_PACE_MS).
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(100), { timeout: 3_000 });

    fireEvent.click(screen.getByRole('button', { name: 'Show more (20 left)' }));

    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(120));
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });

  it('opens on the day view by default', async () => {
    await install();

    renderPopup();

    await screen.findAllByRole('article');
    expect(heading()).toBe('Today');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Day' }).checked).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next day' }).disabled).toBe(true);
  });
});
