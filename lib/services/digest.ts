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
import type { Alarms } from '../platform/alarms';
import type { ListResult } from '../platform/hf-lists';
import type { NotificationRoute, Notifications } from '../platform/notifications';
import { getStatus, latestNonEmptyDay, readPapersOfDays, storeListedPapers } from '../store/feed';

/** Notification ids of digests: the prefix, then the period ("paperboy:digest:day:2026-11-25"). */
const DIGEST_NOTIFICATION_PREFIX = 'paperboy:digest:';
/** A daily digest refreshes first when the last successful refresh is older than this. */
export const DIGEST_STALE_MS = 30 * 60_000;

export interface DigestRunnerOptions {
  db: () => Promise<PaperboyDB>;
  settings: () => Promise<Settings>;
  now: () => number;
  /** The worker's catch-up refresh: run before a daily digest when the cache is stale. */
  refresh: () => Promise<unknown>;
  /** Every paper of an ISO week (lib/platform/hf-lists.ts `fetchWeek` with the current endpoint). */
  fetchWeek: (week: string) => Promise<ListResult>;
  notifications: Notifications;
  alarms: Alarms;
  openTab: (url: string) => Promise<void>;
  /** The digest page of a period ("day:2026-11-25"). */
  digestPage: (period: string) => string;
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

  /** Claims the due digests and stores the marks, in one transaction. */
  async function claim(db: PaperboyDB, settings: Settings, at: number) {
    let plan: ReturnType<typeof planDigests> | null = null;
    await updateMeta(db, 'digest-marks', (marks) => {
      plan = planDigests(settings, marks, at);
      return plan.marks;
    });
    return plan!;
  }


  /** Shows what is due and schedules the next look. Returns the digests shown. */
  async function check(): Promise<DigestKind[]> {
    const db = await options.db();
    const settings = await options.settings();
    const plan = await claim(db, settings, now());
    await options.alarms.at('digest', plan.wakeAt);
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
    await options.notifications.show(`${DIGEST_NOTIFICATION_PREFIX}${formatPeriod(notice.period)}`, notice);
    return true;
  }

  /** A digest's click opens its page; it marks nothing read. */
  async function openDigest(notificationId: string): Promise<void> {
    const period = parsePeriod(notificationId.slice(DIGEST_NOTIFICATION_PREFIX.length));
    await options.notifications.clear(notificationId);
    if (period !== null) await options.openTab(options.digestPage(formatPeriod(period)));
  }

  const routes: NotificationRoute[] = [{ prefix: DIGEST_NOTIFICATION_PREFIX, onClicked: openDigest }];

  return { check, routes };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
