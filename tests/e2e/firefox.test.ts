// The same code ships to Firefox: `wxt zip -b firefox --mv3` (which builds first) and `wxt zip`
// for Chrome both succeed, the Firefox build passes Mozilla's `web-ext lint` with no errors, and
// its manifest carries what Firefox needs. Builds go to a temporary folder of their own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

interface LintReport {
  count: number;
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

let outDir = '';

/** Runs `npx …` in the project with the build folder set; the store endpoints, not a test server's. */
function npx(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PAPERBOY_OUT_DIR: outDir };
  delete env.WXT_HF_ENDPOINT;
  delete env.WXT_ARXIV_ENDPOINT;
  const result = spawnSync('npx', args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mustSucceed(args: string[]): string {
  const result = npx(args);
  if (result.status !== 0) {
    throw new Error(
      `npx ${args.join(' ')} failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Whether a zip file lists an entry of that name (its central directory holds names as bytes). */
async function zipHasEntry(file: string, name: string): Promise<boolean> {
  const bytes = await readFile(file);
  return bytes.includes(Buffer.from(name, 'utf8'));
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'paperboy-firefox-'));
  mustSucceed(['wxt', 'zip', '-b', 'firefox', '--mv3']);
  mustSucceed(['wxt', 'zip']);
});

afterAll(async () => {
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
});

describe('the Firefox build', () => {
  it('zips for Firefox (with the sources Mozilla asks for) and for Chrome', async () => {
    const files = await readdir(outDir);

    expect(files).toEqual(
      expect.arrayContaining([
        'firefox-mv3',
        'chrome-mv3',
        `paperboy-${VERSION}-firefox.zip`,
        `paperboy-${VERSION}-sources.zip`,
        `paperboy-${VERSION}-chrome.zip`,
      ]),
    );
    expect(await zipHasEntry(join(outDir, `paperboy-${VERSION}-firefox.zip`), 'manifest.json')).toBe(true);
    expect(await zipHasEntry(join(outDir, `paperboy-${VERSION}-chrome.zip`), 'manifest.json')).toBe(true);
    expect(await zipHasEntry(join(outDir, `paperboy-${VERSION}-sources.zip`), 'package.json')).toBe(true);
  });

  it('passes web-ext lint with no errors', () => {
    const sourceDir = join(outDir, 'firefox-mv3');
    const result = npx(['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery']);
    const start = result.stdout.indexOf('{');
    const report = JSON.parse(result.stdout.slice(start)) as LintReport;

    const describeAll = (messages: LintMessage[]): string[] =>
      messages.map(
        (entry) =>
          `${entry.code} ${entry.file ?? ''}${entry.line === undefined ? '' : `:${entry.line}`}: ${entry.message}`,
      );
    // Warnings do not fail the run, but they are listed in its output.
    console.log(
      `[firefox] web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices` +
        describeAll([...report.warnings, ...report.notices])
          .map((line) => `\n  warning: ${line}`)
          .join(''),
    );
    expect(describeAll(report.errors)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('has a Gecko id, a toolbar action with the popup, and the default content security policy', async () => {
    const manifest = JSON.parse(await readFile(join(outDir, 'firefox-mv3', 'manifest.json'), 'utf8')) as {
      manifest_version?: number;
      browser_specific_settings?: { gecko?: { id?: string } };
      action?: { default_popup?: string };
      browser_action?: unknown;
      background?: { scripts?: string[]; service_worker?: string };
      content_security_policy?: unknown;
      permissions?: string[];
    };

    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(manifest.action?.default_popup).toBe('popup.html');
    expect(manifest.browser_action).toBeUndefined();
    // Firefox runs MV3 backgrounds as event pages: scripts, not a service worker.
    expect(manifest.background?.scripts).toEqual(['background.js']);
    expect(existsSync(join(outDir, 'firefox-mv3', 'background.js'))).toBe(true);
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.permissions).toEqual(['alarms', 'contextMenus', 'notifications', 'storage', 'unlimitedStorage']);
  });
});
