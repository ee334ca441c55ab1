import type { MergePlan } from './backup';
import { describePdfFailure } from './pdf-check';
import { formatBytes, percent } from './units';
import type { Failure, SavedPaper } from './types';

/** The last save that did not happen, for the page that asked (the worker keeps one). */
export interface SaveFailureNotice {
  id: string;
  at: number;
  message: string;
}

/** How the last restore from a backup file went. */
export type RestoreOutcome =
  { at: number; ok: true; report: MergePlan['report'] } | { at: number; ok: false; error: string };

/** What a restore did, in one sentence: "Restored: 3 papers added, 1 updated, 12 read states, settings." */
export function describeRestoreReport(report: MergePlan['report']): string {
  const parts: string[] = [];
  if (report.savedAdded > 0) parts.push(`${plural(report.savedAdded, 'paper')} added to the library`);
  if (report.savedUpdated > 0) parts.push(`${plural(report.savedUpdated, 'saved paper')} updated`);
  if (report.statesChanged > 0) parts.push(`${plural(report.statesChanged, 'read state')} restored`);
  if (report.settingsChanged) parts.push('settings restored');
  return parts.length === 0
    ? 'Nothing to restore: this browser already has everything in the backup.'
    : `Restored: ${parts.join(', ')}.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** How the library can be ordered. */
export type LibrarySort = 'saved-newest' | 'saved-oldest' | 'published-newest' | 'upvotes' | 'title';

/** The sort choices, in the order the menu shows them; the first is the default. */
export const LIBRARY_SORTS: readonly { value: LibrarySort; label: string }[] = [
  { value: 'saved-newest', label: 'Newest saved first' },
  { value: 'saved-oldest', label: 'Oldest saved first' },
  { value: 'published-newest', label: 'Newest published first' },
  { value: 'upvotes', label: 'Most upvoted first' },
  { value: 'title', label: 'Title (A–Z)' },
];

/** True for a value that names a sort. */
export function isLibrarySort(value: unknown): value is LibrarySort {
  return LIBRARY_SORTS.some((sort) => sort.value === value);
}

export interface LibraryQuery {
  /** Words to look for (all of them, anywhere: title, authors, abstract, AI summary, keywords, tags, note, id). */
  text: string;
  /** Only papers with this tag (compared case-insensitively), or null for all. */
  tag: string | null;
  sort: LibrarySort;
}

/** The saved papers to show: removed ones left out, filtered by the query, in the chosen order. */
export function listLibrary(saved: readonly SavedPaper[], query: LibraryQuery): SavedPaper[] {
  const words = searchWords(query.text);
  const tag = query.tag === null ? null : query.tag.toLowerCase();
  const shown = saved.filter(
    (record) =>
      record.removedAt === null &&
      (tag === null || record.tags.some((own) => own.toLowerCase() === tag)) &&
      (words.length === 0 || matchesAll(record, words)),
  );
  return shown.sort(comparator(query.sort));
}

/** Every tag in the library (removed papers left out) with how many papers carry it, A–Z. */
export function libraryTags(saved: readonly SavedPaper[]): { tag: string; count: number }[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const record of saved) {
    if (record.removedAt !== null) continue;
    for (const tag of record.tags) {
      const key = tag.toLowerCase();
      const entry = counts.get(key) ?? { tag, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => a.tag.localeCompare(b.tag, 'en', { sensitivity: 'base' }));
}

/** Longest tag kept, and most tags per paper. */
export const TAG_MAX_LENGTH = 40;
export const TAGS_MAX = 20;
/** Longest note kept (characters): a long reading note fits; a pasted book does not. */
export const NOTE_MAX_LENGTH = 20_000;

/** Tags as typed ("rl, Vision ,rl") → clean, unique (case-insensitively), in order: ["rl", "Vision"]. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const tag = cleanText(part).replace(/\s+/g, ' ').trim().slice(0, TAG_MAX_LENGTH).trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length >= TAGS_MAX) break;
  }
  return tags;
}

/** A note as typed, made safe to keep: control and bidi characters dropped, length capped. */
export function cleanNote(text: string): string {
  return cleanText(text).replace(/\r\n?/g, '\n').slice(0, NOTE_MAX_LENGTH);
}

/** What a saved paper's PDF line says: stored (with its size), on its way, or why not. */
export function describePdfState(
  pdf: SavedPaper['pdf'],
  progress?: { received: number; total: number | null },
): string {
  switch (pdf.state) {
    case 'stored':
      return pdf.bytes === undefined ? 'PDF stored' : `PDF stored (${formatBytes(pdf.bytes)})`;
    case 'downloading':
      if (progress === undefined || progress.received === 0) return 'Downloading the PDF…';
      return progress.total === null
        ? `Downloading the PDF… ${formatBytes(progress.received)}`
        : `Downloading the PDF… ${percent(progress.received, progress.total)}%`;
    case 'failed':
      return pdf.failure === undefined ? 'The PDF could not be stored' : `${describePdfFailure(pdf.failure)}.`;
    case 'skipped':
      return 'Abstract only (no PDF kept)';
    case 'none':
      return 'The PDF is not stored on this device';
  }
}

/** Where a failed save went wrong: finding the paper, or storing it. */
export type SaveStage = 'lookup' | 'store';

/** One sentence for a save that did not happen (the popup, the library, a notification). */
export function describeSaveFailure(stage: SaveStage, failure: Failure): string {
  if (stage === 'store') {
    return failure.kind === 'quota'
      ? 'The browser is out of storage space: nothing stored was lost. Free some space and try again.'
      : 'The browser could not store the paper.';
  }
  if (failure.status === 404) return 'Hugging Face does not know this paper (it may not be indexed yet).';
  switch (failure.kind) {
    case 'offline':
      return 'Could not reach Hugging Face to look the paper up (offline?).';
    case 'timeout':
      return 'Hugging Face did not answer in time.';
    case 'rate-limited':
      return 'Hugging Face asked us to slow down: try again in a few minutes.';
    case 'server':
      return 'Hugging Face is having trouble: try again later.';
    default:
      return 'Hugging Face sent an answer Paperboy could not read.';
  }
}

function searchWords(text: string): string[] {
  return fold(text)
    .split(/\s+/)
    .filter((word) => word !== '');
}

function matchesAll(record: SavedPaper, words: string[]): boolean {
  const { paper } = record;
  const haystack = fold(
    [
      paper.id,
      paper.title,
      paper.authors.join(' '),
      paper.organization ?? '',
      paper.abstract,
      paper.aiSummary ?? '',
      paper.aiKeywords.join(' '),
      record.tags.join(' '),
      record.note,
    ].join('\n'),
  );
  return words.every((word) => haystack.includes(word));
}

/** Lower case without accents: "Zoë" finds "zoe". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function comparator(sort: LibrarySort): (a: SavedPaper, b: SavedPaper) => number {
  const byNewest = (a: SavedPaper, b: SavedPaper): number => b.savedAt - a.savedAt || a.id.localeCompare(b.id);
  switch (sort) {
    case 'saved-newest':
      return byNewest;
    case 'saved-oldest':
      return (a, b) => a.savedAt - b.savedAt || a.id.localeCompare(b.id);
    case 'published-newest':
      return (a, b) => publishedTime(b) - publishedTime(a) || byNewest(a, b);
    case 'upvotes':
      return (a, b) => b.paper.upvotes - a.paper.upvotes || byNewest(a, b);
    case 'title':
      return (a, b) => a.paper.title.localeCompare(b.paper.title, 'en', { sensitivity: 'base' }) || byNewest(a, b);
  }
}

function publishedTime(record: SavedPaper): number {
  const time = record.paper.publishedAt === null ? NaN : Date.parse(record.paper.publishedAt);
  return Number.isNaN(time) ? Date.parse(`${record.paper.feedDay}T00:00:00Z`) || 0 : time;
}

// Control characters (C0 but tab/newline, C1) and bidi overrides/isolates, as for API text.
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function cleanText(text: string): string {
  return text.replace(UNSAFE_CHARS, '');
}

/** The backup file's name, dated in local time: "paperboy-backup-2026-11-26.json". */
export function backupFileName(now: number): string {
  const date = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `paperboy-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}
