// `npm run demo`: Paperboy with made-up papers and no Hugging Face at all. Serves generated
// feed days from tests/fixtures on 127.0.0.1:48200, builds the extension against that into
// .output-demo, and opens it in Chromium (or prints how to load it) until Ctrl-C.
import { makeDay, newYorkDay, shiftDay } from '../tests/fixtures/feed.mjs';
import { startFixtureServer } from '../tests/fixtures/server.mjs';
import {
  buildExtension,
  hasDisplay,
  openInChromium,
  printLoadUnpackedSteps,
  unpackedExtensionId,
} from './chromium.mjs';

const PORT = 48200;
/** Papers per day going back from today; weekends are empty, as on Hugging Face. */
const COUNTS = [12, 8, 10, 6, 9, 11, 7, 5, 14, 8];

const today = newYorkDay();
const days = new Map();
COUNTS.forEach((count, back) => {
  const day = shiftDay(today, -back);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const isWeekend = weekday === 0 || weekday === 6;
  days.set(day, back <= 1 || !isWeekend ? makeDay(day, count) : []);
});

let server;
try {
  server = await startFixtureServer({ port: PORT, days });
} catch (error) {
  console.error(`[demo] cannot serve on 127.0.0.1:${PORT} (${error.code ?? error.message}). Is another demo running?`);
  process.exit(1);
}
console.log(`[demo] fixture Hugging Face at ${server.origin}:`);
for (const [day, items] of days) console.log(`  ${day}  ${String(items.length).padStart(2)} papers`);

let extensionDir;
try {
  extensionDir = buildExtension({ outDir: '.output-demo', endpoint: server.origin });
} catch (error) {
  console.error('[demo]', error.message);
  await server.close();
  process.exit(1);
}

if (hasDisplay()) {
  await openInChromium(extensionDir, [`chrome-extension://${unpackedExtensionId(extensionDir)}/popup.html`]);
  console.log('[demo] browser closed; stopping the fixture server.');
  await server.close();
} else {
  console.log('[demo] No display (DISPLAY / WAYLAND_DISPLAY unset): not starting a browser.');
  printLoadUnpackedSteps(extensionDir);
  console.log(`[demo] Serving the fixture feed on ${server.origin} until Ctrl-C.`);
  const stop = async () => {
    console.log('\n[demo] stopping.');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
