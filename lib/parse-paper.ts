import { normalizeArxivId } from './arxiv-id';
import { feedDayAt, isFeedDay } from './feed-day';
import { parsePaperItem } from './parse-daily-papers';
import type { Failure, Paper } from './types';

export type PaperResult = { ok: true; paper: Paper } | { ok: false; failure: Failure };

/**
 * Parses the answer of `/api/papers/{id}` (one bare paper object) as leniently as the daily list:
 * an id and a title are enough. The answer must be about `expectedId` (a version suffix aside).
 * A paper never listed on Daily Papers has no feed day: the day it was published stands in, else
 * the feed day at `now`, so a saved snapshot always carries a valid day.
 */
export function parsePaper(body: unknown, expectedId: string, now: number): PaperResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, failure: { kind: 'bad-response', detail: 'expected one paper, got something else' } };
  }
  const paper = parsePaperItem(body, undefined);
  if (paper === null) {
    return { ok: false, failure: { kind: 'bad-response', detail: 'the answer names no paper id or title' } };
  }
  if ((normalizeArxivId(paper.id) ?? paper.id) !== expectedId) {
    return { ok: false, failure: { kind: 'bad-response', detail: `the answer is about another paper (${paper.id})` } };
  }
  return {
    ok: true,
    paper: { ...paper, id: expectedId, feedDay: isFeedDay(paper.feedDay) ? paper.feedDay : feedDayAt(now) },
  };
}
