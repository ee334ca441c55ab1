// The fault ledger: every fault case a test tries records itself here, and `npm test` ends with
// "Fault cases tried: N, lost data: M" (scripts/test.mjs). `lostData` comes from comparing
// snapshots of the database before and after the fault (tests/fixtures/snapshot.ts), never a
// constant. Without PAPERBOY_FAULT_LEDGER (a plain `npx vitest`), recording does nothing.
//
//   const before = await snapshotStores(db);
//   …the fault…
//   const lostData = await recordFaultAgainst('http 503', db, before);
//   expect(lostData).toBe(false);
import { appendFile } from 'node:fs/promises';
import type { PaperboyDB } from '@/lib/store/database';
import { lostRecords, snapshotStores, type DbSnapshot, type LossOptions } from './fixtures/snapshot';

/** One line of the ledger (JSON lines in the file named by PAPERBOY_FAULT_LEDGER). */
export interface FaultEntry {
  /** The fault, short and unique within its area: "http 503", "quota during commit". */
  name: string;
  /** Whether any record present before the fault was missing or changed after it. */
  lostData: boolean;
  /** What was hit: "refresh", "database", "worker"…; helps when reading the ledger. */
  area?: string;
  /** The records lost, when any ("states/2603.00001"). */
  lost?: string[];
}

/** Appends one fault case to the ledger (a no-op when PAPERBOY_FAULT_LEDGER is unset). */
export async function recordFault(name: string, outcome: Omit<FaultEntry, 'name'>): Promise<void> {
  const file = process.env.PAPERBOY_FAULT_LEDGER;
  if (file === undefined || file === '') return;
  const entry: FaultEntry = { name, ...outcome };
  // One appended line per case: parallel test workers can share the file (O_APPEND).
  await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
}

/**
 * Snapshots `db` now, compares it with `before`, records the fault and returns whether data was
 * lost. The refresh status is bookkeeping and may change (see BOOKKEEPING_META_KEYS).
 */
export async function recordFaultAgainst(
  name: string,
  db: PaperboyDB,
  before: DbSnapshot,
  options: LossOptions & { area?: string } = {},
): Promise<boolean> {
  const lost = lostRecords(before, await snapshotStores(db), options);
  const lostData = lost.length > 0;
  await recordFault(name, { lostData, area: options.area, ...(lostData ? { lost } : {}) });
  return lostData;
}
