import { describeFailure } from './failure';
import { timeAgo } from './time-ago';
import type { RefreshStatus } from './types';

/** Badge text for an unread count: empty at 0, "99+" above 99. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

/** The toolbar tooltip: "12 unread papers · updated 5 min ago", or what went wrong. */
export function badgeTitle(unread: number, status: RefreshStatus, now: number): string {
  const count = unread === 0 ? 'No unread papers' : unread === 1 ? '1 unread paper' : `${unread} unread papers`;
  const parts = [`Paperboy: ${count}`];
  if (status.lastSuccessAt !== null) parts.push(`updated ${timeAgo(status.lastSuccessAt, now)}`);
  // A successful refresh clears lastFailure, so any failure still here is the latest news.
  if (status.lastFailure !== null) parts.push(`last refresh failed: ${describeFailure(status.lastFailure, now)}`);
  return parts.join(' · ');
}
