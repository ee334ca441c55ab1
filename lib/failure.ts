import { timeUntil } from './time-ago';
import type { Failure, FailureKind } from './types';

/** Back-off after repeated failures: 1 min, 2, 4 … capped at an hour. */
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** When a 429 names no wait at all, HF's five-minute window is the safe guess. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** Anything that can read a header: fetch's Headers or a plain lookup in tests. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** Classifies a non-2xx HTTP answer. `now` dates a rate-limit window. */
export function failureFromStatus(status: number, headers: HeaderLookup, now: number): Failure {
  if (status === 429) {
    return { kind: 'rate-limited', status, retryAt: now + rateLimitWaitMs(headers, now) };
  }
  if (status >= 500) return { kind: 'server', status, detail: `HTTP ${status}` };
  return { kind: 'bad-response', status, detail: `HTTP ${status}` };
}

/**
 * How long a 429 asks us to wait. HF sends `RateLimit: "api";r=0;t=<seconds>`; its own client
 * waits t+1 s, else honours `Retry-After` (seconds or an HTTP date), else backs off.
 */
export function rateLimitWaitMs(headers: HeaderLookup, now: number): number {
  const rateLimit = headers.get('ratelimit');
  const reset = rateLimit === null ? null : /(?:^|;)\s*t=(\d+)/.exec(rateLimit);
  if (reset?.[1] !== undefined) return (Number(reset[1]) + 1) * 1000;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(1000, date - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** Exponential back-off for the n-th consecutive failure (1-based). */
export function backoffMs(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
}

/** When the next automatic call may go out after `failure`, the n-th failure in a row. */
export function nextAllowedAfter(failure: Failure, consecutiveFailures: number, now: number): number {
  const backoff = now + backoffMs(consecutiveFailures);
  return failure.retryAt === undefined ? backoff : Math.max(failure.retryAt, backoff);
}

const HEADLINES: Record<FailureKind, string> = {
  offline: 'Could not reach Hugging Face (offline?)',
  timeout: 'Hugging Face did not answer in time',
  'rate-limited': 'Hugging Face asked us to slow down',
  server: 'Hugging Face is having trouble',
  'bad-response': 'Hugging Face sent an answer we could not read',
  quota: 'The browser is out of storage space',
  storage: 'The browser could not save the papers',
};

/** One short sentence for a failure, for the badge tooltip and the popup banner. */
export function describeFailure(failure: Failure, now: number): string {
  const headline = HEADLINES[failure.kind];
  const status = failure.status === undefined || failure.kind === 'rate-limited' ? '' : ` (HTTP ${failure.status})`;
  const retry =
    failure.retryAt !== undefined && failure.retryAt > now ? `; retrying ${timeUntil(failure.retryAt, now)}` : '';
  return `${headline}${status}${retry}`;
}

/**
 * A write the browser refused (out of space, or another storage error): nothing of it was
 * kept. Thrown by lib/store/ and caught by the services, which read its closed `failure`
 * instead of matching error names or messages.
 */
export class StorageFailure extends Error {
  constructor(
    readonly failure: Failure,
    options?: ErrorOptions,
  ) {
    super(`[paperboy] storage write failed: ${failure.kind}${failure.detail === undefined ? '' : ` (${failure.detail})`}`, options);
    this.name = 'StorageFailure';
  }
}
