import { safeHttpUrl } from './safe-url';
import type { Failure, Paper } from './types';

/** Longest text kept per field: an enormous abstract must not blow up the cache or the popup. */
const MAX_TITLE = 1_000;
const MAX_ABSTRACT = 20_000;
const MAX_SHORT = 300;
const MAX_AUTHORS = 500;
const MAX_KEYWORDS = 50;
const ID_PATTERN = /^[\w.\-/]{1,64}$/;

/**
 * A paper id as the API has them (an arXiv id: "2602.23229", old style "hep-th/9901001"): short,
 * no spaces, and no path tricks (no empty, "." or ".." segment), since ids go into URLs.
 */
export function isPaperId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    ID_PATTERN.test(value) &&
    value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

export type ParseResult = { ok: true; papers: Paper[]; skipped: number } | { ok: false; failure: Failure };

type Json = Record<string, unknown>;

/**
 * Parses a `/api/daily_papers` answer leniently: an item is kept when it has a paper id and a
 * title; every other field falls back to a safe default. Never throws.
 * `feedDay` is the day that was asked for; without it the item's own submission day is used.
 */
export function parseDailyPapers(body: unknown, feedDay?: string): ParseResult {
  if (!Array.isArray(body)) {
    return {
      ok: false,
      failure: { kind: 'bad-response', detail: `expected a list of papers, got ${describe(body)}` },
    };
  }
  const papers: Paper[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const item of body) {
    const paper = parsePaperItem(item, feedDay);
    if (paper === null || seen.has(paper.id)) {
      skipped += 1;
      continue;
    }
    seen.add(paper.id);
    papers.push(paper);
  }
  return { ok: true, papers, skipped };
}

/**
 * Turns a response body into JSON, recognising the usual impostors: an HTML page served with
 * status 200 (a captive portal, a login wall) and truncated or broken JSON.
 */
export function parseJsonBody(
  text: string,
  contentType: string | null,
): { ok: true; json: unknown } | { ok: false; failure: Failure } {
  const start = text.trimStart().slice(0, 64).toLowerCase();
  const looksHtml = start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<');
  if (looksHtml || (contentType !== null && /text\/html/i.test(contentType))) {
    return { ok: false, failure: { kind: 'bad-response', detail: 'got a web page instead of data' } };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, failure: { kind: 'bad-response', detail: 'the answer was not valid JSON' } };
  }
}

/**
 * One API item (a daily-papers entry `{paper, …}` or a bare paper object, as `/api/papers/{id}`
 * answers) as a Paper, or null without an id and a title.
 */
export function parsePaperItem(item: unknown, feedDay: string | undefined): Paper | null {
  if (!isObject(item)) return null;
  const paper = isObject(item.paper) ? item.paper : item;
  const id = typeof paper.id === 'string' ? paper.id.trim() : '';
  if (!ID_PATTERN.test(id)) return null;
  const title = cleanLine(paper.title, MAX_TITLE) ?? cleanLine(item.title, MAX_TITLE);
  if (title === null) return null;

  const day = feedDay ?? dayOf(paper.submittedOnDailyAt) ?? dayOf(item.publishedAt) ?? dayOf(paper.publishedAt) ?? '';
  return {
    id,
    title,
    abstract: cleanParagraphs(paper.summary, MAX_ABSTRACT) ?? cleanParagraphs(item.summary, MAX_ABSTRACT) ?? '',
    authors: parseAuthors(paper.authors),
    organization: parseOrganization(paper.organization) ?? parseOrganization(item.organization),
    upvotes: toCount(paper.upvotes) ?? toCount(item.upvotes) ?? 0,
    numComments: toCount(item.numComments) ?? toCount(paper.numComments) ?? 0,
    aiSummary: cleanParagraphs(paper.ai_summary, MAX_ABSTRACT),
    aiKeywords: parseStrings(paper.ai_keywords, MAX_KEYWORDS),
    githubRepo: safeHttpUrl(paper.githubRepo),
    githubStars: toCount(paper.githubStars),
    projectPage: safeHttpUrl(paper.projectPage),
    publishedAt: isoOrNull(paper.publishedAt),
    feedDay: day,
  };
}

function parseAuthors(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const author of value.slice(0, MAX_AUTHORS)) {
    if (typeof author === 'string') {
      const name = cleanLine(author, MAX_SHORT);
      if (name !== null) names.push(name);
      continue;
    }
    if (!isObject(author) || author.hidden === true) continue;
    const user = isObject(author.user) ? author.user : {};
    const name =
      cleanLine(author.name, MAX_SHORT) ?? cleanLine(user.fullname, MAX_SHORT) ?? cleanLine(user.name, MAX_SHORT);
    if (name !== null) names.push(name);
  }
  return names;
}

function parseOrganization(value: unknown): string | null {
  if (typeof value === 'string') return cleanLine(value, MAX_SHORT);
  if (!isObject(value)) return null;
  return cleanLine(value.fullname, MAX_SHORT) ?? cleanLine(value.name, MAX_SHORT);
}

function parseStrings(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const entry of value) {
    const text = cleanLine(entry, MAX_SHORT);
    if (text !== null && !out.includes(text)) out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

/** A count from a number or a numeric string; null when it is neither. */
function toCount(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.min(Math.floor(n), Number.MAX_SAFE_INTEGER);
}

// Control characters (C0 but tab/newline, C1) and bidi overrides/isolates: a title must not be
// able to reorder the text around it or hide characters.
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function cleanLine(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : truncate(text, max);
}

/** Joins hard-wrapped lines into paragraphs; blank lines stay paragraph breaks. */
function cleanParagraphs(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value
    .replace(UNSAFE_CHARS, '')
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s+/g, ' ').trim())
    .filter((para) => para !== '')
    .join('\n\n');
  return text === '' ? null : truncate(text, max);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function dayOf(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
