import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isClockTime,
  normalizeEndpoint,
  normalizeSettings,
  normalizeWatchlist,
  REFRESH_MINUTES_MAX,
  REFRESH_MINUTES_MIN,
  WATCHLIST_MAX,
  type Settings,
} from '@/lib/settings';

describe('normalizeSettings', () => {
  it.each([undefined, null, 'settings', 42, true, [], [{ refreshMinutes: 60 }]])(
    'gives the defaults for %j',
    (stored) => {
      expect(normalizeSettings(stored)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it('has defaults that make the extension useful without a visit to the options', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      refreshMinutes: 30,
      notificationsEnabled: true,
      quietHours: { enabled: false, start: '22:00', end: '08:00' },
      snoozedUntil: null,
      upvoteAlert: { enabled: false, threshold: 50 },
      watchlist: [],
      watchlistFirst: false,
      badgeMode: 'unread',
      markReadOn: 'open',
      endpoint: null,
      saveMode: 'pdf',
      digest: {
        daily: { enabled: false, time: '09:00' },
        weekly: { enabled: false, weekday: 1, time: '09:00' },
        topCount: 5,
        only: false,
      },
      archive: { enabled: false },
    });
  });

  it('keeps every valid field', () => {
    const stored: Settings = {
      refreshMinutes: 60,
      notificationsEnabled: false,
      quietHours: { enabled: true, start: '23:15', end: '07:45' },
      snoozedUntil: 1_772_900_000_000,
      upvoteAlert: { enabled: true, threshold: 120 },
      watchlist: [
        { kind: 'keyword', value: 'diffusion' },
        { kind: 'author', value: 'Yann LeCun' },
        { kind: 'organization', value: 'Ai2' },
      ],
      watchlistFirst: true,
      badgeMode: 'watchlist',
      markReadOn: 'explicit',
      endpoint: 'https://hf-mirror.example/api-root',
      saveMode: 'abstract',
      digest: {
        daily: { enabled: true, time: '07:30' },
        weekly: { enabled: true, weekday: 0, time: '18:05' },
        topCount: 10,
        only: true,
      },
      archive: { enabled: true },
    };

    expect(normalizeSettings(stored)).toEqual(stored);
  });

  it.each([undefined, null, 'yes', { enabled: 'true' }, { enabled: 1 }, [true]])(
    'keeps the archive download off for %j',
    (archive) => {
      expect(normalizeSettings({ archive }).archive).toEqual({ enabled: false });
    },
  );

  it('gives each broken digest field its default and keeps the rest', () => {
    const digest = normalizeSettings({
      saveMode: 'everything',
      digest: { daily: { enabled: 'yes', time: '25:00' }, weekly: { enabled: true, weekday: 9 }, topCount: 0, only: 1 },
    });

    expect(digest.saveMode).toBe('pdf');
    expect(digest.digest).toEqual({
      daily: { enabled: false, time: '09:00' },
      weekly: { enabled: true, weekday: 6, time: '09:00' },
      topCount: 1,
      only: false,
    });
  });

  it('is idempotent', () => {
    const once = normalizeSettings({ refreshMinutes: '7', watchlist: [{ kind: 'keyword', value: '  LLM ' }] });

    expect(normalizeSettings(once)).toEqual(once);
  });

  it('replaces only the fields that do not fit', () => {
    const stored = {
      refreshMinutes: 45,
      notificationsEnabled: 'yes',
      quietHours: { enabled: true, start: '7:00', end: '06:30' },
      snoozedUntil: 'tomorrow',
      upvoteAlert: { enabled: 1, threshold: 75 },
      watchlist: 'diffusion',
      watchlistFirst: true,
      badgeMode: 'sparkles',
      markReadOn: 'never',
      endpoint: 'javascript:alert(1)',
    };

    expect(normalizeSettings(stored)).toEqual({
      ...DEFAULT_SETTINGS,
      refreshMinutes: 45,
      quietHours: { enabled: true, start: '22:00', end: '06:30' },
      upvoteAlert: { enabled: false, threshold: 75 },
      watchlistFirst: true,
    });
  });

  it('completes settings stored before a field existed', () => {
    expect(normalizeSettings({ refreshMinutes: 120 })).toEqual({ ...DEFAULT_SETTINGS, refreshMinutes: 120 });
  });

  it.each([
    [0, REFRESH_MINUTES_MIN],
    [1, 15],
    [14, 15],
    [15, 15],
    [29.6, 30],
    [1440, 1440],
    [1441, REFRESH_MINUTES_MAX],
    [100_000, 1440],
    [-30, 15],
    ['60', 60],
  ])('clamps a refresh interval of %j minutes to %i (15 min to a day)', (refreshMinutes, expected) => {
    expect(normalizeSettings({ refreshMinutes }).refreshMinutes).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity, 'often', '', '   ', null, true, {}])(
    'falls back to the default interval for %j',
    (refreshMinutes) => {
      expect(normalizeSettings({ refreshMinutes }).refreshMinutes).toBe(DEFAULT_SETTINGS.refreshMinutes);
    },
  );

  it.each([
    [0, 1],
    [1, 1],
    [250, 250],
    [1e9, 100_000],
    ['', 50],
    ['lots', 50],
  ])('keeps an upvote threshold of %j within 1..100000 (%j)', (threshold, expected) => {
    expect(normalizeSettings({ upvoteAlert: { enabled: true, threshold } }).upvoteAlert.threshold).toBe(expected);
  });

  it.each(['unread', 'watchlist', 'dot', 'none'] as const)('keeps the badge mode %j', (badgeMode) => {
    expect(normalizeSettings({ badgeMode }).badgeMode).toBe(badgeMode);
  });

  it.each([
    [0, 0],
    [1_772_900_000_000, 1_772_900_000_000],
    [NaN, null],
    [Infinity, null],
    ['1772900000000', null],
  ])('keeps a snooze end of %j as %j', (snoozedUntil, expected) => {
    expect(normalizeSettings({ snoozedUntil }).snoozedUntil).toBe(expected);
  });

  it('normalizes the endpoint it keeps', () => {
    expect(normalizeSettings({ endpoint: 'https://hf-mirror.example/' }).endpoint).toBe('https://hf-mirror.example');
  });
});

describe('normalizeWatchlist', () => {
  it.each([undefined, null, 'diffusion', 42, { kind: 'keyword', value: 'x' }])('reads %j as an empty list', (value) => {
    expect(normalizeWatchlist(value)).toEqual([]);
  });

  it('trims values and collapses inner whitespace', () => {
    const actual = normalizeWatchlist([{ kind: 'author', value: '  Yann \n LeCun\t' }]);

    expect(actual).toEqual([{ kind: 'author', value: 'Yann LeCun' }]);
  });

  it('drops entries of an unknown kind, without a string value, or blank', () => {
    const actual = normalizeWatchlist([
      { kind: 'keyword', value: 'diffusion' },
      { kind: 'venue', value: 'NeurIPS' },
      { kind: 'keyword', value: 42 },
      { kind: 'keyword' },
      { kind: 'author', value: '   ' },
      'LLM',
      null,
      ['keyword', 'LLM'],
      { value: 'no kind' },
    ]);

    expect(actual).toEqual([{ kind: 'keyword', value: 'diffusion' }]);
  });

  it('drops duplicates case-insensitively, keeping the first spelling', () => {
    const actual = normalizeWatchlist([
      { kind: 'keyword', value: 'LLM' },
      { kind: 'keyword', value: 'llm' },
      { kind: 'keyword', value: ' LLM ' },
      { kind: 'author', value: 'Yann LeCun' },
      { kind: 'author', value: 'yann  lecun' },
    ]);

    expect(actual).toEqual([
      { kind: 'keyword', value: 'LLM' },
      { kind: 'author', value: 'Yann LeCun' },
    ]);
  });

  it('keeps the same text under different kinds', () => {
    const actual = normalizeWatchlist([
      { kind: 'keyword', value: 'Qwen' },
      { kind: 'organization', value: 'Qwen' },
    ]);

    expect(actual).toHaveLength(2);
  });

  it('keeps only the fields it knows', () => {
    const actual = normalizeWatchlist([{ kind: 'keyword', value: 'RL', color: 'red' }]);

    expect(actual).toEqual([{ kind: 'keyword', value: 'RL' }]);
  });

  it('cuts a value at 200 characters', () => {
    const actual = normalizeWatchlist([{ kind: 'keyword', value: 'x'.repeat(500) }]);

    expect(actual[0]?.value).toHaveLength(200);
  });

  it(`keeps at most ${WATCHLIST_MAX} entries`, () => {
    const many = Array.from({ length: WATCHLIST_MAX + 50 }, (_, index) => ({ kind: 'keyword', value: `k${index}` }));

    const actual = normalizeWatchlist(many);

    expect(actual).toHaveLength(WATCHLIST_MAX);
    expect(actual.at(-1)).toEqual({ kind: 'keyword', value: `k${WATCHLIST_MAX - 1}` });
  });
});

describe('normalizeEndpoint', () => {
  it.each([
    ['https://huggingface.co', 'https://huggingface.co'],
    ['https://huggingface.co/', 'https://huggingface.co'],
    ['https://hf-mirror.example///', 'https://hf-mirror.example'],
    ['  https://hf-mirror.example/  ', 'https://hf-mirror.example'],
    ['https://hf-mirror.example/hf/', 'https://hf-mirror.example/hf'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['HTTPS://HF-Mirror.Example/Path', 'https://hf-mirror.example/Path'],
    ['https://hf-mirror.example:443/', 'https://hf-mirror.example'],
  ])('accepts %j as %j', (value, expected) => {
    expect(normalizeEndpoint(value)).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://hf-mirror.example'],
    ['chrome-extension:', 'chrome-extension://abc/list.html'],
    ['a user name', 'https://user@hf-mirror.example'],
    ['credentials', 'https://user:secret@hf-mirror.example'],
    ['a query', 'https://hf-mirror.example/?token=abc'],
    ['a fragment', 'https://hf-mirror.example/#top'],
    ['no scheme', 'hf-mirror.example'],
    ['nonsense', 'not a url'],
    ['blank', '   '],
    ['empty', ''],
  ])('rejects an endpoint with %s (%j)', (_case, value) => {
    expect(normalizeEndpoint(value)).toBeNull();
  });

  it.each([null, undefined, 42, {}, ['https://huggingface.co']])('rejects %j', (value) => {
    expect(normalizeEndpoint(value)).toBeNull();
  });
});

describe('isClockTime', () => {
  it.each(['00:00', '08:00', '12:30', '23:59', '09:05'])('accepts %j', (value) => {
    expect(isClockTime(value)).toBe(true);
  });

  it.each(['24:00', '8:00', '12:60', '12:5', '12-30', '1230', ' 08:00', '08:00 ', '', '08:00:00', 800, null])(
    'rejects %j',
    (value) => {
      expect(isClockTime(value)).toBe(false);
    },
  );
});
