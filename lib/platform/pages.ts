import { browser } from 'wxt/browser';

/** The extension's own pages, as URLs: one place for their paths and query parameters. */
export const pages = {
  /** The list as a page in a tab, on `day` when given. */
  list: (day?: string): string =>
    `${browser.runtime.getURL('/list.html')}${day === undefined ? '' : `?day=${encodeURIComponent(day)}`}`,
  /** The digest page of a period ("day:2026-11-25", "week:2026-W48"). */
  digest: (period: string): string => `${browser.runtime.getURL('/digest.html')}?period=${period}`,
  library: (): string => browser.runtime.getURL('/library.html'),
  /** The reader of a stored PDF. */
  reader: (id: string): string => `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(id)}`,
};

/** Opens `url` in a new tab. */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}
