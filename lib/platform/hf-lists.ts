import { mergePages, TRENDING_PAGE_SIZE, TRENDING_PAGES } from '../trending';
import type { Failure, Paper } from '../types';
import { fetchPapersList, papersListUrl, type ClientOptions } from './hf-client';

/** Papers per page of a week's list (the API's maximum). */
export const WEEK_PAGE_SIZE = 100;
/** A week holds about 250 papers: five pages is plenty, and a broken server cannot loop us. */
export const MAX_WEEK_PAGES = 5;
/** Papers per page of a month's list (the API's maximum). */
export const MONTH_PAGE_SIZE = 100;
/** A month holds about 1,000–2,000 papers: forty pages is plenty, and a broken server cannot loop us. */
export const MAX_MONTH_PAGES = 40;

/**
 * The pause between two pages of a week's or a month's list. Shorter than the archive's 1.5 s
 * (lib/archive.ts: hundreds of pages in the background) because someone is waiting for the
 * view: a month of 1,500 papers is 15 calls in about 4 s, 3% of the anonymous limit's 500
 * calls per 5 minutes, and a period fetched after it ended is never fetched again.
 */
export const LIST_PAGE_PACE_MS = 300;

export type ListResult = { ok: true; papers: Paper[] } | { ok: false; failure: Failure };

/** How to fetch a paginated list: the client's options, and how to wait between its pages. */
export interface ListOptions extends ClientOptions {
  /** Waits between two pages (setTimeout by default); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Fetches pages `p=0,1,…` of a list until one comes back short (a page past the end answers
 * `[]`) or `maxPages` were read, `paceMs` apart. Each paper keeps the feed day it was submitted
 * on. A failed page (a 429 included) ends it with that failure: nothing of the list is kept.
 */
async function fetchPages(
  query: Record<string, string>,
  pageSize: number,
  maxPages: number,
  options: ListOptions,
  paceMs: number,
): Promise<ListResult> {
  const sleep = options.sleep ?? sleepFor;
  const pages: Paper[][] = [];
  for (let page = 0; page < maxPages; page += 1) {
    if (page > 0 && paceMs > 0) await sleep(paceMs);
    const url = papersListUrl(options.endpoint, { ...query, limit: String(pageSize), p: String(page) });
    const result = await fetchPapersList(url, options);
    if (!result.ok) return result;
    pages.push(result.papers);
    if (result.papers.length + result.skipped < pageSize) break;
  }
  return { ok: true, papers: mergePages(pages) };
}

/** Every paper of one ISO week ("2026-W48"), through `week=`, paginated at a polite pace. Never throws. */
export async function fetchWeek(week: string, options: ListOptions): Promise<ListResult> {
  return await fetchPages({ week }, WEEK_PAGE_SIZE, MAX_WEEK_PAGES, options, LIST_PAGE_PACE_MS);
}

/** Every paper of one month ("2026-11"), through `month=`, paginated at a polite pace. Never throws. */
export async function fetchMonth(month: string, options: ListOptions): Promise<ListResult> {
  return await fetchPages({ month }, MONTH_PAGE_SIZE, MAX_MONTH_PAGES, options, LIST_PAGE_PACE_MS);
}

/**
 * The trending ranking (`sort=trending`), its first `pages` pages, in rank order. Never throws.
 * Not paced: two pages a user waits for, fetched at most every 15 minutes (TRENDING_STALE_MS).
 */
export async function fetchTrending(options: ListOptions, pages = TRENDING_PAGES): Promise<ListResult> {
  return await fetchPages({ sort: 'trending' }, TRENDING_PAGE_SIZE, pages, options, 0);
}
