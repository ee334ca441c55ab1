import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { SYNC_DEBOUNCE_MS, type SyncLocal } from '@/lib/services/sync';
import { ALARMS } from '@/lib/platform/alarms';
import { createWorker, type Worker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { activityOf } from '../fixtures/worker-answer';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { decodeSyncItems, encodeSyncState } from '@/lib/sync-codec';
import { emptySyncState } from '@/lib/sync-model';
import { makeDay } from '../fixtures/feed.mjs';
import { createFakeHf, jsonResponse, type FakeHf } from '../fixtures/hf-stub';
import { countUnread } from '@/lib/store/feed';
import { listenToSyncChanges, SYNC_STATUS_DEFAULT, syncStatusItem, type SyncArea, type SyncStatus } from '@/lib/platform/sync-storage';

const SYNC_ALARM = ALARMS.sync;

// The worker's sync wiring: two simulated browsers (each its own IndexedDB, settings and sync
// status) sharing fakeBrowser's one storage.sync and its onChanged event, and the real
// background entrypoint for the alarm, the listener and the settings watcher.
const ENDPOINT = 'https://hf.test';
const TODAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');

let hf: FakeHf;
let clock = NOW;

/** One browser: a worker over its own database and local state, listening to storage.sync. */
interface SimulatedBrowser {
  worker: Worker;
  db: PaperboyDB;
  status: () => SyncStatus;
}

async function makeBrowser(name: string, area?: SyncArea): Promise<SimulatedBrowser> {
  const db = await openPaperboyDB(`paperboy-${name}`);
  let settings: Settings = DEFAULT_SETTINGS;
  let status: SyncStatus = SYNC_STATUS_DEFAULT;
  const local: SyncLocal = {
    getSettings: () => Promise.resolve(settings),
    setSettings: (next) => {
      settings = next;
      return Promise.resolve();
    },
    getStatus: () => Promise.resolve(status),
    setStatus: (next) => {
      status = next;
      return Promise.resolve();
    },
  };
  const worker = createWorker({
    endpoint: ENDPOINT,
    fetch: hf.fetch,
    now: () => clock,
    openDb: () => Promise.resolve(db),
    settings: () => local.getSettings(),
    syncLocal: local,
    ...(area === undefined ? {} : { syncArea: area }),
  });
  listenToSyncChanges((keys) => worker.sync.onRemoteChanged(keys));
  await worker.refresh('install');
  return { worker, db, status: () => status };
}

/** Lets the clock run (the user acts a moment after the papers arrived) and the timers fire. */
async function later(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

const todayIds = (count: number): string[] => makeDay(TODAY, count).map((item) => item.paper.id);

beforeEach(() => {
  clock = NOW;
  hf = createFakeHf();
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) hf.feed.set(day, []);
  hf.feed.set(TODAY, makeDay(TODAY, 5));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the worker syncing two browsers through one storage.sync', () => {
  it('a paper marked read on one browser is read on the other, badge included, after the debounce', async () => {
    const laptop = await makeBrowser('laptop');
    const desktop = await makeBrowser('desktop');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(await countUnread(desktop.db)).toBe(5);
    await later(60_000);

    await laptop.worker.handle({ type: 'set-unread', ids: todayIds(2), unread: false });
    // Nothing is written before the debounce: local state first, sync later.
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    await fakeBrowser.action.setBadgeText({ text: '' });
    await later(SYNC_DEBOUNCE_MS);
    await vi.waitFor(async () =>
      expect(decodeSyncItems(await fakeBrowser.storage.sync.get(null)).state.reads.size).toBe(2),
    );
    // The laptop's write reached the desktop through storage.onChanged; its sync follows a second later.
    await later(1_000);

    await vi.waitFor(async () => expect(await countUnread(desktop.db)).toBe(3));
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('3'));
    expect(desktop.status().lastSyncedAt).not.toBeNull();
    expect(await countUnread(laptop.db)).toBe(3);
  });

  it('a browser that fetches the papers after they were read elsewhere shows them read once it syncs', async () => {
    const laptop = await makeBrowser('laptop');
    clock += 60_000;
    await laptop.worker.handle({ type: 'set-unread', ids: todayIds(2), unread: false });
    await laptop.worker.sync.syncNow();
    clock += 3_600_000;
    // An hour later: the desktop's papers arrive unread by default (no user change there).
    const desktop = await makeBrowser('desktop');
    expect(await countUnread(desktop.db)).toBe(5);

    await desktop.worker.handle({ type: 'sync-now' });

    expect(await countUnread(desktop.db)).toBe(3);
  });

  it('a save on one browser shows on the other as saved, with no PDF there yet', async () => {
    const laptop = await makeBrowser('laptop');
    const desktop = await makeBrowser('desktop');
    hf.answerWith(() => new Response('%PDF-1.4 fixture', { headers: { 'content-type': 'application/pdf' } }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const [id] = todayIds(1) as [string];

    await later(60_000);
    await laptop.worker.handle({ type: 'save', id });
    await laptop.worker.saver.settled();
    await laptop.worker.handle({ type: 'update-saved', id, note: 'method in §3', tags: ['rl'] });
    await later(SYNC_DEBOUNCE_MS);
    await vi.waitFor(async () => expect(await fakeBrowser.storage.sync.get(null)).not.toEqual({}));
    await later(1_000);

    await vi.waitFor(async () => expect(await desktop.db.get('saved', id)).toBeDefined());
    const saved = await desktop.db.get('saved', id);
    expect(saved).toMatchObject({ removedAt: null, note: 'method in §3', tags: ['rl'], pdf: { state: 'none' } });
    expect(saved?.paper.title).toBe((await laptop.db.get('papers', id))?.title);
  });

  it('reports a full sync storage in the status and keeps the local state', async () => {
    const full: SyncArea = {
      get: () => fakeBrowser.storage.sync.get(null),
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      remove: (keys) => fakeBrowser.storage.sync.remove(keys),
    };
    const laptop = await makeBrowser('laptop', full);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    await later(60_000);
    const answer = await laptop.worker.handle({ type: 'set-unread', ids: todayIds(2), unread: false });
    await later(SYNC_DEBOUNCE_MS);

    expect(answer.unread).toBe(3);
    await vi.waitFor(() => expect(laptop.status().lastErrorKind).toBe('quota'));
    expect(await countUnread(laptop.db)).toBe(3);
    expect(laptop.status().lastError).toMatch(/sync storage is full.*safe on this device/);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('names the write limit when the browser refuses for too many writes', async () => {
    const limited: SyncArea = {
      get: () => fakeBrowser.storage.sync.get(null),
      set: () => Promise.reject(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.')),
      remove: (keys) => fakeBrowser.storage.sync.remove(keys),
    };
    const laptop = await makeBrowser('laptop', limited);

    const answer = await laptop.worker.handle({ type: 'sync-now' });

    expect(answer.unread).toBe(5);
    expect(laptop.status().lastErrorKind).toBe('write-limit');
    expect(laptop.status().lastError).toMatch(/too many writes/);
  });

  it('writes nothing while sync is off, and catches up when it is turned back on', async () => {
    const laptop = await makeBrowser('laptop');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    await later(60_000);
    await laptop.worker.handle({ type: 'set-sync', enabled: false });
    await laptop.worker.handle({ type: 'set-unread', ids: todayIds(2), unread: false });
    await later(60_000);

    expect(laptop.status().enabled).toBe(false);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});

    await laptop.worker.handle({ type: 'set-sync', enabled: true });

    expect(decodeSyncItems(await fakeBrowser.storage.sync.get(null)).state.reads.size).toBe(2);
  });

  it('keeps a save from another browser valid offline and fills in the paper once online', async () => {
    const laptop = await makeBrowser('laptop');
    // A paper the laptop never cached: saved on the other browser, known here by id only.
    const id = '2603.09999';
    const savedAt = Date.parse('2026-03-05T10:00:00Z');
    const remote = emptySyncState();
    remote.saves.set(id, {
      id,
      updatedAt: savedAt,
      savedAt,
      removedAt: null,
      tags: [],
      note: '',
      noteClipped: false,
      annotatedAt: 0,
    });
    hf.answerWith(() => Promise.reject(new TypeError('Failed to fetch')));
    await fakeBrowser.storage.sync.set(encodeSyncState(remote, { today: TODAY, now: clock }).items);

    await laptop.worker.handle({ type: 'sync-now' });

    const offline = await laptop.db.get('saved', id);
    expect(offline?.paper).toMatchObject({ id, title: `arXiv ${id}`, feedDay: '2026-03-05' });

    hf.answerWith(() =>
      jsonResponse({ id, title: 'A paper found later', summary: 'Abstract.', authors: [], publishedAt: null }),
    );
    await laptop.worker.handle({ type: 'sync-now' });

    expect((await laptop.db.get('saved', id))?.paper).toMatchObject({ id, title: 'A paper found later' });
  });
});

describe('the background entrypoint and sync', () => {
  async function send(message: unknown): Promise<Activity | undefined> {
    return activityOf(await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer | undefined>(message));
  }

  beforeEach(async () => {
    // Timers faked too: no sync a worker of an earlier test scheduled fires during this one.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(NOW);
    vi.stubGlobal('fetch', hf.fetch);
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('5'));
    await vi.waitFor(async () => expect((await send({ type: 'get-activity' }))?.refreshing).toBe(false));
  });

  // The worker outlives its test: let a sync under way end here, not write into the next test's storage.sync.
  afterEach(async () => {
    await send({ type: 'sync-now' });
  });

  const synced = async (): Promise<void> =>
    await vi.waitFor(async () => expect((await syncStatusItem.getValue()).lastSyncedAt).not.toBeNull());

  it('syncs on install: the settings and the format are in storage.sync', async () => {
    await synced();

    await vi.waitFor(async () =>
      expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual(['pb:cfg', 'pb:v']),
    );
  });

  it('applies what another browser wrote to storage.sync and redraws the badge', async () => {
    const remote = emptySyncState();
    for (const id of todayIds(3)) remote.reads.set(id, { day: TODAY, at: NOW + 60_000, read: true });

    await synced();
    await fakeBrowser.storage.sync.set(encodeSyncState(remote, { today: TODAY, now: NOW }).items);
    // This browser wrote at install: the change is applied a few seconds after that write.
    await vi.advanceTimersByTimeAsync(5_000);

    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    expect((await send({ type: 'get-activity' }))?.unread).toBe(2);
  });

  it('answers "sync-now" and "set-sync" from a page, and refuses a malformed one', async () => {
    await synced();

    expect(await fakeBrowser.runtime.sendMessage({ type: 'set-sync', enabled: 'no' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect((await syncStatusItem.getValue()).enabled).toBe(true);
    expect((await send({ type: 'set-sync', enabled: false }))?.unread).toBe(5);
    expect((await syncStatusItem.getValue()).enabled).toBe(false);
    expect((await send({ type: 'sync-now' }))?.unread).toBe(5);
  });

  it('runs the sync a stopped worker scheduled when the sync alarm fires', async () => {
    await synced();
    await send({ type: 'set-unread', ids: todayIds(1), unread: false });

    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });

    await vi.waitFor(async () =>
      expect(decodeSyncItems(await fakeBrowser.storage.sync.get(null)).state.reads.size).toBe(1),
    );
  });

  it('syncs a settings change made in the options page, and not one a sync applied', async () => {
    await synced();
    vi.setSystemTime(NOW + 60_000);

    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, badgeMode: 'dot' } });

    await vi.waitFor(async () =>
      expect((await syncStatusItem.getValue()).settingsChangedAt).toBeGreaterThanOrEqual(NOW + 60_000),
    );
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await vi.waitFor(async () =>
      expect(decodeSyncItems(await fakeBrowser.storage.sync.get(null)).state.settings?.value.badgeMode).toBe('dot'),
    );
  });
});
