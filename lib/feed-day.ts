/** The first day Daily Papers published a list. */
export const FIRST_FEED_DAY = '2023-05-04';

/** How far back a catch-up goes after the browser was closed or offline. */
export const CATCH_UP_DAYS = 7;

const NEW_YORK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The current feed day at `now`: HF's convention is the New York calendar date. */
export function feedDayAt(now: number): string {
  const parts = NEW_YORK.formatToParts(new Date(now));
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** True for a well-formed calendar day "YYYY-MM-DD". */
export function isFeedDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `delta` days after `day` (negative goes back). */
export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The days a refresh fetches, oldest first: from the last day fetched successfully (again,
 * since it may have grown) through today, at most CATCH_UP_DAYS back; on the first run, the
 * whole catch-up window so the latest non-empty day is found even on a Monday morning.
 */
export function daysToFetch(today: string, lastFetchedDay: string | null): string[] {
  const earliest = addDays(today, -CATCH_UP_DAYS);
  let from = lastFetchedDay === null || lastFetchedDay < earliest ? earliest : lastFetchedDay;
  if (from > today) from = today;
  if (from < FIRST_FEED_DAY) from = FIRST_FEED_DAY;
  const days: string[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) days.push(day);
  return days;
}

const LONG = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'short', day: 'numeric', timeZone: 'UTC' });
const LONG_WITH_YEAR = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Saturday, Nov 21", with the year when it is not the year of `today`. */
export function formatDay(day: string, today: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return (day.slice(0, 4) === today.slice(0, 4) ? LONG : LONG_WITH_YEAR).format(date);
}

/** "Today", "Yesterday" or the formatted day. */
export function describeDay(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  return formatDay(day, today);
}
