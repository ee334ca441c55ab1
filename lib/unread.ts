import type { PaperState, RefreshStatus } from './types';

/** A fetched day and whether its papers, when seen for the first time, start read. */
export interface DayPlan {
  day: string;
  ids: string[];
  startsRead: boolean;
  /**
   * The ids join the cached list of the day instead of replacing it, read and written in the
   * commit's own transaction (history fetched in bulk: a day never loses ids to it).
   */
  merge?: boolean;
}

/**
 * Decides which fetched days' new papers start unread.
 * - First run: only the current feed day (the latest non-empty one fetched) is unread; days
 *   fetched just to catch up count as read.
 * - Afterwards: every paper seen for the first time is unread, except on days before the user
 *   installed Paperboy (history browsed on demand is not "news").
 * `isCatchUp` is false for a day fetched on demand (history), which never counts as a first run.
 */
export function planDays(
  fetched: { day: string; ids: string[] }[],
  status: RefreshStatus,
  isCatchUp = true,
): DayPlan[] {
  if (status.installDay === null && !isCatchUp) {
    return fetched.map(({ day, ids }) => ({ day, ids, startsRead: true }));
  }
  if (status.installDay === null) {
    const current = latestNonEmpty(fetched);
    return fetched.map(({ day, ids }) => ({ day, ids, startsRead: day !== current }));
  }
  const installDay = status.installDay;
  return fetched.map(({ day, ids }) => ({ day, ids, startsRead: day < installDay }));
}

/** The latest day with at least one paper, or null. */
export function latestNonEmpty(days: { day: string; ids: string[] }[]): string | null {
  let latest: string | null = null;
  for (const { day, ids } of days) if (ids.length > 0 && (latest === null || day > latest)) latest = day;
  return latest;
}

/** The state a paper gets the first time Paperboy sees it. */
export function firstSeenState(id: string, startsRead: boolean, now: number): PaperState {
  return { id, firstSeenAt: now, unread: startsRead ? 0 : 1, changedAt: now };
}

/** The state after the user marks a paper read or unread (unchanged when it already is). */
export function withReadState(state: PaperState, unread: boolean, now: number): PaperState {
  const value = unread ? 1 : 0;
  return state.unread === value ? state : { ...state, unread: value, changedAt: now };
}

/**
 * Read states as a page shows them at once after a click, before the worker's answer: `ids`
 * read or unread. Ids with no state yet are left out (the worker creates theirs).
 */
export function markedLocally(
  states: ReadonlyMap<string, PaperState>,
  ids: readonly string[],
  unread: boolean,
): Map<string, PaperState> {
  const next = new Map(states);
  for (const id of ids) {
    const state = next.get(id);
    if (state !== undefined) next.set(id, { ...state, unread: unread ? 1 : 0 });
  }
  return next;
}

/**
 * A day's ids after a merging plan (`DayPlan.merge`: the archive, a week or a month) adds
 * `fetched` to what is cached: the cached list is kept whole and in its order (it may hold
 * papers the month's list lacks), new ids follow.
 */
export function mergeDayIds(cached: readonly string[] | undefined, fetched: readonly string[]): string[] {
  if (cached === undefined) return [...fetched];
  const known = new Set(cached);
  return [...cached, ...fetched.filter((id) => !known.has(id))];
}
