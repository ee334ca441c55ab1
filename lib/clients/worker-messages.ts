import { browser } from 'wxt/browser';
import { isChangedEvent, type Activity, type WorkerRequest } from '../messages';

/**
 * Asks the background worker to act; its answer is the activity after the request, or null when
 * the worker could not be woken at all (it restarts on demand, so that is rare and logged).
 */
export async function sendToWorker(request: WorkerRequest): Promise<Activity | null> {
  try {
    return await browser.runtime.sendMessage<WorkerRequest, Activity | null>(request);
  } catch (error) {
    console.error('[paperboy] the background worker did not answer', error);
    return null;
  }
}

/** Calls back with the worker's activity on each of its change broadcasts; returns an unsubscribe. */
export function subscribeToWorker(onChange: (activity: Activity) => void): () => void {
  const listener = (message: unknown): undefined => {
    if (isChangedEvent(message)) onChange(message.activity);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
