import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { createPopupClient } from '@/lib/clients/popup-client';
import { makeDay, shiftDay } from '../fixtures/feed.mjs';

// The popup and the real background worker together, over fake-indexeddb and fakeBrowser,
// with the network answered from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26'; // a Thursday
const NOW = Date.parse(`${TODAY}T16:00:00Z`);

type Answer = (day: string) => Promise<Response>;
let answer: Answer;
const feed = new Map<string, unknown[]>();

function json(body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  feed.clear();
  answer = (day) => json(feed.get(day) ?? []);
  vi.stubGlobal('fetch', (input: string) => answer(new URL(input).searchParams.get('date') ?? ''));
  background.main();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function install(): Promise<void> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toContain('updated'));
}

function renderPopup() {
  render(<PopupApp client={createPopupClient()} endpoint={ENDPOINT} />);
}

describe('popup with the background worker', () => {
  it('draws the cached list at once, without waiting for the network', async () => {
    feed.set(TODAY, makeDay(TODAY, 5));
    await install();
    vi.setSystemTime(NOW + 10 * 60_000); // stale: opening the popup refreshes
    answer = () => new Promise<Response>(() => undefined); // the network never answers

    renderPopup();

    expect(await screen.findAllByRole('article')).toHaveLength(5);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Refreshing'));
  });

  it('lists the day most-upvoted first with today’s papers unread after install', async () => {
    const items = makeDay(TODAY, 4);
    items.reverse(); // the API order must not matter: the popup sorts by upvotes
    feed.set(TODAY, items);
    await install();

    renderPopup();

    const cards = await screen.findAllByRole('article');
    const upvotes = makeDay(TODAY, 4).map((item) => item.paper.title);
    expect(
      cards.map((card) =>
        within(card)
          .getByRole('heading')
          .textContent?.replace(/^Unread/, ''),
      ),
    ).toEqual(upvotes);
    expect(cards.every((card) => card.dataset.unread === 'true')).toBe(true);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
  });

  it('marks a paper read when it is opened, and the badge follows', async () => {
    feed.set(TODAY, makeDay(TODAY, 3));
    await install();
    renderPopup();
    const [first] = await screen.findAllByRole('article');

    fireEvent.click(within(first!).getAllByRole('link')[0]!);

    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    expect(first!.dataset.unread).toBe('false');
  });

  it('"Mark all as read" clears the day on screen and the badge', async () => {
    feed.set(TODAY, makeDay(TODAY, 3));
    await install();
    renderPopup();
    await screen.findAllByRole('article');

    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));

    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    expect(screen.getAllByRole('article').every((card) => card.dataset.unread === 'false')).toBe(true);
  });

  it('shows the latest day with papers when today has none yet, and says so', async () => {
    const yesterday = shiftDay(TODAY, -1);
    feed.set(yesterday, makeDay(yesterday, 2));
    await install();

    renderPopup();

    expect(await screen.findAllByRole('article')).toHaveLength(2);
    expect(screen.getByRole('note').textContent).toContain('No papers yet today');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Yesterday');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('fetches an older day on demand and shows it', async () => {
    feed.set(TODAY, makeDay(TODAY, 2));
    const old = shiftDay(TODAY, -9); // outside the install catch-up window
    feed.set(old, makeDay(old, 3));
    await install();
    renderPopup();
    await screen.findAllByRole('article');

    for (let step = 0; step < 9; step += 1) fireEvent.click(screen.getByRole('button', { name: 'Previous day' }));

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tuesday, Nov 17'));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    // History from before the install is not news: it does not raise the badge.
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('keeps the list and says what failed when a refresh fails', async () => {
    feed.set(TODAY, makeDay(TODAY, 2));
    await install();
    renderPopup();
    await screen.findAllByRole('article');
    answer = () => Promise.resolve(new Response('oops', { status: 503 }));

    fireEvent.click(screen.getByRole('button', { name: /Refresh/ }));

    expect((await screen.findByRole('alert')).textContent).toContain('Hugging Face is having trouble (HTTP 503)');
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });
});
