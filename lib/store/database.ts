import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageFailure } from '../failure';
import type { FeedDayRecord, Failure, Paper, PaperState, SavedPaper, StoredPdf } from '../types';

/**
 * The one module that opens Paperboy's IndexedDB: the schema and its upgrades, the connection
 * (reopened when the browser closes it), the write helper every write goes through, and the
 * one classifier of storage errors. The queries live beside it, one file per concern
 * (feed.ts, meta.ts, library.ts, search-index.ts, user-state.ts); nothing outside lib/store/
 * opens the database or a transaction (ESLint enforces it).
 */

export const DB_NAME = 'paperboy';
/** Current schema version. Add a rung to `upgrade` for each bump; never edit an old one. */
export const DB_VERSION = 4;

/** The keys of the search index's store: the index itself and the small record weighed after each commit. */
export type SearchIndexKey = 'index' | 'state';

export interface PaperboySchema extends DBSchema {
  papers: { key: string; value: Paper; indexes: { 'by-day': string } };
  days: { key: string; value: FeedDayRecord };
  states: { key: string; value: PaperState; indexes: { 'by-unread': number } };
  /** Small bookkeeping records, each read through its own reader (meta.ts `MetaRecords`). */
  meta: { key: string; value: unknown };
  /** Saved papers (tombstones included), newest first through `by-saved-at`. */
  saved: { key: string; value: SavedPaper; indexes: { 'by-saved-at': number } };
  /** PDFs of saved papers, by paper id. */
  pdfs: { key: string; value: StoredPdf };
  /** The persisted search index (~30 MB at 20,000 papers) and its state record (search-index.ts). */
  'search-index': { key: SearchIndexKey; value: unknown };
}

export type PaperboyDB = IDBPDatabase<PaperboySchema>;
export type StoreName = StoreNames<PaperboySchema>;

/** Keys the search index had in `meta` before it got a store of its own (v4). */
const LEGACY_SEARCH_KEYS = [
  ['search-index', 'index'],
  ['search-index-state', 'state'],
] as const;

export interface OpenOptions {
  /** Called once the connection is closed under us: a newer version wants in, or the browser ended it. */
  onClose?: () => void;
}

/** Opens (creating or upgrading) the database. `name` lets a test run two browsers side by side. */
export async function openPaperboyDB(name = DB_NAME, options: OpenOptions = {}): Promise<PaperboyDB> {
  return await openDB<PaperboySchema>(name, DB_VERSION, {
    // Async is safe here: only IDB requests are awaited, so the versionchange transaction stays
    // open, and openDB resolves only once that transaction has completed.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const papers = db.createObjectStore('papers', { keyPath: 'id' });
        papers.createIndex('by-day', 'feedDay');
        db.createObjectStore('days', { keyPath: 'day' });
        db.createObjectStore('states', { keyPath: 'id' });
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        // v1 kept `read: boolean`; an index needs a number, so v2 stores `unread: 0 | 1`
        // and indexes it: the badge count no longer scans every paper ever seen.
        const states = tx.objectStore('states');
        let cursor = await states.openCursor();
        while (cursor) {
          const old = cursor.value as PaperState & { read?: boolean };
          if (old.unread !== 0 && old.unread !== 1) {
            const { read, ...rest } = old;
            await cursor.update({ ...rest, unread: read === true ? 0 : 1 });
          }
          cursor = await cursor.continue();
        }
        states.createIndex('by-unread', 'unread');
      }
      if (oldVersion < 3) {
        // v3: papers saved for offline reading, and their PDFs in a store of their own.
        const saved = db.createObjectStore('saved', { keyPath: 'id' });
        saved.createIndex('by-saved-at', 'savedAt');
        db.createObjectStore('pdfs', { keyPath: 'id' });
      }
      if (oldVersion < 4) {
        // v4: the search index leaves `meta` for a store of its own: `meta` holds small typed
        // records only, and reading one of them never risks copying 30 MB.
        const search = db.createObjectStore('search-index');
        const meta = tx.objectStore('meta');
        for (const [oldKey, newKey] of LEGACY_SEARCH_KEYS) {
          const value: unknown = await meta.get(oldKey);
          if (value !== undefined) await search.put(value, newKey);
          await meta.delete(oldKey);
        }
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version is waiting (the extension was updated while a page is open): let it in.
      (event.target as IDBDatabase).close();
      options.onClose?.();
    },
    terminated() {
      // The browser closed the connection (site data cleared, a disk error): open again next time.
      options.onClose?.();
    },
  });
}

/** A connection getter: opens on first use and again after the connection was closed or failed to open. */
export type Connection = () => Promise<PaperboyDB>;

/**
 * The database connection a worker or a page keeps. A failed open is not remembered (the next
 * call tries again), and a connection the browser closed, or that a newer version asked to
 * close, is replaced by a new one on the next call instead of failing every later request.
 */
export function createConnection(open: (options: OpenOptions) => Promise<PaperboyDB> = openDefault): Connection {
  let current: Promise<PaperboyDB> | null = null;
  return () => {
    if (current !== null) return current;
    const opening: Promise<PaperboyDB> = open({
      onClose: () => {
        if (current === opening) current = null;
      },
    }).catch((error: unknown) => {
      if (current === opening) current = null;
      throw error;
    });
    current = opening;
    return opening;
  };
}

function openDefault(options: OpenOptions): Promise<PaperboyDB> {
  return openPaperboyDB(DB_NAME, options);
}

/** True for the browser's "out of space" errors: Chrome's and today's Firefox name, Firefox's old one. */
export function isQuotaError(error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** The one classifier of storage errors: 'quota' when the disk or the quota is full, 'storage' otherwise. */
export function storageFailureOf(error: unknown): Failure {
  if (error instanceof StorageFailure) return error.failure;
  // The detail is the browser's name for it, for the console; the words shown come from the kind.
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'storage error';
  return { kind: isQuotaError(error) ? 'quota' : 'storage', detail: name };
}

export type WriteTransaction<Names extends StoreName[]> = IDBPTransaction<PaperboySchema, Names, 'readwrite'>;

/**
 * Runs one logical write in one transaction: kept whole or not at all. A request that throws
 * at once (a record IndexedDB cannot store) or a transaction the browser aborts (a full disk)
 * rejects with a StorageFailure saying which ('quota' or 'storage'), and nothing of the write
 * is kept. `body` must await IndexedDB requests only: any other await lets the transaction
 * close under it (idb's README: "Transaction lifetime").
 */
export async function write<T, Names extends StoreName[]>(
  db: PaperboyDB,
  stores: Names,
  body: (tx: WriteTransaction<Names>) => Promise<T>,
): Promise<T> {
  let tx: WriteTransaction<Names>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    // A closed connection, or a browser that refuses to start a write at all.
    throw new StorageFailure(storageFailureOf(error), { cause: error });
  }
  let result: T;
  try {
    result = await body(tx);
    await tx.done;
  } catch (error) {
    // The transaction's own error names the cause when the browser aborted it (a full disk
    // fails the commit, and the pending requests only say "aborted").
    const cause: unknown = isQuotaError(tx.error) ? tx.error : error;
    // A put that throws at once does not abort the transaction by itself, and the puts issued
    // before it would commit: abort, so the write is kept whole or not at all.
    void tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted (or finished): nothing left to undo.
    }
    throw new StorageFailure(storageFailureOf(cause), { cause });
  }
  return result;
}
