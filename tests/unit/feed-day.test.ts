import { describe, expect, it } from 'vitest';
import {
  addDays,
  CATCH_UP_DAYS,
  daysBetween,
  daysToFetch,
  describeDay,
  feedDayAt,
  FIRST_FEED_DAY,
  formatDay,
  isFeedDay,
} from '@/lib/feed-day';

describe('feedDayAt', () => {
  it.each([
    ['late evening in New York is still the previous day', '2026-11-26T03:00:00Z', '2026-11-25'],
    ['a minute before New York midnight (EST)', '2026-11-26T04:59:00Z', '2026-11-25'],
    ['New York midnight (EST)', '2026-11-26T05:00:00Z', '2026-11-26'],
    ['a weekday afternoon', '2026-03-06T15:00:00Z', '2026-03-06'],
    ['the night before clocks spring forward (EST, UTC-5)', '2026-03-08T04:59:00Z', '2026-03-07'],
    ['the evening clocks sprang forward (EDT, UTC-4)', '2026-03-09T03:59:00Z', '2026-03-08'],
    ['midnight after clocks sprang forward (EDT)', '2026-03-09T04:00:00Z', '2026-03-09'],
    ['midnight before clocks fall back (EDT)', '2026-11-01T04:00:00Z', '2026-11-01'],
    ['the evening clocks fell back (EST, UTC-5)', '2026-11-02T04:30:00Z', '2026-11-01'],
    ['New Year in UTC, still New Year’s Eve in New York', '2027-01-01T02:00:00Z', '2026-12-31'],
  ])('uses the New York date: %s', (_case, instant, expected) => {
    const now = Date.parse(instant);

    const actual = feedDayAt(now);

    expect(actual).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-06', 0, '2026-03-06'],
    ['2026-03-06', -7, '2026-02-27'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-12-29', 7, '2027-01-05'],
  ])('moves %s by %i days to %s', (day, delta, expected) => {
    const actual = addDays(day, delta);

    expect(actual).toBe(expected);
  });

  it.each([
    ['2026-03-01', '2026-03-06', 5],
    ['2026-03-06', '2026-03-01', -5],
    ['2026-12-30', '2027-01-02', 3],
    // A DST change in between must not make a day 23 or 25 hours long.
    ['2026-03-07', '2026-03-09', 2],
  ])('counts the days from %s to %s', (from, to, expected) => {
    const actual = daysBetween(from, to);

    expect(actual).toBe(expected);
  });
});

describe('isFeedDay', () => {
  it.each(['2026-03-06', '2024-02-29', '2023-05-04'])('accepts %s', (value) => {
    expect(isFeedDay(value)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-3-6',
    '2026-03-06T00:00:00Z',
    ' 2026-03-06',
    '',
    20260306,
    null,
    undefined,
    { day: '2026-03-06' },
  ])('rejects %j', (value) => {
    expect(isFeedDay(value)).toBe(false);
  });
});

describe('daysToFetch', () => {
  const today = '2026-03-06';

  it('fetches eight days, today-7 through today, on the first run', () => {
    const expected = [
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ];

    const actual = daysToFetch(today, null);

    expect(actual).toEqual(expected);
    expect(actual).toHaveLength(CATCH_UP_DAYS + 1);
  });

  it('fetches only today when today was already fetched', () => {
    const actual = daysToFetch(today, today);

    expect(actual).toEqual([today]);
  });

  it('fetches yesterday again and today just after New York midnight', () => {
    const actual = daysToFetch(today, '2026-03-05');

    expect(actual).toEqual(['2026-03-05', '2026-03-06']);
  });

  it('fetches every missed day after three days offline, starting with the last day fetched', () => {
    const actual = daysToFetch(today, '2026-03-03');

    expect(actual).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
  });

  it('goes back no more than seven days after a long absence', () => {
    const actual = daysToFetch(today, '2025-11-20');

    expect(actual[0]).toBe('2026-02-27');
    expect(actual.at(-1)).toBe(today);
    expect(actual).toHaveLength(CATCH_UP_DAYS + 1);
  });

  it('catches up across a year end', () => {
    const actual = daysToFetch('2027-01-02', '2026-12-30');

    expect(actual).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('fetches only today when the last day fetched lies in the future (the clock went back)', () => {
    const actual = daysToFetch(today, '2026-03-09');

    expect(actual).toEqual([today]);
  });

  it.each([
    ['2023-05-06', null, ['2023-05-04', '2023-05-05', '2023-05-06']],
    ['2023-05-04', null, ['2023-05-04']],
    ['2023-05-05', '2023-04-01', ['2023-05-04', '2023-05-05']],
  ])('never asks for a day before the first feed day (today %s)', (day, lastFetched, expected) => {
    const actual = daysToFetch(day, lastFetched);

    expect(actual).toEqual(expected);
    expect(actual.every((fetched) => fetched >= FIRST_FEED_DAY)).toBe(true);
  });
});

describe('formatDay and describeDay', () => {
  it.each([
    ['2026-11-21', '2026-11-26', 'Saturday, Nov 21'],
    ['2026-03-06', '2026-03-06', 'Friday, Mar 6'],
    ['2025-12-31', '2026-01-02', 'Wednesday, Dec 31, 2025'],
  ])('formats %s (today %s) as %j', (day, today, expected) => {
    const actual = formatDay(day, today);

    expect(actual).toBe(expected);
  });

  it.each([
    ['2026-03-06', '2026-03-06', 'Today'],
    ['2026-03-05', '2026-03-06', 'Yesterday'],
    ['2026-12-31', '2027-01-01', 'Yesterday'],
    ['2026-03-04', '2026-03-06', 'Wednesday, Mar 4'],
    ['2026-03-07', '2026-03-06', 'Saturday, Mar 7'],
  ])('describes %s (today %s) as %j', (day, today, expected) => {
    const actual = describeDay(day, today);

    expect(actual).toBe(expected);
  });
});
