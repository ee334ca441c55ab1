/** A paper as Paperboy keeps it: the API item, normalised and made safe to render. */
export interface Paper {
  /** Bare arXiv id, e.g. "2602.23229": the primary key everywhere. */
  id: string;
  title: string;
  /** Abstract, whitespace normalised (the API keeps the arXiv source's hard line breaks). */
  abstract: string;
  /** Visible author names in order (authors HF marks hidden are left out). */
  authors: string[];
  organization: string | null;
  upvotes: number;
  numComments: number;
  aiSummary: string | null;
  aiKeywords: string[];
  /** Only http(s) URLs survive parsing; anything else becomes null. */
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  /** ISO timestamp of arXiv publication, or null. */
  publishedAt: string | null;
  /** Feed day (YYYY-MM-DD) the paper was listed on. */
  feedDay: string;
}

/** One feed day as last fetched: its papers in the API's order. */
export interface FeedDayRecord {
  day: string;
  ids: string[];
  fetchedAt: number;
}

/** What the user did with a paper. Kept apart from Paper so a re-fetch never touches it. */
export interface PaperState {
  id: string;
  firstSeenAt: number;
  /** 1 unread, 0 read: a number so IndexedDB can index it (booleans are not valid keys). */
  unread: 0 | 1;
  /** When read/unread last changed (for later sync merges). */
  changedAt: number;
}

/** Why a refresh failed: a closed set, mapped to words by lib/failure-text.ts. */
export type FailureKind = 'offline' | 'timeout' | 'rate-limited' | 'server' | 'bad-response' | 'quota' | 'storage';

export interface Failure {
  kind: FailureKind;
  /** HTTP status when there was one. */
  status?: number;
  /** Earliest time (ms epoch) another call may go out, when the server said so. */
  retryAt?: number;
  detail?: string;
}

/** The worker's bookkeeping about refreshes, stored beside the cache. */
export interface RefreshStatus {
  installedAt: number | null;
  /** First feed day the user had the extension: older days fetched later count as read. */
  installDay: string | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The latest feed day fetched successfully: catch-up starts from there. */
  lastFetchedDay: string | null;
  lastFailure: (Failure & { at: number }) | null;
  consecutiveFailures: number;
  /** No automatic call before this time (rate limit or back-off). */
  nextAllowedAt: number | null;
}

export const EMPTY_STATUS: RefreshStatus = {
  installedAt: null,
  installDay: null,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastFetchedDay: null,
  lastFailure: null,
  consecutiveFailures: 0,
  nextAllowedAt: null,
};
