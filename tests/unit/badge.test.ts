import { describe, expect, it } from 'vitest';
import { badgeText, badgeTitle } from '@/lib/badge';
import { EMPTY_STATUS, type RefreshStatus } from '@/lib/types';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const MINUTE = 60_000;

describe('badgeText', () => {
  it.each([
    [0, ''],
    [-1, ''],
    [1, '1'],
    [12, '12'],
    [99, '99'],
  ])('shows %i unread as %j', (unread, expected) => {
    expect(badgeText(unread)).toBe(expected);
  });

  it.each([100, 101, 5_000])('shows "99+" above 99 unread (%i)', (unread) => {
    expect(badgeText(unread)).toBe('99+');
  });
});

describe('badgeTitle', () => {
  const updated: RefreshStatus = { ...EMPTY_STATUS, lastSuccessAt: NOW - 5 * MINUTE };

  it.each([
    [12, 'Paperboy: 12 unread papers · updated 5 min ago'],
    [1, 'Paperboy: 1 unread paper · updated 5 min ago'],
    [0, 'Paperboy: No unread papers · updated 5 min ago'],
  ])('says how many are unread and when it last updated (%i unread)', (unread, expected) => {
    const actual = badgeTitle(unread, updated, NOW);

    expect(actual).toBe(expected);
  });

  it('leaves out "updated" before the first success', () => {
    const actual = badgeTitle(0, EMPTY_STATUS, NOW);

    expect(actual).toBe('Paperboy: No unread papers');
  });

  it('says what failed after a failed refresh and keeps the count', () => {
    const status: RefreshStatus = {
      ...EMPTY_STATUS,
      lastSuccessAt: NOW - 40 * MINUTE,
      lastFailure: { kind: 'offline', detail: 'TypeError', at: NOW - MINUTE },
    };

    const actual = badgeTitle(12, status, NOW);

    expect(actual).toBe(
      'Paperboy: 12 unread papers · updated 40 min ago · last refresh failed: Could not reach Hugging Face (offline?)',
    );
  });

  it('says when a rate-limited refresh will be retried', () => {
    const status: RefreshStatus = {
      ...EMPTY_STATUS,
      lastSuccessAt: NOW - 10 * MINUTE,
      lastFailure: { kind: 'rate-limited', status: 429, retryAt: NOW + MINUTE, at: NOW },
    };

    const actual = badgeTitle(3, status, NOW);

    expect(actual).toBe(
      'Paperboy: 3 unread papers · updated 10 min ago · last refresh failed: Hugging Face asked us to slow down; retrying in 60 s',
    );
  });

  it('reports a failure when nothing ever succeeded', () => {
    const status: RefreshStatus = { ...EMPTY_STATUS, lastFailure: { kind: 'server', status: 503, at: NOW } };

    const actual = badgeTitle(0, status, NOW);

    expect(actual).toBe('Paperboy: No unread papers · last refresh failed: Hugging Face is having trouble (HTTP 503)');
  });
});
