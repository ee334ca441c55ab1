import { browser } from 'wxt/browser';
import type { ChangedEvent } from '../messages';

/** Tells every open extension page what changed (lib/clients/worker-messages.ts listens). */
export function broadcastChange(event: ChangedEvent): void {
  // No page open is the usual case, and sendMessage then rejects: nothing to do about it.
  browser.runtime.sendMessage(event).catch(() => undefined);
}
