import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { openPaperboyDB, type PaperboyDB } from '@/lib/store/database';
import { getSaved, listAllSaved, listSaved, readPdf } from '@/lib/store/library';
import { createSaver, UNDO_WINDOW_MS, type Saver } from '@/lib/services/saving';
import { SAVE_MENU_LINK, SAVE_MENU_PAGE } from '@/lib/platform/context-menu';
import { getSettings, updateSettings } from '@/lib/platform/settings';
import { createWorker } from '@/lib/services/worker';
import { ARXIV_ENDPOINT, HF_ENDPOINT } from '@/lib/config';
import { parseDailyPapers } from '@/lib/parse-daily-papers';
import { DEFAULT_SETTINGS, type SaveMode, type Settings } from '@/lib/settings';
import { EMPTY_STATUS, type Paper } from '@/lib/types';
import { makeDay, makeItem } from '../fixtures/feed.mjs';
import { hangUntilAborted, jsonResponse } from '../fixtures/hf-stub';
import { commitRefresh, listStates } from '@/lib/store/feed';

// The saver (lib/services/saving.ts) over fake-indexeddb, with the network answered by a stub:
// arXiv's /pdf/{id} from the fixture PDF, Hugging Face's /api/papers/{id} from fixture items.
const HF = 'https://huggingface.co';
const ARXIV = 'https://arxiv.org';
const DAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');
const TINY_PDF = new Uint8Array(readFileSync('tests/fixtures/tiny.pdf'));
const MB = 1024 * 1024;

type Route = (id: string, init: RequestInit | undefined) => Response | Promise<Response>;

/** A stub network: /pdf/{id} answers the fixture PDF unless a route says otherwise. */
function createNet() {
  const pdfRoutes = new Map<string, Route>();
  const papers = new Map<string, unknown>();
  const urls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    urls.push(url.href);
    const pdf = /^\/pdf\/(.+)$/.exec(url.pathname);
    if (url.origin === ARXIV && pdf?.[1] !== undefined) {
      const route = pdfRoutes.get(pdf[1]);
      if (route !== undefined) return await route(pdf[1], init);
      return new Response(TINY_PDF.slice(), {
        headers: { 'content-type': 'application/pdf', 'content-length': String(TINY_PDF.length) },
      });
    }
    const paper = /^\/api\/papers\/(.+)$/.exec(url.pathname);
    if (url.origin === HF && paper?.[1] !== undefined) {
      const body = papers.get(paper[1]);
      return body === undefined ? jsonResponse({ error: 'Entry not found' }, { status: 404 }) : jsonResponse(body);
    }
    return new Response('not found', { status: 404 });
  });
  return {
    fetch: fetch as typeof globalThis.fetch,
    pdfRoutes,
    papers,
    urls,
    pdfCalls: (id?: string) => urls.filter((url) => url.startsWith(`${ARXIV}/pdf/${id ?? ''}`)),
  };
}

type Net = ReturnType<typeof createNet>;

let db: PaperboyDB;
let net: Net;
let clock: { now: number };
let settings: Settings;
let notices: { title: string; message: string }[];

function makeSaver(options: { net?: Net; persist?: () => Promise<boolean>; stallTimeoutMs?: number } = {}): Saver {
  const used = options.net ?? net;
  return createSaver({
    db: () => Promise.resolve(db),
    fetch: used.fetch,
    now: () => clock.now,
    settings: () => Promise.resolve(settings),
    endpoint: () => Promise.resolve(HF),
    arxivEndpoint: ARXIV,
    onChange: () => undefined,
    updateSettings: (next) => {
      settings = next;
      return Promise.resolve();
    },
    persist: options.persist ?? (() => Promise.resolve(true)),
    notifications: {
      show: (_id, notice) => {
        notices.push(notice);
        return Promise.resolve();
      },
      clear: () => Promise.resolve(),
    },
    stallTimeoutMs: options.stallTimeoutMs,
  });
}

/** Puts a feed day's papers into the cache, as a refresh does. */
async function cacheDay(count: number): Promise<Paper[]> {
  const parsed = parseDailyPapers(makeDay(DAY, count), DAY);
  if (!parsed.ok) throw new Error('fixture did not parse');
  await commitRefresh(db, {
    papers: parsed.papers,
    days: [{ day: DAY, ids: parsed.papers.map((paper) => paper.id), startsRead: false }],
    updateStatus: () => ({ ...EMPTY_STATUS, lastSuccessAt: NOW }),
    now: NOW,
  });
  return parsed.papers;
}

async function storedBytes(id: string): Promise<Uint8Array | undefined> {
  const pdf = await readPdf(db, id);
  return pdf === undefined ? undefined : new Uint8Array(pdf.data);
}

beforeEach(async () => {
  db = await openPaperboyDB();
  net = createNet();
  clock = { now: NOW };
  settings = { ...DEFAULT_SETTINGS };
  notices = [];
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
});

afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

describe('saving a paper', () => {
  it('keeps a snapshot at once and then the PDF, with progress along the way', async () => {
    const [paper] = await cacheDay(3);
    const progress: (string | null)[] = [];
    const saver = createSaver({
      db: () => Promise.resolve(db),
      fetch: net.fetch,
      now: () => clock.now,
      settings: () => Promise.resolve(settings),
      endpoint: () => Promise.resolve(HF),
      arxivEndpoint: ARXIV,
      persist: () => Promise.resolve(true),
      onChange: () => {
        const download = saver.activity().saving[paper!.id];
        progress.push(download === undefined ? null : `${download.received}/${download.total}`);
      },
    });

    const outcome = await saver.save(paper!.id);

    expect(outcome).toMatchObject({ ok: true, created: true, record: { pdf: { state: 'downloading' } } });
    expect(await getSaved(db, paper!.id)).toMatchObject({ paper, savedAt: NOW, removedAt: null, tags: [], note: '' });
    await saver.settled();
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'stored', bytes: TINY_PDF.length } });
    expect(await storedBytes(paper!.id)).toEqual(TINY_PDF);
    expect(progress[0]).toBe('0/null');
    expect(progress.at(-1)).toBeNull(); // the download is over: nothing left "in progress"
    expect(net.pdfCalls(paper!.id)).toEqual([`${ARXIV}/pdf/${paper!.id}`]);
  });

  it('does nothing new when a saved paper is saved again', async () => {
    const [paper] = await cacheDay(1);
    const saver = makeSaver();
    await saver.save(paper!.id);
    await saver.settled();
    const before = await listAllSaved(db);
    clock.now += 60_000;

    const outcome = await saver.save(paper!.id);
    await saver.settled();

    expect(outcome).toMatchObject({ ok: true, created: false });
    expect(await listAllSaved(db)).toEqual(before);
    expect(net.pdfCalls()).toHaveLength(1);
  });

  it('keeps only the abstract when the settings say so', async () => {
    const [paper] = await cacheDay(1);
    settings = { ...settings, saveMode: 'abstract' satisfies SaveMode };
    const saver = makeSaver();

    await saver.save(paper!.id);
    await saver.settled();

    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'skipped' } });
    expect(await readPdf(db, paper!.id)).toBeUndefined();
    expect(net.pdfCalls()).toEqual([]);
  });

  it('fetches the PDF of an abstract-only save when asked', async () => {
    const [paper] = await cacheDay(1);
    settings = { ...settings, saveMode: 'abstract' };
    const saver = makeSaver();
    await saver.save(paper!.id);

    await saver.retry(paper!.id);
    await saver.settled();

    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'stored' } });
  });

  it('looks a paper that is not cached up on Hugging Face', async () => {
    const item = makeItem(DAY, 0);
    net.papers.set(item.paper.id, item.paper);
    const saver = makeSaver();

    const outcome = await saver.save(item.paper.id);
    await saver.settled();

    expect(outcome).toMatchObject({ ok: true, created: true, record: { paper: { title: item.paper.title } } });
    expect(net.urls[0]).toBe(`${HF}/api/papers/${item.paper.id}`);
    expect(await storedBytes(item.paper.id)).toEqual(TINY_PDF);
  });

  it('says so, and stores nothing, when Hugging Face does not know the paper', async () => {
    const saver = makeSaver();

    const outcome = await saver.save('2601.99999');

    expect(outcome).toMatchObject({ ok: false, stage: 'lookup', failure: { status: 404 } });
    expect(saver.activity().lastSaveFailure).toMatchObject({
      id: '2601.99999',
      message: 'Hugging Face does not know this paper (it may not be indexed yet).',
    });
    expect(await listAllSaved(db)).toEqual([]);
  });

  it('asks the browser once for persistent storage, on the first save', async () => {
    const papers = await cacheDay(2);
    const persist = vi.fn(() => Promise.resolve(false));
    const saver = makeSaver({ persist });

    await saver.save(papers[0]!.id);
    await saver.save(papers[1]!.id);
    await saver.settled();
    await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1));
    await makeSaver({ persist }).save(papers[0]!.id);

    expect(persist).toHaveBeenCalledTimes(1);
  });
});

describe('only real PDFs, under the size cap', () => {
  it.each([
    [
      'a web page served as a web page',
      () => new Response('<!doctype html><p>Generating</p>', { headers: { 'content-type': 'text/html' } }),
      'arXiv sent a web page instead of the PDF',
    ],
    [
      'a web page claiming to be a PDF',
      () => new Response('<!doctype html><p>Robot check</p>', { headers: { 'content-type': 'application/pdf' } }),
      'arXiv sent a web page instead of the PDF',
    ],
    [
      'JSON',
      () => new Response('{"error":1}', { headers: { 'content-type': 'application/json' } }),
      'arXiv sent something that is not a PDF',
    ],
    [
      'a declared size above 50 MB',
      () =>
        new Response(TINY_PDF.slice(), {
          headers: { 'content-type': 'application/pdf', 'content-length': String(60 * MB) },
        }),
      'The PDF is too large to keep (60 MB, above the 50 MB limit)',
    ],
    [
      'a body that grows past 50 MB without a declared size',
      () => {
        const chunk = new Uint8Array(MB);
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            sent += 1;
            controller.enqueue(sent === 1 ? TINY_PDF.slice() : chunk);
            if (sent > 60) controller.close();
          },
        });
        return new Response(body, { headers: { 'content-type': 'application/pdf' } });
      },
      'The PDF is too large to keep (more than the 50 MB limit)',
    ],
    ['a 404', () => new Response('nope', { status: 404 }), 'arXiv has no PDF for this paper (HTTP 404)'],
  ])('refuses %s, keeps the snapshot and says why', async (_name, answer, expected) => {
    const [paper] = await cacheDay(1);
    net.pdfRoutes.set(paper!.id, answer);
    const saver = makeSaver();

    await saver.save(paper!.id);
    await saver.settled();

    const record = await getSaved(db, paper!.id);
    expect(record?.pdf.state).toBe('failed');
    expect(record?.paper).toEqual(paper);
    expect(await readPdf(db, paper!.id)).toBeUndefined();
    const { describePdfFailure } = await import('@/lib/pdf-check');
    expect(describePdfFailure(record!.pdf.failure!)).toBe(expected);
  });

  it('gives up a download that stalls, and a retry then stores it', async () => {
    const [paper] = await cacheDay(1);
    net.pdfRoutes.set(paper!.id, (_id, init) => hangUntilAborted('', init));
    const saver = makeSaver({ stallTimeoutMs: 20 });

    await saver.save(paper!.id);
    await saver.settled();
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'failed', failure: { kind: 'timeout' } } });

    net.pdfRoutes.delete(paper!.id);
    await saver.retry(paper!.id);
    await saver.settled();
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'stored' } });
    expect(await storedBytes(paper!.id)).toEqual(TINY_PDF);
  });
});

describe('unsave and undo', () => {
  it('removes at once and brings the paper back whole: place, tags, note and PDF', async () => {
    const papers = await cacheDay(2);
    const saver = makeSaver();
    await saver.save(papers[0]!.id);
    clock.now += 1000;
    await saver.save(papers[1]!.id);
    await saver.settled();
    await saver.update(papers[0]!.id, { tags: ['rl', ' RL ', 'vision'], note: 'Read §3\u202e' });
    const before = await getSaved(db, papers[0]!.id);

    clock.now += 1000;
    await saver.unsave(papers[0]!.id);

    expect((await listSaved(db)).map((record) => record.id)).toEqual([papers[1]!.id]);
    expect(await getSaved(db, papers[0]!.id)).toMatchObject({ removedAt: clock.now, tags: ['rl', 'vision'] });

    clock.now += 1000;
    await saver.restore(papers[0]!.id);

    expect((await listSaved(db)).map((record) => record.id)).toEqual([papers[1]!.id, papers[0]!.id]);
    expect(await getSaved(db, papers[0]!.id)).toMatchObject({
      savedAt: before!.savedAt,
      removedAt: null,
      tags: ['rl', 'vision'],
      note: 'Read §3',
      pdf: { state: 'stored' },
    });
    expect(await storedBytes(papers[0]!.id)).toEqual(TINY_PDF);
    expect(net.pdfCalls()).toHaveLength(2); // the undo needed no network
  });

  it('gives a removed PDF’s space back once the undo window is over; saving again fetches it anew', async () => {
    const [paper] = await cacheDay(1);
    const saver = makeSaver();
    await saver.save(paper!.id);
    await saver.settled();
    await saver.unsave(paper!.id);

    clock.now += UNDO_WINDOW_MS + 1;
    await saver.resume();

    expect(await readPdf(db, paper!.id)).toBeUndefined();
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'none' } });

    await saver.save(paper!.id);
    await saver.settled();
    expect(await getSaved(db, paper!.id)).toMatchObject({ savedAt: clock.now, pdf: { state: 'stored' } });
    expect(net.pdfCalls()).toHaveLength(2);
  });
});

describe('a full disk', () => {
  function quotaOn(storeName: string): void {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === storeName) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
  }

  it('refuses a PDF with a clear message and loses nothing already stored', async () => {
    const papers = await cacheDay(2);
    const saver = makeSaver();
    await saver.save(papers[0]!.id);
    await saver.settled();
    const before = await getSaved(db, papers[0]!.id);

    quotaOn('pdfs');
    await saver.save(papers[1]!.id);
    await saver.settled();

    expect(await getSaved(db, papers[1]!.id)).toMatchObject({
      removedAt: null,
      pdf: { state: 'failed', failure: { kind: 'quota' } },
    });
    expect(await readPdf(db, papers[1]!.id)).toBeUndefined();
    expect(await getSaved(db, papers[0]!.id)).toEqual(before);
    expect(await storedBytes(papers[0]!.id)).toEqual(TINY_PDF);
  });

  it('refuses a save with a clear message and changes nothing', async () => {
    const papers = await cacheDay(2);
    const saver = makeSaver();
    await saver.save(papers[0]!.id);
    await saver.settled();
    const before = await listAllSaved(db);

    quotaOn('saved');
    const outcome = await saver.save(papers[1]!.id);

    expect(outcome).toMatchObject({ ok: false, stage: 'store', failure: { kind: 'quota' } });
    expect(saver.activity().lastSaveFailure?.message).toBe(
      'The browser is out of storage space: nothing stored was lost. Free some space and try again.',
    );
    vi.restoreAllMocks();
    expect(await listAllSaved(db)).toEqual(before);
  });
});

describe('a worker stopped mid-download', () => {
  it('takes the download up again when the next worker starts', async () => {
    const [paper] = await cacheDay(1);
    const stuck = createNet();
    stuck.pdfRoutes.set(paper!.id, () => new Promise<Response>(() => undefined)); // never answers
    const first = makeSaver({ net: stuck });
    await first.save(paper!.id);
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'downloading' } });

    // The browser stopped that worker; a new one starts on the same database.
    const second = makeSaver();
    await second.resume();
    await second.settled();

    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'stored' } });
    expect(await storedBytes(paper!.id)).toEqual(TINY_PDF);
  });
});

describe('restoring a backup', () => {
  it('merges the file into another browser, idempotently', async () => {
    const papers = await cacheDay(2);
    const saver = makeSaver();
    await saver.save(papers[0]!.id);
    await saver.settled();
    await saver.update(papers[0]!.id, { tags: ['rl'], note: 'good' });
    settings = { ...settings, watchlist: [{ kind: 'keyword', value: 'diffusion' }] };
    const text = JSON.stringify(await saver.backup());
    db.close();

    db = await openPaperboyDB('another-browser');
    settings = { ...DEFAULT_SETTINGS };
    const fresh = makeSaver();
    const first = await fresh.restoreBackup(text);

    expect(first).toMatchObject({
      ok: true,
      report: { savedAdded: 1, savedUpdated: 0, statesChanged: 2, settingsChanged: true },
    });
    expect(await listSaved(db)).toMatchObject([
      { id: papers[0]!.id, tags: ['rl'], note: 'good', pdf: { state: 'none' } },
    ]);
    expect(await listStates(db)).toHaveLength(2);
    expect(settings.watchlist).toEqual([{ kind: 'keyword', value: 'diffusion' }]);
    const after = await listAllSaved(db);

    const second = await fresh.restoreBackup(text);

    expect(second).toMatchObject({
      ok: true,
      report: { savedAdded: 0, savedUpdated: 0, statesChanged: 0, settingsChanged: false },
    });
    expect(await listAllSaved(db)).toEqual(after);
  });

  it.each([
    ['not JSON', 'hello', 'This file is not a Paperboy backup: it is not valid JSON.'],
    ['other JSON', '{"a":1}', 'This file is not a Paperboy backup.'],
  ])('refuses %s with a clear error and changes nothing', async (_name, text, expected) => {
    const [paper] = await cacheDay(1);
    const saver = makeSaver();
    await saver.save(paper!.id);
    await saver.settled();
    const before = await listAllSaved(db);

    const outcome = await saver.restoreBackup(text);

    expect(outcome).toMatchObject({ ok: false, error: expected });
    expect(saver.activity().lastRestore).toEqual(outcome);
    expect(await listAllSaved(db)).toEqual(before);
  });
});

describe('"Save to Paperboy" from a page', () => {
  it.each([
    [{ pageUrl: 'https://arxiv.org/abs/2601.00042v2' }],
    [{ pageUrl: 'https://huggingface.co/papers', linkUrl: 'https://huggingface.co/papers/2601.00042' }],
    [{ pageUrl: 'https://arxiv.org/pdf/2601.00042v2.pdf' }],
  ])('saves the paper of %j and says so', async (info) => {
    net.papers.set('2601.00042', {
      id: '2601.00042',
      title: 'A paper from arXiv',
      publishedAt: '2026-01-05T00:00:00Z',
    });
    const saver = makeSaver();

    await saver.saveFromPage(info);
    await saver.settled();

    expect(await getSaved(db, '2601.00042')).toMatchObject({
      paper: { feedDay: '2026-01-05' },
      pdf: { state: 'stored' },
    });
    expect(notices).toEqual([{ title: 'Saved to Paperboy', message: 'A paper from arXiv' }]);
  });

  it('says when the page is not a paper', async () => {
    await makeSaver().saveFromPage({ pageUrl: 'https://arxiv.org/list/cs.LG/recent' });

    expect(notices).toMatchObject([{ title: 'Not a paper Paperboy can save' }]);
    expect(net.urls).toEqual([]);
  });

  it('says when the paper cannot be looked up', async () => {
    await makeSaver().saveFromPage({ pageUrl: 'https://arxiv.org/abs/2601.99999' });

    expect(notices).toEqual([
      {
        title: 'Could not save arXiv 2601.99999',
        message: 'Hugging Face does not know this paper (it may not be indexed yet).',
      },
    ]);
  });
});

describe('through the worker and the background entrypoint', () => {
  it('answers save requests with the download’s progress, then the stored PDF', async () => {
    const [paper] = await cacheDay(1);
    const worker = createWorker({
      endpoint: HF,
      arxivEndpoint: ARXIV,
      fetch: net.fetch,
      now: () => clock.now,
      openDb: () => Promise.resolve(db),
      settings: () => Promise.resolve(settings),
    });

    const activity = await worker.handle({ type: 'save', id: paper!.id });

    expect(Object.keys(activity.saving ?? {})).toEqual([paper!.id]);
    await worker.saver.settled();
    expect((await worker.handle({ type: 'get-activity' })).saving).toEqual({});
    expect(await getSaved(db, paper!.id)).toMatchObject({ pdf: { state: 'stored' } });

    await worker.handle({ type: 'update-saved', id: paper!.id, note: 'to read' });
    await worker.handle({ type: 'unsave', id: paper!.id });
    expect(await listSaved(db)).toEqual([]);
    await worker.handle({ type: 'restore-saved', id: paper!.id });
    expect(await listSaved(db)).toMatchObject([{ id: paper!.id, note: 'to read' }]);
  });

  it('creates the context menu on install and saves from it, with a notification', async () => {
    db.close();
    const created: unknown[] = [];
    let onClicked: ((info: { menuItemId: string; pageUrl?: string; linkUrl?: string }) => void) | undefined;
    Object.assign(fakeBrowser.contextMenus, {
      create: (properties: unknown) => void created.push(properties),
      removeAll: () => Promise.resolve(),
      onClicked: { addListener: (listener: typeof onClicked) => (onClicked = listener) },
    });
    const item = makeItem(DAY, 0);
    net.papers.set(item.paper.id, item.paper);
    vi.stubGlobal('fetch', (input: string) => {
      // The build's endpoints are the public ones in tests: route them to the stub network.
      const url = input.replace(HF_ENDPOINT, HF).replace(ARXIV_ENDPOINT, ARXIV);
      if (url.includes('/api/daily_papers')) return Promise.resolve(jsonResponse([]));
      return net.fetch(url);
    });
    background.main();

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(created).toHaveLength(2));
    expect(created).toEqual([
      expect.objectContaining({ id: SAVE_MENU_PAGE, title: 'Save to Paperboy', contexts: ['page'] }),
      expect.objectContaining({ id: SAVE_MENU_LINK, contexts: ['link'] }),
    ]);
    expect((created[0] as { documentUrlPatterns: string[] }).documentUrlPatterns).toContain('https://arxiv.org/abs/*');

    onClicked!({ menuItemId: SAVE_MENU_PAGE, pageUrl: `https://arxiv.org/abs/${item.paper.id}` });

    await vi.waitFor(async () => {
      const notifications = Object.values(await fakeBrowser.notifications.getAll());
      expect(notifications).toHaveLength(1);
    });
    const handle = await openPaperboyDB();
    expect(await getSaved(handle, item.paper.id)).toMatchObject({ paper: { title: item.paper.title } });
    handle.close();
    db = await openPaperboyDB('unused');
    vi.unstubAllGlobals();
  });

  it('applies the settings of a restored backup', async () => {
    await updateSettings({ refreshMinutes: 60 });
    const worker = createWorker({
      endpoint: HF,
      arxivEndpoint: ARXIV,
      fetch: net.fetch,
      openDb: () => Promise.resolve(db),
    });
    const backup = {
      format: 'paperboy-backup',
      version: 1,
      exportedAt: NOW,
      states: [],
      saved: [],
      settings: { ...DEFAULT_SETTINGS, refreshMinutes: 120, saveMode: 'abstract' },
    };

    const activity = await worker.handle({ type: 'restore-backup', text: JSON.stringify(backup) });

    expect(activity.lastRestore).toMatchObject({ ok: true, report: { settingsChanged: true } });
    expect(await getSettings()).toMatchObject({ refreshMinutes: 120, saveMode: 'abstract' });
  });
});
