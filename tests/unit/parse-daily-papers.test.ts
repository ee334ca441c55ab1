import { describe, expect, it } from 'vitest';
import { parseDailyPapers, parseJsonBody } from '@/lib/parse-daily-papers';
import type { Paper } from '@/lib/types';
import { makeItem, sampleItems } from '../fixtures/feed.mjs';

const DAY = '2026-03-06';

/** Parses a list that must parse, and returns its papers. */
function parsePapers(body: unknown, feedDay?: string): Paper[] {
  const result = parseDailyPapers(body, feedDay);
  if (!result.ok) throw new Error(`expected a parse, got ${JSON.stringify(result.failure)}`);
  return result.papers;
}

/** Parses one item that must be kept. */
function parseOne(item: unknown): Paper {
  const [paper, ...rest] = parsePapers([item], DAY);
  if (paper === undefined || rest.length > 0) throw new Error('expected exactly one paper');
  return paper;
}

describe('parseDailyPapers on the recorded sample', () => {
  it('keeps all three sample items, in the API order', () => {
    const actual = parseDailyPapers(sampleItems);

    expect(actual.ok).toBe(true);
    expect(actual.ok && actual.papers.map((paper) => paper.id)).toEqual(['2603.99901', '2602.23229', '2603.99902']);
    expect(actual.ok && actual.skipped).toBe(0);
  });

  it('reads the real item 2602.23229 field by field', () => {
    const papers = parsePapers(sampleItems);

    const actual = papers.find((paper) => paper.id === '2602.23229');

    expect(actual).toMatchObject({
      id: '2602.23229',
      title: 'Large Multimodal Models as General In-Context Classifiers',
      authors: ['Marco Garosi', 'Matteo Farina', 'Alessandro Conti', 'Massimiliano Mancini', 'Elisa Ricci'],
      // upvotes live on `paper`, numComments on the item: the API's own pitfall.
      upvotes: 10,
      numComments: 1,
      organization: 'Multimedia and Human Understanding Group',
      githubRepo: 'https://github.com/marco-garosi/CIRCLE',
      githubStars: 9,
      projectPage: 'https://circle-lmm.github.io/',
      publishedAt: '2026-02-26T17:08:18.000Z',
      // No `date` asked for: the feed day is the day it was submitted to Daily Papers.
      feedDay: '2026-03-06',
    });
    expect(actual?.abstract).toMatch(/^Which multimodal model should we use for classification\? /);
    expect(actual?.aiSummary).toMatch(/^Large Multimodal Models demonstrate superior performance/);
    expect(actual?.aiKeywords).toHaveLength(9);
    expect(actual?.aiKeywords[0]).toBe('Vision-Language Models');
  });

  it('drops the authors HF marks hidden', () => {
    const papers = parsePapers(sampleItems);

    const actual = papers.find((paper) => paper.id === '2603.99901')?.authors;

    expect(actual).toEqual(['Jane Example', 'John Sample', 'Alex Placeholder']);
  });

  it("joins the abstract's hard line breaks into one paragraph", () => {
    const papers = parsePapers(sampleItems);

    const actual = papers.find((paper) => paper.id === '2603.99901')?.abstract ?? '';

    expect(actual).not.toContain('\n');
    expect(actual).toContain('used only as a test fixture. Abstracts returned by the API keep the hard line breaks');
  });

  it('gives a fresh paper without AI or GitHub fields empty defaults', () => {
    const papers = parsePapers(sampleItems);

    const actual = papers.find((paper) => paper.id === '2603.99902');

    expect(actual).toMatchObject({
      aiSummary: null,
      aiKeywords: [],
      githubRepo: null,
      githubStars: null,
      projectPage: null,
      organization: 'Example Org',
      upvotes: 2,
      numComments: 0,
    });
  });
});

describe('parseDailyPapers is lenient', () => {
  it.each([
    ['upvotes missing', { paper: { upvotes: undefined } }, 'upvotes', 0],
    ['upvotes null', { paper: { upvotes: null } }, 'upvotes', 0],
    ['upvotes a word', { paper: { upvotes: 'lots' } }, 'upvotes', 0],
    ['upvotes negative', { paper: { upvotes: -3 } }, 'upvotes', 0],
    ['upvotes an object', { paper: { upvotes: { count: 4 } } }, 'upvotes', 0],
    ['numComments null', { numComments: null }, 'numComments', 0],
    ['numComments a boolean', { numComments: true }, 'numComments', 0],
    ['authors null', { paper: { authors: null } }, 'authors', []],
    ['authors a string', { paper: { authors: 'Ada Lovelace' } }, 'authors', []],
    ['organization a number', { paper: { organization: 42 } }, 'organization', null],
    ['organization null', { paper: { organization: null } }, 'organization', null],
    ['ai_summary a number', { paper: { ai_summary: 7 } }, 'aiSummary', null],
    ['ai_keywords a string', { paper: { ai_keywords: 'llm' } }, 'aiKeywords', []],
    ['githubStars a word', { paper: { githubStars: 'many' } }, 'githubStars', null],
    ['githubRepo a number', { paper: { githubRepo: 12 } }, 'githubRepo', null],
    ['publishedAt not a date', { paper: { publishedAt: 'yesterday' } }, 'publishedAt', null],
    ['summary null everywhere', { paper: { summary: null }, summary: null }, 'abstract', ''],
  ] as const)('defaults %s', (_case, overrides, field, expected) => {
    const item = makeItem(DAY, 0, overrides);

    const actual = parseOne(item)[field];

    expect(actual).toEqual(expected);
  });

  it.each([
    ['upvotes', { paper: { upvotes: '42' } }, 42],
    ['numComments', { numComments: ' 7 ' }, 7],
    ['githubStars', { paper: { githubStars: '1200' } }, 1200],
  ] as const)('reads a numeric string in %s as a number', (field, overrides, expected) => {
    const item = makeItem(DAY, 0, overrides);

    const actual = parseOne(item)[field];

    expect(actual).toBe(expected);
  });

  it('ignores fields it does not know', () => {
    const plain = makeItem(DAY, 1);
    const extended = makeItem(DAY, 1, {
      paper: { futureField: { nested: true }, anotherOne: [1, 2, 3] },
      brandNewItemField: 'surprise',
    });

    const actual = parseOne(extended);

    expect(actual).toEqual(parseOne(plain));
    expect(Object.keys(actual)).not.toContain('futureField');
  });

  it('skips items without an id or a title and keeps the others', () => {
    const first = makeItem(DAY, 0);
    const last = makeItem(DAY, 1);
    const body = [
      first,
      { paper: { title: 'No id here' } },
      makeItem(DAY, 2, { paper: { id: '' } }),
      makeItem(DAY, 3, { paper: { id: 'not an id <script>' } }),
      makeItem(DAY, 4, { paper: { title: '   ' }, title: null }),
      null,
      'a string',
      last,
    ];

    const actual = parseDailyPapers(body, DAY);

    expect(actual).toMatchObject({ ok: true, skipped: 6 });
    expect(actual.ok && actual.papers.map((paper) => paper.id)).toEqual([first.paper.id, last.paper.id]);
  });

  it("falls back to the item's title when the paper has none", () => {
    const item = makeItem(DAY, 0, { paper: { title: null }, title: 'The item title' });

    const actual = parseOne(item).title;

    expect(actual).toBe('The item title');
  });

  it('keeps the first of two items with the same id and skips the second', () => {
    const original = makeItem(DAY, 0);
    const duplicate = makeItem(DAY, 0, { paper: { title: 'A later copy' } });

    const actual = parseDailyPapers([original, duplicate, makeItem(DAY, 1)], DAY);

    expect(actual).toMatchObject({ ok: true, skipped: 1 });
    expect(actual.ok && actual.papers.map((paper) => paper.title)).toEqual([
      original.paper.title,
      makeItem(DAY, 1).paper.title,
    ]);
  });

  it.each([
    ['an object', { error: 'Invalid date' }],
    ['null', null],
    ['a string', 'papers'],
    ['a number', 42],
  ])('fails with bad-response when the body is %s, not a list', (_case, body) => {
    const actual = parseDailyPapers(body, DAY);

    expect(actual).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('answers an empty list (a weekend) with no papers', () => {
    const actual = parseDailyPapers([], DAY);

    expect(actual).toEqual({ ok: true, papers: [], skipped: 0 });
  });

  it('files every paper under the day that was asked for', () => {
    const item = makeItem('2026-03-05', 0);

    const actual = parseOne(item).feedDay;

    expect(actual).toBe(DAY);
  });

  it("falls back to the item's publishedAt for the feed day without a submission date", () => {
    const item = makeItem(DAY, 0, {
      paper: { submittedOnDailyAt: undefined },
      publishedAt: '2026-03-04T13:59:41.000Z',
    });

    const actual = parsePapers([item])[0]?.feedDay;

    expect(actual).toBe('2026-03-04');
  });

  it('reads an author name from the linked account when `name` is missing', () => {
    const item = makeItem(DAY, 0, {
      paper: { authors: [{ _id: 'a', user: { fullname: 'Grace Hopper', name: 'ghopper' } }, 'Alan Turing'] },
    });

    const actual = parseOne(item).authors;

    expect(actual).toEqual(['Grace Hopper', 'Alan Turing']);
  });
});

describe('parseDailyPapers makes text and links safe', () => {
  it.each([
    ['githubRepo', 'javascript:alert(1)'],
    ['githubRepo', 'data:text/html,<script>alert(1)</script>'],
    ['githubRepo', 'JaVaScRiPt:alert(1)'],
    ['projectPage', 'javascript:alert(document.cookie)'],
    ['projectPage', 'data:text/html;base64,PHNjcmlwdD4='],
    ['projectPage', 'file:///etc/passwd'],
    ['projectPage', '/relative/path'],
  ] as const)('drops a %s of %j', (field, url) => {
    const item = makeItem(DAY, 0, { paper: { [field]: url } });

    const actual = parseOne(item)[field];

    expect(actual).toBeNull();
  });

  it('keeps an https project page', () => {
    const item = makeItem(DAY, 0, { paper: { projectPage: 'https://example.org/project' } });

    const actual = parseOne(item).projectPage;

    expect(actual).toBe('https://example.org/project');
  });

  it('removes bidi overrides and control characters from titles, authors and abstracts', () => {
    const item = makeItem(DAY, 0, {
      paper: {
        title: 'Safe\u202E gpj.exe\u202C title\u0000\u0007 \u2066here\u2069\u200F',
        authors: [{ name: 'Ada\u202E Lovelace\u0001', hidden: false }],
        summary: 'An\u202D abstract\u0008 with\u009B control characters.',
      },
    });

    const actual = parseOne(item);

    expect(actual.title).toBe('Safe gpj.exe title here');
    expect(actual.authors).toEqual(['Ada Lovelace']);
    expect(actual.abstract).toBe('An abstract with control characters.');
  });

  it('keeps paragraph breaks and collapses the rest of the whitespace', () => {
    const item = makeItem(DAY, 0, { paper: { summary: 'First line\nstill first.\n\n  Second\tparagraph.  ' } });

    const actual = parseOne(item).abstract;

    expect(actual).toBe('First line still first.\n\nSecond paragraph.');
  });

  it('truncates a huge abstract to 20,000 characters with an ellipsis', () => {
    const item = makeItem(DAY, 0, { paper: { summary: 'word '.repeat(100_000) } });

    const actual = parseOne(item).abstract;

    expect(actual).toHaveLength(20_000);
    expect(actual.endsWith('…')).toBe(true);
  });

  it('truncates a huge title to 1,000 characters', () => {
    const item = makeItem(DAY, 0, { paper: { title: 'T'.repeat(50_000) } });

    const actual = parseOne(item).title;

    expect(actual).toHaveLength(1_000);
  });
});

describe('parseJsonBody', () => {
  it('reads a JSON list', () => {
    const actual = parseJsonBody('[{"paper":{"id":"1"}}]', 'application/json; charset=utf-8');

    expect(actual).toEqual({ ok: true, json: [{ paper: { id: '1' } }] });
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Sign in</body></html>', 'text/html; charset=utf-8'],
    ['an HTML page labelled as JSON', '\n  <html><head><title>Portal</title></head></html>', 'application/json'],
    ['JSON labelled as HTML', '[]', 'text/html'],
  ])('rejects %s with bad-response', (_case, text, contentType) => {
    const actual = parseJsonBody(text, contentType);

    expect(actual).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', detail: 'got a web page instead of data' },
    });
  });

  it.each([
    ['truncated JSON', '[{"paper":{"id":"2602.23229","title":"Large Multi'],
    ['broken JSON', '[{paper: 1,}]'],
    ['an empty body', ''],
  ])('rejects %s with bad-response', (_case, text) => {
    const actual = parseJsonBody(text, 'application/json');

    expect(actual).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', detail: 'the answer was not valid JSON' },
    });
  });
});
