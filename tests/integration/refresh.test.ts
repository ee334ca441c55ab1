import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StorageFailure } from '@/lib/failure';
import { storageFailureOf, openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { fetchDay } from '@/lib/platform/hf-client';
import { createWorker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import { runRefresh, type DayFetch, type RefreshStore } from '@/lib/refresh';
import { makeDay } from '../fixtures/feed.mjs';
import { createFakeHf, jsonResponse, offline, type FakeHf } from '../fixtures/hf-stub';
import { commitRefresh, countUnread, getStatus, updateStatus, readDay } from '@/lib/store/feed';

const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06'; // a Friday
const NOW = Date.parse('2026-03-06T15:00:00Z'); // 10:00 in New York
const MINUTE = 60_000;
const FIRST_RUN_DAYS = [
  '2026-02-27',
  '2026-02-28',
  '2026-03-01',
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
];

beforeEach(() => {
  // Failures are logged once, with a prefix; keep the expected ones out of the test output.
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

/** Papers on every weekday from `from` through `to` (3 a day, `todayCount` on `to`); weekends empty. */
function fillFeed(hf: FakeHf, from: string, to: string, todayCount = 5): void {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!isWeekend(day)) hf.feed.set(day, makeDay(day, day === to ? todayCount : 3));
  }
}

function idsOf(day: string, count: number): string[] {
  return makeDay(day, count).map((item) => item.paper.id);
}

/** A worker over a fresh database, a stubbed Hugging Face and a clock the test moves. */
async function setUp(start = NOW) {
  const hf = createFakeHf();
  const clock = { now: start };
  const worker = createWorker({ endpoint: ENDPOINT, fetch: hf.fetch, now: () => clock.now });
  const db = await openPaperboyDB();
  return { hf, clock, worker, db };
}

async function badge(): Promise<{ text: string; title: string }> {
  return { text: await fakeBrowser.action.getBadgeText({}), title: await fakeBrowser.action.getTitle({}) };
}

/** Every cached record, to compare the cache before and after. */
async function cache(db: PaperboyDB) {
  return { papers: await db.getAll('papers'), days: await db.getAll('days'), states: await db.getAll('states') };
}

async function markAllRead(worker: ReturnType<typeof createWorker>, db: PaperboyDB): Promise<void> {
  const ids = (await db.getAll('states')).map((state) => state.id);
  await worker.handle({ type: 'set-unread', ids, unread: false });
}

function storeOver(db: PaperboyDB): RefreshStore {
  return {
    getStatus: () => getStatus(db),
    updateStatus: (update) => updateStatus(db, update),
    commit: (input) => commitRefresh(db, input),
  };
}

describe('the first refresh after install', () => {
  it('fetches eight days and makes only the latest day unread', async () => {
    const { hf, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);

    const outcome = await worker.refresh('install');

    expect(outcome).toMatchObject({ kind: 'done', newUnreadIds: idsOf(TODAY, 5) });
    expect([...hf.days].sort()).toEqual(FIRST_RUN_DAYS);
    expect(await countUnread(db)).toBe(5);
    expect([...(await readDay(db, '2026-03-05')).states.values()].map((state) => state.unread)).toEqual([0, 0, 0]);
    expect(await badge()).toEqual({ text: '5', title: 'Paperboy: 5 unread papers · updated just now' });
    expect(await getStatus(db)).toMatchObject({
      installDay: TODAY,
      installedAt: NOW,
      lastSuccessAt: NOW,
      lastFetchedDay: TODAY,
      lastFailure: null,
    });
  });

  it('makes Friday unread when installed on a Monday morning before any paper', async () => {
    const monday = Date.parse('2026-03-09T12:00:00Z'); // 08:00 in New York
    const { hf, worker, db } = await setUp(monday);
    fillFeed(hf, '2026-03-02', '2026-03-06', 4);

    await worker.refresh('install');

    expect(await countUnread(db)).toBe(4);
    expect(await badge()).toMatchObject({ text: '4' });
    expect((await readDay(db, '2026-03-06')).states.get(idsOf('2026-03-06', 1)[0]!)?.unread).toBe(1);
    expect((await readDay(db, '2026-03-09')).record?.ids).toEqual([]);
    expect(await getStatus(db)).toMatchObject({ installDay: '2026-03-09', lastFetchedDay: '2026-03-09' });
  });

  it('reports progress for each of the eight days', async () => {
    const db = await openPaperboyDB();
    const hf = createFakeHf();
    const fetchOne: DayFetch = (day) => fetchDay(day, { endpoint: ENDPOINT, fetch: hf.fetch });
    const progress: string[] = [];

    await runRefresh(
      {
        store: storeOver(db),
        fetchDay: fetchOne,
        now: () => NOW,
        onProgress: (done, total) => progress.push(`${done}/${total}`),
      },
      'install',
    );

    expect(progress).toEqual(['0/8', '1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
  });
});

describe('later refreshes', () => {
  it('fetches only today and makes only the papers that are new unread', async () => {
    const { hf, clock, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    await markAllRead(worker, db);
    hf.days.length = 0;
    hf.feed.set(TODAY, makeDay(TODAY, 7));
    clock.now = NOW + 30 * MINUTE;

    const outcome = await worker.refresh('alarm');

    expect(hf.days).toEqual([TODAY]);
    expect(outcome).toMatchObject({
      kind: 'done',
      newIds: idsOf(TODAY, 7).slice(5),
      newUnreadIds: idsOf(TODAY, 7).slice(5),
    });
    expect(await countUnread(db)).toBe(2);
    expect(await badge()).toEqual({ text: '2', title: 'Paperboy: 2 unread papers · updated just now' });
  });

  it('catches up on every day missed while the browser was offline', async () => {
    const monday = Date.parse('2026-03-02T15:00:00Z');
    const { hf, clock, worker, db } = await setUp(monday);
    hf.feed.set('2026-03-02', makeDay('2026-03-02', 5));
    await worker.refresh('install');
    await markAllRead(worker, db);
    clock.now = monday + 24 * 60 * MINUTE;
    hf.answerWith(offline);
    await worker.refresh('alarm');
    hf.answerWith(null);
    hf.days.length = 0;
    hf.feed.set('2026-03-02', makeDay('2026-03-02', 6));
    hf.feed.set('2026-03-03', makeDay('2026-03-03', 3));
    hf.feed.set('2026-03-04', makeDay('2026-03-04', 4));
    hf.feed.set('2026-03-05', makeDay('2026-03-05', 2));
    clock.now = Date.parse('2026-03-05T15:00:00Z');

    const outcome = await worker.refresh('startup');

    expect([...hf.days].sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    expect(outcome).toMatchObject({ kind: 'done' });
    expect(await countUnread(db)).toBe(1 + 3 + 4 + 2);
    expect(await badge()).toMatchObject({ text: '10' });
    expect(await getStatus(db)).toMatchObject({
      lastFetchedDay: '2026-03-05',
      lastFailure: null,
      consecutiveFailures: 0,
    });
  });
});

describe('a failed refresh', () => {
  it.each([
    [
      'HTTP 500',
      () => new Response('Internal Server Error', { status: 500 }),
      'Hugging Face is having trouble (HTTP 500)',
    ],
    ['offline', offline, 'Could not reach Hugging Face (offline?)'],
  ])(
    'keeps the cache, the badge and the last success, and the tooltip says what failed (%s)',
    async (_case, answer, said) => {
      const { hf, clock, worker, db } = await setUp();
      fillFeed(hf, '2026-02-27', TODAY, 5);
      await worker.refresh('install');
      const before = await cache(db);
      hf.feed.set(TODAY, makeDay(TODAY, 8));
      hf.answerWith(answer);
      clock.now = NOW + 30 * MINUTE;

      const outcome = await worker.refresh('alarm');

      expect(outcome).toMatchObject({ kind: 'failed' });
      expect(await cache(db)).toEqual(before);
      expect(await badge()).toEqual({
        text: '5',
        title: `Paperboy: 5 unread papers · updated 30 min ago · last refresh failed: ${said}`,
      });
      expect(await getStatus(db)).toMatchObject({ lastSuccessAt: NOW, lastFetchedDay: TODAY, consecutiveFailures: 1 });
      expect(console.warn).toHaveBeenCalledExactlyOnceWith('[paperboy] refresh (alarm) failed:', expect.anything());
    },
  );

  it('stores nothing when one of the eight days fails', async () => {
    const { hf, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    hf.answerWith((day) =>
      day === '2026-03-03' ? new Response('', { status: 502 }) : jsonResponse(hf.feed.get(day) ?? []),
    );

    const outcome = await worker.refresh('install');

    expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'server', status: 502 } });
    expect(await cache(db)).toEqual({ papers: [], days: [], states: [] });
    expect(await getStatus(db)).toMatchObject({ installDay: null, lastSuccessAt: null, lastFetchedDay: null });
    expect(await badge()).toMatchObject({ text: '' });
  });

  it('clears the failure from the tooltip once a refresh succeeds again', async () => {
    const { hf, clock, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    hf.answerWith(offline);
    clock.now = NOW + 30 * MINUTE;
    await worker.refresh('alarm');
    hf.answerWith(null);
    clock.now = NOW + 32 * MINUTE;

    await worker.refresh('alarm');

    expect(await badge()).toEqual({ text: '5', title: 'Paperboy: 5 unread papers · updated just now' });
  });

  it('records a storage failure as quota when the browser is out of space, and keeps the cache', async () => {
    const db = await openPaperboyDB();
    const hf = createFakeHf();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    const fetchOne: DayFetch = (day) => fetchDay(day, { endpoint: ENDPOINT, fetch: hf.fetch });
    const full: RefreshStore = {
      ...storeOver(db),
      // How the store reports a write the browser refused for lack of space (lib/store/database.ts `write`).
      commit: () => {
        const cause = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return Promise.reject(new StorageFailure(storageFailureOf(cause), { cause }));
      },
    };

    const outcome = await runRefresh({ store: full, fetchDay: fetchOne, now: () => NOW }, 'install');

    expect(outcome).toEqual({ kind: 'failed', failure: { kind: 'quota', detail: 'QuotaExceededError' } });
    expect(await cache(db)).toEqual({ papers: [], days: [], states: [] });
    expect(await getStatus(db)).toMatchObject({ lastSuccessAt: null, lastFailure: { kind: 'quota', at: NOW } });
  });
});

describe('rate limits and back-off', () => {
  const rateLimited = (seconds: number) => () =>
    new Response('Too Many Requests', { status: 429, headers: { RateLimit: `"api";r=0;t=${seconds}` } });

  it('defers every call, even a click on Refresh, until the rate-limit window ends', async () => {
    const { hf, clock, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    const limitedAt = NOW + 30 * MINUTE;
    clock.now = limitedAt;
    hf.answerWith(rateLimited(120));
    await worker.refresh('alarm');
    hf.answerWith(null);
    const callsBefore = hf.days.length;
    const windowEnds = limitedAt + 121_000;

    clock.now = limitedAt + 60_000;
    const deferred = [
      await worker.refresh('alarm'),
      await worker.refresh('startup'),
      await worker.refresh('popup'),
      await worker.refresh('manual'),
    ];
    const afterClick = await worker.handle({ type: 'refresh' });
    const afterLoadDay = await worker.handle({ type: 'load-day', day: '2026-02-20' });
    clock.now = windowEnds - 1;
    const lastMoment = await worker.refresh('manual');
    const callsDuringWindow = hf.days.length - callsBefore;
    clock.now = windowEnds;
    const afterWindow = await worker.refresh('manual');

    expect(deferred).toEqual(Array(4).fill({ kind: 'deferred', until: windowEnds }));
    expect(afterClick.status.nextAllowedAt).toBe(windowEnds);
    expect(afterLoadDay.dayFailures['2026-02-20']).toEqual({ kind: 'rate-limited', retryAt: windowEnds });
    expect(lastMoment).toEqual({ kind: 'deferred', until: windowEnds });
    expect(callsDuringWindow).toBe(0);
    expect(afterWindow).toMatchObject({ kind: 'done' });
    expect(hf.days.length - callsBefore).toBe(1);
  });

  it('says in the tooltip when the rate-limited refresh will be retried', async () => {
    const { hf, clock, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    clock.now = NOW + 30 * MINUTE;
    hf.answerWith(rateLimited(59));

    await worker.refresh('alarm');

    expect(await badge()).toEqual({
      text: '5',
      title:
        'Paperboy: 5 unread papers · updated 30 min ago · last refresh failed: Hugging Face asked us to slow down; retrying in 60 s',
    });
  });

  it('backs off automatic refreshes after repeated failures but lets a click through', async () => {
    const { hf, clock, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    hf.answerWith(() => new Response('', { status: 503 }));
    clock.now = NOW + 30 * MINUTE;
    await worker.refresh('alarm'); // 1st failure: 1 min back-off
    clock.now += MINUTE;
    await worker.refresh('alarm'); // 2nd: 2 min
    clock.now += 2 * MINUTE;
    await worker.refresh('alarm'); // 3rd: 4 min
    const thirdFailureAt = clock.now;
    hf.answerWith(null);
    const callsBefore = hf.days.length;
    clock.now = thirdFailureAt + MINUTE;

    const automatic = [await worker.refresh('alarm'), await worker.refresh('popup'), await worker.refresh('startup')];
    const callsWhileBackingOff = hf.days.length - callsBefore;
    const clicked = await worker.refresh('manual');

    expect(automatic).toEqual(Array(3).fill({ kind: 'deferred', until: thirdFailureAt + 4 * MINUTE }));
    expect(callsWhileBackingOff).toBe(0);
    expect(clicked).toMatchObject({ kind: 'done' });
    expect(await getStatus(db)).toMatchObject({ consecutiveFailures: 0, nextAllowedAt: null, lastFailure: null });
  });

  it('lets a click through once a rate-limit window is over, even while the back-off still runs', async () => {
    const { hf, clock, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    hf.answerWith(() => new Response('', { status: 503 }));
    clock.now = NOW + 30 * MINUTE;
    await worker.refresh('alarm'); // back-off 1 min
    clock.now += MINUTE;
    await worker.refresh('alarm'); // 2 min
    clock.now += 2 * MINUTE;
    await worker.refresh('alarm'); // 4 min
    clock.now += 4 * MINUTE;
    hf.answerWith(rateLimited(30)); // 4th failure in a row: the server asks for 31 s, back-off says 8 min
    await worker.refresh('alarm');
    const limitedAt = clock.now;
    hf.answerWith(null);

    clock.now = limitedAt + 31_000;
    const automatic = await worker.refresh('alarm');
    const clicked = await worker.refresh('manual');

    expect(automatic).toEqual({ kind: 'deferred', until: limitedAt + 8 * MINUTE });
    expect(clicked).toMatchObject({ kind: 'done' });
  });
});

describe('the worker', () => {
  it('shares one run between concurrent refresh calls', async () => {
    const { hf, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hf.answerWith(async (day) => {
      await gate;
      return jsonResponse(hf.feed.get(day) ?? []);
    });

    const first = worker.refresh('install');
    const second = worker.refresh('alarm');
    const clicked = worker.handle({ type: 'refresh' });
    const during = await worker.handle({ type: 'get-activity' });
    release();
    const [outcome] = await Promise.all([first, clicked]);

    expect(second).toBe(first);
    expect(during.refreshing).toBe(true);
    expect(outcome).toMatchObject({ kind: 'done' });
    expect([...hf.days].sort()).toEqual(FIRST_RUN_DAYS);
    expect((await worker.handle({ type: 'get-activity' })).refreshing).toBe(false);
  });

  it('redraws the badge when papers are marked read or unread', async () => {
    const { hf, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    const [a, b, c] = idsOf(TODAY, 3);

    const afterReading = await worker.handle({ type: 'set-unread', ids: [a!, b!, c!], unread: false });
    const badgeAfterReading = await badge();
    const afterUnreading = await worker.handle({ type: 'set-unread', ids: [b!], unread: true });

    expect(afterReading.unread).toBe(2);
    expect(badgeAfterReading).toEqual({ text: '2', title: 'Paperboy: 2 unread papers · updated just now' });
    expect(afterUnreading.unread).toBe(3);
    expect(await badge()).toMatchObject({ text: '3' });
  });

  it('stores a day loaded from before the install as read, leaving the catch-up alone', async () => {
    const { hf, clock, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    const statusBefore = await getStatus(db);
    hf.feed.set('2026-02-20', makeDay('2026-02-20', 4));
    hf.days.length = 0;
    clock.now = NOW + 5 * MINUTE;

    const activity = await worker.handle({ type: 'load-day', day: '2026-02-20' });

    const loaded = await readDay(db, '2026-02-20');
    expect(hf.days).toEqual(['2026-02-20']);
    expect(loaded.papers.map((paper) => paper.id)).toEqual(idsOf('2026-02-20', 4));
    expect([...loaded.states.values()].map((state) => state.unread)).toEqual([0, 0, 0, 0]);
    expect(activity.unread).toBe(5);
    expect(await badge()).toMatchObject({ text: '5' });
    expect(await getStatus(db)).toMatchObject({
      lastSuccessAt: statusBefore.lastSuccessAt,
      lastFetchedDay: statusBefore.lastFetchedDay,
    });
  });

  it('records a failed day load for the popup without touching the catch-up’s status', async () => {
    const { hf, worker, db } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    const statusBefore = await getStatus(db);
    hf.answerWith(() => new Response('', { status: 500 }));

    const activity = await worker.handle({ type: 'load-day', day: '2026-02-20' });

    expect(activity.dayFailures['2026-02-20']).toMatchObject({ kind: 'server', status: 500 });
    expect(activity.loadingDays).toEqual([]);
    // The scheduled refresh neither backs off nor reports a failure because of a history day.
    expect(await getStatus(db)).toEqual(statusBefore);
    expect(await badge()).toEqual({ text: '5', title: 'Paperboy: 5 unread papers · updated just now' });
  });

  it('stores a day loaded before the first refresh finished as read, not as a first run', async () => {
    const { hf, worker, db } = await setUp();
    hf.feed.set('2026-02-20', makeDay('2026-02-20', 3));

    await worker.handle({ type: 'load-day', day: '2026-02-20' });

    const loaded = await readDay(db, '2026-02-20');
    expect([...loaded.states.values()].map((state) => state.unread)).toEqual([0, 0, 0]);
    expect(await getStatus(db)).toMatchObject({ installDay: null, lastSuccessAt: null });
  });

  it('does not fetch a day that is not a calendar day', async () => {
    const { hf, worker } = await setUp();

    await worker.handle({ type: 'load-day', day: '2026-02-30' });

    expect(hf.days).toEqual([]);
  });

  it('refreshes when the popup opens on a stale cache, not on a fresh one', async () => {
    const { hf, clock, worker } = await setUp();
    fillFeed(hf, '2026-02-27', TODAY, 5);
    await worker.refresh('install');
    hf.days.length = 0;

    clock.now = NOW + 30_000;
    await worker.handle({ type: 'popup-opened' });
    const callsWhenFresh = hf.days.length;
    clock.now = NOW + 2 * MINUTE;
    const activity = await worker.handle({ type: 'popup-opened' });
    await worker.refresh('popup'); // joins the refresh the popup started

    expect(callsWhenFresh).toBe(0);
    expect(activity.refreshing).toBe(true);
    expect(hf.days).toEqual([TODAY]);
  });
});
