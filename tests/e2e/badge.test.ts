import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

describe('toolbar badge', () => {
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
  });
  afterEach(async () => {
    await session.close();
  });

  it("shows today's 12 papers as unread right after install", async () => {
    const expected = '12';

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe(expected);
    const actualTitle = await session.badgeTitle();

    expect(actualTitle).toContain('12 unread papers');
  });

  it('counts only the current day on the first run, not the days fetched to catch up', async () => {
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');

    const actualTitle = await session.badgeTitle();

    expect(actualTitle).not.toContain('20 unread');
    expect(actualTitle).toMatch(/updated just now/i);
  });
});
