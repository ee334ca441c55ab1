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
