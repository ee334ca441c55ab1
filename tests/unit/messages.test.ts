import { describe, expect, it } from 'vitest';
import { isChangedEvent, isWorkerRequest } from '@/lib/messages';

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

describe('isChangedEvent', () => {
  it('recognises the worker broadcast and nothing else', () => {
    expect(isChangedEvent({ type: 'paperboy-changed', activity: {} })).toBe(true);
    expect(isChangedEvent({ type: 'refresh' })).toBe(false);
    expect(isChangedEvent(null)).toBe(false);
  });
});
