import { describeFailure } from './failure';
import { timeAgo } from './time-ago';
import type { BadgeMode } from './settings';
import type { RefreshStatus } from './types';

/** Badge text for an unread count: empty at 0, "99+" above 99. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

/** What the badge counts. */
export interface BadgeCounts {
  unread: number;
  /** Unread papers that match the watchlist. */
  watchlistUnread: number;
}

/** The badge text for the mode the user chose: the unread count, watchlist matches only, a dot, or nothing. */
export function badgeTextFor(mode: BadgeMode, counts: BadgeCounts): string {
  switch (mode) {
    case 'unread':
      return badgeText(counts.unread);
    case 'watchlist':
      return badgeText(counts.watchlistUnread);
    case 'dot':
      return counts.unread > 0 ? '•' : '';
    case 'none':
      return '';
  }
}

/** The toolbar tooltip: "12 unread papers · updated 5 min ago", or what went wrong. */
export function badgeTitle(unread: number, status: RefreshStatus, now: number, watchlistUnread = 0): string {
  const count = unread === 0 ? 'No unread papers' : unread === 1 ? '1 unread paper' : `${unread} unread papers`;
  const watched = watchlistUnread > 0 ? ` (${watchlistUnread} on your watchlist)` : '';
  const parts = [`Paperboy: ${count}${watched}`];
  if (status.lastSuccessAt !== null) parts.push(`updated ${timeAgo(status.lastSuccessAt, now)}`);
  // A successful refresh clears lastFailure, so any failure still here is the latest news.
  if (status.lastFailure !== null) parts.push(`last refresh failed: ${describeFailure(status.lastFailure, now)}`);
  return parts.join(' · ');
}
