import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

describe('built manifest', () => {
  it('lists the 16–128 px icons, and each file is a PNG in the build', async () => {
    const extensionDir = inject('extensionDir');
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
      icons?: Record<string, string>;
    };
    const expected = {
      '16': 'icon/16.png',
      '32': 'icon/32.png',
      '48': 'icon/48.png',
      '96': 'icon/96.png',
      '128': 'icon/128.png',
    };

    expect(manifest.icons).toEqual(expected);
    for (const [size, file] of Object.entries(expected)) {
      const png = await readFile(join(extensionDir, file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(Number(size));
    }
  });

  it('reaches only the endpoint it was built against', async () => {
    const extensionDir = inject('extensionDir');
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
      permissions?: string[];
      host_permissions?: string[];
      optional_host_permissions?: string[];
    };

    // The allowlist, one README line each: anything new must be added here on purpose.
    expect(manifest.permissions).toEqual([
      'alarms',
      'contextMenus',
      'notifications',
      'storage',
      'unlimitedStorage',
      'sidePanel',
    ]);
    expect(manifest.host_permissions).toEqual([`http://127.0.0.1:${inject('fixturePort')}/*`]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('keeps the default MV3 content security policy and loads no remote code', async () => {
    const extensionDir = inject('extensionDir');
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const pages = (await readdir(extensionDir)).filter((file) => file.endsWith('.html'));
    const scripts = await Promise.all(
      pages.map(async (page) =>
        [...(await readFile(join(extensionDir, page), 'utf8')).matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map(
          (match) => match[1],
        ),
      ),
    );

    // No override: Chrome's default (script-src 'self'; object-src 'self') forbids eval and remote scripts.
    expect(manifest.content_security_policy).toBeUndefined();
    expect(pages.length).toBeGreaterThan(0);
    expect(scripts.flat().filter((src) => src === undefined || !src.startsWith('/'))).toEqual([]);
  });
});
