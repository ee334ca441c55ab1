import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/OptionsApp';
import { openPaperboyDB } from '@/lib/store/database';
import { createOptionsClient, type OptionsClient } from '@/lib/clients/options-client';
import { getSettings, updateSettings } from '@/lib/platform/settings';
import { tomorrowMorning } from '@/lib/notify';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { Paper } from '@/lib/types';
import { commitRefresh } from '@/lib/store/feed';

// The options page over the real settings storage (fakeBrowser) and a cache seeded in
// fake-indexeddb: every change must land in storage, where the worker reads it.
const DEFAULT_ENDPOINT = 'https://huggingface.co';
const DAY = '2026-11-26';
// Local time, so the clock shown does not depend on the machine's time zone.
const NOW = new Date(2026, 10, 26, 14, 0).getTime();
const HOUR = 3_600_000;

function paper(id: string, overrides: Partial<Paper>): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: '',
    authors: [],
    organization: null,
    upvotes: 1,
    numComments: 0,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    publishedAt: null,
    feedDay: DAY,
    ...overrides,
  };
}

const CACHED = [
  paper('2611.00001', { title: 'Diffusion models for video', authors: ['Yann LeCun'], organization: 'Meta' }),
  paper('2611.00002', { title: 'Latent diffusion at scale', organization: 'Ai2' }),
  paper('2611.00003', { title: 'Agents that plan', organization: 'Ai2' }),
  paper('2611.00004', { title: 'Embodied learning', abstract: 'We teach robots to fold laundry.' }),
];

async function seedCache(papers: Paper[]): Promise<void> {
  const db = await openPaperboyDB();
  await commitRefresh(db, {
    papers,
    days: [{ day: DAY, ids: papers.map(({ id }) => id), startsRead: false }],
    updateStatus: (status) => status,
    now: NOW,
  });
  db.close();
}

async function renderOptions(client: OptionsClient = createOptionsClient()): Promise<void> {
  render(<OptionsApp client={client} defaultEndpoint={DEFAULT_ENDPOINT} clock={() => NOW} />);
  await screen.findByRole('heading', { name: 'Paperboy options' });
}

async function expectSaved(pick: (settings: Settings) => unknown, expected: unknown): Promise<void> {
  await waitFor(async () => expect(pick(await getSettings())).toEqual(expected));
}

function field(label: string | RegExp): HTMLInputElement {
  return screen.getByLabelText(label);
}

/** The user's answer to the browser's permission prompt (fakeBrowser leaves `permissions.request` unimplemented). */
function answerPermissionPrompt(answer: () => Promise<boolean>) {
  // Only the promise overload: the spy would otherwise take the callback one's (void) type.
  const permissions = fakeBrowser.permissions as { request: (permissions: { origins?: string[] }) => Promise<boolean> };
  return vi.spyOn(permissions, 'request').mockImplementation(answer);
}

function addToWatchlist(kind: string, value: string): void {
  fireEvent.change(screen.getByLabelText('Watch for'), { target: { value: kind } });
  fireEvent.input(field('Name or keyword'), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Add' }));
}

function entryText(value: string): string | null | undefined {
  const list = screen.getByRole('list', { name: 'Watchlist entries' });
  return within(list)
    .getAllByRole('listitem')
    .find((item) => item.querySelector('.watch-value')?.textContent === value)?.textContent;
}

beforeEach(async () => {
  await seedCache(CACHED);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('options page over storage and the cache', () => {
  it('shows the defaults when nothing was ever saved', async () => {
    await renderOptions();

    expect(screen.getByLabelText<HTMLSelectElement>('Check for new papers every').value).toBe('30');
    expect(field('Show notifications').checked).toBe(true);
    expect(screen.getByRole('radio', { name: /Unread count/ })).toHaveProperty('checked', true);
    expect(field('Endpoint address').value).toBe(DEFAULT_ENDPOINT);
  });

  it('shows the settings saved before', async () => {
    await updateSettings({ refreshMinutes: 360, badgeMode: 'dot', endpoint: 'https://hf-mirror.com' });

    await renderOptions();

    expect(screen.getByLabelText<HTMLSelectElement>('Check for new papers every').value).toBe('360');
    expect(screen.getByRole('radio', { name: 'A dot' })).toHaveProperty('checked', true);
    expect(field('Endpoint address').value).toBe('https://hf-mirror.com');
  });

  it.each([
    [
      'the refresh interval',
      () => fireEvent.change(screen.getByLabelText('Check for new papers every'), { target: { value: '15' } }),
      (s: Settings) => s.refreshMinutes,
      15,
    ],
    [
      'notifications off',
      () => fireEvent.click(field('Show notifications')),
      (s: Settings) => s.notificationsEnabled,
      false,
    ],
    [
      'quiet hours on',
      () => fireEvent.click(field('Hold notifications during quiet hours')),
      (s: Settings) => s.quietHours,
      { enabled: true, start: '22:00', end: '08:00' },
    ],
    [
      'the quiet hours start and end',
      () => {
        fireEvent.input(field('Start'), { target: { value: '21:30' } });
        fireEvent.input(field('End'), { target: { value: '06:45' } });
      },
      (s: Settings) => s.quietHours,
      { enabled: false, start: '21:30', end: '06:45' },
    ],
    [
      'the upvote alert and its threshold',
      () => {
        fireEvent.click(field(/upvote threshold$/));
        fireEvent.input(field('Upvote threshold'), { target: { value: '200' } });
      },
      (s: Settings) => s.upvoteAlert,
      { enabled: true, threshold: 200 },
    ],
    [
      'watchlist matches first',
      () => fireEvent.click(field('Show watchlist matches first')),
      (s: Settings) => s.watchlistFirst,
      true,
    ],
    [
      'the badge mode',
      () => fireEvent.click(screen.getByRole('radio', { name: 'Watchlist matches only' })),
      (s: Settings) => s.badgeMode,
      'watchlist',
    ],
    [
      'what marks a paper read',
      () => fireEvent.click(screen.getByRole('radio', { name: 'Only “Mark as read” marks it read' })),
      (s: Settings) => s.markReadOn,
      'explicit',
    ],
  ])('saves %s to storage at once and says "Saved"', async (_name, act, pick, expected) => {
    await renderOptions();

    act();

    await expectSaved(pick, expected);
    expect((await screen.findByRole('status')).textContent).toBe('Saved');
  });

  it('keeps every change of a quick succession (writes never overwrite each other)', async () => {
    await renderOptions();

    fireEvent.click(field('Show notifications'));
    fireEvent.click(field('Show watchlist matches first'));
    fireEvent.click(screen.getByRole('radio', { name: 'Nothing' }));

    await expectSaved((s) => [s.notificationsEnabled, s.watchlistFirst, s.badgeMode], [false, true, 'none']);
  });

  it('follows a change made elsewhere (another tab or the worker)', async () => {
    await renderOptions();

    await updateSettings({ markReadOn: 'explicit' });

    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'Only “Mark as read” marks it read' })).toHaveProperty('checked', true),
    );
  });

  describe('watchlist', () => {
    it('adds entries, saves them, and shows how many cached papers each matches', async () => {
      await renderOptions();

      addToWatchlist('keyword', 'diffusion');
      addToWatchlist('author', 'Yann LeCun');
      addToWatchlist('organization', 'Ai2');
      addToWatchlist('keyword', 'robots');

      await expectSaved(
        (s) => s.watchlist,
        [
          { kind: 'keyword', value: 'diffusion' },
          { kind: 'author', value: 'Yann LeCun' },
          { kind: 'organization', value: 'Ai2' },
          { kind: 'keyword', value: 'robots' },
        ],
      );
      await waitFor(() => expect(entryText('diffusion')).toContain('2 cached papers match'));
      expect(entryText('Yann LeCun')).toContain('1 cached paper matches');
      expect(entryText('Ai2')).toContain('2 cached papers match');
      expect(entryText('robots')).toContain('1 cached paper matches');
    });

    it('adds an entry when Enter is pressed in the input', async () => {
      await renderOptions();

      fireEvent.input(field('Name or keyword'), { target: { value: 'planning' } });
      fireEvent.keyDown(field('Name or keyword'), { key: 'Enter' });

      await expectSaved((s) => s.watchlist, [{ kind: 'keyword', value: 'planning' }]);
      await waitFor(() => expect(entryText('planning')).toContain('0 cached papers match'));
    });

    it('counts the entries saved before as soon as the page opens', async () => {
      await updateSettings({ watchlist: [{ kind: 'organization', value: 'ai2' }] });

      await renderOptions();

      await waitFor(() => expect(entryText('ai2')).toContain('2 cached papers match'));
    });

    it('removes an entry from storage with its Remove button', async () => {
      await updateSettings({
        watchlist: [
          { kind: 'keyword', value: 'diffusion' },
          { kind: 'author', value: 'Yann LeCun' },
        ],
      });
      await renderOptions();

      fireEvent.click(screen.getByRole('button', { name: 'Remove diffusion' }));

      await expectSaved((s) => s.watchlist, [{ kind: 'author', value: 'Yann LeCun' }]);
      expect(screen.queryByRole('button', { name: 'Remove diffusion' })).toBeNull();
      // The focus does not fall back to the page: it moves to the next entry's button.
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Yann LeCun' }));
    });

    it.each([
      ['an empty entry', '  ', 'Type a keyword to watch.'],
      ['a duplicate', 'DIFFUSION', '“DIFFUSION” is already on your watchlist as a keyword.'],
    ])('refuses %s with a message and saves nothing', async (_name, typed, expected) => {
      await updateSettings({ watchlist: [{ kind: 'keyword', value: 'diffusion' }] });
      const saved = await getSettings();
      const client = createOptionsClient();
      const update = vi.spyOn(client, 'updateSettings');
      await renderOptions(client);

      fireEvent.input(field('Name or keyword'), { target: { value: typed } });
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));

      expect(screen.getByRole('alert').textContent).toBe(expected);
      expect(update).not.toHaveBeenCalled();
      expect(await getSettings()).toEqual(saved);
    });
  });

  describe('snooze', () => {
    it('snoozes for an hour, shows when it ends, and "Resume now" clears it', async () => {
      await renderOptions();

      fireEvent.click(screen.getByRole('button', { name: 'Snooze for 1 hour' }));

      await expectSaved((s) => s.snoozedUntil, NOW + HOUR);
      expect(screen.getByText('Notifications are snoozed until 15:00.')).toBeTruthy();

      fireEvent.click(screen.getByRole('button', { name: 'Resume now' }));

      await expectSaved((s) => s.snoozedUntil, null);
      expect(screen.getByRole('button', { name: 'Snooze for 1 hour' })).toBeTruthy();
    });

    it('snoozes until tomorrow morning', async () => {
      await renderOptions();

      fireEvent.click(screen.getByRole('button', { name: 'Snooze until tomorrow' }));

      await expectSaved((s) => s.snoozedUntil, tomorrowMorning(NOW));
      expect(screen.getByText('Notifications are snoozed until tomorrow at 08:00.')).toBeTruthy();
    });
  });

  describe('endpoint', () => {
    it('says an invalid address is invalid, asks for no permission, and saves nothing', async () => {
      const request = vi.spyOn(fakeBrowser.permissions, 'request');
      await renderOptions();

      fireEvent.input(field('Endpoint address'), { target: { value: 'ftp://hf-mirror.com' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

      expect(screen.getByRole('alert').textContent).toContain('Not an address Paperboy can use');
      expect(request).not.toHaveBeenCalled();
      expect((await getSettings()).endpoint).toBeNull();
    });

    it('asks for the mirror’s origin and saves the mirror when the permission is granted', async () => {
      const request = answerPermissionPrompt(() => Promise.resolve(true));
      await renderOptions();

      fireEvent.input(field('Endpoint address'), { target: { value: 'https://hf-mirror.com/hf/' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

      // Asked during the click itself: a browser refuses to ask later.
      expect(request).toHaveBeenCalledWith({ origins: ['https://hf-mirror.com/*'] });
      await expectSaved((s) => s.endpoint, 'https://hf-mirror.com/hf');
      await waitFor(() => expect(field('Endpoint address').value).toBe('https://hf-mirror.com/hf'));
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('saves nothing and says the current endpoint stays when the permission is refused', async () => {
      await updateSettings({ endpoint: 'https://mirror.example' });
      const before = await getSettings();
      const requestOrigin = vi.fn().mockResolvedValue(false);
      await renderOptions({ ...createOptionsClient(), requestOrigin });

      fireEvent.input(field('Endpoint address'), { target: { value: 'https://hf-mirror.com' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

      expect(requestOrigin).toHaveBeenCalledWith('https://hf-mirror.com');
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Permission refused: Paperboy keeps using https://mirror.example.',
      );
      expect(await getSettings()).toEqual(before);
    });

    it('treats a failed permission request as a refusal', async () => {
      answerPermissionPrompt(() => Promise.reject(new Error('no user gesture')));
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await renderOptions();

      fireEvent.input(field('Endpoint address'), { target: { value: 'https://hf-mirror.com' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

      expect((await screen.findByRole('alert')).textContent).toBe(
        `Permission refused: Paperboy keeps using ${DEFAULT_ENDPOINT}.`,
      );
      expect((await getSettings()).endpoint).toBeNull();
    });

    it('goes back to the build’s endpoint with "Use huggingface.co"', async () => {
      await updateSettings({ endpoint: 'https://hf-mirror.com' });
      await renderOptions();

      fireEvent.click(screen.getByRole('button', { name: 'Use huggingface.co' }));

      await expectSaved((s) => s.endpoint, DEFAULT_SETTINGS.endpoint);
      expect(field('Endpoint address').value).toBe(DEFAULT_ENDPOINT);
    });

    it('saves the build’s endpoint as no mirror, without asking for a permission', async () => {
      await updateSettings({ endpoint: 'https://hf-mirror.com' });
      const request = vi.spyOn(fakeBrowser.permissions, 'request');
      await renderOptions();

      fireEvent.input(field('Endpoint address'), { target: { value: 'https://huggingface.co/' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

      await expectSaved((s) => s.endpoint, null);
      expect(request).not.toHaveBeenCalled();
    });
  });
});

describe('createOptionsClient().countMatches', () => {
  it('counts, for each entry in order, the cached papers it matches', async () => {
    const client = createOptionsClient();

    const actual = await client.countMatches([
      { kind: 'keyword', value: 'diffusion' },
      { kind: 'organization', value: 'Ai2' },
      { kind: 'author', value: 'LeCun' },
      { kind: 'keyword', value: 'absent' },
    ]);

    expect(actual).toEqual([2, 2, 1, 0]);
  });

  it('answers an empty list for an empty watchlist', async () => {
    expect(await createOptionsClient().countMatches([])).toEqual([]);
  });
});
