import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryView, ReaderView, type LibraryViewProps } from '@/components/LibraryView';
import { OptionsView } from '@/components/OptionsView';
import { PaperCard } from '@/components/PaperCard';
import { EXPORT_FORMATS } from '@/lib/export';
import {
  backupFileName,
  cleanNote,
  describePdfState,
  describeRestoreReport,
  describeSaveFailure,
  libraryTags,
  listLibrary,
  parseTags,
  TAGS_MAX,
  type LibraryQuery,
} from '@/lib/library-view';
import { percent } from '@/lib/units';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { Paper, SavedPaper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');

function saved(
  id: string,
  overrides: Omit<Partial<SavedPaper>, 'paper'> & { paper?: Partial<Paper> } = {},
): SavedPaper {
  const { paper, ...rest } = overrides;
  return {
    id,
    paper: makePaper({ id, title: `Paper ${id}`, ...paper }),
    savedAt: T0,
    updatedAt: T0,
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'stored', bytes: 1000, updatedAt: T0 },
    ...rest,
  };
}

const ALL: LibraryQuery = { text: '', tag: null, sort: 'saved-newest' };

const library = [
  saved('a', {
    savedAt: T0 + 1 * DAY,
    tags: ['RL', 'to read'],
    paper: { title: 'Zebra policies', upvotes: 5, publishedAt: '2026-02-01T00:00:00.000Z', authors: ['Zoë Ng'] },
  }),
  saved('b', {
    savedAt: T0 + 3 * DAY,
    note: 'Compare with the diffusion baseline',
    paper: { title: 'apple transformers', upvotes: 50, publishedAt: '2025-12-01T00:00:00.000Z' },
  }),
  saved('c', {
    savedAt: T0 + 2 * DAY,
    tags: ['rl'],
    paper: { title: 'Mango RL', upvotes: 20, publishedAt: '2026-02-20T00:00:00.000Z', aiKeywords: ['reward'] },
  }),
  saved('gone', { savedAt: T0 + 4 * DAY, removedAt: T0 + 5 * DAY, tags: ['rl'] }),
];

const ids = (records: SavedPaper[]): string[] => records.map((record) => record.id);

describe('listLibrary', () => {
  it('lists every saved paper newest saved first, leaving removed ones out', () => {
    expect(ids(listLibrary(library, ALL))).toEqual(['b', 'c', 'a']);
  });

  it.each([
    ['saved-oldest', ['a', 'c', 'b']],
    ['published-newest', ['c', 'a', 'b']],
    ['upvotes', ['b', 'c', 'a']],
    ['title', ['b', 'c', 'a']],
  ] as const)('sorts by %s', (sort, expected) => {
    expect(ids(listLibrary(library, { ...ALL, sort }))).toEqual(expected);
  });

  it.each([
    ['a word of the title, any case', 'ZEBRA', ['a']],
    ['an author without accents', 'zoe', ['a']],
    ['a word of the note', 'diffusion', ['b']],
    ['a tag', 'to read', ['a']],
    ['an AI keyword', 'reward', ['c']],
    ['every word, anywhere', 'mango reward', ['c']],
    ['words that never meet', 'zebra diffusion', []],
    ['blank text: everything', '   ', ['b', 'c', 'a']],
  ])('searches %s', (_name, text, expected) => {
    expect(ids(listLibrary(library, { ...ALL, text }))).toEqual(expected);
  });

  it('filters by tag, whatever its case', () => {
    expect(ids(listLibrary(library, { ...ALL, tag: 'rl' }))).toEqual(['c', 'a']);
  });

  it('does not reorder the list it was given', () => {
    const copy = [...library];
    listLibrary(copy, { ...ALL, sort: 'title' });
    expect(copy).toEqual(library);
  });
});

describe('libraryTags', () => {
  it('counts each tag once per paper, case-insensitively, A–Z, removed papers left out', () => {
    expect(libraryTags(library)).toEqual([
      { tag: 'RL', count: 2 },
      { tag: 'to read', count: 1 },
    ]);
  });
});

describe('parseTags and cleanNote', () => {
  it('splits, trims and de-duplicates tags in order', () => {
    expect(parseTags(' rl, Vision ,rl,,\n  to   read ')).toEqual(['rl', 'Vision', 'to read']);
  });

  it('drops control and bidi characters, and caps tag length and count', () => {
    const many = Array.from({ length: 30 }, (_, index) => `t${index}`).join(',');

    expect(parseTags('ev\u202eil, \u0000x')).toEqual(['evil', 'x']);
    expect(parseTags('x'.repeat(100))[0]).toHaveLength(40);
    expect(parseTags(many)).toHaveLength(TAGS_MAX);
  });

  it('keeps a note’s line breaks but not its hidden characters', () => {
    expect(cleanNote('line 1\r\nline\u202e 2\u0007')).toBe('line 1\nline 2');
  });
});

describe('describePdfState', () => {
  it.each([
    [{ state: 'stored', bytes: 1_258_291, updatedAt: 0 }, undefined, 'PDF stored (1.2 MB)'],
    [{ state: 'downloading', updatedAt: 0 }, undefined, 'Downloading the PDF…'],
    [{ state: 'downloading', updatedAt: 0 }, { received: 512, total: 1024 }, 'Downloading the PDF… 50%'],
    [{ state: 'downloading', updatedAt: 0 }, { received: 2048, total: null }, 'Downloading the PDF… 2 KB'],
    [{ state: 'skipped', updatedAt: 0 }, undefined, 'Abstract only (no PDF kept)'],
    [{ state: 'none', updatedAt: 0 }, undefined, 'The PDF is not stored on this device'],
    [{ state: 'failed', updatedAt: 0, failure: { kind: 'offline' } }, undefined, 'Could not reach arXiv (offline?).'],
  ] as const)('%j → %s', (pdf, progress, expected) => {
    expect(describePdfState(pdf, progress)).toBe(expected);
  });

  it('never shows 100% before the end', () => {
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('describeSaveFailure', () => {
  it.each([
    [
      'lookup',
      { kind: 'bad-response', status: 404 },
      'Hugging Face does not know this paper (it may not be indexed yet).',
    ],
    ['lookup', { kind: 'offline' }, 'Could not reach Hugging Face to look the paper up (offline?).'],
    [
      'store',
      { kind: 'quota' },
      'The browser is out of storage space: nothing stored was lost. Free some space and try again.',
    ],
  ] as const)('%s %j → %s', (stage, failure, expected) => {
    expect(describeSaveFailure(stage, failure)).toBe(expected);
  });
});

describe('describeRestoreReport', () => {
  it('says what changed', () => {
    expect(describeRestoreReport({ savedAdded: 1, savedUpdated: 2, statesChanged: 12, settingsChanged: true })).toBe(
      'Restored: 1 paper added to the library, 2 saved papers updated, 12 read states restored, settings restored.',
    );
  });

  it('says when there was nothing to do', () => {
    expect(describeRestoreReport({ savedAdded: 0, savedUpdated: 0, statesChanged: 0, settingsChanged: false })).toBe(
      'Nothing to restore: this browser already has everything in the backup.',
    );
  });
});

describe('backupFileName', () => {
  it('is dated in local time', () => {
    const now = new Date(2026, 10, 26, 23, 30).getTime();
    expect(backupFileName(now)).toBe('paperboy-backup-2026-11-26.json');
  });
});

// The components, rendered with plain data and queried as a user finds things.
afterEach(cleanup);

const HOSTILE = '<img src=x onerror="alert(1)"> & "quotes"';

function renderLibrary(overrides: Partial<LibraryViewProps> = {}): LibraryViewProps {
  const props: LibraryViewProps = {
    papers: listLibrary(library, ALL),
    total: 3,
    query: ALL,
    onQuery: vi.fn(),
    tags: libraryTags(library),
    selected: new Set(),
    onSelect: vi.fn(),
    onSelectAll: vi.fn(),
    progress: {},
    missingPdfs: new Set(),
    endpoint: 'https://huggingface.co',
    readerUrl: (id) => `chrome-extension://x/reader.html?id=${id}`,
    onRemove: vi.fn(),
    removed: null,
    onUndo: vi.fn(),
    onFetchPdf: vi.fn(),
    onSaveTags: vi.fn(),
    onSaveNote: vi.fn(),
    formats: EXPORT_FORMATS,
    onExport: vi.fn(),
    onBackup: vi.fn(),
    onRestore: vi.fn(),
    restoring: false,
    message: null,
    failure: null,
    storage: { usage: 3 * 1024 * 1024, quota: null },
    now: T0,
    ...overrides,
  };
  render(<LibraryView {...props} />);
  return props;
}

describe('LibraryView', () => {
  it('shows each saved paper with its PDF state and the space used', () => {
    renderLibrary({
      papers: [
        saved('s', { paper: { title: 'Stored' } }),
        saved('d', { paper: { title: 'Downloading' }, pdf: { state: 'downloading', updatedAt: 0 } }),
        saved('f', {
          paper: { title: 'Failed' },
          pdf: { state: 'failed', updatedAt: 0, failure: { kind: 'offline' } },
        }),
        saved('k', { paper: { title: 'Skipped' }, pdf: { state: 'skipped', updatedAt: 0 } }),
        saved('m', { paper: { title: 'Missing' } }),
      ],
      total: 5,
      progress: { d: { received: 300, total: 1000 } },
      missingPdfs: new Set(['m']),
    });

    const card = (title: string) => within(screen.getByRole('article', { name: title }));
    expect(screen.getByText('5 saved papers · 3 MB used on this device')).toBeTruthy();
    expect(card('Stored').getByRole('link', { name: 'Open PDF' }).getAttribute('href')).toBe(
      'chrome-extension://x/reader.html?id=s',
    );
    expect(card('Downloading').getByText('Downloading the PDF… 30%')).toBeTruthy();
    expect(card('Downloading').getByRole('progressbar', { name: 'PDF download' })).toBeTruthy();
    expect(card('Failed').getByText('Could not reach arXiv (offline?).')).toBeTruthy();
    expect(card('Failed').getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(card('Skipped').getByRole('button', { name: 'Fetch the PDF' })).toBeTruthy();
    expect(card('Missing').getByText('The PDF is missing from this device')).toBeTruthy();
    expect(card('Missing').queryByRole('link', { name: 'Open PDF' })).toBeNull();
    expect(card('Missing').getByRole('button', { name: 'Fetch again' })).toBeTruthy();
  });

  it('renders hostile titles, tags and notes as text', () => {
    renderLibrary({ papers: [saved('h', { paper: { title: HOSTILE }, tags: [HOSTILE], note: HOSTILE })], total: 1 });

    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(HOSTILE);
    expect(screen.getByLabelText('Note')).toHaveProperty('value', HOSTILE);
    expect(document.querySelector('img')).toBeNull();
  });

  it('asks for nothing when removing, and offers "Undo"', () => {
    const props = renderLibrary({ removed: library[0]! });

    fireEvent.click(
      within(screen.getByRole('article', { name: 'apple transformers' })).getByRole('button', { name: 'Remove' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));

    expect(props.onRemove).toHaveBeenCalledWith('b');
    expect(props.onUndo).toHaveBeenCalledOnce();
    expect(screen.getByText(/Removed “Zebra policies”/)).toBeTruthy();
  });

  it('exports in the chosen format, the selection or everything', () => {
    const props = renderLibrary({ selected: new Set(['a']) });

    fireEvent.change(screen.getByLabelText('Export as'), { target: { value: 'ris' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export selected (1)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export all' }));

    expect(props.onExport).toHaveBeenNthCalledWith(1, 'ris', 'selected');
    expect(props.onExport).toHaveBeenNthCalledWith(2, 'ris', 'all');
  });

  it('offers no export of a selection while nothing is selected', () => {
    renderLibrary();
    expect(screen.getByRole('button', { name: 'Export selected (0)' })).toHaveProperty('disabled', true);
  });

  it('saves tags when the field is left, not while typing', () => {
    const props = renderLibrary();
    const tags = within(screen.getByRole('article', { name: 'Mango RL' })).getByLabelText(/Tags/);

    fireEvent.focus(tags);
    fireEvent.input(tags, { target: { value: 'rl, reward' } });
    expect(props.onSaveTags).not.toHaveBeenCalled();
    fireEvent.blur(tags);

    expect(props.onSaveTags).toHaveBeenCalledWith('c', 'rl, reward');
  });

  it('says when nothing is saved yet, and when nothing matches', () => {
    renderLibrary({ papers: [], total: 0 });
    expect(screen.getByText('Nothing saved yet.')).toBeTruthy();
    cleanup();
    renderLibrary({ papers: [], total: 3 });
    expect(screen.getByText('No saved paper matches this search.')).toBeTruthy();
  });

  it('shows a restore error as an alert and a report as a status', () => {
    renderLibrary({ message: { kind: 'error', text: 'This file is not a Paperboy backup.' } });
    expect(screen.getByRole('alert').textContent).toBe('This file is not a Paperboy backup.');
  });
});

describe('ReaderView', () => {
  const base = {
    title: 'A paper',
    pdfUrl: null,
    loading: false,
    notSaved: false,
    progress: null,
    failure: null,
    fileName: '2601.00001.pdf',
    libraryUrl: 'chrome-extension://x/library.html',
    onFetchAgain: vi.fn(),
  };

  it('shows the stored PDF in the browser’s viewer, with a download link', () => {
    render(<ReaderView {...base} pdfUrl="blob:chrome-extension://x/1" />);

    expect(screen.getByTitle('PDF: A paper').getAttribute('src')).toBe('blob:chrome-extension://x/1');
    expect(screen.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('2601.00001.pdf');
  });

  it('says the PDF is missing and offers to fetch it again', () => {
    const onFetchAgain = vi.fn();
    render(<ReaderView {...base} failure="Could not reach arXiv (offline?)." onFetchAgain={onFetchAgain} />);

    expect(screen.getByRole('alert').textContent).toBe('The PDF of this paper is not stored on this device.');
    fireEvent.click(screen.getByRole('button', { name: 'Fetch again' }));
    expect(onFetchAgain).toHaveBeenCalledOnce();
  });
});

describe('PaperCard’s save control', () => {
  const item = { paper: makePaper({ id: '2601.00001', title: 'A paper' }), unread: false, matched: [] };
  const common = { item, endpoint: 'https://huggingface.co', onOpen: vi.fn(), onSetUnread: vi.fn() };

  it('is absent without the save props (the Trending view)', () => {
    render(<PaperCard {...common} />);
    expect(screen.queryByRole('button', { name: 'Save for offline' })).toBeNull();
  });

  it('saves with one click', () => {
    const onToggleSave = vi.fn();
    render(<PaperCard {...common} saved={{ saved: false, pdf: 'none' }} onToggleSave={onToggleSave} />);

    fireEvent.click(screen.getByRole('button', { name: 'Save for offline' }));

    expect(onToggleSave).toHaveBeenCalledWith('2601.00001');
  });

  it('shows the download’s progress, then the stored PDF', () => {
    render(<PaperCard {...common} saved={{ saved: true, pdf: 'downloading', progress: 40 }} onToggleSave={vi.fn()} />);
    expect(screen.getByText('Saving the PDF… 40%')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Saving the PDF' })).toHaveProperty('value', 40);
    cleanup();

    render(
      <PaperCard
        {...common}
        saved={{ saved: true, pdf: 'stored' }}
        onToggleSave={vi.fn()}
        pdfUrl="chrome-extension://x/reader.html?id=2601.00001"
      />,
    );
    expect(screen.getByRole('button', { name: 'Saved — remove' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open PDF' }).getAttribute('href')).toBe(
      'chrome-extension://x/reader.html?id=2601.00001',
    );
  });
});

describe('the options’ Saving section', () => {
  it('chooses between PDFs and abstracts only', () => {
    const onChange = vi.fn();
    render(
      <OptionsView
        settings={DEFAULT_SETTINGS}
        defaultEndpoint="https://huggingface.co"
        now={T0}
        matchCounts={[]}
        counting={false}
        status=""
        endpointMessage={null}
        onChange={onChange}
        onSnooze={vi.fn()}
        onResume={vi.fn()}
        onApplyEndpoint={vi.fn()}
        onResetEndpoint={vi.fn()}
      />,
    );

    expect(screen.getByRole('radio', { name: 'PDF and abstract (default)' })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Abstract only (no PDFs stored)' }));

    expect(onChange).toHaveBeenCalledWith({ saveMode: 'abstract' });
  });
});
