import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

interface ChromeAlarms {
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
}

describe('the options page', () => {
  let server: FixtureServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    session = await launchExtension();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
  });
  afterEach(async () => {
    await session.close();
  });

  async function refreshPeriod(): Promise<number | undefined> {
    const worker = await session.serviceWorker();
    const alarm = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeAlarms }).chrome.alarms.get('paperboy-refresh'),
    );
    return alarm?.periodInMinutes;
  }

  it('applies the badge mode and the refresh interval at once, without a reload', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    await expect.poll(refreshPeriod, EVENTUALLY).toBe(30);

    await page.getByLabel('A dot').check();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('•');
    await page.getByLabel('Nothing').check();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('');
    await page.getByLabel('Check for new papers every').selectOption('60');

    await expect.poll(refreshPeriod, EVENTUALLY).toBe(60);
    expect(await session.badgeTitle()).toContain('12 unread papers');
  });
});
