import { describe, expect, it } from 'vitest';
import { backoffMs, describeFailure, failureFromStatus, nextAllowedAfter } from '@/lib/failure';
import type { Failure, FailureKind } from '@/lib/types';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const MINUTE = 60_000;

describe('failureFromStatus', () => {
  it.each([
    ['RateLimit t=120 waits t+1 seconds', { RateLimit: '"api";r=0;t=120' }, 121_000],
    ['RateLimit t=0 still waits a second', { RateLimit: '"api";r=0;t=0' }, 1_000],
    ['RateLimit wins over Retry-After', { RateLimit: '"api";r=0;t=10', 'Retry-After': '600' }, 11_000],
    ['Retry-After in seconds', { 'Retry-After': '30' }, 30_000],
    ['Retry-After as an HTTP date', { 'Retry-After': 'Fri, 06 Mar 2026 15:02:00 GMT' }, 120_000],
    ['Retry-After as a date already past waits a second', { 'Retry-After': 'Fri, 06 Mar 2026 14:00:00 GMT' }, 1_000],
    ['RateLimit without t falls back to Retry-After', { RateLimit: '"api";r=0', 'Retry-After': '45' }, 45_000],
    ['no hint at all waits five minutes', {}, 5 * MINUTE],
    ['an unreadable Retry-After waits five minutes', { 'Retry-After': 'soon' }, 5 * MINUTE],
  ])('classifies 429 as rate-limited: %s', (_case, headers, expectedWaitMs) => {
    const actual = failureFromStatus(429, new Headers(headers), NOW);

    expect(actual).toEqual({ kind: 'rate-limited', status: 429, retryAt: NOW + expectedWaitMs });
  });

  it.each([500, 502, 503, 504])('classifies %i as a server failure', (status) => {
    const actual = failureFromStatus(status, new Headers(), NOW);

    expect(actual).toEqual({ kind: 'server', status, detail: `HTTP ${status}` });
  });

  it.each([400, 403, 404, 410])('classifies %i as a bad response', (status) => {
    const actual = failureFromStatus(status, new Headers(), NOW);

    expect(actual).toEqual({ kind: 'bad-response', status, detail: `HTTP ${status}` });
  });

  it('never sets a retry time for anything but a rate limit', () => {
    const actual = failureFromStatus(503, new Headers({ 'Retry-After': '30' }), NOW);

    expect(actual.retryAt).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 1 * MINUTE],
    [2, 2 * MINUTE],
    [3, 4 * MINUTE],
    [4, 8 * MINUTE],
    [6, 32 * MINUTE],
    [7, 60 * MINUTE],
    [50, 60 * MINUTE],
    [10_000, 60 * MINUTE],
  ])('waits after failure number %i: %i ms', (consecutiveFailures, expected) => {
    const actual = backoffMs(consecutiveFailures);

    expect(actual).toBe(expected);
  });

  it('never shrinks as failures pile up', () => {
    const waits = Array.from({ length: 100 }, (_, index) => backoffMs(index + 1));

    const actual = waits.every((wait, index) => index === 0 || wait >= (waits[index - 1] ?? 0));

    expect(actual).toBe(true);
  });
});

describe('nextAllowedAfter', () => {
  it.each([
    ['a first server failure: one minute of back-off', { kind: 'server', status: 500 }, 1, NOW + MINUTE],
    ['a third server failure: four minutes', { kind: 'server', status: 500 }, 3, NOW + 4 * MINUTE],
    ['a rate limit longer than the back-off', { kind: 'rate-limited', retryAt: NOW + 121_000 }, 1, NOW + 121_000],
    ['a rate limit shorter than the back-off', { kind: 'rate-limited', retryAt: NOW + 30_000 }, 3, NOW + 4 * MINUTE],
  ] satisfies [string, Failure, number, number][])('waits for %s', (_case, failure, consecutiveFailures, expected) => {
    const actual = nextAllowedAfter(failure, consecutiveFailures, NOW);

    expect(actual).toBe(expected);
  });
});

describe('describeFailure', () => {
  it.each([
    [{ kind: 'offline' }, 'Could not reach Hugging Face (offline?)'],
    [{ kind: 'timeout' }, 'Hugging Face did not answer in time'],
    [{ kind: 'server', status: 503 }, 'Hugging Face is having trouble (HTTP 503)'],
    [{ kind: 'bad-response', status: 404 }, 'Hugging Face sent an answer we could not read (HTTP 404)'],
    [
      { kind: 'bad-response', detail: 'got a web page instead of data' },
      'Hugging Face sent an answer we could not read',
    ],
    [
      { kind: 'rate-limited', status: 429, retryAt: NOW + 60_000 },
      'Hugging Face asked us to slow down; retrying in 60 s',
    ],
    [
      { kind: 'rate-limited', status: 429, retryAt: NOW + 121_000 },
      'Hugging Face asked us to slow down; retrying in 3 min',
    ],
    [{ kind: 'rate-limited', status: 429, retryAt: NOW - 1 }, 'Hugging Face asked us to slow down'],
    [{ kind: 'quota' }, 'The browser is out of storage space'],
    [{ kind: 'storage' }, 'The browser could not save the papers'],
  ] satisfies [Failure, string][])('describes %j as %j', (failure, expected) => {
    const actual = describeFailure(failure, NOW);

    expect(actual).toBe(expected);
  });

  it('says something different for every kind of failure', () => {
    const kinds: FailureKind[] = ['offline', 'timeout', 'rate-limited', 'server', 'bad-response', 'quota', 'storage'];

    const actual = new Set(kinds.map((kind) => describeFailure({ kind }, NOW)));

    expect(actual.size).toBe(kinds.length);
  });
});
