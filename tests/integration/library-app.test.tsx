import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LibraryApp, ReaderApp } from '@/components/LibraryApp';
import { PopupApp } from '@/components/PopupApp';
import background from '@/entrypoints/background';
import { openPaperboyDB } from '@/lib/store/database';
import { createLibraryClient } from '@/lib/clients/library-client';
import { getSaved, listAllSaved } from '@/lib/store/library';
import { createPopupClient } from '@/lib/clients/popup-client';
import { ARXIV_ENDPOINT } from '@/lib/config';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { activityOf } from '../fixtures/worker-answer';
import { makeDay, type ApiItem } from '../fixtures/feed.mjs';
import { jsonResponse } from '../fixtures/hf-stub';

// The library page, the reader and the popup's save control with the real background worker,
// over fake-indexeddb and fakeBrowser; the network answered from fixtures (the fixture PDF for
// arXiv), and file downloads caught at URL.createObjectURL.
const ENDPOINT = 'https://huggingface.co';
const TODAY = '2026-11-26';
const NOW = Date.parse(`${TODAY}T16:00:00Z`);
const TINY_PDF = new Uint8Array(readFileSync('tests/fixtures/tiny.pdf'));

const feed = new Map<string, ApiItem[]>();
let isOffline = false;
let pdfCalls: string[] = [];
let downloads: { name: string; blob: Blob }[] = [];

function stubFetch(input: string): Promise<Response> {
  if (isOffline) return Promise.reject(new TypeError('Failed to fetch'));
  if (input.startsWith(`${ARXIV_ENDPOINT}/pdf/`)) {
    pdfCalls.push(input);
    return Promise.resolve(new Response(TINY_PDF.slice(), { headers: { 'content-type': 'application/pdf' } }));
  }
  return Promise.resolve(jsonResponse(feed.get(new URL(input).searchParams.get('date') ?? '') ?? []));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  feed.clear();
  feed.set(TODAY, makeDay(TODAY, 3));
  isOffline = false;
  pdfCalls = [];
  downloads = [];
  vi.stubGlobal('fetch', stubFetch);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  let next = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => `blob:test/${(next += 1)}-${(blob as Blob).size}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const url = this.href;
    const blob = vi.mocked(URL.createObjectURL).mock.calls.at(-1)?.[0] as Blob;
    if (url.startsWith('blob:')) downloads.push({ name: this.download, blob });
  });
  background.main();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function send(message: unknown): Promise<Activity | undefined> {
  return activityOf(await fakeBrowser.runtime.sendMessage<unknown, WorkerAnswer | undefined>(message));
}

/** Installs (the first refresh stores today's papers), then saves the given papers and waits for their PDFs. */
async function installAndSave(ids: string[]): Promise<void> {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('3'));
  for (const id of ids) {
    vi.setSystemTime(Date.now() + 60_000);
    await send({ type: 'save', id });
  }
  await vi.waitFor(async () => expect((await send({ type: 'get-activity' }))?.saving).toEqual({}));
}

const ids = makeDay(TODAY, 3).map((item) => item.paper.id);
const titles = makeDay(TODAY, 3).map((item) => item.paper.title);

function renderLibrary() {
  render(<LibraryApp client={createLibraryClient()} endpoint={ENDPOINT} />);
}

function savedTitles(): string[] {
  return screen
    .getAllByRole('article')
    .map((card) => within(card).getByRole('heading', { level: 2 }).textContent ?? '');
}

describe('the library page', () => {
  it('lists the saved papers newest first, with their PDFs ready to open', async () => {
    await installAndSave([ids[0]!, ids[2]!]);

    renderLibrary();

    await waitFor(() => expect(savedTitles()).toEqual([titles[2], titles[0]]));
    expect(screen.getByText(/^2 saved papers/)).toBeTruthy();
    const open = within(screen.getAllByRole('article')[0]!).getByRole('link', { name: 'Open PDF' });
    expect(open.getAttribute('href')).toBe(`chrome-extension://${fakeBrowser.runtime.id}/reader.html?id=${ids[2]}`);
    expect(screen.getAllByText('PDF stored (591 bytes)')).toHaveLength(2);
  });

  it('searches within the saved papers, and keeps tags and notes', async () => {
    await installAndSave([ids[0]!, ids[1]!]);
    renderLibrary();
    await waitFor(() => expect(savedTitles()).toHaveLength(2));
    const first = screen.getAllByRole('article').find((card) => card.textContent?.includes(titles[0]!))!;

    const tags = within(first).getByLabelText(/Tags/);
    fireEvent.focus(tags);
    fireEvent.input(tags, { target: { value: 'rl, to read' } });
    fireEvent.blur(tags);
    const note = within(first).getByLabelText('Note');
    fireEvent.focus(note);
    fireEvent.input(note, { target: { value: 'Compare with the baseline' } });
    fireEvent.blur(note);

    await waitFor(async () =>
      expect(await getSaved(await openPaperboyDB(), ids[0]!)).toMatchObject({
        tags: ['rl', 'to read'],
        note: 'Compare with the baseline',
      }),
    );
    fireEvent.input(screen.getByLabelText('Search saved papers'), { target: { value: 'baseline' } });
    await waitFor(() => expect(savedTitles()).toEqual([titles[0]]));
    fireEvent.input(screen.getByLabelText('Search saved papers'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByRole('option', { name: 'rl (1)' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Tag'), { target: { value: 'rl' } });
    await waitFor(() => expect(savedTitles()).toEqual([titles[0]]));
  });

  it('removes a paper at once, and "Undo" brings it back', async () => {
    await installAndSave([ids[0]!, ids[1]!]);
    renderLibrary();
    await waitFor(() => expect(savedTitles()).toHaveLength(2));
    const card = screen.getAllByRole('article').find((article) => article.textContent?.includes(titles[0]!))!;

    fireEvent.click(within(card).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(savedTitles()).toEqual([titles[1]]));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(savedTitles()).toEqual([titles[1], titles[0]]));
    expect(within(screen.getAllByRole('article')[1]!).getByRole('link', { name: 'Open PDF' })).toBeTruthy();
  });

  it('works with no network, says when a PDF is missing, and fetches it again', async () => {
    await installAndSave([ids[0]!]);
    const db = await openPaperboyDB();
    await db.delete('pdfs', ids[0]!);
    isOffline = true;

    renderLibrary();

    expect(await screen.findByText('The PDF is missing from this device')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Fetch again' }));
    await waitFor(() => expect(screen.getByText('Could not reach arXiv (offline?).')).toBeTruthy());

    isOffline = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Open PDF' })).toBeTruthy();
    expect(pdfCalls).toHaveLength(2);
  });

  it('exports the selected papers, or all, as a file', async () => {
    await installAndSave([ids[0]!, ids[1]!]);
    renderLibrary();
    await waitFor(() => expect(savedTitles()).toHaveLength(2));

    fireEvent.click(screen.getByRole('checkbox', { name: `Select “${titles[0]}”` }));
    fireEvent.click(screen.getByRole('button', { name: 'Export selected (1)' }));

    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^paperboy-\d{4}-\d{2}-\d{2}\.bib$/);
    const bibtex = await downloads[0]!.blob.text();
    expect(bibtex.match(/@misc\{/g)).toHaveLength(1);
    expect(bibtex).toContain(`eprint = {${ids[0]}}`);
    expect(screen.getByText('Exported 1 paper as BibTeX.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Export as'), { target: { value: 'csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export all' }));
    const csv = await downloads[1]!.blob.text();
    expect(downloads[1]!.name).toMatch(/\.csv$/);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(3);
  });

  it('downloads a backup and restores it into a fresh browser, with a report', async () => {
    await installAndSave([ids[1]!]);
    renderLibrary();
    await waitFor(() => expect(savedTitles()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(/^paperboy-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await downloads[0]!.blob.text();
    cleanup();

    // A fresh browser: an empty database, and a worker of its own.
    globalThis.indexedDB = new (await import('fake-indexeddb')).IDBFactory();
    fakeBrowser.reset();
    background.main();
    renderLibrary();
    expect(await screen.findByText('Nothing saved yet.')).toBeTruthy();

    chooseFile(new File([text], 'backup.json', { type: 'application/json' }));

    expect((await screen.findByText(/^Restored:/)).textContent).toBe(
      'Restored: 1 paper added to the library, 3 read states restored.',
    );
    await waitFor(() => expect(savedTitles()).toEqual([titles[1]]));
    expect(screen.getByText('The PDF is not stored on this device')).toBeTruthy();
  });

  it('refuses a bad backup file with a clear error and changes nothing', async () => {
    await installAndSave([ids[0]!]);
    const before = await listAllSaved(await openPaperboyDB());
    renderLibrary();
    await waitFor(() => expect(savedTitles()).toHaveLength(1));

    chooseFile(new File(['{"format":"paperboy-backup","version":1}'], 'broken.json'));

    expect((await screen.findByRole('alert')).textContent).toBe('This backup is damaged: its date is missing.');
    expect(await listAllSaved(await openPaperboyDB())).toEqual(before);
    expect(savedTitles()).toEqual([titles[0]]);
  });
});

function chooseFile(file: File): void {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('the reader page', () => {
  it('shows the stored PDF from IndexedDB, never the network', async () => {
    await installAndSave([ids[0]!]);
    isOffline = true;

    render(<ReaderApp client={createLibraryClient()} id={ids[0]!} />);

    const frame = await screen.findByTitle(`PDF: ${titles[0]}`);
    expect(frame.getAttribute('src')).toBe(`blob:test/1-${TINY_PDF.length}`);
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('application/pdf');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(TINY_PDF);
    await waitFor(() => expect(document.title).toBe(`${titles[0]} — Paperboy`));
  });

  it('says when the PDF is missing and fetches it again', async () => {
    await installAndSave([ids[0]!]);
    await (await openPaperboyDB()).delete('pdfs', ids[0]!);

    render(<ReaderApp client={createLibraryClient()} id={ids[0]!} />);

    expect((await screen.findByRole('alert')).textContent).toBe('The PDF of this paper is not stored on this device.');
    fireEvent.click(screen.getByRole('button', { name: 'Fetch again' }));
    expect(await screen.findByTitle(`PDF: ${titles[0]}`)).toBeTruthy();
  });

  it('says when the paper is not in the library', async () => {
    render(<ReaderApp client={createLibraryClient()} id="2601.00001" />);

    expect(await screen.findByText('This paper is not in your Paperboy library.')).toBeTruthy();
  });
});

describe('saving from the popup', () => {
  it('saves with one click, shows the progress then the PDF, and unsaves with "Undo"', async () => {
    await installAndSave([]);
    render(<PopupApp client={createPopupClient()} endpoint={ENDPOINT} />);
    const card = (await screen.findAllByRole('article'))[0]!;

    fireEvent.click(within(card).getByRole('button', { name: 'Save for offline' }));

    const open = await within(card).findByRole('link', { name: 'Open PDF' });
    expect(open.getAttribute('href')).toContain('/reader.html?id=');
    expect(within(card).getByText('Saved offline')).toBeTruthy();
    expect(pdfCalls).toHaveLength(1);

    fireEvent.click(within(card).getByRole('button', { name: 'Saved — remove' }));

    expect((await screen.findByText(/from your library\./)).textContent).toContain('Removed');
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Save for offline' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await within(card).findByRole('button', { name: 'Saved — remove' })).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Open PDF' })).toBeTruthy();
    expect(pdfCalls).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Library' }).getAttribute('href')).toContain('/library.html');
  });
});
