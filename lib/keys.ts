/** What a key press asks the list to do. */
export type KeyAction =
  | 'next-paper'
  | 'previous-paper'
  | 'open-paper'
  | 'toggle-read'
  | 'toggle-save'
  | 'focus-search'
  | 'previous-day'
  | 'next-day'
  | 'toggle-help'
  | 'escape';

/** The parts of a keyboard event the mapping looks at (a DOM `KeyboardEvent` has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** True while the focus is in a text field (an input, a textarea, an editable element). */
  isTyping: boolean;
  /** True when the focus is on a paper card itself (not on a link or a button inside it). */
  isOnCard: boolean;
}

/** One line of the key list: the keys as shown and what they do. */
export interface KeyHelpEntry {
  keys: string[];
  description: string;
}

/** The keys, as the `?` dialog lists them. */
export const KEY_HELP: readonly KeyHelpEntry[] = [
  { keys: ['j'], description: 'Next paper' },
  { keys: ['k'], description: 'Previous paper' },
  { keys: ['o', 'Enter'], description: 'Open the paper' },
  { keys: ['m'], description: 'Mark read / unread' },
  { keys: ['s'], description: 'Save for offline / remove' },
  { keys: ['/'], description: 'Search' },
  { keys: ['['], description: 'Previous day' },
  { keys: [']'], description: 'Next day' },
  { keys: ['?'], description: 'Show or hide these keys' },
  { keys: ['Esc'], description: 'Clear the search, close this list' },
];

const BY_KEY: Readonly<Record<string, KeyAction>> = {
  j: 'next-paper',
  k: 'previous-paper',
  o: 'open-paper',
  m: 'toggle-read',
  s: 'toggle-save',
  '/': 'focus-search',
  '[': 'previous-day',
  ']': 'next-day',
  '?': 'toggle-help',
};

/**
 * The action a key press asks for, or null to leave it to the browser: keys with Ctrl, Alt or
 * Meta are the browser's, and while typing only Escape is ours. Shift is allowed (`?` needs it
 * on most layouts). Enter opens only a focused card: on a link or a button it is theirs.
 */
export function keyAction(press: KeyPress): KeyAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (press.key === 'Escape') return 'escape';
  if (press.isTyping) return null;
  if (press.key === 'Enter') return press.isOnCard ? 'open-paper' : null;
  return BY_KEY[press.key] ?? null;
}

/** The index focus moves to among `count` cards from `current` (-1: none focused yet); clamped at both ends. */
export function moveFocus(current: number, count: number, direction: 1 | -1): number | null {
  if (count === 0) return null;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + direction));
}
