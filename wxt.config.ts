import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The Hugging Face endpoint the extension talks to. Overridable at build time with
 * WXT_HF_ENDPOINT (like HF_ENDPOINT of HF's own tools) for mirrors, the demo and the e2e run.
 */
const endpoint = (process.env.WXT_HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, '');
const endpointOrigin = new URL(endpoint).origin;
/** Where PDFs come from (arXiv); WXT_ARXIV_ENDPOINT points the demo and the e2e run at a fixture server. */
const arxiv = (process.env.WXT_ARXIV_ENDPOINT || 'https://arxiv.org').replace(/\/+$/, '');
const arxivOrigin = new URL(arxiv).origin;

export default defineConfig({
  imports: false,
  outDir: process.env.PAPERBOY_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact()],
    // Chrome and Firefox 115+ preload modules themselves: Vite's polyfill is dead weight in every page.
    build: { modulePreload: { polyfill: false } },
    define: { __HF_ENDPOINT__: JSON.stringify(endpoint), __ARXIV_ENDPOINT__: JSON.stringify(arxiv) },
  }),
  manifest: ({ browser }) => ({
    name: 'Paperboy — Daily Papers',
    short_name: 'Paperboy',
    description: 'Hugging Face Daily Papers in your toolbar: an unread badge, an instant popup, and the list offline.',
    // alarms: the scheduled refresh and digests; contextMenus: "Save to Paperboy" on a paper's
    // page; notifications: new papers, watchlist matches, digests; storage: the settings;
    // unlimitedStorage: saved PDFs are never evicted. IndexedDB (the cache) needs no permission.
    permissions: ['alarms', 'contextMenus', 'notifications', 'storage', 'unlimitedStorage'],
    // The endpoint's origin (the worker fetches /api/… from it) and arXiv's (saved PDFs: arXiv
    // sends no CORS headers, so only a host permission lets the worker read the file).
    host_permissions: [...new Set([`${endpointOrigin}/*`, `${arxivOrigin}/*`])],
    // A mirror chosen in the options is asked for then, on the user's click, origin by origin.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Paperboy' },
    // Opens the popup from the keyboard. Alt+Shift+P is taken by neither Chrome nor Firefox;
    // Firefox MV3 knows `_execute_action` too. The side panel (entrypoints/sidepanel/) adds
    // `side_panel` and the `sidePanel` permission on Chrome, `sidebar_action` on Firefox.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+P' }, description: 'Open Paperboy' },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'paperboy@paperboy.dev' } } } : {}),
  }),
});
