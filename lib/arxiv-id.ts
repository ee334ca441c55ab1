/**
 * arXiv ids: recognising one, and finding the paper a page is about from its URL (a Hugging Face
 * paper page, an arXiv abstract or PDF), for "Save to Paperboy" in the context menu.
 */

/** New-style ids since 2007: YYMM.NNNN (until 2014) or YYMM.NNNNN. */
const NEW_STYLE = /^\d{4}\.\d{4,5}$/;
/** Old-style ids before 2007: archive(.SUBJECT-CLASS)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136. */
const OLD_STYLE = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7}$/;

/** True for a bare arXiv id (no version), new style (2602.23229) or old style (hep-th/9901001). */
export function isArxivId(value: unknown): value is string {
  return typeof value === 'string' && (NEW_STYLE.test(value) || OLD_STYLE.test(value));
}

/** The bare id of an id as people write it: trims, drops a version suffix (v2) and a leading "arXiv:". */
export function normalizeArxivId(value: string): string | null {
  const bare = value
    .trim()
    .replace(/^arxiv:/i, '')
    .replace(/v\d+$/, '');
  return isArxivId(bare) ? bare : null;
}

/** The origins whose pages name a paper: Hugging Face (or the build's endpoint) and arXiv (or its stand-in). */
export interface PaperSites {
  /** The Hugging Face endpoint, e.g. https://huggingface.co (a path, for a mirror, is kept). */
  hfEndpoint: string;
  /** The arXiv endpoint, e.g. https://arxiv.org. */
  arxivEndpoint: string;
}

const ARXIV_HOSTS = ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'];
const HF_HOSTS = ['huggingface.co', 'www.huggingface.co', 'hf.co'];

/**
 * The arXiv id of the paper a URL shows, or null: `{HF}/papers/ID`, `arxiv.org/abs/ID`,
 * `arxiv.org/pdf/ID` (with or without a version and `.pdf`). Query and fragment are ignored.
 */
export function arxivIdFromUrl(url: string, sites: PaperSites): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const path = decodePath(parsed.pathname);
  if (path === null) return null;

  const hfPrefix = sitePrefix(parsed, sites.hfEndpoint, HF_HOSTS);
  if (hfPrefix !== null) {
    const match = /^\/papers\/(.+?)\/?$/.exec(path.slice(hfPrefix.length));
    if (match?.[1] !== undefined) return normalizeArxivId(match[1]);
  }
  const arxivPrefix = sitePrefix(parsed, sites.arxivEndpoint, ARXIV_HOSTS);
  if (arxivPrefix !== null) {
    const match = /^\/(abs|pdf)\/(.+?)\/?$/.exec(path.slice(arxivPrefix.length));
    if (match?.[2] !== undefined) {
      const id = match[1] === 'pdf' ? match[2].replace(/\.pdf$/i, '') : match[2];
      return normalizeArxivId(id);
    }
  }
  return null;
}

/**
 * The match patterns of paper pages, for the context menu's `documentUrlPatterns` and
 * `targetUrlPatterns`: the public sites and the build's endpoints (a local fixture server in e2e).
 * A pattern names no port: Chrome then matches any port.
 */
export function paperUrlPatterns(sites: PaperSites): string[] {
  const patterns = new Set<string>([
    'https://huggingface.co/papers/*',
    'https://arxiv.org/abs/*',
    'https://arxiv.org/pdf/*',
  ]);
  const hf = baseOf(sites.hfEndpoint);
  if (hf !== null) patterns.add(`${hf}/papers/*`);
  const arxiv = baseOf(sites.arxivEndpoint);
  if (arxiv !== null) {
    patterns.add(`${arxiv}/abs/*`);
    patterns.add(`${arxiv}/pdf/*`);
  }
  return [...patterns];
}

/** `scheme://host/path` of an endpoint, without port or trailing slash (a match pattern's base). */
function baseOf(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.hostname}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** The path prefix of the site `url` is on (the endpoint's path for a mirror, '' for the public hosts), or null. */
function sitePrefix(url: URL, endpoint: string, publicHosts: string[]): string | null {
  if (url.protocol === 'https:' && publicHosts.includes(url.hostname)) return '';
  try {
    const base = new URL(endpoint);
    const prefix = base.pathname.replace(/\/+$/, '');
    if (base.host !== url.host || base.protocol !== url.protocol) return null;
    return url.pathname.startsWith(`${prefix}/`) ? prefix : null;
  } catch {
    return null;
  }
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
