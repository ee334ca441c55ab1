import { describe, expect, it } from 'vitest';
import { badgeTextFor, badgeTitle, type BadgeCounts } from '@/lib/badge';
import type { BadgeMode } from '@/lib/settings';
import { EMPTY_STATUS, type RefreshStatus } from '@/lib/types';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const MINUTE = 60_000;

const counts = (unread: number, watchlistUnread: number): BadgeCounts => ({ unread, watchlistUnread });

describe('badgeTextFor', () => {
  it.each<[BadgeMode, BadgeCounts, string]>([
    ['unread', counts(12, 3), '12'],
    ['unread', counts(0, 0), ''],
    ['unread', counts(250, 3), '99+'],
    ['watchlist', counts(12, 3), '3'],
    ['watchlist', counts(12, 0), ''],
    ['watchlist', counts(500, 120), '99+'],
    ['dot', counts(12, 3), '•'],
    ['dot', counts(1, 0), '•'],
    ['dot', counts(0, 0), ''],
    ['none', counts(12, 3), ''],
    ['none', counts(0, 0), ''],
  ])('shows %j with %o as %j', (mode, badgeCounts, expected) => {
    const actual = badgeTextFor(mode, badgeCounts);

    expect(actual).toBe(expected);
  });
});

describe('badgeTitle with a watchlist', () => {
  const updated: RefreshStatus = { ...EMPTY_STATUS, lastSuccessAt: NOW - 5 * MINUTE };

  it('says how many unread papers are on the watchlist', () => {
    const actual = badgeTitle(12, updated, NOW, 3);

    expect(actual).toBe('Paperboy: 12 unread papers (3 on your watchlist) · updated 5 min ago');
  });

  it('says nothing about the watchlist when no unread paper matches it', () => {
    const actual = badgeTitle(12, updated, NOW, 0);

    expect(actual).toBe('Paperboy: 12 unread papers · updated 5 min ago');
  });

  it('keeps the watchlist count beside a failure', () => {
    const status: RefreshStatus = { ...updated, lastFailure: { kind: 'server', status: 503, at: NOW } };

    const actual = badgeTitle(1, status, NOW, 1);

    expect(actual).toBe(
      'Paperboy: 1 unread paper (1 on your watchlist) · updated 5 min ago · last refresh failed: Hugging Face is having trouble (HTTP 503)',
    );
  });
});
