import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The Hugging Face endpoint the extension talks to. Overridable at build time with
 * WXT_HF_ENDPOINT (like HF_ENDPOINT of HF's own tools) for mirrors, the demo and the e2e run.
 */
const endpoint = (process.env.WXT_HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, '');
const endpointOrigin = new URL(endpoint).origin;

export default defineConfig({
  imports: false,
  outDir: process.env.PAPERBOY_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact()],
    define: { __HF_ENDPOINT__: JSON.stringify(endpoint) },
  }),
  manifest: ({ browser }) => ({
    name: 'Paperboy — Daily Papers',
    short_name: 'Paperboy',
    description: 'Hugging Face Daily Papers in your toolbar: an unread badge, an instant popup, and the list offline.',
    // alarms: the scheduled refresh; notifications: new papers and watchlist matches;
    // storage: the settings. IndexedDB (the cache) needs no permission.
    permissions: ['alarms', 'notifications', 'storage'],
    // Only the endpoint's origin: the worker fetches /api/daily_papers from it.
    host_permissions: [`${endpointOrigin}/*`],
    // A mirror chosen in the options is asked for then, on the user's click, origin by origin.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Paperboy' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'paperboy@paperboy.dev' } } } : {}),
  }),
});
