import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

// Sync in real Chromium: what one profile writes to chrome.storage.sync, handed to a second
// profile's chrome.storage.sync (as the browser's own sync would), shows up there: the badge
// drops by the papers read, and the library lists the saved paper with its PDF to fetch.
// A headless test profile has no browser account, and chrome.storage.sync then works locally.

interface ChromeStorage {
  storage: {
    sync: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  };
}

async function syncItems(session: ExtensionSession): Promise<Record<string, unknown>> {
  return await (
    await session.serviceWorker()
  ).evaluate(() => (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.sync.get(null));
}

async function openPage(session: ExtensionSession, name: 'library' | 'options'): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${name}.html`);
  return page;
}

describe('sync between two browser profiles', () => {
  let server: FixtureServer | null = null;
  let first: ExtensionSession | null = null;
  let second: ExtensionSession | null = null;

  beforeAll(async () => {
    server = await serveFeed();
    first = await launchExtension();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.close();
  });

  it('hands read state and a saved paper from one profile to another', async () => {
    const laptop = first!;
    await expect.poll(() => laptop.badgeText(), EVENTUALLY).toBe('12');
    const popup = await laptop.openPopup();
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(12);
    for (const index of [0, 1, 2]) await popup.cardAt(index).markRead();
    const saved = popup.cardAt(3);
    const savedId = await saved.id();
    const savedTitle = (await popup.titles())[3];
    await saved.root.getByRole('button', { name: 'Save for offline' }).click();
    await saved.root.getByRole('link', { name: 'Open PDF' }).waitFor({ timeout: EVENTUALLY.timeout });
    await expect.poll(() => laptop.badgeText(), EVENTUALLY).toBe('9');
    await popup.close();

    // The options page: sync is on by default; "Sync now" rather than waiting for the debounce.
    const options = await openPage(laptop, 'options');
    const fieldset = options.getByRole('group', { name: 'Sync' });
    expect(await fieldset.getByRole('checkbox', { name: /Sync read papers/ }).isChecked()).toBe(true);
    await fieldset.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => fieldset.innerText(), EVENTUALLY)
      .toMatch(/Last synced just now · (\d+|< 1) KB of 100 KB of the browser’s sync storage used/);
    expect(await fieldset.getByRole('alert').count()).toBe(0);
    const violations = (
      await new AxeBuilder({ page: options }).include('section[aria-labelledby="opt-sync-heading"]').analyze()
    ).violations;
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual(
      [],
    );

    const items = await syncItems(laptop);
    expect(Object.keys(items).some((key) => key.startsWith('pb:r:'))).toBe(true);
    expect(Object.keys(items).some((key) => key.startsWith('pb:s:'))).toBe(true);
    expect(JSON.stringify(items)).toContain(savedId);

    // The desktop: a fresh profile on the same feed, all 12 unread.
    second = await launchExtension();
    const desktop = second;
    await expect.poll(() => desktop.badgeText(), EVENTUALLY).toBe('12');
    await (
      await desktop.serviceWorker()
    ).evaluate((synced) => (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.sync.set(synced), items);

    await expect.poll(() => desktop.badgeText(), EVENTUALLY).toBe('9');
    const library = await openPage(desktop, 'library');
    const card = library.getByRole('article', { name: savedTitle });
    await card.getByText('Saved on another browser: PDF not on this device').waitFor({ timeout: EVENTUALLY.timeout });
    const pdfCalls = server!.pdfCalls(savedId).length;

    await card.getByRole('button', { name: 'Fetch PDF' }).click();

    await card.getByRole('link', { name: 'Open PDF' }).waitFor({ timeout: EVENTUALLY.timeout });
    expect(server!.pdfCalls(savedId)).toHaveLength(pdfCalls + 1);
  });
});
