import {
  afterFailure,
  afterMonth,
  afterPage,
  archivePageQuery,
  cancelArchive,
  groupByFeedDay,
  isArchiveActive,
  isLastPage,
  resumeIfDue,
  startArchive,
  type ArchiveProgress,
} from '../archive';
import type { Month } from '../calendar';
import { feedDayAt } from '../feed-day';
import type { Failure, Paper } from '../types';
import type { DayPlan } from '../unread';
import { storageFailureOf, type PaperboyDB } from '../store/database';
import { fetchPapersList, papersListUrl, type ClientOptions, type DayResult } from '../platform/hf-client';
import { ARCHIVE_BACKLOG_LIMIT, INDEX_BACKLOG_LIMIT } from './search-index';
import { commitRefresh, getStatus, updateStatus } from '../store/feed';
import { getMeta, putMeta } from '../store/meta';

/**
 * While a download runs, the alarm stays this far ahead as a safety net: if the worker is
 * stopped between two calls, the alarm starts it again and the download goes on.
 */
const WATCHDOG_MS = 60_000;

export interface ArchiveRunnerOptions {
  db: () => Promise<PaperboyDB>;
  /** One page of a month's list (hf-client's fetchPapersList over `archivePageQuery`). */
  fetchPage: (month: Month, page: number) => Promise<DayResult>;
  now: () => number;
  /** Waits between calls (the pace); tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Asks to be woken at `at` (the archive alarm), or no longer (null). */
  wakeAt?: (at: number | null) => Promise<void>;
  /** The progress changed (for the worker's broadcast). */
  onChange?: (progress: ArchiveProgress) => void;
  /** A month's papers were stored (for the search index). */
  onStored?: (papers: Paper[]) => Promise<void>;
}

/** Fetches one page of a month's list; each paper keeps the feed day it was listed on. */
export async function fetchArchivePage(month: Month, page: number, client: ClientOptions): Promise<DayResult> {
  return await fetchPapersList(papersListUrl(client.endpoint, archivePageQuery(month, page)), client);
}

/** Reads the stored archive progress (idle when there is none). */
export async function getArchiveProgress(db: PaperboyDB): Promise<ArchiveProgress> {
  return await getMeta(db, 'archive-progress');
}

/**
 * How many papers may wait outside the stored search index before the worker stores it again
 * (lib/services/search-index.ts): more while the archive downloads, so the growing index is
 * written a handful of times rather than after every month. Tests give smaller limits.
 */
export async function indexBacklogLimit(
  db: PaperboyDB,
  limits: { idle: number; archiving: number } = { idle: INDEX_BACKLOG_LIMIT, archiving: ARCHIVE_BACKLOG_LIMIT },
): Promise<number> {
  return isArchiveActive(await getArchiveProgress(db)) ? limits.archiving : limits.idle;
}

/**
 * Stores a month's papers as read history: one commit, day lists grouped by feed day and
 * merged with what is cached (a day never loses ids), every paper new to Paperboy read (old
 * papers never count as unread nor notify). Returns how many papers were stored.
 */
export async function storeArchiveMonth(db: PaperboyDB, papers: Paper[], now: number): Promise<number> {
  const byDay = groupByFeedDay(papers);
  const plans: DayPlan[] = [...byDay].map(([day, list]) => ({
    day,
    ids: list.map((paper) => paper.id),
    startsRead: true,
    merge: true,
  }));
  const unique = [...byDay.values()].flat();
  await commitRefresh(db, { papers: unique, days: plans, updateStatus: (current) => current, now, quietCatchUp: true });
  return unique.length;
}

/**
 * Runs the archive download in the worker: one month at a time, pages at a polite pace, each
 * month stored in one commit, the progress stored after every step. A stopped worker resumes
 * from the stored month (the alarm or the next start calls `resume`); a 429 pauses until the
 * window the headers name; cancel stops and keeps what was stored.
 */
export function createArchiveRunner(options: ArchiveRunnerOptions) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const wakeAt = options.wakeAt ?? (() => Promise.resolve());
  let current: ArchiveProgress | null = null;
  /** The pages of the month under way, fetched but not stored yet. */
  let pending: { month: Month; nextPage: number; papers: Paper[] } | null = null;
  /** Bumped by cancel and start: a loop of an older generation stops at its next step. */
  let generation = 0;
  let loop: Promise<void> | null = null;
  let loopGeneration = -1;

  async function progress(): Promise<ArchiveProgress> {
    current ??= await getArchiveProgress(await options.db());
    return current;
  }

  async function save(next: ArchiveProgress): Promise<void> {
    current = next;
    await putMeta(await options.db(), 'archive-progress', next);
    options.onChange?.(next);
  }

  /**
   * Runs the loop unless it already runs; resolves when it stops (paused, done, cancelled,
   * failed). A loop a cancel made stale finishes its step first, so two never call at once.
   */
  function run(): Promise<void> {
    const mine = generation;
    if (loop !== null && loopGeneration === mine) return loop;
    const next: Promise<void> = (loop ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => await step(mine))
      .finally(() => {
        if (loop === next) loop = null;
      });
    loop = next;
    loopGeneration = mine;
    return next;
  }

  async function step(mine: number): Promise<void> {
    const db = await options.db();
    for (;;) {
      let next = resumeIfDue(await progress(), options.now());
      if (mine !== generation) return;
      if (next.state !== 'running') {
        if (next.state === 'paused') await wakeAt(next.nextAt);
        return;
      }
      const month = next.month!;
      if (pending?.month !== month || pending.nextPage !== next.page) {
        // A new runner (the worker was stopped): the month's earlier pages were never stored.
        pending = { month, nextPage: 0, papers: [] };
        next = { ...next, page: 0 };
      }
      if (next !== current) await save(next);
      // The refresh's rate limit is the server's word for every call.
      const status = await getStatus(db);
      const limit = status.lastFailure?.kind === 'rate-limited' ? (status.lastFailure.retryAt ?? null) : null;
      if (limit !== null && limit > options.now()) {
        await save({ ...next, state: 'paused', nextAt: limit, failure: status.lastFailure });
        await wakeAt(limit);
        return;
      }
      const wait = (next.nextAt ?? 0) - options.now();
      await wakeAt(Math.max(next.nextAt ?? 0, options.now()) + WATCHDOG_MS);
      if (wait > 0) await sleep(wait);
      if (mine !== generation) return;

      const result = await options.fetchPage(month, next.page);
      if (mine !== generation) return;
      const now = options.now();
      if (!result.ok) {
        await recordFailure(db, next, result.failure, now);
        return;
      }
      pending.papers.push(...result.papers);
      if (!isLastPage(result.papers.length + result.skipped)) {
        const after = afterPage(next, now);
        pending.nextPage = after.page;
        await save(after);
        continue;
      }
      const papers = pending.papers;
      let stored: number;
      try {
        stored = await storeArchiveMonth(db, papers, now);
      } catch (error) {
        console.error('[paperboy] storing an archive month failed', error);
        pending = null;
        await recordFailure(db, next, storageFailureOf(error), now);
        return;
      }
      pending = null;
      if (mine !== generation) return;
      const done = afterMonth(next, stored, feedDayAt(now), now);
      await save(done);
      await options.onStored?.(papers).catch((error: unknown) => console.error('[paperboy] search index', error));
      if (done.state === 'done') {
        await wakeAt(null);
        return;
      }
    }
  }

  async function recordFailure(db: PaperboyDB, from: ArchiveProgress, failure: Failure, now: number): Promise<void> {
    const next = afterFailure(from, failure, now);
    if (failure.kind === 'rate-limited' && failure.retryAt !== undefined) {
      const retryAt = failure.retryAt;
      // Like a history load: the refresh must wait for the window too.
      await updateStatus(db, (status) => ({
        ...status,
        lastFailure: { ...failure, at: now },
        nextAllowedAt: Math.max(status.nextAllowedAt ?? 0, retryAt),
      }));
    }
    console.warn(`[paperboy] archive ${from.month ?? ''} page ${from.page}: ${failure.kind}`);
    await save(next);
    await wakeAt(next.state === 'paused' ? next.nextAt : null);
  }

  return {
    /** The progress as stored. */
    progress,
    /** Starts the download (or resumes a stopped one) and runs it in the background. */
    async start(): Promise<ArchiveProgress> {
      const before = await progress();
      const next = startArchive(before, feedDayAt(options.now()), options.now());
      if (next !== before) await save(next);
      void run().catch(logError);
      return next;
    },
    /** Stops the download; what was stored is kept. */
    async cancel(): Promise<ArchiveProgress> {
      generation += 1;
      pending = null;
      const next = cancelArchive(await progress());
      await save(next);
      await wakeAt(null);
      return next;
    },
    /** Goes on with an active download (worker start, the archive alarm); nothing otherwise. */
    async resume(): Promise<void> {
      if (isArchiveActive(await progress())) await run();
    },
    /** Resolves when the loop under way (if any) stops: for tests and the worker's shutdown. */
    idle: async (): Promise<void> => {
      await loop;
    },
  };
}

export type ArchiveRunner = ReturnType<typeof createArchiveRunner>;

function logError(error: unknown): void {
  console.error('[paperboy] archive', error);
}
