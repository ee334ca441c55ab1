import { addDays, feedDayAt } from '../feed-day';
import {
  decideNotifications,
  decideUpvoteAlerts,
  EMPTY_QUEUE,
  enqueue,
  UPVOTE_WINDOW_DAYS,
  type PaperNotice,
  type SummaryNotice,
} from '../notify';
import { paperPageUrl } from '../paper-view';
import type { Settings } from '../settings';
import { compileWatchlist } from '../watchlist';
import type { Alarms } from '../platform/alarms';
import type { NotificationRoute, Notifications } from '../platform/notifications';
import type { PaperboyDB } from '../store/database';
import { readPapers, readPapersBetween, readUnreadIds, setUnread, updateNotifyQueue } from '../store/feed';
import { deleteMeta, getMeta, isSummaryKey, putMeta, type SummaryKey, type SummaryRecord } from '../store/meta';

/** Ids of the summary of new papers: the prefix, then its day and a hash of its papers. */
const SUMMARY = 'paperboy:summary:';
/** Ids of one paper's notification (a watchlist match, an upvote alert): the prefix, then the paper id. */
const PAPER = 'paperboy:paper:';

export interface NotifierOptions {
  db: () => Promise<PaperboyDB>;
  settings: () => Promise<Settings>;
  now: () => number;
  notifications: Notifications;
  alarms: Alarms;
  /** Opens a URL in a new tab. */
  openTab: (url: string) => Promise<void>;
  /** The list page on a day (a summary's click). */
  listPage: (day: string) => string;
  /** The endpoint papers open on. */
  endpoint: () => Promise<string>;
  /** Called after a notification marked papers read (to redraw the badge and open pages). */
  onMarkedRead: () => Promise<unknown>;
}

/**
 * Notifications: announces the queued new papers (one summary, watchlist matches on their own),
 * upvote alerts, and handles clicks. The queue lives in IndexedDB, written with the papers, so
 * each paper is announced once even when the worker is stopped in between.
 */
export function createNotifier(options: NotifierOptions) {
  const { now, notifications } = options;

  async function showSummary(db: PaperboyDB, summary: SummaryNotice): Promise<void> {
    // The id follows from the papers it stands for: shown again after a restart, it replaces
    // itself instead of stacking a duplicate.
    const id: SummaryKey = `${SUMMARY}${summary.day}:${hash(summary.ids.join(','))}`;
    await putMeta(db, id, { ids: summary.ids, day: summary.day });
    await notifications.show(id, { ...summary, buttons: ['Open', 'Mark all as read'] });
  }

  async function showPaper(notice: PaperNotice): Promise<void> {
    await notifications.show(`${PAPER}${notice.paperId}`, notice);
  }

  /** Announces what is queued, unless notifications are off (queue dropped) or quiet (held). */
  async function flush(): Promise<void> {
    const db = await options.db();
    const settings = await options.settings();
    const at = now();
    // Taken whole, in one transaction: what a refresh enqueues from now on waits for the next flush.
    const queue = await updateNotifyQueue(db, () => EMPTY_QUEUE);
    if (queue.ids.length > 0) {
      const papers = await readPapers(db, queue.ids);
      const unread = await readUnreadIds(db, queue.ids);
      const decision = decideNotifications({
        queued: papers,
        isUnread: (id) => unread.has(id),
        settings,
        matcher: compileWatchlist(settings.watchlist),
        now: at,
        quietCatchUp: queue.quietCatchUp,
        wasHeld: queue.heldSince !== null,
      });
      if (decision.kind === 'hold') {
        // Put back (with anything enqueued meanwhile), marked as waiting since the first hold.
        await updateNotifyQueue(db, (current) => ({
          ...enqueue(queue, current.ids, current.quietCatchUp),
          heldSince: queue.heldSince ?? at,
        }));
        await options.alarms.at('quietEnd', decision.until);
      } else if (decision.kind === 'show' && !settings.digest.only) {
        // "Digest only": nothing per refresh; the papers stay in the list, unread, for the digest.
        // The queue was emptied before showing: a failure to show loses a notification, never doubles one.
        for (const match of decision.matches) await showPaper(match);
        if (decision.summary !== null) await showSummary(db, decision.summary);
      }
    }
    await flushUpvoteAlerts(db, settings, at);
  }

  async function flushUpvoteAlerts(db: PaperboyDB, settings: Settings, at: number): Promise<void> {
    if (!settings.upvoteAlert.enabled) return;
    const today = feedDayAt(at);
    const from = addDays(today, -UPVOTE_WINDOW_DAYS);
    const recent = await readPapersBetween(db, from, today);
    const alerted = new Map<string, string>(Object.entries(await getMeta(db, 'upvote-alerted')));
    const alerts = decideUpvoteAlerts(recent, (id) => alerted.has(id), settings, at);
    if (alerts.length === 0) return;
    const recentDay = new Map(recent.map((paper) => [paper.id, paper.feedDay]));
    for (const alert of alerts) alerted.set(alert.paperId, recentDay.get(alert.paperId) ?? today);
    // Forget alerts for papers that left the window, so the record stays small.
    const kept = [...alerted].filter(([, day]) => day >= from);
    await putMeta(db, 'upvote-alerted', Object.fromEntries(kept));
    for (const alert of alerts) await showPaper(alert);
  }

  async function markRead(ids: string[]): Promise<void> {
    await setUnread(await options.db(), ids, false, now());
    await options.onMarkedRead();
  }

  /** A summary's click (or its "Open" button): the list opens on its day. */
  async function openSummary(notificationId: string): Promise<void> {
    // Read before clearing: Chrome reports a notification the extension clears as closed, and
    // the close deletes the summary's record, racing this read.
    const record = await summaryRecord(notificationId);
    await notifications.clear(notificationId);
    if (record !== null) await options.openTab(options.listPage(record.day));
  }

  /** The summary's buttons: 0 "Open", 1 "Mark all as read". */
  async function onSummaryButton(notificationId: string, buttonIndex: number): Promise<void> {
    if (buttonIndex === 0) {
      await openSummary(notificationId);
      return;
    }
    const record = await summaryRecord(notificationId); // before clearing, as in openSummary
    await notifications.clear(notificationId);
    if (record !== null) await markRead(record.ids);
  }

  /** A paper's click: it opens on Hugging Face and is read. */
  async function openPaper(notificationId: string): Promise<void> {
    await notifications.clear(notificationId);
    const paperId = notificationId.slice(PAPER.length);
    await options.openTab(paperPageUrl(await options.endpoint(), paperId));
    await markRead([paperId]);
  }

  /** Forgets a closed summary's bookkeeping. */
  async function forgetSummary(notificationId: string): Promise<void> {
    if (isSummaryKey(notificationId)) await deleteMeta(await options.db(), notificationId);
  }

  async function summaryRecord(notificationId: string): Promise<SummaryRecord | null> {
    return isSummaryKey(notificationId) ? await getMeta(await options.db(), notificationId) : null;
  }


  /** What clicks and closes of these notifications do (lib/platform/notifications.ts routes them). */
  const routes: NotificationRoute[] = [
    { prefix: SUMMARY, onClicked: openSummary, onButtonClicked: onSummaryButton, onClosed: forgetSummary },
    { prefix: PAPER, onClicked: openPaper },
  ];

  return { flush, routes };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** A short stable hash (FNV-1a) for notification ids. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return (value >>> 0).toString(36);
}
