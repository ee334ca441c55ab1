import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeItem, type ApiItem } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, TODAY, YESTERDAY, type ExtensionSession } from './harness';

/** Upvotes of today's papers, in the API's order: deliberately not sorted. */
const TODAY_UPVOTES = [12, 80, 33, 150, 7, 64, 99, 21];

/** Today (upvotes shuffled) and yesterday: both days of the feed, so trending spans them. */
function feed(): Map<string, ApiItem[]> {
  return new Map([
    [TODAY, TODAY_UPVOTES.map((upvotes, index) => makeItem(TODAY, index, { paper: { upvotes } }))],
    [
      YESTERDAY,
      Array.from({ length: 6 }, (_, index) => makeItem(YESTERDAY, index, { paper: { upvotes: 140 - index * 30 } })),
    ],
  ]);
}

/** Serious or critical axe violations on a page: rule and the first offending nodes. */
async function seriousViolations(page: ConstructorParameters<typeof AxeBuilder>[0]['page']) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

describe('the digest page and the Trending view', () => {
  let server: FixtureServer;
  let session: ExtensionSession;
  /** Thumbnail requests Chromium made (answered locally: tests never reach the live CDN). */
  let thumbnailRequests: string[];

  beforeAll(async () => {
    server = await serveFeed(feed());
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    session = await launchExtension();
    thumbnailRequests = [];
    // The thumbnails live on Hugging Face's CDN: refused here, as offline, so the page must cope.
    await session.context.route('https://cdn-thumbnails.huggingface.co/**', async (route) => {
      thumbnailRequests.push(route.request().url());
      await route.abort('internetdisconnected');
    });
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe(String(TODAY_UPVOTES.length));
  });
  afterEach(async () => {
    await session.close();
  });

  it('lists the top papers of the day in upvote order, marking nothing read', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/digest.html?period=day:${TODAY}`);

    const list = page.getByRole('list', { name: 'Top papers' });
    await expect.poll(() => list.locator('article.paper').count(), EVENTUALLY).toBe(5);
    const titles = (await list.locator('article.paper h2 a').allInnerTexts()).map((title) => title.trim());
    const expected = TODAY_UPVOTES.map((upvotes, index) => ({ upvotes, title: makeItem(TODAY, index).paper.title }))
      .sort((a, b) => b.upvotes - a.upvotes)
      .slice(0, 5)
      .map(({ title }) => title);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Today's top 5 on Daily Papers");
    expect(titles).toEqual(expected);
    // Every card keeps its unread marker: opening the digest reads nothing by itself.
    expect(await list.getByRole('img', { name: 'Unread' }).count()).toBe(5);
    // Thumbnails were asked for and, unreachable, gave way to placeholders. They load lazily, so
    // each card is brought into view first: how many fit in the viewport depends on the fonts.
    for (const card of await list.locator('article.paper').all()) await card.scrollIntoViewIfNeeded();
    await expect.poll(() => list.getByText('No preview').count(), EVENTUALLY).toBe(5);
    expect(thumbnailRequests.length).toBeGreaterThan(0);
    expect(await session.badgeText()).toBe(String(TODAY_UPVOTES.length));
    expect(await seriousViolations(page)).toEqual([]);

    await list.locator('article.paper').first().getByRole('button', { name: 'Mark as read' }).click();

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe(String(TODAY_UPVOTES.length - 1));

    // Ready to save: the second paper goes to the library from the digest page.
    const second = list.locator('article.paper').nth(1);
    await second.getByRole('button', { name: 'Save for offline' }).click();
    await expect.poll(() => second.getByRole('button', { name: 'Saved — remove' }).count(), EVENTUALLY).toBe(1);
    await expect.poll(() => second.getByRole('link', { name: 'Open PDF' }).count(), EVENTUALLY).toBe(1);
  });

  it('shows trending papers from more than one day in the popup, each with its feed day', async () => {
    const popup = await session.openPopup();

    await popup.page.getByRole('tab', { name: 'Trending' }).click();

    const list = popup.page.getByRole('list', { name: 'Trending papers' });
    await expect.poll(() => list.locator('article.paper').count(), EVENTUALLY).toBe(14);
    const days = await list.locator('.trending-day').allInnerTexts();
    expect(new Set(days.map((day) => day.trim().toLowerCase()))).toEqual(new Set(['listed today', 'listed yesterday']));
    expect(await popup.page.getByRole('tab', { name: 'Trending' }).getAttribute('aria-selected')).toBe('true');
    expect(server.requests.some((request) => request.search.includes('sort=trending'))).toBe(true);
    expect(await seriousViolations(popup.page)).toEqual([]);

    // The same card actions as the day view: a paper of yesterday is saved from Trending.
    const yesterdays = list.locator('li', { hasText: 'Listed yesterday' }).locator('article.paper').first();
    const title = (await yesterdays.locator('h2 a').innerText()).trim();
    await yesterdays.getByRole('button', { name: 'Save for offline' }).click();
    await expect.poll(() => yesterdays.getByRole('button', { name: 'Saved — remove' }).count(), EVENTUALLY).toBe(1);
    const library = await session.context.newPage();
    await library.goto(`chrome-extension://${session.extensionId}/library.html`);
    await expect.poll(() => library.getByText(title).count(), EVENTUALLY).toBeGreaterThan(0);
  });
});
