import { browser } from 'wxt/browser';

const BADGE_COLOR = '#C2410C';

/** Shows a badge text and a tooltip on the toolbar button. */
export async function renderBadge(badge: { text: string; title: string }): Promise<void> {
  // Firefox MV2 has no browser.action, only browserAction.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (action === undefined) return;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: BADGE_COLOR }),
    action.setTitle({ title: badge.title }),
  ]);
}
