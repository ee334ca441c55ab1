import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { fetchDay } from '@/lib/platform/hf-client';
import { ALARMS } from '@/lib/platform/alarms';
import { updateSettings } from '@/lib/platform/settings';
import { createWorker } from '@/lib/services/worker';
import { HF_ENDPOINT, REFRESH_ALARM } from '@/lib/config';
import { addDays } from '@/lib/feed-day';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { activityOf } from '../fixtures/worker-answer';
import { paperPageUrl } from '@/lib/paper-view';
import { runRefresh, type RefreshStore } from '@/lib/refresh';
import { DEFAULT_SETTINGS, type QuietHours, type Settings, type WatchEntry } from '@/lib/settings';
import { makeDay, makeItem, type ApiItem } from '../fixtures/feed.mjs';
import { createFakeHf, type FakeHf } from '../fixtures/hf-stub';
import { commitRefresh, countUnread, getNotifyQueue, getStatus, updateStatus } from '@/lib/store/feed';
import { getMeta, type SummaryKey } from '@/lib/store/meta';

const QUIET_END_ALARM = ALARMS.quietEnd;

// Notifications end to end over fakeBrowser and fake-indexeddb: a real worker (or the real
// background entrypoint), a stubbed Hugging Face, and a clock the test moves. Quiet hours are
// in local time, so windows are built around the clock's local hour: the suite runs in any zone.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06'; // a Friday
const NOW = Date.parse('2026-03-06T15:00:00Z'); // 10:00 in New York
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUOKKA: WatchEntry = { kind: 'keyword', value: 'Quokka' };

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Three papers on every weekday of the catch-up window and `todayCount` today; weekends empty. */
function fillFeed(hf: FakeHf, todayCount = 5): void {
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) {
    if (!isWeekend(day)) hf.feed.set(day, makeDay(day, day === TODAY ? todayCount : 3));
  }
}

type PaperOverrides = Record<string, unknown>;

/** `count` papers for `day`, with some of them changed (by index). */
function dayWith(day: string, count: number, changes: Record<number, PaperOverrides> = {}): ApiItem[] {
  return Array.from({ length: count }, (_, index) => {
    const paper = changes[index];
    return paper === undefined ? makeItem(day, index) : makeItem(day, index, { paper });
  });
}

const quokkaTitle = (n: number): string => `Quokka ${n}: Hopping Through Long Contexts`;

/** What a notification shows, as a user sees it. */
interface Shown {
  id: string;
  type: string | undefined;
  title: string | undefined;
  message: string | undefined;
  items: string[] | undefined;
  buttons: string[] | undefined;
}

function shown(): Shown[] {
  return Object.entries(fakeBrowser.notifications.getAllCreateOptions()).map(([id, options]) => ({
    id,
    type: options.type,
    title: options.title,
    message: options.message,
    items: options.items?.map((item) => item.title),
    buttons: options.buttons?.map((button) => button.title),
  }));
}

function shownTitles(): (string | undefined)[] {
  return shown().map((notification) => notification.title);
}

function summaryId(): string {
  const summary = shown().find((notification) => notification.id.startsWith('paperboy:summary:'));
  if (summary === undefined) throw new Error(`no summary among ${JSON.stringify(shownTitles())}`);
  return summary.id;
}

/** The user closes every notification: whatever shows up afterwards is new. */
async function dismissAll(): Promise<void> {
  for (const id of Object.keys(await fakeBrowser.notifications.getAll())) await fakeBrowser.notifications.clear(id);
}

async function badge(): Promise<{ text: string; title: string }> {
  return { text: await fakeBrowser.action.getBadgeText({}), title: await fakeBrowser.action.getTitle({}) };
}

async function openedTabs(): Promise<string[]> {
  return (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url === undefined ? [] : [tab.url]));
}

function idsOf(items: ApiItem[]): string[] {
  return items.map((item) => item.paper.id);
}

/**
 * Quiet hours from an hour before to two hours after the local hour of `at`, and when they end:
 * built with the local Date constructor, so it holds in any time zone.
 */
function quietAround(at: number): { quietHours: QuietHours; ends: number } {
  const date = new Date(at);
  const hour = date.getHours();
  const clock = (h: number): string => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return {
    quietHours: { enabled: true, start: clock(hour - 1), end: clock(hour + 2) },
    ends: new Date(date.getFullYear(), date.getMonth(), date.getDate(), hour + 2).getTime(),
  };
}

function storeOver(db: PaperboyDB): RefreshStore {
  return {
    getStatus: () => getStatus(db),
    updateStatus: (update) => updateStatus(db, update),
    commit: (input) => commitRefresh(db, input),
  };
}

/** A worker over a fresh database and a stubbed Hugging Face, with settings and a clock the test changes. */
async function setUp(patch: Partial<Settings> = {}) {
  const hf = createFakeHf();
  fillFeed(hf);
  const clock = { now: NOW };
  let settings: Settings = { ...DEFAULT_SETTINGS, ...patch };
  const worker = createWorker({
    endpoint: ENDPOINT,
    fetch: hf.fetch,
    now: () => clock.now,
    settings: () => Promise.resolve(settings),
  });
  const db = await openPaperboyDB();
  const change = (next: Partial<Settings>): void => {
    settings = { ...settings, ...next };
  };
  /** A scheduled refresh `minutes` later. */
  const refreshAfter = async (minutes: number) => {
    clock.now += minutes * MINUTE;
    return await worker.refresh('alarm');
  };
  return { hf, clock, worker, db, change, refreshAfter };
}

describe('announcing new papers', () => {
  it('raises exactly one summary on the first install, even for papers on the watchlist', async () => {
    const { hf, worker } = await setUp({ watchlist: [QUOKKA] });
    hf.feed.set(TODAY, dayWith(TODAY, 5, { 1: { title: quokkaTitle(1) }, 3: { title: quokkaTitle(3) } }));

    await worker.refresh('install');

    const notifications = shown();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      id: expect.stringMatching(/^paperboy:summary:2026-03-06:/) as unknown,
      type: 'list',
      title: '5 new papers on Daily Papers',
      message: expect.stringMatching(/^2 match your watchlist\. ★ Quokka 1/) as unknown,
      buttons: ['Open', 'Mark all as read'],
    });
    expect(notifications[0]?.items).toHaveLength(5);
    expect(notifications[0]?.items?.slice(0, 2)).toEqual([`★ ${quokkaTitle(1)}`, `★ ${quokkaTitle(3)}`]);
  });

  it('lists the top titles of the summary by upvotes', async () => {
    const { hf, worker } = await setUp();
    const today = makeDay(TODAY, 7);

    hf.feed.set(TODAY, today);
    await worker.refresh('install');

    expect(shown()[0]?.items).toEqual(today.slice(0, 5).map((item) => item.paper.title));
    expect(shownTitles()).toEqual(['7 new papers on Daily Papers']);
  });

  it('sums up a later refresh that finds three new papers in one notification', async () => {
    const { hf, worker, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    const today = makeDay(TODAY, 8);
    hf.feed.set(TODAY, today);

    await refreshAfter(30);

    expect(shown()).toEqual([
      {
        id: expect.stringMatching(/^paperboy:summary:2026-03-06:/) as unknown,
        type: 'list',
        title: '3 new papers on Daily Papers',
        message: today
          .slice(5)
          .map((item) => item.paper.title)
          .join(' · '),
        items: today.slice(5).map((item) => item.paper.title),
        buttons: ['Open', 'Mark all as read'],
      },
    ]);
  });

  it('raises nothing when a refresh finds nothing new', async () => {
    const { worker, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();

    const outcome = await refreshAfter(30);

    expect(outcome).toMatchObject({ kind: 'done', newIds: [] });
    expect(shown()).toEqual([]);
  });

  it('never announces the same paper twice, however often it is fetched again', async () => {
    const { hf, worker, refreshAfter } = await setUp();
    await worker.refresh('install');
    hf.feed.set(TODAY, makeDay(TODAY, 8));
    await refreshAfter(30);
    await dismissAll();
    // The same papers again, with more upvotes and in another order.
    hf.feed.set(
      TODAY,
      makeDay(TODAY, 8)
        .reverse()
        .map((item, index) => ({ ...item, paper: { ...item.paper, upvotes: 500 + index } })),
    );

    await refreshAfter(30);
    await refreshAfter(30);
    await worker.notifier.flush();

    expect(shown()).toEqual([]);
  });

  it('does not announce new papers the user read before the notification went out', async () => {
    const { hf, worker, db, clock } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    const today = makeDay(TODAY, 8);
    hf.feed.set(TODAY, today);
    // Commit without flushing (a worker stopped in between), then read two of the three new papers.
    clock.now += 30 * MINUTE;
    await runRefresh({ store: storeOver(db), fetchDay: fetchOne(hf), now: () => clock.now }, 'alarm');
    await worker.handle({ type: 'set-unread', ids: idsOf(today.slice(5, 7)), unread: false });

    await worker.notifier.flush();

    expect(shownTitles()).toEqual(['1 new paper on Daily Papers']);
    expect(shown()[0]?.items).toEqual([today[7]?.paper.title]);
  });

  it('raises one summary for a catch-up after days offline, even with watchlist matches', async () => {
    const { hf, worker, clock } = await setUp({ watchlist: [QUOKKA] });
    await worker.refresh('install');
    await dismissAll();
    hf.feed.set('2026-03-09', makeDay('2026-03-09', 3));
    hf.feed.set('2026-03-10', dayWith('2026-03-10', 4, { 0: { title: quokkaTitle(0) }, 2: { title: quokkaTitle(2) } }));
    clock.now = Date.parse('2026-03-10T15:00:00Z'); // the next Tuesday

    await worker.refresh('startup');

    const notifications = shown();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      id: expect.stringMatching(/^paperboy:summary:2026-03-10:/) as unknown,
      title: '7 new papers on Daily Papers',
    });
    expect(notifications[0]?.items?.slice(0, 2)).toEqual([`★ ${quokkaTitle(0)}`, `★ ${quokkaTitle(2)}`]);
  });

  it('makes the summary open the latest day among its papers', async () => {
    const { hf, worker, clock } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    hf.feed.set('2026-03-09', makeDay('2026-03-09', 2));
    clock.now = Date.parse('2026-03-09T15:00:00Z'); // the next Monday: Friday, the weekend and Monday
    hf.feed.set(TODAY, makeDay(TODAY, 6));

    await worker.refresh('alarm');

    expect(shown()).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^paperboy:summary:2026-03-09:/) as unknown,
        title: '3 new papers on Daily Papers',
      }),
    ]);
  });
});

describe('the watchlist', () => {
  it.each<[string, WatchEntry, PaperOverrides]>([
    ['a keyword in the title', QUOKKA, { title: quokkaTitle(6) }],
    [
      'a keyword in the abstract',
      { kind: 'keyword', value: 'marsupial' },
      { summary: 'We train a Marsupial-scale model.' },
    ],
    [
      'an author',
      { kind: 'author', value: 'Hinton' },
      { authors: [{ _id: 'gh', name: 'Geoffrey Hinton', hidden: false }] },
    ],
    [
      'an organization',
      { kind: 'organization', value: 'DeepMind' },
      { organization: { _id: 'dm', name: 'deepmind', fullname: 'Google DeepMind' } },
    ],
  ])('gives a new paper that matches %s its own notification', async (_case, entry, paper) => {
    const { hf, worker, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    change({ watchlist: [entry] });
    const today = dayWith(TODAY, 8, { 6: paper });
    hf.feed.set(TODAY, today);

    await refreshAfter(30);

    const match = today[6]!.paper;
    expect(shown()).toEqual([
      {
        id: `paperboy:paper:${match.id}`,
        type: 'basic',
        title: `Matches your watchlist: ${match.title}`,
        message: `Matched ${entry.value}`,
        items: undefined,
        buttons: undefined,
      },
      expect.objectContaining({ title: '2 new papers on Daily Papers' }),
    ]);
  });

  it('names every entry a paper matches', async () => {
    const { hf, worker, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    change({ watchlist: [{ kind: 'author', value: 'Hinton' }, QUOKKA] });
    hf.feed.set(
      TODAY,
      dayWith(TODAY, 6, {
        5: { title: quokkaTitle(5), authors: [{ _id: 'gh', name: 'Geoffrey Hinton', hidden: false }] },
      }),
    );

    await refreshAfter(30);

    expect(shown()).toEqual([expect.objectContaining({ message: 'Matched Hinton, Quokka' })]);
  });

  it('shows at most three matches on their own and folds the rest into the summary', async () => {
    const { hf, worker, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    change({ watchlist: [QUOKKA] });
    const quokkas = Object.fromEntries([5, 6, 7, 8, 9].map((index) => [index, { title: quokkaTitle(index) }]));
    hf.feed.set(TODAY, dayWith(TODAY, 11, quokkas));

    await refreshAfter(30);

    const summary = shown().find((notification) => notification.id.startsWith('paperboy:summary:'));
    expect(shownTitles()).toEqual([
      `Matches your watchlist: ${quokkaTitle(5)}`,
      `Matches your watchlist: ${quokkaTitle(6)}`,
      `Matches your watchlist: ${quokkaTitle(7)}`,
      '3 new papers on Daily Papers',
    ]);
    expect(summary?.message).toMatch(/^2 match your watchlist\. /);
    expect(summary?.items).toEqual([`★ ${quokkaTitle(8)}`, `★ ${quokkaTitle(9)}`, makeItem(TODAY, 10).paper.title]);
  });
});

describe('quiet hours and snooze', () => {
  it('holds everything during quiet hours and sums it up once when they end', async () => {
    const { hf, worker, db, clock, change, refreshAfter } = await setUp({ watchlist: [QUOKKA] });
    await worker.refresh('install');
    await dismissAll();
    const { quietHours, ends } = quietAround(NOW + 30 * MINUTE);
    change({ quietHours });
    const today = dayWith(TODAY, 10, { 6: { title: quokkaTitle(6) } });
    hf.feed.set(TODAY, today.slice(0, 8));

    await refreshAfter(30);
    const heldAt = clock.now;
    const alarm = await fakeBrowser.alarms.get(QUIET_END_ALARM);
    hf.feed.set(TODAY, today);
    await refreshAfter(10);
    const whileQuiet = shown();
    const queue = await getNotifyQueue(db);
    clock.now = ends + MINUTE;
    await worker.notifier.flush();

    expect(whileQuiet).toEqual([]);
    expect(queue).toEqual({ ids: idsOf(today.slice(5)), quietCatchUp: false, heldSince: heldAt });
    expect(alarm).toMatchObject({ name: 'paperboy-quiet-end', scheduledTime: ends });
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({
      title: 'While you were away: 5 new papers',
      message: expect.stringMatching(/^1 matches your watchlist\. ★ Quokka 6/) as unknown,
    });
    expect(await getNotifyQueue(db)).toEqual({ ids: [], quietCatchUp: false, heldSince: null });
  });

  it('sums up once: what waited is not announced again after quiet hours', async () => {
    const { hf, worker, clock, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    const { quietHours, ends } = quietAround(NOW + 30 * MINUTE);
    change({ quietHours });
    hf.feed.set(TODAY, makeDay(TODAY, 8));
    await refreshAfter(30);
    clock.now = ends + MINUTE;
    await worker.notifier.flush();
    await dismissAll();

    await worker.notifier.flush();
    await refreshAfter(30);

    expect(shown()).toEqual([]);
  });

  it('leaves out of the summary what the user read during quiet hours', async () => {
    const { hf, worker, clock, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    const { quietHours, ends } = quietAround(NOW + 30 * MINUTE);
    change({ quietHours });
    const today = makeDay(TODAY, 8);
    hf.feed.set(TODAY, today);
    await refreshAfter(30);
    await worker.handle({ type: 'set-unread', ids: idsOf(today.slice(5, 7)), unread: false });
    clock.now = ends + MINUTE;

    await worker.notifier.flush();

    expect(shownTitles()).toEqual(['While you were away: 1 new paper']);
  });

  it('holds the first install’s summary during quiet hours', async () => {
    const { quietHours, ends } = quietAround(NOW);
    const { worker, clock } = await setUp({ quietHours });

    await worker.refresh('install');
    const whileQuiet = shown();
    const alarm = await fakeBrowser.alarms.get(QUIET_END_ALARM);
    clock.now = ends;
    await worker.notifier.flush();

    expect(whileQuiet).toEqual([]);
    expect(alarm?.scheduledTime).toBe(ends);
    expect(shownTitles()).toEqual(['While you were away: 5 new papers']);
  });

  it('holds everything while snoozed and sums it up once the snooze ends', async () => {
    const { hf, worker, clock, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    const snoozedUntil = NOW + 2 * HOUR;
    change({ snoozedUntil });
    hf.feed.set(TODAY, makeDay(TODAY, 8));

    await refreshAfter(30);
    const whileSnoozed = shown();
    const alarm = await fakeBrowser.alarms.get(QUIET_END_ALARM);
    clock.now = snoozedUntil;
    await worker.notifier.flush();

    expect(whileSnoozed).toEqual([]);
    expect(alarm?.scheduledTime).toBe(snoozedUntil);
    expect(shownTitles()).toEqual(['While you were away: 3 new papers']);
  });

  it('keeps holding when the alarm fires early, and looks again at the new end', async () => {
    const { hf, worker, db, clock, change, refreshAfter } = await setUp();
    await worker.refresh('install');
    await dismissAll();
    change({ snoozedUntil: NOW + HOUR });
    hf.feed.set(TODAY, makeDay(TODAY, 8));
    await refreshAfter(30);
    const heldSince = (await getNotifyQueue(db)).heldSince;
    change({ snoozedUntil: NOW + 3 * HOUR }); // snoozed for longer meanwhile
    clock.now = NOW + HOUR;

    await worker.notifier.flush();

    expect(shown()).toEqual([]);
    expect(await getNotifyQueue(db)).toMatchObject({ heldSince });
    expect((await getNotifyQueue(db)).ids).toHaveLength(3);
    expect((await fakeBrowser.alarms.get(QUIET_END_ALARM))?.scheduledTime).toBe(NOW + 3 * HOUR);
  });
});

describe('notifications turned off', () => {
  it('raises nothing, and turned back on, does not announce what came meanwhile', async () => {
    const { hf, worker, db, change, refreshAfter } = await setUp({ notificationsEnabled: false });
    await worker.refresh('install');
    hf.feed.set(TODAY, makeDay(TODAY, 8));
    await refreshAfter(30);
    const whileOff = shown();
    const queueWhileOff = await getNotifyQueue(db);

    change({ notificationsEnabled: true });
    await worker.notifier.flush();
    await refreshAfter(30);
    const afterNothingNew = shown();
    const today = makeDay(TODAY, 9);
    hf.feed.set(TODAY, today);
    await refreshAfter(30);

    expect(whileOff).toEqual([]);
    expect(queueWhileOff.ids).toEqual([]);
    expect(afterNothingNew).toEqual([]);
    expect(shown()).toEqual([
      expect.objectContaining({ title: '1 new paper on Daily Papers', items: [today[8]?.paper.title] }),
    ]);
    expect(await countUnread(db)).toBe(9);
  });

  it('raises no upvote alert while off', async () => {
    const { hf, worker } = await setUp({ notificationsEnabled: false, upvoteAlert: { enabled: true, threshold: 10 } });
    hf.feed.set(TODAY, makeDay(TODAY, 5));

    await worker.refresh('install');

    expect(shown()).toEqual([]);
  });
});

describe('upvote alerts', () => {
  it('alerts once when a paper of the last seven days passes the threshold', async () => {
    const { hf, worker, refreshAfter } = await setUp({ upvoteAlert: { enabled: true, threshold: 500 } });
    await worker.refresh('install');
    const beforeThreshold = shown();
    await dismissAll();
    const trending = makeItem('2026-03-04', 1, { paper: { upvotes: 640 } });
    hf.feed.set('2026-03-04', [makeItem('2026-03-04', 0), trending, makeItem('2026-03-04', 2)]);
    hf.feed.set(TODAY, dayWith(TODAY, 5, { 2: { upvotes: 499 } }));

    await worker.handle({ type: 'load-day', day: '2026-03-04' });
    await refreshAfter(30);
    const firstAlert = shown();
    await dismissAll();
    hf.feed.set('2026-03-04', [makeItem('2026-03-04', 0), makeItem('2026-03-04', 1, { paper: { upvotes: 900 } })]);
    await worker.handle({ type: 'load-day', day: '2026-03-04' });
    await refreshAfter(30);

    expect(beforeThreshold.map((notification) => notification.title)).toEqual(['5 new papers on Daily Papers']);
    expect(firstAlert).toEqual([
      {
        id: `paperboy:paper:${trending.paper.id}`,
        type: 'basic',
        title: `Trending: ${trending.paper.title}`,
        message: 'Passed 500 upvotes (now 640) on Daily Papers',
        items: undefined,
        buttons: undefined,
      },
    ]);
    expect(shown()).toEqual([]);
  });

  it('does not alert for a paper older than seven days', async () => {
    const { hf, worker, refreshAfter } = await setUp({ upvoteAlert: { enabled: true, threshold: 500 } });
    await worker.refresh('install');
    await dismissAll();
    hf.feed.set('2026-02-26', [makeItem('2026-02-26', 0, { paper: { upvotes: 5_000 } })]);

    await worker.handle({ type: 'load-day', day: '2026-02-26' });
    await refreshAfter(30);

    expect(shown()).toEqual([]);
  });

  it('is off by default', async () => {
    const { hf, worker } = await setUp();
    hf.feed.set(TODAY, dayWith(TODAY, 5, { 0: { upvotes: 10_000 } }));

    await worker.refresh('install');

    expect(shownTitles()).toEqual(['5 new papers on Daily Papers']);
  });
});

describe('a worker stopped after storing a refresh', () => {
  it('announces the queued papers exactly once from the next worker', async () => {
    const hf = createFakeHf();
    fillFeed(hf);
    const db = await openPaperboyDB();
    await runRefresh({ store: storeOver(db), fetchDay: fetchOne(hf), now: () => NOW }, 'install');
    const beforeRestart = shown();
    const restarted = createWorker({ endpoint: ENDPOINT, fetch: hf.fetch, now: () => NOW + MINUTE });

    await restarted.notifier.flush();
    const afterRestart = shownTitles();
    await dismissAll();
    await restarted.notifier.flush();
    await createWorker({ endpoint: ENDPOINT, fetch: hf.fetch, now: () => NOW + 2 * MINUTE }).notifier.flush();

    expect(beforeRestart).toEqual([]);
    expect(afterRestart).toEqual(['5 new papers on Daily Papers']);
    expect(shown()).toEqual([]);
  });
});

describe('badge modes', () => {
  it.each<[Settings['badgeMode'], string]>([
    ['unread', '5'],
    ['dot', '•'],
    ['none', ''],
  ])('shows %j as %j', async (badgeMode, expected) => {
    const { worker } = await setUp({ badgeMode });

    await worker.refresh('install');

    expect((await badge()).text).toBe(expected);
  });

  it('shows no dot once everything is read', async () => {
    const { worker, db } = await setUp({ badgeMode: 'dot' });
    await worker.refresh('install');

    await worker.handle({ type: 'set-unread', ids: (await db.getAll('states')).map((s) => s.id), unread: false });

    expect((await badge()).text).toBe('');
  });

  it('counts only unread papers on the watchlist in the watchlist mode', async () => {
    const { hf, worker } = await setUp({ badgeMode: 'watchlist', watchlist: [QUOKKA] });
    const today = dayWith(TODAY, 5, { 0: { title: quokkaTitle(0) }, 3: { title: quokkaTitle(3) } });
    hf.feed.set(TODAY, today);
    await worker.refresh('install');
    const beforeReading = await badge();

    await worker.handle({ type: 'set-unread', ids: [today[0]!.paper.id, today[1]!.paper.id], unread: false });

    expect(beforeReading).toEqual({
      text: '2',
      title: 'Paperboy: 5 unread papers (2 on your watchlist) · updated just now',
    });
    expect(await badge()).toEqual({
      text: '1',
      title: 'Paperboy: 3 unread papers (1 on your watchlist) · updated just now',
    });
  });

  it('shows nothing in the watchlist mode with an empty watchlist', async () => {
    const { worker } = await setUp({ badgeMode: 'watchlist' });

    await worker.refresh('install');

    expect((await badge()).text).toBe('');
  });
});

function fetchOne(hf: FakeHf) {
  return (day: string) => fetchDay(day, { endpoint: ENDPOINT, fetch: hf.fetch });
}

describe('through the background entrypoint', () => {
  let hf: FakeHf;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    hf = createFakeHf();
    fillFeed(hf);
    vi.stubGlobal('fetch', hf.fetch);
    background.main();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function send(message: unknown): Promise<Activity | undefined> {
    return activityOf(await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer | undefined>(message));
  }

  /** Waits until the worker is idle, so no refresh outlives the test. */
  async function settled(): Promise<void> {
    await vi.waitFor(async () => expect((await send({ type: 'get-activity' }))?.refreshing).toBe(false));
  }

  async function install(): Promise<void> {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect((await badge()).text).toBe('5'));
    await settled();
  }

  async function alarm(name: string): Promise<void> {
    await fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now(), persistAcrossSessions: true });
  }

  it('opens the list on the summary’s day, in a tab, when the summary is clicked', async () => {
    await install();
    const id = summaryId();

    await fakeBrowser.notifications.onClicked.trigger(id);

    await vi.waitFor(async () =>
      expect(await openedTabs()).toEqual([`${fakeBrowser.runtime.getURL('/list.html')}?day=2026-03-06`]),
    );
    expect(await openedTabs()).toEqual(['chrome-extension://test-extension-id/list.html?day=2026-03-06']);
    expect(shown()).toEqual([]);
    expect((await badge()).text).toBe('5');
  });

  it('opens the list with the summary’s "Open" button', async () => {
    await install();

    await fakeBrowser.notifications.onButtonClicked.trigger(summaryId(), 0);

    await vi.waitFor(async () =>
      expect(await openedTabs()).toEqual(['chrome-extension://test-extension-id/list.html?day=2026-03-06']),
    );
    expect((await badge()).text).toBe('5');
  });

  it('marks the summary’s papers read, and only those, with "Mark all as read"', async () => {
    await install();
    const firstSummary = summaryId();
    hf.feed.set(TODAY, makeDay(TODAY, 8));
    vi.setSystemTime(NOW + 30 * MINUTE);
    await alarm(REFRESH_ALARM);
    await vi.waitFor(async () => expect((await badge()).text).toBe('8'));
    await settled();

    await fakeBrowser.notifications.onButtonClicked.trigger(firstSummary, 1);

    await vi.waitFor(async () => expect((await badge()).text).toBe('3'));
    expect(shownTitles()).toEqual(['3 new papers on Daily Papers']);
    expect(await openedTabs()).toEqual([]);
  });

  /** Like Chrome: a notification the extension clears itself is reported closed (byUser false). */
  function closeOnClear(): void {
    const clear = fakeBrowser.notifications.clear.bind(fakeBrowser.notifications);
    const clearAndReport = async (id: string): Promise<boolean> => {
      void fakeBrowser.notifications.onClosed.trigger(id, false);
      return await clear(id);
    };
    // The typings pick clear's callback overload (void); the code under test uses the promise one.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    vi.spyOn(fakeBrowser.notifications, 'clear').mockImplementation(clearAndReport);
  }

  it('marks all read even when the browser reports its own clearing as a close', async () => {
    closeOnClear();
    await install();

    await fakeBrowser.notifications.onButtonClicked.trigger(summaryId(), 1);

    await vi.waitFor(async () => expect((await badge()).text).toBe(''));
  });

  it('opens the list even when the browser reports its own clearing as a close', async () => {
    closeOnClear();
    await install();

    await fakeBrowser.notifications.onClicked.trigger(summaryId());

    await vi.waitFor(async () =>
      expect(await openedTabs()).toEqual(['chrome-extension://test-extension-id/list.html?day=2026-03-06']),
    );
  });

  it('forgets a summary’s bookkeeping once the user closes it', async () => {
    await install();
    const id = summaryId() as SummaryKey;
    const db = await openPaperboyDB();
    const before = await getMeta(db, id);

    await fakeBrowser.notifications.onClosed.trigger(id, true);

    expect(before).toMatchObject({ day: TODAY, ids: idsOf(makeDay(TODAY, 5)) });
    await vi.waitFor(async () => expect(await getMeta(db, id)).toBeNull());
    db.close();
  });

  it('opens a paper and marks it read when its notification is clicked', async () => {
    await install();
    await updateSettings({ watchlist: [QUOKKA] });
    const today = dayWith(TODAY, 6, { 5: { title: quokkaTitle(5) } });
    const paperId = today[5]!.paper.id;
    hf.feed.set(TODAY, today);
    vi.setSystemTime(NOW + 30 * MINUTE);
    await alarm(REFRESH_ALARM);
    await vi.waitFor(() => expect(shownTitles()).toContain(`Matches your watchlist: ${quokkaTitle(5)}`));
    await settled();
    expect((await badge()).text).toBe('6');

    await fakeBrowser.notifications.onClicked.trigger(`paperboy:paper:${paperId}`);

    await vi.waitFor(async () => expect((await badge()).text).toBe('5'));
    expect(await openedTabs()).toEqual([paperPageUrl(HF_ENDPOINT, paperId)]);
    expect(shownTitles()).not.toContain(`Matches your watchlist: ${quokkaTitle(5)}`);
  });

  it('ignores clicks on notifications it does not own', async () => {
    await install();

    await fakeBrowser.notifications.onClicked.trigger('someone-else:1');
    await fakeBrowser.notifications.onButtonClicked.trigger('someone-else:1', 1);
    await settled();

    expect(await openedTabs()).toEqual([]);
    expect((await badge()).text).toBe('5');
  });

  it('announces what waited through quiet hours when the quiet-end alarm fires', async () => {
    const { quietHours, ends } = quietAround(NOW);
    await updateSettings({ quietHours });
    await install();
    const whileQuiet = shown();
    const scheduled = await fakeBrowser.alarms.get(QUIET_END_ALARM);
    vi.setSystemTime(ends + MINUTE);

    await alarm(QUIET_END_ALARM);

    await vi.waitFor(() => expect(shownTitles()).toEqual(['While you were away: 5 new papers']));
    expect(whileQuiet).toEqual([]);
    expect(scheduled?.scheduledTime).toBe(ends);
  });

  it('announces what waited as soon as the snooze is lifted', async () => {
    await updateSettings({ snoozedUntil: NOW + 2 * HOUR });
    await install();
    const whileSnoozed = shown();

    await updateSettings({ snoozedUntil: null });

    await vi.waitFor(() => expect(shownTitles()).toEqual(['While you were away: 5 new papers']));
    expect(whileSnoozed).toEqual([]);
  });

  it('reschedules the refresh alarm when the interval changes', async () => {
    await install();
    const before = await fakeBrowser.alarms.get(REFRESH_ALARM);
    // vi.waitFor moves the faked clock on as it polls: the new period starts between these two.
    const changedAt = Date.now();

    await updateSettings({ refreshMinutes: 60 });

    await vi.waitFor(async () =>
      expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 60 }),
    );
    const after = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(before).toMatchObject({ periodInMinutes: 30 });
    expect(after?.scheduledTime).toBeGreaterThanOrEqual(changedAt + 60 * MINUTE);
    expect(after?.scheduledTime).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
  });

  it('redraws the badge at once when the badge mode changes', async () => {
    await install();

    await updateSettings({ badgeMode: 'dot' });

    await vi.waitFor(async () => expect((await badge()).text).toBe('•'));
  });

  it('keeps the refresh status untouched by notifications', async () => {
    await install();
    const db = await openPaperboyDB();
    const before = await getStatus(db);

    await fakeBrowser.notifications.onButtonClicked.trigger(summaryId(), 1);
    await vi.waitFor(async () => expect((await badge()).text).toBe(''));

    expect(await getStatus(db)).toEqual(before);
    db.close();
  });
});
