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

/** Where a saved paper's PDF stands. */
export type PdfState = 'none' | 'downloading' | 'stored' | 'failed' | 'skipped';

/**
 * A paper the user saved for offline reading: a snapshot of the paper (so it survives the
 * cache), the user's tags and note, and the PDF's state. Unsaving keeps a tombstone
 * (`removedAt`), so an undo restores the notes and a sync can tell a removal from "never saved".
 */
export interface SavedPaper {
  id: string;
  paper: Paper;
  savedAt: number;
  /** Last change to the record (save, unsave, tags, note): last writer wins when merging. */
  updatedAt: number;
  removedAt: number | null;
  tags: string[];
  note: string;
  /**
   * Last change to the tags or the note (0: never annotated). They sync as a register of their
   * own (lib/sync-model.ts), so saving the paper on another browser never wipes them. Absent
   * in records from before: `annotatedAtOf` stands in.
   */
  annotatedAt?: number;
  pdf: { state: PdfState; bytes?: number; failure?: Failure; updatedAt: number };
}

/** A stored PDF, kept apart from SavedPaper so listing the library never loads megabytes. */
export interface StoredPdf {
  id: string;
  /** The file itself (an ArrayBuffer: stored the same in every browser and in fake-indexeddb). */
  data: ArrayBuffer;
  bytes: number;
  storedAt: number;
}
