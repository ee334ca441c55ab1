// Launches the built extension in a fresh Chromium profile and reads what a user sees of it:
// the toolbar badge, its tooltip, and the popup (opened as a tab, as Playwright cannot click the
// toolbar button).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { inject } from 'vitest';
import { makeDay, newYorkDay, shiftDay, type ApiItem } from '../fixtures/feed.mjs';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.mjs';
import { chromiumPath, headlessExtensionOptions } from '../../scripts/chromium.mjs';
import { PopupPage } from './popup-page';

/** How long to wait for something the extension does in the background (a refresh, a redraw). */
export const EVENTUALLY = { timeout: 15_000, interval: 100 } as const;

/** The popup's real size: its body is 440px wide, and Chrome caps a popup at 800×600. */
export const POPUP_VIEWPORT = { width: 440, height: 600 } as const;

/** Just enough of `chrome.action` for reading the badge inside the service worker. */
interface ChromeAction {
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The origin the extension was built to call: the fixture server's. */
  endpoint: string;
  /** The extension's service worker (woken again if Chrome stopped it). */
  serviceWorker(): Promise<Worker>;
  badgeText(): Promise<string>;
  badgeTitle(): Promise<string>;
  /** Opens chrome-extension://ID/popup.html in a new tab, once it has drawn its header. */
  openPopup(): Promise<PopupPage>;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

/** Starts Chromium with a new, empty profile and the e2e build of the extension installed. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = inject('extensionDir');
  const endpoint = `http://127.0.0.1:${inject('fixturePort')}`;
  const userDataDir = await mkdtemp(join(tmpdir(), 'paperboy-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      ...headlessExtensionOptions(extensionDir),
      viewport: POPUP_VIEWPORT,
      colorScheme: options.colorScheme ?? 'light',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    // Debian's chromium by default; Playwright's own browser downloads are never used.
    throw new Error(`[e2e] could not start ${chromiumPath()}`, { cause: error });
  }

  const isOurs = (worker: Worker): boolean => worker.url().startsWith('chrome-extension://');
  const first = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', isOurs));
  const extensionId = new URL(first.url()).host;

  async function serviceWorker(): Promise<Worker> {
    const running = context.serviceWorkers().find(isOurs);
    return running ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: EVENTUALLY.timeout }));
  }

  return {
    context,
    extensionId,
    endpoint,
    serviceWorker,
    badgeText: async () =>
      await (
        await serviceWorker()
      ).evaluate(() => (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getBadgeText({})),
    badgeTitle: async () =>
      await (
        await serviceWorker()
      ).evaluate(() => (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getTitle({})),
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const popup = new PopupPage(page);
      await popup.heading.waitFor();
      // The keys are a chunk loaded once the list is drawn (components/Lazy.tsx); they say when they listen.
      await page.getByText('Keyboard shortcuts: press ? for the list.').waitFor({ state: 'attached' });
      return popup;
    },
    async close() {
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The feed day the run started on (New York date), and the one before. */
export const TODAY = newYorkDay();
export const YESTERDAY = shiftDay(TODAY, -1);

/** The standard feed: 12 papers today, 8 yesterday, nothing on other days. */
export function standardFeed(): Map<string, ApiItem[]> {
  return new Map([
    [TODAY, makeDay(TODAY, 12)],
    [YESTERDAY, makeDay(YESTERDAY, 8)],
  ]);
}

/** Serves `days` on the port the extension was built against. */
export async function serveFeed(days: Map<string, ApiItem[]> = standardFeed()): Promise<FixtureServer> {
  return await startFixtureServer({ port: inject('fixturePort'), days });
}
