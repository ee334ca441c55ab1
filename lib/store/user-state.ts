import { feedDayAt } from '../feed-day';
import {
  isPlaceholderPaper,
  placeholderPaper,
  readsFromStates,
  saveFromLocal,
  saveToApply,
  statesToApply,
  type SyncedRead,
  type SyncedSave,
  type SyncState,
} from '../sync-model';
import type { Paper, PaperState, SavedPaper } from '../types';
import { write, type PaperboyDB } from './database';
import { isKey } from './records';

/**
 * What the user did, as sync and restore read and apply it: read states and saved papers
 * (stores `states` and `saved`). Each apply re-reads the records it changes inside its own
 * write transaction and merges there, so a change made meanwhile (a click, a PDF finishing) is
 * merged with, never written over.
 */

/** This browser's part of the sync state, read in one transaction: the read changes the user made and every saved record. */
export async function readSyncSource(
  db: PaperboyDB,
): Promise<Pick<SyncState, 'reads' | 'saves'>> {
  const tx = db.transaction(['states', 'papers', 'saved'], 'readonly');
  const states = await tx.objectStore('states').getAll();
  const touched = states.filter((state) => state.changedAt > state.firstSeenAt);
  const papers = await Promise.all(touched.map((state) => tx.objectStore('papers').get(state.id)));
  const saved = await tx.objectStore('saved').getAll();
  await tx.done;
  const days = new Map<string, string>();
  touched.forEach((state, index) => {
    const day = papers[index]?.feedDay;
    if (typeof day === 'string' && day !== '') days.set(state.id, day);
  });
  return {
    reads: readsFromStates(touched, (id) => days.get(id)),
    saves: new Map(saved.map((record) => [record.id, saveFromLocal(record)])),
  };
}

/**
 * Applies the merged read and save registers here, in one transaction that reads the current
 * records inside it. Returns how many read states and saved records were written.
 */
export async function applySyncRegisters(
  db: PaperboyDB,
  merged: { reads: ReadonlyMap<string, SyncedRead>; saves: ReadonlyMap<string, SyncedSave> },
): Promise<{ states: number; saves: number }> {
  return await write(db, ['states', 'saved', 'papers'], async (tx) => {
    const statesStore = tx.objectStore('states');
    const savedStore = tx.objectStore('saved');
    const ids = [...merged.reads.keys()].filter(isKey);
    const current = await Promise.all(ids.map((id) => statesStore.get(id)));
    const localStates = new Map<string, PaperState>();
    current.forEach((state) => state !== undefined && localStates.set(state.id, state));
    const stateWrites = statesToApply(localStates, new Map(merged.reads));
    const saveWrites: SavedPaper[] = [];
    for (const remote of merged.saves.values()) {
      const mine = await savedStore.get(remote.id);
      const paper =
        mine?.paper ??
        (await tx.objectStore('papers').get(remote.id)) ??
        placeholderPaper(remote.id, feedDayAt(remote.savedAt));
      const next = saveToApply(mine, remote, paper);
      if (next !== null) saveWrites.push(next);
    }
    await Promise.all([
      ...stateWrites.map((state) => statesStore.put(state)),
      ...saveWrites.map((record) => savedStore.put(record)),
    ]);
    return { states: stateWrites.length, saves: saveWrites.length };
  });
}

/** Saved papers whose snapshot is still a placeholder (saved on another browser, not cached here), oldest first. */
export async function listPlaceholderSaves(db: PaperboyDB): Promise<SavedPaper[]> {
  return (await db.getAll('saved')).filter((record) => record.removedAt === null && isPlaceholderPaper(record.paper));
}


/** Puts the real paper in place of a placeholder snapshot; false when the record changed meanwhile (no longer a placeholder, or gone). */
export async function replacePlaceholder(db: PaperboyDB, id: string, paper: Paper): Promise<boolean> {
  return await write(db, ['saved'], async (tx) => {
    const store = tx.objectStore('saved');
    const current = await store.get(id);
    if (current === undefined || !isPlaceholderPaper(current.paper)) return false;
    await store.put({ ...current, paper });
    return true;
  });
}
