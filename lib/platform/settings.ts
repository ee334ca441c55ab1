import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { localItem } from './local-item';

/**
 * The settings, one typed item in `storage.local`. A change of shape is met by
 * normalizeSettings, which repairs anything missing or invalid on every read.
 */
export const settingsItem = localItem<Settings>('settings', DEFAULT_SETTINGS);

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
