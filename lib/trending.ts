import type { ListedPaper } from './paper-view';
import type { Paper, PaperState } from './types';

/** The trending list is fetched again when the cached one is older than this. */
export const TRENDING_STALE_MS = 15 * 60_000;
/** Papers per trending page (the API allows 1..100). */
export const TRENDING_PAGE_SIZE = 50;
/** Pages fetched per trending refresh: the top 100 is what is hot, politely in two calls. */
export const TRENDING_PAGES = 2;

/** The cached trending list: paper ids in rank order, and when it was fetched. */
export interface TrendingRecord {
  ids: string[];
  fetchedAt: number;
}

/** Joins pages of a ranked list into one, first rank wins when a paper shows up on two pages. */
export function mergePages(pages: Paper[][]): Paper[] {
  const seen = new Set<string>();
  const merged: Paper[] = [];
  for (const page of pages) {
    for (const paper of page) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      merged.push(paper);
    }
  }
  return merged;
}

/**
 * The paper to store for a trending entry: fresh counts from the API, but the feed day already
 * known (the day the feed listed it) is kept, so a paper never moves between days.
 */
export function mergeKnownPaper(fresh: Paper, known: Paper | undefined): Paper {
  return known === undefined ? fresh : { ...fresh, feedDay: known.feedDay };
}

/** True when the trending list should be fetched again. */
export function isTrendingStale(record: TrendingRecord | null, now: number): boolean {
  return record === null || now - record.fetchedAt >= TRENDING_STALE_MS || record.fetchedAt > now;
}

/** A record read back from storage, or null when it is not one. */
export function asTrendingRecord(value: unknown): TrendingRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { ids, fetchedAt } = value as { ids?: unknown; fetchedAt?: unknown };
  if (!Array.isArray(ids) || typeof fetchedAt !== 'number') return null;
  return { ids: ids.filter((id): id is string => typeof id === 'string'), fetchedAt };
}

/**
 * The trending papers ready for the list, in rank order. A paper the user's feed never listed
 * has no state: it is shown as not unread (it is not news the user is behind on); a paper with
 * a state shows it, as in the day view.
 */
export function listTrending(papers: Paper[], states: Map<string, PaperState>): ListedPaper[] {
  return papers.map((paper) => ({ paper, unread: states.get(paper.id)?.unread === 1, matched: [] }));
}
