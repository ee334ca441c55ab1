import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { ARCHIVE_ALARM } from '@/lib/services/archive';
import { DIGEST_ALARM } from '@/lib/services/digest';
import { QUIET_END_ALARM } from '@/lib/services/notifications';
import { createSaveMenu, listenToSaveMenu } from '@/lib/services/saving';
import { watchSettings } from '@/lib/platform/settings';
import { SYNC_ALARM } from '@/lib/services/sync';
import { createWorker, SAVE_NOTIFICATION_PREFIX } from '@/lib/services/worker';
import { ARXIV_ENDPOINT, HF_ENDPOINT, REFRESH_ALARM, TOOLTIP_ALARM } from '@/lib/config';
import { isRequestLike, type WorkerAnswer } from '@/lib/messages';
import { listenToSyncChanges } from '@/lib/platform/sync-storage';

export default defineBackground(() => {
  const worker = createWorker({ endpoint: HF_ENDPOINT });
  const log = (error: unknown): void => console.error('[paperboy]', error);

  // A worker stopped mid-download (Chrome stops idle workers) left PDFs 'downloading': go on.
  void worker.saver.resume().catch(log);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void worker.ensureAlarms().catch(log);
    // "Save to Paperboy" on paper pages (the build's endpoints too: a fixture server in e2e).
    void createSaveMenu({ hfEndpoint: HF_ENDPOINT, arxivEndpoint: ARXIV_ENDPOINT }).catch((error: unknown) =>
      console.warn('[paperboy] no context menu in this browser:', error),
    );
    if (reason === 'install' || reason === 'update') void worker.refresh('install').catch(log);
    void worker.digest.check().catch(log);
    // An update restarts the worker: an archive download under way goes on.
    void worker.resumeArchive().catch(log);
    // A new profile takes what the user's other browsers synced (their reads, saves, settings).
    void worker.sync.syncNow().catch(log);
  });
  browser.runtime.onStartup.addListener(() => {
    void worker.ensureAlarms().catch(log);
    void worker.refresh('startup').catch(log);
    // A digest the browser was closed through fires once now (lib/digest.ts planDigests).
    void worker.digest.check().catch(log);
    void worker.resumeArchive().catch(log);
    void worker.sync.syncNow().catch(log);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) {
      // After the refresh: a digest due meanwhile (the machine slept through its alarm) is built from fresh papers.
      void worker
        .refresh('alarm')
        .then(async () => await worker.digest.check())
        .catch(log);
    }
    if (alarm.name === DIGEST_ALARM) void worker.digest.check().catch(log);
    if (alarm.name === TOOLTIP_ALARM) void worker.updateBadge().catch(log);
    if (alarm.name === QUIET_END_ALARM) void worker.notifier.flush().catch(log);
    // A pause ended, or the worker was stopped between two archive calls.
    if (alarm.name === ARCHIVE_ALARM) void worker.resumeArchive().catch(log);
    // A sync scheduled by a worker that was stopped before its timer fired.
    if (alarm.name === SYNC_ALARM) void worker.sync.syncNow().catch(log);
  });
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
  browser.notifications.onClicked.addListener((id) => void worker.notifier.onClicked(id).catch(log));
  // A notification about a save from the context menu opens the library.
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(SAVE_NOTIFICATION_PREFIX)) return;
    void browser.notifications.clear(id).catch(log);
    void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }).catch(log);
  });
  listenToSaveMenu((info) => void worker.saver.saveFromPage(info).catch(log));
  browser.notifications.onClosed.addListener((id) => void worker.notifier.onClosed(id).catch(log));
  // Firefox has no notification buttons.
  browser.notifications.onButtonClicked?.addListener(
    (id, index) => void worker.notifier.onButtonClicked(id, index).catch(log),
  );
  // Settings apply at once: a new interval reschedules the alarm, a new badge mode redraws it,
  // and ending a snooze announces what waited.
  watchSettings((settings) => {
    // A change made here syncs; one a sync just applied does not go round again.
    void worker.sync.onSettingsChanged(settings).catch(log);
    void worker.ensureAlarms().catch(log);
    void worker.announce().catch(log);
    void worker.notifier.flush().catch(log);
    // A digest switched on, moved or released from a snooze: reschedule, show what is due.
    void worker.digest.check().catch(log);
  });
});
