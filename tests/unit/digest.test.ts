import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  digestNotice,
  digestTitle,
  isoWeekDays,
  isoWeekOf,
  lastDailyFire,
  localDayKey,
  nextDailyFire,
  nextDigestFire,
  nextWeeklyFire,
  NO_MARKS,
  parsePeriod,
  planDigests,
  previousIsoWeek,
  topPapers,
  type DigestMarks,
} from '@/lib/digest';
import { DEFAULT_SETTINGS, type DigestSettings, type Settings } from '@/lib/settings';
import { makePaper } from '../fixtures/paper';

// The schedule is in local time. Each test names the zone it runs in (process.env.TZ, which Node
// applies to Date at once) and gives instants in UTC, so the expectations are exact. 2026's
// daylight-saving changes: New York Mar 8 (02:00 → 03:00) and Nov 1 (02:00 → 01:00); Berlin
// Mar 29 (02:00 → 03:00) and Oct 25 (03:00 → 02:00).
const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

function inZone(zone: string): void {
  process.env.TZ = zone;
}

const at = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function digestWith(patch: Partial<DigestSettings>): DigestSettings {
  return { ...DEFAULT_SETTINGS.digest, ...patch };
}

function settingsWith(digest: Partial<DigestSettings>, patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...patch, digest: digestWith(digest) };
}

const DAILY_9 = { daily: { enabled: true, time: '09:00' } };
const WEEKLY_MONDAY_9 = { weekly: { enabled: true, weekday: 1, time: '09:00' } };

describe('the next daily fire', () => {
  it.each([
    // zone, now (UTC), time, expected (UTC)
    ['America/New_York', '2026-03-07T15:00:00Z', '09:00', '2026-03-08T13:00:00Z'], // into EDT: 23 h later
    ['America/New_York', '2026-03-08T13:00:00Z', '09:00', '2026-03-09T13:00:00Z'], // exactly at the time: the next day
    ['America/New_York', '2026-10-31T14:00:00Z', '09:00', '2026-11-01T14:00:00Z'], // into EST: 25 h later
    ['Europe/Berlin', '2026-03-28T09:00:00Z', '09:00', '2026-03-29T07:00:00Z'],
    ['Europe/Berlin', '2026-10-24T08:00:00Z', '09:00', '2026-10-25T08:00:00Z'],
    ['Europe/Berlin', '2026-10-25T06:00:00Z', '09:00', '2026-10-25T08:00:00Z'], // later the same day
  ])('in %s from %s at %s is %s', (zone, now, time, expected) => {
    inZone(zone);

    const actual = nextDailyFire(time, at(now));

    expect(new Date(actual).toISOString()).toBe(new Date(at(expected)).toISOString());
  });

  it('moves a time skipped in spring to the first instant after the gap (02:30 → 03:30 EDT)', () => {
    inZone('America/New_York');

    const actual = nextDailyFire('02:30', at('2026-03-07T12:00:00Z'));

    expect(actual).toBe(at('2026-03-08T07:30:00Z'));
  });

  it('fires a time that happens twice in autumn once, on its first occurrence', () => {
    inZone('America/New_York');
    const settings = settingsWith({ daily: { enabled: true, time: '01:30' } });
    const first = nextDailyFire('01:30', at('2026-10-31T12:00:00Z'));
    const claimed = planDigests(settings, { ...NO_MARKS, day: '2026-10-31' }, first);

    const secondOccurrence = planDigests(settings, claimed.marks, first + HOUR); // 01:30 EST

    expect(first).toBe(at('2026-11-01T05:30:00Z')); // 01:30 EDT
    expect(claimed.due).toEqual(['day']);
    expect(secondOccurrence.due).toEqual([]);
    expect(secondOccurrence.wakeAt).toBe(at('2026-11-02T06:30:00Z'));
  });

  it('keeps the local wall-clock time, a day or so ahead, in any zone and at any time of year', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2028-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, now, hours, minutes) => {
          inZone(zone);
          const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
          const next = nextDailyFire(time, now);
          const last = lastDailyFire(time, now);
          const local = new Date(next);
          const isInSpringGap = local.getHours() !== hours || local.getMinutes() !== minutes;
          expect(next).toBeGreaterThan(now);
          expect(next - now).toBeLessThanOrEqual(25 * HOUR);
          expect(last).toBeLessThanOrEqual(now);
          expect(now - last).toBeLessThan(25 * HOUR);
          // Only a time the clocks skip is moved, by the size of the jump.
          if (isInSpringGap) expect(local.getHours() * 60 + local.getMinutes()).toBe(hours * 60 + minutes + 60);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the next weekly fire', () => {
  it.each([
    ['America/New_York', '2026-03-04T15:00:00Z', 1, '2026-03-09T13:00:00Z'], // Wed → Mon, across the change
    ['America/New_York', '2026-03-09T13:00:00Z', 1, '2026-03-16T13:00:00Z'], // at the time: a week later
    ['America/New_York', '2026-03-09T12:59:00Z', 1, '2026-03-09T13:00:00Z'],
    ['Europe/Berlin', '2026-10-21T10:00:00Z', 0, '2026-10-25T08:00:00Z'], // Sunday of the change
    ['Europe/Berlin', '2026-10-24T10:00:00Z', 6, '2026-10-31T08:00:00Z'], // Saturday after the time
  ])('in %s from %s on weekday %i is %s', (zone, now, weekday, expected) => {
    inZone(zone);

    const actual = nextWeeklyFire(weekday, '09:00', at(now));

    expect(new Date(actual).toISOString()).toBe(new Date(at(expected)).toISOString());
  });

  it('is the sooner of the daily and the weekly when both are on, and none when both are off', () => {
    inZone('Europe/Berlin');
    const now = at('2026-03-08T12:00:00Z'); // a Sunday, 13:00

    const both = nextDigestFire(digestWith({ ...DAILY_9, weekly: { enabled: true, weekday: 1, time: '07:00' } }), now);
    const none = nextDigestFire(digestWith({}), now);

    expect(both).toBe(at('2026-03-09T06:00:00Z'));
    expect(none).toBeNull();
  });
});

describe('what is due', () => {
  it('fires the daily digest once when its time comes, then schedules the next day', () => {
    inZone('Europe/Berlin');
    const settings = settingsWith(DAILY_9);
    const fire = at('2026-03-06T08:00:00Z'); // 09:00 in Berlin

    const before = planDigests(settings, { ...NO_MARKS, day: '2026-03-05' }, fire - MINUTE);
    const onTime = planDigests(settings, before.marks, fire);
    const again = planDigests(settings, onTime.marks, fire + 5 * MINUTE);

    expect(before).toMatchObject({ due: [], wakeAt: fire });
    expect(onTime).toEqual({
      due: ['day'],
      held: [],
      marks: { day: '2026-03-06', week: null },
      wakeAt: fire + 24 * HOUR,
    });
    expect(again.due).toEqual([]);
  });

  it('fires a digest the computer slept through once on waking, never twice', () => {
    inZone('America/New_York');
    const settings = settingsWith(DAILY_9);
    const marks: DigestMarks = { day: '2026-03-03', week: null }; // asleep since Tuesday
    const wake = at('2026-03-06T19:00:00Z'); // Friday 14:00

    const onWaking = planDigests(settings, marks, wake);
    const later = planDigests(settings, onWaking.marks, wake + MINUTE);

    expect(onWaking.due).toEqual(['day']);
    expect(onWaking.marks.day).toBe('2026-03-06');
    expect(later.due).toEqual([]);
  });

  it('skips a long-missed digest when the next one is less than two hours away', () => {
    inZone('America/New_York');
    const settings = settingsWith(DAILY_9);
    const wake = at('2026-03-06T12:00:00Z'); // 07:00: yesterday's was missed, today's comes at 09:00

    const plan = planDigests(settings, { day: '2026-03-04', week: null }, wake);

    expect(plan).toEqual({
      due: [],
      held: [],
      marks: { day: '2026-03-05', week: null },
      wakeAt: at('2026-03-06T14:00:00Z'),
    });
  });

  it('starts a digest just switched on with its next time, not one that passed', () => {
    inZone('UTC');
    const now = at('2026-03-06T14:00:00Z');

    const plan = planDigests(settingsWith(DAILY_9), NO_MARKS, now);

    expect(plan).toEqual({
      due: [],
      held: [],
      marks: { day: '2026-03-06', week: null },
      wakeAt: at('2026-03-07T09:00:00Z'),
    });
  });

  it('forgets the mark of a digest switched off, so switching it on later starts afresh', () => {
    inZone('UTC');

    const plan = planDigests(settingsWith({}), { day: '2026-03-05', week: '2026-W09' }, at('2026-03-06T14:00:00Z'));

    expect(plan).toEqual({ due: [], held: [], marks: NO_MARKS, wakeAt: null });
  });

  it('holds a digest due in quiet hours, unclaimed, and wakes when they end', () => {
    inZone('Europe/Berlin');
    const settings = settingsWith(DAILY_9, { quietHours: { enabled: true, start: '08:00', end: '10:30' } });
    const fire = at('2026-03-06T08:00:00Z');

    const held = planDigests(settings, { day: '2026-03-05', week: null }, fire);
    const afterQuiet = planDigests(settings, held.marks, at('2026-03-06T09:30:00Z'));

    expect(held).toEqual({
      due: [],
      held: ['day'],
      marks: { day: '2026-03-05', week: null },
      wakeAt: at('2026-03-06T09:30:00Z'),
    });
    expect(afterQuiet.due).toEqual(['day']);
  });

  it('holds a digest during a snooze', () => {
    inZone('UTC');
    const fire = at('2026-03-06T09:00:00Z');
    const settings = settingsWith(DAILY_9, { snoozedUntil: fire + 3 * HOUR });

    const plan = planDigests(settings, { day: '2026-03-05', week: null }, fire);

    expect(plan).toMatchObject({ due: [], held: ['day'], wakeAt: fire + 3 * HOUR });
  });

  it('claims but shows nothing while notifications are off', () => {
    inZone('UTC');

    const plan = planDigests(
      settingsWith(DAILY_9, { notificationsEnabled: false }),
      { day: '2026-03-05', week: null },
      at('2026-03-06T09:00:00Z'),
    );

    expect(plan).toMatchObject({ due: [], held: [], marks: { day: '2026-03-06' } });
  });

  it('fires the weekly digest once per ISO week, also after sleeping through it', () => {
    inZone('Europe/Berlin');
    const settings = settingsWith(WEEKLY_MONDAY_9);
    const wednesday = at('2026-03-11T12:00:00Z'); // slept through Monday 2026-03-09 09:00

    const onWaking = planDigests(settings, { day: null, week: '2026-W10' }, wednesday);
    const later = planDigests(settings, onWaking.marks, wednesday + HOUR);

    expect(onWaking.due).toEqual(['week']);
    expect(onWaking.marks.week).toBe('2026-W11');
    expect(later).toMatchObject({ due: [], wakeAt: at('2026-03-16T08:00:00Z') });
  });

  it('fires the daily and the weekly digests together when they share a time', () => {
    inZone('UTC');
    const monday = at('2026-03-09T09:00:00Z');

    const plan = planDigests(
      settingsWith({ ...DAILY_9, ...WEEKLY_MONDAY_9 }),
      { day: '2026-03-08', week: '2026-W10' },
      monday,
    );

    expect(plan.due).toEqual(['day', 'week']);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday
    ['2027-01-01', '2026-W53'], // a Friday: still the last week of 2026
    ['2024-12-30', '2025-W01'], // a Monday in week 1 of the next year
    ['2026-11-25', '2026-W48'],
    ['2026-03-08', '2026-W10'], // a Sunday closes its week
  ])('puts %s in %s', (day, expected) => {
    expect(isoWeekOf(day)).toBe(expected);
  });

  it('knows the days of a week and rejects weeks that do not exist', () => {
    expect(isoWeekDays('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(isoWeekDays('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(isoWeekDays('2025-W53')).toBeNull();
    expect(isoWeekDays('2026-W00')).toBeNull();
    expect(isoWeekDays('2026-48')).toBeNull();
  });

  it('takes the last complete week before a day', () => {
    expect(previousIsoWeek('2026-11-30')).toBe('2026-W48');
    expect(previousIsoWeek('2026-01-01')).toBe('2025-W52');
  });

  it('names the local date of an instant', () => {
    inZone('Asia/Tokyo');
    expect(localDayKey(at('2026-03-06T20:00:00Z'))).toBe('2026-03-07');
  });
});

describe('the digest’s content', () => {
  const day = (id: string, feedDay: string, upvotes: number) =>
    makePaper({ id, feedDay, upvotes, title: `Paper ${id}` });

  it('takes the top papers of the period by upvotes, read or unread alike, and nothing from other days', () => {
    const papers = [
      day('a', '2026-11-25', 10),
      day('b', '2026-11-25', 40),
      day('c', '2026-11-24', 99),
      day('d', '2026-11-25', 25),
    ];

    const actual = topPapers(papers, { kind: 'day', day: '2026-11-25' }, 2).map((paper) => paper.id);

    expect(actual).toEqual(['b', 'd']);
  });

  it('takes a week’s papers from Monday through Sunday', () => {
    const papers = [
      day('sun-before', '2026-11-22', 500),
      day('mon', '2026-11-23', 5),
      day('sun', '2026-11-29', 7),
      day('next', '2026-11-30', 900),
    ];

    const actual = topPapers(papers, { kind: 'week', week: '2026-W48' }, 5).map((paper) => paper.id);

    expect(actual).toEqual(['sun', 'mon']);
  });

  it('names the top titles in the notification', () => {
    const top = [day('b', '2026-11-25', 40), day('d', '2026-11-25', 25)];

    const notice = digestNotice({ kind: 'day', day: '2026-11-25' }, top, '2026-11-25');

    expect(notice).toEqual({
      period: { kind: 'day', day: '2026-11-25' },
      title: "Today's top 2 on Daily Papers",
      message: '1. Paper b · 2. Paper d',
      items: [
        { title: 'Paper b', message: '▲ 40' },
        { title: 'Paper d', message: '▲ 25' },
      ],
      ids: ['b', 'd'],
    });
  });

  it('shows no notification for a period without papers', () => {
    expect(digestNotice({ kind: 'day', day: '2026-11-28' }, [], '2026-11-28')).toBeNull();
  });

  it.each([
    [{ kind: 'day', day: '2026-11-25' }, '2026-11-25', "Today's top 5 on Daily Papers"],
    [{ kind: 'day', day: '2026-11-24' }, '2026-11-25', "Yesterday's top 5 on Daily Papers"],
    [{ kind: 'day', day: '2026-11-20' }, '2026-11-22', "Friday's top 5 on Daily Papers"],
    [{ kind: 'day', day: '2026-11-02' }, '2026-11-25', "Nov 2's top 5 on Daily Papers"],
    [{ kind: 'week', week: '2026-W48' }, '2026-11-30', "Last week's top 5 on Daily Papers"],
    [{ kind: 'week', week: '2026-W48' }, '2026-11-25', "This week's top 5 on Daily Papers"],
  ] as const)('titles %j seen on %s as %j', (period, today, expected) => {
    expect(digestTitle(period, 5, today)).toBe(expected);
  });
});

describe('the digest page’s period parameter', () => {
  it.each([
    ['day:2026-11-25', { kind: 'day', day: '2026-11-25' }],
    ['week:2026-W48', { kind: 'week', week: '2026-W48' }],
    ['day:2026-02-30', null],
    ['week:2026-W60', null],
    ['month:2026-11', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });
});
