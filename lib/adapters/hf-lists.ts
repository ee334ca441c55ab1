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

export type ListResult = { ok: true; papers: Paper[] } | { ok: false; failure: Failure };

/**
 * Fetches pages `p=0,1,…` of a list until one comes back short (a page past the end answers
 * `[]`) or `maxPages` were read. Each paper keeps the feed day it was submitted on.
 */
async function fetchPages(
  query: Record<string, string>,
  pageSize: number,
  maxPages: number,
  options: ClientOptions,
): Promise<ListResult> {
  const pages: Paper[][] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const url = papersListUrl(options.endpoint, { ...query, limit: String(pageSize), p: String(page) });
    const result = await fetchPapersList(url, options);
    if (!result.ok) return result;
    pages.push(result.papers);
    if (result.papers.length + result.skipped < pageSize) break;
  }
  return { ok: true, papers: mergePages(pages) };
}

/** Every paper of one ISO week ("2026-W48"), through `week=`, paginated. Never throws. */
export async function fetchWeek(week: string, options: ClientOptions): Promise<ListResult> {
  return await fetchPages({ week }, WEEK_PAGE_SIZE, MAX_WEEK_PAGES, options);
}

/** Every paper of one month ("2026-11"), through `month=`, paginated. Never throws. */
export async function fetchMonth(month: string, options: ClientOptions): Promise<ListResult> {
  return await fetchPages({ month }, MONTH_PAGE_SIZE, MAX_MONTH_PAGES, options);
}

/** The trending ranking (`sort=trending`), its first `pages` pages, in rank order. Never throws. */
export async function fetchTrending(options: ClientOptions, pages = TRENDING_PAGES): Promise<ListResult> {
  return await fetchPages({ sort: 'trending' }, TRENDING_PAGE_SIZE, pages, options);
}
