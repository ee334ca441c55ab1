import { failureFromStatus } from '../failure';
import { parseDailyPapers, parseJsonBody } from '../parse-daily-papers';
import type { Failure, Paper } from '../types';

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
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await doFetch(url, {
        signal: controller.signal,
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: failureFromStatus(response.status, response.headers, now()) };
    }
    let text: string;
    try {
      text = await readCapped(response, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return { ok: false, failure: { kind: 'bad-response', detail: 'the answer was far too large' } };
      }
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    const json = parseJsonBody(text, response.headers.get('content-type'));
    if (!json.ok) return json;
    const parsed = parseDailyPapers(json.json, feedDay);
    return parsed.ok ? { ok: true, papers: parsed.papers, skipped: parsed.skipped } : parsed;
  } finally {
    clearTimeout(timer);
  }
}

class BodyTooLargeError extends Error {}

/** Reads the body as text, giving up past `maxBytes` so an enormous answer cannot exhaust memory. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError();
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function networkFailure(error: unknown, timedOut: boolean): Failure {
  if (timedOut) return { kind: 'timeout', detail: 'no answer within the time limit' };
  // fetch rejects with a TypeError for DNS failures, refused connections and a dropped network
  // alike: to the user they all mean "Hugging Face cannot be reached from here".
  return { kind: 'offline', detail: error instanceof Error ? error.name : 'network error' };
}
