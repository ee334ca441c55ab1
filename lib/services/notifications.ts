import { browser } from 'wxt/browser';
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
import { digestPageUrl, periodOfNotification } from './digest';
import type { Settings } from '../settings';
import { compileWatchlist } from '../watchlist';
import type { PaperboyDB } from '../store/database';
import { deleteMeta, getMeta, isSummaryKey, putMeta, type SummaryKey, type SummaryRecord } from '../store/meta';
import { updateNotifyQueue, readPapers, readPapersBetween, readUnreadIds, setUnread } from '../store/feed';

/** The alarm that announces what arrived during quiet hours or a snooze, once it ends. */
export const QUIET_END_ALARM = 'paperboy-quiet-end';

const PREFIX = 'paperboy:';
const SUMMARY = 'paperboy:summary:';
const PAPER = `${PREFIX}paper:`;

export interface NotifierOptions {
  db: () => Promise<PaperboyDB>;
  settings: () => Promise<Settings>;
  now: () => number;
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
  const { now } = options;
  // Chrome shows list notifications and buttons; Firefox has neither.
  const isChrome = import.meta.env.BROWSER !== 'firefox';
  const icon = (): string => browser.runtime.getURL('/icon/128.png' as '/');

  async function show(
    id: string,
    details: { title: string; message: string; items?: { title: string; message: string }[]; buttons?: string[] },
  ): Promise<void> {
    const base = { iconUrl: icon(), title: details.title, message: details.message, priority: 0 };
    const rich =
      isChrome && details.items !== undefined && details.items.length > 0
        ? { ...base, type: 'list' as const, items: details.items }
        : { ...base, type: 'basic' as const };
    const buttons =
      isChrome && details.buttons !== undefined ? { buttons: details.buttons.map((title) => ({ title })) } : {};
    await browser.notifications.create(id, { ...rich, ...buttons });
  }

  async function showSummary(db: PaperboyDB, summary: SummaryNotice): Promise<void> {
    // The id follows from the papers it stands for: shown again after a restart, it replaces
    // itself instead of stacking a duplicate.
    const id: SummaryKey = `${SUMMARY}${summary.day}:${hash(summary.ids.join(','))}`;
    await putMeta(db, id, { ids: summary.ids, day: summary.day });
    await show(id, { ...summary, buttons: ['Open', 'Mark all as read'] });
  }

  async function showPaper(notice: PaperNotice): Promise<void> {
    await show(`${PAPER}${notice.paperId}`, notice);
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
        await browser.alarms.create(QUIET_END_ALARM, { when: decision.until });
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

  async function openListAt(day: string): Promise<void> {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/list.html')}?day=${encodeURIComponent(day)}` });
  }

  async function markRead(ids: string[]): Promise<void> {
    await setUnread(await options.db(), ids, false, now());
    await options.onMarkedRead();
  }

  /** A click on a notification: a summary opens the list on its day; a paper opens and is read. */
  async function onClicked(notificationId: string): Promise<void> {
    if (!notificationId.startsWith(PREFIX)) return;
    const digestPeriod = periodOfNotification(notificationId);
    if (digestPeriod !== null) {
      // A digest opens its page; it marks nothing read.
      await browser.notifications.clear(notificationId);
      await browser.tabs.create({ url: digestPageUrl(digestPeriod) });
      return;
    }
    // Read before clearing: Chrome reports a notification the extension clears as closed, and
    // onClosed deletes the summary's record, racing this read.
    const record = notificationId.startsWith(SUMMARY) ? await summaryRecord(notificationId) : null;
    await browser.notifications.clear(notificationId);
    if (notificationId.startsWith(SUMMARY)) {
      if (record !== null) await openListAt(record.day);
      return;
    }
    if (notificationId.startsWith(PAPER)) {
      const paperId = notificationId.slice(PAPER.length);
      await browser.tabs.create({ url: paperPageUrl(await options.endpoint(), paperId) });
      await markRead([paperId]);
    }
  }

  /** The summary's buttons: 0 "Open", 1 "Mark all as read". */
  async function onButtonClicked(notificationId: string, buttonIndex: number): Promise<void> {
    if (!notificationId.startsWith(SUMMARY)) return;
    if (buttonIndex === 0) {
      await onClicked(notificationId);
      return;
    }
    const record = await summaryRecord(notificationId); // before clearing, as in onClicked
    await browser.notifications.clear(notificationId);
    if (record !== null) await markRead(record.ids);
  }

  /** Forgets a closed summary's bookkeeping. */
  async function onClosed(notificationId: string): Promise<void> {
    if (isSummaryKey(notificationId)) await deleteMeta(await options.db(), notificationId);
  }

  async function summaryRecord(notificationId: string): Promise<SummaryRecord | null> {
    return isSummaryKey(notificationId) ? await getMeta(await options.db(), notificationId) : null;
  }


  return { flush, onClicked, onButtonClicked, onClosed };
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
