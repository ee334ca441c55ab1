import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { openPaperboyDB } from '@/lib/store/database';
import { createPopupClient } from '@/lib/clients/popup-client';
import { createWorker } from '@/lib/services/worker';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { TRENDING_STALE_MS } from '@/lib/trending';
import { makeDay, makeItem, shiftDay, type ApiItem } from '../fixtures/feed.mjs';
import { jsonResponse } from '../fixtures/hf-stub';
import { countUnread, getDay, readDay, readTrending, readUnreadIds } from '@/lib/store/feed';
import { readSyncSource } from '@/lib/store/user-state';

// The Trending view end to end: the worker fetching `sort=trending` (paginated), the cache in
// fake-indexeddb, and the popup drawing it, with Hugging Face answered from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26'; // a Thursday
const YESTERDAY = shiftDay(TODAY, -1);
const OLDER = shiftDay(TODAY, -3);
const NOW = Date.parse(`${TODAY}T16:00:00Z`);
const MINUTE = 60_000;

/** The feed by day, and the trending ranking the stub pages through. */
const feed = new Map<string, ApiItem[]>();
let ranking: ApiItem[] = [];
let isOffline = false;
const urls: string[] = [];

function stubFetch(input: string): Promise<Response> {
  urls.push(input);
  if (isOffline) return Promise.reject(new TypeError('Failed to fetch'));
  const url = new URL(input);
  if (url.searchParams.get('sort') === 'trending') {
    const limit = Number(url.searchParams.get('limit'));
    const page = Number(url.searchParams.get('p'));
    return Promise.resolve(jsonResponse(ranking.slice(page * limit, (page + 1) * limit)));
  }
  return Promise.resolve(jsonResponse(feed.get(url.searchParams.get('date') ?? '') ?? []));
}

/** Today's 3 papers in the feed; trending: one of today's, then papers of older days (some never in the feed). */
function fillFeed(): void {
  feed.set(TODAY, makeDay(TODAY, 3));
  ranking = [
    makeItem(OLDER, 0, { paper: { upvotes: 900, title: 'Older But Hot' } }),
    makeItem(TODAY, 1),
    makeItem(YESTERDAY, 4, { paper: { upvotes: 400, title: 'Yesterday’s Favourite' } }),
  ];
}

const trendingCalls = (): string[] => urls.filter((url) => url.includes('sort=trending'));

beforeEach(() => {
  feed.clear();
  urls.length = 0;
  isOffline = false;
  fillFeed();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the worker’s trending list', () => {
  function setUp() {
    const clock = { now: NOW };
    const worker = createWorker({
      endpoint: ENDPOINT,
      fetch: stubFetch as typeof fetch,
      now: () => clock.now,
      settings: () => Promise.resolve({ ...DEFAULT_SETTINGS }),
    });
    return { clock, worker };
  }

  it('fetches the ranking page by page and keeps it in rank order', async () => {
    ranking = Array.from({ length: 70 }, (_, index) => makeItem(shiftDay(TODAY, -(index % 5)), 10 + index));
    const { worker } = setUp();

    await worker.handle({ type: 'load-trending' });

    const db = await openPaperboyDB();
    const cached = await readTrending(db);
    expect(trendingCalls()).toEqual([
      `${ENDPOINT}/api/daily_papers?sort=trending&limit=50&p=0`,
      `${ENDPOINT}/api/daily_papers?sort=trending&limit=50&p=1`,
    ]);
    expect(cached.papers.map((paper) => paper.id)).toEqual(ranking.map((item) => item.paper.id));
    expect(cached.fetchedAt).toBe(NOW);
  });

  it('keeps each paper’s feed day and leaves the day lists, the unread count and the notifications alone', async () => {
    const { worker } = setUp();
    await worker.refresh('install');
    const db = await openPaperboyDB();
    const unreadBefore = await countUnread(db);
    const todayBefore = await getDay(db, TODAY);
    for (const id of Object.keys(await fakeBrowser.notifications.getAll())) await fakeBrowser.notifications.clear(id);

    await worker.handle({ type: 'load-trending' });

    const cached = await readTrending(db);
    expect(cached.papers.map((paper) => [paper.title, paper.feedDay])).toEqual([
      ['Older But Hot', OLDER],
      [ranking[1]!.paper.title, TODAY],
      ['Yesterday’s Favourite', YESTERDAY],
    ]);
    expect((await getDay(db, OLDER))?.ids).toEqual([]);
    expect((await getDay(db, YESTERDAY))?.ids).toEqual([]);
    expect(await getDay(db, TODAY)).toEqual(todayBefore);
    expect(await countUnread(db)).toBe(unreadBefore);
    expect([...cached.states.keys()]).toEqual([ranking[1]!.paper.id]); // only the paper the feed listed
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('answers from the cache for 15 minutes, then fetches again; Refresh fetches at once', async () => {
    const { clock, worker } = setUp();
    await worker.handle({ type: 'load-trending' });

    clock.now = NOW + 10 * MINUTE;
    await worker.handle({ type: 'load-trending' });
    const withinFresh = trendingCalls().length;
    await worker.handle({ type: 'load-trending', force: true });
    const afterForce = trendingCalls().length;
    clock.now = NOW + 10 * MINUTE + TRENDING_STALE_MS;
    await worker.handle({ type: 'load-trending' });

    expect(withinFresh).toBe(1);
    expect(afterForce).toBe(2);
    expect(trendingCalls()).toHaveLength(3);
  });

  it('keeps the last list and says why when Hugging Face cannot be reached', async () => {
    const { clock, worker } = setUp();
    await worker.handle({ type: 'load-trending' });
    isOffline = true;
    clock.now = NOW + TRENDING_STALE_MS;

    const activity = await worker.handle({ type: 'load-trending' });

    const cached = await readTrending(await openPaperboyDB());
    expect(activity.trending).toEqual({ loading: false, failure: { kind: 'offline', detail: 'TypeError' } });
    expect(cached.papers).toHaveLength(3);
    expect(cached.fetchedAt).toBe(NOW);
  });

  it('marks a trending paper that was never in the feed unread and back, without counting it on the badge', async () => {
    const { worker } = setUp();
    await worker.refresh('install');
    await worker.handle({ type: 'load-trending' });
    const olderId = ranking[0]!.paper.id;
    const db = await openPaperboyDB();

    const marked = await worker.handle({ type: 'set-trending-unread', ids: [olderId], unread: true });
    const unreadAfterMarking = await readUnreadIds(db, [olderId]);
    const unmarked = await worker.handle({ type: 'set-trending-unread', ids: [olderId], unread: false });

    expect(unreadAfterMarking).toEqual(new Set([olderId]));
    // No cached day lists it: the badge counts the feed's unread papers, which the list can clear.
    expect(marked.unread).toBe(3);
    expect(unmarked.unread).toBe(3);
    expect(await readUnreadIds(db, [olderId])).toEqual(new Set());
    expect((await readDay(db, TODAY)).papers).toHaveLength(3);
  });

  it('syncs marking a trending paper unread, as it does for a paper of the feed', async () => {
    const { worker } = setUp();
    await worker.refresh('install');
    await worker.handle({ type: 'load-trending' });
    const olderId = ranking[0]!.paper.id;

    await worker.handle({ type: 'set-trending-unread', ids: [olderId], unread: true });

    // The user's change is what syncs (lib/sync-model.ts readsFromStates): it was dropped before.
    const { reads } = await readSyncSource(await openPaperboyDB());
    expect(reads.get(olderId)).toMatchObject({ read: false });
  });
});

describe('the popup’s Trending tab', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    vi.stubGlobal('fetch', stubFetch);
    background.main();
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function install(): Promise<void> {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('3'));
  }

  function renderPopup(): void {
    render(h(PopupApp, { client: createPopupClient(), endpoint: ENDPOINT }));
  }

  async function openTrending(): Promise<void> {
    const tab = await screen.findByRole('tab', { name: 'Trending' });
    fireEvent.click(tab);
    await screen.findByRole('list', { name: 'Trending papers' });
  }

  it('shows the ranking with each paper’s feed day, papers of several days, and the same cards', async () => {
    await install();
    renderPopup();

    await openTrending();

    const list = screen.getByRole('list', { name: 'Trending papers' });
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(3));
    const items = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list);
    expect(items.map((item) => item.querySelector('.trending-day')?.textContent)).toEqual([
      'Listed on Monday, Nov 23',
      'Listed today',
      'Listed yesterday',
    ]);
    expect(
      within(list)
        .getAllByRole('article')
        .map((card) => card.dataset.unread),
    ).toEqual(['false', 'true', 'false']);
    expect(screen.getByRole('tab', { name: 'Trending' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-trending');
  });

  it('switches tabs with the arrow keys', async () => {
    await install();
    renderPopup();
    const today = await screen.findByRole('tab', { name: 'Today' });

    fireEvent.keyDown(today, { key: 'ArrowRight' });

    await screen.findByRole('list', { name: 'Trending papers' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Trending' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(await screen.findByRole('list', { name: 'Papers' })).toBeTruthy();
  });

  it('marks a trending paper read from its card, and the day view and badge agree', async () => {
    await install();
    renderPopup();
    await openTrending();
    const list = screen.getByRole('list', { name: 'Trending papers' });
    const todays = await waitFor(() => within(list).getAllByRole('article')[1]!);

    fireEvent.click(within(todays).getByRole('button', { name: 'Mark as read' }));

    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    await waitFor(() => expect(todays.dataset.unread).toBe('false'));
  });

  it('opens offline with its last list and says when it was fetched', async () => {
    await install();
    renderPopup();
    await openTrending();
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    cleanup();
    isOffline = true;
    vi.setSystemTime(NOW + 2 * 60 * MINUTE);

    renderPopup();
    await openTrending();

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Showing the list fetched 2 h ago'));
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.getAllByRole('status').some((status) => status.textContent === 'Fetched 2 h ago')).toBe(true);
  });
});
