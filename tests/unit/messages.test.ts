import { describe, expect, it } from 'vitest';
import { changesSyncedState, isChangedEvent, isWorkerRequest, parseWorkerRequest, topicsOf } from '@/lib/messages';

describe('isWorkerRequest', () => {
  it.each([
    { type: 'get-activity' },
    { type: 'popup-opened' },
    { type: 'refresh' },
    { type: 'load-day', day: '2026-03-05' },
    { type: 'load-week', week: '2026-W48' },
    { type: 'load-week', week: '2020-W53' },
    { type: 'load-month', month: '2026-11' },
    { type: 'set-unread', ids: ['2602.23229'], unread: false },
    { type: 'set-unread', ids: [], unread: true },
    { type: 'archive-start' },
    { type: 'archive-cancel' },
    { type: 'save', id: '2602.23229' },
    { type: 'save', id: 'hep-th/9901001' },
    { type: 'unsave', id: '2602.23229' },
    { type: 'restore-saved', id: '2602.23229' },
    { type: 'fetch-pdf', id: '2602.23229' },
    { type: 'update-saved', id: '2602.23229', tags: ['rl', 'vision'] },
    { type: 'update-saved', id: '2602.23229', note: 'read §3' },
    { type: 'restore-backup', text: '{}' },
  ])('accepts %j', (message) => {
    expect(isWorkerRequest(message)).toBe(true);
  });

  it.each([
    null,
    undefined,
    'refresh',
    {},
    { type: 'delete-everything' },
    { type: 'load-day' },
    { type: 'load-day', day: 20260305 },
    { type: 'load-week' },
    { type: 'load-week', week: '2021-W53' },
    { type: 'load-week', week: '2026-48' },
    { type: 'load-month', month: '2026-13' },
    { type: 'load-month', month: 202611 },
    { type: 'set-unread', ids: '2602.23229', unread: false },
    { type: 'set-unread', ids: [1, 2], unread: false },
    { type: 'set-unread', ids: ['a'], unread: 'no' },
    { type: 'paperboy-changed', activity: {} },
    { type: 'save' },
    { type: 'save', id: 2602.23229 },
    { type: 'save', id: '' },
    { type: 'save', id: '../../etc passwd' },
    { type: 'fetch-pdf', id: 'x'.repeat(65) },
    { type: 'update-saved', id: '2602.23229', tags: 'rl' },
    { type: 'update-saved', id: '2602.23229', tags: [1] },
    { type: 'update-saved', id: '2602.23229', note: null },
    { type: 'restore-backup', text: { format: 'paperboy-backup' } },
  ])('rejects %j', (message) => {
    expect(isWorkerRequest(message)).toBe(false);
  });
});

describe('parseWorkerRequest', () => {
  it('keeps only the fields a request has, so nothing unchecked reaches the worker', () => {
    const expected = { type: 'save', id: '2602.23229' };

    const actual = parseWorkerRequest({ type: 'save', id: '2602.23229', extra: { huge: 'x'.repeat(10) } });

    expect(actual).toEqual(expected);
  });

  it('reads an optional field only when present', () => {
    expect(parseWorkerRequest({ type: 'load-trending' })).toEqual({ type: 'load-trending' });
    expect(parseWorkerRequest({ type: 'load-trending', force: true })).toEqual({ type: 'load-trending', force: true });
  });

  it('does not take inherited names for request types', () => {
    expect(parseWorkerRequest({ type: 'toString' })).toBeNull();
    expect(parseWorkerRequest({ type: '__proto__' })).toBeNull();
  });
});

describe('changesSyncedState', () => {
  it.each([
    [{ type: 'set-unread', ids: [], unread: false }, true],
    [{ type: 'set-trending-unread', ids: [], unread: true }, true],
    [{ type: 'save', id: '2602.23229' }, true],
    [{ type: 'unsave', id: '2602.23229' }, true],
    [{ type: 'restore-saved', id: '2602.23229' }, true],
    [{ type: 'update-saved', id: '2602.23229', note: 'n' }, true],
    [{ type: 'restore-backup', text: '{}' }, true],
    [{ type: 'fetch-pdf', id: '2602.23229' }, false],
    [{ type: 'refresh' }, false],
    [{ type: 'load-day', day: '2026-11-20' }, false],
    [{ type: 'sync-now' }, false],
  ] as const)('%j schedules a sync: %s', (message, expected) => {
    const request = parseWorkerRequest(message);

    expect(request).not.toBeNull();
    expect(changesSyncedState(request!)).toBe(expected);
  });
});

describe('isChangedEvent', () => {
  it('recognises the worker broadcast and nothing else', () => {
    expect(isChangedEvent({ type: 'paperboy-changed', activity: {} })).toBe(true);
    expect(isChangedEvent({ type: 'refresh' })).toBe(false);
    expect(isChangedEvent(null)).toBe(false);
  });

  it('takes a broadcast without topics (an older worker) as a change of everything', () => {
    expect(topicsOf({ type: 'paperboy-changed', activity: {} } as never)).toEqual(['feed', 'reads', 'library', 'activity']);
    expect(topicsOf({ type: 'paperboy-changed', topics: ['reads'], activity: {} } as never)).toEqual(['reads']);
  });
});
