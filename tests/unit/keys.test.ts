import { describe, expect, it } from 'vitest';
import { KEY_HELP, keyAction, moveFocus, type KeyPress } from '@/lib/keys';

function press(key: string, overrides: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, metaKey: false, isTyping: false, isOnCard: false, ...overrides };
}

describe('keyAction', () => {
  it.each([
    ['j', 'next-paper'],
    ['k', 'previous-paper'],
    ['o', 'open-paper'],
    ['m', 'toggle-read'],
    ['s', 'toggle-save'],
    ['/', 'focus-search'],
    ['[', 'previous-day'],
    [']', 'next-day'],
    ['?', 'toggle-help'],
    ['Escape', 'escape'],
  ] as const)('maps "%s" to %s', (key, expected) => {
    expect(keyAction(press(key))).toBe(expected);
  });

  it('opens with Enter only when the focus is on the card itself', () => {
    expect(keyAction(press('Enter', { isOnCard: true }))).toBe('open-paper');
    expect(keyAction(press('Enter', { isOnCard: false }))).toBeNull();
  });

  it.each(['j', 'k', 'o', 'm', 's', '/', '[', ']', '?', 'Enter'])('ignores "%s" while typing', (key) => {
    expect(keyAction(press(key, { isTyping: true, isOnCard: true }))).toBeNull();
  });

  it('still takes Escape while typing', () => {
    expect(keyAction(press('Escape', { isTyping: true }))).toBe('escape');
  });

  it.each([{ ctrlKey: true }, { altKey: true }, { metaKey: true }])(
    'leaves keys with a modifier (%o) to the browser',
    (modifier) => {
      expect(keyAction(press('j', modifier))).toBeNull();
      expect(keyAction(press('s', modifier))).toBeNull();
      expect(keyAction(press('Escape', modifier))).toBeNull();
    },
  );

  it('ignores keys it does not know, and capitals (J is not j)', () => {
    expect(keyAction(press('x'))).toBeNull();
    expect(keyAction(press('J'))).toBeNull();
    expect(keyAction(press('ArrowDown'))).toBeNull();
  });

  it('lists every key it maps in the help', () => {
    const listed = KEY_HELP.flatMap((entry) => entry.keys);
    for (const key of ['j', 'k', 'o', 'Enter', 'm', 's', '/', '[', ']', '?']) expect(listed).toContain(key);
  });
});

describe('moveFocus', () => {
  it.each([
    [-1, 5, 1, 0],
    [-1, 5, -1, 4],
    [0, 5, 1, 1],
    [3, 5, -1, 2],
    [4, 5, 1, 4],
    [0, 5, -1, 0],
  ] as const)('from %i of %i cards, direction %i, goes to %i', (current, count, direction, expected) => {
    expect(moveFocus(current, count, direction)).toBe(expected);
  });

  it('goes nowhere without cards', () => {
    expect(moveFocus(-1, 0, 1)).toBeNull();
  });
});
