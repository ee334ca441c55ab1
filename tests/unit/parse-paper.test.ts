import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sample from '../fixtures/daily_papers_sample.json';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import { parsePaper } from '@/lib/parse-paper';

const NOW = Date.parse('2026-03-06T15:00:00Z');
const recorded = (sample as { paper: Record<string, unknown> }[])[1]!;

describe('parsePaper (/api/papers/{id})', () => {
  it('reads the bare paper object exactly as the daily list reads the same paper', () => {
    const fromList = parseDailyPapers([recorded]);
    const expected = fromList.ok ? fromList.papers[0] : undefined;

    const actual = parsePaper({ ...recorded.paper, numComments: 4 }, '2602.23229', NOW);

    expect(actual).toEqual({ ok: true, paper: { ...expected, numComments: 4 } });
  });

  it('gives a paper never listed on Daily Papers the day it was published', () => {
    const actual = parsePaper(
      { id: '1706.03762', title: 'Attention', publishedAt: '2017-06-12T17:57:34.000Z' },
      '1706.03762',
      NOW,
    );

    expect(actual).toMatchObject({ ok: true, paper: { id: '1706.03762', feedDay: '2017-06-12', authors: [] } });
  });

  it('falls back to the current feed day when the paper has no date at all', () => {
    expect(parsePaper({ id: '1706.03762', title: 'Attention' }, '1706.03762', NOW)).toMatchObject({
      ok: true,
      paper: { feedDay: '2026-03-06' },
    });
  });

  it('accepts a versioned id in the answer for the bare id asked', () => {
    expect(parsePaper({ id: '1706.03762v7', title: 'Attention' }, '1706.03762', NOW)).toMatchObject({
      ok: true,
      paper: { id: '1706.03762' },
    });
  });

  it.each([
    ['a list', [recorded.paper]],
    ['null', null],
    ['text', 'Entry not found'],
    ['an error object', { error: 'Entry not found' }],
    ['a paper without a title', { id: '2602.23229' }],
    ['another paper', { id: '2601.00001', title: 'Other' }],
  ])('refuses %s with a clear failure', (_name, body) => {
    expect(parsePaper(body, '2602.23229', NOW)).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('never throws and only ever returns the paper asked for', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        const result = parsePaper(body, '2602.23229', NOW);
        if (result.ok) expect(result.paper.id).toBe('2602.23229');
      }),
    );
  });
});
