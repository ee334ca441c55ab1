import { browser } from 'wxt/browser';
import { badgeText, badgeTitle } from '../badge';
import type { RefreshStatus } from '../types';

const BADGE_COLOR = '#C2410C';

/** Shows the unread count and the tooltip on the toolbar button. */
export async function renderBadge(unread: number, status: RefreshStatus, now: number): Promise<void> {
  // Firefox MV2 has no browser.action, only browserAction.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (action === undefined) return;
  await Promise.all([
    action.setBadgeText({ text: badgeText(unread) }),
    action.setBadgeBackgroundColor({ color: BADGE_COLOR }),
    action.setTitle({ title: badgeTitle(unread, status, now) }),
  ]);
}
