import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMonths, addWeeks, isoWeekOf, monthName, monthOf, weekStart } from '../../lib/calendar';
import { addDays, formatDay } from '../../lib/feed-day';
import { makeItem, type ApiItem } from '../fixtures/feed.mjs';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, standardFeed, TODAY, type ExtensionSession } from './harness';
import type { PopupPage } from './popup-page';

// Week and month views in real Chromium, answered by the fixture server's `week=` and `month=`
// lists: periods far enough back that the install's catch-up never fetched their days.
const WEEK = addWeeks(isoWeekOf(TODAY), -2);
const MONDAY = weekStart(WEEK);
const WEDNESDAY = addDays(MONDAY, 2);
const MONTH = addMonths(monthOf(TODAY), -2);
const EARLY = `${MONTH}-05`;
const LATE = `${MONTH}-20`;

/** A paper with the title, upvotes and comment count a test reads back. */
function paper(day: string, index: number, title: string, upvotes: number, numComments: number): ApiItem {
  return makeItem(day, index, { paper: { title, upvotes }, numComments });
}

function historyFeed(): Map<string, ApiItem[]> {
  const feed = standardFeed();
  feed.set(MONDAY, [paper(MONDAY, 0, 'Monday Favourite', 90, 1), paper(MONDAY, 1, 'Monday Debated', 40, 12)]);
  feed.set(WEDNESDAY, [paper(WEDNESDAY, 0, 'Wednesday Middle', 70, 5)]);
  feed.set(EARLY, [paper(EARLY, 0, 'Early In The Month', 30, 0)]);
  feed.set(LATE, [paper(LATE, 0, 'Late In The Month', 60, 2)]);
  return feed;
}

/** Each card's title with the feed day it says it was listed on. */
async function titlesWithDays(popup: PopupPage): Promise<[string, string][]> {
  return await popup.cards.evaluateAll((cards) =>
    cards.map((card): [string, string] => [
      card.querySelector('h2 a')?.textContent?.trim() ?? '',
      card.querySelector('.paper-day')?.textContent?.replace('Listed on ', '').trim() ?? '',
    ]),
  );
}

describe('week and month views', () => {
  let server: FixtureServer;
  let session: ExtensionSession;
  let popup: PopupPage;

  beforeAll(async () => {
    server = await serveFeed(historyFeed());
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    session = await launchExtension();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    popup = await session.openPopup();
    await expect.poll(() => popup.cards.count(), EVENTUALLY).toBe(12);
  });
  afterEach(async () => {
    await session.close();
  });

  it('shows a week’s papers from the week= list, each with its feed day, and sorts them by comments', async () => {
    await popup.page.getByRole('radio', { name: 'Week' }).check();
    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe('This week');
    expect(await popup.page.getByRole('button', { name: 'Next week' }).isDisabled()).toBe(true);

    await popup.page.getByRole('button', { name: 'Previous week' }).click();
    await popup.page.getByRole('button', { name: 'Previous week' }).click();

    const monday = formatDay(MONDAY, TODAY);
    const wednesday = formatDay(WEDNESDAY, TODAY);
    await expect
      .poll(() => titlesWithDays(popup), EVENTUALLY)
      .toEqual([
        ['Monday Favourite', monday],
        ['Wednesday Middle', wednesday],
        ['Monday Debated', monday],
      ]);
    expect(await popup.heading.innerText()).toMatch(/^Week \d+: /);
    expect(server.requests.some((request) => request.search.includes(`week=${WEEK}`))).toBe(true);
    expect(server.apiCalls(MONDAY)).toEqual([]); // the week's list brought them, not date=

    await popup.page.getByRole('combobox', { name: 'Sort by' }).selectOption('comments');

    await expect
      .poll(async () => (await titlesWithDays(popup)).map(([title]) => title), EVENTUALLY)
      .toEqual(['Monday Debated', 'Wednesday Middle', 'Monday Favourite']);
  });

  it('jumps to a month with the date picker and shows its papers from the month= list', async () => {
    await popup.page.getByRole('radio', { name: 'Month' }).check();
    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe('This month');

    await popup.page.getByLabel('Go to date').fill(`${MONTH}-12`);

    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe(monthName(MONTH));
    await expect
      .poll(() => titlesWithDays(popup), EVENTUALLY)
      .toEqual([
        ['Late In The Month', formatDay(LATE, TODAY)],
        ['Early In The Month', formatDay(EARLY, TODAY)],
      ]);
    expect(server.requests.some((request) => request.search.includes(`month=${MONTH}`))).toBe(true);

    // The popup opens the same way next time: the month view (of the current month).
    await popup.close();
    popup = await session.openPopup();
    await expect.poll(() => popup.heading.innerText(), EVENTUALLY).toBe('This month');
    expect(await popup.page.getByRole('radio', { name: 'Month' }).isChecked()).toBe(true);
  });

  it('hides a read paper with "Unread"', async () => {
    const read = popup.cardAt(0);
    const readId = await read.id();
    await read.markRead();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('11');

    await popup.page.getByRole('button', { name: 'Unread', exact: true }).click();

    await expect.poll(() => popup.cards.count(), EVENTUALLY).toBe(11);
    expect(await popup.card(readId).root.count()).toBe(0);
    expect(await popup.page.getByRole('button', { name: 'Unread', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });
});
