import { DEFAULT_HISTORY_PREFS, normalizeHistoryPrefs, type HistoryPrefs } from '../history';
import { localItem } from './local-item';

/**
 * How the popup's list was last shown (period kind, sort, filters), so it reopens the same way.
 * Kept apart from the settings: it changes with every click and is no one's preference to sync.
 */
export const historyPrefsItem = localItem<HistoryPrefs>('history-view', DEFAULT_HISTORY_PREFS);

/** The remembered view, always complete and valid (the defaults when nothing was stored). */
export async function getHistoryPrefs(): Promise<HistoryPrefs> {
  return normalizeHistoryPrefs(await historyPrefsItem.getValue());
}

/** Remembers the view (validated first). */
export async function setHistoryPrefs(prefs: HistoryPrefs): Promise<void> {
  await historyPrefsItem.setValue(normalizeHistoryPrefs(prefs));
}
