// `npm start`: builds the extension (against huggingface.co, or WXT_HF_ENDPOINT) and opens it in
// a fresh Chromium profile, or prints how to load it when there is no screen.
import {
  buildExtension,
  hasDisplay,
  openInChromium,
  printLoadUnpackedSteps,
  unpackedExtensionId,
} from './chromium.mjs';

const extensionDir = buildExtension({ outDir: '.output' });
if (hasDisplay()) {
  await openInChromium(extensionDir, [`chrome-extension://${unpackedExtensionId(extensionDir)}/popup.html`]);
} else {
  console.log('No display (DISPLAY / WAYLAND_DISPLAY unset): not starting a browser.');
  printLoadUnpackedSteps(extensionDir);
}
