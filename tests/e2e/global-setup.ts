// Vitest globalSetup of the e2e project: builds the extension once against a local endpoint
// and hands the port and the build to the test files, which each serve their own fixtures there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port on 127.0.0.1 the extension was built to call (WXT_HF_ENDPOINT and WXT_ARXIV_ENDPOINT). */
    fixturePort: number;
    /** The unpacked MV3 build to load into Chromium. */
    extensionDir: string;
  }
}

// PAPERBOY_E2E_OUT_DIR lets two e2e runs on one machine build side by side.
const OUT_DIR = process.env.PAPERBOY_E2E_OUT_DIR || '.output-e2e';

/** A port nobody listens on right now: the OS picks one, we release it at once. */
async function findFreePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const root = project.config.root;
  const port = await findFreePort();
  const started = Date.now();
  // `npx wxt build` rather than WXT's JS API: the build then reads the environment exactly as
  // `npm run build` does, and a broken build shows its own output here.
  const result = spawnSync('npx', ['wxt', 'build'], {
    cwd: root,
    env: {
      ...process.env,
      // One fixture server answers both the API and arXiv's /pdf/{id}.
      WXT_HF_ENDPOINT: `http://127.0.0.1:${port}`,
      WXT_ARXIV_ENDPOINT: `http://127.0.0.1:${port}`,
      PAPERBOY_OUT_DIR: OUT_DIR,
    },
    encoding: 'utf8',
  });
  const extensionDir = join(root, OUT_DIR, 'chrome-mv3');
  if (result.status !== 0 || !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `[e2e] wxt build failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
      result.error === undefined ? undefined : { cause: result.error },
    );
  }
  console.log(`[e2e] built ${OUT_DIR}/chrome-mv3 against http://127.0.0.1:${port} in ${Date.now() - started} ms`);
  project.provide('fixturePort', port);
  project.provide('extensionDir', extensionDir);
}
