import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixtures/server.mjs';
import { EVENTUALLY, launchExtension, POPUP_VIEWPORT, serveFeed, type ExtensionSession } from './harness';

/** The README's screenshot (docs/popup.png), retaken on every run so it follows the popup. */
const SCREENSHOT = resolve(import.meta.dirname, '../../docs/popup.png');

describe('README screenshot', () => {
  let server: FixtureServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveFeed();
    session = await launchExtension({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await session.close();
    await server.close();
  });

  it('captures the popup at its real size in the light scheme', async () => {
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('12');
    const popup = await session.openPopup();
    await expect.poll(async () => (await popup.titles()).length, EVENTUALLY).toBe(12);
    // A list as a reader leaves it: one paper read, the rest still unread.
    await popup.cardAt(1).markRead();
    await expect.poll(() => session.badgeText(), EVENTUALLY).toBe('11');
    // No focus ring or hover left over from the click.
    await popup.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.page.mouse.move(POPUP_VIEWPORT.width / 2, 2);
    await expect.poll(() => popup.status.innerText(), EVENTUALLY).toMatch(/^Updated/);
    await mkdir(dirname(SCREENSHOT), { recursive: true });

    await popup.page.screenshot({ path: SCREENSHOT, animations: 'disabled' });

    const png = await readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(POPUP_VIEWPORT);
  });
});
