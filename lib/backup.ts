import { isFeedDay } from './feed-day';
import { safeHttpUrl } from './safe-url';
import { normalizeSettings, normalizeWatchlist, type Settings } from './settings';
import { canonical, LOCAL_ONLY_SETTINGS } from './sync-model';
import type { Paper, PaperState, SavedPaper } from './types';

/**
 * Backup and restore: one JSON file with all the user's state (read states, saved papers with
 * their tags and notes, settings with the watchlist), never PDFs.
 *
 * - Reading a file is all or nothing: a file that is not JSON, not a Paperboy backup, from a
 *   newer Paperboy, or with any malformed record is refused whole with one message naming the
 *   problem (a backup is written by Paperboy; a bad record means a damaged or hand-edited file,
 *   and quietly skipping it would lose that paper's note). Missing optional fields of a record
 *   take their defaults; present ones of the wrong type are a refusal.
 * - Restoring merges, record by record, and is idempotent: restoring the same file twice
 *   changes nothing the second time. Settings that belong to one browser (a mirror endpoint,
 *   whose host permission is granted per browser; a snooze; the archive download) stay local,
 *   as they do for sync.
 */

/** The `format` every backup file names, so any other JSON is told apart. */
export const BACKUP_FORMAT = 'paperboy-backup';
/** The backup format's version: a file with a higher one was made by a newer Paperboy. */
export const BACKUP_VERSION = 1;

/** A backup file's content. Saved papers carry no PDF: their `pdf` is always `{ state: 'none' }`. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  exportedAt: number;
  states: PaperState[];
  saved: SavedPaper[];
  settings: Settings;
}

/** The backup of the given state, made at `now`. */
export function createBackup(input: {
  states: PaperState[];
  saved: SavedPaper[];
  settings: Settings;
  now: number;
}): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: input.now,
    states: input.states.map(copyState),
    saved: input.saved.map((record) => ({ ...copySaved(record), pdf: { state: 'none', updatedAt: record.updatedAt } })),
    settings: normalizeSettings(input.settings),
  };
}

/** Validates a file's text. Never throws; a clear, user-facing message on any problem. */
export function parseBackup(text: string): { ok: true; backup: Backup } | { ok: false; error: string } {
  let raw: unknown;
  try {
    // An editor may have saved the file with a byte-order mark, which JSON.parse refuses.
    raw = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: 'This file is not a Paperboy backup: it is not valid JSON.' };
  }
  if (!isObject(raw) || raw.format !== BACKUP_FORMAT)
    return { ok: false, error: 'This file is not a Paperboy backup.' };
  try {
    return { ok: true, backup: readBackup(raw) };
  } catch (error) {
    if (error instanceof InvalidBackup) return { ok: false, error: error.message };
    throw error;
  }
}

/** What restoring writes: the records that change, the merged settings, and counts for the user. */
export interface MergePlan {
  states: PaperState[];
  saved: SavedPaper[];
  settings: Settings;
  report: {
    /** Read states written. */
    statesChanged: number;
    /** Papers that join the library (saved after the restore, not before). */
    savedAdded: number;
    /** Papers already here whose record changed (tags, note, removal…). */
    savedUpdated: number;
    settingsChanged: boolean;
  };
}

/**
 * What restoring `backup` onto the local state must write (only records that change). Pure, idempotent.
 *
 * - Read state: the newer `changedAt` wins; on a tie read beats unread.
 * - Saved papers: the newer `updatedAt` wins, tombstones included; tags, note and snapshot travel
 *   with the record. The PDF state stays what this browser has (the backup carries no PDF); a
 *   paper new here gets `pdf.state: 'none'`. Backup records that are tombstones of papers never
 *   saved here are written too (so an older save elsewhere cannot resurrect them) but not counted.
 * - Settings: the watchlist is the union (local entries first); the device settings stay local;
 *   every other field takes the backup's value.
 */
export function planRestore(
  local: { states: PaperState[]; saved: SavedPaper[]; settings: Settings },
  backup: Backup,
): MergePlan {
  const states = new Map(local.states.map((state) => [state.id, state]));
  const changedStates = new Map<string, PaperState>();
  for (const incoming of backup.states) {
    const mine = states.get(incoming.id);
    if (mine !== undefined && !readStateWins(incoming, mine)) continue;
    const next = copyState(incoming);
    states.set(next.id, next);
    changedStates.set(next.id, next);
  }

  const before = new Map(local.saved.map((record) => [record.id, record]));
  const saved = new Map(before);
  const changedSaved = new Map<string, SavedPaper>();
  for (const incoming of backup.saved) {
    const mine = saved.get(incoming.id);
    if (mine !== undefined && incoming.updatedAt <= mine.updatedAt) continue;
    const next: SavedPaper = {
      ...copySaved(incoming),
      pdf: mine === undefined ? { state: 'none', updatedAt: incoming.updatedAt } : mine.pdf,
    };
    saved.set(next.id, next);
    changedSaved.set(next.id, next);
  }
  let savedAdded = 0;
  let savedUpdated = 0;
  for (const record of changedSaved.values()) {
    const previous = before.get(record.id);
    const wasSaved = previous !== undefined && previous.removedAt === null;
    if (record.removedAt === null && !wasSaved) savedAdded += 1;
    else if (previous !== undefined) savedUpdated += 1;
  }

  const current = normalizeSettings(local.settings);
  const settings = mergeSettings(current, normalizeSettings(backup.settings));
  return {
    states: [...changedStates.values()],
    saved: [...changedSaved.values()],
    settings,
    report: {
      statesChanged: changedStates.size,
      savedAdded,
      savedUpdated,
      settingsChanged: canonical(settings) !== canonical(current),
    },
  };
}

function readStateWins(incoming: PaperState, mine: PaperState): boolean {
  if (incoming.changedAt !== mine.changedAt) return incoming.changedAt > mine.changedAt;
  return incoming.unread === 0 && mine.unread === 1;
}

function mergeSettings(current: Settings, fromBackup: Settings): Settings {
  const merged: Record<string, unknown> = {
    ...fromBackup,
    watchlist: normalizeWatchlist([...current.watchlist, ...fromBackup.watchlist]),
  };
  const mine = current as unknown as Record<string, unknown>;
  for (const key of LOCAL_ONLY_SETTINGS) merged[key] = mine[key];
  return normalizeSettings(merged);
}

// ---------------------------------------------------------------------------------------------
// Reading a file

class InvalidBackup extends Error {}

function damaged(detail: string): never {
  throw new InvalidBackup(`This backup is damaged: ${detail}.`);
}

function readBackup(raw: Record<string, unknown>): Backup {
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) damaged('its version is missing');
  if (version > BACKUP_VERSION) {
    throw new InvalidBackup(
      `This backup was made by a newer Paperboy (backup version ${version}). Update Paperboy, then restore it again.`,
    );
  }
  if (!isTime(raw.exportedAt)) damaged('its date is missing');
  if (!Array.isArray(raw.states)) damaged('the list of read states is missing');
  if (!Array.isArray(raw.saved)) damaged('the list of saved papers is missing');
  if (!isObject(raw.settings)) damaged('the settings are missing');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: raw.exportedAt,
    states: unique(raw.states.map(readState), 'read state'),
    saved: unique(raw.saved.map(readSaved), 'saved paper'),
    settings: normalizeSettings(raw.settings),
  };
}

function unique<T extends { id: string }>(records: T[], kind: string): T[] {
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id)) damaged(`${kind} ${clip(record.id)} appears twice`);
    seen.add(record.id);
  }
  return records;
}

type Fail = (reason: string) => never;

/** A reporter for one record: "read state 3 (2602.23229) is not valid (…)". */
function failFor(kind: string, index: number, value: unknown): Fail {
  const id = isObject(value) && typeof value.id === 'string' && value.id !== '' ? ` (${clip(value.id)})` : '';
  return (reason) => damaged(`${kind} ${index + 1}${id} is not valid (${reason})`);
}

function readState(value: unknown, index: number): PaperState {
  const fail: Fail = failFor('read state', index, value);
  if (!isObject(value)) fail('it is not a record');
  const unread = value.unread;
  if (unread !== 0 && unread !== 1) fail('"unread" must be 0 or 1');
  return {
    id: readId(value.id, fail),
    firstSeenAt: readTime(value.firstSeenAt, 'firstSeenAt', fail),
    unread,
    changedAt: readTime(value.changedAt, 'changedAt', fail),
  };
}

function readSaved(value: unknown, index: number): SavedPaper {
  const fail: Fail = failFor('saved paper', index, value);
  if (!isObject(value)) fail('it is not a record');
  const id = readId(value.id, fail);
  const updatedAt = readTime(value.updatedAt, 'updatedAt', fail);
  const removedAt = value.removedAt ?? null;
  if (removedAt !== null && !isTime(removedAt)) fail('"removedAt" must be a time or null');
  return {
    id,
    paper: readPaper(value.paper, id, fail),
    savedAt: readTime(value.savedAt, 'savedAt', fail),
    updatedAt,
    removedAt,
    tags: readTextList(value.tags, 'tags', fail),
    note: readText(value.note, 'note', fail, ''),
    // A backup never carries a PDF, whatever the file says.
    pdf: { state: 'none', updatedAt },
  };
}

function readPaper(value: unknown, id: string, fail: Fail): Paper {
  if (!isObject(value)) fail('"paper" must be a record');
  if (value.id !== undefined && value.id !== id) fail('its paper snapshot is of another paper');
  if (typeof value.title !== 'string') fail('"paper.title" must be text');
  if (!isFeedDay(value.feedDay)) fail('"paper.feedDay" must be a day (YYYY-MM-DD)');
  return {
    id,
    title: value.title,
    abstract: readText(value.abstract, 'paper.abstract', fail, ''),
    authors: readTextList(value.authors, 'paper.authors', fail),
    organization: readTextOrNull(value.organization, 'paper.organization', fail),
    upvotes: readNumber(value.upvotes, 'paper.upvotes', fail),
    numComments: readNumber(value.numComments, 'paper.numComments', fail),
    aiSummary: readTextOrNull(value.aiSummary, 'paper.aiSummary', fail),
    aiKeywords: readTextList(value.aiKeywords, 'paper.aiKeywords', fail),
    // Links only ever http(s), as when a paper is parsed from the API.
    githubRepo: readLink(value.githubRepo, 'paper.githubRepo', fail),
    githubStars: value.githubStars == null ? null : readNumber(value.githubStars, 'paper.githubStars', fail),
    projectPage: readLink(value.projectPage, 'paper.projectPage', fail),
    publishedAt: readTextOrNull(value.publishedAt, 'paper.publishedAt', fail),
    feedDay: value.feedDay,
  };
}

function readId(value: unknown, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') fail('"id" must be text');
  return value;
}

function readTime(value: unknown, name: string, fail: Fail): number {
  if (!isTime(value)) fail(`"${name}" must be a time`);
  return value;
}

function readNumber(value: unknown, name: string, fail: Fail): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`"${name}" must be a number`);
  return value;
}

function readText(value: unknown, name: string, fail: Fail, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') fail(`"${name}" must be text`);
  return value;
}

function readTextOrNull(value: unknown, name: string, fail: Fail): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(`"${name}" must be text or null`);
  return value;
}

function readTextList(value: unknown, name: string, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    fail(`"${name}" must be a list of text`);
  return [...value];
}

function readLink(value: unknown, name: string, fail: Fail): string | null {
  const text = readTextOrNull(value, name, fail);
  return safeHttpUrl(text) === null ? null : text;
}

// ---------------------------------------------------------------------------------------------
// Shared

/** A plain copy with exactly the fields of a PaperState. */
function copyState(state: PaperState): PaperState {
  return { id: state.id, firstSeenAt: state.firstSeenAt, unread: state.unread, changedAt: state.changedAt };
}

/** A plain copy with exactly the fields of a SavedPaper (the PDF state as it is). */
function copySaved(record: SavedPaper): SavedPaper {
  const p = record.paper;
  return {
    id: record.id,
    paper: {
      id: p.id,
      title: p.title,
      abstract: p.abstract,
      authors: [...p.authors],
      organization: p.organization,
      upvotes: p.upvotes,
      numComments: p.numComments,
      aiSummary: p.aiSummary,
      aiKeywords: [...p.aiKeywords],
      githubRepo: p.githubRepo,
      githubStars: p.githubStars,
      projectPage: p.projectPage,
      publishedAt: p.publishedAt,
      feedDay: p.feedDay,
    },
    savedAt: record.savedAt,
    updatedAt: record.updatedAt,
    removedAt: record.removedAt,
    tags: [...record.tags],
    note: record.note,
    pdf: { ...record.pdf },
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
