import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';
import type { PopupPage } from './popup-page';

describe('a refresh that fails', () => {
  let server: FixtureServer;
  let session: ExtensionSession;
  let popup: PopupPage;

  beforeAll(async () => {
    server = await serveFeed();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.fail(null);
    session = await launchExtension();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    popup = await session.openPopup();
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(12);
  });
  afterEach(async () => {
    await session.close();
  });

  it('shows an alert, keeps the cached list and the count, and says so in the tooltip', async () => {
    const expectedTitles = await popup.titles();
    server.fail({ status: 500 });

    await popup.refresh();

    await popup.alert.waitFor({ timeout: EVENTUALLY.timeout });
    const actualAlert = await popup.alert.innerText();
    expect(actualAlert).toContain('Hugging Face is having trouble (HTTP 500)');
    expect(actualAlert).toContain('Showing the papers saved on this device');
    expect(await popup.titles()).toEqual(expectedTitles);
    expect(await session.badgeText()).toBe('12');
    await expect
      .poll(() => session.badgeTitle(), EVENTUALLY)
      .toMatch(/last refresh failed: Hugging Face is having trouble/);
    expect(await session.badgeTitle()).toContain('12 unread papers');
  });

  it('clears the alert once a refresh succeeds again', async () => {
    server.fail({ status: 500 });
    await popup.refresh();
    await popup.alert.waitFor({ timeout: EVENTUALLY.timeout });
    server.fail(null);

    await popup.refresh();

    await popup.alert.waitFor({ state: 'detached', timeout: EVENTUALLY.timeout });
    await expect.poll(() => session.badgeTitle(), EVENTUALLY).not.toContain('failed');
    expect(await popup.titles()).toHaveLength(12);
  });
});
