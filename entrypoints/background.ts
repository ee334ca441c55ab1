import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { ARXIV_ENDPOINT, HF_ENDPOINT } from '@/lib/config';
import { isRequestLike, type WorkerAnswer } from '@/lib/messages';
import { listenToAlarms } from '@/lib/platform/alarms';
import { createSaveMenu, listenToSaveMenu } from '@/lib/platform/context-menu';
import { listenToNotifications } from '@/lib/platform/notifications';
import { watchSettings } from '@/lib/platform/settings';
import { listenToSyncChanges } from '@/lib/platform/sync-storage';
import { createWorker, type StartReason } from '@/lib/services/worker';

/**
 * The background worker's entry: it registers every listener, synchronously (a worker woken by
 * an event must find its listener at once), and hands each event to the worker
 * (lib/services/worker.ts). Nothing else happens here.
 */
export default defineBackground(() => {
  const worker = createWorker({ endpoint: HF_ENDPOINT });
  const log = (error: unknown): void => console.error('[paperboy]', error);

  // A worker stopped mid-download (Chrome stops idle workers) left PDFs 'downloading': go on.
  void worker.saver.resume().catch(log);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // "Save to Paperboy" on paper pages (the build's endpoints too: a fixture server in e2e).
    void createSaveMenu({ hfEndpoint: HF_ENDPOINT, arxivEndpoint: ARXIV_ENDPOINT }).catch((error: unknown) =>
      console.warn('[paperboy] no context menu in this browser:', error),
    );
    const why: StartReason = reason === 'install' ? 'install' : reason === 'update' ? 'update' : 'browser-update';
    worker.start(why);
  });
  browser.runtime.onStartup.addListener(() => worker.start('startup'));
  listenToAlarms(worker.onAlarm);
  // Another browser's changes arriving in storage.sync.
  listenToSyncChanges((keys) => worker.sync.onRemoteChanged(keys));
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    if (!isRequestLike(message)) return undefined;
    void worker.answer(message).then(sendResponse, (error: unknown) => {
      // answer() never rejects; a rejection here is a bug, and the page must not wait forever.
      log(error);
      sendResponse({ ok: false, error: { kind: 'failed', message: 'the worker failed' } } satisfies WorkerAnswer);
    });
    return true; // keeps the channel open for the async answer
  });
  listenToNotifications(worker.notificationRoutes, log);
  listenToSaveMenu((info) => void worker.saver.saveFromPage(info).catch(log));
  watchSettings((settings) => worker.onSettingsChanged(settings));
});
