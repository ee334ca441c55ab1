import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import type { Paper } from './types';

/**
 * Bumped whenever the indexed fields, the tokenizer or the term processing change: a stored
 * index of another version is rebuilt from the papers, never misread.
 */
export const SEARCH_INDEX_VERSION = 1;

/** Longest query looked at (HF's own search stops at 250 characters too). */
export const MAX_QUERY_LENGTH = 250;

/** One search result: the paper, the feed day it was listed on, and the words that matched. */
export interface SearchHit {
  id: string;
  feedDay: string;
  score: number;
  /** The document words that matched (normalised, e.g. "diffusion" for the query "diffu"), for `highlight`. */
  terms: string[];
}

/** A run of text to render, marked when it is a matched word. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  match: boolean;
}

/** The part of a paper the index reads: every field indexed, plus the feed day it returns. */
export type SearchablePaper = Pick<
  Paper,
  'id' | 'feedDay' | 'title' | 'abstract' | 'authors' | 'organization' | 'aiKeywords'
>;

type Field = 'title' | 'abstract' | 'authors' | 'organization' | 'aiKeywords';
const FIELDS: Field[] = ['title', 'authors', 'aiKeywords', 'organization', 'abstract'];

/** A word of a title counts most, then an author, then keywords and organization, then the abstract. */
const BOOST: Record<Field, number> = { title: 4, authors: 3, aiKeywords: 2, organization: 2, abstract: 1 };

/**
 * Word separators: MiniSearch's default (spaces and punctuation) plus symbols, so "<b>x</b>"
 * or "LLM→Agent" split into words. A highlight splits the same way.
 */
const SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}]+/u;
const WORD = /[^\n\r\p{Z}\p{P}\p{S}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Words too common to tell papers apart: left out of the index (a third of an abstract's
 * words) and of queries, so a search never walks a posting list as long as the collection.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can do does for from has have how if in into is it its of on or our ' +
    'so such than that the their them then there these they this those to was we were what when which while ' +
    'who why will with'
  ).split(' '),
);

/** A word being typed is matched as a prefix from this many letters; shorter fragments wait for more. */
const MIN_PREFIX_LENGTH = 3;
/**
 * Below this length the word being typed is a prefix of titles, authors, keywords and
 * organizations only (the abstract still counts as a whole word): "tra" begins a word in
 * most abstracts, and scoring them all costs more than a frame.
 */
const ABSTRACT_PREFIX_LENGTH = 5;
const SHORT_FIELDS: Field[] = ['title', 'authors', 'aiKeywords', 'organization'];

const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without accents, so "Schölkopf" is found by "scholkopf" and the other way round. */
function normalizeTerm(term: string): string {
  // Most words are ASCII: skipping NFD for them makes indexing 20,000 abstracts markedly faster.
  if (ASCII.test(term)) return term.toLowerCase();
  return term.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * Typos are forgiven only in longer words (one edit from 5 letters, two from 8): a fuzzy
 * lookup of a short prefix would match half the vocabulary and cost a frame.
 */
function fuzziness(term: string): number | false {
  if (term.length >= 8) return 2;
  if (term.length >= 5) return 1;
  return false;
}

const OPTIONS: Options<SearchablePaper> = {
  fields: FIELDS,
  storeFields: ['feedDay'],
  // No background vacuuming: it runs on a timer after replacements, can outlive a worker's
  // database handle, and the worker stores the index right after each update anyway.
  autoVacuum: false,
  extractField: (paper, field) => {
    const value = paper[field as keyof SearchablePaper];
    if (Array.isArray(value)) return value.join(' \n ');
    return value ?? '';
  },
  tokenize: (text) => text.split(SEPARATOR),
  processTerm: (term) => {
    const normalized = normalizeTerm(term);
    return normalized === '' || STOP_WORDS.has(normalized) ? null : normalized;
  },
};

const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  // Prefix and typo matches count, but less than the word itself.
  weights: { prefix: 0.6, fuzzy: 0.3 },
  // Each word typed narrows the results.
  combineWith: 'AND',
};

/**
 * Typos are looked for only when the words as typed found fewer than this: a fuzzy lookup of a
 * common word ("models": "model", "modes", "modeled"…) walks several long posting lists, and a
 * word that already matches hundreds of papers is no typo.
 */
const FUZZY_BELOW = 10;

/**
 * The MiniSearch query for normalised terms: every word as typed (or with a typo when
 * `withTypos`); the last (still being typed) also as a prefix, of the short fields only until
 * it is long enough.
 */
function buildQuery(terms: string[], withTypos: boolean): Query {
  const queries = terms.map((term, index): Query => {
    const whole: Query = { queries: [term], fuzzy: withTypos && fuzziness(term), prefix: false };
    if (index < terms.length - 1 || term.length < MIN_PREFIX_LENGTH) return whole;
    if (term.length >= ABSTRACT_PREFIX_LENGTH) return { ...whole, prefix: true };
    return { combineWith: 'OR', queries: [whole, { queries: [term], prefix: true, fields: SHORT_FIELDS }] };
  });
  return { combineWith: 'AND', queries };
}

interface StoredIndex {
  version: number;
  index: unknown;
}

/**
 * A full-text index over papers (title, authors, AI keywords, organization, abstract) on
 * MiniSearch: prefix and typo-tolerant, best matches first. Holds no paper text, only terms.
 */
export class PaperSearchIndex {
  private constructor(private readonly engine: MiniSearch<SearchablePaper>) {}

  /** An empty index. */
  static create(): PaperSearchIndex {
    return new PaperSearchIndex(new MiniSearch(OPTIONS));
  }

  /**
   * Restores an index written by `toJSON` (as a JSON string). Null when the text is not one
   * or was written by another version: the caller rebuilds from the papers.
   */
  static loadJSON(json: string): PaperSearchIndex | null {
    let stored: unknown;
    try {
      stored = JSON.parse(json);
    } catch {
      return null;
    }
    if (!isStoredIndex(stored) || stored.version !== SEARCH_INDEX_VERSION) return null;
    try {
      return new PaperSearchIndex(MiniSearch.loadJS(stored.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS));
    } catch {
      return null;
    }
  }

  /** Like `loadJSON`, but builds the index in slices, leaving the page free to paint and take keys meanwhile. */
  static async loadJSONAsync(json: string): Promise<PaperSearchIndex | null> {
    let stored: unknown;
    try {
      stored = JSON.parse(json);
    } catch {
      return null;
    }
    if (!isStoredIndex(stored) || stored.version !== SEARCH_INDEX_VERSION) return null;
    try {
      const engine = await MiniSearch.loadJSAsync(stored.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS);
      return new PaperSearchIndex(engine);
    } catch {
      return null;
    }
  }

  /** How many papers are indexed. */
  get size(): number {
    return this.engine.documentCount;
  }

  /** True when the paper is indexed. */
  has(id: string): boolean {
    return this.engine.has(id);
  }

  /** Indexes papers; one already indexed is replaced (its text or feed day may have changed). */
  addPapers(papers: Iterable<SearchablePaper>): void {
    const seen = new Map<string, SearchablePaper>();
    for (const paper of papers) seen.set(paper.id, paper);
    const replaced = [...seen.keys()].filter((id) => this.engine.has(id));
    if (replaced.length > 0) this.engine.discardAll(replaced);
    this.engine.addAll([...seen.values()]);
  }

  /** Removes papers from the index (ids not indexed are ignored). */
  removePapers(ids: Iterable<string>): void {
    this.engine.discardAll([...new Set(ids)].filter((id) => this.engine.has(id)));
  }

  /** The papers matching `query`, best first (newer feed day first on a tie); none for a blank query. */
  search(query: string, options: { limit?: number } = {}): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    let results = this.engine.search(buildQuery(terms, false), SEARCH_OPTIONS);
    if (results.length < FUZZY_BELOW && terms.some((term) => fuzziness(term) !== false)) {
      results = this.engine.search(buildQuery(terms, true), SEARCH_OPTIONS);
    }
    const hits = results.map((result) => ({
      id: String(result.id),
      feedDay: typeof result.feedDay === 'string' ? result.feedDay : '',
      score: result.score,
      terms: result.terms,
    }));
    hits.sort((a, b) => b.score - a.score || (a.feedDay < b.feedDay ? 1 : a.feedDay > b.feedDay ? -1 : 0));
    return options.limit === undefined ? hits : hits.slice(0, Math.max(0, options.limit));
  }

  /** The index as plain data with its version; `JSON.stringify` it, and restore with `loadJSON`. */
  toJSON(): StoredIndex {
    return { version: SEARCH_INDEX_VERSION, index: this.engine.toJSON() };
  }
}

/**
 * The words of a query as the index knows them (normalised, stop words out). A last word still
 * being typed that is too short to be a useful prefix is left out while other words precede it,
 * so the results stay put between "video" and "video gen".
 */
export function queryTerms(query: string): string[] {
  const words = query
    .slice(0, MAX_QUERY_LENGTH)
    .split(SEPARATOR)
    .filter((word) => word !== '');
  const isTyping = !SEPARATOR.test(query.slice(-1));
  const terms = words.map(normalizeTerm).filter((term) => term !== '' && !STOP_WORDS.has(term));
  const last = terms.at(-1);
  if (isTyping && terms.length > 1 && last !== undefined && last.length < MIN_PREFIX_LENGTH) terms.pop();
  return terms;
}

/**
 * Splits `text` into runs, marking each word whose normalised form is one of `terms` (a
 * hit's `terms`), for rendering highlights as text nodes.
 */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const wanted = new Set(terms.map(normalizeTerm));
  const segments: Segment[] = [];
  const push = (part: string, match: boolean): void => {
    if (part === '') return;
    const last = segments.at(-1);
    if (last !== undefined && last.match === match && !match) last.text += part;
    else segments.push({ text: part, match });
  };
  let at = 0;
  for (const word of text.matchAll(WORD)) {
    push(text.slice(at, word.index), false);
    push(word[0], wanted.has(normalizeTerm(word[0])));
    at = word.index + word[0].length;
  }
  push(text.slice(at), false);
  return segments;
}

function isStoredIndex(value: unknown): value is StoredIndex {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { version?: unknown }).version === 'number' &&
    typeof (value as { index?: unknown }).index === 'object' &&
    (value as { index?: unknown }).index !== null
  );
}
