import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
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
  });
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    if (!isWorkerRequest(message)) return undefined;
    worker.handle(message).then(sendResponse, (error: unknown) => {
      log(error);
      sendResponse(null);
    });
    return true; // keeps the channel open for the async answer
  });
});
