/** What the badge shows. */
export type BadgeMode = 'unread' | 'watchlist' | 'dot' | 'none';
/** What makes a paper read: opening it (title or any link), or only an explicit "mark read". */
export type MarkReadOn = 'open' | 'explicit';
export type WatchKind = 'keyword' | 'author' | 'organization';
/** What "Save for offline" keeps: the PDF too, or only the abstract and metadata. */
export type SaveMode = 'pdf' | 'abstract';

/** A digest notification at a local time: daily, or weekly on a weekday (0 Sunday … 6 Saturday). */
export interface DigestSettings {
  daily: { enabled: boolean; time: string };
  weekly: { enabled: boolean; weekday: number; time: string };
  /** How many papers the digest names (notification) and lists (digest page). */
  topCount: number;
  /** Only the digest: no notification per refresh (watchlist matches included). */
  only: boolean;
}

/** One watchlist entry: a keyword, an author or an organization. */
export interface WatchEntry {
  kind: WatchKind;
  value: string;
}

/** A daily window in local time, "HH:MM" to "HH:MM" (may cross midnight). */
export interface QuietHours {
  enabled: boolean;
  start: string;
  end: string;
}

/** Every user setting; each has a default, so the extension is useful without a visit to the options. */
export interface Settings {
  refreshMinutes: number;
  notificationsEnabled: boolean;
  quietHours: QuietHours;
  /** Nothing pops up before this time (ms epoch), or null. */
  snoozedUntil: number | null;
  upvoteAlert: { enabled: boolean; threshold: number };
  watchlist: WatchEntry[];
  /** Watchlist matches first in the list. */
  watchlistFirst: boolean;
  badgeMode: BadgeMode;
  markReadOn: MarkReadOn;
  /** A Hugging Face mirror, or null for the endpoint the extension was built with. */
  endpoint: string | null;
  saveMode: SaveMode;
  digest: DigestSettings;
  /** Download the whole history since 2023-05 (about 20,000 papers), in the background. */
  archive: { enabled: boolean };
}

export const REFRESH_MINUTES_MIN = 15;
export const REFRESH_MINUTES_MAX = 24 * 60;
export const WATCHLIST_MAX = 200;

export const DEFAULT_SETTINGS: Settings = {
  refreshMinutes: 30,
  notificationsEnabled: true,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  snoozedUntil: null,
  upvoteAlert: { enabled: false, threshold: 50 },
  watchlist: [],
  watchlistFirst: false,
  badgeMode: 'unread',
  markReadOn: 'open',
  endpoint: null,
  saveMode: 'pdf',
  digest: {
    daily: { enabled: false, time: '09:00' },
    weekly: { enabled: false, weekday: 1, time: '09:00' },
    topCount: 5,
    only: false,
  },
  archive: { enabled: false },
};

export const DIGEST_TOP_MIN = 1;
export const DIGEST_TOP_MAX = 20;

const BADGE_MODES: readonly BadgeMode[] = ['unread', 'watchlist', 'dot', 'none'];
const MARK_READ_ON: readonly MarkReadOn[] = ['open', 'explicit'];
const WATCH_KINDS: readonly WatchKind[] = ['keyword', 'author', 'organization'];
const SAVE_MODES: readonly SaveMode[] = ['pdf', 'abstract'];

/**
 * Turns whatever is stored (an older version, a hand-edited value, garbage) into valid
 * settings: each field that does not fit falls back to its default, the rest is kept.
 */
export function normalizeSettings(value: unknown): Settings {
  const raw = isObject(value) ? value : {};
  const quiet = isObject(raw.quietHours) ? raw.quietHours : {};
  const upvote = isObject(raw.upvoteAlert) ? raw.upvoteAlert : {};
  const d = DEFAULT_SETTINGS;
  return {
    refreshMinutes: clampInt(raw.refreshMinutes, REFRESH_MINUTES_MIN, REFRESH_MINUTES_MAX, d.refreshMinutes),
    notificationsEnabled:
      typeof raw.notificationsEnabled === 'boolean' ? raw.notificationsEnabled : d.notificationsEnabled,
    quietHours: {
      enabled: typeof quiet.enabled === 'boolean' ? quiet.enabled : d.quietHours.enabled,
      start: isClockTime(quiet.start) ? quiet.start : d.quietHours.start,
      end: isClockTime(quiet.end) ? quiet.end : d.quietHours.end,
    },
    snoozedUntil: typeof raw.snoozedUntil === 'number' && Number.isFinite(raw.snoozedUntil) ? raw.snoozedUntil : null,
    upvoteAlert: {
      enabled: typeof upvote.enabled === 'boolean' ? upvote.enabled : d.upvoteAlert.enabled,
      threshold: clampInt(upvote.threshold, 1, 100_000, d.upvoteAlert.threshold),
    },
    watchlist: normalizeWatchlist(raw.watchlist),
    watchlistFirst: typeof raw.watchlistFirst === 'boolean' ? raw.watchlistFirst : d.watchlistFirst,
    badgeMode: BADGE_MODES.includes(raw.badgeMode as BadgeMode) ? (raw.badgeMode as BadgeMode) : d.badgeMode,
    markReadOn: MARK_READ_ON.includes(raw.markReadOn as MarkReadOn) ? (raw.markReadOn as MarkReadOn) : d.markReadOn,
    endpoint: normalizeEndpoint(raw.endpoint),
    saveMode: SAVE_MODES.includes(raw.saveMode as SaveMode) ? (raw.saveMode as SaveMode) : d.saveMode,
    digest: normalizeDigest(raw.digest),
    archive: { enabled: isObject(raw.archive) && raw.archive.enabled === true },
  };
}

/** Digest settings with every field checked; what does not fit takes its default. */
export function normalizeDigest(value: unknown): DigestSettings {
  const raw = isObject(value) ? value : {};
  const daily = isObject(raw.daily) ? raw.daily : {};
  const weekly = isObject(raw.weekly) ? raw.weekly : {};
  const d = DEFAULT_SETTINGS.digest;
  return {
    daily: {
      enabled: typeof daily.enabled === 'boolean' ? daily.enabled : d.daily.enabled,
      time: isClockTime(daily.time) ? daily.time : d.daily.time,
    },
    weekly: {
      enabled: typeof weekly.enabled === 'boolean' ? weekly.enabled : d.weekly.enabled,
      weekday: clampInt(weekly.weekday, 0, 6, d.weekly.weekday),
      time: isClockTime(weekly.time) ? weekly.time : d.weekly.time,
    },
    topCount: clampInt(raw.topCount, DIGEST_TOP_MIN, DIGEST_TOP_MAX, d.topCount),
    only: typeof raw.only === 'boolean' ? raw.only : d.only,
  };
}

/** A clean watchlist: known kinds, trimmed non-empty values, no duplicates (case-insensitive). */
export function normalizeWatchlist(value: unknown): WatchEntry[] {
  if (!Array.isArray(value)) return [];
  const out: WatchEntry[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    if (!isObject(entry) || !WATCH_KINDS.includes(entry.kind as WatchKind) || typeof entry.value !== 'string') continue;
    const text = entry.value.replace(/\s+/g, ' ').trim().slice(0, 200);
    const key = `${String(entry.kind)}:${text.toLowerCase()}`;
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: entry.kind as WatchKind, value: text });
    if (out.length >= WATCHLIST_MAX) break;
  }
  return out;
}

/** An http(s) origin-with-path without a trailing slash, or null when the value is not one. */
export function normalizeEndpoint(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** "HH:MM" on a 24-hour clock. */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  // Number('') is 0: a blank field (a cleared input) is no number and takes the default, not the minimum.
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
