import type { MergePlan } from '../backup';
import { annotatedAtOf } from '../saved-record';
import type { Failure, Paper, PdfState, SavedPaper, StoredPdf } from '../types';
import { write, type PaperboyDB } from './database';

/**
 * Every query on the saved papers and their PDFs (stores `saved` and `pdfs`). One transaction
 * per logical write (database.ts `write`): a worker stopped halfway leaves the previous state,
 * and a write the browser refuses for lack of space (a StorageFailure) leaves everything as it was.
 */

/** One saved record, tombstones included. */
export async function getSaved(db: PaperboyDB, id: string): Promise<SavedPaper | undefined> {
  return await db.get('saved', id);
}

/** Saved records of the given ids (tombstones included), by id. */
export async function getSavedMany(db: PaperboyDB, ids: readonly string[]): Promise<Map<string, SavedPaper>> {
  const tx = db.transaction('saved', 'readonly');
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const found = new Map<string, SavedPaper>();
  for (const record of records) if (record !== undefined) found.set(record.id, record);
  return found;
}

/** Every saved paper (tombstones left out), newest saved first. */
export async function listSaved(db: PaperboyDB): Promise<SavedPaper[]> {
  const records = await db.getAllFromIndex('saved', 'by-saved-at');
  return records.filter((record) => record.removedAt === null).reverse();
}

/** Every saved record, tombstones included (backups, sync). */
export async function listAllSaved(db: PaperboyDB): Promise<SavedPaper[]> {
  return await db.getAll('saved');
}


export type SaveResult =
  /** A new record (or a removed one brought back). */
  | { kind: 'created'; record: SavedPaper }
  /** Already saved: nothing changed. */
  | { kind: 'unchanged'; record: SavedPaper };

/**
 * Saves a snapshot of `paper`, in one transaction. Already saved: nothing changes. A removed
 * paper comes back with its tags and note (and its PDF, if still stored); `keepSavedAt` puts it
 * back in its old place (an undo) instead of at the top.
 */
export async function saveSnapshot(
  db: PaperboyDB,
  input: { paper: Paper; pdfState: PdfState; now: number; keepSavedAt?: boolean },
): Promise<SaveResult> {
  return await write(db, ['saved', 'pdfs'], async (tx) => {
    const saved = tx.objectStore('saved');
    const existing = await saved.get(input.paper.id);
    if (existing !== undefined && existing.removedAt === null) return { kind: 'unchanged', record: existing };
    const hasPdf = existing !== undefined && (await tx.objectStore('pdfs').getKey(input.paper.id)) !== undefined;
    const pdf: SavedPaper['pdf'] =
      hasPdf && existing.pdf.state === 'stored' ? existing.pdf : { state: input.pdfState, updatedAt: input.now };
    const record: SavedPaper = {
      id: input.paper.id,
      paper: input.paper,
      savedAt: existing !== undefined && input.keepSavedAt === true ? existing.savedAt : input.now,
      updatedAt: input.now,
      removedAt: null,
      tags: existing?.tags ?? [],
      note: existing?.note ?? '',
      // Saving again changes the save, not the tags and note it kept.
      annotatedAt: existing === undefined ? 0 : annotatedAtOf(existing),
      pdf,
    };
    await saved.put(record);
    return { kind: 'created', record };
  });
}

/**
 * Removes a paper from the library, keeping a tombstone (tags, note, and the PDF for a while) so
 * the removal can be undone. Returns the tombstone, or undefined when the paper was not saved.
 */
export async function unsaveRecord(db: PaperboyDB, id: string, now: number): Promise<SavedPaper | undefined> {
  return await write(db, ['saved'], async (tx) => {
    const store = tx.objectStore('saved');
    const existing = await store.get(id);
    if (existing === undefined || existing.removedAt !== null) return undefined;
    const tombstone: SavedPaper = { ...existing, removedAt: now, updatedAt: now, annotatedAt: annotatedAtOf(existing) };
    await store.put(tombstone);
    return tombstone;
  });
}

/**
 * Deletes the PDFs of papers removed before `before` (their undo window is over); their
 * tombstones stay, with the PDF state 'none'. Returns how many PDFs were deleted.
 */
export async function purgeRemovedPdfs(db: PaperboyDB, before: number): Promise<number> {
  return await write(db, ['saved', 'pdfs'], async (tx) => {
    const saved = tx.objectStore('saved');
    const pdfs = tx.objectStore('pdfs');
    let purged = 0;
    for (const record of await saved.getAll()) {
      if (record.removedAt === null || record.removedAt >= before) continue;
      if ((await pdfs.getKey(record.id)) !== undefined) {
        await pdfs.delete(record.id);
        purged += 1;
      }
      if (record.pdf.state !== 'none')
        await saved.put({ ...record, pdf: { state: 'none', updatedAt: record.pdf.updatedAt } });
    }
    return purged;
  });
}

/** Changes a saved paper's tags and/or note. Returns the new record, or undefined when it is not saved. */
export async function updateSavedRecord(
  db: PaperboyDB,
  id: string,
  change: { tags?: string[]; note?: string },
  now: number,
): Promise<SavedPaper | undefined> {
  return await write(db, ['saved'], async (tx) => {
    const store = tx.objectStore('saved');
    const existing = await store.get(id);
    if (existing === undefined || existing.removedAt !== null) return undefined;
    const next: SavedPaper = {
      ...existing,
      tags: change.tags ?? existing.tags,
      note: change.note ?? existing.note,
      updatedAt: now,
      annotatedAt: now,
    };
    await store.put(next);
    return next;
  });
}

/**
 * Sets where a saved paper's PDF stands (downloading, failed, skipped…), for a record that
 * exists. The user's `updatedAt` is left alone: PDF bookkeeping is not an edit to merge.
 */
export async function setPdfState(
  db: PaperboyDB,
  id: string,
  pdf: { state: PdfState; failure?: Failure },
  now: number,
): Promise<SavedPaper | undefined> {
  return await write(db, ['saved'], async (tx) => {
    const store = tx.objectStore('saved');
    const existing = await store.get(id);
    if (existing === undefined) return undefined;
    const next: SavedPaper = {
      ...existing,
      pdf: { state: pdf.state, updatedAt: now, ...(pdf.failure === undefined ? {} : { failure: pdf.failure }) },
    };
    await store.put(next);
    return next;
  });
}

/**
 * Stores a PDF and marks its paper's PDF as stored, in one transaction: both or neither. Skipped
 * when the paper is no longer in the library at all. A full disk rejects with a
 * LibraryWriteError of kind 'quota', and the PDF state then says so (in a write of its own).
 */
export async function putPdf(db: PaperboyDB, id: string, data: ArrayBuffer, now: number): Promise<boolean> {
  return await write(db, ['saved', 'pdfs'], async (tx) => {
    const saved = tx.objectStore('saved');
    const existing = await saved.get(id);
    if (existing === undefined) return false;
    const stored: StoredPdf = { id, data, bytes: data.byteLength, storedAt: now };
    await tx.objectStore('pdfs').put(stored);
    await saved.put({ ...existing, pdf: { state: 'stored', bytes: data.byteLength, updatedAt: now } });
    return true;
  });
}

/** A stored PDF, or undefined. */
export async function readPdf(db: PaperboyDB, id: string): Promise<StoredPdf | undefined> {
  return await db.get('pdfs', id);
}

/** Ids of the PDFs stored. */
export async function storedPdfIds(db: PaperboyDB): Promise<Set<string>> {
  return new Set(await db.getAllKeys('pdfs'));
}

/** Saved records whose PDF was being downloaded (by a worker that may have been stopped since). */
export async function listDownloading(db: PaperboyDB): Promise<SavedPaper[]> {
  return (await db.getAll('saved')).filter((record) => record.removedAt === null && record.pdf.state === 'downloading');
}


/**
 * Applies a restore plan's records (read states and saved papers) in one transaction: all or
 * nothing. The settings are written by the caller afterwards.
 */
export async function applyRestorePlan(db: PaperboyDB, plan: Pick<MergePlan, 'states' | 'saved'>): Promise<void> {
  await write(db, ['states', 'saved'], async (tx) => {
    const states = tx.objectStore('states');
    const saved = tx.objectStore('saved');
    await Promise.all([
      ...plan.states.map((state) => states.put(state)),
      ...plan.saved.map((record) => saved.put(record)),
    ]);
  });
}

/** Space used and available to this extension's origin, or null where the browser cannot say. */
export async function storageEstimate(): Promise<{ usage: number; quota: number | null } | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (storage?.estimate === undefined) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (usage === undefined) return null;
    return { usage, quota: quota ?? null };
  } catch (error) {
    console.warn('[paperboy] storage estimate unavailable', error);
    return null;
  }
}
