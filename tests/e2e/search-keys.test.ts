// Search and the keyboard in the built extension, in real Chromium: the worker has cached
// today and an earlier day from the fixture server; the popup page finds the earlier paper by
// a word of its title and by an author, and the keys move, mark, open and explain. Also: the
// manifest's command and side panel, and the side panel page following the worker live.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { makeDay, makeItem, shiftDay } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, TODAY, type ExtensionSession } from './harness';
import type { PopupPage } from './popup-page';

const EARLIER = shiftDay(TODAY, -2);
const FOUND_ID = '2611.99001';
const FOUND_TITLE = 'Origami Networks Fold Attention Maps';

function feed() {
  return new Map([
    [TODAY, makeDay(TODAY, 6)],
    [
      EARLIER,
      [
        makeItem(EARLIER, 0, {
          paper: {
            id: FOUND_ID,
            title: FOUND_TITLE,
            authors: [
              { _id: 'z1', name: 'Ada Lovelace', hidden: false },
              { _id: 'z2', name: 'Zelda Quarkfield', hidden: false },
            ],
          },
        }),
        ...makeDay(EARLIER, 3),
      ],
    ],
  ]);
}

describe('search and keys', () => {
  let server: FixtureServer;
  let session: ExtensionSession;
  let popup: PopupPage;

  beforeAll(async () => {
    server = await serveFeed(feed());
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.days.clear();
    for (const [day, items] of feed()) server.days.set(day, items);
    session = await launchExtension();
    // The install refresh has landed (today unread, the earlier day read) once the badge says 6.
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('6');
    popup = await session.openPopup();
    await expect.poll(() => popup.cards.count(), EVENTUALLY).toBe(6);
  });
  afterEach(async () => {
    await session.close();
  });

  it('finds a paper of an earlier day by a word of its title and by an author, with its feed day', async () => {
    const { page } = popup;
    const results = page.getByRole('list', { name: 'Search results' });
    const found = results.locator(`article.paper[data-paper-id="${FOUND_ID}"]`);

    await page.keyboard.press('/');
    await page.keyboard.type('origami');

    // The status line first: when it fails it says what the page shows instead.
    await expect.poll(() => page.getByRole('status').innerText(), EVENTUALLY).toBe('1 paper matches “origami”');
    await found.waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search all papers' }).inputValue()).toBe('origami');
    expect(await found.getByRole('heading', { level: 2 }).innerText()).toBe(FOUND_TITLE);
    expect(await found.locator('.paper-title mark').allInnerTexts()).toEqual(['Origami']);
    expect(await found.locator('time').getAttribute('datetime')).toBe(EARLIER);

    await page.keyboard.press('Escape'); // clears the box
    await page.keyboard.type('quarkfield');

    await expect.poll(() => found.locator('.paper-byline mark').allInnerTexts(), EVENTUALLY).toEqual(['Quarkfield']);
    expect(await results.locator('article.paper').count()).toBe(1);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape'); // leaves the box: back to the list
    expect(await popup.cards.count()).toBe(6);
    expect(await page.getByRole('searchbox').evaluate((box) => box === document.activeElement)).toBe(false);
  });

  it('j j moves the focus to the second card; m marks it read (badge drops); o opens it', async () => {
    const { page } = popup;
    const second = popup.cardAt(1);
    const secondId = await second.id();
    const focusedId = () => page.evaluate(() => document.activeElement?.getAttribute('data-paper-id') ?? null);

    await page.keyboard.press('j');
    await page.keyboard.press('j');

    expect(await focusedId()).toBe(secondId);
    // The focus ring shows: an outline on the focused card.
    expect(await second.root.evaluate((card) => getComputedStyle(card).outlineStyle)).toBe('solid');

    await page.keyboard.press('m');

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('5');
    expect(await second.isUnread()).toBe(false);
    expect(await focusedId()).toBe(secondId);

    const opened = session.context.waitForEvent('page');
    await page.keyboard.press('o');
    const tab = await opened;
    await tab.waitForLoadState();

    expect(tab.url()).toBe(`${session.endpoint}/papers/${secondId}`);
  });

  it('? shows the list of keys, and Escape closes it', async () => {
    const { page } = popup;

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

    await dialog.waitFor();
    expect(await dialog.locator('kbd').allInnerTexts()).toEqual(
      expect.arrayContaining(['j', 'k', 'o', 'Enter', 'm', 's', '/', '[', ']', '?']),
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('the side panel page shows the list and follows new papers as the worker fetches them', async () => {
    const panel = await session.context.newPage();
    await panel.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
    const cards = panel.getByRole('list', { name: 'Papers' }).locator('article.paper');
    await expect.poll(() => cards.count(), EVENTUALLY).toBe(6);
    expect(await panel.getByRole('heading', { level: 1 }).innerText()).toBe('Today');

    server.days.set(TODAY, makeDay(TODAY, 8));
    await popup.refresh(); // another page asks; the side panel hears the worker's broadcast

    await expect.poll(() => cards.count(), EVENTUALLY).toBe(8);
    expect(await panel.getByRole('button', { name: 'Open in side panel' }).count()).toBe(0);
  });
});

describe('manifest', () => {
  it('declares the command that opens the popup and the side panel', async () => {
    const manifest = JSON.parse(await readFile(join(inject('extensionDir'), 'manifest.json'), 'utf8')) as {
      commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
      side_panel?: { default_path?: string };
      permissions?: string[];
    };

    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+P');
    expect(manifest.side_panel?.default_path).toBe('sidepanel.html');
    expect(manifest.permissions).toContain('sidePanel');
  });
});
