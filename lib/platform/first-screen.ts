/**
 * The popup's first screenful before IndexedDB answers: the top of the last list it drew (titles,
 * ids, unread flags), kept in `localStorage` (read synchronously, unlike every other store) and
 * drawn as plain text while the popup's code reads the cache. The popup's first real render
 * replaces it, within a frame or a few: it is only ever the first frame, never the truth.
 */

/** The `localStorage` key of the snapshot. */
export const FIRST_SCREEN_KEY = 'paperboy:first-screen';

/** Papers kept: more than a popup shows before scrolling. */
export const FIRST_SCREEN_SIZE = 12;

/** One paper of the snapshot. */
export interface FirstScreenItem {
  id: string;
  title: string;
  unread: boolean;
}

interface StoredFirstScreen {
  version: 1;
  items: FirstScreenItem[];
}

function isItem(value: unknown): value is FirstScreenItem {
  if (typeof value !== 'object' || value === null) return false;
  const { id, title, unread } = value as Partial<FirstScreenItem>;
  return typeof id === 'string' && typeof title === 'string' && typeof unread === 'boolean';
}

/** The stored snapshot, or null when there is none or it is unreadable (then the popup simply waits for the cache). */
export function readFirstScreen(store: Pick<Storage, 'getItem'> = localStorage): FirstScreenItem[] | null {
  try {
    const stored = JSON.parse(store.getItem(FIRST_SCREEN_KEY) ?? 'null') as Partial<StoredFirstScreen> | null;
    if (stored?.version !== 1 || !Array.isArray(stored.items) || !stored.items.every(isItem)) return null;
    return stored.items.length === 0 ? null : stored.items.slice(0, FIRST_SCREEN_SIZE);
  } catch {
    return null;
  }
}

/** Keeps the top of the list just drawn for the next opening; an empty list removes the snapshot. */
export function saveFirstScreen(
  items: readonly FirstScreenItem[],
  store: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): void {
  try {
    if (items.length === 0) {
      store.removeItem(FIRST_SCREEN_KEY);
      return;
    }
    const top = items.slice(0, FIRST_SCREEN_SIZE).map(({ id, title, unread }) => ({ id, title, unread }));
    store.setItem(FIRST_SCREEN_KEY, JSON.stringify({ version: 1, items: top } satisfies StoredFirstScreen));
  } catch (error) {
    // Storage full or disabled: the popup only loses its head start.
    console.warn('[paperboy] could not keep the first screen', error);
  }
}

/**
 * Draws the snapshot right before `root`: titles as text, with the cards' classes so it looks
 * like the list, but plain `div`s hidden from assistive technology (a placeholder for a few
 * frames, not a second list of papers). Returns it, to be removed by the popup's first real
 * render; null when there is nothing to draw.
 */
export function paintFirstScreen(root: HTMLElement, items: readonly FirstScreenItem[] | null): HTMLElement | null {
  if (items === null || items.length === 0) return null;
  const doc = root.ownerDocument;
  const make = (className: string, ...children: (Node | string)[]): HTMLDivElement => {
    const element = doc.createElement('div');
    element.className = className;
    element.append(...children);
    return element;
  };
  const cards = items.map((item) => {
    const title = make('paper-title', ...(item.unread ? [make('unread-dot')] : []), item.title);
    const card = make('paper', make('paper-head', title));
    card.dataset.unread = String(item.unread);
    return card;
  });
  const screen = make('popup first-screen', make('popup-main', make('paper-list', ...cards)));
  screen.setAttribute('aria-hidden', 'true');
  root.before(screen);
  return screen;
}
