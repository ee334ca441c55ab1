// The toolbar button under each browser's API: MV3's browser.action, and Firefox MV2's
// browser.browserAction where there is no action (lib/platform/badge.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderBadge } from '@/lib/platform/badge';

type Mutable = Record<string, unknown>;
const browserObject = fakeBrowser as unknown as Mutable;
const mv3Action = browserObject.action;

afterEach(() => {
  browserObject.action = mv3Action;
  delete browserObject.browserAction;
});

/** A stand-in for one toolbar API that records what it was told. */
function recordingAction() {
  return {
    setBadgeText: vi.fn(() => Promise.resolve()),
    setBadgeBackgroundColor: vi.fn(() => Promise.resolve()),
    setTitle: vi.fn(() => Promise.resolve()),
  };
}

describe('renderBadge', () => {
  it('draws the badge and tooltip through browser.action (MV3)', async () => {
    await renderBadge({ text: '7', title: 'Paperboy: 7 unread papers' });

    expect(await fakeBrowser.action.getBadgeText({})).toBe('7');
    expect(await fakeBrowser.action.getTitle({})).toBe('Paperboy: 7 unread papers');
  });

  it('falls back to browser.browserAction where there is no browser.action (Firefox MV2)', async () => {
    const browserAction = recordingAction();
    browserObject.action = undefined;
    browserObject.browserAction = browserAction;

    await renderBadge({ text: '3', title: 'Paperboy: 3 unread papers' });

    expect(browserAction.setBadgeText).toHaveBeenCalledWith({ text: '3' });
    expect(browserAction.setTitle).toHaveBeenCalledWith({ title: 'Paperboy: 3 unread papers' });
    expect(browserAction.setBadgeBackgroundColor).toHaveBeenCalledOnce();
  });

  it('prefers browser.action when a browser has both', async () => {
    const browserAction = recordingAction();
    browserObject.browserAction = browserAction;

    await renderBadge({ text: '1', title: 'Paperboy: 1 unread paper' });

    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(browserAction.setBadgeText).not.toHaveBeenCalled();
  });

  it('does nothing, without failing, where neither exists', async () => {
    browserObject.action = undefined;

    await expect(renderBadge({ text: '2', title: 'Paperboy' })).resolves.toBeUndefined();
  });
});
