// The fault matrix: everything a server or a network does wrong, through the real background
// entrypoint (alarms, popup messages, the Refresh button) over fakeBrowser and fake-indexeddb,
// with the global fetch stubbed and the clock controlled. Each case proves four things: a clear
// message in the badge tooltip, every store unchanged (snapshots compared, recorded in the fault
// ledger), recovery on the next good answer, and no call before a rate-limit window ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from '@/lib/platform/hf-client';
import { REFRESH_ALARM } from '@/lib/config';
import { describeFailure } from '@/lib/failure';
import { addDays } from '@/lib/feed-day';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { activityOf } from '../fixtures/worker-answer';
import type { FailureKind, PaperState } from '@/lib/types';
import { recordFaultAgainst } from '../fault-ledger';
import { makeDay } from '../fixtures/feed.mjs';
import { createFakeHf, hangUntilAborted, jsonResponse, offline, type Answer, type FakeHf } from '../fixtures/hf-stub';
import { addedRecords, lostRecords, snapshotStores, type DbSnapshot } from '../fixtures/snapshot';
import { getStatus } from '@/lib/store/feed';

const TODAY = '2026-03-06'; // a Friday
const NOW = Date.parse('2026-03-06T15:00:00Z'); // 10:00 in New York
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The fault strikes on the scheduled refresh half an hour after install. */
const FAULT_AT = NOW + 30 * MINUTE;

let hf: FakeHf;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  // setTimeout too, for the request that never answers: the worker reads the clock through the
  // Date.now it found at creation, so the fake timers are installed once, here.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(NOW);
  hf = createFakeHf();
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) hf.feed.set(day, makeDay(day, day === TODAY ? 5 : 3));
  }
  vi.stubGlobal('fetch', hf.fetch);
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function send(message: unknown): Promise<Activity> {
  const answer = activityOf(await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer | undefined>(message));
  if (answer === undefined) throw new Error(`no answer to ${JSON.stringify(message)}`);
  return answer;
}

/** Lets IndexedDB and the listeners run (setImmediate is left real: fake-indexeddb runs on it). */
async function tick(times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits until no refresh runs and the listeners' follow-ups (badge, digest check) are done.
 * Not vi.waitFor: under fake timers it moves the clock, and these tests own the clock.
 */
async function settled(): Promise<void> {
  for (let tries = 0; (await send({ type: 'get-activity' })).refreshing; tries += 1) {
    if (tries > 5_000) throw new Error('the worker is still refreshing');
    await tick();
  }
  await tick(20);
}

async function fireRefreshAlarm(): Promise<void> {
  await fakeBrowser.alarms.onAlarm.trigger({
    name: REFRESH_ALARM,
    scheduledTime: Date.now(),
    periodInMinutes: 30,
    persistAcrossSessions: true,
  });
  await settled();
}

async function badge(): Promise<{ text: string; title: string }> {
  return { text: await fakeBrowser.action.getBadgeText({}), title: await fakeBrowser.action.getTitle({}) };
}

const todayIds = (count: number): string[] => makeDay(TODAY, count).map((item) => item.paper.id);

/**
 * Installs, then gives the user some history: two of today's papers read, one of yesterday's
 * (which start read) marked unread again. Returns the database and its unread count.
 */
async function installWithHistory(): Promise<{ db: PaperboyDB; unread: number }> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await settled();
  await send({ type: 'set-unread', ids: todayIds(2), unread: false });
  const yesterday = makeDay(addDays(TODAY, -1), 1).map((item) => item.paper.id);
  const { unread } = await send({ type: 'set-unread', ids: yesterday, unread: true });
  expect(unread).toBe(4);
  return { db: await openPaperboyDB(), unread };
}

/** Every read state of `before` is in `after`, unchanged. */
function statesKept(before: DbSnapshot, after: DbSnapshot): void {
  const later = new Map((after.states ?? []).map(({ value }) => [(value as PaperState).id, value]));
  for (const { value } of before.states ?? []) expect(later.get((value as PaperState).id)).toEqual(value);
}

/** The next good answer: today has two more papers; the refresh stores them and clears the failure. */
async function expectRecovery(db: PaperboyDB, before: DbSnapshot, unreadBefore: number, at: number): Promise<void> {
  hf.answerWith(null);
  hf.feed.set(TODAY, makeDay(TODAY, 7));
  vi.setSystemTime(at);

  await fireRefreshAlarm();

  const after = await snapshotStores(db);
  statesKept(before, after);
  expect(await getStatus(db)).toMatchObject({ lastFailure: null, consecutiveFailures: 0, nextAllowedAt: null });
  expect(await badge()).toEqual({
    text: String(unreadBefore + 2),
    title: `Paperboy: ${unreadBefore + 2} unread papers · updated just now`,
  });
}

/** A body that never ends: only the cap on what is read stops it. */
function endlessBody(): Response {
  const chunk = new TextEncoder().encode(`${' '.repeat(1023)}\n`.repeat(256)); // 256 KB
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    new CountQueuingStrategy({ highWaterMark: 0 }),
  );
  const response = new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  Object.defineProperty(response, 'sentBytes', { get: () => sent });
  return response;
}

const page =
  (status: number, text: string, type = 'text/plain') =>
  (): Response =>
    new Response(text, { status, headers: { 'content-type': type } });

interface FaultCase {
  name: string;
  answer: Answer;
  kind: FailureKind;
  said: string;
}

const UNREADABLE = 'Hugging Face sent an answer we could not read';

const FAULTS: FaultCase[] = [
  { name: 'http 400', answer: page(400, 'Bad Request'), kind: 'bad-response', said: `${UNREADABLE} (HTTP 400)` },
  { name: 'http 404', answer: page(404, 'Not Found'), kind: 'bad-response', said: `${UNREADABLE} (HTTP 404)` },
  {
    name: 'http 500',
    answer: page(500, 'Internal Server Error'),
    kind: 'server',
    said: 'Hugging Face is having trouble (HTTP 500)',
  },
  {
    name: 'http 503',
    answer: page(503, '<html><body>Service Unavailable</body></html>', 'text/html'),
    kind: 'server',
    said: 'Hugging Face is having trouble (HTTP 503)',
  },
  {
    name: 'html page with status 200',
    answer: page(200, '<!DOCTYPE html><html><title>Sign in to the Wi-Fi</title></html>', 'text/html; charset=utf-8'),
    kind: 'bad-response',
    said: UNREADABLE,
  },
  {
    name: 'html page labelled as json',
    answer: page(200, '  <html><body>Maintenance</body></html>', 'application/json'),
    kind: 'bad-response',
    said: UNREADABLE,
  },
  {
    name: 'truncated json',
    answer: (day) => page(200, JSON.stringify(makeDay(day, 5)).slice(0, 700), 'application/json')(),
    kind: 'bad-response',
    said: UNREADABLE,
  },
  {
    name: 'empty body with status 200',
    answer: page(200, '', 'application/json'),
    kind: 'bad-response',
    said: UNREADABLE,
  },
  {
    name: 'json object instead of a list',
    answer: () => jsonResponse({ error: 'Invalid date', papers: makeDay(TODAY, 5) }),
    kind: 'bad-response',
    said: UNREADABLE,
  },
  { name: 'json null', answer: () => jsonResponse(null), kind: 'bad-response', said: UNREADABLE },
  { name: 'enormous body', answer: endlessBody, kind: 'bad-response', said: UNREADABLE },
  { name: 'network gone', answer: offline, kind: 'offline', said: 'Could not reach Hugging Face (offline?)' },
];

describe('a refresh that meets a fault', () => {
  it.each(FAULTS.map((fault) => [fault.name, fault] as const))(
    '%s: says so, keeps every store as it was, and recovers on the next good answer',
    async (_name, fault) => {
      const { db, unread } = await installWithHistory();
      const before = await snapshotStores(db);
      hf.feed.set(TODAY, makeDay(TODAY, 7));
      hf.answerWith(fault.answer);
      vi.setSystemTime(FAULT_AT);

      await fireRefreshAlarm();

      const lostData = await recordFaultAgainst(fault.name, db, before, { area: 'refresh' });
      const status = await getStatus(db);
      expect(lostData).toBe(false);
      expect(addedRecords(before, await snapshotStores(db))).toEqual([]);
      expect(status.lastFailure).toMatchObject({ kind: fault.kind, at: FAULT_AT });
      expect(describeFailure(status.lastFailure!, FAULT_AT)).toBe(fault.said);
      expect(await badge()).toEqual({
        text: String(unread),
        title: `Paperboy: ${unread} unread papers · updated 30 min ago · last refresh failed: ${fault.said}`,
      });
      await expectRecovery(db, before, unread, FAULT_AT + 30 * MINUTE);
    },
  );

  it('reads no more than the cap of an enormous body', async () => {
    await installWithHistory();
    let response: Response | undefined;
    hf.answerWith(() => (response = endlessBody()));
    vi.setSystemTime(FAULT_AT);

    await fireRefreshAlarm();

    const sent = (response as unknown as { sentBytes: number }).sentBytes;
    expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 256 * 1024);
  });

  it('a request that never answers: gives up after the time limit, keeps every store, recovers', async () => {
    const { db, unread } = await installWithHistory();
    const before = await snapshotStores(db);
    hf.answerWith(hangUntilAborted);
    vi.setSystemTime(FAULT_AT);
    const callsBefore = hf.urls.length;

    await fakeBrowser.alarms.onAlarm.trigger({
      name: REFRESH_ALARM,
      scheduledTime: Date.now(),
      periodInMinutes: 30,
      persistAcrossSessions: true,
    });
    // Not vi.waitFor: it would move the faked timers on while it waits.
    while (hf.urls.length === callsBefore) await tick();
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    const stillWaiting = (await send({ type: 'get-activity' })).refreshing;
    await vi.advanceTimersByTimeAsync(1);
    await settled();

    const lostData = await recordFaultAgainst('request never answers', db, before, { area: 'refresh' });
    expect(stillWaiting).toBe(true);
    expect(lostData).toBe(false);
    expect((await getStatus(db)).lastFailure).toMatchObject({ kind: 'timeout' });
    expect((await badge()).title).toContain('last refresh failed: Hugging Face did not answer in time');
    await expectRecovery(db, before, unread, FAULT_AT + 30 * MINUTE);
  });

  it('the network gone mid-refresh: stores none of the days that did arrive, then catches up', async () => {
    const { db, unread } = await installWithHistory();
    const before = await snapshotStores(db);
    // Back on Tuesday: the catch-up asks for Friday through Tuesday.
    const tuesday = Date.parse('2026-03-10T15:00:00Z');
    hf.feed.set('2026-03-09', makeDay('2026-03-09', 4));
    hf.feed.set('2026-03-10', makeDay('2026-03-10', 6));
    let answered = 0;
    hf.answerWith((day) => {
      answered += 1;
      return answered <= 2 ? jsonResponse(hf.feed.get(day) ?? []) : offline();
    });
    vi.setSystemTime(tuesday);

    await fireRefreshAlarm();

    const lostData = await recordFaultAgainst('network gone mid-refresh', db, before, { area: 'refresh' });
    expect(answered).toBeGreaterThan(2);
    expect(lostData).toBe(false);
    expect(addedRecords(before, await snapshotStores(db))).toEqual([]);
    expect((await getStatus(db)).lastFailure).toMatchObject({ kind: 'offline' });
    expect((await badge()).title).toContain('last refresh failed: Could not reach Hugging Face (offline?)');

    hf.answerWith(null);
    vi.setSystemTime(tuesday + 30 * MINUTE);
    await fireRefreshAlarm();

    statesKept(before, await snapshotStores(db));
    expect(await getStatus(db)).toMatchObject({ lastFetchedDay: '2026-03-10', lastFailure: null });
    // Away more than a day: Monday and Tuesday arrive unread.
    expect(await badge()).toMatchObject({ text: String(unread + 4 + 6) });
  });

  it('the browser out of storage space: says so, keeps the old cache, and stores on the next try', async () => {
    const { db, unread } = await installWithHistory();
    const before = await snapshotStores(db);
    hf.feed.set(TODAY, makeDay(TODAY, 7));
    // IndexedDB refuses the papers' write the way a full disk does.
    const realPut = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'papers') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    vi.setSystemTime(FAULT_AT);

    await fireRefreshAlarm();
    put.mockRestore();

    const lostData = await recordFaultAgainst('quota exceeded during the commit', db, before, { area: 'database' });
    expect(lostData).toBe(false);
    expect(addedRecords(before, await snapshotStores(db))).toEqual([]);
    expect((await getStatus(db)).lastFailure).toMatchObject({ kind: 'quota', detail: 'QuotaExceededError' });
    expect(await badge()).toEqual({
      text: String(unread),
      title: `Paperboy: ${unread} unread papers · updated 30 min ago · last refresh failed: The browser is out of storage space`,
    });
    await expectRecovery(db, before, unread, FAULT_AT + 30 * MINUTE);
  });
});

describe('a rate limit', () => {
  const LIMITED_AT = FAULT_AT;

  it.each([
    ['429 with RateLimit t=N', () => ({ RateLimit: '"api";r=0;t=299' }), 300 * SECOND],
    ['429 with Retry-After seconds', () => ({ 'Retry-After': '600' }), 600 * SECOND],
    [
      '429 with Retry-After as a date',
      () => ({ 'Retry-After': new Date(LIMITED_AT + 420 * SECOND).toUTCString() }),
      420 * SECOND,
    ],
    ['429 with RateLimit and Retry-After', () => ({ RateLimit: '"api";r=0;t=179', 'Retry-After': '30' }), 180 * SECOND],
    ['429 with neither header', () => ({}), 5 * MINUTE],
  ])('%s: no call at all before the window ends, from any trigger', async (name, headers, window) => {
    const { db, unread } = await installWithHistory();
    const before = await snapshotStores(db);
    const windowEnds = LIMITED_AT + window;
    hf.answerWith(() => new Response('Too Many Requests', { status: 429, headers: headers() }));
    vi.setSystemTime(LIMITED_AT);

    await fireRefreshAlarm();

    const lostData = await recordFaultAgainst(name, db, before, { area: 'refresh' });
    expect(lostData).toBe(false);
    expect((await getStatus(db)).lastFailure).toMatchObject({ kind: 'rate-limited', retryAt: windowEnds });
    expect((await badge()).title).toContain(
      `last refresh failed: Hugging Face asked us to slow down; retrying in ${Math.ceil(window / MINUTE)} min`,
    );

    hf.answerWith(null);
    const callsBefore = hf.urls.length;
    for (const at of [LIMITED_AT + 1, LIMITED_AT + 90 * SECOND, windowEnds - SECOND, windowEnds - 1]) {
      vi.setSystemTime(at);
      await fireRefreshAlarm();
      await send({ type: 'popup-opened' });
      await settled();
      const clicked = await send({ type: 'refresh' });
      await fakeBrowser.runtime.onStartup.trigger();
      await settled();
      expect(clicked.status.nextAllowedAt).toBe(windowEnds);
    }
    const callsDuringWindow = hf.urls.length - callsBefore;

    expect(callsDuringWindow).toBe(0);
    await expectRecovery(db, before, unread, windowEnds);
    expect(hf.urls.length - callsBefore).toBe(1);
  });
});

describe('the loss check behind the fault ledger', () => {
  it('notices a read state turned back, a paper gone and a changed record, and ignores the refresh status', async () => {
    const { db } = await installWithHistory();
    const before = await snapshotStores(db);
    const [read] = todayIds(1);
    const [gone] = todayIds(5).slice(4);

    await db.put('states', { ...(await db.get('states', read!))!, unread: 1 });
    await db.delete('papers', gone!);
    await db.put('meta', { ids: [gone], quietCatchUp: false, heldSince: null }, 'notify-queue');
    await db.put('meta', { ...(await getStatus(db)), consecutiveFailures: 3 }, 'status');

    expect(lostRecords(before, await snapshotStores(db)).sort()).toEqual(
      [`states/${read}`, `papers/${gone}`, 'meta/notify-queue'].sort(),
    );
  });
});
