import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addWeeks,
  clampDay,
  clampMonth,
  clampWeek,
  feedDaysOf,
  formatMonth,
  formatWeek,
  hasNext,
  hasPrevious,
  isIsoWeek,
  isMonth,
  isoWeekday,
  isoWeekOf,
  isoWeeksInYear,
  monthDays,
  monthOf,
  monthsBetween,
  weekDays,
  weekStart,
} from '@/lib/calendar';
import { addDays } from '@/lib/feed-day';

const TODAY = '2026-03-06'; // a Friday

describe('isoWeekOf', () => {
  it.each([
    ['a Thursday in the middle of the year', '2025-02-27', '2025-W09'],
    ['a Monday starts its week', '2025-02-24', '2025-W09'],
    ['a Sunday ends its week', '2025-03-02', '2025-W09'],
    ['the last day of 2020 is in 2020’s 53rd week', '2020-12-31', '2020-W53'],
    ['the first Sunday of 2021 still belongs to 2020', '2021-01-03', '2020-W53'],
    ['the first Monday of 2021 starts week 1', '2021-01-04', '2021-W01'],
    ['the last Monday of 2024 is in 2025’s first week', '2024-12-30', '2025-W01'],
    ['New Year’s Day 2025 too', '2025-01-01', '2025-W01'],
    ['New Year’s Day 2023 (a Sunday) is in 2022’s last week', '2023-01-01', '2022-W52'],
    ['the first feed day', '2023-05-04', '2023-W18'],
    ['a leap day', '2024-02-29', '2024-W09'],
    ['the last day of 2026 (a Thursday)', '2026-12-31', '2026-W53'],
  ])('%s: %s is %s', (_case, day, expected) => {
    expect(isoWeekOf(day)).toBe(expected);
  });

  it('agrees with the weekday walk for every day of five years', () => {
    // Each Monday starts a new week number; each other day has the previous day's week.
    let previous = isoWeekOf('2022-12-31');
    for (let day = '2023-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
      const actual = isoWeekOf(day);
      if (isoWeekday(day) === 0) expect(actual).toBe(addWeeks(previous, 1));
      else expect(actual).toBe(previous);
      expect(weekDays(actual)).toContain(day);
      previous = actual;
    }
  });
});

describe('weeks', () => {
  it('lists the seven days of a week, Monday first', () => {
    expect(weekDays('2025-W09')).toEqual([
      '2025-02-24',
      '2025-02-25',
      '2025-02-26',
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
      '2025-03-02',
    ]);
  });

  it.each([
    ['2020-W53', '2020-12-28'],
    ['2021-W01', '2021-01-04'],
    ['2025-W01', '2024-12-30'],
    ['2026-W01', '2025-12-29'],
  ])('week %s starts on %s', (week, expected) => {
    expect(weekStart(week)).toBe(expected);
  });

  it.each([
    ['2020-W53', 1, '2021-W01'],
    ['2021-W01', -1, '2020-W53'],
    ['2024-W52', 1, '2025-W01'],
    ['2025-W01', -1, '2024-W52'],
    ['2025-W09', 52, '2026-W09'],
  ])('%s moved by %i weeks is %s', (week, delta, expected) => {
    expect(addWeeks(week, delta)).toBe(expected);
  });

  it.each([
    [2020, 53],
    [2021, 52],
    [2024, 52],
    [2026, 53],
    [2032, 53],
  ])('%i has %i ISO weeks', (year, expected) => {
    expect(isoWeeksInYear(year)).toBe(expected);
  });

  it.each([
    ['2025-W09', true],
    ['2020-W53', true],
    ['2021-W53', false],
    ['2025-W00', false],
    ['2025-W9', false],
    ['2025-09', false],
    [42, false],
    [null, false],
  ])('isIsoWeek(%j) is %s', (value, expected) => {
    expect(isIsoWeek(value)).toBe(expected);
  });
});

describe('months', () => {
  it.each([
    ['2024-02', 29],
    ['2025-02', 28],
    ['2025-04', 30],
    ['2025-12', 31],
  ])('%s has %i days', (month, expected) => {
    const days = monthDays(month);

    expect(days).toHaveLength(expected);
    expect(days[0]).toBe(`${month}-01`);
    expect(days.every((day) => monthOf(day) === month)).toBe(true);
  });

  it.each([
    ['2025-12', 1, '2026-01'],
    ['2026-01', -1, '2025-12'],
    ['2025-02', 0, '2025-02'],
    ['2023-05', 34, '2026-03'],
    ['2026-03', -34, '2023-05'],
  ])('%s moved by %i months is %s', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });

  it('lists the months between two months, both included', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsBetween('2024-02', '2023-11')).toEqual([]);
  });

  it.each([
    ['2025-02', true],
    ['2025-13', false],
    ['2025-00', false],
    ['2025-2', false],
    ['2025-02-01', false],
  ])('isMonth(%j) is %s', (value, expected) => {
    expect(isMonth(value)).toBe(expected);
  });
});

describe('clamping to the life of the feed', () => {
  it.each([
    ['2023-01-01', '2023-05-04'],
    ['2023-05-04', '2023-05-04'],
    ['2025-06-01', '2025-06-01'],
    ['2027-01-01', TODAY],
  ])('day %s becomes %s', (day, expected) => {
    expect(clampDay(day, TODAY)).toBe(expected);
  });

  it('keeps weeks and months between the first feed day and today', () => {
    expect(clampWeek('2022-W01', TODAY)).toBe('2023-W18');
    expect(clampWeek('2030-W01', TODAY)).toBe(isoWeekOf(TODAY));
    expect(clampWeek('2025-W09', TODAY)).toBe('2025-W09');
    expect(clampMonth('2023-04', TODAY)).toBe('2023-05');
    expect(clampMonth('2026-04', TODAY)).toBe('2026-03');
    expect(clampMonth('2024-07', TODAY)).toBe('2024-07');
  });

  it('leaves out the days of the first week before the feed began and those after today', () => {
    expect(feedDaysOf(weekDays('2023-W18'), TODAY)).toEqual(['2023-05-04', '2023-05-05', '2023-05-06', '2023-05-07']);
    expect(feedDaysOf(weekDays(isoWeekOf(TODAY)), TODAY)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ]);
  });

  it('offers previous and next only within the feed’s life', () => {
    expect(hasPrevious({ day: '2023-05-04' })).toBe(false);
    expect(hasPrevious({ day: '2023-05-05' })).toBe(true);
    expect(hasNext({ day: TODAY }, TODAY)).toBe(false);
    expect(hasPrevious({ week: '2023-W18' })).toBe(false);
    expect(hasPrevious({ week: '2023-W19' })).toBe(true);
    expect(hasNext({ week: isoWeekOf(TODAY) }, TODAY)).toBe(false);
    expect(hasNext({ week: '2026-W09' }, TODAY)).toBe(true);
    expect(hasPrevious({ month: '2023-05' })).toBe(false);
    expect(hasNext({ month: '2026-03' }, TODAY)).toBe(false);
    expect(hasNext({ month: '2026-02' }, TODAY)).toBe(true);
  });
});

describe('labels', () => {
  it.each([
    ['2026-W10', 'This week'],
    ['2026-W09', 'Last week'],
    ['2026-W05', 'Week 5: Jan 26 – Feb 1'],
    ['2025-W09', 'Week 9: Feb 24 – Mar 2, 2025'],
    ['2025-W01', 'Week 1: Dec 30, 2024 – Jan 5, 2025'],
  ])('week %s reads "%s"', (week, expected) => {
    expect(formatWeek(week, TODAY)).toBe(expected);
  });

  it.each([
    ['2026-03', 'This month'],
    ['2026-02', 'February 2026'],
    ['2023-05', 'May 2023'],
  ])('month %s reads "%s"', (month, expected) => {
    expect(formatMonth(month, TODAY)).toBe(expected);
  });
});
