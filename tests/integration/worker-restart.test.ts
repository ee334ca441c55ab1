// The service worker stopped in the middle of a refresh (the browser ends idle workers, an update
// restarts them): the worker object is dropped with a fetch hanging or failing, or right after
// its commit, and a new worker starts on the same database. The next start finds the previous
// complete state, finishes the catch-up, and announces each new paper exactly once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { createWorker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { recordFaultAgainst } from '../fault-ledger';
import { makeDay } from '../fixtures/feed.mjs';
import { createFakeHf, hangUntilAborted, jsonResponse, offline, type FakeHf } from '../fixtures/hf-stub';
import { snapshotStores } from '../fixtures/snapshot';
import { getMeta, isSummaryKey } from '@/lib/store/meta';
import { getNotifyQueue, getStatus } from '@/lib/store/feed';

const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06'; // a Friday
const NOW = Date.parse('2026-03-06T15:00:00Z');
/** Back on Tuesday: the catch-up covers Friday through Tuesday. */
const TUESDAY = '2026-03-10';
const BACK_AT = Date.parse('2026-03-10T15:00:00Z');
const MINUTE = 60_000;

let hf: FakeHf;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  // Timers stay put unless a test moves them: a dropped worker's request timeout never fires
  // into a later test. The clock itself is handed to each worker.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  hf = createFakeHf();
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) hf.feed.set(day, makeDay(day, 3));
  hf.feed.set('2026-02-28', []);
  hf.feed.set('2026-03-01', []);
  hf.feed.set(TODAY, makeDay(TODAY, 5));
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** What the user was told about, paper by paper: a summary stands for the papers it lists. */
async function announcedIds(db: PaperboyDB, created: { mock: { calls: unknown[][] } }): Promise<string[]> {
  const ids: string[] = [];
  for (const [id] of created.mock.calls as [string][]) {
    if (id.startsWith('paperboy:paper:')) ids.push(id.slice('paperboy:paper:'.length));
    if (isSummaryKey(id)) {
      const summary = await getMeta(db, id);
      ids.push(...(summary?.ids ?? []));
    }
  }
  return ids;
}

function startWorker(now: number, settings: () => Promise<Settings> = () => Promise.resolve(DEFAULT_SETTINGS)) {
  return createWorker({ endpoint: ENDPOINT, fetch: hf.fetch, now: () => now, settings });
}

/** Installed on Friday, with the install's own notification already shown and forgotten. */
async function installed(): Promise<PaperboyDB> {
  await startWorker(NOW).refresh('install');
  return await openPaperboyDB();
}

/** Lets IndexedDB and the worker's promises run (setImmediate is real). */
async function tick(times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Tuesday's news: one more paper on Friday, three on Monday, four on Tuesday. */
function newsSinceFriday(): string[] {
  hf.feed.set(TODAY, makeDay(TODAY, 6));
  hf.feed.set('2026-03-09', makeDay('2026-03-09', 3));
  hf.feed.set(TUESDAY, makeDay(TUESDAY, 4));
  return [...makeDay(TODAY, 6).slice(5), ...makeDay('2026-03-09', 3), ...makeDay(TUESDAY, 4)].map(
    (item) => item.paper.id,
  );
}

describe('a worker stopped during a refresh', () => {
  it.each([
    ['a request hangs', 'hang'],
    ['the network drops', 'reject'],
  ] as const)(
    'when %s: the next worker finds the previous state, catches up, and announces each paper once',
    async (name, fault) => {
      const db = await installed();
      const news = newsSinceFriday();
      const before = await snapshotStores(db);
      const created = vi.spyOn(fakeBrowser.notifications, 'create');
      let asked = 0;
      hf.answerWith((day, init) => {
        asked += 1;
        if (asked <= 2) return jsonResponse(hf.feed.get(day) ?? []);
        return fault === 'hang' ? hangUntilAborted(day, init) : offline();
      });

      // The first worker starts the catch-up and is stopped: dropped, its promise never awaited.
      const first = startWorker(BACK_AT);
      void first.refresh('startup');
      while (asked < 3) await tick();
      await tick(50);
      const lostData = await recordFaultAgainst(`worker stopped mid-refresh (${name})`, db, before, {
        area: 'worker',
      });
      const statusBetween = await getStatus(db);

      hf.answerWith(null);
      const next = startWorker(BACK_AT + 5 * MINUTE);
      const outcome = await next.refresh('startup');
      const announced = await announcedIds(db, created);
      await next.notifier.flush();
      await startWorker(BACK_AT + 10 * MINUTE).refresh('startup');

      expect(lostData).toBe(false);
      expect(statusBetween.lastFetchedDay).toBe(TODAY);
      expect(outcome).toMatchObject({ kind: 'done', newUnreadIds: expect.arrayContaining(news) as unknown });
      expect(await getStatus(db)).toMatchObject({ lastFetchedDay: TUESDAY, lastFailure: null });
      expect([...announced].sort()).toEqual([...news].sort());
      expect((await announcedIds(db, created)).sort()).toEqual([...news].sort());
      expect(await fakeBrowser.action.getBadgeText({})).toBe(String(5 + news.length));
    },
  );

  it('right after its commit, before announcing: the next worker announces each paper once', async () => {
    const db = await installed();
    const news = newsSinceFriday();
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    // The first worker's settings stop answering once Tuesday is stored: it is stopped between
    // the commit and the notification (the flush reads the settings first).
    let stoppedAfterCommit = false;
    const first = startWorker(BACK_AT, async () => {
      if ((await db.get('days', TUESDAY)) === undefined) return DEFAULT_SETTINGS;
      stoppedAfterCommit = true;
      return await new Promise<Settings>(() => undefined);
    });

    void first.refresh('startup');
    while (!stoppedAfterCommit) await tick();
    await tick(50);
    const announcedByFirst = await announcedIds(db, created);
    const queued = await getNotifyQueue(db);
    const next = startWorker(BACK_AT + MINUTE);
    await next.refresh('startup');
    await next.notifier.flush();
    await startWorker(BACK_AT + 2 * MINUTE).notifier.flush();

    expect(announcedByFirst).toEqual([]);
    expect([...queued.ids].sort()).toEqual([...news].sort());
    expect((await announcedIds(db, created)).sort()).toEqual([...news].sort());
    expect(await getStatus(db)).toMatchObject({ lastFetchedDay: TUESDAY, lastFailure: null });
  });
});
