import { POPUP_REFRESH_AFTER_MS } from '../config';
import type { ChangeTopic, RequestOf, RequestType, WorkerRequest } from '../messages';
import type { PaperboyDB } from '../store/database';
import { getStatus, setUnread } from '../store/feed';
import type { ArchiveRunner } from './archive';
import type { Refresher } from './refresh';
import type { Saver } from './saving';
import type { Sync } from './sync';
import type { TrendingLoader } from './trending';

/**
 * What a handler reports: the topics of what it changed (the worker announces them, redrawing
 * the badge and the pages, and answers with the activity after), or null when the services it
 * called announce for themselves (or nothing changed).
 */
export type Changed = readonly ChangeTopic[] | null;

/** One handler per request (lib/messages.ts REQUESTS): a request lives in exactly two places. */
export type RequestHandlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<Changed> };

export interface RequestDeps {
  db: () => Promise<PaperboyDB>;
  now: () => number;
  refresher: Refresher;
  archive: ArchiveRunner;
  trending: TrendingLoader;
  saver: Saver;
  sync: Sync;
  /** Tells the pages what changed meanwhile (Trending's "loading" while its fetch runs). */
  announce: (topics: readonly ChangeTopic[]) => void;
}

/** The worker's handler of every request pages send. */
export function createRequestHandlers(deps: RequestDeps): RequestHandlers {
  const { db, now, refresher, archive, trending, saver, sync } = deps;
  return {
    'get-activity': async () => await Promise.resolve(null),
    'popup-opened': async () => {
      const status = await getStatus(await db());
      // Opening the popup refreshes a stale cache, without making the popup wait for it.
      if (status.lastSuccessAt === null || now() - status.lastSuccessAt > POPUP_REFRESH_AFTER_MS)
        void refresher.refresh('popup');
      return null;
    },
    refresh: async () => {
      await refresher.refresh('manual');
      return null;
    },
    'load-day': async ({ day }) => {
      await refresher.loadDay(day);
      return null;
    },
    'load-week': async ({ week }) => {
      await refresher.loadPeriod({ week });
      return null;
    },
    'load-month': async ({ month }) => {
      await refresher.loadPeriod({ month });
      return null;
    },
    'set-unread': async ({ ids, unread }) => {
      await setUnread(await db(), ids, unread, now());
      return ['reads'];
    },
    'archive-start': async () => {
      await archive.start();
      return null;
    },
    'archive-cancel': async () => {
      await archive.cancel();
      return ['activity'];
    },
    'load-trending': async (request) => {
      const loading = trending.load(request.force === true);
      deps.announce(['activity']); // "loading" on screen while the fetch runs
      await loading;
      return ['feed'];
    },
    'set-trending-unread': async ({ ids, unread }) => {
      await setUnread(await db(), ids, unread, now(), { createMissing: true });
      return ['reads'];
    },
    save: async ({ id }) => {
      await saver.save(id);
      return null;
    },
    unsave: async ({ id }) => {
      await saver.unsave(id);
      return null;
    },
    'restore-saved': async ({ id }) => {
      await saver.restore(id);
      return null;
    },
    'fetch-pdf': async ({ id }) => {
      await saver.retry(id);
      return null;
    },
    'update-saved': async ({ id, tags, note }) => {
      await saver.update(id, { tags, note });
      return null;
    },
    'restore-backup': async ({ text }) => {
      await saver.restoreBackup(text);
      return null;
    },
    'sync-now': async () => {
      await sync.syncNow();
      return null;
    },
    'set-sync': async ({ enabled }) => {
      await sync.setEnabled(enabled);
      return null;
    },
  };
}

/** Runs the handler of `request`. */
export async function runHandler(handlers: RequestHandlers, request: WorkerRequest): Promise<Changed> {
  // TypeScript cannot tie a union member to its handler; the mapped type above guarantees it.
  const handler = handlers[request.type] as (request: WorkerRequest) => Promise<Changed>;
  return await handler(request);
}
