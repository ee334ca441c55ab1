import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DigestApp, type DigestClient } from '@/components/DigestApp';
import background from '@/entrypoints/background';
import { openPaperboyDB } from '@/lib/store/database';
import { ALARMS } from '@/lib/platform/alarms';
import { updateSettings } from '@/lib/platform/settings';
import { getSavedMany } from '@/lib/store/library';
import { createWorker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import { DEFAULT_SETTINGS, type DigestSettings, type Settings } from '@/lib/settings';
import { makeDay, makeItem, type ApiItem } from '../fixtures/feed.mjs';
import { createFakeHf, jsonResponse, type FakeHf } from '../fixtures/hf-stub';
import { countUnread, getNotifyQueue, readPapersOfDays, readUnreadIds, updateStatus } from '@/lib/store/feed';

const DIGEST_ALARM = ALARMS.digest;

// Digests end to end over fakeBrowser and fake-indexeddb: a real worker, a stubbed Hugging Face
// (days by `date=`, weeks by `week=`), and a clock the test moves. The schedule is in local time:
// this file runs in New York's zone, so the instants below are exact.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06'; // a Friday
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 08:00 on Friday in New York (EST, UTC-5). */
const EIGHT = Date.parse('2026-03-06T13:00:00Z');
const NINE = EIGHT + HOUR;

const originalZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = originalZone;
});

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

/**
 * Today: eight papers whose upvotes are NOT in the API's order (the digest sorts them); every
 * other weekday of the last two weeks: three papers.
 */
function fillFeed(hf: FakeHf): ApiItem[] {
  const upvotes = [30, 75, 12, 90, 55, 8, 61, 40];
  const today = upvotes.map((count, index) => makeItem(TODAY, index, { paper: { upvotes: count } }));
  hf.feed.set(TODAY, today);
  for (let day = addDays(TODAY, -14); day < TODAY; day = addDays(day, 1)) {
    if (!isWeekend(day)) hf.feed.set(day, makeDay(day, 3));
  }
  return today;
}

/** The stub's `date=` answers, plus `week=` answered from the same days (paginated like the API). */
function withWeeks(hf: FakeHf): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const week = url.searchParams.get('week');
    if (week === null) return await hf.fetch(input, init);
    hf.urls.push(url.href);
    const items = [...hf.feed.entries()]
      .filter(([day]) => day >= weekStart(week) && day <= addDays(weekStart(week), 6))
      .flatMap(([, list]) => list);
    const limit = Number(url.searchParams.get('limit') ?? '50');
    const page = Number(url.searchParams.get('p') ?? '0');
    return jsonResponse(items.slice(page * limit, (page + 1) * limit));
  };
}

/** Only the weeks this file uses. */
function weekStart(week: string): string {
  const starts: Record<string, string> = { '2026-W09': '2026-02-23', '2026-W10': '2026-03-02' };
  return starts[week] ?? '9999-01-01';
}

const titlesOf = (items: ApiItem[]): string[] => items.map((item) => item.paper.title);
const byUpvotes = (items: ApiItem[]): ApiItem[] => [...items].sort((a, b) => b.paper.upvotes - a.paper.upvotes);

interface Shown {
  id: string;
  title: string | undefined;
  items: string[] | undefined;
}

function shown(): Shown[] {
  return Object.entries(fakeBrowser.notifications.getAllCreateOptions()).map(([id, options]) => ({
    id,
    title: options.title,
    items: options.items?.map((item) => item.title),
  }));
}

const digests = (): Shown[] => shown().filter((notification) => notification.id.startsWith('paperboy:digest:'));

async function dismissAll(): Promise<void> {
  for (const id of Object.keys(await fakeBrowser.notifications.getAll())) await fakeBrowser.notifications.clear(id);
}

async function openedTabs(): Promise<string[]> {
  return (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url === undefined ? [] : [tab.url]));
}

const DAILY: Partial<DigestSettings> = { daily: { enabled: true, time: '09:00' } };

/** A worker over a fresh database, installed at 08:00 with the digest settings given (checked once then). */
async function setUp(digest: Partial<DigestSettings> = DAILY, patch: Partial<Settings> = {}) {
  const hf = createFakeHf();
  const today = fillFeed(hf);
  const clock = { now: EIGHT };
  let settings: Settings = { ...DEFAULT_SETTINGS, ...patch, digest: { ...DEFAULT_SETTINGS.digest, ...digest } };
  const worker = createWorker({
    endpoint: ENDPOINT,
    fetch: withWeeks(hf),
    now: () => clock.now,
    settings: () => Promise.resolve(settings),
  });
  await worker.refresh('install');
  await worker.digest.check();
  await dismissAll();
  const change = (next: Partial<Settings>): void => {
    settings = { ...settings, ...next };
  };
  const currentSettings = (): Promise<Settings> => Promise.resolve(settings);
  return { hf, today, clock, worker, change, currentSettings, db: await openPaperboyDB() };
}

describe('the daily digest', () => {
  it('names the top papers of the day by upvotes at its time, and opens with the next one scheduled', async () => {
    const { today, clock, worker } = await setUp();
    const scheduled = await fakeBrowser.alarms.get(DIGEST_ALARM);

    clock.now = NINE;
    await worker.digest.check();

    expect(scheduled?.scheduledTime).toBe(NINE);
    expect(digests()).toEqual([
      {
        id: 'paperboy:digest:day:2026-03-06',
        title: "Today's top 5 on Daily Papers",
        items: titlesOf(byUpvotes(today).slice(0, 5)),
      },
    ]);
    expect((await fakeBrowser.alarms.get(DIGEST_ALARM))?.scheduledTime).toBe(NINE + 24 * HOUR);
  });

  it('shows exactly one digest per day, however often it is checked', async () => {
    const { clock, worker, currentSettings } = await setUp();
    clock.now = NINE;
    await worker.digest.check();
    const first = digests();
    await dismissAll();

    await Promise.all([worker.digest.check(), worker.digest.check()]);
    clock.now = NINE + 3 * HOUR;
    await worker.refresh('alarm');
    await worker.digest.check();
    const restarted = createWorker({ endpoint: ENDPOINT, now: () => clock.now, settings: currentSettings });
    await restarted.digest.check();

    expect(first).toHaveLength(1);
    expect(digests()).toEqual([]);
  });

  it('shows nothing before its time', async () => {
    const { clock, worker } = await setUp();

    clock.now = NINE - MINUTE;
    await worker.digest.check();

    expect(digests()).toEqual([]);
  });

  it('counts read papers too and marks nothing read', async () => {
    const { today, clock, worker, db } = await setUp({ ...DAILY, topCount: 3 });
    const top = byUpvotes(today);
    await worker.handle({ type: 'set-unread', ids: [top[0]!.paper.id], unread: false });
    const unreadBefore = await countUnread(db);

    clock.now = NINE;
    await worker.digest.check();

    expect(digests()[0]).toMatchObject({ title: "Today's top 3 on Daily Papers", items: titlesOf(top.slice(0, 3)) });
    expect(await countUnread(db)).toBe(unreadBefore);
  });

  it('catches up once after the computer slept through the hour', async () => {
    const { clock, worker } = await setUp();

    clock.now = NINE + 4 * HOUR + 17 * MINUTE; // woke at 13:17: the 09:00 alarm never ran
    await worker.digest.check();
    const onWaking = digests();
    await dismissAll();
    await worker.digest.check();

    expect(onWaking.map((notification) => notification.title)).toEqual(["Today's top 5 on Daily Papers"]);
    expect(digests()).toEqual([]);
  });

  it('refreshes first when the cache is stale, so the digest has the latest papers', async () => {
    const { hf, clock, worker, db } = await setUp();
    const late = makeItem(TODAY, 20, { paper: { upvotes: 999, title: 'A Late Arrival Tops the Day' } });
    hf.feed.set(TODAY, [late, ...hf.feed.get(TODAY)!]);
    await updateStatus(db, (status) => ({ ...status, lastSuccessAt: EIGHT - 2 * HOUR }));

    clock.now = NINE;
    await worker.digest.check();

    expect(digests()[0]?.items?.[0]).toBe('A Late Arrival Tops the Day');
  });

  it('names the latest day with papers when today has none yet', async () => {
    const { hf, clock, worker } = await setUp();
    hf.feed.delete('2026-03-07');

    clock.now = NINE + 24 * HOUR; // Saturday 09:00: no papers on weekends
    await worker.digest.check();

    expect(digests().map(({ id, title }) => ({ id, title }))).toEqual([
      { id: 'paperboy:digest:day:2026-03-06', title: "Yesterday's top 5 on Daily Papers" },
    ]);
  });

  it('opens the digest page when clicked, marking nothing read', async () => {
    const { clock, worker, db } = await setUp();
    clock.now = NINE;
    await worker.digest.check();
    const unreadBefore = await countUnread(db);

    await worker.notificationClicked('paperboy:digest:day:2026-03-06');

    expect(await openedTabs()).toEqual(['chrome-extension://test-extension-id/digest.html?period=day:2026-03-06']);
    expect(digests()).toEqual([]);
    expect(await countUnread(db)).toBe(unreadBefore);
  });
});

describe('quiet hours and snooze', () => {
  const QUIET = { enabled: true, start: '08:30', end: '10:00' };

  it('shows no digest during quiet hours, and shows it once when they end', async () => {
    const { clock, worker } = await setUp(DAILY, { quietHours: QUIET });

    clock.now = NINE;
    await worker.digest.check();
    const whileQuiet = digests();
    const wake = await fakeBrowser.alarms.get(DIGEST_ALARM);
    clock.now = NINE + HOUR;
    await worker.digest.check();
    const afterQuiet = digests();
    await dismissAll();
    await worker.digest.check();

    expect(whileQuiet).toEqual([]);
    expect(wake?.scheduledTime).toBe(NINE + HOUR);
    expect(afterQuiet.map((notification) => notification.title)).toEqual(["Today's top 5 on Daily Papers"]);
    expect(digests()).toEqual([]);
  });

  it('holds the digest through a snooze and shows it once the snooze is lifted', async () => {
    const { clock, worker, change } = await setUp(DAILY, { snoozedUntil: NINE + 5 * HOUR });

    clock.now = NINE;
    await worker.digest.check();
    const whileSnoozed = digests();
    clock.now = NINE + 30 * MINUTE;
    change({ snoozedUntil: null });
    await worker.digest.check();

    expect(whileSnoozed).toEqual([]);
    expect(digests()).toHaveLength(1);
  });
});

describe('"digest only"', () => {
  it('shows no notification per refresh, loses no paper from the list, and still shows the digest', async () => {
    const { hf, today, clock, worker, db } = await setUp({ ...DAILY, only: true });
    const newcomers = [makeItem(TODAY, 8), makeItem(TODAY, 9)];
    hf.feed.set(TODAY, [...today, ...newcomers]);
    const unreadBefore = await countUnread(db);

    clock.now = EIGHT + 30 * MINUTE;
    await worker.refresh('alarm');
    const afterRefresh = shown();
    clock.now = NINE;
    await worker.digest.check();

    expect(afterRefresh).toEqual([]);
    expect((await getNotifyQueue(db)).ids).toEqual([]);
    expect(await countUnread(db)).toBe(unreadBefore + 2);
    expect(shown().map((notification) => notification.id)).toEqual(['paperboy:digest:day:2026-03-06']);
  });

  it('leaves the per-refresh notifications alone when off', async () => {
    const { hf, today, clock, worker } = await setUp();
    hf.feed.set(TODAY, [...today, makeItem(TODAY, 8)]);

    clock.now = EIGHT + 30 * MINUTE;
    await worker.refresh('alarm');

    expect(shown().map((notification) => notification.title)).toEqual(['1 new paper on Daily Papers']);
  });
});

describe('the weekly digest', () => {
  const WEEKLY: Partial<DigestSettings> = { weekly: { enabled: true, weekday: 1, time: '09:00' } };
  /** Monday 2026-03-09, 09:00 in New York (EDT since the day before: UTC-4). */
  const MONDAY_NINE = Date.parse('2026-03-09T13:00:00Z');

  it('covers the last complete ISO week through week=, top papers by upvotes across its days', async () => {
    const { hf, clock, worker } = await setUp(WEEKLY);
    const week = [...hf.feed.entries()].filter(([day]) => day >= '2026-03-02' && day <= '2026-03-08');
    const expected = byUpvotes(week.flatMap(([, items]) => items as ApiItem[])).slice(0, 5);
    const scheduled = await fakeBrowser.alarms.get(DIGEST_ALARM);

    clock.now = MONDAY_NINE;
    await worker.digest.check();

    expect(scheduled?.scheduledTime).toBe(MONDAY_NINE);
    expect(hf.urls.filter((url) => url.includes('week='))).toEqual([
      `${ENDPOINT}/api/daily_papers?week=2026-W10&limit=100&p=0`,
    ]);
    expect(digests()).toEqual([
      { id: 'paperboy:digest:week:2026-W10', title: "Last week's top 5 on Daily Papers", items: titlesOf(expected) },
    ]);
  });

  it('fires once per week, and from the cache when Hugging Face cannot be reached', async () => {
    const { hf, clock, worker } = await setUp(WEEKLY);
    hf.answerWith(() => Promise.reject(new TypeError('Failed to fetch')));

    clock.now = MONDAY_NINE + 2 * HOUR;
    await worker.digest.check();
    const first = digests();
    await dismissAll();
    clock.now = MONDAY_NINE + 2 * 24 * HOUR;
    await worker.digest.check();

    expect(first.map((notification) => notification.title)).toEqual(["Last week's top 5 on Daily Papers"]);
    expect(digests()).toEqual([]);
  });
});

describe('through the background entrypoint', () => {
  let hf: FakeHf;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(EIGHT);
    hf = createFakeHf();
    fillFeed(hf);
    vi.stubGlobal('fetch', withWeeks(hf));
    background.main();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function install(): Promise<void> {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('8'));
    await dismissAll();
  }

  it('schedules the digest when it is switched on and shows it when its alarm goes off', async () => {
    await install();

    await updateSettings({ digest: { ...DEFAULT_SETTINGS.digest, ...DAILY } });
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(DIGEST_ALARM))?.scheduledTime).toBe(NINE));
    vi.setSystemTime(NINE);
    await fakeBrowser.alarms.onAlarm.trigger({ name: DIGEST_ALARM, scheduledTime: NINE, persistAcrossSessions: true });

    await vi.waitFor(() =>
      expect(digests().map((notification) => notification.title)).toEqual(["Today's top 5 on Daily Papers"]),
    );
  });

  it('catches up at browser start on a digest missed while it was closed, once', async () => {
    await install();
    await updateSettings({ digest: { ...DEFAULT_SETTINGS.digest, ...DAILY } });
    const db = await openPaperboyDB();
    await vi.waitFor(async () => expect(await db.get('meta', 'digest-marks')).toMatchObject({ day: '2026-03-05' }));

    vi.setSystemTime(NINE + 3 * HOUR);
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(digests()).toHaveLength(1));
    await dismissAll();
    await fakeBrowser.alarms.onAlarm.trigger({ name: DIGEST_ALARM, scheduledTime: NINE, persistAcrossSessions: true });
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await db.get('meta', 'digest-marks')).toMatchObject({ day: '2026-03-06' }));

    expect(digests()).toEqual([]);
    db.close();
  });
});

describe('the digest page', () => {
  afterEach(cleanup);

  /** The page's client over the test's worker and database (what createPopupClient does over messaging). */
  function clientFor(worker: ReturnType<typeof createWorker>, currentSettings: () => Promise<Settings>): DigestClient {
    return {
      readPapersOfDays: async (from, to) => await readPapersOfDays(await openPaperboyDB(), from, to),
      send: async (request) => ({ ok: true, activity: await worker.handle(request) }),
      subscribe: () => () => undefined,
      getSettings: currentSettings,
      watchSettings: () => () => undefined,
      readSaved: async (ids) => await getSavedMany(await openPaperboyDB(), ids),
      readerUrl: (id) => `reader.html?id=${id}`,
    };
  }

  it('lists the week’s top papers from the cache, and marks one the feed never listed unread', async () => {
    const WEEKLY: Partial<DigestSettings> = { weekly: { enabled: true, weekday: 1, time: '09:00' }, topCount: 3 };
    const { hf, clock, worker, currentSettings, db } = await setUp(WEEKLY);
    const outsideFeed = makeItem('2026-03-03', 7, { paper: { upvotes: 5_000, title: 'Found Only Through week=' } });
    hf.feed.set('2026-03-03', [...hf.feed.get('2026-03-03')!, outsideFeed]);
    clock.now = Date.parse('2026-03-09T13:00:00Z');
    await worker.digest.check();
    const unreadBefore = await countUnread(db);

    render(
      h(DigestApp, {
        client: clientFor(worker, currentSettings),
        period: { kind: 'week', week: '2026-W10' },
        endpoint: ENDPOINT,
        clock: () => clock.now,
      }),
    );

    const list = await screen.findByRole('list', { name: 'Top papers' });
    const cards = within(list).getAllByRole('article');
    expect(cards).toHaveLength(3);
    expect(within(cards[0]!).getByRole('heading').textContent).toBe('Found Only Through week=');
    expect(cards[0]!.dataset.unread).toBe('false');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Last week's top 3 on Daily Papers");

    const id = cards[0]!.dataset.paperId!;
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Mark as unread' }));

    await waitFor(async () => expect(await readUnreadIds(db, [id])).toEqual(new Set([id])));
    expect(cards[0]!.dataset.unread).toBe('true');
    // No cached day lists it, so the badge does not count it: nothing in the list could clear it.
    expect(await countUnread(db)).toBe(unreadBefore);
  });

  it('saves a paper from the digest for offline reading, and removes it with Undo', async () => {
    const { clock, worker, currentSettings, db } = await setUp();

    render(
      h(DigestApp, {
        client: clientFor(worker, currentSettings),
        period: { kind: 'day', day: TODAY },
        endpoint: ENDPOINT,
        clock: () => clock.now,
      }),
    );
    const list = await screen.findByRole('list', { name: 'Top papers' });
    const first = within(list).getAllByRole('article')[0]!;
    const id = first.dataset.paperId!;

    fireEvent.click(within(first).getByRole('button', { name: 'Save for offline' }));

    await waitFor(async () => expect((await db.get('saved', id))?.removedAt).toBeNull());
    const remove = await within(first).findByRole('button', { name: 'Saved — remove' });
    fireEvent.click(remove);
    await waitFor(async () => expect((await db.get('saved', id))?.removedAt).not.toBeNull());
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await db.get('saved', id))?.removedAt).toBeNull());
    // The card follows once it has read the record again: stored first, then drawn.
    expect(await within(first).findByRole('button', { name: 'Saved — remove' })).toBeTruthy();
  });
});
