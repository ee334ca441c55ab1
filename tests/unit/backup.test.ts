import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Backup, createBackup, parseBackup, planRestore, type MergePlan } from '@/lib/backup';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings, type WatchEntry } from '@/lib/settings';
import type { Paper, PaperState, PdfState, SavedPaper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const T0 = Date.UTC(2026, 10, 26, 12);
const HOUR = 3_600_000;

/** A saved paper: plain defaults, `overrides` merged in. */
function makeSaved(id: string, overrides: Partial<SavedPaper> = {}, paper: Partial<Paper> = {}): SavedPaper {
  return {
    id,
    paper: makePaper({ id, title: `Paper ${id}`, ...paper }),
    savedAt: T0,
    updatedAt: T0,
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'none', updatedAt: T0 },
    ...overrides,
  };
}

function makeState(id: string, unread: 0 | 1, changedAt: number, firstSeenAt = T0 - 10 * HOUR): PaperState {
  return { id, firstSeenAt, unread, changedAt };
}

const keyword = (value: string): WatchEntry => ({ kind: 'keyword', value });

/** A valid backup's JSON with some part replaced. */
function backupText(change: Record<string, unknown> = {}): string {
  const backup = createBackup({
    states: [makeState('2611.00001', 0, T0)],
    saved: [makeSaved('2611.00001', { tags: ['rl'], note: 'Good.' })],
    settings: DEFAULT_SETTINGS,
    now: T0,
  });
  return JSON.stringify({ ...backup, ...change });
}

type Local = { states: PaperState[]; saved: SavedPaper[]; settings: Settings };

/** Local state after writing a plan, as the library page would. */
function applyPlan(local: Local, plan: MergePlan): Local {
  const states = new Map(local.states.map((state) => [state.id, state]));
  for (const state of plan.states) states.set(state.id, state);
  const saved = new Map(local.saved.map((record) => [record.id, record]));
  for (const record of plan.saved) saved.set(record.id, record);
  return {
    states: [...states.values()],
    saved: [...saved.values()],
    settings: plan.report.settingsChanged ? plan.settings : local.settings,
  };
}

const EMPTY: Local = { states: [], saved: [], settings: DEFAULT_SETTINGS };

describe('createBackup and parseBackup', () => {
  it('round-trip: what a backup holds reads back the same from its file', () => {
    const backup = createBackup({
      states: [makeState('2611.00001', 0, T0), makeState('2611.00002', 1, T0 - HOUR)],
      saved: [
        makeSaved(
          '2611.00001',
          {
            tags: ['rl', 'agents'],
            note: 'Line one\nLine two "quoted" {}',
            pdf: { state: 'stored', bytes: 5, updatedAt: T0 },
          },
          {
            authors: ['Jörg Müller'],
            githubRepo: 'https://github.com/a/b',
            githubStars: 12,
            publishedAt: '2026-11-20T00:00:00.000Z',
            aiSummary: 'Summary',
            aiKeywords: ['rl'],
            organization: 'Lab',
          },
        ),
        makeSaved('2611.00003', { removedAt: T0 + HOUR, updatedAt: T0 + HOUR }),
      ],
      settings: { ...DEFAULT_SETTINGS, watchlist: [keyword('diffusion')], refreshMinutes: 60 },
      now: T0,
    });

    const actual = parseBackup(JSON.stringify(backup));

    expect(actual).toEqual({ ok: true, backup });
  });

  it('keeps all user state and no PDF', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, watchlist: [{ kind: 'author', value: 'Ada Lovelace' }] };

    const actual = createBackup({
      states: [makeState('a', 0, T0)],
      saved: [makeSaved('a', { tags: ['t'], note: 'n', pdf: { state: 'stored', bytes: 9, updatedAt: 1 } })],
      settings,
      now: T0 + 5,
    });

    expect(actual).toEqual({
      format: 'paperboy-backup',
      version: 1,
      exportedAt: T0 + 5,
      states: [makeState('a', 0, T0)],
      saved: [makeSaved('a', { tags: ['t'], note: 'n', pdf: { state: 'none', updatedAt: T0 } })],
      settings,
    });
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(parseBackup(`\uFEFF${backupText()}`).ok).toBe(true);
  });

  it.each([
    ['text that is not JSON', 'hello', 'This file is not a Paperboy backup: it is not valid JSON.'],
    ['an empty file', '', 'This file is not a Paperboy backup: it is not valid JSON.'],
    ['a JSON list', '[1, 2]', 'This file is not a Paperboy backup.'],
    ['JSON without the format', '{"version": 1}', 'This file is not a Paperboy backup.'],
    ['another format', backupText({ format: 'zotero' }), 'This file is not a Paperboy backup.'],
    [
      'a newer version',
      backupText({ version: 2 }),
      'This backup was made by a newer Paperboy (backup version 2). Update Paperboy, then restore it again.',
    ],
    ['no version', backupText({ version: undefined }), 'This backup is damaged: its version is missing.'],
    ['a version that is text', backupText({ version: '1' }), 'This backup is damaged: its version is missing.'],
    ['no date', backupText({ exportedAt: 'yesterday' }), 'This backup is damaged: its date is missing.'],
    [
      'read states that are no list',
      backupText({ states: {} }),
      'This backup is damaged: the list of read states is missing.',
    ],
    [
      'saved papers that are no list',
      backupText({ saved: 'none' }),
      'This backup is damaged: the list of saved papers is missing.',
    ],
    ['no settings', backupText({ settings: null }), 'This backup is damaged: the settings are missing.'],
    [
      'a read state that is no record',
      backupText({ states: [makeState('a', 0, T0), 7] }),
      'This backup is damaged: read state 2 is not valid (it is not a record).',
    ],
    [
      'a read state with a wrong flag',
      backupText({ states: [{ ...makeState('a', 0, T0), unread: true }] }),
      'This backup is damaged: read state 1 (a) is not valid ("unread" must be 0 or 1).',
    ],
    [
      'a read state without an id',
      backupText({ states: [{ ...makeState('a', 0, T0), id: '' }] }),
      'This backup is damaged: read state 1 is not valid ("id" must be text).',
    ],
    [
      'a read state with a time that is text',
      backupText({ states: [{ ...makeState('a', 0, T0), changedAt: '2026-11-26' }] }),
      'This backup is damaged: read state 1 (a) is not valid ("changedAt" must be a time).',
    ],
    [
      'a saved paper with tags that are not text',
      backupText({ saved: [makeSaved('a'), { ...makeSaved('b'), tags: ['x', 3] }] }),
      'This backup is damaged: saved paper 2 (b) is not valid ("tags" must be a list of text).',
    ],
    [
      'a saved paper with a note that is no text',
      backupText({ saved: [{ ...makeSaved('b'), note: { text: 'x' } }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("note" must be text).',
    ],
    [
      'a saved paper without a snapshot',
      backupText({ saved: [{ ...makeSaved('b'), paper: null }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("paper" must be a record).',
    ],
    [
      'a saved paper whose snapshot has no title',
      backupText({ saved: [{ ...makeSaved('b'), paper: { ...makePaper({ id: 'b' }), title: null } }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("paper.title" must be text).',
    ],
    [
      'a saved paper whose snapshot has a bad day',
      backupText({ saved: [{ ...makeSaved('b'), paper: { ...makePaper({ id: 'b' }), feedDay: '2026-02-30' } }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("paper.feedDay" must be a day (YYYY-MM-DD)).',
    ],
    [
      'a saved paper whose snapshot is of another paper',
      backupText({ saved: [{ ...makeSaved('b'), paper: makePaper({ id: 'c' }) }] }),
      'This backup is damaged: saved paper 1 (b) is not valid (its paper snapshot is of another paper).',
    ],
    [
      'a saved paper with authors that are no list',
      backupText({ saved: [{ ...makeSaved('b'), paper: { ...makePaper({ id: 'b' }), authors: 'Ada' } }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("paper.authors" must be a list of text).',
    ],
    [
      'a saved paper with a bad removal time',
      backupText({ saved: [{ ...makeSaved('b'), removedAt: 'never' }] }),
      'This backup is damaged: saved paper 1 (b) is not valid ("removedAt" must be a time or null).',
    ],
    [
      'a read state given twice',
      backupText({ states: [makeState('a', 0, T0), makeState('a', 1, T0)] }),
      'This backup is damaged: read state a appears twice.',
    ],
    [
      'a saved paper given twice',
      backupText({ saved: [makeSaved('b'), makeSaved('b')] }),
      'This backup is damaged: saved paper b appears twice.',
    ],
  ])('refuses %s with a clear message', (_case, text, expected) => {
    const actual = parseBackup(text);

    expect(actual).toEqual({ ok: false, error: expected });
  });

  it('takes defaults for missing optional fields, and drops links that are not http(s)', () => {
    const record = {
      id: 'b',
      savedAt: T0,
      updatedAt: T0,
      paper: {
        id: 'b',
        title: 'Minimal',
        feedDay: '2026-11-26',
        githubRepo: 'javascript:alert(1)',
        projectPage: 'https://example.org/',
      },
    };

    const actual = parseBackup(backupText({ saved: [record] }));

    expect(actual.ok && actual.backup.saved).toEqual([
      {
        id: 'b',
        paper: makePaper({
          id: 'b',
          title: 'Minimal',
          feedDay: '2026-11-26',
          githubRepo: null,
          projectPage: 'https://example.org/',
        }),
        savedAt: T0,
        updatedAt: T0,
        removedAt: null,
        tags: [],
        note: '',
        pdf: { state: 'none', updatedAt: T0 },
      },
    ]);
  });

  it('puts the settings through normalizeSettings and leaves unknown fields out of the records', () => {
    const actual = parseBackup(
      backupText({
        settings: { refreshMinutes: 'often', badgeMode: 'dot', watchlist: [keyword(' llm '), keyword('LLM')] },
        states: [{ ...makeState('a', 1, T0), extra: '<script>' }],
      }),
    );

    expect(actual.ok && actual.backup.settings).toEqual({
      ...DEFAULT_SETTINGS,
      badgeMode: 'dot',
      watchlist: [keyword('llm')],
    });
    expect(actual.ok && actual.backup.states).toEqual([makeState('a', 1, T0)]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        const actual = parseBackup(text);

        expect(typeof actual.ok).toBe('boolean');
      }),
    );
  });

  it('never throws on a file that looks right but holds anything, and gives a result or a message', () => {
    const anything = fc.anything({ withNullPrototype: false, maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.record(
          {
            version: fc.oneof(fc.constant(1), anything),
            exportedAt: fc.oneof(fc.constant(T0), anything),
            states: fc.oneof(fc.array(fc.oneof(fc.constant(makeState('a', 0, T0)), anything)), anything),
            saved: fc.oneof(fc.array(fc.oneof(fc.constant(makeSaved('b')), anything)), anything),
            settings: fc.oneof(fc.constant(DEFAULT_SETTINGS), anything),
          },
          { requiredKeys: [] },
        ),
        (parts) => {
          const actual = parseBackup(JSON.stringify({ format: 'paperboy-backup', ...parts }));

          if (actual.ok) expect(actual.backup.format).toBe('paperboy-backup');
          else expect(actual.error).toMatch(/^This (backup|file) /);
        },
      ),
    );
  });
});

describe('planRestore', () => {
  const backupOf = (parts: Partial<Local>): Backup =>
    createBackup({ states: [], saved: [], settings: DEFAULT_SETTINGS, now: T0, ...parts });

  describe('read state', () => {
    it.each([
      ['the newer backup change', makeState('a', 1, T0), makeState('a', 0, T0 + 1), true],
      ['no older backup change', makeState('a', 1, T0 + 1), makeState('a', 0, T0), false],
      ['read on a tie', makeState('a', 1, T0), makeState('a', 0, T0), true],
      ['no unread on a tie', makeState('a', 0, T0), makeState('a', 1, T0), false],
      ['nothing when both agree', makeState('a', 0, T0), makeState('a', 0, T0), false],
    ])('takes %s', (_case, mine, theirs, taken) => {
      const actual = planRestore({ ...EMPTY, states: [mine] }, backupOf({ states: [theirs] }));

      expect(actual.states).toEqual(taken ? [theirs] : []);
      expect(actual.report.statesChanged).toBe(taken ? 1 : 0);
    });

    it('adds the states of papers this browser has not seen', () => {
      const theirs = makeState('new', 0, T0);

      const actual = planRestore(EMPTY, backupOf({ states: [theirs] }));

      expect(actual.states).toEqual([theirs]);
    });
  });

  describe('saved papers', () => {
    it('takes the newer record with its tags, note and snapshot, keeping the stored PDF here', () => {
      const stored = { state: 'stored' as const, bytes: 1234, updatedAt: T0 };
      const mine = makeSaved('a', { tags: ['old'], note: 'old', pdf: stored });
      const theirs = makeSaved('a', { updatedAt: T0 + HOUR, tags: ['new'], note: 'new' }, { upvotes: 99 });

      const actual = planRestore({ ...EMPTY, saved: [mine] }, backupOf({ saved: [theirs] }));

      expect(actual.saved).toEqual([{ ...theirs, pdf: stored }]);
      expect(actual.report).toMatchObject({ savedAdded: 0, savedUpdated: 1 });
    });

    it('keeps the local record when it is as new or newer', () => {
      const mine = makeSaved('a', { updatedAt: T0 + HOUR, note: 'mine' });
      const theirs = makeSaved('a', { updatedAt: T0 + HOUR, note: 'theirs' });
      const older = makeSaved('b', { updatedAt: T0 - HOUR, note: 'older' });

      const actual = planRestore({ ...EMPTY, saved: [mine, makeSaved('b')] }, backupOf({ saved: [theirs, older] }));

      expect(actual.saved).toEqual([]);
      expect(actual.report).toMatchObject({ savedAdded: 0, savedUpdated: 0 });
    });

    it('removes a paper the backup removed later, and keeps one removed here later', () => {
      const removedThere = makeSaved('a', { updatedAt: T0 + HOUR, removedAt: T0 + HOUR });
      const removedHere = makeSaved('b', { updatedAt: T0 + HOUR, removedAt: T0 + HOUR });

      const actual = planRestore(
        { ...EMPTY, saved: [makeSaved('a'), removedHere] },
        backupOf({ saved: [removedThere, makeSaved('b')] }),
      );

      expect(actual.saved).toEqual([removedThere]);
      expect(actual.report).toMatchObject({ savedAdded: 0, savedUpdated: 1 });
    });

    it('brings back a paper saved again after it was removed here', () => {
      const mine = makeSaved('a', { updatedAt: T0, removedAt: T0 });
      const theirs = makeSaved('a', { updatedAt: T0 + HOUR, savedAt: T0 + HOUR, note: 'again' });

      const actual = planRestore({ ...EMPTY, saved: [mine] }, backupOf({ saved: [theirs] }));

      expect(actual.saved).toEqual([theirs]);
      expect(actual.report).toMatchObject({ savedAdded: 1, savedUpdated: 0 });
    });

    it('adds papers new here with no PDF, and records tombstones without counting them', () => {
      const theirs = makeSaved('a', { tags: ['x'], note: 'n' });
      const tombstone = makeSaved('gone', { removedAt: T0 });

      const actual = planRestore(EMPTY, backupOf({ saved: [theirs, tombstone] }));

      expect(actual.saved).toEqual([
        { ...theirs, pdf: { state: 'none', updatedAt: T0 } },
        { ...tombstone, pdf: { state: 'none', updatedAt: T0 } },
      ]);
      expect(actual.report).toMatchObject({ savedAdded: 1, savedUpdated: 0 });
    });

    it('gives a paper new here no PDF even when the backup says it had one', () => {
      const backup = backupOf({ saved: [makeSaved('a')] });
      backup.saved[0]!.pdf = { state: 'stored', bytes: 10, updatedAt: T0 };

      const actual = planRestore(EMPTY, backup);

      expect(actual.saved[0]?.pdf).toEqual({ state: 'none', updatedAt: T0 });
    });
  });

  describe('settings', () => {
    it('joins the watchlists and takes the other fields from the backup', () => {
      const mine: Settings = {
        ...DEFAULT_SETTINGS,
        watchlist: [keyword('LLM'), keyword('robotics')],
        badgeMode: 'dot',
        refreshMinutes: 15,
      };
      const theirs: Settings = {
        ...DEFAULT_SETTINGS,
        watchlist: [keyword('llm'), keyword('diffusion')],
        badgeMode: 'none',
        refreshMinutes: 120,
      };

      const actual = planRestore({ ...EMPTY, settings: mine }, backupOf({ settings: theirs }));

      expect(actual.settings).toEqual({
        ...theirs,
        watchlist: [keyword('LLM'), keyword('robotics'), keyword('diffusion')],
      });
      expect(actual.report.settingsChanged).toBe(true);
    });

    it('keeps the settings that belong to this browser: mirror endpoint, snooze, archive download', () => {
      const mine: Settings = { ...DEFAULT_SETTINGS, endpoint: null, snoozedUntil: null, archive: { enabled: false } };
      const theirs: Settings = {
        ...DEFAULT_SETTINGS,
        endpoint: 'https://hf-mirror.example',
        snoozedUntil: T0 + HOUR,
        archive: { enabled: true },
      };

      const actual = planRestore({ ...EMPTY, settings: mine }, backupOf({ settings: theirs }));

      expect(actual.settings).toEqual(mine);
      expect(actual.report.settingsChanged).toBe(false);
    });
  });

  it('restores everything into an empty profile', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, watchlist: [keyword('agents')], markReadOn: 'explicit' };
    const states = [makeState('a', 0, T0), makeState('b', 1, T0)];
    const saved = [makeSaved('a', { tags: ['t'], note: 'n' }), makeSaved('c', { note: 'kept' })];

    const actual = planRestore(EMPTY, backupOf({ states, saved, settings }));

    expect(actual).toEqual({
      states,
      saved,
      settings,
      report: { statesChanged: 2, savedAdded: 2, savedUpdated: 0, settingsChanged: true },
    });
  });

  it('plans nothing when restoring the same backup a second time', () => {
    const local: Local = {
      states: [makeState('a', 1, T0)],
      saved: [makeSaved('a', { pdf: { state: 'stored', bytes: 1, updatedAt: T0 } })],
      settings: { ...DEFAULT_SETTINGS, watchlist: [keyword('x')] },
    };
    const backup = backupOf({
      states: [makeState('a', 0, T0 + 1), makeState('b', 0, T0)],
      saved: [makeSaved('a', { updatedAt: T0 + 1, note: 'n' }), makeSaved('b')],
      settings: { ...DEFAULT_SETTINGS, watchlist: [keyword('y')], badgeMode: 'none' },
    });

    const once = applyPlan(local, planRestore(local, backup));
    const actual = planRestore(once, backup);

    expect(actual.states).toEqual([]);
    expect(actual.saved).toEqual([]);
    expect(actual.report).toEqual({ statesChanged: 0, savedAdded: 0, savedUpdated: 0, settingsChanged: false });
    expect(once.saved.find((record) => record.id === 'a')?.pdf.state).toBe('stored');
  });

  it('is idempotent for any local state and backup', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const time = fc.integer({ min: 0, max: 4 }).map((n) => T0 + n * HOUR);
    const state: fc.Arbitrary<PaperState> = fc.record({
      id,
      firstSeenAt: time,
      unread: fc.constantFrom<0 | 1>(0, 1),
      changedAt: time,
    });
    const pdfState = fc.constantFrom<PdfState>('none', 'downloading', 'stored', 'failed', 'skipped');
    const saved: fc.Arbitrary<SavedPaper> = fc
      .record({
        id,
        updatedAt: time,
        removedAt: fc.option(time, { nil: null }),
        tags: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 2 }),
        note: fc.string({ maxLength: 5 }),
        pdf: pdfState,
      })
      .map((record) => makeSaved(record.id, { ...record, pdf: { state: record.pdf, updatedAt: record.updatedAt } }));
    const settings: fc.Arbitrary<Settings> = fc
      .record({
        watchlist: fc.array(fc.constantFrom('a', 'A', 'b', 'c').map(keyword), { maxLength: 3 }),
        badgeMode: fc.constantFrom('unread', 'dot'),
        refreshMinutes: fc.constantFrom(15, 30),
        endpoint: fc.constantFrom(null, 'https://mirror.example'),
      })
      .map((value) => normalizeSettings({ ...DEFAULT_SETTINGS, ...value }));
    const side = fc.record({
      states: fc.array(state, { maxLength: 5 }),
      saved: fc.array(saved, { maxLength: 5 }),
      settings,
    });
    const unique = <T extends { id: string }>(records: T[]): T[] => [
      ...new Map(records.map((record) => [record.id, record])).values(),
    ];

    fc.assert(
      fc.property(side, side, (mine, theirs) => {
        const local = { ...mine, states: unique(mine.states), saved: unique(mine.saved) };
        const parsed = parseBackup(
          JSON.stringify(
            createBackup({
              states: unique(theirs.states),
              saved: unique(theirs.saved),
              settings: theirs.settings,
              now: T0,
            }),
          ),
        );
        if (!parsed.ok) throw new Error(parsed.error);

        const once = applyPlan(local, planRestore(local, parsed.backup));
        const actual = planRestore(once, parsed.backup);

        expect(actual.states).toEqual([]);
        expect(actual.saved).toEqual([]);
        expect(actual.report.settingsChanged).toBe(false);
      }),
    );
  });
});
