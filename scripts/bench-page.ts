// Bundled by `npm run bench` only (never part of the extension build) and loaded by a bench page
// inside the built extension, so it measures the extension's own IndexedDB and search code on the
// extension's own origin, in real Chromium.
import { storeArchiveMonth } from '../lib/services/archive';
import { openPaperboyDB, type PaperboyDB } from '../lib/store/database';
import { createSearchIndexer } from '../lib/services/search-index';
import { createSearchService } from '../lib/clients/search';
import { getSearchIndexRecord } from '../lib/store/search-index';
import { parseDailyPapers } from '../lib/parse-daily-papers';
import { measureSyncHeavyUser } from './bench-sync';

let dbPromise: Promise<PaperboyDB> | null = null;
const db = (): Promise<PaperboyDB> => (dbPromise ??= openPaperboyDB());

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const bench = {
  /** The storage.sync bytes of a heavy user, with the extension's own codec (scripts/bench-sync.ts). */
  syncHeavyUser: () => measureSyncHeavyUser(Date.now()),

  /** Parses API items and stores them as one archive month (the archive's own commit); returns ms in IndexedDB. */
  async ingestMonth(items: unknown[]): Promise<{ ms: number; papers: number }> {
    const parsed = parseDailyPapers(items);
    if (!parsed.ok) throw new Error('bench items did not parse');
    const handle = await db();
    const start = performance.now();
    const papers = await storeArchiveMonth(handle, parsed.papers, Date.now());
    return { ms: performance.now() - start, papers };
  },

  async usage(): Promise<number> {
    return (await navigator.storage.estimate()).usage ?? 0;
  },

  async paperCount(): Promise<number> {
    return await (await db()).count('papers');
  },

  /** The stored index's size and when it was last brought up to date (null when there is none). */
  async storedIndex(): Promise<{ chars: number; parts: number; syncedAt: number } | null> {
    const stored = (await getSearchIndexRecord(await db(), 'index')) as { parts?: string[]; syncedAt?: number } | undefined;
    if (!Array.isArray(stored?.parts)) return null;
    const chars = stored.parts.reduce((sum, part) => sum + part.length, 0);
    return { chars, parts: stored.parts.length, syncedAt: stored.syncedAt ?? 0 };
  },

  /**
   * The worker's index upkeep after a commit, run here on the same code and database: weighs the
   * backlog and stores the index again only past the limit (`backlogLimit: 0` forces it, as a
   * backlog past the limit would; a fresh indexer, as after a worker restart, loads the stored
   * index first). Returns the time and whether the stored index was written.
   */
  async indexerUpdate(backlogLimit?: number): Promise<{ ms: number; rewritten: boolean }> {
    const handle = await db();
    const state = async () => JSON.stringify(await getSearchIndexRecord(handle, 'state'));
    const before = await state();
    const start = performance.now();
    await createSearchIndexer({ db, backlogLimit }).update();
    const ms = performance.now() - start;
    return { ms, rewritten: (await state()) !== before };
  },

  /** The latest day-list write: the stored index is current once its syncedAt reaches it. */
  async latestDayWrite(): Promise<number> {
    const days = await (await db()).getAll('days');
    return days.reduce((latest, day) => Math.max(latest, day.fetchedAt), 0);
  },

  /** A page getting its search ready: loads the stored index, or builds one from the papers. */
  async ready(): Promise<{ ms: number; longestTaskMs: number }> {
    const service = createSearchService({ db });
    // The page's longest task meanwhile: how long a key press could wait while the index loads.
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    await service.ready();
    const ms = performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    (globalThis as { benchService?: typeof service }).benchService = service;
    return { ms, longestTaskMs };
  },

  /** Types each query a character at a time against the ready service; per-keystroke timings. */
  async typeQueries(
    queries: string[],
  ): Promise<{ p50: number; p95: number; max: number; keystrokes: number; hits: number[] }> {
    const service = (globalThis as { benchService?: ReturnType<typeof createSearchService> }).benchService;
    if (service === undefined) throw new Error('call ready() first');
    const times: number[] = [];
    const hits: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      // Each round starts as after the worker's change broadcast (the page syncs, which empties
      // what the index remembers of earlier queries): typed as for the first time.
      await service.sync();
      for (const query of queries) {
        for (let length = 1; length <= query.length; length += 1) {
          const start = performance.now();
          const found = service.search(query.slice(0, length), { limit: 50 });
          times.push(performance.now() - start);
          if (round === 0 && length === query.length) hits.push(found.length);
        }
      }
    }
    return {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      keystrokes: times.length,
      hits,
    };
  },
};

(globalThis as { paperboyBench?: typeof bench }).paperboyBench = bench;
