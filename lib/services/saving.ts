import { arxivIdFromUrl } from '../arxiv-id';
import { createBackup, parseBackup, planRestore, type Backup } from '../backup';
import { feedDayAt, isFeedDay } from '../feed-day';
import {
  cleanNote,
  describeRestoreReport,
  describeSaveFailure,
  parseTags,
  type RestoreOutcome,
  type SaveFailureNotice,
  type SaveStage,
} from '../library-view';
import { ALL_TOPICS, type ChangeTopic } from '../messages';
import type { Settings } from '../settings';
import type { NotificationRoute, Notifications } from '../platform/notifications';
import type { Failure, Paper, SavedPaper } from '../types';
import type { PaperboyDB } from '../store/database';
import { getCachedPaper } from '../store/feed';
import { applyRestorePlan, getSaved, listAllSaved, listDownloading, purgeRemovedPdfs, putPdf, saveSnapshot, setPdfState, storedPdfIds, unsaveRecord, updateSavedRecord } from '../store/library';
import { downloadPdf, fetchPaper } from '../platform/pdf-client';
import { getMeta, putMeta } from '../store/meta';
import { StorageFailure } from '../failure';
import { listStates } from '../store/feed';

/** A removed paper's PDF is kept this long, so "Undo" brings the paper back whole and offline. */
export const UNDO_WINDOW_MS = 10 * 60_000;
/** Progress is announced at most this often (each announcement redraws every open page). */
const PROGRESS_EVERY_MS = 250;
/** Ids of notifications about a save from the context menu: the prefix, then when. */
const SAVE_NOTIFICATION_PREFIX = 'paperboy-save:';

export interface SaverOptions {
  db: () => Promise<PaperboyDB>;
  fetch?: typeof fetch;
  now: () => number;
  settings: () => Promise<Settings>;
  /** The Hugging Face endpoint (a mirror set in the options wins), for `/api/papers/{id}`. */
  endpoint: () => Promise<string>;
  /** Where PDFs come from: `${arxivEndpoint}/pdf/{id}`. */
  arxivEndpoint: string;
  /** Something changed (a save, a PDF's progress, a failure): redraw the pages. */
  onChange: (topics: ChangeTopic[]) => void;
  /** Writes settings (a restore from a backup). */
  updateSettings?: (settings: Settings) => Promise<unknown>;
  /** Asks the browser never to evict the data; the default uses navigator.storage.persist where it exists. */
  persist?: () => Promise<boolean>;
  /** Tells the user how a save from the context menu went (a click on it opens the library). */
  notifications?: Notifications;
  openTab?: (url: string) => Promise<void>;
  /** The library page's URL. */
  libraryPage?: () => string;
  /** No byte for this long and a PDF download is given up (tests make it short). */
  stallTimeoutMs?: number;
}

export type SaveOutcome =
  { ok: true; record: SavedPaper; created: boolean } | { ok: false; stage: SaveStage; failure: Failure };

/** The pages' view of the saver: downloads under way, the last failure, the last restore. */
export interface SaverActivity {
  saving: Record<string, { received: number; total: number | null }>;
  lastSaveFailure: SaveFailureNotice | null;
  lastRestore: RestoreOutcome | null;
}

/**
 * Saving papers for offline reading, as the background worker does it: a snapshot of the paper
 * at once, then its PDF (unless the settings say "abstract only") with progress; unsave with
 * undo; tags and notes; retry; backup restore. A worker stopped mid-download leaves the record
 * 'downloading', and `resume()` on the next start takes the download up again.
 */
export function createSaver(options: SaverOptions) {
  const { now } = options;
  const downloads = new Map<string, Promise<void>>();
  const progress = new Map<string, { received: number; total: number | null }>();
  let lastSaveFailure: SaveFailureNotice | null = null;
  let lastRestore: RestoreOutcome | null = null;
  let lastProgressAt = 0;

  const failed = (id: string, stage: SaveStage, failure: Failure): SaveOutcome => {
    lastSaveFailure = { id, at: now(), message: describeSaveFailure(stage, failure) };
    options.onChange(['activity']);
    return { ok: false, stage, failure };
  };

  /** The paper to snapshot: the feed cache, else a removed record's snapshot, else Hugging Face. */
  async function findPaper(db: PaperboyDB, id: string, existing: SavedPaper | undefined) {
    const cached = (await getCachedPaper(db, id)) ?? existing?.paper;
    if (cached !== undefined) return { ok: true as const, paper: cached };
    return await fetchPaper(id, { endpoint: await options.endpoint(), fetch: options.fetch, now });
  }

  async function store(id: string, paper: Paper, keepSavedAt: boolean): Promise<SaveOutcome> {
    const db = await options.db();
    const pdfState = (await options.settings()).saveMode === 'abstract' ? 'skipped' : 'downloading';
    // A snapshot always carries a valid feed day (backups and exports rely on it).
    const snapshot = isFeedDay(paper.feedDay) ? paper : { ...paper, feedDay: feedDayAt(now()) };
    let result;
    try {
      result = await saveSnapshot(db, { paper: snapshot, pdfState, now: now(), keepSavedAt });
    } catch (error) {
      if (error instanceof StorageFailure) return failed(id, 'store', error.failure);
      throw error;
    }
    if (result.kind === 'unchanged') return { ok: true, record: result.record, created: false };
    if (lastSaveFailure?.id === id) lastSaveFailure = null;
    if (result.record.pdf.state === 'downloading') void startDownload(id);
    void askPersistOnce(db).catch(logError);
    options.onChange(['library']);
    return { ok: true, record: result.record, created: true };
  }

  /** Saves a paper (by id). Saving a saved paper does nothing new; a removed one comes back with its notes. */
  async function save(id: string): Promise<SaveOutcome> {
    const db = await options.db();
    const existing = await getSaved(db, id);
    if (existing !== undefined && existing.removedAt === null) return { ok: true, record: existing, created: false };
    const found = await findPaper(db, id, existing);
    if (!found.ok) return failed(id, 'lookup', found.failure);
    return await store(id, found.paper, false);
  }

  /** Undoes a removal: the paper comes back in its old place, with its tags, note and PDF. */
  async function restore(id: string): Promise<SaveOutcome> {
    const existing = await getSaved(await options.db(), id);
    if (existing === undefined) return await save(id);
    return await store(id, existing.paper, true);
  }

  /** Removes a paper from the library at once (no question asked); `restore` undoes it. */
  async function unsave(id: string): Promise<void> {
    const db = await options.db();
    try {
      await unsaveRecord(db, id, now());
    } catch (error) {
      if (!(error instanceof StorageFailure)) throw error;
      failed(id, 'store', error.failure);
      return;
    }
    options.onChange(['library']);
    // Removals older than the undo window give their space back.
    void purgeRemovedPdfs(db, now() - UNDO_WINDOW_MS).catch(logError);
  }

  /** Changes a saved paper's tags and/or note (cleaned here: whatever a page sends is made safe). */
  async function update(id: string, change: { tags?: string[]; note?: string }): Promise<void> {
    const clean = {
      ...(change.tags === undefined ? {} : { tags: parseTags(change.tags.join('\n')) }),
      ...(change.note === undefined ? {} : { note: cleanNote(change.note) }),
    };
    try {
      await updateSavedRecord(await options.db(), id, clean, now());
    } catch (error) {
      if (!(error instanceof StorageFailure)) throw error;
      failed(id, 'store', error.failure);
      return;
    }
    options.onChange(['library']);
  }

  /**
   * Fetches a saved paper's PDF again ("Try again", "Fetch again", or a PDF for an abstract-only
   * save). Nothing happens when the PDF is stored or already on its way.
   */
  async function retry(id: string): Promise<void> {
    const db = await options.db();
    const record = await getSaved(db, id);
    if (record === undefined || record.removedAt !== null || downloads.has(id)) return;
    if ((await storedPdfIds(db)).has(id)) {
      if (record.pdf.state !== 'stored') await putStoredState(db, record);
      return;
    }
    await setPdfState(db, id, { state: 'downloading' }, now());
    void startDownload(id);
    options.onChange(['library']);
  }

  async function putStoredState(db: PaperboyDB, record: SavedPaper): Promise<void> {
    await setPdfState(db, record.id, { state: 'stored' }, now());
    options.onChange(['library']);
  }

  /** Downloads and stores one PDF; concurrent calls for one paper share the download. */
  function startDownload(id: string): Promise<void> {
    const running = downloads.get(id);
    if (running !== undefined) return running;
    const run = (async (): Promise<void> => {
      progress.set(id, { received: 0, total: null });
      const db = await options.db();
      const result = await downloadPdf(id, {
        endpoint: options.arxivEndpoint,
        fetch: options.fetch,
        now,
        stallTimeoutMs: options.stallTimeoutMs,
        onProgress: (received, total) => {
          progress.set(id, { received, total });
          if (now() - lastProgressAt >= PROGRESS_EVERY_MS) {
            lastProgressAt = now();
            options.onChange(['activity']);
          }
        },
      });
      if (!result.ok) {
        console.warn(`[paperboy] PDF of ${id} not stored:`, result.failure);
        await setPdfState(db, id, { state: 'failed', failure: result.failure }, now());
        return;
      }
      try {
        await putPdf(db, id, result.data, now());
      } catch (error) {
        if (!(error instanceof StorageFailure)) throw error;
        console.warn(`[paperboy] PDF of ${id} not stored:`, error.failure);
        // Nothing of the PDF was written; the record says why (a write small enough to pass).
        await setPdfState(db, id, { state: 'failed', failure: error.failure }, now());
      }
    })()
      .catch(logError)
      .finally(() => {
        downloads.delete(id);
        progress.delete(id);
        options.onChange(['library', 'activity']);
      });
    downloads.set(id, run);
    return run;
  }

  /**
   * On worker start: takes up the downloads a stopped worker left 'downloading', and gives back
   * the space of PDFs removed longer ago than the undo window.
   */
  async function resume(): Promise<void> {
    const db = await options.db();
    for (const record of await listDownloading(db)) void startDownload(record.id);
    await purgeRemovedPdfs(db, now() - UNDO_WINDOW_MS);
  }

  /** Asks once, on the first save, that the browser never evict the library (where it can be asked). */
  async function askPersistOnce(db: PaperboyDB): Promise<void> {
    if (await getMeta(db, 'storage-persist-asked')) return;
    await putMeta(db, 'storage-persist-asked', true);
    const granted = await (options.persist ?? defaultPersist)();
    if (!granted) console.info('[paperboy] persistent storage not granted (unlimitedStorage still applies)');
  }

  async function notify(notice: { title: string; message: string }): Promise<void> {
    await options.notifications?.show(`${SAVE_NOTIFICATION_PREFIX}${now()}`, notice);
  }

  /** A click on a save's notification opens the library. */
  async function openLibrary(notificationId: string): Promise<void> {
    await options.notifications?.clear(notificationId);
    if (options.libraryPage !== undefined) await options.openTab?.(options.libraryPage());
  }

  const routes: NotificationRoute[] = [{ prefix: SAVE_NOTIFICATION_PREFIX, onClicked: openLibrary }];

  /** "Save to Paperboy" from the context menu: the link clicked, else the page; the user is told how it went. */
  async function saveFromPage(info: {
    linkUrl?: string;
    pageUrl?: string;
    frameUrl?: string;
  }): Promise<SaveOutcome | null> {
    const sites = { hfEndpoint: await options.endpoint(), arxivEndpoint: options.arxivEndpoint };
    const url = [info.linkUrl, info.frameUrl, info.pageUrl].find(
      (candidate) => candidate !== undefined && arxivIdFromUrl(candidate, sites) !== null,
    );
    const id = url === undefined ? null : arxivIdFromUrl(url, sites);
    if (id === null) {
      await notify({
        title: 'Not a paper Paperboy can save',
        message:
          'Save to Paperboy works on Hugging Face paper pages and arXiv abstract or PDF pages (or links to them).',
      });
      return null;
    }
    const outcome = await save(id);
    await notify(
      outcome.ok
        ? {
            title: outcome.created ? 'Saved to Paperboy' : 'Already in your Paperboy library',
            message: outcome.record.paper.title,
          }
        : { title: `Could not save arXiv ${id}`, message: describeSaveFailure(outcome.stage, outcome.failure) },
    );
    return outcome;
  }

  /** Everything a backup file holds, read now. */
  async function backup(): Promise<Backup> {
    const db = await options.db();
    const [states, saved, settings] = await Promise.all([listStates(db), listAllSaved(db), options.settings()]);
    return createBackup({ states, saved, settings, now: now() });
  }

  /**
   * Restores a backup file's text: validated first (a bad file changes nothing), then merged —
   * read states and saved papers in one transaction, then the settings. Idempotent.
   */
  async function restoreBackup(text: string): Promise<RestoreOutcome> {
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      lastRestore = { at: now(), ok: false, error: parsed.error };
      options.onChange(['activity']);
      return lastRestore;
    }
    const db = await options.db();
    const [states, saved, settings] = await Promise.all([listStates(db), listAllSaved(db), options.settings()]);
    const plan = planRestore({ states, saved, settings }, parsed.backup);
    try {
      await applyRestorePlan(db, plan);
    } catch (error) {
      if (!(error instanceof StorageFailure)) throw error;
      lastRestore = {
        at: now(),
        ok: false,
        error: `${describeSaveFailure('store', error.failure)} Nothing was restored.`,
      };
      options.onChange(['activity']);
      return lastRestore;
    }
    if (plan.report.settingsChanged) await options.updateSettings?.(plan.settings);
    lastRestore = { at: now(), ok: true, report: plan.report };
    console.info('[paperboy] backup restored:', describeRestoreReport(plan.report));
    options.onChange([...ALL_TOPICS]);
    return lastRestore;
  }

  function activity(): SaverActivity {
    return { saving: Object.fromEntries(progress), lastSaveFailure, lastRestore };
  }

  /** Resolves once every download under way has ended (tests, and a clean shutdown). */
  async function settled(): Promise<void> {
    while (downloads.size > 0) await Promise.all([...downloads.values()]);
  }

  return {
    save,
    restore,
    unsave,
    update,
    retry,
    resume,
    saveFromPage,
    backup,
    restoreBackup,
    activity,
    settled,
    routes,
  };
}

export type Saver = ReturnType<typeof createSaver>;

async function defaultPersist(): Promise<boolean> {
  // StorageManager.persist exists in windows only, not in a service worker; the extension's
  // unlimitedStorage permission already keeps its data from eviction in Chrome.
  const storage = (globalThis.navigator as Navigator | undefined)?.storage as Partial<StorageManager> | undefined;
  if (typeof storage?.persist !== 'function') return false;
  return await storage.persist();
}

function logError(error: unknown): void {
  console.error('[paperboy]', error);
}
