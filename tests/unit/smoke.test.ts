import { expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPaperboyDB, countUnread } from '@/lib/adapters/db';
import { feedDayAt } from '@/lib/feed-day';
it('smoke', async () => {
  expect(feedDayAt(Date.UTC(2026, 10, 26, 3))).toBe('2026-11-25');
  const db = await openPaperboyDB();
  expect(await countUnread(db)).toBe(0);
  await fakeBrowser.action.setBadgeText({ text: 'x' });
  expect(await fakeBrowser.action.getBadgeText({})).toBe('x');
});
