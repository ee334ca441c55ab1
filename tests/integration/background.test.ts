import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { HF_ENDPOINT, REFRESH_ALARM, TOOLTIP_ALARM } from '@/lib/config';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { activityOf } from '../fixtures/worker-answer';
import { createWorker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import { makeDay } from '../fixtures/feed.mjs';
import { createFakeHf, type FakeHf } from '../fixtures/hf-stub';

// The real background entrypoint over fakeBrowser and fake-indexeddb, with the global fetch
// answering fixture JSON by the `date` query parameter.
const TODAY = '2026-03-06'; // a Friday
const NOW = Date.parse('2026-03-06T15:00:00Z');
const MINUTE = 60_000;

let hf: FakeHf;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  hf = createFakeHf();
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) hf.feed.set(day, makeDay(day, 3));
  hf.feed.set('2026-02-28', []);
  hf.feed.set('2026-03-01', []);
  hf.feed.set(TODAY, makeDay(TODAY, 5));
  vi.stubGlobal('fetch', hf.fetch);
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function badgeText(): Promise<string> {
  return await fakeBrowser.action.getBadgeText({});
}

async function send(message: unknown): Promise<Activity | undefined> {
  return activityOf(await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer | undefined>(message));
}

/** Waits until the worker is idle, so no refresh outlives the test. */
async function settled(): Promise<void> {
  await vi.waitFor(async () => expect((await send({ type: 'get-activity' }))?.refreshing).toBe(false));
}

async function install(): Promise<void> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await vi.waitFor(async () => expect(await badgeText()).toBe('5'));
  await settled();
}

describe('the background entrypoint', () => {
  it('refreshes on install, shows the unread badge and schedules the refresh alarm', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });

    await vi.waitFor(async () => expect(await badgeText()).toBe('5'));
    await settled();

    expect(await fakeBrowser.action.getTitle({})).toBe('Paperboy: 5 unread papers · updated just now');
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({
      name: 'paperboy-refresh',
      periodInMinutes: 30,
    });
    expect(await fakeBrowser.alarms.get(TOOLTIP_ALARM)).toMatchObject({ periodInMinutes: 5 });
    expect(hf.days).toHaveLength(8);
    expect(hf.urls.every((url) => url.startsWith(`${HF_ENDPOINT}/api/daily_papers?`))).toBe(true);
  });

  it('refreshes when the refresh alarm fires', async () => {
    await install();
    hf.days.length = 0;
    hf.feed.set(TODAY, makeDay(TODAY, 7));
    vi.setSystemTime(NOW + 30 * MINUTE);

    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'paperboy-refresh',
      scheduledTime: Date.now(),
      periodInMinutes: 30,
      persistAcrossSessions: true,
    });

    await vi.waitFor(async () => expect(await badgeText()).toBe('7'));
    await settled();
    expect(hf.days).toEqual([TODAY]);
  });

  it('only redraws the tooltip when the tooltip alarm fires', async () => {
    await install();
    hf.days.length = 0;
    vi.setSystemTime(NOW + 10 * MINUTE);

    await fakeBrowser.alarms.onAlarm.trigger({
      name: TOOLTIP_ALARM,
      scheduledTime: Date.now(),
      periodInMinutes: 5,
      persistAcrossSessions: true,
    });

    await vi.waitFor(async () =>
      expect(await fakeBrowser.action.getTitle({})).toBe('Paperboy: 5 unread papers · updated 10 min ago'),
    );
    expect(hf.days).toEqual([]);
  });

  it('ignores an alarm it does not own', async () => {
    await install();
    hf.days.length = 0;
    vi.setSystemTime(NOW + 30 * MINUTE);

    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'someone-else',
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await settled();

    expect(hf.days).toEqual([]);
  });

  it('answers a set-unread message with the new activity and redraws the badge', async () => {
    await install();
    const ids = makeDay(TODAY, 2).map((item) => item.paper.id);

    const answer = await send({ type: 'set-unread', ids, unread: false });

    expect(answer).toMatchObject({ unread: 3, refreshing: false });
    expect(await badgeText()).toBe('3');
  });

  it('refuses a malformed request, saying so, and changes nothing', async () => {
    await install();

    const answer = await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer>({
      type: 'set-unread',
      ids: 'everything',
      unread: false,
    });

    expect(answer).toEqual({ ok: false, error: { kind: 'invalid', message: 'not a valid "set-unread" request' } });
    expect(await badgeText()).toBe('5');
  });

  it('leaves messages that are not requests unanswered', async () => {
    await install();

    const answer = await send({ type: 'delete-everything' });

    expect(answer).toBeUndefined();
    expect(await badgeText()).toBe('5');
  });

  it('answers a request that fails with its reason, not with silence', async () => {
    const worker = createWorker({
      endpoint: 'https://hf.test',
      openDb: () => Promise.reject(new DOMException('the disk is gone', 'UnknownError')),
    });

    const answer = await worker.answer({ type: 'get-activity' });

    expect(answer).toEqual({ ok: false, error: { kind: 'failed', message: 'the disk is gone' } });
  });

  it('refreshes and recreates the alarms on browser startup', async () => {
    await fakeBrowser.runtime.onStartup.trigger();

    await vi.waitFor(async () => expect(await badgeText()).toBe('5'));
    await settled();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 30 });
  });

  it('recreates the alarms without fetching after a browser update', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });

    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined());
    await settled();
    expect(hf.days).toEqual([]);
  });
});
