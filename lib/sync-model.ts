import { annotatedAtOf } from './saved-record';
import type { Paper, PaperState, SavedPaper } from './types';

/**
 * Sync state: what travels between the user's browsers through the browser's own sync storage.
 * Every piece is a last-writer-wins register, so merging is a join: commutative, associative and
 * idempotent. Two browsers changing different papers keep both changes; the same paper keeps
 * the newer change (of a saved paper: the newer save/unsave, and apart from it the newer
 * tags and note).
 */

/** One paper's read state: the last read/unread change. On a tie, read wins. */
export interface SyncedRead {
  /** Feed day of the paper: groups the encoding and lets old days be pruned. */
  day: string;
  /** When the change happened (ms, whole seconds: the encoding keeps seconds). */
  at: number;
  read: boolean;
}

/** One saved paper's user part (the snapshot and the PDF stay on each device). */
export interface SyncedSave {
  id: string;
  updatedAt: number;
  savedAt: number;
  /** A tombstone: removed then; an undo on any device is a newer save. */
  removedAt: number | null;
  tags: string[];
  note: string;
  /** The note was shortened to fit the sync quota (the device that wrote it keeps it whole). */
  noteClipped: boolean;
  /** When the tags or the note last changed (0: never): they merge by this, apart from `updatedAt`. */
  annotatedAt: number;
}

/** The settings, as one register. */
export interface SyncedSettings {
  updatedAt: number;
  value: Record<string, unknown>;
}

export interface SyncState {
  reads: Map<string, SyncedRead>;
  saves: Map<string, SyncedSave>;
  settings: SyncedSettings | null;
}

/** A state with nothing in it. */
export function emptySyncState(): SyncState {
  return { reads: new Map(), saves: new Map(), settings: null };
}

/** Times travel in whole seconds; rounding at the source keeps an encode → decode round trip exact. */
export function toSyncTime(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** Merges two sync states: per paper and for the settings, the newer change wins. */
export function mergeSyncStates(a: SyncState, b: SyncState): SyncState {
  return {
    reads: mergeMaps(a.reads, b.reads, newerRead),
    saves: mergeMaps(a.saves, b.saves, mergeSave),
    settings:
      a.settings === null ? b.settings : b.settings === null ? a.settings : newerSettings(a.settings, b.settings),
  };
}

function mergeMaps<V>(a: Map<string, V>, b: Map<string, V>, pick: (x: V, y: V) => V): Map<string, V> {
  const out = new Map(a);
  for (const [key, value] of b) {
    const mine = out.get(key);
    out.set(key, mine === undefined ? value : pick(mine, value));
  }
  return out;
}

/** The winning read register: newer time; on a tie read beats unread, then the earlier day (any total order will do). */
export function newerRead(x: SyncedRead, y: SyncedRead): SyncedRead {
  if (x.at !== y.at) return x.at > y.at ? x : y;
  if (x.read !== y.read) return x.read ? x : y;
  return x.day <= y.day ? x : y;
}

/**
 * Two registers of one saved paper merged: the save or unsave with the newer `updatedAt`, and
 * the tags and note with the newer `annotatedAt`, so a bare save on one browser keeps the note
 * written on another. Ties are settled by the content, the same way on every device.
 */
export function mergeSave(x: SyncedSave, y: SyncedSave): SyncedSave {
  const status = (save: SyncedSave) => ({
    updatedAt: save.updatedAt,
    savedAt: save.savedAt,
    removedAt: save.removedAt,
  });
  const annotations = (save: SyncedSave) => ({
    annotatedAt: save.annotatedAt,
    tags: save.tags,
    note: save.note,
    noteClipped: save.noteClipped,
  });
  return {
    id: x.id,
    ...later(status(x), status(y), (part) => part.updatedAt),
    ...later(annotations(x), annotations(y), (part) => part.annotatedAt),
  };
}

/** The part with the later time; on a tie the one whose content sorts last. */
function later<T>(a: T, b: T, at: (part: T) => number): T {
  if (at(a) !== at(b)) return at(a) > at(b) ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
}

function newerSettings(x: SyncedSettings, y: SyncedSettings): SyncedSettings {
  if (x.updatedAt !== y.updatedAt) return x.updatedAt > y.updatedAt ? x : y;
  return canonical(x.value) >= canonical(y.value) ? x : y;
}

/** JSON with sorted keys: equal values give equal strings whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)))
      : v,
  );
}

/**
 * The read registers this device contributes: only changes the user made (a paper that simply
 * started read or unread here says nothing about another browser). `dayOf` gives a paper's feed
 * day; papers whose day is unknown are left out.
 */
export function readsFromStates(
  states: Iterable<PaperState>,
  dayOf: (id: string) => string | undefined,
): Map<string, SyncedRead> {
  const reads = new Map<string, SyncedRead>();
  for (const state of states) {
    if (state.changedAt <= state.firstSeenAt) continue;
    const day = dayOf(state.id);
    if (day === undefined) continue;
    reads.set(state.id, { day, at: toSyncTime(state.changedAt), read: state.unread === 0 });
  }
  return reads;
}

/**
 * The local read states that must change to agree with `reads`: a register newer than the
 * local change wins (a tie goes to read). A state the user never changed here (the paper just
 * arrived, read or unread by default) always yields: the other browser's change is the user's,
 * however long ago. A paper not cached here yet gets its state now, so it shows read when its
 * day is fetched. An applied state counts as a user change from then on (it syncs on).
 */
export function statesToApply(local: Map<string, PaperState>, reads: Map<string, SyncedRead>): PaperState[] {
  const out: PaperState[] = [];
  for (const [id, remote] of reads) {
    const unread = remote.read ? 0 : 1;
    const state = local.get(id);
    if (state === undefined) {
      // firstSeenAt just before the change: this state counts as a user change and syncs on.
      out.push({ id, firstSeenAt: remote.at - 1, unread, changedAt: remote.at });
      continue;
    }
    if (state.unread === unread) continue;
    const isUserChange = state.changedAt > state.firstSeenAt;
    const localAt = toSyncTime(state.changedAt);
    const remoteWins = !isUserChange || remote.at > localAt || (remote.at === localAt && remote.read);
    if (remoteWins)
      out.push({ ...state, firstSeenAt: Math.min(state.firstSeenAt, remote.at - 1), unread, changedAt: remote.at });
  }
  return out;
}

/** A saved paper's synced part. */
export function saveFromLocal(saved: SavedPaper): SyncedSave {
  return {
    id: saved.id,
    updatedAt: toSyncTime(saved.updatedAt),
    savedAt: toSyncTime(saved.savedAt),
    removedAt: saved.removedAt === null ? null : toSyncTime(saved.removedAt),
    tags: [...saved.tags],
    note: saved.note,
    noteClipped: false,
    annotatedAt: toSyncTime(annotatedAtOf(saved)),
  };
}

/**
 * What a synced save changes here: a record to write, or null when the local one holds it all
 * already (each part, save/unsave and tags/note, as new). A clipped note never replaces a longer
 * local note that starts the same way (this device may be the one that wrote it). `paper` is
 * the snapshot for a paper not saved here before.
 */
export function saveToApply(
  local: SavedPaper | undefined,
  remote: SyncedSave,
  paper: SavedPaper['paper'] | undefined,
): SavedPaper | null {
  const mine = local === undefined ? undefined : saveFromLocal(local);
  const merged = mine === undefined ? remote : mergeSave(mine, remote);
  if (mine !== undefined && canonical(merged) === canonical(mine)) return null;
  const keepsLocalNote = merged.noteClipped && local !== undefined && local.note.startsWith(merged.note);
  const base = local ?? (paper === undefined ? undefined : emptySaved(remote.id, paper));
  if (base === undefined) return null;
  const next: SavedPaper = {
    ...base,
    savedAt: merged.savedAt,
    updatedAt: merged.updatedAt,
    removedAt: merged.removedAt,
    tags: [...merged.tags],
    note: keepsLocalNote ? local.note : merged.note,
    annotatedAt: merged.annotatedAt,
  };
  // The clipped copy of a note this device holds whole can differ from it and change nothing.
  return local !== undefined && canonical(userPart(next)) === canonical(userPart(local)) ? null : next;
}

/** What sync may change in a saved record (in sync time: whole seconds). */
function userPart(saved: SavedPaper): object {
  const { noteClipped: _, ...part } = saveFromLocal(saved);
  return part;
}

function emptySaved(id: string, paper: SavedPaper['paper']): SavedPaper {
  return {
    id,
    paper,
    savedAt: 0,
    updatedAt: 0,
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'none', updatedAt: 0 },
  };
}

/**
 * Settings that follow the user. A mirror endpoint (its host permission is granted per
 * browser), a snooze and an archive download belong to one device and stay there.
 */
export const LOCAL_ONLY_SETTINGS: readonly string[] = ['endpoint', 'snoozedUntil', 'archive'];

/** The synced part of the settings. */
export function syncedSettings(settings: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([key]) => !LOCAL_ONLY_SETTINGS.includes(key)));
}

/**
 * A stand-in snapshot for a paper saved on another browser, when it is neither cached here nor
 * reachable (offline): a valid record (its feed day is the day it was saved, so a backup with it
 * restores), replaced by the real paper once it can be looked up (`isPlaceholderPaper`).
 */
export function placeholderPaper(id: string, feedDay: string): Paper {
  return {
    id,
    title: placeholderTitle(id),
    abstract: '',
    authors: [],
    organization: null,
    upvotes: 0,
    numComments: 0,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    publishedAt: null,
    feedDay,
  };
}

/** Whether a snapshot is a stand-in still waiting for the paper's details (title "arXiv <id>", nothing else). */
export function isPlaceholderPaper(paper: Paper): boolean {
  return (
    paper.title === placeholderTitle(paper.id) &&
    paper.abstract === '' &&
    paper.authors.length === 0 &&
    paper.publishedAt === null
  );
}

function placeholderTitle(id: string): string {
  return `arXiv ${id}`;
}

/**
 * Whether a saved paper came from another browser and its PDF was never fetched here: a sync
 * creates it with no PDF state change on this device (`pdf.updatedAt` 0).
 */
export function isSavedElsewhere(record: SavedPaper): boolean {
  return record.pdf.state === 'none' && record.pdf.updatedAt === 0;
}
