// Shared by `npm start` and `npm run demo`: build the extension, then either open it in a
// throwaway Chromium profile (when there is a screen) or say how to load it by hand.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Builds the Chrome MV3 extension into `outDir` (relative to the project) and returns its folder. */
export function buildExtension({ outDir = '.output', endpoint } = {}) {
  const env = { ...process.env, PAPERBOY_OUT_DIR: outDir };
  if (endpoint !== undefined) {
    env.WXT_HF_ENDPOINT = endpoint;
    // The demo's fixture server also answers arXiv's /pdf/{id}.
    env.WXT_ARXIV_ENDPOINT = endpoint;
  }
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`wxt build failed (exit ${String(result.status)})`, { cause: result.error });
  return join(ROOT, outDir, 'chrome-mv3');
}

/**
 * Playwright launch options for headless Chromium with one unpacked extension loaded: shared by
 * the e2e harness and the bench so both measure the same browser.
 */
export function headlessExtensionOptions(extensionDir) {
  return {
    executablePath: chromiumPath(),
    headless: true,
    // Playwright disables extensions by default; these runs are all about one.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // CI runs as root in a container, where Chromium's sandbox cannot start.
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
    ],
  };
}

/** True when a browser window could be shown (X11 or Wayland). */
export function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** The browser to start: $CHROME_PATH, else Debian's chromium. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/**
 * Chrome's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits
 * spelled with the letters a–p. Lets us open the popup page in a tab without asking Chrome.
 */
export function unpackedExtensionId(extensionDir) {
  const hex = createHash('sha256').update(resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** The manual route, for machines without a screen or without Chromium. */
export function printLoadUnpackedSteps(extensionDir) {
  const shown = relative(process.cwd(), extensionDir) || extensionDir;
  console.log(`
To try Paperboy in Chrome, Chromium, Edge or Brave:
  1. Open chrome://extensions
  2. Turn on "Developer mode" (top right)
  3. Click "Load unpacked" and choose ${shown}
  4. Pin Paperboy from the puzzle-piece menu to see its badge in the toolbar
`);
}

/**
 * Starts Chromium with the extension in a fresh temporary profile, opening `urls`. Resolves
 * when the browser exits; the profile is deleted then (or on Ctrl-C).
 */
export async function openInChromium(extensionDir, urls = []) {
  const executable = chromiumPath();
  if (!existsSync(executable)) {
    console.log(`No browser at ${executable} (set CHROME_PATH to use another).`);
    printLoadUnpackedSteps(extensionDir);
    return false;
  }
  const profile = mkdtempSync(join(tmpdir(), 'paperboy-profile-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to start its sandbox as root (containers, CI boxes).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...urls,
  ];
  console.log(`Starting ${executable} with the extension from ${relative(ROOT, extensionDir)} (profile ${profile})`);
  // Branded Google Chrome 137+ ignores --load-extension; Chromium still honours it.
  console.log('No Paperboy button? Load it by hand: chrome://extensions → Developer mode → Load unpacked.');
  const browser = spawn(executable, args, { stdio: 'ignore' });
  const cleanUp = () => rmSync(profile, { recursive: true, force: true });
  const stop = () => browser.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await new Promise((resolveExit, reject) => {
      browser.once('error', reject);
      browser.once('exit', resolveExit);
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    cleanUp();
  }
  return true;
}
