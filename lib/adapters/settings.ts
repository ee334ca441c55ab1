import { storage } from '@wxt-dev/storage';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';

/**
 * The settings, one typed and versioned item in `storage.local`. Bump `version` and add a
 * migration for each change of shape; normalizeSettings then repairs anything left invalid.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The current settings, always complete and valid. */
export async function getSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** Changes some settings (validated); returns the settings saved. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await getSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

/** Calls back with the new settings whenever any page or the worker changes them. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(normalizeSettings(value)));
}
