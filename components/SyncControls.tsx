import { describeLastSynced, describeSyncBytes, type SyncView } from '@/lib/sync-status';

export interface SyncControlsProps {
  /** Undefined while the status is being read. */
  sync: SyncView | undefined;
  now: number;
  /** A "Sync now" (or the switch turned on) is under way. */
  busy: boolean;
  onToggle: (enabled: boolean) => void;
  onSyncNow: () => void;
}

/** The options page's Sync fieldset: on/off, when it last synced, the quota used, the last error, "Sync now". */
export function SyncControls({ sync, now, busy, onToggle, onSyncNow }: SyncControlsProps) {
  return (
    <fieldset class="group">
      <legend>Sync</legend>
      {sync === undefined ? (
        <p class="hint">Loading…</p>
      ) : !sync.supported ? (
        <p class="hint">
          This browser has no sync storage, so reading state and saved papers stay on this device. Use Backup in the
          library to move them to another browser.
        </p>
      ) : (
        <>
          <div class="check-field">
            <input
              id="opt-sync"
              type="checkbox"
              checked={sync.enabled}
              aria-describedby="opt-sync-hint"
              onChange={(event) => onToggle(event.currentTarget.checked)}
            />
            <div>
              <label for="opt-sync">Sync read papers, saved papers, notes and settings across your browsers</label>
              <p class="hint" id="opt-sync-hint">
                Default: on. Through your browser account’s own sync storage, no server of ours; PDFs stay on each
                device.
              </p>
            </div>
          </div>
          {sync.enabled && (
            <>
              {/* Live, but not role="status": that one is the page's "Saved" line. */}
              <p class="hint sync-status" aria-live="polite">
                {busy ? 'Syncing…' : describeLastSynced(sync.lastSyncedAt, now)} · {describeSyncBytes(sync.bytes)} of
                the browser’s sync storage used
              </p>
              {sync.lastError !== null && (
                <p class="field-error" role="alert">
                  {sync.lastError}
                </p>
              )}
              <div class="button-row">
                <button type="button" class="button" disabled={busy} onClick={onSyncNow}>
                  Sync now
                </button>
              </div>
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
