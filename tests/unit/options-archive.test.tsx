import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsView, type OptionsViewProps } from '@/components/OptionsView';
import { afterFailure, cancelArchive, IDLE_ARCHIVE, startArchive, type ArchiveProgress } from '@/lib/archive';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const TODAY = '2026-03-06';

function renderView(archive: ArchiveProgress | undefined, enabled: boolean) {
  const props: OptionsViewProps = {
    settings: { ...DEFAULT_SETTINGS, archive: { enabled } },
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
    archive,
    onArchive: vi.fn(),
  };
  render(<OptionsView {...props} />);
  return props;
}

const running: ArchiveProgress = {
  ...startArchive(IDLE_ARCHIVE, TODAY, NOW),
  month: '2024-05',
  monthsDone: 12,
  papersStored: 8_400,
};

afterEach(cleanup);

/** The archive section's own status line (the page header has one for "Saved"). */
function archiveStatus(): HTMLElement {
  return within(screen.getByRole('region', { name: 'Archive' })).getByRole('status');
}

describe('the archive options', () => {
  it('is off by default, and switching it on saves the setting and starts the download', () => {
    const props = renderView(IDLE_ARCHIVE, false);
    const toggle = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Download the whole archive (about 20,000 papers)',
    });

    expect(toggle.checked).toBe(false);
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(toggle);

    expect(props.onChange).toHaveBeenCalledWith({ archive: { enabled: true } });
    expect(props.onArchive).toHaveBeenCalledWith('start');
  });

  it('shows months and papers while it runs, with Cancel', () => {
    const props = renderView(running, true);

    const bar = screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Months downloaded' });
    expect([bar.value, bar.max]).toEqual([12, 35]);
    expect(archiveStatus().textContent).toBe('Downloading May 2024: 12 of 35 months, 8,400 papers stored.');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel download' }));

    expect(props.onChange).toHaveBeenCalledWith({ archive: { enabled: false } });
    expect(props.onArchive).toHaveBeenCalledWith('cancel');
  });

  it('says why it paused and when it goes on', () => {
    renderView(afterFailure(running, { kind: 'rate-limited', retryAt: NOW + 120_000 }, NOW), true);

    expect(archiveStatus().textContent).toBe(
      'Paused at May 2024: 12 of 35 months, 8,400 papers stored. Hugging Face asked us to slow down; retrying in 2 min.',
    );
  });

  it('says what was kept after a cancel, without Cancel', () => {
    renderView(cancelArchive(running), false);

    expect(archiveStatus().textContent).toBe('Cancelled: the 8,400 papers stored (12 of 35 months) are kept.');
    expect(screen.queryByRole('button', { name: 'Cancel download' })).toBeNull();
  });
});
