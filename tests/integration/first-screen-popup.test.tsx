import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { readFirstScreen, saveFirstScreen } from '@/lib/platform/first-screen';
import { createPopupClient } from '@/lib/clients/popup-client';
import type { ListedPaper } from '@/lib/paper-view';
import { makeDay } from '../fixtures/feed.mjs';

// What the popup hands its first-screen snapshot (entrypoints/popup/main.tsx), with the real
// background worker over fake-indexeddb and fakeBrowser, the network answered from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26';
const NOW = Date.parse(`${TODAY}T16:00:00Z`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  localStorage.clear();
  const feed = new Map([[TODAY, makeDay(TODAY, 3)]]);
  vi.stubGlobal('fetch', (input: string) =>
    Promise.resolve(
      new Response(JSON.stringify(feed.get(new URL(input).searchParams.get('date') ?? '') ?? []), {
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
  background.main();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function openPopup(): Promise<(ListedPaper[] | null)[]> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toContain('updated'));
  const calls: (ListedPaper[] | null)[] = [];
  render(
    <PopupApp
      client={createPopupClient()}
      endpoint={ENDPOINT}
      onListShown={(list) => {
        calls.push(list === null ? null : [...list]);
        // As the popup's page does with each list drawn.
        if (list !== null) saveFirstScreen(list.map((item) => ({ ...item.paper, unread: item.unread })));
      }}
    />,
  );
  await screen.findAllByRole('article');
  return calls;
}

describe('the popup and its first-screen snapshot', () => {
  it('hands over the followed day as drawn, and again when a paper changes', async () => {
    const calls = await openPopup();
    const titles = makeDay(TODAY, 3).map((item) => item.paper.title);

    expect(readFirstScreen()?.map((item) => [item.title, item.unread])).toEqual(titles.map((title) => [title, true]));

    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));

    await waitFor(() => expect(readFirstScreen()?.every((item) => !item.unread)).toBe(true));
    expect(calls.every((call) => call !== null)).toBe(true);
  });

  it('hands over nothing to keep while another day is shown', async () => {
    const calls = await openPopup();

    fireEvent.click(screen.getAllByRole('button', { name: /previous/i })[0]!);

    await waitFor(() => expect(calls.at(-1)).toBeNull());
    expect(readFirstScreen()).toHaveLength(3);
  });
});
