import { paperPageUrl } from './paper-view';
import { safeHttpUrl } from './safe-url';
import type { Paper, SavedPaper } from './types';

/**
 * Export of saved papers to the formats reference managers and people read: BibTeX, RIS,
 * a Markdown reading list and CSV. Every format is built from text the API or the user wrote,
 * so every value is cleaned (control characters and bidi overrides dropped, line breaks folded
 * where the format has no room for them) and escaped for its format; a hostile title, author,
 * tag or note stays one harmless value and never breaks the file around it.
 *
 * Choices worth knowing:
 * - BibTeX uses `@misc` with `eprint` + `archivePrefix = {arXiv}`: arXiv's own "Export BibTeX
 *   citation" format, read by JabRef (eprint link), Zotero, biber and natbib styles alike;
 *   `@article` would need an invented `journal`. The user's note goes in `annote`, the field
 *   BibTeX keeps for annotations: `note` is printed in bibliographies by the standard styles,
 *   and a private note must never end up in someone's paper.
 * - RIS records are `JOUR` with `T2 - arXiv` (how Zotero, Mendeley and EndNote all import a
 *   preprint as a citable item), authors as "Family, Given", CRLF line endings; no `DO` (a DOI
 *   is never invented).
 * - CSV starts with a UTF-8 byte-order mark: Excel reads UTF-8 without one as the local
 *   code page and garbles every non-ASCII name; LibreOffice, Google Sheets and Numbers skip it.
 * - Removed papers (tombstones) are never exported.
 */

/** The export formats. */
export type ExportFormat = 'bibtex' | 'ris' | 'markdown' | 'csv';

/** What a format is called, and the file it makes. */
export interface ExportFormatInfo {
  format: ExportFormat;
  label: string;
  extension: string;
  mimeType: string;
}

/** Every format, in the order a menu shows them. */
export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  { format: 'bibtex', label: 'BibTeX', extension: 'bib', mimeType: 'application/x-bibtex;charset=utf-8' },
  {
    format: 'ris',
    label: 'RIS (Zotero, Mendeley, EndNote)',
    extension: 'ris',
    mimeType: 'application/x-research-info-systems;charset=utf-8',
  },
  { format: 'markdown', label: 'Markdown reading list', extension: 'md', mimeType: 'text/markdown;charset=utf-8' },
  { format: 'csv', label: 'CSV (spreadsheet)', extension: 'csv', mimeType: 'text/csv;charset=utf-8' },
];

/** What every format needs besides the papers. */
export interface ExportOptions {
  /** The HF endpoint, for links to paper pages. */
  endpoint: string;
  /** When the export is made (ms epoch): the Markdown header and the file name show its local date. */
  now: number;
}

/** Renders saved papers (in the given order) in one format. `endpoint` = HF endpoint for paper-page links. */
export function exportPapers(format: ExportFormat, saved: SavedPaper[], options: ExportOptions): string {
  switch (format) {
    case 'bibtex':
      return toBibtex(saved, options);
    case 'ris':
      return toRis(saved, options);
    case 'markdown':
      return toMarkdown(saved, options);
    case 'csv':
      return toCsv(saved, options);
  }
}

/** "paperboy-2026-11-26.bib" etc. (local date of `now`). */
export function exportFileName(format: ExportFormat, now: number): string {
  const info = EXPORT_FORMATS.find((entry) => entry.format === format);
  return `paperboy-${localDay(now)}.${info?.extension ?? 'txt'}`;
}

// ---------------------------------------------------------------------------------------------
// BibTeX

/** BibTeX `@misc` entries with unique citation keys, LaTeX-escaped values and arXiv `eprint` fields. */
export function toBibtex(saved: SavedPaper[], _options: ExportOptions): string {
  const records = live(saved);
  const keys = citationKeys(records.map((record) => record.paper));
  const entries = records.map((record, index) => bibtexEntry(record, keys[index] ?? 'paper'));
  return entries.map((entry) => `${entry}\n`).join('\n');
}

function bibtexEntry(record: SavedPaper, key: string): string {
  const paper = record.paper;
  const date = paperDate(paper);
  const authors = paper.authors.map(oneLine).filter((name) => name !== '');
  const tags = cleanTags(record.tags);
  const abstract = oneLine(paper.abstract);
  const note = oneLine(record.note);
  const url = arxivUrl('abs', record.id);
  const fields: [string, string][] = [
    // Double braces keep the title's capitals: styles lowercase what is not protected.
    ['title', `{{${latex(oneLine(paper.title))}}}`],
    ['author', authors.length > 0 ? `{${authors.map(bibtexName).join(' and ')}}` : ''],
    ['year', date === null ? '' : `{${date.year}}`],
    // Month macros (jan … dec) are what every style and importer expects.
    ['month', date === null ? '' : (MONTH_MACROS[Number(date.month) - 1] ?? '')],
    ['eprint', `{${latex(oneLine(record.id))}}`],
    ['archivePrefix', '{arXiv}'],
    ['url', url === null ? '' : `{${url}}`],
    ['abstract', abstract === '' ? '' : `{${latex(abstract)}}`],
    ['keywords', tags.length > 0 ? `{${tags.map(latex).join(', ')}}` : ''],
    ['annote', note === '' ? '' : `{${latex(note)}}`],
  ];
  const body = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name} = ${value}`)
    .join(',\n');
  return `@misc{${key},\n${body}\n}`;
}

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Text-mode commands rather than `\{`: BibTeX counts every brace, escaped or not, so a lone
// `\{` would unbalance the entry. `<`, `>` and `|` print as other glyphs in LaTeX's default
// OT1 encoding, so they get commands too.
const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Text made safe inside a braced BibTeX value: LaTeX specials escaped, every brace balanced. */
export function latex(text: string): string {
  return text.replace(/[\\{}%&$#_~^<>|]/g, (char) => LATEX_ESCAPES[char] ?? char);
}

/** One author for `author = {…}`: names BibTeX would split wrongly are kept whole in braces. */
function bibtexName(name: string): string {
  const escaped = latex(name);
  // A comma reads as "Last, First"; a word "and" separates authors; "others" means et al.
  const ambiguous = name.includes(',') || /(^|\s)and(\s|$)/i.test(name) || name.toLowerCase() === 'others';
  return ambiguous ? `{${escaped}}` : escaped;
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'via',
  'with',
]);

/**
 * Citation keys for papers in order: first author's family name, year and first significant
 * title word, ASCII only ("Jörg Müller", 2026, "Über-fast…" → `muller2026uber`). Repeats get
 * `a`, `b`… in order (the first keeps the plain key), and no key is ever given twice.
 */
export function citationKeys(papers: Paper[]): string[] {
  const used = new Set<string>();
  return papers.map((paper) => {
    const base = baseKey(paper);
    let key = base;
    for (let n = 0; used.has(key); n += 1) key = `${base}${letterSuffix(n)}`;
    used.add(key);
    return key;
  });
}

function baseKey(paper: Paper): string {
  const first = paper.authors.map(oneLine).find((name) => name !== '');
  const family = first === undefined ? '' : asciiWord(splitName(first).family);
  const word = oneLine(paper.title)
    .split(/[\s\-–—/:]+/)
    .map(asciiWord)
    .find((candidate) => candidate !== '' && !STOP_WORDS.has(candidate));
  // A key starts with a letter: some tools refuse keys that start with a digit.
  return `${/^[a-z]/.test(family) ? family : 'anon'}${paperDate(paper)?.year ?? ''}${word ?? ''}`;
}

/** 0 → "a", 25 → "z", 26 → "aa": as many letters as needed. */
function letterSuffix(n: number): string {
  const letter = String.fromCharCode(97 + (n % 26));
  return n < 26 ? letter : `${letterSuffix(Math.floor(n / 26) - 1)}${letter}`;
}

// Letters NFD does not take apart.
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lowercase ASCII letters and digits only: accents dropped ("Müller" → "muller"), the rest removed. */
export function asciiWord(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (char) => FOLDS[char] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ten',
  'ter',
]);

/**
 * A display name split into family and given names: "Jan van der Berg" → "van der Berg" / "Jan".
 * A name with a comma is taken as "Family, Given" when the part before it is one word, else
 * as "Given Family, Suffix".
 */
export function splitName(name: string): { family: string; given: string } {
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const before = name.slice(0, comma).trim();
    const words = before.split(' ').filter((word) => word !== '');
    if (words.length <= 1) return { family: before, given: name.slice(comma + 1).trim() };
    return { family: words[words.length - 1] ?? '', given: words.slice(0, -1).join(' ') };
  }
  const words = name.split(' ').filter((word) => word !== '');
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1] ?? '')) start -= 1;
  return { family: words.slice(Math.max(start, 0)).join(' '), given: words.slice(0, Math.max(start, 0)).join(' ') };
}

// ---------------------------------------------------------------------------------------------
// RIS

/** RIS records (CRLF, one `TY` … `ER` per paper) for Zotero, Mendeley and EndNote. */
export function toRis(saved: SavedPaper[], _options: ExportOptions): string {
  return live(saved)
    .map((record) => `${risRecord(record).join('\r\n')}\r\n`)
    .join('\r\n');
}

function risRecord(record: SavedPaper): string[] {
  const paper = record.paper;
  const date = paperDate(paper);
  const id = oneLine(record.id);
  const lines: string[] = ['TY  - JOUR', risLine('TI', oneLine(paper.title))];
  for (const name of paper.authors.map(oneLine).filter((text) => text !== '')) lines.push(risLine('AU', risName(name)));
  lines.push(risLine('T2', 'arXiv'));
  if (date !== null) {
    lines.push(risLine('PY', date.year));
    // RIS dates are "YYYY/MM/DD/other info".
    lines.push(risLine('DA', `${date.year}/${date.month}/${date.day}/`));
  }
  lines.push(risLine('AB', oneLine(paper.abstract)));
  lines.push(risLine('UR', arxivUrl('abs', record.id) ?? ''));
  lines.push(risLine('AN', id === '' ? '' : `arXiv:${id}`));
  lines.push(risLine('DB', 'arXiv'));
  for (const tag of cleanTags(record.tags)) lines.push(risLine('KW', tag));
  lines.push(risLine('N1', oneLine(record.note)));
  lines.push('ER  - ');
  return lines.filter((line) => line !== '');
}

/** One tagged line, or '' when the value is empty (the line is left out). Values are one line already. */
function risLine(tag: string, value: string): string {
  return value === '' ? '' : `${tag}  - ${value}`;
}

/** "Ashish Vaswani" → "Vaswani, Ashish", as RIS asks; a name with a comma already is left as written. */
function risName(name: string): string {
  if (name.includes(',')) return name;
  const { family, given } = splitName(name);
  return given === '' ? family : `${family}, ${given}`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** A Markdown reading list: a header, then per paper a link to its HF page with authors, links, tags and note. */
export function toMarkdown(saved: SavedPaper[], options: ExportOptions): string {
  const records = live(saved);
  const count = records.length === 1 ? '1 paper' : `${records.length} papers`;
  const lines = ['# Paperboy reading list', '', `${count} · exported ${localDay(options.now)}`];
  if (records.length > 0) lines.push('');
  for (const record of records) lines.push(...markdownItem(record, options.endpoint));
  return `${lines.join('\n')}\n`;
}

function markdownItem(record: SavedPaper, endpoint: string): string[] {
  const paper = record.paper;
  const title = markdownText(oneLine(paper.title) || oneLine(record.id));
  const page = hfPageUrl(endpoint, record.id);
  const lines = [`- ${page === null ? title : `[${title}](${markdownUrl(page)})`}`];
  const sub = (label: string, text: string): void => {
    if (text !== '') lines.push(`  - ${label}: ${text}`);
  };
  sub(
    'Authors',
    paper.authors
      .map(oneLine)
      .filter((name) => name !== '')
      .map(markdownText)
      .join(', '),
  );
  sub('Published', paperDate(paper)?.iso ?? '');
  const links: [string, string | null][] = [
    ['arXiv', arxivUrl('abs', record.id)],
    ['PDF', arxivUrl('pdf', record.id)],
    ['Code', safeHttpUrl(paper.githubRepo)],
    ['Project page', safeHttpUrl(paper.projectPage)],
  ];
  sub(
    'Links',
    links
      .filter((link): link is [string, string] => link[1] !== null)
      .map(([label, href]) => `[${label}](${markdownUrl(href)})`)
      .join(' · '),
  );
  sub('Tags', cleanTags(record.tags).map(markdownText).join(', '));
  // A note keeps its lines: a backslash at a line's end is a hard break, the next line continues the item.
  sub(
    'Note',
    noteLines(record.note)
      .map((line, index) => (index === 0 ? markdownText(line) : markdownLineStart(markdownText(line))))
      .join('\\\n    '),
  );
  return lines;
}

/**
 * Text that renders as itself in CommonMark/GFM: the characters that make links, emphasis,
 * code, HTML, strikethrough, tables and math are backslash-escaped, so a title like
 * `[x](javascript:alert(1))` or `<script>` stays text.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~$]/g, '\\$&').replace(/&(?=#?[0-9a-z]+;)/gi, '\\&');
}

/** Escapes what would start a block (heading, list, quote, setext underline) at the start of a line. */
function markdownLineStart(line: string): string {
  return line.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link destination that cannot end early: parentheses encoded (the URL is http(s) already). */
function markdownUrl(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'published',
  'feed_day',
  'hf_url',
  'arxiv_url',
  'pdf_url',
  'code_url',
  'project_url',
  'tags',
  'note',
  'saved_at',
  'abstract',
] as const;

/** RFC 4180 CSV (CRLF, quoted where needed, UTF-8 BOM) with a header row; formula-like cells defused. */
export function toCsv(saved: SavedPaper[], options: ExportOptions): string {
  const rows = [CSV_COLUMNS.map((column) => csvCell(column))];
  for (const record of live(saved)) {
    const paper = record.paper;
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: oneLine(record.id),
      title: oneLine(paper.title),
      authors: paper.authors
        .map(oneLine)
        .filter((name) => name !== '')
        .join('; '),
      published: paperDate(paper)?.iso ?? '',
      feed_day: oneLine(paper.feedDay),
      hf_url: hfPageUrl(options.endpoint, record.id) ?? '',
      arxiv_url: arxivUrl('abs', record.id) ?? '',
      pdf_url: arxivUrl('pdf', record.id) ?? '',
      code_url: safeHttpUrl(paper.githubRepo) ?? '',
      project_url: safeHttpUrl(paper.projectPage) ?? '',
      tags: cleanTags(record.tags).join('; '),
      note: noteLines(record.note).join('\n'),
      saved_at: Number.isFinite(record.savedAt) ? new Date(record.savedAt).toISOString() : '',
      abstract: oneLine(paper.abstract),
    };
    rows.push(CSV_COLUMNS.map((column) => csvCell(values[column])));
  }
  return `\uFEFF${rows.map((row) => `${row.join(',')}\r\n`).join('')}`;
}

/**
 * One CSV field: a value a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) gets a leading `'`; a value with a comma, quote or line break is quoted, quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// ---------------------------------------------------------------------------------------------
// Shared

function live(saved: SavedPaper[]): SavedPaper[] {
  return saved.filter((record) => record.removedAt === null);
}

// C0/C1 controls other than the whitespace ones, bidi embeddings, overrides, isolates and marks,
// and the BOM: invisible, and able to make text read differently from what it is.
const INVISIBLE =
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// Half a surrogate pair is no character: encodeURIComponent throws on it, TextEncoder garbles it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text on one line: invisible characters dropped, every run of whitespace (line breaks too) one space. */
export function oneLine(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\s\u0085]+/g, ' ')
    .trim();
}

/** A note's non-blank lines, each cleaned like `oneLine`. */
function noteLines(text: string): string[] {
  return text
    .split(/\r\n|[\n\r\u0085\u2028\u2029\v\f]/)
    .map(oneLine)
    .filter((line) => line !== '');
}

function cleanTags(tags: string[]): string[] {
  return tags.map(oneLine).filter((tag) => tag !== '');
}

interface PaperDate {
  year: string;
  month: string;
  day: string;
  iso: string;
}

/** The arXiv publication date, else the feed day; null when neither is a date. */
function paperDate(paper: Paper): PaperDate | null {
  for (const value of [paper.publishedAt, paper.feedDay]) {
    const match = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/.exec(value) : null;
    if (match !== null) {
      const [iso, year = '', month = '', day = ''] = match;
      return { year, month, day, iso };
    }
  }
  return null;
}

/** arXiv's abstract or PDF page for an id (each path segment encoded: old ids have a slash). */
function arxivUrl(kind: 'abs' | 'pdf', id: string): string | null {
  const path = oneLine(id).split('/').map(encodeURIComponent).join('/');
  return path === '' ? null : safeHttpUrl(`https://arxiv.org/${kind}/${path}`);
}

function hfPageUrl(endpoint: string, id: string): string | null {
  try {
    return safeHttpUrl(paperPageUrl(endpoint, id));
  } catch {
    // An endpoint that is no URL: no page link rather than no export.
    return null;
  }
}

function localDay(now: number): string {
  const date = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
