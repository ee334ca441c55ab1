import { describe, expect, it } from 'vitest';
import { timeAgo, timeUntil } from '@/lib/time-ago';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('timeAgo', () => {
  it.each([
    [0, 'just now'],
    [44 * SECOND, 'just now'],
    [45 * SECOND, '1 min ago'],
    [5 * MINUTE, '5 min ago'],
    [59 * MINUTE, '59 min ago'],
    [60 * MINUTE, '1 h ago'],
    [3 * HOUR, '3 h ago'],
    [23 * HOUR, '23 h ago'],
    [24 * HOUR, '1 day ago'],
    [3 * DAY, '3 days ago'],
    [-5 * MINUTE, 'just now'],
  ])('says %i ms ago is %j', (elapsed, expected) => {
    const actual = timeAgo(NOW - elapsed, NOW);

    expect(actual).toBe(expected);
  });
});

describe('timeUntil', () => {
  it.each([
    [45 * SECOND, 'in 45 s'],
    [89 * SECOND, 'in 89 s'],
    [90 * SECOND, 'in 2 min'],
    [121 * SECOND, 'in 3 min'],
    [5 * MINUTE, 'in 5 min'],
    [0, 'in 1 s'],
    [-MINUTE, 'in 1 s'],
  ])('says %i ms from now is %j', (remaining, expected) => {
    const actual = timeUntil(NOW + remaining, NOW);

    expect(actual).toBe(expected);
  });
});
