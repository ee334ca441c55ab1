import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

describe('offline', () => {
  let server: FixtureServer | null;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session.close();
    await server?.close();
  });

  it('shows the cached list when Hugging Face cannot be reached', async () => {
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    const online = await session.openPopup();
    await expect.poll(async () => (await online.titles()).length, EVENTUALLY).toBe(12);
    const expectedTitles = await online.titles();
    await online.close();
    await server?.close();
    server = null;

    const offline = await session.openPopup();
    await expect.poll(() => offline.titles(), EVENTUALLY).toEqual(expectedTitles);
    await offline.refresh();

    await offline.alert.waitFor({ timeout: EVENTUALLY.timeout });
    expect(await offline.alert.innerText()).toContain('Could not reach Hugging Face (offline?)');
    expect(await offline.titles()).toEqual(expectedTitles);
    expect(await session.badgeText()).toBe('12');
  });
});
