import { addMonths, monthName, monthOf, monthsBetween, type Month } from './calendar';
import { backoffMs, describeFailure } from './failure';
import { FIRST_FEED_DAY } from './feed-day';
import type { Failure, Paper } from './types';

/** Papers per archive call: the API's maximum. A shorter page is a month's last. */
export const ARCHIVE_PAGE_SIZE = 100;
/**
 * At least this long between two archive calls: 200 calls per 5 minutes at most, well under
 * the anonymous 500, leaving room for the refresh and for the user's own browsing of HF.
 */
export const ARCHIVE_PACE_MS = 1_500;
/** Failures in a row (other than a rate limit) before the download gives up and says so. */
export const ARCHIVE_MAX_ATTEMPTS = 5;
/** The first month of Daily Papers. */
export const FIRST_ARCHIVE_MONTH: Month = monthOf(FIRST_FEED_DAY);

export type ArchiveState = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

/** Where the archive download stands; stored after each month so a restart resumes from there. */
export interface ArchiveProgress {
  state: ArchiveState;
  /** The month being fetched (when done: the last month fetched), or null before the first start. */
  month: Month | null;
  /** The next page of `month` to fetch, 0-based. */
  page: number;
  /** Papers stored by the download so far (a paper already cached counts too). */
  papersStored: number;
  monthsDone: number;
  monthsTotal: number;
  /** Earliest time (ms epoch) of the next call: the pace, or the end of a pause. */
  nextAt: number | null;
  /** Why it paused or failed; null while all is well. */
  failure: Failure | null;
  /** Failures in a row, for the back-off; 0 after any success. */
  attempts: number;
}

export const IDLE_ARCHIVE: ArchiveProgress = {
  state: 'idle',
  month: null,
  page: 0,
  papersStored: 0,
  monthsDone: 0,
  monthsTotal: 0,
  nextAt: null,
  failure: null,
  attempts: 0,
};

/** The months the archive covers, oldest first: 2023-05 through the month of `today`. */
export function archiveMonths(today: string): Month[] {
  return monthsBetween(FIRST_ARCHIVE_MONTH, monthOf(today));
}

/** The `/api/daily_papers` query of one archive page. */
export function archivePageQuery(month: Month, page: number): Record<string, string> {
  return { month, limit: String(ARCHIVE_PAGE_SIZE), p: String(page) };
}

/** True when a page with `count` papers is the month's last (short or empty). */
export function isLastPage(count: number): boolean {
  return count < ARCHIVE_PAGE_SIZE;
}

/** True while the download has work left (running, or paused until `nextAt`). */
export function isArchiveActive(progress: ArchiveProgress): boolean {
  return progress.state === 'running' || progress.state === 'paused';
}

/**
 * Starts the download, or resumes it: a download stopped part-way goes on from its month;
 * one that finished fetches its last month again (it was the current, still growing) and
 * any month since. Only a first start begins in 2023-05.
 */
export function startArchive(progress: ArchiveProgress, today: string, now: number): ArchiveProgress {
  if (isArchiveActive(progress)) return progress;
  const months = archiveMonths(today);
  const month = progress.month === null ? FIRST_ARCHIVE_MONTH : clampToArchive(progress.month, today);
  return {
    ...progress,
    state: 'running',
    month,
    page: progress.state === 'done' ? 0 : progress.page,
    monthsDone: months.indexOf(month),
    monthsTotal: months.length,
    nextAt: now,
    failure: null,
    attempts: 0,
  };
}

/** After a full page: the next page of the same month, one pace later. */
export function afterPage(progress: ArchiveProgress, now: number): ArchiveProgress {
  return { ...progress, page: progress.page + 1, nextAt: now + ARCHIVE_PACE_MS, failure: null, attempts: 0 };
}

/**
 * After a month's last page was stored: on to the next month, or done when the month was the
 * current one.
 */
export function afterMonth(progress: ArchiveProgress, stored: number, today: string, now: number): ArchiveProgress {
  const month = progress.month ?? FIRST_ARCHIVE_MONTH;
  const papersStored = progress.papersStored + stored;
  const monthsTotal = archiveMonths(today).length;
  if (month >= monthOf(today)) {
    return {
      ...progress,
      state: 'done',
      page: 0,
      papersStored,
      monthsDone: monthsTotal,
      monthsTotal,
      nextAt: null,
      failure: null,
      attempts: 0,
    };
  }
  return {
    ...progress,
    month: addMonths(month, 1),
    page: 0,
    papersStored,
    monthsDone: Math.min(monthsTotal, progress.monthsDone + 1),
    monthsTotal,
    nextAt: now + ARCHIVE_PACE_MS,
    failure: null,
    attempts: 0,
  };
}

/**
 * After a failed call. A rate limit pauses until the window the server named ends; a full
 * disk fails at once (retrying cannot help); anything else pauses with an exponential
 * back-off and fails after ARCHIVE_MAX_ATTEMPTS in a row. The page is kept: a runner still
 * holding the month's earlier pages goes on from it, a new one starts the month over.
 */
export function afterFailure(progress: ArchiveProgress, failure: Failure, now: number): ArchiveProgress {
  const attempts = progress.attempts + 1;
  const page = progress.page;
  if (failure.kind === 'rate-limited') {
    return {
      ...progress,
      state: 'paused',
      page,
      nextAt: failure.retryAt ?? now + backoffMs(attempts),
      failure,
      attempts,
    };
  }
  if (failure.kind === 'quota' || attempts >= ARCHIVE_MAX_ATTEMPTS) {
    return { ...progress, state: 'failed', page, nextAt: null, failure, attempts };
  }
  return { ...progress, state: 'paused', page, nextAt: now + backoffMs(attempts), failure, attempts };
}

/** After the user cancelled: stopped, with what was stored kept. */
export function cancelArchive(progress: ArchiveProgress): ArchiveProgress {
  if (!isArchiveActive(progress)) return progress;
  return { ...progress, state: 'cancelled', page: 0, nextAt: null };
}

/** A paused download whose pause is over runs again. */
export function resumeIfDue(progress: ArchiveProgress, now: number): ArchiveProgress {
  if (progress.state !== 'paused' || (progress.nextAt !== null && progress.nextAt > now)) return progress;
  return { ...progress, state: 'running' };
}

/**
 * Groups a month's papers by feed day, most upvoted first (the order a day's own list has).
 * A paper met twice keeps its last version.
 */
export function groupByFeedDay(papers: Paper[]): Map<string, Paper[]> {
  const byId = new Map<string, Paper>();
  for (const paper of papers) byId.set(paper.id, paper);
  const days = new Map<string, Paper[]>();
  for (const paper of byId.values()) {
    const day = days.get(paper.feedDay);
    if (day === undefined) days.set(paper.feedDay, [paper]);
    else day.push(paper);
  }
  for (const list of days.values()) list.sort((a, b) => b.upvotes - a.upvotes);
  return days;
}

/** Reads whatever is stored as a progress record; anything unreadable is the idle state. */
export function asArchiveProgress(value: unknown): ArchiveProgress {
  if (typeof value !== 'object' || value === null) return IDLE_ARCHIVE;
  const raw = value as Partial<Record<keyof ArchiveProgress, unknown>>;
  const states: ArchiveState[] = ['idle', 'running', 'paused', 'done', 'cancelled', 'failed'];
  const count = (field: unknown): number =>
    typeof field === 'number' && Number.isFinite(field) && field >= 0 ? Math.floor(field) : 0;
  return {
    state: states.includes(raw.state as ArchiveState) ? (raw.state as ArchiveState) : 'idle',
    month: typeof raw.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(raw.month) ? raw.month : null,
    page: count(raw.page),
    papersStored: count(raw.papersStored),
    monthsDone: count(raw.monthsDone),
    monthsTotal: count(raw.monthsTotal),
    nextAt: typeof raw.nextAt === 'number' && Number.isFinite(raw.nextAt) ? raw.nextAt : null,
    failure: typeof raw.failure === 'object' && raw.failure !== null ? (raw.failure as Failure) : null,
    attempts: count(raw.attempts),
  };
}

/** One line for the options page: "Downloading May 2024: 13 of 35 months, 8,400 papers stored." */
export function describeArchive(progress: ArchiveProgress, now: number): string {
  const papers = `${progress.papersStored.toLocaleString('en-US')} papers`;
  const months = `${progress.monthsDone} of ${progress.monthsTotal} months`;
  const month = progress.month === null ? '' : ` ${monthName(progress.month)}`;
  const why = progress.failure === null ? '' : ` ${describeFailure(progress.failure, now)}.`;
  switch (progress.state) {
    case 'idle':
      return 'Not downloaded.';
    case 'running':
      return `Downloading${month}: ${months}, ${papers} stored.`;
    case 'paused':
      return `Paused at${month}: ${months}, ${papers} stored.${why}`;
    case 'done':
      return `Done: ${papers} from ${progress.monthsTotal} months stored.`;
    case 'cancelled':
      return `Cancelled: the ${papers} stored (${months}) are kept.`;
    case 'failed':
      return `Stopped at${month}: the ${papers} stored (${months}) are kept.${why} Switch it off and on to try again.`;
  }
}

function clampToArchive(month: Month, today: string): Month {
  if (month < FIRST_ARCHIVE_MONTH) return FIRST_ARCHIVE_MONTH;
  return month > monthOf(today) ? monthOf(today) : month;
}
