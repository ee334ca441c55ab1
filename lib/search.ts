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

/** MiniSearch's BM25+ parameters (its defaults) and our match weights. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.3;

const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  // Prefix and typo matches count, but less than the word itself.
  weights: { prefix: PREFIX_WEIGHT, fuzzy: FUZZY_WEIGHT },
  // Each word typed narrows the results.
  combineWith: 'AND',
};

/**
 * Typos are looked for only when the words as typed found fewer than this: a fuzzy lookup of a
 * common word ("models": "model", "modes", "modeled"…) walks several long posting lists, and a
 * word that already matches hundreds of papers is no typo.
 */
const FUZZY_BELOW = 10;

/** How a query word is looked up: as typed, as typed or the start of a short-field word, or as a prefix anywhere. */
type Mode = 'whole' | 'short' | 'prefix';

/** One query word and how it is looked up. */
interface TermSpec {
  term: string;
  mode: Mode;
  fuzzy: number | false;
}

/** MiniSearch's postings of one document word: field id → (document short id → term frequency). */
type Postings = Map<number, Map<number, number>>;

/**
 * The parts of a MiniSearch 7 instance the scorer reads: its term tree (exact, prefix and typo
 * lookups) and document tables. Not MiniSearch's public API, so `internalsOf` checks their shape
 * and search falls back to MiniSearch's own `search` when they differ; a unit test compares the
 * two rankings.
 */
interface Internals {
  _index: {
    get(term: string): Postings | undefined;
    atPrefix(prefix: string): Iterable<[string, Postings]>;
    fuzzyGet(term: string, distance: number): Map<string, [Postings, number]>;
  };
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _fieldLength: Map<number, number[]>;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _nextId: number;
}

function internalsOf(engine: MiniSearch<SearchablePaper>): Internals | null {
  const candidate = engine as unknown as Partial<Internals>;
  const index = candidate._index as Partial<Internals['_index']> | undefined;
  const ok =
    typeof index?.get === 'function' &&
    typeof index.atPrefix === 'function' &&
    typeof index.fuzzyGet === 'function' &&
    typeof candidate._fieldIds === 'object' &&
    Array.isArray(candidate._avgFieldLength) &&
    candidate._fieldLength instanceof Map &&
    candidate._documentIds instanceof Map &&
    candidate._storedFields instanceof Map &&
    typeof candidate._documentCount === 'number' &&
    typeof candidate._nextId === 'number' &&
    FIELDS.every((field) => typeof candidate._fieldIds?.[field] === 'number');
  return ok ? (candidate as Internals) : null;
}

/** A document word a query word matched, where (for a hit's `terms`). */
interface Derived {
  term: string;
  postings: Postings;
  fieldIds: number[];
}

/**
 * Per-paper tables read by the scorer, by short id, built once after the papers change: which
 * papers are live, and BM25's length normalisation `k·(1 − b + b·length/average)` per field.
 */
interface Tables {
  live: Uint8Array;
  norms: Float64Array[];
}

function buildTables(internals: Internals): Tables {
  const size = internals._nextId;
  const live = new Uint8Array(size);
  const norms = FIELDS.map(() => new Float64Array(size));
  const { k, b } = BM25;
  for (const [doc, lengths] of internals._fieldLength) {
    if (!internals._documentIds.has(doc) || doc >= size) continue;
    live[doc] = 1;
    for (const field of FIELDS) {
      const fieldId = internals._fieldIds[field]!;
      const average = internals._avgFieldLength[fieldId]!;
      norms[fieldId]![doc] = k * (1 - b + (b * (lengths[fieldId] ?? 0)) / average);
    }
  }
  return { live, norms };
}

/** The papers matching the first words of a query: short ids, and their summed scores by short id (0: no match). */
interface Matches {
  ids: number[];
  scores: Float64Array;
  words: Derived[];
}

/** Queries remembered (their first words included): a keystroke extends or shortens a recent one. */
const CACHE_SIZE = 24;

/**
 * Every word as typed (or with a typo when `withTypos`); the last (still being typed) also as a
 * prefix, of the short fields only until it is long enough.
 */
function termSpecs(terms: string[], withTypos: boolean): TermSpec[] {
  return terms.map((term, index) => {
    const fuzzy = withTypos && fuzziness(term);
    if (index < terms.length - 1 || term.length < MIN_PREFIX_LENGTH) return { term, mode: 'whole', fuzzy };
    return { term, mode: term.length >= ABSTRACT_PREFIX_LENGTH ? 'prefix' : 'short', fuzzy };
  });
}

function specKey(spec: TermSpec): string {
  return `${spec.mode}:${String(spec.fuzzy)}:${spec.term}`;
}

/** The MiniSearch query for one word. */
function specQuery(spec: TermSpec): Query {
  const whole: Query = { queries: [spec.term], fuzzy: spec.fuzzy, prefix: false };
  if (spec.mode === 'whole') return whole;
  if (spec.mode === 'prefix') return { ...whole, prefix: true };
  return { combineWith: 'OR', queries: [whole, { queries: [spec.term], prefix: true, fields: SHORT_FIELDS }] };
}

/** Later first: for feed days and arXiv ids. */
function newerFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** Orders hits best first; on a tie, newer feed day first, then newer id (so the order never depends on the index's). */
function byRank(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || newerFirst(a.feedDay, b.feedDay) || newerFirst(a.id, b.id);
}

/** Options of `PaperSearchIndex.search`. */
export interface SearchOptionsOfIndex {
  /** At most this many hits. */
  limit?: number;
  /**
   * 'minisearch' runs MiniSearch's own (slower) `search` instead of the scorer over its index:
   * the reference the scorer is tested against, and what runs should MiniSearch's internals change.
   */
  scorer?: 'fast' | 'minisearch';
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
  /** Matches of recent queries and their first words (see `match`); emptied whenever the papers change. */
  private readonly cache = new Map<string, Matches>();
  /** The scorer's per-paper tables; rebuilt on the first search after the papers change. */
  private tables: Tables | null = null;

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
    this.changed();
  }

  /** Removes papers from the index (ids not indexed are ignored). */
  removePapers(ids: Iterable<string>): void {
    this.engine.discardAll([...new Set(ids)].filter((id) => this.engine.has(id)));
    this.changed();
  }

  /** The papers matching `query`, best first (newer feed day, then newer id, first on a tie); none for a blank query. */
  search(query: string, options: SearchOptionsOfIndex = {}): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const limit = options.limit === undefined ? Infinity : Math.max(0, options.limit);
    const internals = options.scorer === 'minisearch' ? null : internalsOf(this.engine);
    if (internals === null) return this.searchWithMiniSearch(terms, limit);
    let matches = this.match(internals, termSpecs(terms, false));
    if (matches.ids.length < FUZZY_BELOW && terms.some((term) => fuzziness(term) !== false)) {
      matches = this.match(internals, termSpecs(terms, true));
    }
    return topHits(internals, matches, limit, new Set(terms).size);
  }

  /** The same search through MiniSearch's public `search` (slower on common words): used if its internals change. */
  private searchWithMiniSearch(terms: string[], limit: number): SearchHit[] {
    const run = (withTypos: boolean) =>
      this.engine.search({ combineWith: 'AND', queries: termSpecs(terms, withTypos).map(specQuery) }, SEARCH_OPTIONS);
    let results = run(false);
    if (results.length < FUZZY_BELOW && terms.some((term) => fuzziness(term) !== false)) results = run(true);
    const hits = results.map((result) => ({
      id: String(result.id),
      feedDay: typeof result.feedDay === 'string' ? result.feedDay : '',
      score: result.score,
      terms: result.terms,
    }));
    return hits.sort(byRank).slice(0, limit);
  }

  /**
   * The papers matching every word, each word looked up once: the matches of a query's first
   * words are remembered, so a keystroke only looks up the word being typed, and only among the
   * papers the words before it (or a shorter form of it) already matched.
   */
  private match(internals: Internals, specs: TermSpec[]): Matches {
    let matches: Matches | null = null;
    let key = '';
    for (const spec of specs) {
      const before = key;
      key = `${before}\u0000${specKey(spec)}`;
      const known = this.cache.get(key);
      if (known !== undefined) {
        matches = known;
        continue;
      }
      const within = this.narrowest(before, spec) ?? matches;
      this.tables ??= buildTables(internals);
      matches = lookUp(internals, this.tables, spec, matches, within);
      this.remember(key, matches);
    }
    return matches ?? { ids: [], scores: new Float64Array(0), words: [] };
  }

  /**
   * Remembered matches that include every match of `spec` after the words keyed `before`: the
   * same words with this one as a shorter prefix ("diffu" before "diffus"), or looked up as a
   * prefix or start of a word before it was finished. Null when none is remembered.
   */
  private narrowest(before: string, spec: TermSpec): Matches | null {
    if (spec.fuzzy !== false) return null;
    const wider: TermSpec[] = [];
    if (spec.mode === 'whole') wider.push({ ...spec, mode: 'short' });
    const longest = spec.mode === 'prefix' ? spec.term.length - 1 : spec.term.length;
    for (let length = longest; length >= ABSTRACT_PREFIX_LENGTH; length -= 1) {
      wider.push({ term: spec.term.slice(0, length), mode: 'prefix', fuzzy: false });
    }
    for (const candidate of wider) {
      const found = this.cache.get(`${before}\u0000${specKey(candidate)}`);
      if (found !== undefined) return found;
    }
    return null;
  }

  private changed(): void {
    this.cache.clear();
    this.tables = null;
  }

  private remember(key: string, matches: Matches): void {
    this.cache.delete(key);
    this.cache.set(key, matches);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  /** The index as plain data with its version; `JSON.stringify` it, and restore with `loadJSON`. */
  toJSON(): StoredIndex {
    return { version: SEARCH_INDEX_VERSION, index: this.engine.toJSON() };
  }

  /**
   * The index as JSON texts to store: a head (version, documents, field lengths) and then its
   * words, about PART_CHARS at a time, so a page can parse and load it a part per slice (`loadParts`).
   */
  toParts(): string[] {
    const { index: words, ...head } = this.engine.toJSON();
    const parts = [JSON.stringify({ version: SEARCH_INDEX_VERSION, index: { ...head, index: [] } })];
    let buffer: string[] = [];
    let size = 0;
    for (const word of words) {
      const text = JSON.stringify(word);
      buffer.push(text);
      size += text.length + 1;
      if (size >= PART_CHARS) {
        parts.push(`[${buffer.join(',')}]`);
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) parts.push(`[${buffer.join(',')}]`);
    return parts;
  }

  /**
   * Restores an index written by `toParts`, awaiting `pause()` between parts so a page keeps
   * painting and taking keys (20,000 papers make ~30 MB of JSON: MiniSearch's own async load
   * of that takes seconds, one JSON.parse of it a long frame). Null when the parts are not an
   * index or were written by another version: the caller rebuilds from the papers.
   */
  static async loadParts(
    parts: readonly string[],
    pause: () => Promise<void> = () => Promise.resolve(),
  ): Promise<PaperSearchIndex | null> {
    try {
      const head: unknown = JSON.parse(parts[0] ?? '');
      if (!isStoredIndex(head) || head.version !== SEARCH_INDEX_VERSION) return null;
      const plain = head.index as Parameters<typeof MiniSearch.loadJS>[0];
      if (!Array.isArray(plain.index) || plain.index.length > 0) return null;
      // The head alone: MiniSearch loads the documents and their field lengths itself.
      const engine = MiniSearch.loadJS(plain, OPTIONS);
      const words: unknown[] = [];
      const setWord = wordSetter(engine);
      for (const part of parts.slice(1)) {
        await pause();
        const list: unknown = JSON.parse(part);
        if (!Array.isArray(list) || !list.every(isStoredWord)) return null;
        if (setWord === null) words.push(...list);
        else for (const [term, postings] of list) setWord(term, postings);
      }
      if (setWord !== null) return new PaperSearchIndex(engine);
      // MiniSearch's internals changed: its own (slower) load of the whole.
      return new PaperSearchIndex(
        await MiniSearch.loadJSAsync({ ...plain, index: words as typeof plain.index }, OPTIONS),
      );
    } catch {
      return null;
    }
  }

  /**
   * Restores a stored index: parts (`toParts`), or the one JSON text an earlier version stored.
   * Null when there is none or it cannot be read.
   */
  static async loadStored(
    stored: { parts: readonly string[] } | { json: string } | null,
    pause: () => Promise<void> = () => Promise.resolve(),
  ): Promise<PaperSearchIndex | null> {
    if (stored === null) return null;
    if ('parts' in stored) return await PaperSearchIndex.loadParts(stored.parts, pause);
    return await PaperSearchIndex.loadJSONAsync(stored.json);
  }
}

/** Characters of words per stored part (see `toParts`): one part is parsed and loaded in a few milliseconds. */
const PART_CHARS = 256 * 1024;

/** A stored word: the term and its postings as MiniSearch writes them (field id → document short id → frequency). */
type StoredWord = [string, Record<string, Record<string, number>>];

function isStoredWord(value: unknown): value is StoredWord {
  return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'object' && value[1] !== null;
}

/**
 * Puts a stored word into a loaded engine's term tree, as MiniSearch's `loadJS` does; null when
 * the engine has not the internals this relies on.
 */
function wordSetter(engine: MiniSearch<SearchablePaper>): ((term: string, postings: StoredWord[1]) => void) | null {
  const tree = (engine as unknown as { _index?: { set?: unknown } })._index;
  if (internalsOf(engine) === null || typeof tree?.set !== 'function') return null;
  const set = (tree.set as (term: string, postings: Postings) => void).bind(tree);
  return (term, stored) => {
    const postings: Postings = new Map();
    for (const field of Object.keys(stored)) {
      const frequencies = new Map<number, number>();
      const entry = stored[field]!;
      for (const doc of Object.keys(entry)) frequencies.set(parseInt(doc, 10), entry[doc]!);
      postings.set(parseInt(field, 10), frequencies);
    }
    set(term, postings);
  };
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

/**
 * Scores one query word the way MiniSearch's `search` does (BM25+ per field, times the field's
 * boost; prefix and typo matches weighted down by how much they differ), without building a
 * result object per paper: a common word ("models") is in most of 20,000 abstracts. Only papers
 * in `within` (when given) are scored, and the score of the words before (`previous`) is added.
 */
function lookUp(
  internals: Internals,
  tables: Tables,
  spec: TermSpec,
  previous: Matches | null,
  within: Matches | null,
): Matches {
  const scores = new Float64Array(internals._nextId);
  const ids: number[] = [];
  const words: Derived[] = [];
  const { k, d } = BM25;
  const { live } = tables;
  const add = (term: string, postings: Postings | undefined, weight: number, fields: readonly Field[]): void => {
    if (postings === undefined) return;
    const fieldIds: number[] = [];
    for (const field of fields) {
      const fieldId = internals._fieldIds[field]!;
      const frequencies = postings.get(fieldId);
      if (frequencies === undefined) continue;
      fieldIds.push(fieldId);
      const matching = frequencies.size;
      const idf = Math.log(1 + (internals._documentCount - matching + 0.5) / (matching + 0.5));
      const norm = tables.norms[fieldId]!;
      const boost = weight * BOOST[field] * idf;
      for (const [doc, frequency] of frequencies) {
        if (within !== null && !(within.scores[doc]! > 0)) continue;
        // A paper removed or replaced leaves postings behind until MiniSearch vacuums them.
        if (live[doc] !== 1) continue;
        const score = boost * (d + (frequency * (k + 1)) / (frequency + norm[doc]!));
        const sum = scores[doc]!;
        if (sum === 0) ids.push(doc);
        scores[doc] = sum + score;
      }
    }
    if (fieldIds.length > 0) words.push({ term, postings, fieldIds });
  };
  const { term, mode, fuzzy } = spec;
  const exact = internals._index.get(term);
  add(term, exact, 1, FIELDS);
  if (mode !== 'whole') {
    // "short": MiniSearch's OR of the word as typed and the word as a prefix of the short fields
    // (which counts the word as typed there twice); "prefix": one prefix lookup over every field.
    const fields = mode === 'short' ? SHORT_FIELDS : FIELDS;
    if (mode === 'short') add(term, exact, 1, SHORT_FIELDS);
    for (const [word, postings] of internals._index.atPrefix(term)) {
      const distance = word.length - term.length;
      if (distance > 0) add(word, postings, (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance), fields);
    }
  }
  if (fuzzy !== false) {
    for (const [word, [postings, distance]] of internals._index.fuzzyGet(term, fuzzy)) {
      // A word already counted as a prefix match is not counted again as a typo.
      if (distance === 0 || (mode === 'prefix' && word.startsWith(term))) continue;
      add(word, postings, (FUZZY_WEIGHT * word.length) / (word.length + distance), FIELDS);
    }
  }
  if (previous === null) return { ids, scores, words };
  const both: number[] = [];
  for (const doc of ids) {
    const before = previous.scores[doc]!;
    if (before > 0) {
      scores[doc] = scores[doc]! + before;
      both.push(doc);
    } else {
      scores[doc] = 0;
    }
  }
  return { ids: both, scores, words: [...previous.words, ...words] };
}

/** The `limit` best matches, best first: a partial sort, as a common word matches most papers. */
function topHits(internals: Internals, matches: Matches, limit: number, wordCount: number): SearchHit[] {
  const feedDayOf = (doc: number): string => {
    const feedDay = internals._storedFields.get(doc)?.feedDay;
    return typeof feedDay === 'string' ? feedDay : '';
  };
  const ranked = (a: number, b: number): number => {
    const byScore = matches.scores[b]! - matches.scores[a]!;
    if (byScore !== 0) return byScore;
    return (
      newerFirst(feedDayOf(a), feedDayOf(b)) ||
      newerFirst(String(internals._documentIds.get(a)), String(internals._documentIds.get(b)))
    );
  };
  let best: number[];
  if (limit >= matches.ids.length) {
    best = [...matches.ids].sort(ranked);
  } else {
    best = [];
    for (const doc of matches.ids) {
      if (best.length >= limit) {
        if (limit === 0 || ranked(doc, best[best.length - 1]!) >= 0) continue;
        best.pop();
      }
      // Binary insertion keeps `best` sorted; it never holds more than `limit`.
      let low = 0;
      let high = best.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (ranked(best[middle]!, doc) <= 0) low = middle + 1;
        else high = middle;
      }
      best.splice(low, 0, doc);
    }
  }
  return best.map((doc) => ({
    id: String(internals._documentIds.get(doc)),
    feedDay: feedDayOf(doc),
    // MiniSearch multiplies a score by the number of distinct query words matched: all, here.
    score: matches.scores[doc]! * wordCount,
    terms: [
      ...new Set(
        matches.words
          .filter((word) => word.fieldIds.some((fieldId) => word.postings.get(fieldId)?.has(doc) === true))
          .map((word) => word.term),
      ),
    ],
  }));
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
