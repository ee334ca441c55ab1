import { addDays, describeDay, isFeedDay } from './feed-day';
import { quietEndsAt } from './notify';
import type { DigestSettings, Settings } from './settings';
import type { Paper } from './types';

// The digest's schedule is in the browser's local time, built with the local Date constructor:
// `new Date(y, m, d, hh, mm)` lands on the wall-clock time whatever the UTC offset that day, so
// a daylight-saving change in either direction moves nothing. A time skipped in spring (02:30 on
// the night clocks jump) comes out as the first instant after the gap; a time that happens twice
// in autumn comes out once (the earlier one), and the period key keeps it from firing twice.

/** Daily or weekly. */
export type DigestKind = 'day' | 'week';

/** What a digest covers: one feed day ("2026-11-25") or one ISO week ("2026-W48"). */
export type DigestPeriod = { kind: 'day'; day: string } | { kind: 'week'; week: string };

/** The last period key each digest fired for (daily: local date; weekly: ISO week), or null before the first. */
export interface DigestMarks {
  day: string | null;
  week: string | null;
}

export const NO_MARKS: DigestMarks = { day: null, week: null };

/**
 * A digest missed while the computer slept is shown on waking, unless its next regular time is
 * this close: then that one comes soon with fresher papers, and two digests an hour apart would
 * be noise.
 */
export const CATCH_UP_SKIP_MS = 2 * 3_600_000;

/** The local date "YYYY-MM-DD" at `at`. */
export function localDayKey(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The ISO week "YYYY-Www" a calendar day belongs to (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

/** The Monday and Sunday of an ISO week, or null when `week` is no "YYYY-Www" that exists. */
export function isoWeekDays(week: string): { from: string; to: string } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (match === null) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
  const from = addDays(mondayOfWeek1, (number - 1) * 7);
  if (number < 1 || isoWeekOf(from) !== week) return null;
  return { from, to: addDays(from, 6) };
}

/** The ISO week before the one `day` is in: the last complete week. */
export function previousIsoWeek(day: string): string {
  return isoWeekOf(addDays(day, -7));
}

/** The instant of local `time` ("HH:MM") on the local date `daysFromNow` days after the date of `now`. */
function localTimeOn(now: number, daysFromNow: number, time: string): number {
  const date = new Date(now);
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(
    date.getFullYear(),
    date.getMonth(),
    date.getDate() + daysFromNow,
    hours ?? 0,
    minutes ?? 0,
  ).getTime();
}

/** The local weekday (0 Sunday … 6 Saturday) of the date `daysFromNow` days after the date of `now`. */
function weekdayOn(now: number, daysFromNow: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + daysFromNow, 12).getDay();
}

/** The first daily fire strictly after `now`: local `time` today, else tomorrow. */
export function nextDailyFire(time: string, now: number): number {
  const today = localTimeOn(now, 0, time);
  return today > now ? today : localTimeOn(now, 1, time);
}

/** The latest daily fire at or before `now`: local `time` today, else yesterday. */
export function lastDailyFire(time: string, now: number): number {
  const today = localTimeOn(now, 0, time);
  return today <= now ? today : localTimeOn(now, -1, time);
}

/** The first weekly fire strictly after `now` (weekday 0 Sunday … 6 Saturday, local time). */
export function nextWeeklyFire(weekday: number, time: string, now: number): number {
  for (let offset = 0; offset <= 7; offset += 1) {
    const at = localTimeOn(now, offset, time);
    if (weekdayOn(now, offset) === weekday && at > now) return at;
  }
  return localTimeOn(now, 7, time); // unreachable: a week always holds the weekday
}

/** The latest weekly fire at or before `now`. */
export function lastWeeklyFire(weekday: number, time: string, now: number): number {
  for (let offset = 0; offset >= -7; offset -= 1) {
    const at = localTimeOn(now, offset, time);
    if (weekdayOn(now, offset) === weekday && at <= now) return at;
  }
  return localTimeOn(now, -7, time);
}

/** The next time any enabled digest fires, or null when both are off. */
export function nextDigestFire(digest: DigestSettings, now: number): number | null {
  const times: number[] = [];
  if (digest.daily.enabled) times.push(nextDailyFire(digest.daily.time, now));
  if (digest.weekly.enabled) times.push(nextWeeklyFire(digest.weekly.weekday, digest.weekly.time, now));
  return times.length === 0 ? null : Math.min(...times);
}

/** What a check of the schedule decided. */
export interface DigestPlan {
  /** Digests to build and show now. */
  due: DigestKind[];
  /** Digests due but held by quiet hours or a snooze: shown once `wakeAt` comes. */
  held: DigestKind[];
  /** The marks to store, in the same write that claims `due`: nothing fires twice. */
  marks: DigestMarks;
  /** When to look again (the next fire, or the end of the quiet time), or null when nothing is on. */
  wakeAt: number | null;
}

/**
 * Decides which digests are due at `now` given the periods they last fired for. A period fires
 * once: its key is claimed when it is due. A machine that slept through the hour gets the missed
 * digest once on waking (unless the next one is close, CATCH_UP_SKIP_MS). A digest switched on
 * starts with its next time, not with one that passed before. Quiet hours and snooze hold a due
 * digest (its key stays unclaimed) until they end; with notifications off it is claimed, unshown.
 */
export function planDigests(settings: Settings, marks: DigestMarks, now: number): DigestPlan {
  const { digest } = settings;
  const quietUntil = settings.notificationsEnabled ? quietEndsAt(settings, now) : null;
  const due: DigestKind[] = [];
  const held: DigestKind[] = [];
  const next: DigestMarks = { ...marks };

  const consider = (kind: DigestKind, enabled: boolean, lastFire: number, nextFire: number, key: string): void => {
    const mark = marks[kind];
    if (!enabled) {
      next[kind] = null;
      return;
    }
    if (mark === null) {
      next[kind] = key; // just switched on: the period that already began does not count
      return;
    }
    if (key <= mark) return;
    if (nextFire - now <= CATCH_UP_SKIP_MS && now - lastFire > CATCH_UP_SKIP_MS) {
      next[kind] = key; // long missed and the next one is close: skip this one quietly
      return;
    }
    if (quietUntil !== null) {
      held.push(kind);
      return;
    }
    next[kind] = key;
    if (settings.notificationsEnabled) due.push(kind);
  };

  const lastDay = lastDailyFire(digest.daily.time, now);
  consider('day', digest.daily.enabled, lastDay, nextDailyFire(digest.daily.time, now), localDayKey(lastDay));
  const lastWeek = lastWeeklyFire(digest.weekly.weekday, digest.weekly.time, now);
  consider(
    'week',
    digest.weekly.enabled,
    lastWeek,
    nextWeeklyFire(digest.weekly.weekday, digest.weekly.time, now),
    isoWeekOf(localDayKey(lastWeek)),
  );

  const nextFire = nextDigestFire(digest, now);
  const wakeAt = held.length > 0 && quietUntil !== null ? Math.min(quietUntil, nextFire ?? quietUntil) : nextFire;
  return { due, held, marks: next, wakeAt };
}

/** Marks read back from storage, repaired if they are not marks. */
export function asDigestMarks(value: unknown): DigestMarks {
  if (typeof value !== 'object' || value === null) return NO_MARKS;
  const raw = value as Partial<Record<keyof DigestMarks, unknown>>;
  return {
    day: typeof raw.day === 'string' ? raw.day : null,
    week: typeof raw.week === 'string' ? raw.week : null,
  };
}

/** "day:2026-11-25" or "week:2026-W48": the digest page's `period` parameter. */
export function formatPeriod(period: DigestPeriod): string {
  return period.kind === 'day' ? `day:${period.day}` : `week:${period.week}`;
}

/** Reads a `period` parameter; null for anything that is not one. */
export function parsePeriod(text: string | null): DigestPeriod | null {
  if (text === null) return null;
  const [kind, value = ''] = text.split(':', 2);
  if (kind === 'day' && isFeedDay(value)) return { kind: 'day', day: value };
  if (kind === 'week' && isoWeekDays(value) !== null) return { kind: 'week', week: value };
  return null;
}

/** The first and last feed day a period covers. */
export function periodDays(period: DigestPeriod): { from: string; to: string } {
  if (period.kind === 'day') return { from: period.day, to: period.day };
  return isoWeekDays(period.week) ?? { from: period.week, to: period.week };
}

/** The top `count` papers of a period by upvotes (ties by id, each paper once), only those listed on its days. */
export function topPapers(papers: Paper[], period: DigestPeriod, count: number): Paper[] {
  const { from, to } = periodDays(period);
  const seen = new Set<string>();
  return papers
    .filter((paper) => paper.feedDay >= from && paper.feedDay <= to && !seen.has(paper.id) && seen.add(paper.id))
    .sort((a, b) => b.upvotes - a.upvotes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count);
}

/** How the digest names its period: "Today's", "Yesterday's", "Friday's", "Nov 13's", "Last week's". */
export function periodPossessive(period: DigestPeriod, today: string): string {
  if (period.kind === 'week') {
    if (period.week === isoWeekOf(today)) return "This week's";
    return period.week === previousIsoWeek(today) ? "Last week's" : `Week ${Number(period.week.slice(6))}'s`;
  }
  const described = describeDay(period.day, today);
  if (described === 'Today' || described === 'Yesterday') return `${described}'s`;
  const date = new Date(`${period.day}T00:00:00Z`);
  const withinAWeek = addDays(period.day, 7) > today;
  const name = withinAWeek ? WEEKDAY.format(date) : SHORT_DATE.format(date);
  return `${name}'s`;
}

const WEEKDAY = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** The digest's heading for a period: "Today's top 5 on Daily Papers". */
export function digestTitle(period: DigestPeriod, count: number, today: string): string {
  return `${periodPossessive(period, today)} top ${count} on Daily Papers`;
}

/** The notification a digest shows. */
export interface DigestNotice {
  period: DigestPeriod;
  title: string;
  /** The top titles, for a browser without list notifications. */
  message: string;
  items: { title: string; message: string }[];
  ids: string[];
}

/** The digest's notification for the top papers of a period, or null when the period had none. */
export function digestNotice(period: DigestPeriod, top: Paper[], today: string): DigestNotice | null {
  if (top.length === 0) return null;
  const items = top.map((paper) => ({ title: paper.title, message: `▲ ${paper.upvotes}` }));
  return {
    period,
    title: digestTitle(period, top.length, today),
    message: top.map((paper, index) => `${index + 1}. ${paper.title}`).join(' · '),
    items,
    ids: top.map((paper) => paper.id),
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
