import { describe, expect, it } from 'vitest';
import {
  asQueue,
  decideNotifications,
  decideUpvoteAlerts,
  EMPTY_QUEUE,
  enqueue,
  MAX_MATCH_NOTICES,
  MAX_UPVOTE_ALERTS,
  quietEndsAt,
  quietHoursEnd,
  SUMMARY_TITLES,
  tomorrowMorning,
  type NotifyDecision,
  type NotifyInput,
  type NotifyQueue,
  type SummaryNotice,
} from '@/lib/notify';
import { DEFAULT_SETTINGS, type QuietHours, type Settings, type WatchEntry } from '@/lib/settings';
import type { Paper } from '@/lib/types';
import { compileWatchlist } from '@/lib/watchlist';
import { makePaper } from '../fixtures/paper';

// Quiet hours are in the browser's local time: every instant below is built with the local
// Date constructor, so the expectations hold in any time zone the suite runs in. Mid-January
// is far from every daylight-saving change.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A local time; `month` counts from 1 like a calendar. */
function local(year: number, month: number, day: number, hours: number, minutes = 0): number {
  return new Date(year, month - 1, day, hours, minutes).getTime();
}

const NOON = local(2026, 1, 14, 12);

function settingsWith(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

function quiet(start: string, end: string, enabled = true): QuietHours {
  return { enabled, start, end };
}

/** `count` papers of one feed day, ids p1…pN, titles "Paper 1"…, upvotes as given or falling. */
function papers(count: number, upvotes?: number[]): Paper[] {
  return Array.from({ length: count }, (_, index) =>
    makePaper({
      id: `p${index + 1}`,
      title: `Paper ${index + 1}`,
      upvotes: upvotes?.[index] ?? 100 - index,
    }),
  );
}

function input(patch: Partial<NotifyInput> & { queued: Paper[] }): NotifyInput {
  return {
    isUnread: () => true,
    settings: settingsWith(),
    matcher: compileWatchlist([]),
    now: NOON,
    quietCatchUp: false,
    wasHeld: false,
    ...patch,
  };
}

function watching(...entries: WatchEntry[]): Pick<NotifyInput, 'settings' | 'matcher'> {
  return { settings: settingsWith({ watchlist: entries }), matcher: compileWatchlist(entries) };
}

/** The decision's summary and matches, failing the test when it is not 'show'. */
function shown(decision: NotifyDecision): Extract<NotifyDecision, { kind: 'show' }> {
  if (decision.kind !== 'show') throw new Error(`expected 'show', got ${JSON.stringify(decision)}`);
  return decision;
}

function summaryOf(decision: NotifyDecision): SummaryNotice {
  const { summary } = shown(decision);
  if (summary === null) throw new Error('expected a summary');
  return summary;
}

describe('decideNotifications: on, off and quiet', () => {
  it('drops the queue when notifications are off', () => {
    const actual = decideNotifications(
      input({ queued: papers(3), settings: settingsWith({ notificationsEnabled: false }) }),
    );

    expect(actual).toEqual({ kind: 'drop' });
  });

  it('drops the queue when notifications are off, even during quiet hours or a snooze', () => {
    const settings = settingsWith({
      notificationsEnabled: false,
      quietHours: quiet('00:00', '23:59'),
      snoozedUntil: NOON + HOUR,
    });

    const actual = decideNotifications(input({ queued: papers(3), settings }));

    expect(actual).toEqual({ kind: 'drop' });
  });

  it.each([
    ['late evening', local(2026, 1, 14, 23, 30), local(2026, 1, 15, 8)],
    ['the start minute', local(2026, 1, 14, 22), local(2026, 1, 15, 8)],
    ['just after midnight', local(2026, 1, 15, 0, 5), local(2026, 1, 15, 8)],
    ['early morning', local(2026, 1, 15, 7, 59), local(2026, 1, 15, 8)],
    ['New Year’s Eve', local(2025, 12, 31, 23), local(2026, 1, 1, 8)],
  ])('holds until 08:00 inside quiet hours 22:00–08:00 (%s)', (_case, now, until) => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00') });

    const actual = decideNotifications(input({ queued: papers(3), settings, now }));

    expect(actual).toEqual({ kind: 'hold', until });
  });

  it.each([
    ['the end minute', local(2026, 1, 15, 8)],
    ['mid-morning', local(2026, 1, 15, 10)],
    ['a minute before the start', local(2026, 1, 14, 21, 59)],
  ])('shows outside quiet hours 22:00–08:00 (%s)', (_case, now) => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00') });

    const actual = decideNotifications(input({ queued: papers(3), settings, now }));

    expect(actual.kind).toBe('show');
  });

  it.each([
    ['inside', local(2026, 1, 14, 13), { kind: 'hold', until: local(2026, 1, 14, 14, 30) }],
    ['at the start', local(2026, 1, 14, 12, 15), { kind: 'hold', until: local(2026, 1, 14, 14, 30) }],
  ])('holds until the end of a same-day window 12:15–14:30 (%s)', (_case, now, expected) => {
    const settings = settingsWith({ quietHours: quiet('12:15', '14:30') });

    const actual = decideNotifications(input({ queued: papers(3), settings, now }));

    expect(actual).toEqual(expected);
  });

  it.each([
    ['before', local(2026, 1, 14, 12, 14)],
    ['at the end', local(2026, 1, 14, 14, 30)],
    ['in the evening', local(2026, 1, 14, 23)],
  ])('shows outside a same-day window 12:15–14:30 (%s)', (_case, now) => {
    const settings = settingsWith({ quietHours: quiet('12:15', '14:30') });

    const actual = decideNotifications(input({ queued: papers(3), settings, now }));

    expect(actual.kind).toBe('show');
  });

  it('shows during the quiet-hours window when quiet hours are turned off', () => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00', false) });

    const actual = decideNotifications(input({ queued: papers(3), settings, now: local(2026, 1, 14, 23) }));

    expect(actual.kind).toBe('show');
  });

  it('holds until the snooze ends', () => {
    const settings = settingsWith({ snoozedUntil: NOON + 2 * HOUR });

    const actual = decideNotifications(input({ queued: papers(3), settings }));

    expect(actual).toEqual({ kind: 'hold', until: NOON + 2 * HOUR });
  });

  it.each([
    ['has ended', NOON - MINUTE],
    ['ends now', NOON],
  ])('shows when the snooze %s', (_case, snoozedUntil) => {
    const settings = settingsWith({ snoozedUntil });

    const actual = decideNotifications(input({ queued: papers(3), settings }));

    expect(actual.kind).toBe('show');
  });

  it('holds a queue of papers all read meanwhile too (quiet first, the queue later)', () => {
    const settings = settingsWith({ snoozedUntil: NOON + HOUR });

    const actual = decideNotifications(input({ queued: papers(2), settings, isUnread: () => false }));

    expect(actual).toEqual({ kind: 'hold', until: NOON + HOUR });
  });
});

describe('decideNotifications: what a refresh announces', () => {
  it('shows nothing for an empty queue', () => {
    const actual = decideNotifications(input({ queued: [] }));

    expect(actual).toEqual({ kind: 'show', summary: null, matches: [] });
  });

  it('shows nothing when every queued paper was read meanwhile', () => {
    const actual = decideNotifications(input({ queued: papers(4), isUnread: () => false }));

    expect(actual).toEqual({ kind: 'show', summary: null, matches: [] });
  });

  it('announces only the papers still unread', () => {
    const queued = papers(4);
    const read = new Set(['p1', 'p3']);

    const actual = summaryOf(decideNotifications(input({ queued, isUnread: (id) => !read.has(id) })));

    expect(actual.title).toBe('2 new papers on Daily Papers');
    expect(actual.ids).toEqual(['p2', 'p4']);
    expect(actual.items.map((item) => item.title)).toEqual(['Paper 2', 'Paper 4']);
  });

  it('sums up five new papers in one notification titled "5 new papers on Daily Papers"', () => {
    const queued = papers(5, [10, 40, 30, 50, 20]);

    const actual = decideNotifications(input({ queued }));

    expect(actual).toEqual({
      kind: 'show',
      matches: [],
      summary: {
        title: '5 new papers on Daily Papers',
        message: 'Paper 4 · Paper 2 · Paper 3 · Paper 5 · Paper 1',
        items: [
          { title: 'Paper 4', message: '▲ 50' },
          { title: 'Paper 2', message: '▲ 40' },
          { title: 'Paper 3', message: '▲ 30' },
          { title: 'Paper 5', message: '▲ 20' },
          { title: 'Paper 1', message: '▲ 10' },
        ],
        ids: ['p1', 'p2', 'p3', 'p4', 'p5'],
        day: '2026-03-06',
      },
    });
  });

  it(`lists only the top ${SUMMARY_TITLES} titles by upvotes but stands for every paper`, () => {
    const queued = papers(8, [1, 2, 3, 4, 5, 6, 7, 8]);

    const actual = summaryOf(decideNotifications(input({ queued })));

    expect(actual.title).toBe('8 new papers on Daily Papers');
    expect(actual.items.map((item) => item.title)).toEqual(['Paper 8', 'Paper 7', 'Paper 6', 'Paper 5', 'Paper 4']);
    expect(actual.ids).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
  });

  it('says "1 new paper" for one', () => {
    const actual = summaryOf(decideNotifications(input({ queued: papers(1) })));

    expect(actual.title).toBe('1 new paper on Daily Papers');
  });

  it('opens on the latest feed day among the papers', () => {
    const queued = [
      makePaper({ id: 'a', feedDay: '2026-03-04' }),
      makePaper({ id: 'b', feedDay: '2026-03-06' }),
      makePaper({ id: 'c', feedDay: '2026-03-05' }),
    ];

    const actual = summaryOf(decideNotifications(input({ queued })));

    expect(actual.day).toBe('2026-03-06');
  });

  it('takes the day from the papers it announces, not from those read meanwhile', () => {
    const queued = [makePaper({ id: 'a', feedDay: '2026-03-05' }), makePaper({ id: 'b', feedDay: '2026-03-06' })];

    const actual = summaryOf(decideNotifications(input({ queued, isUnread: (id) => id === 'a' })));

    expect(actual.day).toBe('2026-03-05');
  });
});

describe('decideNotifications: the watchlist', () => {
  const diffusion: WatchEntry = { kind: 'keyword', value: 'diffusion' };
  const lecun: WatchEntry = { kind: 'author', value: 'Yann LeCun' };

  it('gives a new paper that matches its own notification, naming what matched', () => {
    const queued = [
      ...papers(3),
      makePaper({ id: 'm1', title: 'Diffusion at scale', authors: ['Yann LeCun'], upvotes: 1 }),
    ];

    const actual = shown(decideNotifications(input({ queued, ...watching(diffusion, lecun) })));

    expect(actual.matches).toEqual([
      { paperId: 'm1', title: 'Matches your watchlist: Diffusion at scale', message: 'Matched diffusion, Yann LeCun' },
    ]);
    expect(actual.summary).toMatchObject({ title: '3 new papers on Daily Papers', ids: ['p1', 'p2', 'p3'] });
    expect(actual.summary?.message).not.toContain('watchlist');
  });

  it('shows the matches alone when every new paper matches', () => {
    const queued = [makePaper({ id: 'm1', title: 'Diffusion one' }), makePaper({ id: 'm2', title: 'Diffusion two' })];

    const actual = shown(decideNotifications(input({ queued, ...watching(diffusion) })));

    expect(actual.summary).toBeNull();
    expect(actual.matches.map((match) => match.paperId)).toEqual(['m1', 'm2']);
  });

  it(`shows at most ${MAX_MATCH_NOTICES} matches on their own and folds the rest into the summary`, () => {
    const matching = Array.from({ length: 5 }, (_, index) =>
      makePaper({ id: `m${index + 1}`, title: `Diffusion ${index + 1}`, upvotes: index }),
    );
    const queued = [...papers(2, [500, 400]), ...matching];

    const actual = shown(decideNotifications(input({ queued, ...watching(diffusion) })));

    expect(actual.matches.map((match) => match.paperId)).toEqual(['m1', 'm2', 'm3']);
    expect(actual.summary).toEqual({
      title: '4 new papers on Daily Papers',
      message: '2 match your watchlist. ★ Diffusion 5 · ★ Diffusion 4 · Paper 1 · Paper 2',
      items: [
        { title: '★ Diffusion 5', message: '▲ 4' },
        { title: '★ Diffusion 4', message: '▲ 3' },
        { title: 'Paper 1', message: '▲ 500' },
        { title: 'Paper 2', message: '▲ 400' },
      ],
      ids: ['p1', 'p2', 'm4', 'm5'],
      day: '2026-03-06',
    });
  });

  it('says "1 matches your watchlist" for one folded match', () => {
    const matching = Array.from({ length: MAX_MATCH_NOTICES + 1 }, (_, index) =>
      makePaper({ id: `m${index + 1}`, title: `Diffusion ${index + 1}` }),
    );

    const actual = summaryOf(
      decideNotifications(input({ queued: [...papers(1), ...matching], ...watching(diffusion) })),
    );

    expect(actual.message).toMatch(/^1 matches your watchlist\. /);
  });

  it('does not announce a match that was read meanwhile', () => {
    const queued = [makePaper({ id: 'm1', title: 'Diffusion' }), ...papers(1)];

    const actual = shown(decideNotifications(input({ queued, isUnread: (id) => id !== 'm1', ...watching(diffusion) })));

    expect(actual.matches).toEqual([]);
    expect(actual.summary?.ids).toEqual(['p1']);
  });

  it('raises one summary only for a first install or a catch-up, with matches first and starred', () => {
    const queued = [
      ...papers(5, [90, 80, 70, 60, 50]),
      makePaper({ id: 'm1', title: 'Diffusion one', upvotes: 1 }),
      makePaper({ id: 'm2', title: 'Diffusion two', upvotes: 2 }),
    ];

    const actual = shown(decideNotifications(input({ queued, quietCatchUp: true, ...watching(diffusion) })));

    expect(actual.matches).toEqual([]);
    expect(actual.summary?.title).toBe('7 new papers on Daily Papers');
    expect(actual.summary?.items.map((item) => item.title)).toEqual([
      '★ Diffusion two',
      '★ Diffusion one',
      'Paper 1',
      'Paper 2',
      'Paper 3',
    ]);
    expect(actual.summary?.message).toBe(
      '2 match your watchlist. ★ Diffusion two · ★ Diffusion one · Paper 1 · Paper 2 · Paper 3',
    );
    expect(actual.summary?.ids).toHaveLength(7);
  });

  it('sums up what waited through quiet time as "While you were away", matches included', () => {
    const queued = [...papers(3), makePaper({ id: 'm1', title: 'Diffusion' })];

    const actual = shown(decideNotifications(input({ queued, wasHeld: true, ...watching(diffusion) })));

    expect(actual.matches).toEqual([]);
    expect(actual.summary?.title).toBe('While you were away: 4 new papers');
    expect(actual.summary?.items[0]?.title).toBe('★ Diffusion');
  });

  it('says "While you were away: 1 new paper" for one', () => {
    const actual = summaryOf(decideNotifications(input({ queued: papers(1), wasHeld: true })));

    expect(actual.title).toBe('While you were away: 1 new paper');
  });

  it('says "While you were away" for a catch-up that also waited', () => {
    const actual = summaryOf(decideNotifications(input({ queued: papers(2), wasHeld: true, quietCatchUp: true })));

    expect(actual.title).toBe('While you were away: 2 new papers');
  });
});

describe('decideUpvoteAlerts', () => {
  const alertsOn = (threshold: number, patch: Partial<Settings> = {}): Settings =>
    settingsWith({ upvoteAlert: { enabled: true, threshold }, ...patch });
  const never = (): boolean => false;

  it('is off by default', () => {
    const recent = papers(2, [10_000, 5_000]);

    const actual = decideUpvoteAlerts(recent, never, DEFAULT_SETTINGS, NOON);

    expect(DEFAULT_SETTINGS.upvoteAlert.enabled).toBe(false);
    expect(actual).toEqual([]);
  });

  it('alerts for the papers at or above the threshold, most upvoted first', () => {
    const recent = papers(4, [49, 50, 120, 3]);

    const actual = decideUpvoteAlerts(recent, never, alertsOn(50), NOON);

    expect(actual).toEqual([
      { paperId: 'p3', title: 'Trending: Paper 3', message: 'Passed 50 upvotes (now 120) on Daily Papers' },
      { paperId: 'p2', title: 'Trending: Paper 2', message: 'Passed 50 upvotes (now 50) on Daily Papers' },
    ]);
  });

  it('does not alert twice for a paper', () => {
    const recent = papers(3, [300, 200, 100]);

    const actual = decideUpvoteAlerts(recent, (id) => id === 'p1', alertsOn(50), NOON);

    expect(actual.map((alert) => alert.paperId)).toEqual(['p2', 'p3']);
  });

  it(`alerts for at most ${MAX_UPVOTE_ALERTS} papers at once, the most upvoted`, () => {
    const recent = papers(6, [60, 70, 80, 90, 100, 110]);

    const actual = decideUpvoteAlerts(recent, never, alertsOn(50), NOON);

    expect(actual.map((alert) => alert.paperId)).toEqual(['p6', 'p5', 'p4']);
  });

  it('alerts for nothing during quiet hours or a snooze', () => {
    const recent = papers(1, [500]);
    const quietNight = alertsOn(50, { quietHours: quiet('22:00', '08:00') });
    const snoozed = alertsOn(50, { snoozedUntil: NOON + HOUR });

    const actual = [
      decideUpvoteAlerts(recent, never, quietNight, local(2026, 1, 14, 23)),
      decideUpvoteAlerts(recent, never, snoozed, NOON),
    ];

    expect(actual).toEqual([[], []]);
  });

  it('alerts for nothing when notifications are off', () => {
    const actual = decideUpvoteAlerts(papers(1, [500]), never, alertsOn(50, { notificationsEnabled: false }), NOON);

    expect(actual).toEqual([]);
  });
});

describe('quietEndsAt', () => {
  it('is null when neither quiet hours nor a snooze apply', () => {
    expect(quietEndsAt(settingsWith(), NOON)).toBeNull();
  });

  it('is the end of quiet hours inside them', () => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00') });

    expect(quietEndsAt(settings, local(2026, 1, 14, 23))).toBe(local(2026, 1, 15, 8));
  });

  it('ignores quiet hours that are turned off', () => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00', false) });

    expect(quietEndsAt(settings, local(2026, 1, 14, 23))).toBeNull();
  });

  it('is the end of the snooze while snoozed', () => {
    const settings = settingsWith({ snoozedUntil: NOON + 3 * HOUR });

    expect(quietEndsAt(settings, NOON)).toBe(NOON + 3 * HOUR);
  });

  it.each([
    ['the snooze outlasts quiet hours', local(2026, 1, 15, 9), local(2026, 1, 15, 9)],
    ['quiet hours outlast the snooze', local(2026, 1, 15, 1), local(2026, 1, 15, 8)],
  ])('takes whichever lasts longer when %s', (_case, snoozedUntil, expected) => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00'), snoozedUntil });

    expect(quietEndsAt(settings, local(2026, 1, 14, 23))).toBe(expected);
  });

  it('is the snooze end when snoozed outside quiet hours', () => {
    const settings = settingsWith({ quietHours: quiet('22:00', '08:00'), snoozedUntil: NOON + HOUR });

    expect(quietEndsAt(settings, NOON)).toBe(NOON + HOUR);
  });
});

describe('quietHoursEnd', () => {
  it.each([
    ['22:00', '08:00', 'at 23:59', local(2026, 1, 14, 23, 59), local(2026, 1, 15, 8)],
    ['22:00', '08:00', 'at midnight', local(2026, 1, 15, 0), local(2026, 1, 15, 8)],
    ['23:30', '00:15', 'at 23:45', local(2026, 1, 14, 23, 45), local(2026, 1, 15, 0, 15)],
    ['23:30', '00:15', 'at 00:10', local(2026, 1, 15, 0, 10), local(2026, 1, 15, 0, 15)],
    ['09:00', '17:00', 'at 09:00', local(2026, 1, 14, 9), local(2026, 1, 14, 17)],
    ['00:00', '06:30', 'at midnight', local(2026, 1, 14, 0), local(2026, 1, 14, 6, 30)],
    ['22:00', '08:00', 'on the last evening of a month', local(2026, 1, 31, 22, 30), local(2026, 2, 1, 8)],
  ])('ends a %s–%s window entered %s at its end time', (start, end, _case, now, expected) => {
    expect(quietHoursEnd(quiet(start, end), now)).toBe(expected);
  });

  it.each([
    ['22:00', '08:00', 'at 08:00', local(2026, 1, 14, 8)],
    ['22:00', '08:00', 'at 21:59', local(2026, 1, 14, 21, 59)],
    ['09:00', '17:00', 'at 17:00', local(2026, 1, 14, 17)],
    ['09:00', '17:00', 'at 08:59', local(2026, 1, 14, 8, 59)],
    ['09:00', '17:00', 'at 23:00', local(2026, 1, 14, 23)],
  ])('is null outside a %s–%s window (%s)', (start, end, _case, now) => {
    expect(quietHoursEnd(quiet(start, end), now)).toBeNull();
  });

  it('treats a window that starts where it ends as empty, never as all day', () => {
    expect(quietHoursEnd(quiet('08:00', '08:00'), local(2026, 1, 14, 8))).toBeNull();
  });

  it('ends at the end minute, whatever the seconds of now', () => {
    const now = local(2026, 1, 15, 7, 59) + 30_000;

    expect(quietHoursEnd(quiet('22:00', '08:00'), now)).toBe(local(2026, 1, 15, 8));
  });
});

describe('tomorrowMorning', () => {
  it.each([
    ['early in the morning: the same day', local(2026, 1, 14, 6, 30), local(2026, 1, 14, 8)],
    ['at 08:00: the next day', local(2026, 1, 14, 8), local(2026, 1, 15, 8)],
    ['at noon: the next day', local(2026, 1, 14, 12), local(2026, 1, 15, 8)],
    ['late at night: the next day', local(2026, 1, 14, 23, 59), local(2026, 1, 15, 8)],
    ['at the end of a month', local(2026, 1, 31, 20), local(2026, 2, 1, 8)],
    ['at the end of a year', local(2025, 12, 31, 20), local(2026, 1, 1, 8)],
  ])('is the next local 08:00 (%s)', (_case, now, expected) => {
    expect(tomorrowMorning(now)).toBe(expected);
  });
});

describe('enqueue', () => {
  it('adds new papers to an empty queue and records whether it is a catch-up', () => {
    expect(enqueue(EMPTY_QUEUE, ['a', 'b'], true)).toEqual({ ids: ['a', 'b'], quietCatchUp: true, heldSince: null });
    expect(enqueue(EMPTY_QUEUE, ['a'], false)).toEqual({ ids: ['a'], quietCatchUp: false, heldSince: null });
  });

  it('adds each paper once', () => {
    const queue: NotifyQueue = { ids: ['a', 'b'], quietCatchUp: false, heldSince: null };

    const actual = enqueue(queue, ['b', 'c', 'c', 'a', 'd'], false);

    expect(actual.ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the queue unchanged when nothing is added', () => {
    const queue: NotifyQueue = { ids: ['a'], quietCatchUp: true, heldSince: 5 };

    expect(enqueue(queue, [], false)).toBe(queue);
  });

  it('stays a catch-up once it holds one, and becomes one when a catch-up joins', () => {
    const catchUp: NotifyQueue = { ids: ['a'], quietCatchUp: true, heldSince: null };
    const regular: NotifyQueue = { ids: ['a'], quietCatchUp: false, heldSince: null };

    expect(enqueue(catchUp, ['b'], false).quietCatchUp).toBe(true);
    expect(enqueue(regular, ['b'], true).quietCatchUp).toBe(true);
    expect(enqueue(regular, ['b'], false).quietCatchUp).toBe(false);
  });

  it('keeps the time a held queue started waiting', () => {
    const held: NotifyQueue = { ids: ['a'], quietCatchUp: false, heldSince: NOON };

    expect(enqueue(held, ['b'], false)).toEqual({ ids: ['a', 'b'], quietCatchUp: false, heldSince: NOON });
  });
});

describe('asQueue', () => {
  it.each([undefined, null, 'queue', 42, true])('repairs %j to the empty queue', (stored) => {
    expect(asQueue(stored)).toEqual(EMPTY_QUEUE);
  });

  it('keeps a valid queue', () => {
    const stored: NotifyQueue = { ids: ['a', 'b'], quietCatchUp: true, heldSince: NOON };

    expect(asQueue(stored)).toEqual(stored);
  });

  it('drops ids that are not strings and fields of the wrong type', () => {
    const stored = { ids: ['a', 3, null, 'b', { id: 'c' }], quietCatchUp: 'yes', heldSince: '12:00' };

    expect(asQueue(stored)).toEqual({ ids: ['a', 'b'], quietCatchUp: false, heldSince: null });
  });

  it('reads ids that are not a list as none', () => {
    expect(asQueue({ ids: 'a,b', quietCatchUp: true })).toEqual({ ids: [], quietCatchUp: true, heldSince: null });
  });
});
