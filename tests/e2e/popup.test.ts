import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDay } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, standardFeed, TODAY, type ExtensionSession } from './harness';
import type { PopupPage } from './popup-page';

describe('popup', () => {
  let server: FixtureServer;
  let session: ExtensionSession;
  let popup: PopupPage;

  beforeAll(async () => {
    // Served least upvoted first: the popup, not the API's order, puts the most upvoted on top.
    const feed = standardFeed();
    feed.set(TODAY, makeDay(TODAY, 12).reverse());
    server = await serveFeed(feed);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    session = await launchExtension();
    // The install refresh has landed once the badge counts today's papers.
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    popup = await session.openPopup();
  });
  afterEach(async () => {
    await session.close();
  });

  it("lists today's 12 papers, most upvoted first, all marked unread", async () => {
    const today = makeDay(TODAY, 12);
    const expectedTitles = [...today]
      .sort((a, b) => b.paper.upvotes - a.paper.upvotes)
      .map((item) => item.paper.title.replace(/\s+/g, ' ').trim());

    await expect.poll(() => popup.titles(), EVENTUALLY).toEqual(expectedTitles);
    const actualHeading = await popup.heading.innerText();
    const actualUnread = await popup.unreadIds();

    expect(actualHeading).toBe('Today');
    expect(actualUnread).toEqual(today.map((item) => item.paper.id)); // makeDay is most upvoted first
    expect(await popup.cardAt(0).showsUnreadMarker()).toBe(true);
  });

  it('draws its Today | Trending tabs styled from the first open (their CSS is not in a lazy chunk)', async () => {
    const tab = popup.page.getByRole('tab', { name: 'Today' });
    const style = await tab.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { background: computed.backgroundColor, underline: computed.borderBottomWidth };
    });

    expect(style).toEqual({ background: 'rgba(0, 0, 0, 0)', underline: '2px' });
  });

  it("opens a paper's Hugging Face page in a new tab and marks it read", async () => {
    const paper = makeDay(TODAY, 12)[3]!.paper;

    const tab = await popup.openPaper(paper.id);

    expect(tab.url()).toBe(`${session.endpoint}/papers/${paper.id}`);
    expect(await tab.getByRole('heading', { level: 1 }).innerText()).toBe(`Paper page ${paper.id}`);
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('11');
    await expect.poll(() => popup.card(paper.id).isUnread(), EVENTUALLY).toBe(false);
    expect(await popup.card(paper.id).showsUnreadMarker()).toBe(false);
    expect(await session.badgeTitle()).toContain('11 unread papers');
  });

  it('marks one paper read and unread again with its own button', async () => {
    const paper = popup.cardAt(0);
    const id = await paper.id();

    await paper.markRead();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('11');
    await popup.card(id).markUnread();

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    expect(await popup.card(id).isUnread()).toBe(true);
  });

  it('empties the badge with "Mark all as read"', async () => {
    await popup.markAllRead();

    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('');
    expect(await popup.unreadIds()).toEqual([]);
    expect(await session.badgeTitle()).toContain('No unread papers');
  });

  it("goes back to yesterday's 8 papers and forward to today again", async () => {
    await popup.previousDay();

    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe('Yesterday');
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(8);
    // Days fetched only to catch up on the first run start read.
    expect(await popup.unreadIds()).toEqual([]);
    await popup.nextDay();
    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe('Today');
  });
});
