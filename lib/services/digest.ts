import { browser } from 'wxt/browser';
import {
  digestNotice,
  formatPeriod,
  parsePeriod,
  periodDays,
  planDigests,
  previousIsoWeek,
  topPapers,
  type DigestKind,
  type DigestNotice,
  type DigestPeriod,
} from '../digest';
import { feedDayAt } from '../feed-day';
import type { Settings } from '../settings';
import type { PaperboyDB } from '../store/database';
import { updateMeta } from '../store/meta';
import type { ListResult } from '../platform/hf-lists';
import { getStatus, latestNonEmptyDay, readPapersOfDays, storeListedPapers } from '../store/feed';

/** The alarm set (with `when`) for the next digest, or for the end of the quiet time holding one. */
export const DIGEST_ALARM = 'paperboy-digest';
/** The meta key of the periods each digest last fired for (lib/digest.ts DigestMarks). */
export const DIGEST_MARKS_KEY = 'digest-marks';
/** Notification ids of digests: the prefix, then the period ("paperboy:digest:day:2026-11-25"). */
export const DIGEST_NOTIFICATION_PREFIX = 'paperboy:digest:';
/** A daily digest refreshes first when the last successful refresh is older than this. */
export const DIGEST_STALE_MS = 30 * 60_000;

/** The digest page of a period, as an extension URL. */
export function digestPageUrl(period: DigestPeriod): string {
  return `${browser.runtime.getURL('/digest.html')}?period=${formatPeriod(period)}`;
}

/** The period a digest notification stands for, or null when the id is not a digest's. */
export function periodOfNotification(notificationId: string): DigestPeriod | null {
  if (!notificationId.startsWith(DIGEST_NOTIFICATION_PREFIX)) return null;
  return parsePeriod(notificationId.slice(DIGEST_NOTIFICATION_PREFIX.length));
}

export interface DigestRunnerOptions {
  db: () => Promise<PaperboyDB>;
  settings: () => Promise<Settings>;
  now: () => number;
  /** The worker's catch-up refresh: run before a daily digest when the cache is stale. */
  refresh: () => Promise<unknown>;
  /** Every paper of an ISO week (lib/platform/hf-lists.ts `fetchWeek` with the current endpoint). */
  fetchWeek: (week: string) => Promise<ListResult>;
}

/**
 * The digests in the worker. `check` runs on the digest alarm, at startup, after each scheduled
 * refresh and when the settings change: it claims what is due (the period is written to `meta`
 * in the same transaction that decides, so no second check shows it again), sets the alarm for
 * the next time, then builds and shows each due digest. A digest counts the papers of its period,
 * read or unread, and marks nothing read.
 */
export function createDigestRunner(options: DigestRunnerOptions) {
  const { now } = options;
  // Chrome shows list notifications; Firefox has only basic ones.
  const isChrome = import.meta.env.BROWSER !== 'firefox';

  /** Claims the due digests and stores the marks, in one transaction. */
  async function claim(db: PaperboyDB, settings: Settings, at: number) {
    let plan: ReturnType<typeof planDigests> | null = null;
    await updateMeta(db, 'digest-marks', (marks) => {
      plan = planDigests(settings, marks, at);
      return plan.marks;
    });
    return plan!;
  }

  async function wakeAt(at: number | null): Promise<void> {
    if (at === null) await browser.alarms.clear(DIGEST_ALARM);
    else await browser.alarms.create(DIGEST_ALARM, { when: at });
  }

  /** Shows what is due and schedules the next look. Returns the digests shown. */
  async function check(): Promise<DigestKind[]> {
    const db = await options.db();
    const settings = await options.settings();
    const plan = await claim(db, settings, now());
    await wakeAt(plan.wakeAt);
    const shown: DigestKind[] = [];
    for (const kind of plan.due) {
      try {
        // Claimed before building: a failure here loses this digest, it never shows it twice.
        if (await showDigest(db, settings, kind)) shown.push(kind);
      } catch (error) {
        console.error(`[paperboy] the ${kind === 'day' ? 'daily' : 'weekly'} digest failed`, error);
      }
    }
    return shown;
  }

  /** The top papers of the period a digest of `kind` covers now, or null when it has none. */
  async function build(db: PaperboyDB, settings: Settings, kind: DigestKind): Promise<DigestNotice | null> {
    const today = feedDayAt(now());
    let period: DigestPeriod;
    if (kind === 'day') {
      const status = await getStatus(db);
      if (status.lastSuccessAt === null || now() - status.lastSuccessAt > DIGEST_STALE_MS) await options.refresh();
      // Today's list, or the latest day with papers (a weekend, or too early in New York).
      const day = await latestNonEmptyDay(db, today);
      if (day === null) return null;
      period = { kind: 'day', day };
    } else {
      const week = previousIsoWeek(today);
      period = { kind: 'week', week };
      const fetched = await options.fetchWeek(week);
      if (fetched.ok) await storeListedPapers(db, fetched.papers);
      else console.warn('[paperboy] the weekly digest uses the cache: fetching the week failed:', fetched.failure);
    }
    const { from, to } = periodDays(period);
    const { papers } = await readPapersOfDays(db, from, to);
    return digestNotice(period, topPapers(papers, period, settings.digest.topCount), today);
  }

  async function showDigest(db: PaperboyDB, settings: Settings, kind: DigestKind): Promise<boolean> {
    const notice = await build(db, settings, kind);
    if (notice === null) return false;
    const base = {
      iconUrl: browser.runtime.getURL('/icon/128.png' as '/'),
      title: notice.title,
      message: notice.message,
      priority: 0,
    };
    await browser.notifications.create(
      `${DIGEST_NOTIFICATION_PREFIX}${formatPeriod(notice.period)}`,
      isChrome ? { ...base, type: 'list', items: notice.items } : { ...base, type: 'basic' },
    );
    return true;
  }

  return { check };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
