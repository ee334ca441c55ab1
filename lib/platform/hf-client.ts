import { parseDailyPapers, parseJsonBody } from '../parse-daily-papers';
import type { Failure, Paper } from '../types';
import { bodyText, fetchBody } from './http';

/** About 20 s, as the issue asks: long enough for a slow mirror, short enough to give up. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** A day's list is ~100 KB; anything past this is not a day's list. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type DayResult = { ok: true; papers: Paper[]; skipped: number } | { ok: false; failure: Failure };

export interface ClientOptions {
  endpoint: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * The URL of `/api/daily_papers` with the given query (`date`, `week`, `month`, `sort`, `p`,
 * `limit`). A path in the endpoint (a mirror at https://host/hf) is kept.
 */
export function papersListUrl(endpoint: string, query: Record<string, string>): string {
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/api/daily_papers`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** The URL of one feed day's list. */
export function dailyPapersUrl(endpoint: string, day: string): string {
  return papersListUrl(endpoint, { date: day, limit: '100' });
}

/** Fetches and parses one feed day. Never throws: every failure comes back classified. */
export async function fetchDay(day: string, options: ClientOptions): Promise<DayResult> {
  return await fetchPapersList(dailyPapersUrl(options.endpoint, day), options, day);
}

/**
 * Fetches and parses any `/api/daily_papers` list (a day, a week, a month page, trending).
 * Never throws: every failure comes back classified. Without `feedDay`, each paper keeps the
 * feed day it was submitted on.
 */
export async function fetchPapersList(url: string, options: ClientOptions, feedDay?: string): Promise<DayResult> {
  const answer = await fetchBody(url, {
    fetch: options.fetch,
    now: options.now,
    accept: 'application/json',
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    maxBytes: MAX_BODY_BYTES,
    noStore: true,
  });
  if (!answer.ok) return answer;
  const json = parseJsonBody(bodyText(answer.body), answer.response.headers.get('content-type'));
  if (!json.ok) return json;
  const parsed = parseDailyPapers(json.json, feedDay);
  return parsed.ok ? { ok: true, papers: parsed.papers, skipped: parsed.skipped } : parsed;
}
