import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryView, type LibraryViewProps } from '@/components/LibraryView';
import { OptionsView, type OptionsViewProps } from '@/components/OptionsView';
import type { SyncControlsProps } from '@/components/SyncControls';
import { EXPORT_FORMATS } from '@/lib/export';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import {
  describeLastSynced,
  describeSyncBytes,
  describeSyncFailure,
  syncFailureKindOf,
  type SyncView,
} from '@/lib/sync-status';
import { placeholderPaper } from '@/lib/sync-model';
import type { SavedPaper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const NOW = Date.parse('2026-11-26T14:00:00Z');
const MINUTE = 60_000;

afterEach(cleanup);

describe('sync status words', () => {
  it.each([
    [new Error('QUOTA_BYTES quota exceeded'), 'quota'],
    [new Error('QUOTA_BYTES_PER_ITEM quota exceeded'), 'quota'],
    [new Error('MAX_ITEMS quota exceeded'), 'quota'],
    [new DOMException('too big', 'QuotaExceededError'), 'quota'],
    [new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'), 'write-limit'],
    [new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded'), 'write-limit'],
    [new Error('Sync is disabled by policy'), 'refused'],
    ['a string', 'refused'],
  ])('classifies %s as %s', (error, expected) => {
    expect(syncFailureKindOf(error)).toBe(expected);
  });

  it.each([
    [null, 'Not synced yet'],
    [NOW - 10_000, 'Last synced just now'],
    [NOW - 3 * MINUTE, 'Last synced 3 min ago'],
  ])('says when it last synced (%s)', (at, expected) => {
    expect(describeLastSynced(at, NOW)).toBe(expected);
  });

  it.each([
    [0, '0 KB of 100 KB'],
    [300, '< 1 KB of 100 KB'],
    [12 * 1024, '12 KB of 100 KB'],
    [87_654, '86 KB of 100 KB'],
  ])('shows %i bytes as "%s"', (bytes, expected) => {
    expect(describeSyncBytes(bytes)).toBe(expected);
  });
});

function renderOptions(sync: Partial<SyncControlsProps> & { view?: Partial<SyncView> | undefined }) {
  const { view, ...rest } = sync;
  const controls: SyncControlsProps = {
    sync:
      view === undefined && 'view' in sync
        ? undefined
        : {
            supported: true,
            enabled: true,
            lastSyncedAt: NOW - 3 * MINUTE,
            bytes: 12 * 1024,
            lastError: null,
            ...view,
          },
    now: NOW,
    busy: false,
    onToggle: vi.fn(),
    onSyncNow: vi.fn(),
    ...rest,
  };
  const props: OptionsViewProps = {
    settings: DEFAULT_SETTINGS,
    defaultEndpoint: 'https://huggingface.co',
    now: NOW,
    matchCounts: [],
    counting: false,
    status: '',
    endpointMessage: null,
    onChange: vi.fn(),
    onSnooze: vi.fn(),
    onResume: vi.fn(),
    onApplyEndpoint: vi.fn(),
    onResetEndpoint: vi.fn(),
    sync: controls,
  };
  render(<OptionsView {...props} />);
  return { controls, fieldset: within(screen.getByRole('group', { name: 'Sync' })) };
}

describe('the Sync fieldset of the options page', () => {
  it('shows sync on, when it last synced, the quota used, and a "Sync now" button', () => {
    const { controls, fieldset } = renderOptions({});

    expect(fieldset.getByRole('checkbox', { name: /Sync read papers, saved papers/ })).toHaveProperty('checked', true);
    expect(fieldset.getByText(/Last synced 3 min ago/).textContent).toBe(
      'Last synced 3 min ago · 12 KB of 100 KB of the browser’s sync storage used',
    );
    expect(fieldset.queryByRole('alert')).toBeNull();
    fireEvent.click(fieldset.getByRole('button', { name: 'Sync now' }));
    expect(controls.onSyncNow).toHaveBeenCalledOnce();
  });

  it('turns sync off and on with the checkbox', () => {
    const { controls, fieldset } = renderOptions({});

    fireEvent.click(fieldset.getByRole('checkbox'));

    expect(controls.onToggle).toHaveBeenCalledWith(false);
  });

  it('shows the last error in words', () => {
    const { fieldset } = renderOptions({ view: { lastError: describeSyncFailure('quota') } });

    expect(fieldset.getByRole('alert').textContent).toBe(describeSyncFailure('quota'));
  });

  it('says "Syncing…" and disables "Sync now" while a sync runs', () => {
    const { fieldset } = renderOptions({ busy: true });

    expect(fieldset.getByText(/Syncing…/)).toBeTruthy();
    expect(fieldset.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', true);
  });

  it('hides the status and "Sync now" while sync is off', () => {
    const { fieldset } = renderOptions({ view: { enabled: false } });

    expect(fieldset.getByRole('checkbox')).toHaveProperty('checked', false);
    expect(fieldset.queryByRole('button', { name: 'Sync now' })).toBeNull();
    expect(fieldset.queryByText(/Last synced/)).toBeNull();
  });

  it('says so where the browser has no sync storage, with no switch', () => {
    const { fieldset } = renderOptions({ view: { supported: false } });

    expect(fieldset.getByText(/This browser has no sync storage/)).toBeTruthy();
    expect(fieldset.queryByRole('checkbox')).toBeNull();
  });

  it('shows "Loading…" while the status is read', () => {
    const { fieldset } = renderOptions({ view: undefined });

    expect(fieldset.getByText('Loading…')).toBeTruthy();
  });
});

function savedRecord(patch: Partial<SavedPaper>): SavedPaper {
  return {
    id: '2611.00001',
    paper: makePaper({ id: '2611.00001', title: 'A synced paper' }),
    savedAt: NOW,
    updatedAt: NOW,
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'stored', bytes: 100, updatedAt: NOW },
    ...patch,
  };
}

function renderLibrary(papers: SavedPaper[]): LibraryViewProps {
  const props: LibraryViewProps = {
    papers,
    total: papers.length,
    query: { text: '', tag: null, sort: 'saved-newest' },
    onQuery: vi.fn(),
    tags: [],
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
    storage: null,
    now: NOW,
  };
  render(<LibraryView {...props} />);
  return props;
}

describe('a paper saved on another browser in the library', () => {
  it('shows as saved with "PDF not on this device" and a "Fetch PDF" button', () => {
    const props = renderLibrary([savedRecord({ pdf: { state: 'none', updatedAt: 0 } })]);
    const card = within(screen.getByRole('article', { name: 'A synced paper' }));

    expect(card.getByText('Saved on another browser: PDF not on this device')).toBeTruthy();
    fireEvent.click(card.getByRole('button', { name: 'Fetch PDF' }));
    expect(props.onFetchPdf).toHaveBeenCalledWith('2611.00001');
    expect(card.queryByText('Details will load when online.')).toBeNull();
  });

  it('says the details will load when online while only its id is known', () => {
    renderLibrary([
      savedRecord({ paper: placeholderPaper('2611.00001', '2026-11-26'), pdf: { state: 'none', updatedAt: 0 } }),
    ]);
    const card = within(screen.getByRole('article', { name: 'arXiv 2611.00001' }));

    expect(card.getByText('Details will load when online.')).toBeTruthy();
    expect(card.getByRole('button', { name: 'Fetch PDF' })).toBeTruthy();
  });

  it('keeps "Fetch again" for a PDF that was on this device and is gone', () => {
    renderLibrary([savedRecord({ pdf: { state: 'none', updatedAt: NOW } })]);

    expect(screen.getByText('The PDF is not stored on this device')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Fetch again' })).toBeTruthy();
  });
});
