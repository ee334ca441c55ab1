// `npm test`: every Vitest project (unit, then e2e) in one run, the usual console report, and
// two last lines a person or CI can read at a glance: the fault cases the tests tried and how
// many lost data (tests/fault-ledger.ts), then "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsDir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
const resultsFile = join(resultsDir, 'vitest-results.json');
// Each fault case appends a JSON line here (tests/fault-ledger.ts); the test workers inherit it.
const faultLedger = join(resultsDir, 'fault-ledger.jsonl');

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
    { stdio: 'inherit', env: { ...process.env, PAPERBOY_FAULT_LEDGER: faultLedger } },
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
}

const faults = { tried: 0, lostData: 0 };
try {
  for (const line of readFileSync(faultLedger, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line);
    faults.tried += 1;
    if (entry.lostData !== false) {
      faults.lostData += 1;
      console.error(`[test] fault case lost data: ${entry.name}${entry.lost ? ` (${entry.lost.join(', ')})` : ''}`);
    }
  }
} catch (error) {
  // No file: no fault case ran (a filtered run). Anything else is worth a word.
  if (error?.code !== 'ENOENT') console.error(`[test] could not read the fault ledger: ${error}`);
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

if (vitestExit !== 0 && counts.failed === 0) {
  // A file that failed to load, a failing globalSetup or an unhandled error fails the run
  // without failing any one test: say so, or the summary below would look green.
  console.error(`[test] vitest exited with code ${vitestExit}: an error outside the tests (see above)`);
}
console.log(`Fault cases tried: ${faults.tried}, lost data: ${faults.lostData}`);
console.log(
  `${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`,
);
process.exit(vitestExit !== 0 || counts.failed > 0 || faults.lostData > 0 ? 1 : 0);
