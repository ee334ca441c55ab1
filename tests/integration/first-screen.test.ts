import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_SIZE,
  paintFirstScreen,
  readFirstScreen,
  saveFirstScreen,
} from '@/lib/platform/first-screen';

// The popup's first-screen snapshot in the page's real (happy-dom) localStorage and DOM.
beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
});

const items = Array.from({ length: 20 }, (_, n) => ({ id: `2603.0${n}`, title: `Paper ${n}`, unread: n % 2 === 0 }));

describe('the first-screen snapshot', () => {
  it('keeps the top of the list for the next opening', () => {
    saveFirstScreen(items);

    expect(readFirstScreen()).toEqual(items.slice(0, FIRST_SCREEN_SIZE));
  });

  it('has nothing before a list was drawn, after an empty one, or when the stored value is not one', () => {
    expect(readFirstScreen()).toBeNull();

    saveFirstScreen(items);
    saveFirstScreen([]);
    expect(readFirstScreen()).toBeNull();

    for (const bad of ['{"version":1,', '{"version":2,"items":[]}', '{"version":1,"items":[{"id":1}]}', '[]']) {
      localStorage.setItem(FIRST_SCREEN_KEY, bad);
      expect(readFirstScreen()).toBeNull();
    }
  });

  it('loses only the head start when storage refuses to write', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };

    expect(() => saveFirstScreen(items, full)).not.toThrow();
    expect(warn).toHaveBeenCalled();
  });

  it('draws the titles as text before the app, unread ones marked, hidden from assistive technology', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const hostile = { id: 'x', title: '<img src=x onerror=alert(1)> Attention', unread: true };

    const screen = paintFirstScreen(root, [hostile, { id: 'y', title: 'Read one', unread: false }]);

    expect(screen?.nextElementSibling).toBe(root);
    expect(screen?.getAttribute('aria-hidden')).toBe('true');
    const titles = [...document.querySelectorAll('.paper-title')].map((title) => title.textContent);
    expect(titles).toEqual([hostile.title, 'Read one']);
    expect(document.querySelector('img')).toBeNull();
    expect([...document.querySelectorAll('.paper')].map((card) => (card as HTMLElement).dataset.unread)).toEqual([
      'true',
      'false',
    ]);
    expect(document.querySelectorAll('.unread-dot')).toHaveLength(1);
    // Not a second list of papers for the popup's tests and screen readers to find.
    expect(document.querySelector('article, ol, h2')).toBeNull();
  });

  it('draws nothing without a snapshot', () => {
    const root = document.body.appendChild(document.createElement('div'));

    expect(paintFirstScreen(root, null)).toBeNull();
    expect(document.body.children).toHaveLength(1);
  });
});
