// The service worker stopped by the browser in the middle of a refresh (Chrome ends idle or
// stuck workers; here through DevTools' ServiceWorker.stopAllWorkers), then woken by the popup:
// the previous complete state is there, the next refresh finishes the work, and the new papers
// are announced once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeItem } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, TODAY, type ExtensionSession } from './harness';

/** Just enough of the extension APIs, as seen inside the extension. */
interface ChromeApis {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  runtime: { sendMessage(message: object): Promise<unknown> };
}

describe('a service worker stopped during a refresh', () => {
  let server: FixtureServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.fail(null);
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

  it('keeps the previous state, finishes on the next start, and announces the new papers once', async () => {
    await expect.poll(notificationIds, EVENTUALLY).toHaveLength(1);
    server.days.get(TODAY)!.push(makeItem(TODAY, 12), makeItem(TODAY, 13), makeItem(TODAY, 14));
    server.fail('hang');
    const callsBefore = server.apiCalls(TODAY).length;

    // A click on Refresh; the request to Hugging Face never answers.
    const popup = await session.openPopup();
    await popup.page.evaluate(() => {
      void (globalThis as unknown as { chrome: ChromeApis }).chrome.runtime.sendMessage({ type: 'refresh' });
    });
    await expect.poll(() => server.apiCalls(TODAY).length, EVENTUALLY).toBeGreaterThan(callsBefore);
    // The browser stops the worker mid-request (DevTools reports its version as stopped).
    const devtools = await session.context.newCDPSession(popup.page);
    const statuses: string[] = [];
    const stopped = new Promise<void>((resolve) => {
      devtools.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        statuses.push(...versions.map((version) => version.runningStatus));
        if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
      });
    });
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await popup.page.close();
    server.fail(null);

    // The popup wakes a new worker: it shows the state from before, then a click finishes the refresh.
    const reopened = await session.openPopup();
    const afterRestart = await session.badgeText();
    await reopened.refresh();

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('15');
    await expect.poll(notificationIds, EVENTUALLY).toHaveLength(2);
    const announced = await notificationIds();
    await reopened.refresh();
    await expect.poll(() => server.apiCalls(TODAY).length, EVENTUALLY).toBeGreaterThan(callsBefore + 1);

    // DevTools may report only the stop (the version was already running before it was watched).
    expect(statuses).toContain('stopped');
    expect(afterRestart).toBe('12');
    expect(announced.filter((id) => id.startsWith('paperboy:summary:'))).toHaveLength(2);
    expect(await notificationIds()).toEqual(announced);
    expect(await session.badgeText()).toBe('15');
    expect(await reopened.unreadIds()).toHaveLength(15);
  });
});
