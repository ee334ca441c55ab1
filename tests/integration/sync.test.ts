import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { createSync, type SyncLocal } from '@/lib/services/sync';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { createBackup, parseBackup, planRestore } from '@/lib/backup';
import { isPlaceholderPaper, isSavedElsewhere } from '@/lib/sync-model';
import type { SavedPaper } from '@/lib/types';
import { annotatedAtOf } from '@/lib/saved-record';
import { makePaper } from '../fixtures/paper';
import { setUnread } from '@/lib/store/feed';
import { SYNC_STATUS_DEFAULT, type SyncArea, type SyncStatus } from '@/lib/platform/sync-storage';

const T0 = Date.UTC(2026, 10, 26, 12);
const DAY = '2026-11-25';
const IDS = ['2611.00001', '2611.00002', '2611.00003'];

/** One simulated browser: its own IndexedDB and settings, the shared fake `storage.sync`. */
interface Browser {
  name: string;
  db: PaperboyDB;
  settings: Settings;
  status: SyncStatus;
  sync: ReturnType<typeof createSync>;
}

let clock = T0;
const area = (): SyncArea => fakeBrowser.storage.sync;

async function makeBrowser(name: string, cached = IDS): Promise<Browser> {
  const db = await openPaperboyDB(`paperboy-${name}`);
  const tx = db.transaction(['papers', 'states', 'days'], 'readwrite');
  for (const id of cached) {
    void tx.objectStore('papers').put(makePaper({ id, feedDay: DAY, title: `Paper ${id}` }));
    void tx.objectStore('states').put({ id, firstSeenAt: T0 - 60_000, unread: 1, changedAt: T0 - 60_000 });
  }
  void tx.objectStore('days').put({ day: DAY, ids: cached, fetchedAt: T0 - 60_000 });
  await tx.done;
  const browser = { name, db, settings: DEFAULT_SETTINGS, status: SYNC_STATUS_DEFAULT } as Browser;
  const local: SyncLocal = {
    getSettings: () => Promise.resolve(browser.settings),
    setSettings: (settings) => {
      browser.settings = settings;
      return Promise.resolve();
    },
    getStatus: () => Promise.resolve(browser.status),
    setStatus: (status) => {
      browser.status = status;
      return Promise.resolve();
    },
  };
  browser.sync = createSync({ db: () => Promise.resolve(db), now: () => clock, area: area(), local });
  return browser;
}

async function unreadOf(browser: Browser, id: string): Promise<0 | 1 | undefined> {
  return (await browser.db.get('states', id))?.unread;
}

function savedRecord(id: string, at: number, patch: Partial<SavedPaper> = {}): SavedPaper {
  return {
    id,
    paper: makePaper({ id, feedDay: DAY }),
    savedAt: at,
    updatedAt: at,
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'stored', bytes: 100, updatedAt: at },
    ...patch,
  };
}

beforeEach(() => {
  clock = T0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync between two browsers sharing one storage.sync', () => {
  it('a paper read on one is read on the other, and a save shows up as saved (PDF to fetch here)', async () => {
    const laptop = await makeBrowser('laptop');
    const desktop = await makeBrowser('desktop', [IDS[0]!]);
    clock += 1000;
    await setUnread(laptop.db, [IDS[0]!, IDS[1]!], false, clock);
    await laptop.db.put('saved', savedRecord(IDS[2]!, clock, { tags: ['llm'], note: 'read §3' }));

    await laptop.sync.syncNow();
    await desktop.sync.syncNow();

    expect(await unreadOf(desktop, IDS[0]!)).toBe(0);
    // Not cached on the desktop yet: its state waits there, read, for when the day is fetched.
    expect(await unreadOf(desktop, IDS[1]!)).toBe(0);
    const saved = await desktop.db.get('saved', IDS[2]!);
    expect(saved).toMatchObject({ removedAt: null, tags: ['llm'], note: 'read §3', pdf: { state: 'none' } });
    expect(desktop.status.lastSyncedAt).toBe(clock);
    expect(desktop.status.lastError).toBeNull();
  });

  it('keeps the tags and note written on one browser when the other saves the same paper before they sync', async () => {
    const laptop = await makeBrowser('laptop');
    const desktop = await makeBrowser('desktop');
    clock += 1000;
    await laptop.db.put('saved', savedRecord(IDS[2]!, clock, { tags: ['llm'], note: 'read §3', annotatedAt: clock }));
    clock += 1000; // the desktop, offline, saves it too, bare
    await desktop.db.put('saved', savedRecord(IDS[2]!, clock));

    await laptop.sync.syncNow();
    await desktop.sync.syncNow();
    await laptop.sync.syncNow();

    for (const browser of [laptop, desktop]) {
      expect(await browser.db.get('saved', IDS[2]!)).toMatchObject({
        removedAt: null,
        savedAt: clock,
        tags: ['llm'],
        note: 'read §3',
      });
    }
  });

  it('converges whatever the order of read, unread, save, unsave and note on both browsers', async () => {
    type Op =
      | { kind: 'read' | 'unread' | 'save' | 'unsave'; on: 0 | 1; id: number }
      | { kind: 'note'; on: 0 | 1; id: number; text: string }
      | { kind: 'sync'; on: 0 | 1 };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('read' as const, 'unread' as const, 'save' as const, 'unsave' as const),
        on: fc.constantFrom(0 as const, 1 as const),
        id: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({
        kind: fc.constant('note' as const),
        on: fc.constantFrom(0 as const, 1 as const),
        id: fc.integer({ min: 0, max: 2 }),
        text: fc.string({ maxLength: 20 }),
      }),
      fc.record({ kind: fc.constant('sync' as const), on: fc.constantFrom(0 as const, 1 as const) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        run += 1;
        await fakeBrowser.storage.sync.clear();
        clock = T0;
        const browsers = [await makeBrowser(`a${run}`), await makeBrowser(`b${run}`)] as const;
        // What the last change to each paper was, by time: what both must end with.
        const lastRead = new Map<string, boolean>();
        const lastSave = new Map<string, { removed: boolean; note: string }>();
        // The note is its own register: the last note written anywhere, whatever saves came after.
        const lastNote = new Map<string, string>();
        for (const op of ops) {
          clock += 1000;
          const browser = browsers[op.on];
          if (op.kind === 'sync') {
            await browser.sync.syncNow();
            continue;
          }
          const id = IDS[op.id]!;
          if (op.kind === 'read' || op.kind === 'unread') {
            const changed = await setUnread(browser.db, [id], op.kind === 'unread', clock);
            if (changed > 0) lastRead.set(id, op.kind === 'read');
            continue;
          }
          const mine = await browser.db.get('saved', id);
          if (op.kind === 'save') {
            await browser.db.put(
              'saved',
              mine === undefined
                ? savedRecord(id, clock)
                : { ...mine, removedAt: null, updatedAt: clock, annotatedAt: annotatedAtOf(mine) },
            );
            lastSave.set(id, { removed: false, note: lastNote.get(id) ?? '' });
          } else if (mine !== undefined && op.kind === 'unsave') {
            await browser.db.put('saved', {
              ...mine,
              removedAt: clock,
              updatedAt: clock,
              annotatedAt: annotatedAtOf(mine),
            });
            lastSave.set(id, { removed: true, note: lastNote.get(id) ?? '' });
          } else if (mine !== undefined && op.kind === 'note') {
            await browser.db.put('saved', { ...mine, note: op.text, updatedAt: clock, annotatedAt: clock });
            lastNote.set(id, op.text);
            lastSave.set(id, { removed: mine.removedAt !== null, note: op.text });
          }
        }
        clock += 1000;
        await browsers[0].sync.syncNow();
        await browsers[1].sync.syncNow();
        await browsers[0].sync.syncNow();

        for (const id of IDS) {
          const [a, b] = [await unreadOf(browsers[0], id), await unreadOf(browsers[1], id)];
          expect(a).toBe(b);
          if (lastRead.has(id)) expect(a).toBe(lastRead.get(id) === true ? 0 : 1);
          const [savedA, savedB] = [await browsers[0].db.get('saved', id), await browsers[1].db.get('saved', id)];
          expect(savedA?.removedAt ?? null).toBe(savedB?.removedAt ?? null);
          expect(savedA?.note).toBe(savedB?.note);
          expect(savedA?.updatedAt).toBe(savedB?.updatedAt);
          const expected = lastSave.get(id);
          if (expected !== undefined) {
            expect(savedA?.removedAt !== null).toBe(expected.removed);
            expect(savedA?.note).toBe(expected.note);
          }
        }
        // A sync with nothing new writes nothing.
        expect((await browsers[1].sync.syncNow()).written).toBe(0);
        browsers.forEach((browser) => browser.db.close());
      }),
      { numRuns: 40 },
    );
  });

  it('adopts the settings of the other browser on a fresh profile, and a later local change wins back', async () => {
    const laptop = await makeBrowser('laptop');
    const desktop = await makeBrowser('desktop');
    clock += 1000;
    laptop.settings = {
      ...DEFAULT_SETTINGS,
      watchlist: [{ kind: 'keyword', value: 'diffusion' }],
      endpoint: 'https://mirror.example',
    };
    await laptop.sync.onSettingsChanged(laptop.settings);
    await laptop.sync.syncNow();
    await desktop.sync.syncNow();

    expect(desktop.settings.watchlist).toEqual([{ kind: 'keyword', value: 'diffusion' }]);
    // A mirror is granted per browser: it stays on the laptop.
    expect(desktop.settings.endpoint).toBeNull();

    clock += 1000;
    desktop.settings = { ...desktop.settings, badgeMode: 'dot' };
    await desktop.sync.onSettingsChanged(desktop.settings);
    await desktop.sync.syncNow();
    await laptop.sync.syncNow();

    expect(laptop.settings.badgeMode).toBe('dot');
    expect(laptop.settings.watchlist).toEqual([{ kind: 'keyword', value: 'diffusion' }]);
    expect(laptop.settings.endpoint).toBe('https://mirror.example');
  });

  it('reports a refused write and keeps the local state; the next sync succeeds', async () => {
    const laptop = await makeBrowser('laptop');
    const refusing: SyncArea = {
      get: () => area().get(null),
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      remove: (keys) => area().remove(keys),
    };
    const failing = createSync({
      db: () => Promise.resolve(laptop.db),
      now: () => clock,
      area: refusing,
      local: {
        getSettings: () => Promise.resolve(laptop.settings),
        setSettings: () => Promise.resolve(),
        getStatus: () => Promise.resolve(laptop.status),
        setStatus: (status) => {
          laptop.status = status;
          return Promise.resolve();
        },
      },
    });
    clock += 1000;
    await setUnread(laptop.db, [IDS[0]!], false, clock);

    expect((await failing.syncNow()).ok).toBe(false);
    expect(laptop.status.lastError).toMatch(/refused/);
    expect(await unreadOf(laptop, IDS[0]!)).toBe(0);

    expect((await laptop.sync.syncNow()).ok).toBe(true);
    expect(laptop.status.lastError).toBeNull();
  });

  it('gives a paper saved only on the other browser a valid record: a backup with it restores', async () => {
    const laptop = await makeBrowser('laptop', []);
    const desktop = await makeBrowser('desktop', []);
    clock += 1000;
    await laptop.db.put('saved', savedRecord(IDS[0]!, clock, { note: 'to read' }));
    await laptop.sync.syncNow();

    // The desktop has neither the paper cached nor a way to look it up (offline).
    await desktop.sync.syncNow();

    const record = (await desktop.db.get('saved', IDS[0]!))!;
    expect(record.paper.feedDay).toBe('2026-11-26');
    expect(isPlaceholderPaper(record.paper)).toBe(true);
    expect(isSavedElsewhere(record)).toBe(true);
    const exported = createBackup({ states: [], saved: [record], settings: DEFAULT_SETTINGS, now: clock });
    const parsed = parseBackup(JSON.stringify(exported));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = planRestore({ states: [], saved: [], settings: DEFAULT_SETTINGS }, parsed.backup);
    expect(plan.report.savedAdded).toBe(1);
    expect(plan.saved[0]).toMatchObject({ id: IDS[0], note: 'to read' });
  });

  it('does nothing while sync is off', async () => {
    const laptop = await makeBrowser('laptop');
    laptop.status = { ...laptop.status, enabled: false };
    await setUnread(laptop.db, [IDS[0]!], false, clock + 1000);

    await laptop.sync.syncNow();

    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
