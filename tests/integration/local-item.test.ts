import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localItem } from '@/lib/platform/local-item';
import { getSettings, updateSettings, watchSettings } from '@/lib/platform/settings';
import { DEFAULT_SETTINGS } from '@/lib/settings';

// The typed storage.local item behind the settings, the sync status and the remembered view,
// over fakeBrowser's storage (tests/setup.ts resets it before each test).
describe('a storage.local item', () => {
  it('reads the fallback until a value is stored, and the stored value after', async () => {
    const item = localItem('view', { kind: 'day' });
    expect(await item.getValue()).toEqual({ kind: 'day' });
    await item.setValue({ kind: 'week' });
    expect(await item.getValue()).toEqual({ kind: 'week' });
    // Under the key itself, as @wxt-dev/storage kept it: settings stored by earlier versions are read.
    expect(await fakeBrowser.storage.local.get('view')).toEqual({ view: { kind: 'week' } });
  });

  it('reads what an earlier version stored under the same key', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, badgeMode: 'none' }, settings$: { v: 1 } });
    expect((await getSettings()).badgeMode).toBe('none');
  });

  it('calls watchers on real changes only, with the fallback once removed, and stops when asked', async () => {
    const item = localItem('count', 0);
    const seen: number[] = [];
    const stop = item.watch((value) => seen.push(value));
    await item.setValue(1);
    await item.setValue(1); // the same value again: no call
    await fakeBrowser.storage.local.set({ other: 5 }); // another key: no call
    await fakeBrowser.storage.sync.set({ count: 9 }); // another area: no call
    await fakeBrowser.storage.local.remove('count');
    stop();
    await item.setValue(3);
    expect(seen).toEqual([1, 0]);
  });

  it('tells settings watchers the normalized settings', async () => {
    const seen: string[] = [];
    const stop = watchSettings((settings) => seen.push(settings.badgeMode));
    await updateSettings({ badgeMode: 'none' });
    await updateSettings({ badgeMode: 'unread' });
    stop();
    expect(seen).toEqual(['none', 'unread']);
  });
});
