import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { QUIET_END_ALARM } from '@/lib/adapters/notifier';
import { watchSettings } from '@/lib/adapters/settings';
import { createWorker } from '@/lib/adapters/worker';
import { HF_ENDPOINT, REFRESH_ALARM, TOOLTIP_ALARM } from '@/lib/config';
import { isWorkerRequest } from '@/lib/messages';

export default defineBackground(() => {
  const worker = createWorker({ endpoint: HF_ENDPOINT });
  const log = (error: unknown): void => console.error('[paperboy]', error);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void worker.ensureAlarms().catch(log);
    if (reason === 'install' || reason === 'update') void worker.refresh('install').catch(log);
  });
  browser.runtime.onStartup.addListener(() => {
    void worker.ensureAlarms().catch(log);
    void worker.refresh('startup').catch(log);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void worker.refresh('alarm').catch(log);
    if (alarm.name === TOOLTIP_ALARM) void worker.updateBadge().catch(log);
    if (alarm.name === QUIET_END_ALARM) void worker.notifier.flush().catch(log);
  });
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    if (!isWorkerRequest(message)) return undefined;
    worker.handle(message).then(sendResponse, (error: unknown) => {
      log(error);
      sendResponse(null);
    });
    return true; // keeps the channel open for the async answer
  });
  browser.notifications.onClicked.addListener((id) => void worker.notifier.onClicked(id).catch(log));
  browser.notifications.onClosed.addListener((id) => void worker.notifier.onClosed(id).catch(log));
  // Firefox has no notification buttons.
  browser.notifications.onButtonClicked?.addListener(
    (id, index) => void worker.notifier.onButtonClicked(id, index).catch(log),
  );
  // Settings apply at once: a new interval reschedules the alarm, a new badge mode redraws it,
  // and ending a snooze announces what waited.
  watchSettings(() => {
    void worker.ensureAlarms().catch(log);
    void worker.announce().catch(log);
    void worker.notifier.flush().catch(log);
  });
});
