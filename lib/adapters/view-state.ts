import { storage } from '@wxt-dev/storage';
import { DEFAULT_HISTORY_PREFS, normalizeHistoryPrefs, type HistoryPrefs } from '../history';

/**
 * How the popup's list was last shown (period kind, sort, filters), so it reopens the same way.
 * Kept apart from the settings: it changes with every click and is no one's preference to sync.
 */
export const historyPrefsItem = storage.defineItem<HistoryPrefs>('local:history-view', {
  fallback: DEFAULT_HISTORY_PREFS,
  version: 1,
});

/** The remembered view, always complete and valid (the defaults when nothing was stored). */
export async function getHistoryPrefs(): Promise<HistoryPrefs> {
  return normalizeHistoryPrefs(await historyPrefsItem.getValue());
}

/** Remembers the view (validated first). */
export async function setHistoryPrefs(prefs: HistoryPrefs): Promise<void> {
  await historyPrefsItem.setValue(normalizeHistoryPrefs(prefs));
}
