// The storage.sync bytes of a heavy user, with the extension's own codec (lib/sync-codec.ts):
// a year of daily reading (365 feed days × ~15 papers, realistic arXiv ids in the API's
// upvote order, read a few hours to days after they were listed, a few marked unread again)
// and 500 saved papers with tags and notes up to the clip size (plus 50 removed ones). Bundled
// into the bench page (scripts/bench-page.ts) and run by tests/unit/sync-bench.test.ts.
import { addDays, feedDayAt } from '../lib/feed-day';
import {
  encodeSyncState,
  itemBytes,
  SYNC_BUDGET_BYTES,
  SYNC_MAX_ITEMS,
  SYNC_NOTE_MAX,
  SYNC_QUOTA_BYTES,
  SYNC_READ_WINDOW_DAYS,
} from '../lib/sync-codec';
import { emptySyncState, toSyncTime, type SyncState } from '../lib/sync-model';

export interface SyncBenchResult {
  readDays: number;
  papersRead: number;
  saved: number;
  removed: number;
  /** Everything, unpruned (what a naive encoding of the same registers would have to hold). */
  unprunedBytes: number;
  /** What Paperboy writes: the read window and the budget applied. */
  bytes: number;
  /** Of which read state (`pb:r:*`) and saved papers (`pb:s:*`). */
  readBytes: number;
  saveBytes: number;
  items: number;
  fits: boolean;
  readsKeptFrom: string;
  readsDropped: number;
  notesClipped: number;
  quotaBytes: number;
  budgetBytes: number;
  maxItems: number;
}

/** A small seeded generator, so every run measures the same user. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS =
  'method results baseline ablation dataset scaling reward model token attention proof section figure'.split(' ');

/** The heavy user's sync state at `now`. */
export function heavyUserState(now: number): SyncState {
  const random = seeded(7);
  const state = emptySyncState();
  const today = feedDayAt(now);
  const ids: string[] = [];
  for (let back = 364; back >= 0; back -= 1) {
    const day = addDays(today, -back);
    const dayStart = Date.parse(`${day}T12:00:00Z`);
    // arXiv ids of the month the papers were submitted in (the feed lists them days later).
    const month = addDays(day, -3);
    const prefix = `${month.slice(2, 4)}${month.slice(5, 7)}`;
    const count = 12 + Math.floor(random() * 7);
    for (let index = 0; index < count; index += 1) {
      const id = `${prefix}.${String(Math.floor(random() * 26_000)).padStart(5, '0')}`;
      if (state.reads.has(id)) continue;
      ids.push(id);
      const at = toSyncTime(dayStart + Math.floor(random() * 2 * 86_400_000));
      state.reads.set(id, { day, at: Math.min(at, toSyncTime(now)), read: random() > 0.03 });
    }
  }
  const note = (length: number): string => {
    let text = '';
    while (text.length < length) text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    return text.slice(0, length).trim();
  };
  for (let index = 0; index < 550; index += 1) {
    const id = ids[Math.floor((index / 550) * ids.length)]!;
    const savedAt = state.reads.get(id)!.at;
    const isRemoved = index % 11 === 10;
    const tags = ['llm', 'rl', 'vision', 'to-read'].slice(0, Math.floor(random() * 4));
    // Notes up to the clip size: a third empty, the rest spread up to SYNC_NOTE_MAX characters.
    const text = index % 3 === 0 ? '' : note(Math.floor(random() * SYNC_NOTE_MAX));
    state.saves.set(id, {
      id,
      savedAt,
      updatedAt: savedAt + 3_600_000,
      removedAt: isRemoved ? savedAt + 3_600_000 : null,
      tags,
      note: text,
      noteClipped: false,
      // Annotated an hour after the save; a removal comes later still (its time then travels too).
      annotatedAt: tags.length > 0 || text !== '' ? savedAt + (isRemoved ? 1_800_000 : 3_600_000) : 0,
    });
  }
  state.settings = { updatedAt: toSyncTime(now), value: { refreshMinutes: 30, watchlist: [], badgeMode: 'unread' } };
  return state;
}

/** Encodes the heavy user's state as sync would, and unpruned for comparison. */
export function measureSyncHeavyUser(now: number): SyncBenchResult {
  const state = heavyUserState(now);
  const today = feedDayAt(now);
  const unpruned = encodeSyncState(state, { today, now, budget: Number.MAX_SAFE_INTEGER, windowDays: 100_000 });
  const encoded = encodeSyncState(state, { today, now });
  const saves = [...state.saves.values()];
  const bytesOf = (prefix: string): number =>
    Object.entries(encoded.items)
      .filter(([key]) => key.startsWith(prefix))
      .reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  return {
    readDays: 365,
    papersRead: state.reads.size,
    saved: saves.filter((save) => save.removedAt === null).length,
    removed: saves.filter((save) => save.removedAt !== null).length,
    unprunedBytes: unpruned.bytes,
    bytes: encoded.bytes,
    readBytes: bytesOf('pb:r:'),
    saveBytes: bytesOf('pb:s:'),
    items: Object.keys(encoded.items).length,
    fits: encoded.ok,
    readsKeptFrom: encoded.pruned.readsFrom,
    readsDropped: encoded.pruned.readsDropped,
    notesClipped: encoded.pruned.notesClipped,
    quotaBytes: SYNC_QUOTA_BYTES,
    budgetBytes: SYNC_BUDGET_BYTES,
    maxItems: SYNC_MAX_ITEMS,
  };
}

/** The read window, for the bench's label. */
export const READ_WINDOW_DAYS = SYNC_READ_WINDOW_DAYS;
