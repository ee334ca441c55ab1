import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { createSearchIndexer, INDEX_BACKLOG_LIMIT } from '@/lib/services/search-index';
import { createSearchService } from '@/lib/clients/search';
import { getSearchIndexRecord, putSearchIndexRecord } from '@/lib/store/search-index';
import { createWorker } from '@/lib/services/worker';
import { addDays } from '@/lib/feed-day';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import { PaperSearchIndex } from '@/lib/search';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { Paper } from '@/lib/types';
import { makeDay, makeItem } from '../fixtures/feed.mjs';
import { createFakeHf, type FakeHf } from '../fixtures/hf-stub';
import { commitRefresh } from '@/lib/store/feed';

// The worker's persisted index and a page's search service over fake-indexeddb, with papers
// arriving through real refreshes from a stubbed Hugging Face.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');
const EARLIER = '2026-03-03';

let hf: FakeHf;
let db: PaperboyDB;
let clock: { now: number };

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  db = await openPaperboyDB();
  clock = { now: NOW };
  hf = createFakeHf();
  for (let day = addDays(TODAY, -7); day <= TODAY; day = addDays(day, 1)) hf.feed.set(day, makeDay(day, 3));
  hf.feed.set(EARLIER, [
    makeItem(EARLIER, 0, {
      paper: {
        title: 'Quokka: Navigation for Small Robots',
        authors: [{ _id: 'x', name: 'Zelda Quintero', hidden: false }],
      },
    }),
    ...makeDay(EARLIER, 3).slice(1),
  ]);
});

function worker() {
  return createWorker({
    endpoint: ENDPOINT,
    fetch: hf.fetch,
    now: () => clock.now,
    openDb: () => Promise.resolve(db),
    settings: () => Promise.resolve(DEFAULT_SETTINGS),
  });
}

function page() {
  return createSearchService({ db: () => Promise.resolve(db), pause: () => Promise.resolve() });
}

function ids(hits: { id: string }[]): string[] {
  return hits.map((hit) => hit.id);
}

const quokkaId = makeItem(EARLIER, 0).paper.id;

describe('the search index', () => {
  it('finds papers a refresh committed, by a title word and by an author, with their feed day', async () => {
    const background = worker();
    await background.refresh('manual');
    await background.searchIndexer.update();
    const search = page();

    expect(search.search('quokka')).toEqual([]);
    await search.ready();

    expect(search.isReady).toBe(true);
    expect(search.search('quokka')).toEqual([expect.objectContaining({ id: quokkaId, feedDay: EARLIER })]);
    expect(ids(search.search('quintero'))).toEqual([quokkaId]);
    expect(ids(search.search('robots navig'))).toEqual([quokkaId]);
  });

  it('finds a re-fetched paper by its new text, and no longer by the old', async () => {
    const background = worker();
    await background.refresh('manual');
    await background.searchIndexer.update();
    const open = page();
    await open.ready();

    hf.feed.set(EARLIER, [makeItem(EARLIER, 0, { paper: { title: 'Wombat: Burrowing Agents' } })]);
    clock.now += 60 * 60_000;
    await background.loadDay(EARLIER);
    await background.searchIndexer.update();
    await open.sync();

    expect(ids(open.search('wombat'))).toEqual([quokkaId]);
    expect(open.search('quokka')).toEqual([]);
    const fresh = page();
    await fresh.ready();
    expect(ids(fresh.search('wombat'))).toEqual([quokkaId]);
    expect(fresh.search('quokka')).toEqual([]);
  });

  it('stores the index, and a restarted worker updates it from what changed', async () => {
    await worker().refresh('manual');
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    expect((await storedIndex())?.size).toBe(await db.count('papers'));

    await commitPapers([paper('2603.99001', 'Platypus Sensors', TODAY)], clock.now + 1);
    await createSearchIndexer({ db: () => Promise.resolve(db), backlogLimit: 1 }).update();

    const restored = await storedIndex();
    expect(ids(restored!.search('platypus'))).toEqual(['2603.99001']);
    expect(ids(restored!.search('quokka'))).toEqual([quokkaId]);
  });

  it('finds in a page what the worker has not indexed yet', async () => {
    await commitPapers([paper('2603.99002', 'Echidna Planning', TODAY)], NOW);
    const first = page();
    await first.ready();
    expect(ids(first.search('echidna'))).toEqual(['2603.99002']);

    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    await commitPapers([paper('2603.99003', 'Numbat Memory', TODAY)], NOW + 1);
    const second = page();
    await second.ready();

    expect(ids(second.search('echidna'))).toEqual(['2603.99002']);
    expect(ids(second.search('numbat'))).toEqual(['2603.99003']);
  });

  it('rebuilds an index stored by another version instead of misreading it', async () => {
    await commitPapers([paper('2603.99004', 'Bilby Vision', TODAY)], NOW);
    await putSearchIndexRecord(db, 'index', { json: JSON.stringify({ version: 0, index: {} }), syncedAt: NOW + 5 });
    const search = page();
    await search.ready();

    expect(ids(search.search('bilby'))).toEqual(['2603.99004']);

    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    expect(ids((await storedIndex())!.search('bilby'))).toEqual(['2603.99004']);
  });

  it('reads an index stored whole by the previous version, and stores it in parts on the next update', async () => {
    await commitPapers([paper('2603.99006', 'Dingo Tracking', TODAY)], NOW);
    const whole = PaperSearchIndex.create();
    whole.addPapers(await db.getAll('papers'));
    await putSearchIndexRecord(db, 'index', { json: JSON.stringify(whole), syncedAt: NOW });
    const search = page();
    await search.ready();

    expect(ids(search.search('dingo'))).toEqual(['2603.99006']);

    await commitPapers([paper('2603.99007', 'Wombat Tracking', TODAY)], NOW + 1);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const stored = (await getSearchIndexRecord(db, 'index')) as { parts?: unknown };
    expect(Array.isArray(stored.parts)).toBe(true);
    expect(ids((await storedIndex())!.search('tracking')).sort()).toEqual(['2603.99006', '2603.99007']);
  });

  it('loads a large stored index part by part, pausing between parts', async () => {
    const papers = Array.from({ length: 400 }, (_, n) =>
      paper(`2603.${String(20000 + n)}`, `Marsupial ${n} study of kangaroo locomotion ${n * 7919}`, TODAY),
    );
    await commitPapers(papers, NOW);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const parts = ((await getSearchIndexRecord(db, 'index')) as { parts: string[] }).parts;
    expect(parts.length).toBeGreaterThan(2);
    let pauses = 0;
    const search = createSearchService({
      db: () => Promise.resolve(db),
      pause: () => {
        pauses += 1;
        return Promise.resolve();
      },
    });

    await search.ready();

    expect(pauses).toBeGreaterThanOrEqual(parts.length - 1);
    expect(search.search('kangaroo')).toHaveLength(400);
    expect(ids(search.search('marsupial 17'))).toContain('2603.20017');
  });

  it('leaves the stored index alone after a small refresh, and a page still finds the new paper', async () => {
    await commitPapers([paper('2603.99010', 'Koala Grammar', TODAY)], NOW);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const before = await getSearchIndexRecord(db, 'index');

    await commitPapers([paper('2603.99011', 'Cassowary Proofs', EARLIER)], NOW + 1);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();

    const after = await getSearchIndexRecord(db, 'index');
    expect(after).toEqual(before);
    expect(ids((await storedIndex())!.search('cassowary'))).toEqual([]);
    const search = page();
    await search.ready();
    expect(ids(search.search('cassowary'))).toEqual(['2603.99011']);
    expect(ids(search.search('koala'))).toEqual(['2603.99010']);
  });

  it('stores the index again once the papers past it reach the limit, with every one of them', async () => {
    const first = Array.from({ length: INDEX_BACKLOG_LIMIT - 1 }, (_, n) =>
      paper(`2603.${String(30000 + n)}`, `Emu ${n} foraging`, EARLIER),
    );
    await commitPapers([paper('2603.99012', 'Quoll Acoustics', TODAY)], NOW);
    const indexer = createSearchIndexer({ db: () => Promise.resolve(db) });
    await indexer.update();
    const stored = await getSearchIndexRecord(db, 'index');

    await commitPapers(first, NOW + 1);
    await indexer.update();
    expect(await getSearchIndexRecord(db, 'index')).toEqual(stored);

    await commitPapers([paper('2603.99013', 'Emu Navigation', addDays(TODAY, -1))], NOW + 2);
    await indexer.update();

    const restored = await storedIndex();
    expect(restored!.size).toBe(INDEX_BACKLOG_LIMIT + 1);
    expect(restored!.search('emu')).toHaveLength(INDEX_BACKLOG_LIMIT);
    expect(ids(restored!.search('quoll'))).toEqual(['2603.99012']);
  });

  it('keeps the stored index whole when storing it fails, and stores every paper on the next update', async () => {
    await commitPapers([paper('2603.99014', 'Bandicoot Rendering', TODAY)], NOW);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const before = await getSearchIndexRecord(db, 'index');
    await commitPapers([paper('2603.99015', 'Possum Compilers', EARLIER)], NOW + 1);
    const failing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return (stores: string | string[], mode?: IDBTransactionMode) => {
          if ([stores].flat().includes('search-index') && mode === 'readwrite')
            throw new DOMException('disk full', 'QuotaExceededError');
          return target.transaction(stores as 'search-index', mode);
        };
      },
    });
    const indexer = createSearchIndexer({ db: () => Promise.resolve(failing), backlogLimit: 1 });

    await expect(indexer.update()).rejects.toMatchObject({ failure: { kind: 'quota', detail: 'QuotaExceededError' } });

    expect(await getSearchIndexRecord(db, 'index')).toEqual(before);
    const search = page();
    await search.ready();
    expect(ids(search.search('possum'))).toEqual(['2603.99015']);
    await createSearchIndexer({ db: () => Promise.resolve(db), backlogLimit: 1 }).update();
    expect(ids((await storedIndex())!.search('possum bandicoot'))).toEqual([]);
    expect(ids((await storedIndex())!.search('possum'))).toEqual(['2603.99015']);
    expect(ids((await storedIndex())!.search('bandicoot'))).toEqual(['2603.99014']);
  });

  it('rebuilds an index whose state names another version', async () => {
    await commitPapers([paper('2603.99016', 'Tasmanian Devils', TODAY)], NOW);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const state = (await getSearchIndexRecord(db, 'state')) as object;
    const wrong = PaperSearchIndex.create();
    wrong.addPapers([paper('2603.99017', 'Misread Words', TODAY)]);
    await putSearchIndexRecord(db, 'index', { parts: wrong.toParts(), syncedAt: NOW + 5, days: {} });
    await putSearchIndexRecord(db, 'state', { ...state, version: -1 });

    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();

    const restored = await storedIndex();
    expect(ids(restored!.search('devils'))).toEqual(['2603.99016']);
    expect(restored!.search('misread')).toEqual([]);
  });

  it('builds an index in a page from the papers read in batches, and misses none committed meanwhile', async () => {
    const papers = Array.from({ length: 1_200 }, (_, n) =>
      paper(`2603.${String(40000 + n)}`, `Lyrebird ${n} mimicry`, EARLIER),
    );
    await commitPapers(papers, NOW);
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    let pauses = 0;
    const search = createSearchService({
      db: () => Promise.resolve(db),
      pause: async () => {
        pauses += 1;
        // While the page builds: a new paper, and a paper already read re-fetched with new text.
        if (pauses === 3) {
          await commitPapers(
            [
              paper('2603.99018', 'Gecko Adhesion', TODAY),
              { ...papers[0]!, title: 'Bowerbird Architecture', feedDay: TODAY },
            ],
            NOW + 1,
          );
        }
      },
    });

    await search.ready();

    const reads = getAll.mock.calls.filter((_, n) => (getAll.mock.contexts[n] as IDBObjectStore).name === 'papers');
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every(([, count]) => typeof count === 'number' && count <= 500)).toBe(true);
    expect(pauses).toBeGreaterThan(3);
    expect(search.search('lyrebird')).toHaveLength(1_199);
    expect(ids(search.search('gecko'))).toEqual(['2603.99018']);
    expect(ids(search.search('bowerbird'))).toEqual([papers[0]!.id]);
  });

  it('catches up a large backlog in a page in batches of papers, pausing between them', async () => {
    await commitPapers([paper('2603.99019', 'Pademelon Tagging', TODAY)], NOW);
    await createSearchIndexer({ db: () => Promise.resolve(db) }).update();
    const papers = Array.from({ length: 1_200 }, (_, n) =>
      paper(`2603.${String(50000 + n)}`, `Wallaroo ${n} survey`, EARLIER),
    );
    await commitPapers(papers, NOW + 1);
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    const search = page();

    await search.ready();

    const perTransaction = new Map<IDBTransaction, number>();
    for (const store of get.mock.contexts as IDBObjectStore[]) {
      if (store.name === 'papers')
        perTransaction.set(store.transaction, (perTransaction.get(store.transaction) ?? 0) + 1);
    }
    expect(perTransaction.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perTransaction.values())).toBeLessThanOrEqual(500);
    expect(search.search('wallaroo')).toHaveLength(1_200);
    expect(ids(search.search('pademelon'))).toEqual(['2603.99019']);
  });

  it('shares one update among calls made while one runs', async () => {
    await commitPapers([paper('2603.99005', 'Wallaby Speech', TODAY)], NOW);
    let runs = 0;
    const indexer = createSearchIndexer({
      db: () => {
        runs += 1;
        return Promise.resolve(db);
      },
    });

    await Promise.all([indexer.update(), indexer.update(), indexer.update()]);

    expect(runs).toBe(2);
  });
});

/** The index the worker stored, restored as a page restores it. */
async function storedIndex(): Promise<PaperSearchIndex | null> {
  const stored = (await getSearchIndexRecord(db, 'index')) as { parts: string[] };
  return await PaperSearchIndex.loadParts(stored.parts);
}

function paper(id: string, title: string, feedDay: string): Paper {
  const result = parseDailyPapers([makeItem(feedDay, 0, { paper: { id, title } })], feedDay);
  if (!result.ok) throw new Error('fixture did not parse');
  return result.papers[0]!;
}

async function commitPapers(papers: Paper[], now: number): Promise<void> {
  await commitRefresh(db, {
    papers,
    days: [{ day: papers[0]!.feedDay, ids: papers.map((p) => p.id), startsRead: true }],
    updateStatus: (current) => current,
    now,
  });
}
