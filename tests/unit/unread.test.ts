import { describe, expect, it } from 'vitest';
import { EMPTY_STATUS, type PaperState, type RefreshStatus } from '@/lib/types';
import { firstSeenState, latestNonEmpty, markedLocally, planDays, withReadState } from '@/lib/unread';

const NOW = Date.parse('2026-03-06T15:00:00Z');

/** Which days' new papers start unread, by day. */
function unreadDays(plans: { day: string; startsRead: boolean }[]): string[] {
  return plans.filter((plan) => !plan.startsRead).map((plan) => plan.day);
}

describe('planDays on the first run', () => {
  it('makes only the latest day unread; the catch-up days start read', () => {
    const fetched = [
      { day: '2026-03-04', ids: ['a', 'b'] },
      { day: '2026-03-05', ids: ['c'] },
      { day: '2026-03-06', ids: ['d', 'e'] },
    ];

    const actual = planDays(fetched, EMPTY_STATUS);

    expect(unreadDays(actual)).toEqual(['2026-03-06']);
    expect(actual.map((plan) => plan.ids)).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
  });

  it('makes the latest non-empty day unread when today (a Monday morning) is still empty', () => {
    const fetched = [
      { day: '2026-03-06', ids: ['fri'] },
      { day: '2026-03-07', ids: [] },
      { day: '2026-03-08', ids: [] },
      { day: '2026-03-09', ids: [] },
    ];

    const actual = planDays(fetched, EMPTY_STATUS);

    expect(unreadDays(actual)).toEqual(['2026-03-06']);
  });

  it('finds the latest day whatever order the days arrive in', () => {
    const fetched = [
      { day: '2026-03-06', ids: ['x'] },
      { day: '2026-03-04', ids: ['y'] },
    ];

    const actual = planDays(fetched, EMPTY_STATUS);

    expect(unreadDays(actual)).toEqual(['2026-03-06']);
  });

  it('makes nothing unread when every day is empty', () => {
    const fetched = [
      { day: '2026-03-07', ids: [] },
      { day: '2026-03-08', ids: [] },
    ];

    const actual = planDays(fetched, EMPTY_STATUS);

    expect(unreadDays(actual)).toEqual([]);
  });
});

describe('planDays after the first run', () => {
  const installed: RefreshStatus = { ...EMPTY_STATUS, installDay: '2026-03-04', installedAt: NOW };

  it('makes new papers of the install day and later unread, and older days read', () => {
    const fetched = [
      { day: '2026-03-02', ids: ['old'] },
      { day: '2026-03-03', ids: ['older'] },
      { day: '2026-03-04', ids: ['install-day'] },
      { day: '2026-03-05', ids: [] },
      { day: '2026-03-06', ids: ['new'] },
    ];

    const actual = planDays(fetched, installed);

    expect(actual.map((plan) => [plan.day, plan.startsRead])).toEqual([
      ['2026-03-02', true],
      ['2026-03-03', true],
      ['2026-03-04', false],
      ['2026-03-05', false],
      ['2026-03-06', false],
    ]);
  });
});

describe('latestNonEmpty', () => {
  it.each([
    [[], null],
    [[{ day: '2026-03-07', ids: [] }], null],
    [
      [
        { day: '2026-03-05', ids: ['a'] },
        { day: '2026-03-07', ids: [] },
      ],
      '2026-03-05',
    ],
  ])('picks the latest day with papers from %j', (days, expected) => {
    expect(latestNonEmpty(days)).toBe(expected);
  });
});

describe('firstSeenState and withReadState', () => {
  it.each([
    [false, 1],
    [true, 0],
  ] as const)('starts a paper with startsRead=%s as unread=%i', (startsRead, expected) => {
    const actual = firstSeenState('2602.23229', startsRead, NOW);

    expect(actual).toEqual({ id: '2602.23229', firstSeenAt: NOW, unread: expected, changedAt: NOW });
  });

  it('marks an unread paper read and dates the change', () => {
    const state: PaperState = { id: 'a', firstSeenAt: NOW - 1000, unread: 1, changedAt: NOW - 1000 };

    const actual = withReadState(state, false, NOW);

    expect(actual).toEqual({ id: 'a', firstSeenAt: NOW - 1000, unread: 0, changedAt: NOW });
    expect(state.unread).toBe(1);
  });

  it('marks a read paper unread again', () => {
    const state: PaperState = { id: 'a', firstSeenAt: NOW - 1000, unread: 0, changedAt: NOW - 1000 };

    const actual = withReadState(state, true, NOW);

    expect(actual).toMatchObject({ unread: 1, changedAt: NOW });
  });

  it.each([
    [1, true],
    [0, false],
  ] as const)('returns the same state, undated, when unread=%i is set to %s again', (unread, next) => {
    const state: PaperState = { id: 'a', firstSeenAt: 1, unread, changedAt: 1 };

    const actual = withReadState(state, next, NOW);

    expect(actual).toBe(state);
  });
});

describe('planDays for a day fetched on demand', () => {
  it('keeps history read even before the first refresh has finished', () => {
    const actual = planDays([{ day: '2026-02-20', ids: ['a', 'b'] }], EMPTY_STATUS, false);

    expect(actual).toEqual([{ day: '2026-02-20', ids: ['a', 'b'], startsRead: true }]);
  });
});

describe('markedLocally', () => {
  it('shows the clicked papers read or unread at once, leaving the input and papers with no state alone', () => {
    const states = new Map([
      ['a', firstSeenState('a', false, 1)],
      ['b', firstSeenState('b', false, 1)],
    ]);

    const next = markedLocally(states, ['a', 'zzz'], false);

    expect([...next.values()].map((state) => [state.id, state.unread])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(next.has('zzz')).toBe(false);
    expect(states.get('a')!.unread).toBe(1);
  });
});
