import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  afterMonth,
  afterPage,
  ARCHIVE_MAX_ATTEMPTS,
  ARCHIVE_PACE_MS,
  archiveMonths,
  archivePageQuery,
  asArchiveProgress,
  cancelArchive,
  describeArchive,
  groupByFeedDay,
  IDLE_ARCHIVE,
  isLastPage,
  resumeIfDue,
  startArchive,
  type ArchiveProgress,
} from '@/lib/archive';
import type { Failure } from '@/lib/types';
import { makePaper } from '../fixtures/paper';
import { mergeDayIds } from '@/lib/unread';

const TODAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');
/** Anonymous calls per 5-minute window (HF hub docs). */
const ANONYMOUS_CALLS_PER_WINDOW = 500;

function running(overrides: Partial<ArchiveProgress> = {}): ArchiveProgress {
  return { ...startArchive(IDLE_ARCHIVE, TODAY, NOW), ...overrides };
}

describe('the download plan', () => {
  it('covers every month from 2023-05 through the current month', () => {
    const months = archiveMonths(TODAY);

    expect(months[0]).toBe('2023-05');
    expect(months.at(-1)).toBe('2026-03');
    expect(months).toHaveLength(35);
  });

  it('asks for full pages of a month', () => {
    expect(archivePageQuery('2024-02', 3)).toEqual({ month: '2024-02', limit: '100', p: '3' });
  });

  it.each([
    [100, false],
    [99, true],
    [0, true],
  ])('a page of %i papers is the last: %s', (count, expected) => {
    expect(isLastPage(count)).toBe(expected);
  });

  it('stays far under the anonymous rate limit', () => {
    const callsPerWindow = (5 * 60_000) / ARCHIVE_PACE_MS;

    expect(ARCHIVE_PACE_MS).toBeGreaterThanOrEqual(1_500);
    expect(callsPerWindow).toBeLessThanOrEqual(ANONYMOUS_CALLS_PER_WINDOW / 2);
  });
});

describe('progress', () => {
  it('starts at the first month, page 0, due at once', () => {
    const actual = startArchive(IDLE_ARCHIVE, TODAY, NOW);

    expect(actual).toEqual({
      state: 'running',
      month: '2023-05',
      page: 0,
      papersStored: 0,
      monthsDone: 0,
      monthsTotal: 35,
      nextAt: NOW,
      failure: null,
      attempts: 0,
    });
  });

  it('goes to the next page one pace later', () => {
    const actual = afterPage(running(), NOW);

    expect(actual).toMatchObject({ month: '2023-05', page: 1, nextAt: NOW + ARCHIVE_PACE_MS });
  });

  it('goes to the next month once a month is stored, counting papers and months', () => {
    const actual = afterMonth(running({ page: 4 }), 412, TODAY, NOW);

    expect(actual).toMatchObject({
      state: 'running',
      month: '2023-06',
      page: 0,
      papersStored: 412,
      monthsDone: 1,
      nextAt: NOW + ARCHIVE_PACE_MS,
    });
  });

  it('crosses a year', () => {
    expect(afterMonth(running({ month: '2023-12' }), 1, TODAY, NOW).month).toBe('2024-01');
  });

  it('is done after the current month', () => {
    const actual = afterMonth(running({ month: '2026-03', monthsDone: 34, papersStored: 19_000 }), 300, TODAY, NOW);

    expect(actual).toMatchObject({
      state: 'done',
      month: '2026-03',
      papersStored: 19_300,
      monthsDone: 35,
      nextAt: null,
    });
  });

  it('resumes a stopped download from its month, not from the beginning', () => {
    const cancelled = cancelArchive(running({ month: '2024-07', papersStored: 8_000, monthsDone: 14 }));

    const actual = startArchive(cancelled, TODAY, NOW);

    expect(actual).toMatchObject({ state: 'running', month: '2024-07', page: 0, papersStored: 8_000, monthsDone: 14 });
  });

  it('after it was done, fetches the last month again and the months since', () => {
    const done = afterMonth(running({ month: '2026-01' }), 10, '2026-01-31', NOW);

    const actual = startArchive(done, TODAY, NOW);

    expect(actual).toMatchObject({ state: 'running', month: '2026-01', page: 0, monthsDone: 32, monthsTotal: 35 });
  });

  it('leaves a running download alone when started again', () => {
    const current = running({ month: '2024-01', page: 2 });

    expect(startArchive(current, TODAY, NOW)).toBe(current);
  });
});

describe('failures', () => {
  const rateLimited: Failure = { kind: 'rate-limited', status: 429, retryAt: NOW + 61_000 };

  it('pauses on a 429 until the window the server named ends', () => {
    const actual = afterFailure(running({ page: 3 }), rateLimited, NOW);

    expect(actual).toMatchObject({ state: 'paused', page: 3, nextAt: NOW + 61_000, failure: rateLimited });
    expect(resumeIfDue(actual, NOW + 60_000).state).toBe('paused');
    expect(resumeIfDue(actual, NOW + 61_000).state).toBe('running');
  });

  it('backs off exponentially on other failures and gives up after a few in a row', () => {
    const offline: Failure = { kind: 'offline' };
    let progress = running();
    const waits: number[] = [];
    for (let attempt = 1; attempt < ARCHIVE_MAX_ATTEMPTS; attempt += 1) {
      progress = afterFailure(progress, offline, NOW);
      expect(progress.state).toBe('paused');
      waits.push(progress.nextAt! - NOW);
    }

    const actual = afterFailure(progress, offline, NOW);

    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(actual).toMatchObject({ state: 'failed', nextAt: null, failure: offline });
  });

  it('fails at once when the disk is full', () => {
    expect(afterFailure(running(), { kind: 'quota' }, NOW).state).toBe('failed');
  });

  it('forgets the failures after a success', () => {
    const paused = afterFailure(running(), { kind: 'server', status: 503 }, NOW);

    const actual = afterPage(resumeIfDue(paused, NOW + 60_000), NOW + 60_000);

    expect(actual).toMatchObject({ state: 'running', attempts: 0, failure: null });
  });

  it('cancels a running or paused download and nothing else', () => {
    expect(cancelArchive(running()).state).toBe('cancelled');
    expect(cancelArchive(afterFailure(running(), rateLimited, NOW)).state).toBe('cancelled');
    expect(cancelArchive(IDLE_ARCHIVE)).toBe(IDLE_ARCHIVE);
  });
});

describe('storing a month', () => {
  it('groups papers by feed day, most upvoted first, a paper met twice once', () => {
    const papers = [
      makePaper({ id: 'a', feedDay: '2024-02-01', upvotes: 3 }),
      makePaper({ id: 'b', feedDay: '2024-02-02', upvotes: 9 }),
      makePaper({ id: 'c', feedDay: '2024-02-01', upvotes: 30 }),
      makePaper({ id: 'a', feedDay: '2024-02-01', upvotes: 5 }),
    ];

    const actual = groupByFeedDay(papers);

    expect([...actual].map(([day, list]) => [day, list.map((paper) => `${paper.id}:${paper.upvotes}`)])).toEqual([
      ['2024-02-01', ['c:30', 'a:5']],
      ['2024-02-02', ['b:9']],
    ]);
  });

  it('never shrinks a cached day: its ids stay in order, new ones follow', () => {
    expect(mergeDayIds(['x', 'y', 'z'], ['y', 'w'])).toEqual(['x', 'y', 'z', 'w']);
    expect(mergeDayIds(undefined, ['y', 'w'])).toEqual(['y', 'w']);
    expect(mergeDayIds(['x'], [])).toEqual(['x']);
  });
});

describe('asArchiveProgress', () => {
  it.each([undefined, null, 'running', 42, []])('reads %j as idle', (value) => {
    expect(asArchiveProgress(value)).toEqual(IDLE_ARCHIVE);
  });

  it('keeps a valid record and repairs bad fields', () => {
    const stored = running({ month: '2024-03', page: 2, papersStored: 1_200 });

    expect(asArchiveProgress(stored)).toEqual(stored);
    expect(asArchiveProgress({ ...stored, state: 'exploded', month: '2024-13', page: -1 })).toMatchObject({
      state: 'idle',
      month: null,
      page: 0,
    });
  });
});

describe('describeArchive', () => {
  it.each([
    [IDLE_ARCHIVE, 'Not downloaded.'],
    [
      running({ month: '2024-05', monthsDone: 12, papersStored: 8_400 }),
      'Downloading May 2024: 12 of 35 months, 8,400 papers stored.',
    ],
    [
      afterFailure(
        running({ month: '2024-05', monthsDone: 12 }),
        { kind: 'rate-limited', retryAt: NOW + 120_000 },
        NOW,
      ),
      'Paused at May 2024: 12 of 35 months, 0 papers stored. Hugging Face asked us to slow down; retrying in 2 min.',
    ],
    [
      cancelArchive(running({ month: '2024-05', monthsDone: 12, papersStored: 8_400 })),
      'Cancelled: the 8,400 papers stored (12 of 35 months) are kept.',
    ],
    [
      afterMonth(running({ month: '2026-03', papersStored: 20_000 }), 31, TODAY, NOW),
      'Done: 20,031 papers from 35 months stored.',
    ],
  ])('says where it stands (%#)', (progress, expected) => {
    expect(describeArchive(progress, NOW)).toBe(expected);
  });
});
