import { feedDayAt } from '../feed-day';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { decodeSyncItems, encodeSyncState, planSyncWrite, SYNC_PREFIX } from '../sync-codec';
import type { PaperResult } from '../parse-paper';
import { canonical, mergeSyncStates, syncedSettings, toSyncTime, type SyncState } from '../sync-model';
import { describeSyncFailure, syncFailureKindOf, type SyncFailureKind } from '../sync-status';
import type { PaperboyDB } from '../store/database';
import { getCachedPaper } from '../store/feed';
import { applySyncRegisters, listPlaceholderSaves, readSyncSource, replacePlaceholder } from '../store/user-state';
import { SYNC_STATUS_DEFAULT, syncStatusItem, type SyncArea, type SyncStatus } from '../platform/sync-storage';
import type { Alarms } from '../platform/alarms';
import { getSettings, settingsItem } from '../platform/settings';


/** Changes are gathered this long before one write: `storage.sync` allows 120 writes a minute, 1,800 an hour. */
export const SYNC_DEBOUNCE_MS = 5_000;
/** And never more than one write in this interval (keeps a busy hour under 1,800 writes with a wide margin). */
export const SYNC_MIN_INTERVAL_MS = 20_000;

/** Where the state of this browser lives; tests give two simulated browsers one shared area. */
export interface SyncLocal {
  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<void>;
  getStatus(): Promise<SyncStatus>;
  setStatus(status: SyncStatus): Promise<void>;
}

export interface SyncOptions {
  db: () => Promise<PaperboyDB>;
  now: () => number;
  /** The browser's sync area; absent where the browser has none. */
  area?: SyncArea | undefined;
  local?: SyncLocal;
  /** Called after remote changes were applied here (to redraw the badge and open pages). */
  onApplied?: () => Promise<unknown>;
  /**
   * Looks up a paper saved on another browser and not cached here (`/api/papers/{id}`); without
   * it, or offline, the paper keeps a placeholder snapshot until a later sync finds it.
   */
  lookupPaper?: (id: string) => Promise<PaperResult>;
  /** Wakes a stopped worker for a sync it scheduled (the browser's alarms in the worker). */
  alarms?: Pick<Alarms, 'after'>;
}


export interface SyncOutcome {
  ok: boolean;
  /** Local records changed by what other browsers wrote. */
  applied: { states: number; saves: number; settings: boolean };
  /** Items written to the sync area (0 when nothing changed). */
  written: number;
}

const defaultLocal: SyncLocal = {
  getSettings,
  setSettings: (settings) => settingsItem.setValue(settings),
  getStatus: async () => ({ ...SYNC_STATUS_DEFAULT, ...(await syncStatusItem.getValue()) }),
  setStatus: (status) => syncStatusItem.setValue(status),
};


/**
 * Sync of reading state, saved papers and settings through the browser's sync storage: merges
 * what other browsers wrote into IndexedDB and writes back the merged state, compactly and
 * only the items that changed. A failure is recorded for the options page; local state is
 * never held back by it.
 */
export function createSync(options: SyncOptions) {
  const { now } = options;
  const local = options.local ?? defaultLocal;
  const area = options.area;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<SyncOutcome> | null = null;
  let again = false;
  let lastWriteAt = 0;

  /**
   * Notes that something changed here; a sync follows shortly (debounced, and at least the
   * minimum interval after the last write). With `isRemote` (another browser's change arrived)
   * the gap is shorter: applying it should not wait, and such a sync writes only what this
   * browser has that the other lacks.
   */
  function schedule(delay = SYNC_DEBOUNCE_MS, isRemote = false): void {
    if (area === undefined) return;
    if (timer !== null) clearTimeout(timer);
    const gap = isRemote ? SYNC_REMOTE_MIN_INTERVAL_MS : SYNC_MIN_INTERVAL_MS;
    const wait = Math.max(delay, lastWriteAt + gap - now());
    timer = setTimeout(() => {
      timer = null;
      void syncNow().catch((error: unknown) => console.error('[paperboy] sync', error));
    }, wait);
    // If the worker is stopped before the timer fires, the alarm runs the sync instead.
    void options.alarms?.after('sync', Math.max(0.5, wait / 60_000)).catch(() => undefined);
  }

  /** Runs one sync now (a second call while one runs makes it run once more after). */
  async function syncNow(): Promise<SyncOutcome> {
    if (running !== null) {
      again = true;
      return await running;
    }
    running = run().finally(() => {
      running = null;
    });
    const outcome = await running;
    if (again) {
      again = false;
      return await syncNow();
    }
    return outcome;
  }

  async function run(): Promise<SyncOutcome> {
    const idle: SyncOutcome = { ok: true, applied: { states: 0, saves: 0, settings: false }, written: 0 };
    let status = await local.getStatus();
    if (area === undefined || !status.enabled) return idle;
    try {
      status = await stampSettings(status, syncedSettings(await local.getSettings()));
      const stored = await area.get(null);
      const remote = decodeSyncItems(stored);
      if (remote.newerFormat) {
        await local.setStatus({ ...status, ...failureStatus('newer-format') });
        return { ...idle, ok: false };
      }
      const db = await options.db();
      const settings = await local.getSettings();
      const mine = await localState(db, settings, status);
      const merged = mergeSyncStates(mine, remote.state);
      const applied = await applyToLocal(db, merged, settings, status);
      const encoded = encodeSyncState(merged, { today: feedDayAt(now()), now: now() });
      const { set, remove } = planSyncWrite(stored, encoded.items);
      const written = Object.keys(set).length + remove.length;
      if (Object.keys(set).length > 0) await area.set(set);
      if (remove.length > 0) await area.remove(remove);
      if (written > 0) lastWriteAt = now();
      const latest = await local.getStatus();
      await local.setStatus({
        ...latest,
        lastSyncedAt: now(),
        bytes: encoded.bytes,
        skipped: remote.skipped.length,
        ...(encoded.ok ? { lastError: null, lastErrorKind: null } : failureStatus('too-large')),
      });
      const detailed = await fillPlaceholders(db);
      if (applied.states + applied.saves + detailed > 0 || applied.settings) await options.onApplied?.();
      return { ok: true, applied, written };
    } catch (error) {
      console.warn('[paperboy] sync failed', error);
      const latest = await local.getStatus();
      // The status item, never a throw: local state is already written and stays as it is.
      await local.setStatus({ ...latest, ...failureStatus(syncFailureKindOf(error)) });
      schedule(SYNC_MIN_INTERVAL_MS * 3);
      return { ...idle, ok: false };
    }
  }

  async function localState(db: PaperboyDB, settings: Settings, status: SyncStatus): Promise<SyncState> {
    const value = syncedSettings(settings);
    return {
      ...(await readSyncSource(db)),
      settings: { updatedAt: toSyncTime(currentSettingsTime(status, value)), value },
    };
  }

  /** Writes what the merged state changes here, each store in one transaction re-checked inside it. */
  async function applyToLocal(
    db: PaperboyDB,
    merged: SyncState,
    settings: Settings,
    status: SyncStatus,
  ): Promise<SyncOutcome['applied']> {
    const written = await applySyncRegisters(db, merged);

    let settingsChanged = false;
    const mineValue = syncedSettings(settings);
    const remote = merged.settings;
    if (
      remote !== null &&
      remote.updatedAt > toSyncTime(currentSettingsTime(status, mineValue)) &&
      canonical(remote.value) !== canonical(mineValue)
    ) {
      const next = normalizeSettings({ ...settings, ...syncedSettings(remote.value) });
      const fingerprint = canonical(syncedSettings(next));
      // Recorded before the write, so the settings watcher sees an applied change, not a local one.
      await local.setStatus({
        ...(await local.getStatus()),
        settingsChangedAt: remote.updatedAt,
        settingsFingerprint: fingerprint,
      });
      await local.setSettings(next);
      settingsChanged = true;
    }
    return { ...written, settings: settingsChanged };
  }

  /**
   * Replaces placeholder snapshots (papers saved on another browser, not cached here) by the
   * paper from the feed cache or Hugging Face; stops at the first network failure (offline: the
   * next sync tries again). Returns how many were filled in.
   */
  async function fillPlaceholders(db: PaperboyDB): Promise<number> {
    const waiting = await listPlaceholderSaves(db);
    let filled = 0;
    for (const record of waiting.slice(0, PLACEHOLDERS_PER_SYNC)) {
      let paper = await getCachedPaper(db, record.id);
      if (paper === undefined && options.lookupPaper !== undefined) {
        const found = await options.lookupPaper(record.id);
        if (!found.ok) {
          if (found.failure.kind === 'offline' || found.failure.kind === 'timeout') break;
          continue;
        }
        paper = found.paper;
      }
      if (paper === undefined) continue;
      if (await replacePlaceholder(db, record.id, paper)) filled += 1;
    }
    return filled;
  }

  /**
   * When the synced settings last changed here. Settings never changed (the defaults of a fresh
   * profile) count as time 0, so a new browser adopts what the user's other browsers have;
   * settings that differ from what was last recorded changed here, now.
   */
  function currentSettingsTime(status: SyncStatus, value: Record<string, unknown>): number {
    const fingerprint = canonical(value);
    if (fingerprint === status.settingsFingerprint) return status.settingsChangedAt;
    return status.settingsFingerprint === '' && fingerprint === canonical(syncedSettings(DEFAULT_SETTINGS)) ? 0 : now();
  }

  /** Records the settings' change time once, so repeated syncs agree on it. */
  async function stampSettings(status: SyncStatus, value: Record<string, unknown>): Promise<SyncStatus> {
    const fingerprint = canonical(value);
    if (fingerprint === status.settingsFingerprint) return status;
    const next = { ...status, settingsChangedAt: currentSettingsTime(status, value), settingsFingerprint: fingerprint };
    await local.setStatus(next);
    return next;
  }

  /** The settings changed (any page): a local change is stamped and synced; an applied one is not. */
  async function onSettingsChanged(settings: Settings): Promise<void> {
    const status = await local.getStatus();
    const fingerprint = canonical(syncedSettings(settings));
    if (fingerprint === status.settingsFingerprint) return;
    await local.setStatus({ ...status, settingsChangedAt: now(), settingsFingerprint: fingerprint });
    schedule();
  }

  /** Another browser's change arrived in the sync area. */
  function onRemoteChanged(keys: string[]): void {
    if (keys.some((key) => key.startsWith(SYNC_PREFIX))) schedule(REMOTE_DELAY_MS, true);
  }

  /** Turns sync on or off (on runs one at once). */
  async function setEnabled(enabled: boolean): Promise<void> {
    await local.setStatus({ ...(await local.getStatus()), enabled, lastError: null, lastErrorKind: null });
    if (enabled) await syncNow();
  }

  return { schedule, syncNow, onSettingsChanged, onRemoteChanged, setEnabled, supported: area !== undefined };
}

export type Sync = ReturnType<typeof createSync>;

/** A change arriving from another browser is applied after this (its writes come in a burst of items). */
const REMOTE_DELAY_MS = 1_000;
/**
 * And at least this long after this browser's last write: the echo of its own write comes back
 * through the same event, and a sync it starts may write again (at most 12 a minute, 720 an hour).
 */
const SYNC_REMOTE_MIN_INTERVAL_MS = 5_000;
/** At most this many papers saved elsewhere are looked up per sync (each is one HTTP call). */
const PLACEHOLDERS_PER_SYNC = 20;

function failureStatus(kind: SyncFailureKind): Pick<SyncStatus, 'lastError' | 'lastErrorKind'> {
  return { lastError: describeSyncFailure(kind), lastErrorKind: kind };
}

