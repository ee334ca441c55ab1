import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPaperboyDB } from '@/lib/store/database';
import { LIST_PAGE_PACE_MS } from '@/lib/platform/hf-lists';
import { createWorker } from '@/lib/services/worker';
import { isoWeekOf } from '@/lib/calendar';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeDay, makeItem, type ApiItem } from '../fixtures/feed.mjs';
import { jsonResponse } from '../fixtures/hf-stub';
import { countUnread, getDay, getStatus, readDay, readPapersOfDays } from '@/lib/store/feed';

// The worker's week and month loads (`load-week`, `load-month`): fetched through `week=` and
// `month=` with pagination, stored like a day browsed back, over fake-indexeddb with HF answered
// from fixtures.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26'; // a Thursday, in 2026-W48
const NOW = Date.parse(`${TODAY}T16:00:00Z`);
const LAST_WEEK = '2026-W47'; // Nov 16 – Nov 22
const MINUTE = 60_000;

/** The feed by day; `week=` and `month=` answer the days they cover, most upvoted first, paginated. */
const feed = new Map<string, ApiItem[]>();
const urls: string[] = [];
/** When set, answers instead of the feed (null from it: the feed answers after all). */
let answer: ((url: URL) => Response | null) | null = null;

function stubFetch(input: string): Promise<Response> {
  urls.push(input);
  const url = new URL(input);
  const special = answer?.(url) ?? null;
  if (special !== null) return Promise.resolve(special);
  const day = url.searchParams.get('date');
  if (day !== null) return Promise.resolve(jsonResponse(feed.get(day) ?? []));
  const week = url.searchParams.get('week');
  const month = url.searchParams.get('month');
  const items = [...feed.entries()]
    .filter(([listed]) => (week !== null ? isoWeekOf(listed) === week : listed.startsWith(`${month}-`)))
    .flatMap(([, list]) => list)
    .sort((a, b) => b.paper.upvotes - a.paper.upvotes);
  const limit = Number(url.searchParams.get('limit') ?? '50');
  const page = Number(url.searchParams.get('p') ?? '0');
  return Promise.resolve(jsonResponse(items.slice(page * limit, (page + 1) * limit)));
}

/** The pauses the worker asked for between pages: how long, and after how many calls. */
const pauses: { ms: number; afterCalls: number }[] = [];

const calls = (name: 'week' | 'month' | 'date'): URL[] =>
  urls.map((url) => new URL(url)).filter((url) => url.searchParams.has(name));

function setUp() {
  const clock = { now: NOW };
  const worker = createWorker({
    endpoint: ENDPOINT,
    fetch: stubFetch as typeof fetch,
    now: () => clock.now,
    settings: () => Promise.resolve({ ...DEFAULT_SETTINGS }),
    sleep: (ms) => {
      pauses.push({ ms, afterCalls: urls.length });
      return Promise.resolve();
    },
  });
  return { clock, worker };
}

/** The first refresh after install: today is the install day. */
async function install(worker: ReturnType<typeof createWorker>): Promise<void> {
  feed.set(TODAY, makeDay(TODAY, 2));
  await worker.refresh('install');
  urls.length = 0;
}

beforeEach(() => {
  feed.clear();
  urls.length = 0;
  pauses.length = 0;
  answer = null;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('load-week', () => {
  it('stores every day of the week with its papers, as read history', async () => {
    const { worker } = setUp();
    await install(worker);
    feed.set('2026-11-16', makeDay('2026-11-16', 3));
    feed.set('2026-11-18', makeDay('2026-11-18', 4));
    const unreadBefore = await countUnread(await openPaperboyDB());

    const activity = await worker.handle({ type: 'load-week', week: LAST_WEEK });

    const db = await openPaperboyDB();
    expect(calls('week').map((url) => url.searchParams.get('week'))).toEqual([LAST_WEEK]);
    expect(calls('date')).toEqual([]);
    expect((await getDay(db, '2026-11-16'))?.ids).toEqual(makeDay('2026-11-16', 3).map((item) => item.paper.id));
    const wednesday = await readDay(db, '2026-11-18');
    expect(wednesday.papers.map((paper) => paper.feedDay)).toEqual(Array(4).fill('2026-11-18'));
    // Days before the install day are history: nothing new is unread.
    expect([...wednesday.states.values()].every((state) => state.unread === 0)).toBe(true);
    expect(await countUnread(db)).toBe(unreadBefore);
    expect(activity.loadingDays).toEqual([]);
    expect(activity.dayFailures).toEqual({});
  });

  it('makes new papers of the install day on unread, like a day loaded on demand', async () => {
    const { worker } = setUp();
    await install(worker);
    const late = makeItem(TODAY, 5, { paper: { title: 'Arrived After The Refresh' } });
    feed.set(TODAY, [...makeDay(TODAY, 2), late]);
    feed.set('2026-11-24', makeDay('2026-11-24', 2));

    await worker.handle({ type: 'load-week', week: isoWeekOf(TODAY) });

    const db = await openPaperboyDB();
    const today = await readDay(db, TODAY);
    expect(today.papers.map((paper) => paper.id)).toContain(late.paper.id);
    expect(today.states.get(late.paper.id)?.unread).toBe(1);
    const tuesday = await readDay(db, '2026-11-24');
    expect([...tuesday.states.values()].map((state) => state.unread)).toEqual([0, 0]);
  });

  it('never shrinks a cached day whose list is longer than the week’s answer', async () => {
    const { worker } = setUp();
    await install(worker);
    feed.set('2026-11-17', makeDay('2026-11-17', 5));
    await worker.handle({ type: 'load-day', day: '2026-11-17' });
    const cached = (await getDay(await openPaperboyDB(), '2026-11-17'))!.ids;
    // The week's answer lacks three of the day's papers and brings one new.
    const extra = makeItem('2026-11-17', 9);
    feed.set('2026-11-17', [...makeDay('2026-11-17', 2), extra]);

    await worker.handle({ type: 'load-week', week: LAST_WEEK });

    const actual = (await getDay(await openPaperboyDB(), '2026-11-17'))!.ids;
    expect(actual).toEqual([...cached, extra.paper.id]);
  });

  it('reports a 429 as a failure of that week, and waits for the window before calling again', async () => {
    const { clock, worker } = setUp();
    await install(worker);
    answer = () => new Response('{}', { status: 429, headers: { RateLimit: '"api";r=0;t=120' } });

    const activity = await worker.handle({ type: 'load-week', week: LAST_WEEK });

    expect(activity.dayFailures[LAST_WEEK]).toMatchObject({ kind: 'rate-limited' });
    const status = await getStatus(await openPaperboyDB());
    expect(status.nextAllowedAt).toBeGreaterThan(clock.now);
    answer = null;
    urls.length = 0;
    const again = await worker.handle({ type: 'load-week', week: LAST_WEEK });
    expect(urls).toEqual([]);
    expect(again.dayFailures[LAST_WEEK]).toMatchObject({ kind: 'rate-limited' });

    clock.now += 3 * MINUTE;
    feed.set('2026-11-19', makeDay('2026-11-19', 2));
    const after = await worker.handle({ type: 'load-week', week: LAST_WEEK });
    expect(after.dayFailures[LAST_WEEK]).toBeUndefined();
    expect((await getDay(await openPaperboyDB(), '2026-11-19'))?.ids).toHaveLength(2);
  });

  it('keeps the cache as it was when offline', async () => {
    const { worker } = setUp();
    await install(worker);
    feed.set('2026-11-20', makeDay('2026-11-20', 3));
    await worker.handle({ type: 'load-day', day: '2026-11-20' });
    answer = () => {
      throw new TypeError('Failed to fetch');
    };

    const activity = await worker.handle({ type: 'load-week', week: LAST_WEEK });

    expect(activity.dayFailures[LAST_WEEK]).toMatchObject({ kind: 'offline' });
    const cached = await readPapersOfDays(await openPaperboyDB(), '2026-11-16', '2026-11-22');
    expect(cached.papers).toHaveLength(3);
  });

  it('fetches a week that ended only once, and the current week again after a while', async () => {
    const { clock, worker } = setUp();
    await install(worker);
    feed.set('2026-11-18', makeDay('2026-11-18', 2));

    await worker.handle({ type: 'load-week', week: LAST_WEEK });
    await worker.handle({ type: 'load-week', week: LAST_WEEK });
    await worker.handle({ type: 'load-week', week: isoWeekOf(TODAY) });
    await worker.handle({ type: 'load-week', week: isoWeekOf(TODAY) });
    clock.now += 20 * MINUTE;
    await worker.handle({ type: 'load-week', week: isoWeekOf(TODAY) });

    expect(calls('week').map((url) => url.searchParams.get('week'))).toEqual([LAST_WEEK, '2026-W48', '2026-W48']);
  });

  it('ignores a week that does not exist', async () => {
    const { worker } = setUp();

    await worker.loadPeriod({ week: '2025-W53' });

    expect(urls).toEqual([]);
  });
});

describe('load-month', () => {
  it('follows the pages of a month until a short one and stores every day', async () => {
    const { worker } = setUp();
    await install(worker);
    // 250 papers over five October days: three pages of 100.
    const days = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'];
    for (const day of days) feed.set(day, makeDay(day, 50));

    const activity = await worker.handle({ type: 'load-month', month: '2026-10' });

    const pages = calls('month');
    expect(pages.map((url) => [url.searchParams.get('month'), url.searchParams.get('p')])).toEqual([
      ['2026-10', '0'],
      ['2026-10', '1'],
      ['2026-10', '2'],
    ]);
    expect(pages.every((url) => url.searchParams.get('limit') === '100')).toBe(true);
    const db = await openPaperboyDB();
    for (const day of days) expect((await getDay(db, day))?.ids).toHaveLength(50);
    const month = await readPapersOfDays(db, '2026-10-01', '2026-10-31');
    expect(month.papers).toHaveLength(250);
    expect(activity.dayFailures).toEqual({});
  });

  it('pauses politely between the pages of a month, never before the first', async () => {
    const { worker } = setUp();
    await install(worker);
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07']) feed.set(day, makeDay(day, 80));

    await worker.handle({ type: 'load-month', month: '2026-10' });

    expect(calls('month')).toHaveLength(3);
    expect(pauses).toEqual([
      { ms: LIST_PAGE_PACE_MS, afterCalls: 1 },
      { ms: LIST_PAGE_PACE_MS, afterCalls: 2 },
    ]);
    expect(LIST_PAGE_PACE_MS).toBeGreaterThanOrEqual(250);
  });

  it('stops at a 429 on a later page, stores nothing and waits for the window', async () => {
    const { clock, worker } = setUp();
    await install(worker);
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07']) feed.set(day, makeDay(day, 80));
    answer = (url) =>
      url.searchParams.get('p') === '1'
        ? new Response('{}', { status: 429, headers: { RateLimit: '"api";r=0;t=120' } })
        : null;

    const activity = await worker.handle({ type: 'load-month', month: '2026-10' });

    expect(calls('month').map((url) => url.searchParams.get('p'))).toEqual(['0', '1']);
    expect(activity.dayFailures['2026-10']).toMatchObject({ kind: 'rate-limited' });
    expect(await getDay(await openPaperboyDB(), '2026-10-05')).toBeUndefined();
    expect((await getStatus(await openPaperboyDB())).nextAllowedAt).toBeGreaterThan(clock.now);
  });

  it('stores nothing when a later page fails, and says why under the month', async () => {
    const { worker } = setUp();
    await install(worker);
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07']) feed.set(day, makeDay(day, 50));
    answer = (url) => (url.searchParams.get('p') === '1' ? new Response('oops', { status: 503 }) : null);

    const activity = await worker.handle({ type: 'load-month', month: '2026-10' });

    expect(activity.dayFailures['2026-10']).toMatchObject({ kind: 'server', status: 503 });
    expect(await getDay(await openPaperboyDB(), '2026-10-05')).toBeUndefined();
  });

  it('ignores a month that does not exist', async () => {
    const { worker } = setUp();

    await worker.loadPeriod({ month: '2026-13' });

    expect(urls).toEqual([]);
  });
});
