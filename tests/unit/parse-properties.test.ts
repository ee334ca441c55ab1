// Property tests of the API parser (fast-check): whatever Hugging Face, a mirror or a proxy in
// between answers, parsing returns papers or a typed failure, never throws, keeps a valid paper
// whatever its optional fields hold, and lets through only http(s) links.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDailyPapers, parseJsonBody } from '@/lib/parse-daily-papers';
import { safeHttpUrl } from '@/lib/safe-url';
import type { FailureKind, Paper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const DAY = '2026-03-06';
const FAILURE_KINDS: FailureKind[] = [
  'offline',
  'timeout',
  'rate-limited',
  'server',
  'bad-response',
  'quota',
  'storage',
];
/** Runs per property: enough to find the odd shape, quick enough for every `npm test`. */
const RUNS = { numRuns: 300 } as const;

/** Any value at all, including the odd ones JSON never makes (null prototypes, holes, boxes, maps). */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Values for an optional field: missing, null, or any JSON / any value at all. */
const optionalField = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.jsonValue(),
  anyValue,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
);

const paperId = fc.stringMatching(/^[\w.\-/]{1,64}$/);
/** A title with at least one visible character. */
const title = fc.tuple(fc.string(), fc.stringMatching(/^[A-Za-z]$/), fc.string()).map(([a, b, c]) => `${a}${b}${c}`);

const OPTIONAL_PAPER_FIELDS = [
  'summary',
  'authors',
  'organization',
  'upvotes',
  'numComments',
  'ai_summary',
  'ai_keywords',
  'githubRepo',
  'githubStars',
  'projectPage',
  'publishedAt',
  'submittedOnDailyAt',
] as const;
const OPTIONAL_ITEM_FIELDS = ['title', 'summary', 'organization', 'upvotes', 'numComments', 'publishedAt'] as const;

/** An optional field is left out, or holds anything. */
function optionalFields(keys: readonly string[]) {
  const model: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(keys.map((key) => [key, optionalField]));
  return fc.record(model, { requiredKeys: [] });
}

/** A valid API item (an id and a title) whose every other field, on the item and the paper, may be anything. */
const validItem = fc
  .record({
    id: paperId,
    title,
    paperFields: optionalFields(OPTIONAL_PAPER_FIELDS),
    itemFields: optionalFields(OPTIONAL_ITEM_FIELDS),
    extra: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  })
  .map(({ id, title: itemTitle, paperFields, itemFields, extra }) => ({
    item: { ...extra, ...itemFields, paper: { ...extra, ...paperFields, id, title: itemTitle } },
    id: id.trim(),
  }));

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHttpOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'string' && /^https?:\/\//.test(value));
}

/** Every field of a kept paper has its type, whatever the API sent. */
function expectSafePaper(paper: Paper): void {
  expect(typeof paper.id).toBe('string');
  expect(paper.title.trim()).not.toBe('');
  expect(typeof paper.abstract).toBe('string');
  expect(paper.authors.every((author) => typeof author === 'string' && author !== '')).toBe(true);
  expect(paper.organization === null || typeof paper.organization === 'string').toBe(true);
  expect(isCount(paper.upvotes)).toBe(true);
  expect(isCount(paper.numComments)).toBe(true);
  expect(paper.aiSummary === null || typeof paper.aiSummary === 'string').toBe(true);
  expect(paper.aiKeywords.every((keyword) => typeof keyword === 'string')).toBe(true);
  expect(isHttpOrNull(paper.githubRepo)).toBe(true);
  expect(paper.githubStars === null || isCount(paper.githubStars)).toBe(true);
  expect(isHttpOrNull(paper.projectPage)).toBe(true);
  expect(paper.publishedAt === null || !Number.isNaN(Date.parse(paper.publishedAt))).toBe(true);
  // Structured-clone safe: what the parser returns can be stored in IndexedDB as it is.
  expect(structuredClone(paper)).toEqual(paper);
}

describe('parseDailyPapers on any input', () => {
  it.each([
    ['any JSON value', fc.jsonValue()],
    ['any value at all', anyValue],
    ['a list of any JSON values', fc.array(fc.jsonValue())],
    ['a list of any values', fc.array(anyValue)],
  ])('returns papers or a typed failure and never throws, for %s', (_case, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (body) => {
        const actual = parseDailyPapers(body, DAY);

        if (actual.ok) {
          expect(Array.isArray(body)).toBe(true);
          expect(actual.papers.length + actual.skipped).toBe((body as unknown[]).length);
          actual.papers.forEach(expectSafePaper);
        } else {
          expect(FAILURE_KINDS).toContain(actual.failure.kind);
          expect(actual.failure.detail).toMatch(/\S/);
        }
      }),
      RUNS,
    );
  });

  it('fails with bad-response, never with papers, when the body is not a list', () => {
    fc.assert(
      fc.property(
        anyValue.filter((value) => !Array.isArray(value)),
        (body) => {
          const actual = parseDailyPapers(body, DAY);

          expect(actual).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
        },
      ),
      RUNS,
    );
  });

  it('reads any text without throwing: JSON, a typed failure for the rest', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()),
        fc.option(fc.string()),
        (text, type) => {
          const actual = parseJsonBody(text, type);

          expect(actual.ok || actual.failure.kind === 'bad-response').toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('parseDailyPapers on valid items with odd optional fields', () => {
  it('keeps the paper, with safe defaults, whatever the optional fields hold', () => {
    fc.assert(
      fc.property(validItem, ({ item, id }) => {
        const actual = parseDailyPapers([item], DAY);

        expect(actual).toMatchObject({ ok: true, skipped: 0 });
        const [paper] = actual.ok ? actual.papers : [];
        expect(paper).toMatchObject({ id, feedDay: DAY });
        expectSafePaper(paper!);
      }),
      RUNS,
    );
  });

  it('keeps every valid item of a list, even with junk between them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(validItem, { selector: ({ id }) => id, maxLength: 8 }),
        fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.jsonValue())), { maxLength: 8 }),
        (valid, junk) => {
          const body = [...valid.map(({ item }) => item), ...junk];

          const actual = parseDailyPapers(body, DAY);

          expect(actual.ok && actual.papers.map((paper) => paper.id)).toEqual(valid.map(({ id }) => id));
          expect(actual.ok && actual.skipped).toBe(junk.length);
        },
      ),
      RUNS,
    );
  });

  it('uses the plain defaults when every optional field is missing or null', () => {
    const expected: Paper = makePaper({ feedDay: DAY });
    const nulls = Object.fromEntries(OPTIONAL_PAPER_FIELDS.map((key) => [key, null]));

    const missing = parseDailyPapers([{ paper: { id: '2603.00001', title: 'A paper' } }], DAY);
    const nulled = parseDailyPapers(
      [{ paper: { ...nulls, id: '2603.00001', title: 'A paper' }, numComments: null }],
      DAY,
    );

    expect(missing).toEqual({ ok: true, papers: [expected], skipped: 0 });
    expect(nulled).toEqual({ ok: true, papers: [expected], skipped: 0 });
  });
});

describe('hostile text', () => {
  const markup = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '{{constructor.constructor("alert(1)")()}}',
    '&lt;b&gt; &amp; &#x3C;',
  ];

  it.each(markup)('keeps markup as literal text in every text field: %s', (hostile) => {
    const item = {
      paper: {
        id: '2603.00001',
        title: hostile,
        summary: hostile,
        ai_summary: hostile,
        ai_keywords: [hostile],
        authors: [{ name: hostile }],
        organization: { fullname: hostile },
      },
    };

    const actual = parseDailyPapers([item], DAY);

    expect(actual.ok && actual.papers[0]).toMatchObject({
      title: hostile,
      abstract: hostile,
      aiSummary: hostile,
      aiKeywords: [hostile],
      authors: [hostile],
      organization: hostile,
    });
  });

  it('removes bidi overrides and control characters from every text field, keeping the words', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              '\u202e',
              '\u202d',
              '\u2066',
              '\u2067',
              '\u2068',
              '\u2069',
              '\u200e',
              '\u200f',
              '\u0000',
              '\u001b',
              '\u009b',
            ),
            fc.stringMatching(/^[a-z]{1,6}$/),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (parts) => {
          const hostile = `Title ${parts.join('')}`;
          const item = { paper: { id: '2603.00001', title: hostile, summary: hostile, authors: [hostile] } };

          const actual = parseDailyPapers([item], DAY);

          const paper = actual.ok ? actual.papers[0] : undefined;
          const expected = hostile.replace(/[^\sa-zA-Z]/g, '').trim();
          for (const text of [paper?.title, paper?.abstract, paper?.authors[0]]) {
            expect(text).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a 100 KB abstract as text, cut to a size the popup can show', () => {
    const abstract = 'Attention is all you need. '.repeat(4_000); // ~108 KB
    const item = { paper: { id: '2603.00001', title: 'Long', summary: abstract, ai_summary: abstract } };

    const actual = parseDailyPapers([item], DAY);

    const paper = actual.ok ? actual.papers[0] : undefined;
    expect(abstract.length).toBeGreaterThan(100_000);
    expect(paper?.abstract.length).toBeLessThanOrEqual(20_000);
    expect(paper?.abstract.startsWith('Attention is all you need. Attention')).toBe(true);
    expect(paper?.abstract.endsWith('…')).toBe(true);
    expect(paper?.aiSummary?.length).toBeLessThanOrEqual(20_000);
  });

  it('keeps a 100 KB title or author name short', () => {
    const long = 'x'.repeat(100_000);
    const item = { paper: { id: '2603.00001', title: long, authors: [long] } };

    const actual = parseDailyPapers([item], DAY);

    expect(actual.ok && actual.papers[0]!.title.length).toBeLessThanOrEqual(1_000);
    expect(actual.ok && actual.papers[0]!.authors[0]!.length).toBeLessThanOrEqual(300);
  });
});

describe('links', () => {
  const hostileLinks = [
    'javascript:alert(1)',
    '  JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/paper.pdf',
    'blob:https://example.com/1234',
    'chrome-extension://abc/popup.html',
    'about:blank',
    '//evil.example.com/repo',
    '/relative/path',
    'github.com/owner/repo',
  ];

  it.each(hostileLinks)('drops the non-http link %j from githubRepo and projectPage', (link) => {
    const item = { paper: { id: '2603.00001', title: 'A paper', githubRepo: link, projectPage: link } };

    const actual = parseDailyPapers([item], DAY);

    expect(actual.ok && actual.papers[0]).toMatchObject({ githubRepo: null, projectPage: null });
  });

  it('never lets any other scheme through, whatever the string', () => {
    const scheme = fc.oneof(
      fc.constantFrom('javascript', 'data', 'vbscript', 'file', 'ftp', 'blob', 'about', 'chrome', 'moz-extension'),
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,10}$/),
    );
    const mixCase = (text: string, flips: boolean[]): string =>
      [...text].map((char, index) => (flips[index % flips.length] === true ? char.toUpperCase() : char)).join('');
    const link = fc
      .record({
        scheme,
        flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        padding: fc.stringMatching(/^[ \t\n\u0000-\u001f]{0,3}$/),
        rest: fc.string(),
      })
      .map(({ scheme: name, flips, padding, rest }) => `${padding}${mixCase(name, flips)}:${rest}`);

    fc.assert(
      fc.property(fc.oneof(link, fc.string(), fc.webUrl()), (value) => {
        const item = { paper: { id: '2603.00001', title: 'A paper', githubRepo: value, projectPage: value } };

        const actual = parseDailyPapers([item], DAY);

        const paper = actual.ok ? actual.papers[0] : undefined;
        expect(isHttpOrNull(paper?.githubRepo)).toBe(true);
        expect(isHttpOrNull(paper?.projectPage)).toBe(true);
        expect(paper?.githubRepo).toBe(safeHttpUrl(value));
      }),
      RUNS,
    );
  });

  it('keeps real http(s) links', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => {
        const item = { paper: { id: '2603.00001', title: 'A paper', githubRepo: url } };

        const actual = parseDailyPapers([item], DAY);

        expect(actual.ok && actual.papers[0]!.githubRepo).toBe(new URL(url).href);
      }),
      RUNS,
    );
  });
});
