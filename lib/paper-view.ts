import { safeHttpUrl } from './safe-url';
import type { WatchEntry } from './settings';
import type { Paper, PaperState } from './types';
import type { WatchMatcher } from './watchlist';

/** A paper ready for the list: the paper, whether it is unread, what of the watchlist it matches. */
export interface ListedPaper {
  paper: Paper;
  unread: boolean;
  matched: WatchEntry[];
}

export interface ListOptions {
  matcher?: WatchMatcher;
  /** Watchlist matches first (then by upvotes). */
  matchesFirst?: boolean;
}

/** Most-upvoted first; ties keep the API's order. Papers without a state count as read. */
export function listPapers(papers: Paper[], states: Map<string, PaperState>, options: ListOptions = {}): ListedPaper[] {
  const first = options.matchesFirst === true;
  return papers
    .map((paper, index) => ({
      paper,
      unread: states.get(paper.id)?.unread === 1,
      matched: options.matcher?.match(paper) ?? [],
      index,
    }))
    .sort(
      (a, b) =>
        (first ? Number(b.matched.length > 0) - Number(a.matched.length > 0) : 0) ||
        b.paper.upvotes - a.paper.upvotes ||
        a.index - b.index,
    )
    .map(({ paper, unread, matched }) => ({ paper, unread, matched }));
}

/** "Ada Lovelace, Alan Turing, Grace Hopper +4": the first few authors, then how many more. */
export function authorsLine(authors: string[], shown = 3): string {
  if (authors.length <= shown + 1) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} +${authors.length - shown}`;
}

export interface PaperLink {
  kind: 'hf' | 'arxiv' | 'pdf' | 'github' | 'project';
  label: string;
  href: string;
}

/** The paper's HF page. */
export function paperPageUrl(endpoint: string, id: string): string {
  return new URL(`${endpoint.replace(/\/+$/, '')}/papers/${encodeURIComponent(id)}`).href;
}

/** Every link a card offers, only ever http(s). */
export function paperLinks(paper: Paper, endpoint: string): PaperLink[] {
  const id = encodeURIComponent(paper.id);
  const candidates: { kind: PaperLink['kind']; label: string; href: string | null }[] = [
    { kind: 'hf', label: 'HF page', href: safeHttpUrl(paperPageUrl(endpoint, paper.id)) },
    { kind: 'arxiv', label: 'arXiv', href: `https://arxiv.org/abs/${id}` },
    { kind: 'pdf', label: 'PDF', href: `https://arxiv.org/pdf/${id}` },
    {
      kind: 'github',
      label: paper.githubStars === null ? 'GitHub' : `GitHub ★ ${formatCount(paper.githubStars)}`,
      href: safeHttpUrl(paper.githubRepo),
    },
    { kind: 'project', label: 'Project page', href: safeHttpUrl(paper.projectPage) },
  ];
  return candidates.filter((link): link is PaperLink => link.href !== null);
}

/** 1234 → "1.2k": compact counts for stars and upvotes. */
export function formatCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (count < 1_000_000) return `${Math.round(count / 1000)}k`;
  return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}
