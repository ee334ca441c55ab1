import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HISTORY_PREFS,
  filterPapers,
  hasFilters,
  isPeriodLoadDue,
  NO_FILTERS,
  normalizeHistoryPrefs,
  periodKey,
  periodOf,
  periodRange,
  sortPapers,
  stepPeriod,
  type HistoryFilters,
} from '@/lib/history';
import type { ListedPaper } from '@/lib/paper-view';
import type { Paper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const TODAY = '2026-11-26'; // a Thursday, in ISO week 2026-W48

function listed(id: string, paper: Partial<Paper> = {}, extra: Partial<Omit<ListedPaper, 'paper'>> = {}): ListedPaper {
  return { paper: makePaper({ id, ...paper }), unread: false, matched: [], ...extra };
}

const ids = (items: ListedPaper[]): string[] => items.map((item) => item.paper.id);

describe('sortPapers', () => {
  const items = [
    listed('a', { upvotes: 5, numComments: 1, publishedAt: '2026-11-20T10:00:00.000Z', feedDay: '2026-11-23' }),
    listed('b', { upvotes: 9, numComments: 0, publishedAt: '2026-11-24T10:00:00.000Z', feedDay: '2026-11-25' }),
    listed('c', { upvotes: 1, numComments: 7, publishedAt: null, feedDay: '2026-11-26' }),
    listed('d', { upvotes: 9, numComments: 3, publishedAt: '2026-11-21T10:00:00.000Z', feedDay: '2026-11-24' }),
  ];

  it.each([
    ['upvotes', ['b', 'd', 'a', 'c']],
    ['comments', ['c', 'd', 'a', 'b']],
    // c has no publication time: the start of its feed day stands in, the latest here.
    ['newest', ['c', 'b', 'd', 'a']],
  ] as const)('orders by %s, highest first', (order, expected) => {
    const actual = ids(sortPapers(items, order));

    expect(actual).toEqual(expected);
  });

  it('keeps the incoming order between ties (stable)', () => {
    const ties = ['p', 'q', 'r', 's'].map((id) => listed(id, { upvotes: 3, numComments: 2, publishedAt: null }));

    expect(ids(sortPapers(ties, 'upvotes'))).toEqual(['p', 'q', 'r', 's']);
    expect(ids(sortPapers(ties, 'comments'))).toEqual(['p', 'q', 'r', 's']);
    expect(ids(sortPapers(ties, 'newest'))).toEqual(['p', 'q', 'r', 's']);
  });

  it('breaks a tie in publication time by the later feed day', () => {
    const same = '2026-11-20T10:00:00.000Z';
    const actual = ids(
      sortPapers(
        [
          listed('early', { publishedAt: same, feedDay: '2026-11-23' }),
          listed('late', { publishedAt: same, feedDay: '2026-11-24' }),
        ],
        'newest',
      ),
    );

    expect(actual).toEqual(['late', 'early']);
  });

  it('puts watchlist matches first in every order when asked', () => {
    const match = { kind: 'keyword' as const, value: 'diffusion' };
    const withMatch = [...items.slice(0, 3), listed('w', { upvotes: 0, numComments: 0 }, { matched: [match] })];

    expect(ids(sortPapers(withMatch, 'upvotes', { matchesFirst: true }))).toEqual(['w', 'b', 'a', 'c']);
    expect(ids(sortPapers(withMatch, 'comments', { matchesFirst: true }))[0]).toBe('w');
    expect(ids(sortPapers(withMatch, 'upvotes'))).toEqual(['b', 'a', 'c', 'w']);
  });

  it('does not change the list it was given', () => {
    const before = ids(items);

    sortPapers(items, 'comments');

    expect(ids(items)).toEqual(before);
  });
});

describe('filterPapers', () => {
  const match = { kind: 'author' as const, value: 'Ada Lovelace' };
  const items = [
    listed('plain'),
    listed('unread', {}, { unread: true }),
    listed('code', { githubRepo: 'https://github.com/x/y' }),
    listed('watched', {}, { matched: [match] }),
    listed('everything', { githubRepo: 'https://github.com/x/z' }, { unread: true, matched: [match] }),
  ];
  const saved = new Set(['code', 'everything']);
  const isSaved = (id: string): boolean => saved.has(id);
  const only = (filters: Partial<HistoryFilters>): HistoryFilters => ({ ...NO_FILTERS, ...filters });

  it.each([
    [{ unread: true }, ['unread', 'everything']],
    [{ saved: true }, ['code', 'everything']],
    [{ hasCode: true }, ['code', 'everything']],
    [{ watchlist: true }, ['watched', 'everything']],
  ] as const)('keeps only the papers %j allows', (filters, expected) => {
    expect(ids(filterPapers(items, only(filters), isSaved))).toEqual(expected);
  });

  it('combines filters: a paper must pass every one that is on', () => {
    expect(ids(filterPapers(items, only({ unread: true, hasCode: true }), isSaved))).toEqual(['everything']);
    expect(
      ids(filterPapers(items, only({ unread: true, saved: true, hasCode: true, watchlist: true }), isSaved)),
    ).toEqual(['everything']);
    expect(ids(filterPapers(items, only({ watchlist: true, saved: true }), () => false))).toEqual([]);
  });

  it('keeps every paper, in order, when no filter is on', () => {
    expect(ids(filterPapers(items, NO_FILTERS))).toEqual(ids(items));
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters(only({ saved: true }))).toBe(true);
  });
});

describe('normalizeHistoryPrefs', () => {
  it('keeps a valid remembered view', () => {
    const prefs = { period: 'month', sort: 'comments', filters: { ...NO_FILTERS, unread: true, hasCode: true } };

    expect(normalizeHistoryPrefs(prefs)).toEqual(prefs);
  });

  it.each([null, undefined, 'week', 3, { period: 'year', sort: 'random', filters: 'all' }])(
    'falls back to the day view by upvotes, unfiltered, for %j',
    (value) => {
      expect(normalizeHistoryPrefs(value)).toEqual(DEFAULT_HISTORY_PREFS);
    },
  );

  it('repairs each field on its own', () => {
    const actual = normalizeHistoryPrefs({ period: 'week', sort: 'nope', filters: { saved: 'yes', watchlist: true } });

    expect(actual).toEqual({ period: 'week', sort: 'upvotes', filters: { ...NO_FILTERS, watchlist: true } });
  });
});

describe('periods', () => {
  it('finds the day, ISO week or month that holds a day', () => {
    expect(periodOf('day', TODAY)).toEqual({ kind: 'day', day: TODAY });
    expect(periodOf('week', '2027-01-01')).toEqual({ kind: 'week', week: '2026-W53' });
    expect(periodOf('month', TODAY)).toEqual({ kind: 'month', month: '2026-11' });
  });

  it('covers a week Monday to Sunday and a month first to last, never past today', () => {
    expect(periodRange({ kind: 'week', week: '2026-W47' }, TODAY)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodRange({ kind: 'week', week: '2026-W48' }, TODAY)).toEqual({ from: '2026-11-23', to: TODAY });
    expect(periodRange({ kind: 'month', month: '2024-02' }, TODAY)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange({ kind: 'month', month: '2026-11' }, TODAY)).toEqual({ from: '2026-11-01', to: TODAY });
  });

  it('starts the first week and month on the first feed day', () => {
    expect(periodRange({ kind: 'week', week: '2023-W18' }, TODAY)).toEqual({ from: '2023-05-04', to: '2023-05-07' });
    expect(periodRange({ kind: 'month', month: '2023-05' }, TODAY).from).toBe('2023-05-04');
  });

  it.each([
    [{ kind: 'day', day: '2026-11-20' }, -1, { kind: 'day', day: '2026-11-19' }],
    [{ kind: 'day', day: TODAY }, 1, { kind: 'day', day: TODAY }],
    [{ kind: 'day', day: '2023-05-04' }, -1, { kind: 'day', day: '2023-05-04' }],
    [{ kind: 'week', week: '2026-W01' }, -1, { kind: 'week', week: '2025-W52' }],
    [{ kind: 'week', week: '2026-W48' }, 1, { kind: 'week', week: '2026-W48' }],
    [{ kind: 'week', week: '2023-W18' }, -1, { kind: 'week', week: '2023-W18' }],
    [{ kind: 'month', month: '2026-01' }, -1, { kind: 'month', month: '2025-12' }],
    [{ kind: 'month', month: '2026-11' }, 1, { kind: 'month', month: '2026-11' }],
    [{ kind: 'month', month: '2023-05' }, -1, { kind: 'month', month: '2023-05' }],
  ] as const)('steps %j by %i within the feed’s life', (period, delta, expected) => {
    expect(stepPeriod(period, delta, TODAY)).toEqual(expected);
  });

  it('names each period by the key the worker reports it under', () => {
    expect(periodKey({ kind: 'day', day: TODAY })).toBe(TODAY);
    expect(periodKey({ kind: 'week', week: '2026-W48' })).toBe('2026-W48');
    expect(periodKey({ kind: 'month', month: '2026-11' })).toBe('2026-11');
  });
});

describe('isPeriodLoadDue', () => {
  const NOON = Date.parse(`${TODAY}T17:00:00Z`); // noon in New York
  const MINUTE = 60_000;

  it('fetches a period never fetched', () => {
    expect(isPeriodLoadDue(undefined, '2026-11-22', NOON)).toBe(true);
  });

  it('never fetches again a period fetched after it ended', () => {
    expect(isPeriodLoadDue(Date.parse('2026-11-23T17:00:00Z'), '2026-11-22', NOON)).toBe(false);
  });

  it('fetches the running period again once the last fetch is older than 15 minutes', () => {
    expect(isPeriodLoadDue(NOON - 5 * MINUTE, '2026-11-29', NOON)).toBe(false);
    expect(isPeriodLoadDue(NOON - 15 * MINUTE, '2026-11-29', NOON)).toBe(true);
  });

  it('fetches a period whose last fetch was before it ended, and one dated in the future', () => {
    expect(isPeriodLoadDue(Date.parse('2026-11-20T17:00:00Z'), '2026-11-22', NOON)).toBe(true);
    expect(isPeriodLoadDue(NOON + MINUTE, '2026-11-29', NOON)).toBe(true);
  });
});
