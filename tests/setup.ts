import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// A fresh, empty IndexedDB and browser for every test: no state leaks between tests.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

// How long "eventually" may take. Both libraries default to one second, which a loaded machine
// (2 cores, a type-check and two other test runs beside this one) overruns now and then: a
// test then fails for the machine, not the code. Five seconds changes no assertion, only how
// long a failing one takes to say so. A call that names its own timeout keeps it.
const EVENTUALLY_MS = 5_000;
configure({ asyncUtilTimeout: EVENTUALLY_MS });
const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: EVENTUALLY_MS, ...options }));
