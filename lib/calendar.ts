import { addDays, FIRST_FEED_DAY } from './feed-day';

/** An ISO week as the API's `week=` takes it: "2025-W09". */
export type IsoWeek = string;
/** A month as the API's `month=` takes it: "2025-02". */
export type Month = string;

const DAY_MS = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Monday 0 … Sunday 6, the ISO weekday of a feed day. */
export function isoWeekday(day: string): number {
  return (toDate(day).getUTCDay() + 6) % 7;
}

/** The ISO week a feed day belongs to: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): IsoWeek {
  const thursday = toDate(addDays(day, 3 - isoWeekday(day)));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** How many ISO weeks a year has: 53 when it starts on a Thursday, or a leap year starts on a Wednesday. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).endsWith('53') ? 53 : 52;
}

/** True for a well-formed ISO week that exists ("2020-W53" does, "2021-W53" does not). */
export function isIsoWeek(value: unknown): value is IsoWeek {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (match === null) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= isoWeeksInYear(Number(match[1]));
}

/** The Monday that starts an ISO week. */
export function weekStart(week: IsoWeek): string {
  const number = Number(week.slice(6));
  // January 4th is always in week 1.
  const january4 = `${week.slice(0, 4)}-01-04`;
  const firstMonday = addDays(january4, -isoWeekday(january4));
  return addDays(firstMonday, (number - 1) * 7);
}

/** The seven days of an ISO week, Monday first. */
export function weekDays(week: IsoWeek): string[] {
  const monday = weekStart(week);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The ISO week `delta` weeks after `week` (negative goes back). */
export function addWeeks(week: IsoWeek, delta: number): IsoWeek {
  return isoWeekOf(addDays(weekStart(week), delta * 7));
}

/** The month a feed day belongs to. */
export function monthOf(day: string): Month {
  return day.slice(0, 7);
}

/** True for a well-formed month "YYYY-MM". */
export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Every day of a month, first to last. */
export function monthDays(month: Month): string[] {
  const days: string[] = [];
  for (let day = `${month}-01`; monthOf(day) === month; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The month `delta` months after `month` (negative goes back). */
export function addMonths(month: Month, delta: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Every month from `from` through `to`, oldest first (none when `from` is later). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** A day kept within the feed's life: not before FIRST_FEED_DAY, not after `today`. */
export function clampDay(day: string, today: string): string {
  if (day < FIRST_FEED_DAY) return FIRST_FEED_DAY;
  return day > today ? today : day;
}

/** The days of a week or month that the feed can have: from FIRST_FEED_DAY through `today`. */
export function feedDaysOf(days: string[], today: string): string[] {
  return days.filter((day) => day >= FIRST_FEED_DAY && day <= today);
}

/** A week kept within the feed's life (the week of FIRST_FEED_DAY through this week). */
export function clampWeek(week: IsoWeek, today: string): IsoWeek {
  const first = isoWeekOf(FIRST_FEED_DAY);
  const last = isoWeekOf(today);
  if (weekStart(week) < weekStart(first)) return first;
  return weekStart(week) > weekStart(last) ? last : week;
}

/** A month kept within the feed's life (2023-05 through this month). */
export function clampMonth(month: Month, today: string): Month {
  const first = monthOf(FIRST_FEED_DAY);
  const last = monthOf(today);
  if (month < first) return first;
  return month > last ? last : month;
}

/** Whether previous / next lead anywhere from a day, week or month (within the feed's life). */
export function hasPrevious(period: { day: string } | { week: IsoWeek } | { month: Month }): boolean {
  if ('day' in period) return period.day > FIRST_FEED_DAY;
  if ('week' in period) return weekStart(period.week) > weekStart(isoWeekOf(FIRST_FEED_DAY));
  return period.month > monthOf(FIRST_FEED_DAY);
}

/** Whether next leads to a period that has begun by `today`. */
export function hasNext(period: { day: string } | { week: IsoWeek } | { month: Month }, today: string): boolean {
  if ('day' in period) return period.day < today;
  if ('week' in period) return weekStart(period.week) < weekStart(isoWeekOf(today));
  return period.month < monthOf(today);
}

const SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const SHORT_WITH_YEAR = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONTH_NAME = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * "Week 9: Feb 24 – Mar 2", with the year when the week is not all in the year of `today`, and
 * "This week" / "Last week" for the two latest.
 */
export function formatWeek(week: IsoWeek, today: string): string {
  const current = isoWeekOf(today);
  if (week === current) return 'This week';
  if (week === addWeeks(current, -1)) return 'Last week';
  const [first, last] = [weekStart(week), addDays(weekStart(week), 6)];
  const thisYear = today.slice(0, 4);
  const withYear = first.slice(0, 4) !== thisYear || last.slice(0, 4) !== thisYear;
  const format = withYear ? SHORT_WITH_YEAR : SHORT;
  const from = first.slice(0, 4) === last.slice(0, 4) && withYear ? SHORT : format;
  return `Week ${Number(week.slice(6))}: ${from.format(toDate(first))} – ${format.format(toDate(last))}`;
}

/** "February 2025". */
export function monthName(month: Month): string {
  return MONTH_NAME.format(toDate(`${month}-01`));
}

/** "February 2025", or "This month". */
export function formatMonth(month: Month, today: string): string {
  return month === monthOf(today) ? 'This month' : monthName(month);
}
