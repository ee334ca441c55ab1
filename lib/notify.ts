import { describeMatches, type WatchMatcher } from './watchlist';
import type { QuietHours, Settings } from './settings';
import type { Paper } from './types';

/** Individual watchlist notifications per refresh; more matches fold into the summary. */
export const MAX_MATCH_NOTICES = 3;
/** Titles a summary lists. */
export const SUMMARY_TITLES = 5;
/** Upvote alerts per refresh; the rest wait for the next refresh (never a flood). */
export const MAX_UPVOTE_ALERTS = 3;
/** How far back the upvote alert looks, in days. */
export const UPVOTE_WINDOW_DAYS = 7;

export interface SummaryNotice {
  /** "5 new papers on Daily Papers" */
  title: string;
  message: string;
  /** Top titles, for a list notification where the browser has them. */
  items: { title: string; message: string }[];
  /** Every paper the summary stands for ("Mark all as read" marks these). */
  ids: string[];
  /** The feed day to open on click (the latest one among the papers). */
  day: string;
}

export interface PaperNotice {
  paperId: string;
  title: string;
  message: string;
}

export type NotifyDecision =
  /** Notifications are off: forget the queue. */
  | { kind: 'drop' }
  /** Quiet hours or snooze: keep the queue and look again at `until`. */
  | { kind: 'hold'; until: number }
  | { kind: 'show'; summary: SummaryNotice | null; matches: PaperNotice[] };

export interface NotifyInput {
  /** Papers waiting to be announced (new since the last notification), oldest first. */
  queued: Paper[];
  /** Which papers are unread now: a paper read meanwhile is not announced. */
  isUnread: (id: string) => boolean;
  settings: Settings;
  matcher: WatchMatcher;
  now: number;
  /** The queue holds the first install or a multi-day catch-up: one summary, no flood. */
  quietCatchUp: boolean;
  /** The queue waited through quiet hours or a snooze: summarise "while you were away". */
  wasHeld: boolean;
}

/** Decides what to show for the queued new papers. Pure: the clock and the matcher are passed in. */
export function decideNotifications(input: NotifyInput): NotifyDecision {
  const { settings, now } = input;
  if (!settings.notificationsEnabled) return { kind: 'drop' };
  const quietUntil = quietEndsAt(settings, now);
  if (quietUntil !== null) return { kind: 'hold', until: quietUntil };

  const fresh = input.queued.filter((paper) => input.isUnread(paper.id));
  if (fresh.length === 0) return { kind: 'show', summary: null, matches: [] };

  const withMatches = fresh.map((paper) => ({ paper, matched: input.matcher.match(paper) }));
  const matching = withMatches.filter(({ matched }) => matched.length > 0);
  const oneSummaryOnly = input.quietCatchUp || input.wasHeld;
  const individually = oneSummaryOnly ? [] : matching.slice(0, MAX_MATCH_NOTICES);
  const matches: PaperNotice[] = individually.map(({ paper, matched }) => ({
    paperId: paper.id,
    title: `Matches your watchlist: ${paper.title}`,
    message: `Matched ${describeMatches(matched)}`,
  }));

  const announced = new Set(individually.map(({ paper }) => paper.id));
  const rest = withMatches.filter(({ paper }) => !announced.has(paper.id));
  if (rest.length === 0) return { kind: 'show', summary: null, matches };

  const ranked = [...rest].sort(
    (a, b) => Number(b.matched.length > 0) - Number(a.matched.length > 0) || b.paper.upvotes - a.paper.upvotes,
  );
  const count = rest.length;
  const noun = count === 1 ? 'new paper' : 'new papers';
  const restMatching = rest.filter(({ matched }) => matched.length > 0).length;
  const title = input.wasHeld ? `While you were away: ${count} ${noun}` : `${count} ${noun} on Daily Papers`;
  const items = ranked.slice(0, SUMMARY_TITLES).map(({ paper, matched }) => ({
    title: matched.length > 0 ? `★ ${paper.title}` : paper.title,
    message: `▲ ${paper.upvotes}`,
  }));
  const extra = restMatching > 0 ? `${restMatching} ${restMatching === 1 ? 'matches' : 'match'} your watchlist. ` : '';
  const message = `${extra}${items.map((item) => item.title).join(' · ')}`;
  const day = rest.reduce((latest, { paper }) => (paper.feedDay > latest ? paper.feedDay : latest), '');
  return {
    kind: 'show',
    summary: { title, message, items, ids: rest.map(({ paper }) => paper.id), day },
    matches,
  };
}

/** Papers that just passed the upvote threshold and were not alerted yet, most upvoted first. */
export function decideUpvoteAlerts(
  recent: Paper[],
  alreadyAlerted: (id: string) => boolean,
  settings: Settings,
  now: number,
): PaperNotice[] {
  if (!settings.notificationsEnabled || !settings.upvoteAlert.enabled || quietEndsAt(settings, now) !== null) return [];
  const threshold = settings.upvoteAlert.threshold;
  return recent
    .filter((paper) => paper.upvotes >= threshold && !alreadyAlerted(paper.id))
    .sort((a, b) => b.upvotes - a.upvotes)
    .slice(0, MAX_UPVOTE_ALERTS)
    .map((paper) => ({
      paperId: paper.id,
      title: `Trending: ${paper.title}`,
      message: `Passed ${threshold} upvotes (now ${paper.upvotes}) on Daily Papers`,
    }));
}

/**
 * When the current quiet time ends (snooze or quiet hours, whichever lasts longer), or null
 * when notifications may pop up now. Quiet hours are in the browser's local time.
 */
export function quietEndsAt(settings: Settings, now: number): number | null {
  const snoozeEnd = settings.snoozedUntil !== null && settings.snoozedUntil > now ? settings.snoozedUntil : null;
  const quietEnd = settings.quietHours.enabled ? quietHoursEnd(settings.quietHours, now) : null;
  if (snoozeEnd === null) return quietEnd;
  if (quietEnd === null) return snoozeEnd;
  return Math.max(snoozeEnd, quietEnd);
}

/** The end of the quiet-hours window `now` falls in, or null when it falls in none. */
export function quietHoursEnd(quiet: QuietHours, now: number): number | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const date = new Date(now);
  const minute = date.getHours() * 60 + date.getMinutes();
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const endDate = new Date(now);
  endDate.setHours(Math.floor(end / 60), end % 60, 0, 0);
  if (endDate.getTime() <= now) endDate.setDate(endDate.getDate() + 1);
  return endDate.getTime();
}

/** "Until tomorrow": the next local 08:00 after `now`. */
export function tomorrowMorning(now: number): number {
  const date = new Date(now);
  date.setHours(8, 0, 0, 0);
  if (date.getTime() <= now) date.setDate(date.getDate() + 1);
  return date.getTime();
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Papers waiting for a notification, kept in IndexedDB so a restarted worker still announces them once. */
export interface NotifyQueue {
  ids: string[];
  /** The queue holds a first install or a catch-up after days away: one summary only. */
  quietCatchUp: boolean;
  /** When the queue started waiting for quiet hours or a snooze to end, or null. */
  heldSince: number | null;
}

export const EMPTY_QUEUE: NotifyQueue = { ids: [], quietCatchUp: false, heldSince: null };

/** Adds newly seen papers to the queue (each at most once). */
export function enqueue(queue: NotifyQueue, ids: string[], quietCatchUp: boolean): NotifyQueue {
  if (ids.length === 0) return queue;
  const known = new Set(queue.ids);
  // A Set, so an id given twice in one call is queued once too.
  const added = [...new Set(ids)].filter((id) => !known.has(id));
  return {
    ids: [...queue.ids, ...added],
    quietCatchUp: queue.ids.length === 0 ? quietCatchUp : queue.quietCatchUp || quietCatchUp,
    heldSince: queue.heldSince,
  };
}

/** A queue read back from storage, repaired if it is not one. */
export function asQueue(value: unknown): NotifyQueue {
  if (typeof value !== 'object' || value === null) return EMPTY_QUEUE;
  const raw = value as Partial<NotifyQueue>;
  return {
    ids: Array.isArray(raw.ids) ? raw.ids.filter((id): id is string => typeof id === 'string') : [],
    quietCatchUp: raw.quietCatchUp === true,
    heldSince: typeof raw.heldSince === 'number' ? raw.heldSince : null,
  };
}
