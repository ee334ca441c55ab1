// `npm test`: every Vitest project (unit, then e2e) in one run, the usual console report, and
// one last line a person or CI can read at a glance: "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsDir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
const resultsFile = join(resultsDir, 'vitest-results.json');

const vitestExit = await new Promise((resolve) => {
  const child = spawn(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsFile}`,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  child.on('error', (error) => {
    console.error('[test] could not start vitest:', error);
    resolve(1);
  });
  child.on('close', (code, signal) => resolve(signal === null ? (code ?? 1) : 1));
});

let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  counts = {
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    skipped: results.numPendingTests + results.numTodoTests,
  };
} catch (error) {
  console.error(`[test] no results from vitest (${error instanceof Error ? error.message : String(error)})`);
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

if (vitestExit !== 0 && counts.failed === 0) {
  // A file that failed to load, a failing globalSetup or an unhandled error fails the run
  // without failing any one test: say so, or the summary below would look green.
  console.error(`[test] vitest exited with code ${vitestExit}: an error outside the tests (see above)`);
}
console.log(
  `${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`,
);
process.exit(vitestExit !== 0 || counts.failed > 0 ? 1 : 0);
