// `npm run bench`: performance figures measured in real headless Chromium on generated data.
// Prints a table and JSON; `--write-readme` also puts the table into README.md.
//
// - popup: time from navigation start to the first list of papers on screen (the popup's
//   `paperboy:first-list` User Timing mark), p50/p95 over repeated opens, with one day of 50
//   papers and with a large cache; and the same for a static extension page listing 10 titles
//   (the floor: what any extension page costs), with the ratio.
// - size: JS shipped to the popup (raw and gzip) and the whole extension zipped.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { makeDay, newYorkDay, shiftDay } from '../tests/fixtures/feed.mjs';
import { startFixtureServer } from '../tests/fixtures/server.mjs';
import { buildExtension, headlessExtensionOptions, ROOT } from './chromium.mjs';

const OPENS = 15;
const BIG_CACHE_DAYS = 40; // × 50 papers a day

const budgets = { popupVsFloor: 1.5, popupJsGzipKb: 25 };

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

async function measureOpens(context, url) {
  const times = [];
  for (let run = 0; run < OPENS; run += 1) {
    const page = await context.newPage();
    await page.goto(url);
    const time = await page.waitForFunction(
      () => performance.getEntriesByName('paperboy:first-list')[0]?.startTime ?? false,
      undefined,
      { timeout: 15_000, polling: 50 },
    );
    times.push(await time.jsonValue());
    await page.close();
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const today = newYorkDay();
  const days = new Map();
  for (let back = 0; back < BIG_CACHE_DAYS; back += 1)
    days.set(shiftDay(today, -back), makeDay(shiftDay(today, -back), 50));
  const server = await startFixtureServer({ days });
  const outDir = '.output-bench';
  const extensionDir = buildExtension({ outDir, endpoint: server.origin });

  // The floor: a static extension page with the same 10 titles and nothing else.
  const titles = makeDay(today, 10).map((item) => item.paper.title);
  writeFileSync(
    join(extensionDir, 'bench-floor.html'),
    `<!doctype html><meta charset="utf-8"><title>floor</title><ol>${titles
      .map((title) => `<li><article><h2>${title.replace(/</g, '&lt;')}</h2></article></li>`)
      .join('')}</ol><script src="bench-floor.js"></script>`,
  );
  writeFileSync(join(extensionDir, 'bench-floor.js'), "performance.mark('paperboy:first-list');");

  const profile = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...headlessExtensionOptions(extensionDir),
    viewport: { width: 440, height: 600 },
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const base = `chrome-extension://${id}`;
    // The install refresh stores a week (8 days, 50 papers on each).
    const setup = await context.newPage();
    await setup.goto(`${base}/popup.html`);
    await setup.waitForFunction(() => document.querySelectorAll('article').length >= 50, undefined, {
      timeout: 30_000,
    });
    const floor = await measureOpens(context, `${base}/bench-floor.html`);
    const small = await measureOpens(context, `${base}/popup.html`);

    const ingestStart = performance.now();
    for (let back = 8; back < BIG_CACHE_DAYS; back += 1) {
      await setup.evaluate((day) => chrome.runtime.sendMessage({ type: 'load-day', day }), shiftDay(today, -back));
    }
    const ingestMs = performance.now() - ingestStart;
    const cached = BIG_CACHE_DAYS * 50;
    const storage = await setup.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const large = await measureOpens(context, `${base}/popup.html`);
    await setup.close();

    const popupHtml = readFileSync(join(extensionDir, 'popup.html'), 'utf8');
    const scripts = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1]);
    const js = scripts.map((file) => readFileSync(join(extensionDir, file)));
    const jsRaw = js.reduce((sum, buffer) => sum + buffer.length, 0);
    const jsGzip = js.reduce((sum, buffer) => sum + gzipSync(buffer, { level: 9 }).length, 0);
    const zipDir = mkdtempSync(join(tmpdir(), 'paperboy-zip-'));
    const zipped = spawnSync('npx', ['wxt', 'zip'], {
      cwd: ROOT,
      env: { ...process.env, PAPERBOY_OUT_DIR: zipDir },
      stdio: 'ignore',
    });
    const zipFile = zipped.status === 0 ? filesUnder(zipDir).find((file) => file.endsWith('.zip')) : undefined;
    const zipBytes = zipFile === undefined ? null : statSync(zipFile).size;
    rmSync(zipDir, { recursive: true, force: true });

    const results = {
      popupFirstListMs: { day50: small, [`cache${cached}`]: large, floor },
      ratioToFloor: { day50: small.p50 / floor.p50, [`cache${cached}`]: large.p50 / floor.p50 },
      ingestOnDemand: { papers: cached - 8 * 50, ms: Math.round(ingestMs) },
      storageBytes: storage,
      popupJs: { rawBytes: jsRaw, gzipBytes: jsGzip, files: scripts },
      zipBytes,
      budgets,
    };

    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    const ms = (value) => `${value.toFixed(1)} ms`;
    const rows = [
      ['Popup, first list on screen, 50 papers (p50 / p95)', `${ms(small.p50)} / ${ms(small.p95)}`, ''],
      [`Popup, first list on screen, ${cached} cached papers (p50 / p95)`, `${ms(large.p50)} / ${ms(large.p95)}`, ''],
      ['Static extension page, 10 titles (the floor, p50 / p95)', `${ms(floor.p50)} / ${ms(floor.p95)}`, ''],
      ['Popup ÷ floor, 50 papers', `${results.ratioToFloor.day50.toFixed(2)}×`, `≤ ${budgets.popupVsFloor}×`],
      [
        `Popup ÷ floor, ${cached} papers`,
        `${results.ratioToFloor[`cache${cached}`].toFixed(2)}×`,
        `≤ ${budgets.popupVsFloor}×`,
      ],
      [
        `Fetch + store ${cached - 400} papers on demand (${BIG_CACHE_DAYS - 8} days)`,
        `${results.ingestOnDemand.ms} ms`,
        '',
      ],
      [`IndexedDB + storage used, ${cached} papers`, kb(storage), ''],
      ['Popup JS (raw / gzip)', `${kb(jsRaw)} / ${kb(jsGzip)}`, `≤ ${budgets.popupJsGzipKb} KB gzip`],
      ['Whole extension, zipped', zipBytes === null ? 'n/a' : kb(zipBytes), ''],
    ];
    const table = [
      '| measure | figure | budget |',
      '| --- | --- | --- |',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
    console.log(`\n${table}\n`);
    console.log(JSON.stringify(results, null, 2));
    if (process.argv.includes('--write-readme')) {
      const readmePath = join(ROOT, 'README.md');
      const readme = readFileSync(readmePath, 'utf8');
      const stamp = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`, headless Chromium, 2 cores.`;
      writeFileSync(
        readmePath,
        readme.replace(
          /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
          `<!-- bench:start -->\n${stamp}\n\n${table}\n<!-- bench:end -->`,
        ),
      );
      console.log('README.md updated.');
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
