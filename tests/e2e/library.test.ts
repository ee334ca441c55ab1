import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, serveFeed, type ExtensionSession } from './harness';

// Saving for offline in real Chromium: a paper saved from the popup (its PDF answered by the
// fixture PDF), read back with the network cut and the server gone, and a backup restored into
// a fresh profile.

/** The saved papers' titles on the library page, top to bottom. */
async function libraryTitles(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Saved papers' });
  if ((await list.count()) === 0) return [];
  return (await list.getByRole('heading', { level: 2 }).allInnerTexts()).map((title) => title.trim());
}

/** Serious or critical axe violations on a page: rule and the first offending nodes. */
async function seriousViolations(page: Page): Promise<{ rule: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

async function openLibrary(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
  return page;
}

describe('saving for offline', () => {
  let server: FixtureServer | null;
  let session: ExtensionSession | null;
  let fresh: ExtensionSession | null = null;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'paperboy-e2e-library-'));
    server = await serveFeed();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await fresh?.close();
    await server?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('saves a paper, opens its PDF with no network, and restores a backup into a fresh profile', async () => {
    const first = session!;
    await expect.poll(() => first.badgeText(), EVENTUALLY).toBe('12');
    const popup = await first.openPopup();
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(12);
    const card = popup.cardAt(0);
    const id = await card.id();
    const [title] = await popup.titles();

    await card.root.getByRole('button', { name: 'Save for offline' }).click();

    await card.root.getByRole('link', { name: 'Open PDF' }).waitFor({ timeout: EVENTUALLY.timeout });
    expect(await card.root.getByRole('button', { name: 'Saved — remove' }).count()).toBe(1);
    expect(server!.pdfCalls(id)).toHaveLength(1);
    await popup.close();

    // No network at all: the browser offline, and the server gone.
    await first.context.setOffline(true);
    await server!.close();
    server = null;

    const library = await openLibrary(first);
    await library.reload();
    await expect.poll(() => libraryTitles(library), EVENTUALLY).toEqual([title]);
    await library.getByText('PDF stored (591 bytes)').waitFor();
    await library.getByRole('article').locator('details summary').click();
    expect(await seriousViolations(library)).toEqual([]);

    const opened = first.context.waitForEvent('page');
    await library.getByRole('link', { name: 'Open PDF' }).click();
    const reader = await opened;
    const frame = reader.getByTitle(`PDF: ${title}`);
    await frame.waitFor({ timeout: EVENTUALLY.timeout });
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toMatch(new RegExp(`^blob:chrome-extension://${first.extensionId}/`));
    const served = await reader.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { type: response.headers.get('content-type'), start: new TextDecoder().decode(bytes.slice(0, 5)) };
    }, src);
    expect(served).toEqual({ type: 'application/pdf', start: '%PDF-' });
    expect(await reader.title()).toBe(`${title} — Paperboy`);

    const downloading = library.waitForEvent('download');
    await library.getByRole('button', { name: 'Download backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^paperboy-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backupPath = join(workDir, download.suggestedFilename());
    await download.saveAs(backupPath);
    expect(JSON.parse(await readFile(backupPath, 'utf8'))).toMatchObject({ format: 'paperboy-backup' });
    await first.close();
    session = null;

    // Another browser: a fresh profile, empty library.
    fresh = await launchExtension();
    const restored = await openLibrary(fresh);
    await restored.getByText('Nothing saved yet.').waitFor();

    await restored.locator('input[type="file"]').setInputFiles(backupPath);

    await restored.getByText(/^Restored: 1 paper added to the library/).waitFor({ timeout: EVENTUALLY.timeout });
    await expect.poll(() => libraryTitles(restored), EVENTUALLY).toEqual([title]);
    await restored.getByRole('button', { name: 'Fetch again' }).waitFor();
  });
});
