import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { keyAction, moveFocus } from '@/lib/keys';
import { KeyHelp } from './KeyHelp';

export interface UseKeyboardOptions {
  /** The page's root: the paper cards are looked for inside it, in document order. */
  root: RefObject<HTMLElement | null>;
  onFocusSearch: () => void;
  /** `[` and `]`; the keys do nothing without them (in search results, in Trending). */
  onPreviousDay?: () => void;
  onNextDay?: () => void;
  onToggleHelp: () => void;
  isHelpOpen: boolean;
}

/** Inputs that take no text: letter keys on them are still shortcuts. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

const CARD = 'article.paper';

/** Moves the focus to a card: the one tab stop among the cards (roving), scrolled into view. */
function focusCard(cards: HTMLElement[], index: number): void {
  const target = cards[index];
  if (target === undefined) return;
  for (const card of cards) card.tabIndex = card === target ? 0 : -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

/** The card holding the focus (the card itself or a control inside it), if any. */
function focusedCard(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>(CARD) : null;
}

/**
 * The list's keys (lib/keys.ts): `j`/`k` move the focus over the cards, `o`/Enter open the
 * focused paper, `m` and `s` use its own read and save buttons (so a key does exactly what the
 * click does), `/` search, `[`/`]` days, `?` the key list. Listens on the whole document; true once it does.
 */
export function useKeyboard(options: UseKeyboardOptions): boolean {
  const latest = useRef(options);
  latest.current = options;
  const [isListening, setListening] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const current = latest.current;
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        isTyping: isTextField(event.target),
        isOnCard: event.target instanceof HTMLElement && event.target.matches(CARD),
      });
      if (action === null) return;
      if (current.isHelpOpen) {
        // The dialog is modal: only the keys that close it.
        if (action === 'toggle-help' || action === 'escape') {
          event.preventDefault();
          current.onToggleHelp();
        }
        return;
      }
      const root = current.root.current;
      const card = focusedCard();
      const click = (selector: string): void => {
        const control = card?.querySelector<HTMLElement>(selector);
        if (control === null || control === undefined) return;
        event.preventDefault();
        control.click();
      };
      switch (action) {
        case 'next-paper':
        case 'previous-paper': {
          if (root === null) return;
          const cards = [...root.querySelectorAll<HTMLElement>(CARD)];
          const to = moveFocus(
            card === null ? -1 : cards.indexOf(card),
            cards.length,
            action === 'next-paper' ? 1 : -1,
          );
          if (to === null) return;
          event.preventDefault();
          focusCard(cards, to);
          return;
        }
        case 'open-paper':
          click('.paper-title a');
          return;
        case 'toggle-read':
          click('.read-toggle');
          return;
        case 'toggle-save':
          click('.save-toggle');
          return;
        case 'focus-search':
          event.preventDefault();
          current.onFocusSearch();
          return;
        case 'previous-day':
        case 'next-day': {
          const go = action === 'previous-day' ? current.onPreviousDay : current.onNextDay;
          if (go === undefined) return;
          event.preventDefault();
          go();
          return;
        }
        case 'toggle-help':
          event.preventDefault();
          current.onToggleHelp();
          return;
        case 'escape':
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    setListening(true);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return isListening;
}

export type KeyControlsProps = Omit<UseKeyboardOptions, 'onToggleHelp' | 'isHelpOpen'>;

/**
 * The keys and their `?` list for a page, as one component: the popup loads it (a chunk of its
 * own, components/Lazy.tsx) once its list is on screen, so the first screen never waits for it.
 */
export function KeyControls(props: KeyControlsProps) {
  const [isHelpOpen, setHelpOpen] = useState(false);
  const isListening = useKeyboard({ ...props, isHelpOpen, onToggleHelp: () => setHelpOpen((open) => !open) });
  return (
    <>
      {/* Tells screen readers the keys exist, once they work (tests wait for it too). */}
      {isListening && <p class="visually-hidden">Keyboard shortcuts: press ? for the list.</p>}
      <KeyHelp open={isHelpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
