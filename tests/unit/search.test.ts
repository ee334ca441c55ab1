import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight, MAX_QUERY_LENGTH, PaperSearchIndex, queryTerms, SEARCH_INDEX_VERSION } from '@/lib/search';
import { makePaper } from '../fixtures/paper';

const diffusionTitle = makePaper({
  id: '2603.00001',
  title: 'Diffusion Models Beat GANs on Image Synthesis',
  abstract: 'We compare generative models on standard image benchmarks.',
  authors: ['Prafulla Dhariwal', 'Alex Nichol'],
  feedDay: '2026-03-06',
});
const diffusionAbstract = makePaper({
  id: '2603.00002',
  title: 'Scaling Vision Backbones',
  abstract: 'Our backbone also improves diffusion models trained on video.',
  authors: ['Mira Okafor'],
  feedDay: '2026-03-06',
});
const transformer = makePaper({
  id: '2602.00003',
  title: 'Attention Is All You Need, Again: A Transformer for Tables',
  abstract: 'A tabular model.',
  authors: ['Ada Lovelace', 'Jürgen Schölkopf'],
  organization: 'Ai2',
  aiKeywords: ['tabular learning', 'attention'],
  feedDay: '2026-02-20',
});
const olderTransformer = makePaper({
  id: '2305.00004',
  title: 'Sparse Transformer Layers',
  abstract: 'Sparse attention for long documents.',
  authors: ['Yann Chen'],
  organization: 'Meta Llama',
  feedDay: '2023-05-04',
});

function indexOf(...papers: Parameters<PaperSearchIndex['addPapers']>[0][]): PaperSearchIndex {
  const index = PaperSearchIndex.create();
  for (const batch of papers) index.addPapers(batch);
  return index;
}

const all = [diffusionTitle, diffusionAbstract, transformer, olderTransformer];

describe('PaperSearchIndex.search', () => {
  it('ranks a paper with the word in its title above one with it only in the abstract', () => {
    const index = indexOf(all);

    const actual = index.search('diffusion').map((hit) => hit.id);

    expect(actual).toEqual(['2603.00001', '2603.00002']);
  });

  it('finds "diffusion" from the prefix "diffu"', () => {
    const index = indexOf(all);

    const hits = index.search('diffu');

    expect(hits.map((hit) => hit.id)).toEqual(['2603.00001', '2603.00002']);
    expect(hits[0]!.terms).toEqual(['diffusion']);
  });

  it('forgives a typo in a longer word: "transfromer" finds the transformers', () => {
    const index = indexOf(all);

    const actual = index.search('transfromer').map((hit) => hit.id);

    expect(actual).toEqual(expect.arrayContaining(['2602.00003', '2305.00004']));
    expect(actual).toHaveLength(2);
  });

  it('does not guess at short words: "gam" is not "gan"', () => {
    const index = indexOf(all);

    expect(index.search('gam')).toEqual([]);
    expect(index.search('gans').map((hit) => hit.id)).toEqual(['2603.00001']);
  });

  it('finds a paper by an author, with or without the accents', () => {
    const index = indexOf(all);

    expect(index.search('Lovelace').map((hit) => hit.id)).toEqual(['2602.00003']);
    expect(index.search('scholkopf').map((hit) => hit.id)).toEqual(['2602.00003']);
    expect(index.search('Schölkopf').map((hit) => hit.id)).toEqual(['2602.00003']);
  });

  it('ranks an author match above the same word in an abstract', () => {
    const byAuthor = makePaper({ id: 'a', title: 'Graphs', authors: ['Lin Okafor'] });
    const inAbstract = makePaper({ id: 'b', title: 'Graphs', abstract: 'Following Okafor, we study graphs.' });
    const index = indexOf([inAbstract, byAuthor]);

    expect(index.search('okafor').map((hit) => hit.id)).toEqual(['a', 'b']);
  });

  it('finds organizations and AI keywords', () => {
    const index = indexOf(all);

    expect(index.search('meta llama').map((hit) => hit.id)).toEqual(['2305.00004']);
    expect(index.search('tabular learning')[0]?.id).toBe('2602.00003');
  });

  it('narrows with every word typed', () => {
    const index = indexOf(all);

    expect(
      index
        .search('diffusion')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['2603.00001', '2603.00002']);
    expect(index.search('diffusion video').map((hit) => hit.id)).toEqual(['2603.00002']);
  });

  it('keeps the results while the next word has only a letter or two', () => {
    const index = indexOf(all);

    expect(index.search('sparse a').map((hit) => hit.id)).toEqual(['2305.00004']);
    expect(index.search('sparse at').map((hit) => hit.id)).toEqual(['2305.00004']);
  });

  it('matches a short word being typed as the start of title, author, keyword and organization words', () => {
    const index = indexOf(all);

    expect(index.search('atte').map((hit) => hit.id)).toEqual(['2602.00003']);
    expect(index.search('ada lov').map((hit) => hit.id)).toEqual(['2602.00003']);
  });

  it('matches the word being typed as the start of abstract words from five letters', () => {
    const index = indexOf(all);

    expect(index.search('sparse docu').map((hit) => hit.id)).toEqual([]);
    expect(index.search('sparse docum').map((hit) => hit.id)).toEqual(['2305.00004']);
  });

  it('returns results across days, each with its feed day, best first and newer first on a tie', () => {
    const twin = { ...olderTransformer, id: '2603.00005', feedDay: '2026-03-05' };
    const index = indexOf(all, [twin]);

    const actual = index.search('sparse').map((hit) => [hit.id, hit.feedDay]);

    expect(actual).toEqual([
      ['2603.00005', '2026-03-05'],
      ['2305.00004', '2023-05-04'],
    ]);
  });

  it('stops at the limit', () => {
    const index = indexOf(all);

    expect(index.search('transformer', { limit: 1 })).toHaveLength(1);
    expect(index.search('transformer', { limit: 0 })).toEqual([]);
  });

  it.each(['', '   ', '\n\t', '!!! ---', 'the of and'])('finds nothing for the empty query %j', (query) => {
    const index = indexOf(all);

    expect(index.search(query)).toEqual([]);
  });

  it('treats hostile text as text', () => {
    const hostile = makePaper({
      id: 'x',
      title: '<img src=x onerror=alert(1)> Robust Parsing',
      abstract: '"; DROP TABLE papers; -- \u202e reversed \u0000 nul',
      authors: ['<script>alert(1)</script>'],
    });
    const index = indexOf([hostile, ...all]);

    expect(index.search('<img src=x onerror=alert(1)>').map((hit) => hit.id)).toEqual(['x']);
    expect(index.search('script').map((hit) => hit.id)).toEqual(['x']);
    expect(index.search('(.*)+$^[').map((hit) => hit.id)).toEqual([]);
    expect(index.search('x'.repeat(10_000))).toEqual([]);
  });

  it('looks at most at the first 250 characters of a query', () => {
    expect(MAX_QUERY_LENGTH).toBe(250);
    expect(queryTerms(`${'word '.repeat(60)}sparse`)).not.toContain('sparse');
  });
});

describe('changing the index', () => {
  it('replaces a paper indexed again: the new text is found, the old is not', () => {
    const index = indexOf(all);

    index.addPapers([{ ...diffusionAbstract, title: 'Scaling Vision Backbones for Robotics', abstract: 'Robots.' }]);

    expect(index.size).toBe(4);
    expect(index.search('robotics').map((hit) => hit.id)).toEqual(['2603.00002']);
    expect(index.search('diffusion').map((hit) => hit.id)).toEqual(['2603.00001']);
  });

  it('moves a paper listed again on another day', () => {
    const index = indexOf(all);

    index.addPapers([{ ...olderTransformer, feedDay: '2023-05-05' }]);

    expect(index.search('sparse')[0]?.feedDay).toBe('2023-05-05');
  });

  it('keeps the last of duplicates in one batch', () => {
    const index = indexOf([olderTransformer, { ...olderTransformer, title: 'Dense Layers' }]);

    expect(index.size).toBe(1);
    expect(index.search('dense').map((hit) => hit.id)).toEqual(['2305.00004']);
    expect(index.search('transformer')).toEqual([]);
  });

  it('removes papers, ignoring ids it never had', () => {
    const index = indexOf(all);

    index.removePapers(['2603.00001', 'unknown']);

    expect(index.size).toBe(3);
    expect(index.has('2603.00001')).toBe(false);
    expect(index.search('diffusion').map((hit) => hit.id)).toEqual(['2603.00002']);
  });
});

/** Words sharing prefixes and one letter apart, so prefix and typo lookups overlap. */
const VOCABULARY = [
  'diffusion',
  'diffuse',
  'different',
  'model',
  'models',
  'modal',
  'transformer',
  'transformers',
  'translation',
  'sparse',
  'spare',
  'coding',
  'decoding',
  'language',
  'languages',
  'large',
  'largest',
  'video',
  'vision',
  'mode',
  'code',
  'vid',
];
const words = (max: number) =>
  fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: max }).map((list) => list.join(' '));
const collection = fc
  .array(
    fc.record({
      title: words(5),
      abstract: words(20),
      authors: fc.array(fc.constantFrom('Ada Lovelace', 'Yann Chen', 'Mira Okafor', 'Jürgen Schölkopf'), {
        maxLength: 2,
      }),
      aiKeywords: fc.array(words(2), { maxLength: 2 }),
      feedDay: fc.constantFrom('2026-03-04', '2026-03-05', '2026-03-06'),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((papers) => papers.map((paper, n) => makePaper({ ...paper, id: `2603.${String(n).padStart(5, '0')}` })));
/** A query as typed: words of the vocabulary, maybe with a typo, cut anywhere. */
const typed = fc
  .tuple(words(3), fc.nat(), fc.boolean())
  .map(([text, cut, typo]) => (typo ? text.replace('o', 'p') : text).slice(0, 1 + (cut % text.length)));

/** Same papers, same order up to rounding of equal scores, same matched words. */
function expectSameHits(actual: ReturnType<PaperSearchIndex['search']>, expected: typeof actual): void {
  expect(actual.map((hit) => hit.id).sort()).toEqual(expected.map((hit) => hit.id).sort());
  actual.forEach((hit, n) => expect(hit.score).toBeCloseTo(expected[n]!.score, 6));
  const byId = new Map(expected.map((hit) => [hit.id, hit]));
  for (const hit of actual) expect([...hit.terms].sort()).toEqual([...byId.get(hit.id)!.terms].sort());
}

describe("the scorer over MiniSearch's index", () => {
  it("ranks exactly as MiniSearch's own search does", () => {
    fc.assert(
      fc.property(collection, fc.array(typed, { minLength: 1, maxLength: 5 }), (papers, queries) => {
        const index = indexOf(papers);
        for (const query of queries) {
          expectSameHits(index.search(query), index.search(query, { scorer: 'minisearch' }));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives each keystroke of a typed query the results of that query searched afresh', () => {
    fc.assert(
      fc.property(collection, words(3), fc.nat(), (papers, text, back) => {
        const index = indexOf(papers);
        // Typed a letter at a time, then partly erased, then typed again.
        const lengths = [...Array(text.length).keys()].map((n) => n + 1);
        const erased = lengths.slice(0, Math.max(1, text.length - (back % text.length))).reverse();
        for (const length of [...lengths, ...erased, ...lengths]) {
          const query = text.slice(0, length);
          expect(index.search(query, { limit: 5 })).toEqual(indexOf(papers).search(query, { limit: 5 }));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('forgets remembered results when papers are added or removed', () => {
    const index = indexOf(all);
    expect(index.search('robot')).toEqual([]);

    index.addPapers([makePaper({ id: '2603.00009', title: 'Robots that read papers', feedDay: '2026-03-06' })]);
    expect(index.search('robot').map((hit) => hit.id)).toEqual(['2603.00009']);

    index.removePapers(['2603.00009']);
    expect(index.search('robot')).toEqual([]);
  });

  it('keeps the best hits at a limit smaller than the matches, in order', () => {
    const papers = Array.from({ length: 30 }, (_, n) =>
      makePaper({
        id: `2603.${String(n).padStart(5, '0')}`,
        title: n % 3 === 0 ? 'Diffusion diffusion' : 'Diffusion',
        abstract: 'models '.repeat(1 + (n % 4)),
        feedDay: `2026-03-${String(1 + (n % 9)).padStart(2, '0')}`,
      }),
    );
    const index = indexOf(papers);

    const all30 = index.search('diffusion models');

    expect(all30).toHaveLength(30);
    expect(index.search('diffusion models', { limit: 7 })).toEqual(all30.slice(0, 7));
    expect(index.search('diffusion models', { limit: 0 })).toEqual([]);
  });
});

describe('storing the index', () => {
  it('finds the same after a round trip through JSON', () => {
    const index = indexOf(all);
    index.addPapers([{ ...diffusionAbstract, abstract: 'Now about robots.' }]);

    const restored = PaperSearchIndex.loadJSON(JSON.stringify(index));

    expect(restored?.size).toBe(4);
    for (const query of ['diffu', 'transfromer', 'lovelace', 'robots', 'sparse att']) {
      expect(restored?.search(query)).toEqual(index.search(query));
    }
  });

  it('finds the same after a round trip through parts, loaded a part at a time', async () => {
    const many = Array.from({ length: 600 }, (_, n) =>
      makePaper({
        id: `2604.${String(n).padStart(5, '0')}`,
        title: `Quokka ${n} navigation with wombat${n} sensors`,
        abstract: `Small robots, ${Array.from({ length: 40 }, (_, k) => `r${n}x${k}`).join(' ')}.`,
        feedDay: '2026-04-01',
      }),
    );
    const index = indexOf(all, many);
    const parts = index.toParts();
    let pauses = 0;

    const restored = await PaperSearchIndex.loadParts(parts, () => {
      pauses += 1;
      return Promise.resolve();
    });

    expect(parts.length).toBeGreaterThan(2);
    expect(pauses).toBe(parts.length - 1);
    expect(restored?.size).toBe(604);
    for (const query of ['diffu', 'transfromer', 'lovelace', 'wombat12', 'quokka navigation', 'sparse att']) {
      expect(restored?.search(query, { limit: 20 })).toEqual(index.search(query, { limit: 20 }));
    }
  });

  it('gives null (rebuild) for parts of another version or a broken part', async () => {
    const parts = indexOf(all).toParts();
    const otherVersion = [
      JSON.stringify({ ...JSON.parse(parts[0]!), version: SEARCH_INDEX_VERSION + 1 }),
      ...parts.slice(1),
    ];

    expect(await PaperSearchIndex.loadParts(otherVersion)).toBeNull();
    expect(await PaperSearchIndex.loadParts([parts[0]!, '[["word", 3]]'])).toBeNull();
    expect(await PaperSearchIndex.loadParts([parts[0]!, '[["wo'])).toBeNull();
    expect(await PaperSearchIndex.loadParts([])).toBeNull();
  });

  it('restores asynchronously as well', async () => {
    const index = indexOf(all);

    const restored = await PaperSearchIndex.loadJSONAsync(JSON.stringify(index));

    expect(restored?.search('diffusion')).toEqual(index.search('diffusion'));
  });

  it.each([
    ['another version', JSON.stringify({ version: SEARCH_INDEX_VERSION + 1, index: {} })],
    ['an index without its version', JSON.stringify(PaperSearchIndex.create().toJSON().index)],
    ['broken JSON', '{"version":1,'],
    ['a MiniSearch index it cannot read', JSON.stringify({ version: SEARCH_INDEX_VERSION, index: { a: 1 } })],
    ['null', 'null'],
  ])('gives null (rebuild) for %s', async (_case, json) => {
    expect(PaperSearchIndex.loadJSON(json)).toBeNull();
    expect(await PaperSearchIndex.loadJSONAsync(json)).toBeNull();
  });
});

describe('highlight', () => {
  it('marks the words that matched, keeping every character', () => {
    const text = 'Diffusion Models Beat GANs: diffusion, again.';

    const actual = highlight(text, ['diffusion']);

    expect(actual).toEqual([
      { text: 'Diffusion', match: true },
      { text: ' Models Beat GANs: ', match: false },
      { text: 'diffusion', match: true },
      { text: ', again.', match: false },
    ]);
    expect(actual.map((segment) => segment.text).join('')).toBe(text);
  });

  it('matches accented words by their plain form', () => {
    expect(highlight('Jürgen Schölkopf', ['scholkopf'])).toEqual([
      { text: 'Jürgen ', match: false },
      { text: 'Schölkopf', match: true },
    ]);
  });

  it('returns markup as plain text', () => {
    const text = '<b>bold</b> & <script>x</script>';

    const actual = highlight(text, ['script']);

    expect(actual.map((segment) => segment.text).join('')).toBe(text);
    expect(actual.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['script', 'script']);
  });

  it('gives the text unmarked without terms, and nothing for no text', () => {
    expect(highlight('Some title', [])).toEqual([{ text: 'Some title', match: false }]);
    expect(highlight('', ['title'])).toEqual([]);
  });

  it('highlights what a search hit matched', () => {
    const index = indexOf(all);
    const [hit] = index.search('diffu');

    const actual = highlight(diffusionTitle.title, hit!.terms).filter((segment) => segment.match);

    expect(actual).toEqual([{ text: 'Diffusion', match: true }]);
  });
});
