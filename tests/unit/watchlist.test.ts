import { describe, expect, it } from 'vitest';
import type { WatchEntry } from '@/lib/settings';
import { compileWatchlist, describeMatches } from '@/lib/watchlist';
import { makePaper } from '../fixtures/paper';

const keyword = (value: string): WatchEntry => ({ kind: 'keyword', value });
const author = (value: string): WatchEntry => ({ kind: 'author', value });
const organization = (value: string): WatchEntry => ({ kind: 'organization', value });

/** Whether a single keyword matches a paper with this title. */
function keywordMatchesTitle(value: string, title: string): boolean {
  return compileWatchlist([keyword(value)]).match(makePaper({ title })).length > 0;
}

describe('keywords', () => {
  it.each([
    ['LLM', 'Serving an LLM agent at scale'],
    ['llm', 'Serving an LLM agent at scale'],
    ['LLM', 'LLM: a survey'],
    ['LLM', 'Agents (LLM) in the loop'],
    ['LLM', 'Fast LLM-based retrieval'],
    ['diffusion', 'DIFFUSION models'],
    ['Mamba', 'Mamba'],
  ])('matches the keyword %j as a whole word in %j, whatever the case', (value, title) => {
    expect(keywordMatchesTitle(value, title)).toBe(true);
  });

  it.each([
    ['LLM', 'Efficient LLMs on a budget'],
    ['LLM', 'FlexLLM: co-serving'],
    ['ViT', 'Training ViTs faster'],
    ['GPT', 'GPT4 evaluated'],
    ['art', 'Artistic, state-of-the-artwork'],
    ['diffusion', 'Diffusional processes'],
  ])('does not match the keyword %j inside a longer word in %j', (value, title) => {
    expect(keywordMatchesTitle(value, title)).toBe(false);
  });

  it('counts letters of any script as part of a word', () => {
    expect(keywordMatchesTitle('caf', 'Un café pour les modèles')).toBe(false);
    expect(keywordMatchesTitle('café', 'Un CAFÉ pour les modèles')).toBe(true);
  });

  it.each([
    ['large language models', 'Scaling Large Language Models'],
    ['large language models', 'Scaling large  language\nmodels'],
    ['large language models', 'Scaling large-language-models'],
    ['mixture of experts', 'Sparse Mixture-of-Experts routing'],
  ])('matches the multi-word keyword %j across spaces and hyphens in %j', (value, title) => {
    expect(keywordMatchesTitle(value, title)).toBe(true);
  });

  it('does not match a multi-word keyword when the words are apart', () => {
    expect(keywordMatchesTitle('large language models', 'Large vision and language models')).toBe(false);
  });

  it.each([
    ['C++', 'Closing the Performance Gap with Modern C++', true],
    ['C++', 'Closing the gap with modern C', false],
    ['(RL)', 'Reinforcement learning (RL) for reasoning', true],
    ['(RL)', 'RL for reasoning', false],
    ['A*', 'A*-Decoding: Token-Efficient Inference Scaling', true],
    ['O(k)', 'Fast k-Medoids: O(k) Runtime Improvement', true],
    ['$x^2$', 'Fitting $x^2$ exactly', true],
    ['[CLS] token', 'What the [CLS] token knows', true],
    ['a.b', 'axb is not a dot', false],
    ['back\\slash', 'a back\\slash in a title', true],
    ['what?', 'So what? A study', true],
    ['a|b', 'a or b', false],
  ])('takes regular-expression characters in %j literally (in %j: %s)', (value, title, expected) => {
    const actual = keywordMatchesTitle(value, title);

    expect(actual).toBe(expected);
  });

  it('looks in the title, the abstract and the AI keywords', () => {
    const matcher = compileWatchlist([keyword('speculative decoding')]);
    const inTitle = makePaper({ title: 'Speculative Decoding, revisited' });
    const inAbstract = makePaper({ abstract: 'We speed up speculative decoding by 2x.' });
    const inAiKeywords = makePaper({ aiKeywords: ['KV cache', 'Speculative decoding'] });
    const nowhere = makePaper({
      title: 'Decoding',
      abstract: 'Speculative execution',
      aiSummary: 'speculative decoding',
    });

    const actual = [inTitle, inAbstract, inAiKeywords, nowhere].map((paper) => matcher.match(paper).length > 0);

    expect(actual).toEqual([true, true, true, false]);
  });

  it('does not look for keywords in author or organization names', () => {
    const matcher = compileWatchlist([keyword('Google')]);
    const paper = makePaper({ authors: ['Google Brain Team'], organization: 'Google' });

    expect(matcher.match(paper)).toEqual([]);
  });

  it('ignores an entry that is blank', () => {
    const matcher = compileWatchlist([keyword('   '), keyword('')]);

    expect(matcher.match(makePaper({ title: 'Anything at all' }))).toEqual([]);
  });
});

describe('authors', () => {
  it.each([
    ['Hinton', true],
    ['hinton', true],
    ['Geoffrey Hinton', true],
    ['geoffrey  hinton', true],
    ['Geoffrey', true],
    ['Hint', false],
    ['Hinton Geoffrey', false],
    ['Yann LeCun', false],
  ])('matches %j against "Geoffrey Hinton": %s', (value, expected) => {
    const paper = makePaper({ authors: ['Ada Lovelace', 'Geoffrey Hinton'] });

    const actual = compileWatchlist([author(value)]).match(paper).length > 0;

    expect(actual).toBe(expected);
  });

  it('looks only at the authors, not the title', () => {
    const paper = makePaper({ title: 'What Hinton said', authors: ['Ada Lovelace'] });

    expect(compileWatchlist([author('Hinton')]).match(paper)).toEqual([]);
  });

  it('matches a hyphenated name written with a space', () => {
    const paper = makePaper({ authors: ['Jean-Baptiste Alayrac'] });

    expect(compileWatchlist([author('Jean Baptiste')]).match(paper)).toEqual([author('Jean Baptiste')]);
  });
});

describe('organizations', () => {
  it.each([
    ['Meta', 'Meta Llama', true],
    ['meta llama', 'Meta Llama', true],
    ['Ai2', 'Ai2', true],
    ['Google', 'Google DeepMind', true],
    ['Goog', 'Google DeepMind', false],
    ['DeepMind', 'Google', false],
  ])('matches %j against the organization %j: %s', (value, name, expected) => {
    const paper = makePaper({ organization: name });

    const actual = compileWatchlist([organization(value)]).match(paper).length > 0;

    expect(actual).toBe(expected);
  });

  it('matches nothing when the paper has no organization', () => {
    const paper = makePaper({ organization: null, title: 'Google', authors: ['Google'] });

    expect(compileWatchlist([organization('Google')]).match(paper)).toEqual([]);
  });
});

describe('a watchlist of several entries', () => {
  const entries = [
    organization('Qwen'),
    keyword('diffusion'),
    author('Yann LeCun'),
    keyword('robotics'),
    keyword('benchmark'),
  ];

  it('returns every entry a paper matches, in watchlist order', () => {
    const paper = makePaper({
      title: 'A benchmark for diffusion policies',
      authors: ['Yann LeCun'],
      organization: 'Qwen',
    });

    const actual = compileWatchlist(entries).match(paper);

    expect(actual).toEqual([organization('Qwen'), keyword('diffusion'), author('Yann LeCun'), keyword('benchmark')]);
  });

  it('returns nothing for a paper that matches no entry', () => {
    const paper = makePaper({ title: 'Sequence parallelism', authors: ['Ada Lovelace'], organization: 'Google' });

    expect(compileWatchlist(entries).match(paper)).toEqual([]);
  });

  it('matches nothing with an empty watchlist', () => {
    const paper = makePaper({ title: 'Diffusion', authors: ['Yann LeCun'], organization: 'Qwen' });

    expect(compileWatchlist([]).match(paper)).toEqual([]);
  });

  it('gives the same answer for the same paper tested twice (no regex state kept)', () => {
    const matcher = compileWatchlist([keyword('diffusion')]);
    const paper = makePaper({ title: 'Diffusion', abstract: 'diffusion diffusion' });

    const actual = [matcher.match(paper), matcher.match(paper), matcher.match(paper)];

    expect(actual).toEqual([[keyword('diffusion')], [keyword('diffusion')], [keyword('diffusion')]]);
  });
});

describe('describeMatches', () => {
  it('names what matched, in order, for people', () => {
    const actual = describeMatches([keyword('diffusion'), author('Yann LeCun'), organization('Ai2')]);

    expect(actual).toBe('diffusion, Yann LeCun, Ai2');
  });

  it('names a single match alone', () => {
    expect(describeMatches([keyword('C++')])).toBe('C++');
  });

  it('is empty for no match', () => {
    expect(describeMatches([])).toBe('');
  });
});
