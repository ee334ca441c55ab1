import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

/** What axe found that a user would hit hard: rule, impact, and the first offending nodes. */
function seriousViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

describe.each(['light', 'dark'] as const)('popup accessibility (%s scheme)', (colorScheme) => {
  let server: FixtureServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await session.close();
  });

  it('has no serious or critical axe violation, with read and unread papers and an alert', async () => {
    session = await launchExtension({ colorScheme });
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    const popup = await session.openPopup();
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(12);
    // Every state a card and the header can be in: unread, read, and a failure banner.
    await popup.cardAt(1).markRead();
    server.fail({ status: 503 });
    await popup.refresh();
    await popup.alert.waitFor({ timeout: EVENTUALLY.timeout });
    await popup.cardAt(0).root.locator('details summary').click();

    const actual = seriousViolations(await new AxeBuilder({ page: popup.page }).analyze());

    server.fail(null);
    expect(actual).toEqual([]);
  });
});
