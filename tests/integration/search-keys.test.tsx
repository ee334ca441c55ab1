import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { createPopupClient } from '@/lib/clients/popup-client';
import { makeDay, makeItem, shiftDay } from '../fixtures/feed.mjs';

// Search and the keyboard in the popup, with the real background worker over fake-indexeddb
// and fakeBrowser, the network answered from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26'; // a Thursday
const EARLIER = shiftDay(TODAY, -3);
const NOW = Date.parse(`${TODAY}T16:00:00Z`);
const FOUND_ID = '2611.99001';

const feed = new Map<string, unknown[]>();

function json(body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  feed.clear();
  feed.set(TODAY, makeDay(TODAY, 4));
  feed.set(EARLIER, [
    makeItem(EARLIER, 0, {
      paper: {
        id: FOUND_ID,
        title: 'Origami Networks Fold Attention Maps',
        authors: [{ _id: 'z1', name: 'Zelda Quarkfield', hidden: false }],
      },
    }),
    ...makeDay(EARLIER, 2),
  ]);
  // Anything else (a PDF when a paper is saved) is not found.
  vi.stubGlobal('fetch', (input: string) => {
    const day = new URL(input).searchParams.get('date');
    return day === null ? Promise.resolve(new Response('', { status: 404 })) : json(feed.get(day) ?? []);
  });
  background.main();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function openPopup(): Promise<HTMLElement[]> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toContain('updated'));
  render(<PopupApp client={createPopupClient()} endpoint={ENDPOINT} />);
  const cards = await screen.findAllByRole('article');
  // The keys are a chunk loaded once the list is on screen (components/Lazy.tsx); they say when they listen.
  await screen.findByText(/press \? for the list/);
  return cards;
}

function type(text: string): void {
  const box = screen.getByRole('searchbox', { name: 'Search all papers' });
  fireEvent.focus(box);
  fireEvent.input(box, { target: { value: text } });
}

function press(key: string): void {
  fireEvent.keyDown(document.activeElement ?? document.body, { key });
}

async function foundCard(): Promise<HTMLElement> {
  const results = await screen.findByRole('list', { name: 'Search results' });
  return await waitFor(() => {
    const card = within(results).getAllByRole('article')[0]!;
    expect(card.dataset.paperId).toBe(FOUND_ID);
    return card;
  });
}

describe('search in the popup', () => {
  it('finds a paper of an earlier cached day by a word of its title, with its feed day, and clearing returns to the list', async () => {
    await openPopup();

    type('origami');

    const card = await foundCard();
    expect(within(card).getByText('Origami', { selector: 'mark' })).toBeTruthy();
    expect(card.querySelector('time')?.getAttribute('datetime')).toBe(EARLIER);
    expect(screen.getByRole('status').textContent).toBe('1 paper matches “origami”');

    type('');

    expect(await screen.findByRole('list', { name: 'Papers' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
  });

  it('finds it by an author’s name', async () => {
    await openPopup();

    type('quarkfield');

    const card = await foundCard();
    expect(within(card).getByText('Quarkfield', { selector: 'mark' })).toBeTruthy();
  });

  it('says so when nothing matches', async () => {
    await openPopup();

    type('xylophonic');

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No papers match “xylophonic”'));
  });

  it('finds a paper that arrives while the results are on screen (the index follows the worker)', async () => {
    await openPopup();
    type('kaleidoscope');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No papers match “kaleidoscope”'));

    const arriving = makeItem(TODAY, 9, { paper: { id: '2611.99002', title: 'Kaleidoscope Tokenizers' } });
    feed.set(TODAY, [...makeDay(TODAY, 4), arriving]);
    await createPopupClient().send({ type: 'refresh' });

    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByRole('article').dataset.paperId).toBe('2611.99002');
  });

  it('marks a found paper read from the results, and the badge follows', async () => {
    await openPopup();
    // The earlier day came with the install's catch-up: read. Make it unread first.
    type('origami');
    const card = await foundCard();
    fireEvent.click(within(card).getByRole('button', { name: 'Mark as unread' }));
    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('5'));

    fireEvent.click(within(await foundCard()).getByRole('button', { name: 'Mark as read' }));

    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('4'));
    // The card settles on what was stored, whichever of the two changes' rereads lands last.
    await waitFor(async () => expect((await foundCard()).dataset.unread).toBe('false'));
  });
});

describe('keyboard in the popup', () => {
  it('j and k move the focus over the cards, m marks the focused one read, s saves it', async () => {
    const cards = await openPopup();

    press('j');
    press('j');
    press('k');
    press('j');

    const focused = cards[1]!;
    expect(document.activeElement).toBe(focused);
    expect(focused.tabIndex).toBe(0);
    expect(cards[0]!.tabIndex).toBe(-1);
    expect(focused.dataset.unread).toBe('true');

    press('m');

    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('3'));
    expect(focused.dataset.unread).toBe('false');
    expect(document.activeElement).toBe(focused);

    press('s');

    expect(await within(focused).findByRole('button', { name: 'Saved — remove' })).toBeTruthy();
  });

  it('`/` focuses the search box, and letters typed there are text, not shortcuts', async () => {
    const cards = await openPopup();

    press('/');
    const box = screen.getByRole('searchbox');
    expect(document.activeElement).toBe(box);
    press('m');
    press('j');

    expect(cards.every((card) => card.dataset.unread === 'true')).toBe(true);
    expect(document.activeElement).toBe(box);
  });

  it('`?` opens the list of keys and Escape closes it', async () => {
    await openPopup();

    press('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Next paper')).toBeTruthy();
    press('Escape');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('`[` goes to the previous day and `]` back', async () => {
    await openPopup();

    press('[');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Yesterday'));
    press(']');

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Today'));
  });
});
