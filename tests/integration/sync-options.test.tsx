import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/OptionsApp';
import { createOptionsClient } from '@/lib/clients/options-client';
import { describeSyncFailure } from '@/lib/sync-status';
import { SYNC_STATUS_DEFAULT, syncStatusItem } from '@/lib/platform/sync-storage';

// The options page's Sync fieldset over the real status item (fakeBrowser's storage.local):
// it follows what the worker records, and its controls send the worker's requests.
const NOW = Date.parse('2026-11-26T14:00:00Z');
const MINUTE = 60_000;

afterEach(cleanup);

async function openOptions() {
  render(<OptionsApp client={createOptionsClient()} defaultEndpoint="https://huggingface.co" clock={() => NOW} />);
  return within(await screen.findByRole('group', { name: 'Sync' }));
}

describe('the options page and sync', () => {
  it('is on by default and follows the status the worker records', async () => {
    const fieldset = await openOptions();
    expect(fieldset.getByRole('checkbox', { name: /Sync read papers/ })).toHaveProperty('checked', true);
    expect(fieldset.getByText(/Not synced yet/)).toBeTruthy();

    await syncStatusItem.setValue({ ...SYNC_STATUS_DEFAULT, lastSyncedAt: NOW - 3 * MINUTE, bytes: 12 * 1024 });
    await waitFor(() => expect(fieldset.getByText(/Last synced 3 min ago · 12 KB of 100 KB/)).toBeTruthy());

    await syncStatusItem.setValue({
      ...SYNC_STATUS_DEFAULT,
      lastSyncedAt: NOW - 3 * MINUTE,
      lastError: describeSyncFailure('quota'),
    });
    expect((await fieldset.findByRole('alert')).textContent).toBe(describeSyncFailure('quota'));
  });

  it('asks the worker to sync now, and to turn sync off', async () => {
    const requests: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      requests.push(message);
      return undefined;
    });
    const fieldset = await openOptions();

    fireEvent.click(fieldset.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(requests).toEqual([{ type: 'sync-now' }]));
    await waitFor(() => expect(fieldset.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', false));
    fireEvent.click(fieldset.getByRole('checkbox'));

    await waitFor(() => expect(requests).toEqual([{ type: 'sync-now' }, { type: 'set-sync', enabled: false }]));
    expect(fieldset.getByRole('checkbox')).toHaveProperty('checked', false);
  });

  it('says so where the browser has no sync storage', async () => {
    vi.spyOn(fakeBrowser.storage, 'sync', 'get').mockReturnValue(undefined as never);

    const fieldset = await openOptions();

    expect(fieldset.getByText(/This browser has no sync storage/)).toBeTruthy();
    vi.restoreAllMocks();
  });
});
