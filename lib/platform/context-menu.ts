import { browser } from 'wxt/browser';
import { paperUrlPatterns, type PaperSites } from '../arxiv-id';

/** The context menu's entries: one on a paper's page, one on a link to a paper anywhere. */
export const SAVE_MENU_PAGE = 'paperboy-save-page';
export const SAVE_MENU_LINK = 'paperboy-save-link';

/**
 * Creates "Save to Paperboy" in the context menu (on install and update; Chrome keeps menus
 * across restarts): on Hugging Face paper pages and arXiv abstract/PDF pages, and on links to them.
 */
export async function createSaveMenu(sites: PaperSites): Promise<void> {
  const patterns = paperUrlPatterns(sites);
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: SAVE_MENU_PAGE,
    title: 'Save to Paperboy',
    contexts: ['page'],
    documentUrlPatterns: patterns,
  });
  browser.contextMenus.create({
    id: SAVE_MENU_LINK,
    title: 'Save to Paperboy',
    contexts: ['link'],
    targetUrlPatterns: patterns,
  });
}

/** Sends the menu's clicks to `onSave`. Where the browser has no context menus (Firefox for Android), does nothing. */
export function listenToSaveMenu(
  onSave: (info: { linkUrl?: string; pageUrl?: string; frameUrl?: string }) => void,
): void {
  const menus = browser.contextMenus as typeof browser.contextMenus | undefined;
  if (menus === undefined) return;
  try {
    menus.onClicked.addListener((info) => {
      if (info.menuItemId === SAVE_MENU_PAGE || info.menuItemId === SAVE_MENU_LINK) onSave(info);
    });
  } catch (error) {
    console.warn('[paperboy] no context menu in this browser:', error);
  }
}

