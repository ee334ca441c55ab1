import { browser } from 'wxt/browser';
import { isChangedEvent, topicsOf, type Activity, type ChangeTopic, type WorkerAnswer, type WorkerRequest } from '../messages';

/**
 * Asks the background worker to act. Never throws: the answer is the activity after the request,
 * or why it did not go through ('unreachable' when the worker could not be woken, 'invalid' or
 * 'failed' from the worker), so a caller can tell "no answer" from "refused" from "failed".
 */
export async function sendToWorker(request: WorkerRequest): Promise<WorkerAnswer> {
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage<WorkerRequest, WorkerAnswer | undefined>(request);
  } catch (error) {
    console.error('[paperboy] the background worker did not answer', error);
    return { ok: false, error: { kind: 'unreachable', message: 'the background worker did not answer' } };
  }
  if (!isWorkerAnswer(answer)) {
    console.error('[paperboy] the background worker gave no answer to', request.type);
    return { ok: false, error: { kind: 'unreachable', message: 'the background worker did not answer' } };
  }
  if (!answer.ok) console.error(`[paperboy] the worker could not handle "${request.type}":`, answer.error.message);
  return answer;
}

function isWorkerAnswer(value: unknown): value is WorkerAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { ok } = value as { ok?: unknown };
  return ok === true ? 'activity' in value : ok === false && 'error' in value;
}

/**
 * Calls back with the worker's activity and what changed on each of its change broadcasts;
 * returns an unsubscribe.
 */
export function subscribeToWorker(
  onChange: (activity: Activity, topics: readonly ChangeTopic[]) => void,
): () => void {
  const listener = (message: unknown): undefined => {
    if (isChangedEvent(message)) onChange(message.activity, topicsOf(message));
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
