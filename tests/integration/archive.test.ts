import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ARCHIVE_PACE_MS, type ArchiveProgress } from '@/lib/archive';
import {
  createArchiveRunner,
  fetchArchivePage,
  getArchiveProgress,
  indexBacklogLimit,
  storeArchiveMonth,
  type ArchiveRunnerOptions,
} from '@/lib/services/archive';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { createSearchIndexer } from '@/lib/services/search-index';
import { createSearchService } from '@/lib/clients/search';
import { getSearchIndexRecord } from '@/lib/store/search-index';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import type { Paper } from '@/lib/types';
import { makeItem } from '../fixtures/feed.mjs';
import { jsonResponse } from '../fixtures/hf-stub';
import { commitRefresh, countUnread, getDay, getStatus } from '@/lib/store/feed';

// The archive runner over fake-indexeddb, the real HTTP client, and a fake HF that serves
// `month=` lists page by page. The clock is ours: sleeping moves it.
const START = Date.parse('2023-08-15T15:00:00Z'); // months 2023-05 … 2023-08
const ENDPOINT = 'https://hf.test';

/** Papers per month in the fake feed: 2023-05 needs three pages, 2023-06 exactly one full page. */
const MONTH_SIZES: Record<string, number> = { '2023-05': 250, '2023-06': 100, '2023-07': 0, '2023-08': 30 };

function monthItems(month: string, count: number): unknown[] {
  // Spread over the month's weekdays, 10 a day: ids are unique per (day, index).
  const items: unknown[] = [];
  for (let n = 0; n < count; n += 1) {
    const day = `${month}-${String(4 + Math.floor(n / 10)).padStart(2, '0')}`;
    items.push(makeItem(day, n % 10));
  }
  return items;
}

const feed = new Map(Object.entries(MONTH_SIZES).map(([month, count]) => [month, monthItems(month, count)]));

interface Harness {
  db: PaperboyDB;
  clock: { now: number };
  calls: { month: string; page: number; at: number }[];
  wakes: (number | null)[];
  /** Answers a call instead of the feed when it returns a Response. */
  intercept: ((month: string, page: number) => Response | Promise<Response> | undefined) | null;
  runner: (overrides?: Partial<ArchiveRunnerOptions>) => ReturnType<typeof createArchiveRunner>;
}

let h: Harness;

beforeEach(async () => {
  const db = await openPaperboyDB();
  const clock = { now: START };
  const calls: Harness['calls'] = [];
  const wakes: Harness['wakes'] = [];
  const fakeFetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const month = url.searchParams.get('month') ?? '';
    const page = Number(url.searchParams.get('p'));
    const limit = Number(url.searchParams.get('limit'));
    calls.push({ month, page, at: clock.now });
    const answer = h.intercept?.(month, page);
    if (answer !== undefined) return await answer;
    return jsonResponse((feed.get(month) ?? []).slice(page * limit, (page + 1) * limit));
  };
  h = {
    db,
    clock,
    calls,
    wakes,
    intercept: null,
    runner: (overrides = {}) =>
      createArchiveRunner({
        db: () => Promise.resolve(db),
        fetchPage: (month, page) =>
          fetchArchivePage(month, page, { endpoint: ENDPOINT, fetch: fakeFetch, now: () => clock.now }),
        now: () => clock.now,
        sleep: (ms) => {
          clock.now += ms;
          return Promise.resolve();
        },
        wakeAt: (at) => {
          wakes.push(at);
          return Promise.resolve();
        },
        ...overrides,
      }),
  };
});

async function storedIds(): Promise<string[]> {
  return (await h.db.getAllKeys('papers')).map(String);
}

/** The papers of API items, as the client parses them. */
function parsed(items: unknown[]): Paper[] {
  const result = parseDailyPapers(items);
  if (!result.ok) throw new Error('fixture items did not parse');
  return result.papers;
}

function expectedIds(months: string[]): string[] {
  return months
    .flatMap((month) => parsed(feed.get(month)!))
    .map((paper) => paper.id)
    .sort();
}

describe('the archive download', () => {
  it('fetches every month page by page at a polite pace and stores it all as read history', async () => {
    const runner = h.runner();

    await runner.start();
    await runner.idle();

    expect(h.calls.map(({ month, page }) => `${month}/${page}`)).toEqual([
      '2023-05/0',
      '2023-05/1',
      '2023-05/2',
      '2023-06/0',
      '2023-06/1',
      '2023-07/0',
      '2023-08/0',
    ]);
    const gaps = h.calls.slice(1).map((call, index) => call.at - h.calls[index]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(ARCHIVE_PACE_MS);
    expect((await storedIds()).sort()).toEqual(expectedIds(['2023-05', '2023-06', '2023-08']));
    expect(await countUnread(h.db)).toBe(0);
    expect((await getDay(h.db, '2023-05-04'))!.ids).toHaveLength(10);
    expect(await getArchiveProgress(h.db)).toMatchObject<Partial<ArchiveProgress>>({
      state: 'done',
      papersStored: 380,
      monthsDone: 4,
      monthsTotal: 4,
    });
    expect(h.wakes.at(-1)).toBeNull();
  });

  it('stores the search index once at the end of the download, not after every month, and search finds it all', async () => {
    // Limits scaled down: 100 papers when idle, 1,000 while the archive runs (380 papers in all here).
    const indexer = createSearchIndexer({
      db: () => Promise.resolve(h.db),
      backlogLimit: () => indexBacklogLimit(h.db, { idle: 100, archiving: 1_000 }),
    });
    await indexer.update(); // the empty index stored at install
    const daysIndexed = async () =>
      Object.keys(((await getSearchIndexRecord(h.db, 'state')) as { days: object }).days).length;
    const afterEachMonth: number[] = [];
    const runner = h.runner({
      onStored: async () => {
        await indexer.update();
        afterEachMonth.push(await daysIndexed());
      },
    });

    await runner.start();
    await runner.idle();

    // Kept back while the download ran (the old code stored it after 2023-05's 250 papers);
    // stored when the last month made it 'done': every day with papers is in it.
    expect(afterEachMonth.slice(0, -1)).toEqual([0, 0, 0]);
    expect(afterEachMonth.at(-1)).toBe(new Set(expectedIds(['2023-05', '2023-06', '2023-08'])).size / 10);
    const search = createSearchService({ db: () => Promise.resolve(h.db), pause: () => Promise.resolve() });
    await search.ready();
    const paper = parsed(feed.get('2023-06')!)[42]!;
    expect(search.search(paper.title).map((hit) => hit.id)).toContain(paper.id);
  });

  it('never shrinks a cached day, and leaves the read state of cached papers alone', async () => {
    const [first] = parsed(feed.get('2023-05')!.slice(0, 1));
    const extra: Paper = { ...first!, id: '2305.99999', title: 'Only in the day list' };
    await commitRefresh(h.db, {
      papers: [first!, extra],
      days: [{ day: '2023-05-04', ids: [extra.id, first!.id], startsRead: false }],
      updateStatus: (current) => current,
      now: START,
    });
    const runner = h.runner();

    await runner.start();
    await runner.idle();

    const day = await getDay(h.db, '2023-05-04');
    expect(day!.ids.slice(0, 2)).toEqual([extra.id, first!.id]);
    expect(day!.ids).toHaveLength(11);
    expect(await countUnread(h.db)).toBe(2);
  });

  it('keeps the ids a refresh commits to a day while a month of that day is being stored', async () => {
    const [a, b, c] = parsed(feed.get('2023-05')!.slice(0, 3));
    // The month goes in first; the refresh of the same day, issued while it is stored, lists the day whole.
    const storing = storeArchiveMonth(h.db, [a!, b!], START);
    const refreshing = commitRefresh(h.db, {
      papers: [a!, b!, c!],
      days: [{ day: a!.feedDay, ids: [c!.id, a!.id, b!.id], startsRead: false }],
      updateStatus: (current) => current,
      now: START,
    });
    await Promise.all([storing, refreshing]);

    expect(new Set((await getDay(h.db, a!.feedDay))!.ids)).toEqual(new Set([a!.id, b!.id, c!.id]));
  });

  it('resumes after an interruption from the stored month, with no paper lost or stored twice', async () => {
    // The first worker is stopped while it waits for 2023-06's second page.
    h.intercept = (month, page) =>
      month === '2023-06' && page === 1 ? new Promise<Response>(() => undefined) : undefined;
    const first = h.runner();
    await first.start();
    await vi.waitFor(() => expect(h.calls.some((call) => call.month === '2023-06' && call.page === 1)).toBe(true));
    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'running', month: '2023-06' });
    const callsBefore = h.calls.length;

    h.intercept = null;
    const second = h.runner();
    await second.resume();

    const resumed = h.calls.slice(callsBefore).map(({ month, page }) => `${month}/${page}`);
    expect(resumed).toEqual(['2023-06/0', '2023-06/1', '2023-07/0', '2023-08/0']);
    const ids = await storedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expectedIds(['2023-05', '2023-06', '2023-08']));
    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'done', papersStored: 380 });
  });

  it('pauses on a 429 until the window the headers name has passed, and tells the refresh to wait too', async () => {
    let limited = true;
    h.intercept = (month) =>
      month === '2023-06' && limited
        ? new Response('{}', { status: 429, headers: { RateLimit: '"api";r=0;t=60' } })
        : undefined;
    const runner = h.runner();

    await runner.start();
    await runner.idle();

    const pausedAt = h.calls.at(-1)!.at;
    const paused = await getArchiveProgress(h.db);
    expect(paused).toMatchObject({ state: 'paused', month: '2023-06', nextAt: pausedAt + 61_000 });
    expect(paused.failure?.kind).toBe('rate-limited');
    expect(h.wakes.at(-1)).toBe(pausedAt + 61_000);
    expect((await getStatus(h.db)).nextAllowedAt).toBe(pausedAt + 61_000);

    // The alarm fires early: nothing is called before the window ends.
    limited = false;
    const callsWhilePaused = h.calls.length;
    h.clock.now = pausedAt + 60_000;
    await runner.resume();
    expect(h.calls).toHaveLength(callsWhilePaused);

    h.clock.now = pausedAt + 61_000;
    await runner.resume();

    expect(h.calls[callsWhilePaused]).toMatchObject({ month: '2023-06', page: 0 });
    expect(h.calls[callsWhilePaused]!.at).toBeGreaterThanOrEqual(pausedAt + 61_000);
    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'done', papersStored: 380 });
  });

  it('stops on cancel and keeps what was stored', async () => {
    const runner = h.runner();
    h.intercept = (month) => {
      if (month === '2023-06') void runner.cancel();
      return undefined;
    };

    await runner.start();
    await runner.idle();

    expect(h.calls.map(({ month }) => month)).toEqual(['2023-05', '2023-05', '2023-05', '2023-06']);
    expect((await storedIds()).sort()).toEqual(expectedIds(['2023-05']));
    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'cancelled', month: '2023-06', papersStored: 250 });
    expect(h.wakes.at(-1)).toBeNull();

    // Starting again goes on from the month it stopped in.
    h.intercept = null;
    const again = h.calls.length;
    await runner.start();
    await runner.idle();
    expect(h.calls[again]).toMatchObject({ month: '2023-06', page: 0 });
    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'done', papersStored: 380 });
  });

  it('reports a month it could not read and gives up after repeated failures', async () => {
    h.intercept = (month) => (month === '2023-05' ? new Response('oops', { status: 503 }) : undefined);
    const runner = h.runner();

    await runner.start();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await runner.idle();
      const progress = await getArchiveProgress(h.db);
      if (progress.state !== 'paused') break;
      h.clock.now = progress.nextAt!;
      await runner.resume();
    }

    expect(await getArchiveProgress(h.db)).toMatchObject({ state: 'failed', failure: { kind: 'server', status: 503 } });
    expect(h.calls).toHaveLength(5);
    expect(await storedIds()).toEqual([]);
  });
});
