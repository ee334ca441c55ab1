import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSyncItems,
  encodeSyncState,
  itemBytes,
  planSyncWrite,
  sameSyncState,
  SYNC_BUDGET_BYTES,
  SYNC_QUOTA_BYTES_PER_ITEM,
  totalBytes,
} from '@/lib/sync-codec';
import {
  emptySyncState,
  mergeSyncStates,
  readsFromStates,
  saveToApply,
  statesToApply,
  type SyncedRead,
  type SyncedSave,
  type SyncState,
} from '@/lib/sync-model';
import type { PaperState, SavedPaper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const T0 = Date.UTC(2026, 10, 26, 12);
const TODAY = '2026-11-26';

// Generators: ids in the shapes the API uses (new-style arXiv, old four-digit, verbatim others),
// times in whole seconds around T0, days in the last months.
const idArb = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2301, max: 2611 }), fc.integer({ min: 0, max: 99_999 }))
    .map(([prefix, n]) => `${prefix}.${String(n).padStart(5, '0')}`),
  fc.integer({ min: 0, max: 9_999 }).map((n) => `1412.${String(n).padStart(4, '0')}`),
  fc.constantFrom('hep-th/9901001', '2611.12345v2', 'weird_id-1'),
);
const timeArb = fc.integer({ min: -200 * 86_400, max: 10 * 86_400 }).map((s) => T0 + s * 1000);
const dayArb = fc.integer({ min: 0, max: 170 }).map((n) => new Date(T0 - n * 86_400_000).toISOString().slice(0, 10));
const readArb: fc.Arbitrary<SyncedRead> = fc.record({ day: dayArb, at: timeArb, read: fc.boolean() });
const saveArb = (id: string): fc.Arbitrary<SyncedSave> =>
  fc.record({
    id: fc.constant(id),
    updatedAt: timeArb,
    savedAt: timeArb,
    removedAt: fc.option(timeArb, { nil: null }),
    tags: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
    note: fc.string({ maxLength: 80 }),
    noteClipped: fc.constant(false),
    annotatedAt: fc.oneof(fc.constant(0), timeArb),
  });
const stateArb: fc.Arbitrary<SyncState> = fc
  .record({
    reads: fc.array(fc.tuple(idArb, readArb), { maxLength: 40 }),
    saveIds: fc.uniqueArray(idArb, { maxLength: 8 }),
    settings: fc.option(fc.record({ updatedAt: timeArb, value: fc.record({ refreshMinutes: fc.nat(100) }) }), {
      nil: null,
    }),
  })
  .chain(({ reads, saveIds, settings }) =>
    fc.tuple(...saveIds.map(saveArb)).map((saves) => ({
      reads: new Map(reads),
      saves: new Map(saves.map((save) => [save.id, save])),
      settings,
    })),
  );

describe('merging sync states', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        expect(sameSyncState(mergeSyncStates(a, b), mergeSyncStates(b, a))).toBe(true);
        expect(
          sameSyncState(mergeSyncStates(mergeSyncStates(a, b), c), mergeSyncStates(a, mergeSyncStates(b, c))),
        ).toBe(true);
        expect(sameSyncState(mergeSyncStates(a, a), a)).toBe(true);
        const ab = mergeSyncStates(a, b);
        expect(sameSyncState(mergeSyncStates(ab, b), ab)).toBe(true);
      }),
    );
  });

  it('keeps both changes when two browsers change different papers', () => {
    const a = emptySyncState();
    a.reads.set('2611.00001', { day: '2026-11-25', at: T0, read: true });
    const b = emptySyncState();
    b.reads.set('2611.00002', { day: '2026-11-25', at: T0 + 1000, read: false });

    const merged = mergeSyncStates(a, b);

    expect([...merged.reads.keys()].sort()).toEqual(['2611.00001', '2611.00002']);
  });

  it('lets a newer "mark unread" win over an older read, and read win a tie', () => {
    const read: SyncedRead = { day: '2026-11-25', at: T0, read: true };
    const laterUnread: SyncedRead = { day: '2026-11-25', at: T0 + 1000, read: false };
    const sameTimeUnread: SyncedRead = { day: '2026-11-25', at: T0, read: false };
    const one = (value: SyncedRead): SyncState => ({ ...emptySyncState(), reads: new Map([['x', value]]) });

    expect(mergeSyncStates(one(read), one(laterUnread)).reads.get('x')).toEqual(laterUnread);
    expect(mergeSyncStates(one(sameTimeUnread), one(read)).reads.get('x')).toEqual(read);
  });

  it('treats an unsave as a tombstone that a newer save (an undo) beats', () => {
    const saved: SyncedSave = {
      id: 'x',
      updatedAt: T0,
      savedAt: T0,
      removedAt: null,
      tags: ['a'],
      note: 'n',
      noteClipped: false,
      annotatedAt: T0,
    };
    const removed = { ...saved, updatedAt: T0 + 1000, removedAt: T0 + 1000 };
    const restored = { ...saved, updatedAt: T0 + 2000 };
    const one = (value: SyncedSave): SyncState => ({ ...emptySyncState(), saves: new Map([['x', value]]) });

    expect(mergeSyncStates(one(saved), one(removed)).saves.get('x')?.removedAt).toBe(T0 + 1000);
    expect(mergeSyncStates(one(removed), one(restored)).saves.get('x')?.removedAt).toBeNull();
  });
});

describe('the storage.sync encoding', () => {
  it('round-trips any state inside the window exactly', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const encoded = encodeSyncState(state, { today: TODAY, now: T0 });
        const decoded = decodeSyncItems(encoded.items);

        expect(encoded.ok).toBe(true);
        expect(decoded.skipped).toEqual([]);
        expect(sameSyncState(decoded.state, state)).toBe(true);
      }),
    );
  });

  it('keeps every item under the per-item quota and the whole under the budget', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const { items, bytes } = encodeSyncState(state, { today: TODAY, now: T0 });
        for (const [key, value] of Object.entries(items))
          expect(itemBytes(key, value)).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM);
        expect(bytes).toBe(totalBytes(items));
        expect(bytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
      }),
    );
  });

  it('fits a heavy user: a year of daily reading and 500 saved papers with notes', () => {
    const state = heavyUser();

    const encoded = encodeSyncState(state, { today: TODAY, now: T0 });

    expect(encoded.ok).toBe(true);
    expect(encoded.bytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
    // The saved list is never pruned; the read state keeps at least the last 90 days.
    expect(decodeSyncItems(encoded.items).state.saves.size).toBe(500);
    expect(encoded.pruned.readsFrom <= '2026-08-28').toBe(true);
  });

  it('leaves out read state older than the window', () => {
    const state = emptySyncState();
    state.reads.set('2301.00001', { day: '2023-01-05', at: T0, read: true });
    state.reads.set('2611.00001', { day: '2026-11-20', at: T0, read: true });

    const decoded = decodeSyncItems(encodeSyncState(state, { today: TODAY, now: T0 }).items).state;

    expect([...decoded.reads.keys()]).toEqual(['2611.00001']);
  });

  it('splits a value longer than an item into continuation items', () => {
    const state = emptySyncState();
    state.settings = {
      updatedAt: T0,
      value: { watchlist: Array.from({ length: 600 }, (_, i) => `“quoted” keyword ${i}`) },
    };

    const { items } = encodeSyncState(state, { today: TODAY, now: T0 });

    expect(Object.keys(items)).toContain('pb:cfg#1');
    for (const [key, value] of Object.entries(items))
      expect(itemBytes(key, value)).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM);
    expect(decodeSyncItems(items).state.settings).toEqual(state.settings);
  });

  it('skips an unreadable item, names it, and reads the rest', () => {
    const state = emptySyncState();
    state.reads.set('2611.00001', { day: '2026-11-20', at: T0, read: true });
    const { items } = encodeSyncState(state, { today: TODAY, now: T0 });

    const decoded = decodeSyncItems({ ...items, 'pb:r:2026-10': 'garbage line', 'pb:s:3': '{', 'other:key': 1 });

    expect(decoded.skipped.sort()).toEqual(['pb:r:2026-10', 'pb:s:3']);
    expect(decoded.state.reads.get('2611.00001')?.read).toBe(true);
  });

  it('never throws on arbitrary items', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().map((key) => `pb:${key}`),
          fc.jsonValue(),
        ),
        (raw) => {
          expect(() => decodeSyncItems(raw)).not.toThrow();
        },
      ),
    );
  });

  it('reads nothing from a newer format (and so writes nothing over it)', () => {
    expect(decodeSyncItems({ 'pb:v': '2', 'pb:cfg': '[1,{}]' })).toMatchObject({ newerFormat: true });
  });

  it('writes only the items that changed and removes the ones gone', () => {
    const state = emptySyncState();
    state.reads.set('2611.00001', { day: '2026-11-20', at: T0, read: true });
    const first = encodeSyncState(state, { today: TODAY, now: T0 }).items;
    state.reads.set('2611.00002', { day: '2026-10-20', at: T0, read: true });
    const second = encodeSyncState(state, { today: TODAY, now: T0 }).items;

    expect(planSyncWrite(first, first)).toEqual({ set: {}, remove: [] });
    expect(Object.keys(planSyncWrite(first, second).set)).toEqual(['pb:r:2026-10']);
    expect(planSyncWrite({ ...second, 'pb:s:1': '[]', unrelated: 'x' }, second).remove).toEqual(['pb:s:1']);
  });
});

describe('between the local database and the sync state', () => {
  const state = (id: string, unread: 0 | 1, changedAt: number, firstSeenAt = T0 - 10_000): PaperState => ({
    id,
    unread,
    changedAt,
    firstSeenAt,
  });

  it('contributes only the changes the user made', () => {
    const reads = readsFromStates(
      [state('touched', 0, T0 + 1500), state('untouched', 1, T0 - 10_000), state('no-day', 0, T0 + 1000)],
      (id) => (id === 'no-day' ? undefined : '2026-11-25'),
    );

    expect([...reads]).toEqual([['touched', { day: '2026-11-25', at: T0 + 1000, read: true }]]);
  });

  it('applies newer remote changes, keeps newer local ones, and pre-sets papers not cached here', () => {
    const local = new Map([
      ['older-here', state('older-here', 1, T0)],
      ['newer-here', state('newer-here', 1, T0 + 5000)],
      ['same', state('same', 0, T0)],
    ]);
    const remote = new Map<string, SyncedRead>([
      ['older-here', { day: 'd', at: T0 + 1000, read: true }],
      ['newer-here', { day: 'd', at: T0 + 1000, read: true }],
      ['same', { day: 'd', at: T0 + 1000, read: true }],
      ['not-cached', { day: 'd', at: T0 + 1000, read: true }],
    ]);

    const writes = statesToApply(local, remote);

    expect(writes).toEqual([
      { ...state('older-here', 0, T0 + 1000) },
      { id: 'not-cached', firstSeenAt: T0 + 999, unread: 0, changedAt: T0 + 1000 },
    ]);
    // Applying them and asking again changes nothing.
    for (const write of writes) local.set(write.id, write);
    expect(statesToApply(local, remote)).toEqual([]);
  });

  it('marks read a paper first seen here after it was read elsewhere (its default state is no change)', () => {
    const local = new Map([['arrived-later', state('arrived-later', 1, T0 + 60_000, T0 + 60_000)]]);
    const remote = new Map<string, SyncedRead>([['arrived-later', { day: 'd', at: T0, read: true }]]);

    const writes = statesToApply(local, remote);

    expect(writes).toEqual([{ id: 'arrived-later', firstSeenAt: T0 - 1, unread: 0, changedAt: T0 }]);
    for (const write of writes) local.set(write.id, write);
    expect(statesToApply(local, remote)).toEqual([]);
  });

  it('applies a newer synced save but keeps a longer local note the clipped one came from', () => {
    const local: SavedPaper = {
      id: 'x',
      paper: makePaper({ id: 'x' }),
      savedAt: T0,
      updatedAt: T0,
      removedAt: null,
      tags: [],
      note: 'a long note that was clipped',
      pdf: { state: 'stored', bytes: 10, updatedAt: T0 },
    };
    const remote: SyncedSave = {
      id: 'x',
      updatedAt: T0 + 1000,
      savedAt: T0,
      removedAt: null,
      tags: ['t'],
      note: 'a long',
      noteClipped: true,
      annotatedAt: T0 + 1000,
    };

    expect(saveToApply(local, remote, undefined)).toEqual({
      ...local,
      updatedAt: T0 + 1000,
      tags: ['t'],
      annotatedAt: T0 + 1000,
    });
    expect(saveToApply(local, { ...remote, updatedAt: T0, annotatedAt: T0 - 1000 }, undefined)).toBeNull();
  });
});

/** A year of weekday feeds of 50 papers, all read, and 500 saved papers with 300-character notes and tags. */
function heavyUser(): SyncState {
  const state = emptySyncState();
  let serial = 0;
  for (let n = 0; n < 365; n += 1) {
    const date = new Date(T0 - n * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const day = date.toISOString().slice(0, 10);
    const prefix = `${day.slice(2, 4)}${day.slice(5, 7)}`;
    for (let k = 0; k < 50; k += 1) {
      serial += 7 + (k % 13);
      state.reads.set(`${prefix}.${String(serial % 30_000).padStart(5, '0')}`, {
        day,
        at: Math.floor((T0 - n * 86_400_000 + 3_600_000 + k * 20_000) / 1000) * 1000,
        read: true,
      });
    }
  }
  for (let k = 0; k < 500; k += 1) {
    const id = `25${String(1 + (k % 12)).padStart(2, '0')}.${String(10_000 + k * 37).padStart(5, '0')}`;
    state.saves.set(id, {
      id,
      updatedAt: T0 - k * 3_600_000,
      savedAt: T0 - k * 3_600_000,
      removedAt: null,
      tags: ['to-read', k % 2 === 0 ? 'llm' : 'vision'],
      note: `Note ${k}: ${'careful reading of the method section. '.repeat(8)}`,
      noteClipped: false,
      annotatedAt: T0 - k * 3_600_000,
    });
  }
  return state;
}
