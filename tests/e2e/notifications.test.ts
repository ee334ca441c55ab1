import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeItem } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, TODAY, type ExtensionSession } from './harness';

/** Just enough of the extension APIs, as seen inside the service worker. */
interface ChromeApis {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { local: { set(items: object): Promise<void> } };
  runtime: { sendMessage(message: object): Promise<unknown> };
}

describe('notifications', () => {
  let server: FixtureServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.days.set(TODAY, server.days.get(TODAY)!.slice(0, 12));
    session = await launchExtension();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
  });
  afterEach(async () => {
    await session.close();
  });

  async function notificationIds(): Promise<string[]> {
    const worker = await session.serviceWorker();
    const all = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApis }).chrome.notifications.getAll(),
    );
    return Object.keys(all).sort();
  }

  /** A click on Refresh, as the popup sends it. */
  async function refresh(): Promise<void> {
    const popup = await session.openPopup();
    await popup.page.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApis }).chrome.runtime.sendMessage({ type: 'refresh' }),
    );
    await popup.page.close();
  }

  it('announces the first install with one summary, then each refresh with new papers once', async () => {
    await expect.poll(notificationIds, EVENTUALLY).toHaveLength(1);
    const [installSummary] = await notificationIds();
    expect(installSummary).toMatch(/^paperboy:summary:/);

    server.days.get(TODAY)!.push(makeItem(TODAY, 12), makeItem(TODAY, 13), makeItem(TODAY, 14));
    await refresh();

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('15');
    await expect.poll(notificationIds, EVENTUALLY).toHaveLength(2);
    const afterNew = await notificationIds();
    expect(afterNew.filter((id) => id.startsWith('paperboy:summary:'))).toHaveLength(2);

    await refresh();

    expect(await notificationIds()).toEqual(afterNew);
    expect(await session.badgeText()).toBe('15');
  });

  it('gives a new paper that matches the watchlist its own notification', async () => {
    await expect.poll(notificationIds, EVENTUALLY).toHaveLength(1);
    const worker = await session.serviceWorker();
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApis }).chrome.storage.local.set({
        settings: { watchlist: [{ kind: 'keyword', value: 'quantum origami' }] },
      }),
    );
    const match = makeItem(TODAY, 20, { paper: { title: 'Quantum Origami for Sparse Attention' } });
    const other = makeItem(TODAY, 21);
    server.days.get(TODAY)!.push(match, other);

    await refresh();

    await expect.poll(notificationIds, EVENTUALLY).toContain(`paperboy:paper:${match.paper.id}`);
    const ids = await notificationIds();
    expect(ids.filter((id) => id.startsWith('paperboy:paper:'))).toEqual([`paperboy:paper:${match.paper.id}`]);
    // The other new paper is summarised on its own: one summary for the install, one now.
    expect(ids.filter((id) => id.startsWith('paperboy:summary:'))).toHaveLength(2);
  });
});
