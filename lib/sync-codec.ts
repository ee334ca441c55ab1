import { addDays } from './feed-day';
import { canonical, emptySyncState, type SyncedRead, type SyncedSave, type SyncState } from './sync-model';

/**
 * The compact encoding of a SyncState into `storage.sync` items, within its quotas
 * (Chrome: 102,400 bytes in all, 8,192 per item counting the key, 512 items; Firefox the same).
 *
 * - `pb:v`: the format version.
 * - `pb:cfg`: the settings register, JSON.
 * - `pb:r:YYYY-MM`: the read registers of one month of feed days, as text: one line per day
 *   (`DD` then groups), a group per arXiv month prefix (`2611.` then entries), an entry per
 *   paper (`<id number delta>:<time delta>` in base 36, `!` when unread). Ids that are not
 *   new-style arXiv ids go in a `~` group verbatim. About 5 bytes per paper.
 * - `pb:s:N`: saved papers, hashed into 16 buckets so saving one paper rewrites one item.
 * A value longer than an item holds continues in `<key>#1`, `<key>#2`…
 */

export const SYNC_FORMAT_VERSION = 1;
export const SYNC_PREFIX = 'pb:';
/** Chrome's `storage.sync.QUOTA_BYTES`. */
export const SYNC_QUOTA_BYTES = 102_400;
/** Chrome's `storage.sync.QUOTA_BYTES_PER_ITEM` (key length + JSON of the value). */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8_192;
export const SYNC_MAX_ITEMS = 512;
/** What Paperboy allows itself: a margin under the quota for other writes and rounding. */
export const SYNC_BUDGET_BYTES = 90_000;
/** Read state older than this many days (by feed day) is not synced: the badge and the recent days are what a second browser shows. */
export const SYNC_READ_WINDOW_DAYS = 180;
/** Longest note synced as it is; longer ones are clipped first when space runs short. */
export const SYNC_NOTE_MAX = 1_000;
const SAVE_BUCKETS = 16;
/** What one item may take, a little under the quota. */
const ITEM_LIMIT = SYNC_QUOTA_BYTES_PER_ITEM - 64;
const TIME_BASE = Date.UTC(2023, 0, 1) / 1000;

export type SyncItems = Record<string, string>;

export interface EncodeResult {
  ok: boolean;
  items: SyncItems;
  bytes: number;
  /** What had to be left out to fit: read days before `readsFrom`, notes clipped, tombstones dropped. */
  pruned: { readsFrom: string; notesClipped: number; tombstonesDropped: number; readsDropped: number };
}

/** Bytes an item costs against the quota, as Chrome counts them: key plus JSON of the value. */
export function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Total bytes of a set of items. */
export function totalBytes(items: Record<string, unknown>): number {
  let sum = 0;
  for (const [key, value] of Object.entries(items)) sum += itemBytes(key, value);
  return sum;
}

/**
 * Encodes a state for `storage.sync`, pruning what matters least until it fits the budget:
 * read state older than the window, then long notes, then old tombstones, then the oldest read
 * months. `ok` is false only when even that is not enough.
 */
export function encodeSyncState(
  state: SyncState,
  options: { today: string; now: number; budget?: number; windowDays?: number },
): EncodeResult {
  const budget = options.budget ?? SYNC_BUDGET_BYTES;
  let readsFrom = addDays(options.today, -(options.windowDays ?? SYNC_READ_WINDOW_DAYS));
  const pruned = { readsFrom, notesClipped: 0, tombstonesDropped: 0, readsDropped: 0 };
  let noteMax = SYNC_NOTE_MAX;
  let tombstoneAge = Number.POSITIVE_INFINITY;
  for (;;) {
    const reads = [...state.reads].filter(([, read]) => read.day >= readsFrom);
    const saves = [...state.saves.values()].filter(
      (save) => save.removedAt === null || options.now - save.removedAt <= tombstoneAge,
    );
    const clipped = saves.map((save) =>
      save.note.length > noteMax ? { ...save, note: save.note.slice(0, noteMax), noteClipped: true } : save,
    );
    const items = buildItems(new Map(reads), clipped, state.settings);
    const bytes = totalBytes(items);
    const result = {
      items,
      bytes,
      pruned: {
        readsFrom,
        notesClipped: clipped.filter((save, index) => save !== saves[index]).length,
        tombstonesDropped: state.saves.size - saves.length,
        readsDropped: state.reads.size - reads.length,
      },
    };
    if ((bytes <= budget && Object.keys(items).length <= SYNC_MAX_ITEMS) || result.pruned.readsFrom > options.today)
      return { ok: bytes <= budget, ...result };
    // Too big: give up the least useful part first.
    if (noteMax > 200) noteMax = noteMax > 500 ? 500 : 200;
    else if (tombstoneAge === Number.POSITIVE_INFINITY) tombstoneAge = 30 * 86_400_000;
    else if (noteMax > 0) noteMax = noteMax > 50 ? 50 : 0;
    else readsFrom = addDays(readsFrom, 30);
    pruned.readsFrom = readsFrom;
  }
}

function buildItems(reads: Map<string, SyncedRead>, saves: SyncedSave[], settings: SyncState['settings']): SyncItems {
  const items: SyncItems = { [`${SYNC_PREFIX}v`]: String(SYNC_FORMAT_VERSION) };
  if (settings !== null) putChunked(items, `${SYNC_PREFIX}cfg`, JSON.stringify([settings.updatedAt, settings.value]));
  const byMonth = new Map<string, Map<string, [string, SyncedRead][]>>();
  for (const [id, read] of reads) {
    const month = read.day.slice(0, 7);
    const days = byMonth.get(month) ?? new Map<string, [string, SyncedRead][]>();
    byMonth.set(month, days);
    const list = days.get(read.day) ?? [];
    days.set(read.day, list);
    list.push([id, read]);
  }
  for (const [month, days] of byMonth) putChunked(items, `${SYNC_PREFIX}r:${month}`, encodeMonth(days));
  const buckets = new Map<number, SyncedSave[]>();
  for (const save of saves) {
    const bucket = hashBucket(save.id);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), save]);
  }
  for (const [bucket, list] of buckets) {
    list.sort((a, b) => (a.id < b.id ? -1 : 1));
    putChunked(items, `${SYNC_PREFIX}s:${bucket}`, JSON.stringify(list.map(packSave)));
  }
  return items;
}

/** New-style arXiv ids (`2611.01234`, `1412.1234`) compress to a prefix and a number; others stay verbatim. */
function splitId(id: string): { prefix: string; number: number } | null {
  const match = /^(\d{4})\.(\d{4,5})$/.exec(id);
  if (match === null) return null;
  const [, prefix, digits] = match as unknown as [string, string, string];
  // Five digits since 2015-01, four before: the width follows from the prefix, so the id comes back exactly.
  if (digits.length !== (prefix >= '1501' ? 5 : 4)) return null;
  return { prefix, number: Number(digits) };
}

function encodeMonth(days: Map<string, [string, SyncedRead][]>): string {
  const lines: string[] = [];
  for (const day of [...days.keys()].sort()) {
    const entries = days.get(day)!;
    const groups = new Map<string, { number: number; id: string; read: SyncedRead }[]>();
    for (const [id, read] of entries) {
      const split = splitId(id);
      const key = split === null ? '~' : split.prefix;
      groups.set(key, [...(groups.get(key) ?? []), { number: split?.number ?? 0, id, read }]);
    }
    let lastTime = TIME_BASE;
    const parts = [day.slice(8, 10)];
    for (const key of [...groups.keys()].sort()) {
      const list = groups.get(key)!.sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1));
      let lastNumber = 0;
      const coded = list.map(({ number, id, read }) => {
        const seconds = Math.floor(read.at / 1000);
        const time = signed36(seconds - lastTime);
        lastTime = seconds;
        const head = key === '~' ? id : (number - lastNumber).toString(36);
        lastNumber = number;
        return `${head}:${time}${read.read ? '' : '!'}`;
      });
      parts.push(`${key}${key === '~' ? '' : '.'}${coded.join(',')}`);
    }
    lines.push(parts.join(' '));
  }
  return lines.join('\n');
}

function signed36(n: number): string {
  return n < 0 ? `-${(-n).toString(36)}` : n.toString(36);
}

function packSave(save: SyncedSave): unknown[] {
  const packed: unknown[] = [
    save.id,
    Math.floor(save.updatedAt / 1000) - TIME_BASE,
    Math.floor(save.savedAt / 1000) - TIME_BASE,
    save.removedAt === null ? 0 : Math.floor(save.removedAt / 1000) - TIME_BASE,
    save.tags,
    save.note,
  ];
  // Then [clipped, annotated]: the time of the tags and note only when it is not the one a
  // decoder assumes (the last change when there are any, none otherwise), so most saves stay short.
  if (save.annotatedAt !== assumedAnnotatedAt(save)) {
    packed.push(save.noteClipped ? 1 : 0, save.annotatedAt === 0 ? 0 : Math.floor(save.annotatedAt / 1000) - TIME_BASE);
  } else if (save.noteClipped) packed.push(1);
  return packed;
}

/** The tags' and note's time a save written without one has. */
function assumedAnnotatedAt(save: Pick<SyncedSave, 'tags' | 'note' | 'updatedAt'>): number {
  return save.tags.length > 0 || save.note !== '' ? save.updatedAt : 0;
}

function putChunked(items: SyncItems, key: string, value: string): void {
  if (itemBytes(key, value) <= ITEM_LIMIT) {
    items[key] = value;
    return;
  }
  // Cut where the item, as Chrome counts it (UTF-8 of the key and of the value's JSON, escapes
  // included), just fits; never inside a surrogate pair.
  for (let index = 0, start = 0; start < value.length; index += 1) {
    const chunkKey = index === 0 ? key : `${key}#${index}`;
    let low = start + 1;
    let high = Math.min(value.length, start + ITEM_LIMIT);
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (itemBytes(chunkKey, value.slice(start, mid)) <= ITEM_LIMIT) low = mid;
      else high = mid - 1;
    }
    let end = low;
    if (end < value.length && /[\uD800-\uDBFF]/.test(value[end - 1] ?? '')) end -= 1;
    items[chunkKey] = value.slice(start, end);
    start = end;
  }
}

function hashBucket(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index += 1) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % SAVE_BUCKETS;
}

export interface DecodeResult {
  state: SyncState;
  /** Items that could not be read (another version, hand-edited, cut short): skipped, not fatal. */
  skipped: string[];
  /** Written by a newer Paperboy: nothing is read and nothing may be written over it. */
  newerFormat: boolean;
}

/** Reads `storage.sync` items back into a state. Never throws; what it cannot read it skips and names. */
export function decodeSyncItems(raw: Record<string, unknown>): DecodeResult {
  const state = emptySyncState();
  const skipped: string[] = [];
  const version = Number(raw[`${SYNC_PREFIX}v`]);
  if (Number.isFinite(version) && version > SYNC_FORMAT_VERSION) return { state, skipped, newerFormat: true };
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(SYNC_PREFIX) || key.includes('#') || key === `${SYNC_PREFIX}v`) continue;
    const text = joinChunks(raw, key);
    try {
      if (text === null) throw new Error('not text');
      if (key === `${SYNC_PREFIX}cfg`) {
        const [updatedAt, value] = JSON.parse(text) as [unknown, unknown];
        if (!isTime(updatedAt) || typeof value !== 'object' || value === null || Array.isArray(value))
          throw new Error('bad settings');
        state.settings = { updatedAt, value: value as Record<string, unknown> };
      } else if (key.startsWith(`${SYNC_PREFIX}r:`)) {
        const month = key.slice(`${SYNC_PREFIX}r:`.length);
        if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('bad month');
        for (const [id, read] of decodeMonth(month, text)) state.reads.set(id, read);
      } else if (key.startsWith(`${SYNC_PREFIX}s:`)) {
        for (const save of decodeSaves(text)) state.saves.set(save.id, save);
      } else {
        throw new Error('unknown item');
      }
    } catch {
      skipped.push(key);
    }
  }
  return { state, skipped, newerFormat: false };
}

function joinChunks(raw: Record<string, unknown>, key: string): string | null {
  let text = raw[key];
  if (typeof text !== 'string') return null;
  for (let index = 1; typeof raw[`${key}#${index}`] === 'string'; index += 1) text += raw[`${key}#${index}`] as string;
  return text;
}

function decodeMonth(month: string, text: string): [string, SyncedRead][] {
  const out: [string, SyncedRead][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [dd, ...groups] = line.split(' ');
    if (dd === undefined || !/^\d{2}$/.test(dd)) throw new Error('bad day');
    const day = `${month}-${dd}`;
    let lastTime = TIME_BASE;
    for (const group of groups) {
      const verbatim = group.startsWith('~');
      const prefix = verbatim ? '~' : group.slice(0, 4);
      if (!verbatim && (!/^\d{4}$/.test(prefix) || group[4] !== '.')) throw new Error('bad group');
      let lastNumber = 0;
      for (const entry of group.slice(verbatim ? 1 : 5).split(',')) {
        const match = /^([^:]+):(-?[0-9a-z]+)(!?)$/.exec(entry);
        if (match === null) throw new Error('bad entry');
        const [, head, time, unread] = match as unknown as [string, string, string, string];
        const seconds = lastTime + parseSigned36(time);
        lastTime = seconds;
        let id = head;
        if (!verbatim) {
          const number = lastNumber + parseInt(head, 36);
          if (!Number.isSafeInteger(number)) throw new Error('bad number');
          lastNumber = number;
          id = `${prefix}.${String(number).padStart(prefix >= '1501' ? 5 : 4, '0')}`;
        }
        out.push([id, { day, at: seconds * 1000, read: unread === '' }]);
      }
    }
  }
  return out;
}

function parseSigned36(text: string): number {
  const n = text.startsWith('-') ? -parseInt(text.slice(1), 36) : parseInt(text, 36);
  if (!Number.isSafeInteger(n)) throw new Error('bad time');
  return n;
}

function decodeSaves(text: string): SyncedSave[] {
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new Error('bad saves');
  return list.map((packed): SyncedSave => {
    if (!Array.isArray(packed)) throw new Error('bad save');
    const [id, updated, saved, removed, tags, note, clipped, annotated] = packed as unknown[];
    if (
      typeof id !== 'string' ||
      !isSeconds(updated) ||
      !isSeconds(saved) ||
      !isSeconds(removed) ||
      !Array.isArray(tags) ||
      !tags.every((tag) => typeof tag === 'string') ||
      typeof note !== 'string' ||
      (annotated !== undefined && !isSeconds(annotated))
    )
      throw new Error('bad save');
    const updatedAt = (updated + TIME_BASE) * 1000;
    return {
      id,
      updatedAt,
      savedAt: (saved + TIME_BASE) * 1000,
      removedAt: removed === 0 ? null : (removed + TIME_BASE) * 1000,
      tags: tags,
      note,
      noteClipped: clipped === 1,
      annotatedAt:
        annotated === undefined
          ? assumedAnnotatedAt({ tags, note, updatedAt })
          : annotated === 0
            ? 0
            : (annotated + TIME_BASE) * 1000,
    };
  });
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The writes that turn the stored items into `next`: changed items to set, Paperboy items to remove. */
export function planSyncWrite(stored: Record<string, unknown>, next: SyncItems): { set: SyncItems; remove: string[] } {
  const set: SyncItems = {};
  for (const [key, value] of Object.entries(next)) if (stored[key] !== value) set[key] = value;
  const remove = Object.keys(stored).filter((key) => key.startsWith(SYNC_PREFIX) && !(key in next));
  return { set, remove };
}

/** Whether two states hold the same registers (for tests and for skipping no-op writes). */
export function sameSyncState(a: SyncState, b: SyncState): boolean {
  return canonical(toPlain(a)) === canonical(toPlain(b));
}

function toPlain(state: SyncState): unknown {
  return {
    reads: Object.fromEntries(state.reads),
    saves: Object.fromEntries(state.saves),
    settings: state.settings,
  };
}
