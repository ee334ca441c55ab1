import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OptionsClient } from '@/lib/clients/options-client';
import type { ArchiveProgress } from '@/lib/archive';
import { tomorrowMorning } from '@/lib/notify';
import { normalizeEndpoint, normalizeSettings, type Settings, type WatchEntry } from '@/lib/settings';
import type { SyncView } from '@/lib/sync-status';
import { OptionsView, type SnoozeLength } from './OptionsView';

export interface OptionsAppProps {
  /** Reads and saves the settings; tests hand in one over fakeBrowser and fake-indexeddb. */
  client: OptionsClient;
  /** The endpoint the extension was built with (HF_ENDPOINT), used while no mirror is set. */
  defaultEndpoint: string;
  clock?: () => number;
}

/** How long "Saved" stays on screen. */
export const SAVED_STATUS_MS = 2_500;
const HOUR_MS = 3_600_000;

/**
 * The options page's state: loads the settings, saves each change at once (one write at a
 * time, so quick changes never overwrite each other), follows changes made elsewhere, and
 * counts the cached papers each watchlist entry matches.
 */
export function OptionsApp({ client, defaultEndpoint, clock = Date.now }: OptionsAppProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [now, setNow] = useState(clock);
  const [status, setStatus] = useState('');
  const [endpointMessage, setEndpointMessage] = useState<string | null>(null);
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const [counting, setCounting] = useState(false);
  const [archive, setArchive] = useState<ArchiveProgress | undefined>(undefined);
  const [sync, setSync] = useState<SyncView | undefined>(undefined);
  const [isSyncing, setIsSyncing] = useState(false);
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  /** Writes not done yet: until they are, what is on screen is newer than what storage says. */
  const pendingWrites = useRef(0);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let isLive = true;
    const unwatch = client.watchSettings((changed) => {
      // An echo of one of this page's own writes while more are queued would put an older
      // value back on screen (and under the cursor of someone typing a threshold).
      if (pendingWrites.current === 0) setSettings(changed);
    });
    void client
      .getSettings()
      .then((loaded) => isLive && setSettings((current) => current ?? loaded))
      .catch((error: unknown) => console.error('[paperboy] could not read the settings', error));
    // The snooze ends on its own: keep "snoozed until" true without a reload.
    const timer = setInterval(() => setNow(clock()), 30_000);
    return () => {
      isLive = false;
      unwatch();
      clearInterval(timer);
      clearTimeout(statusTimer.current);
    };
  }, [client, clock]);

  const showStatus = useCallback((text: string): void => {
    setStatus(text);
    clearTimeout(statusTimer.current);
    statusTimer.current = setTimeout(() => setStatus(''), SAVED_STATUS_MS);
  }, []);

  const save = useCallback(
    (patch: Partial<Settings>): void => {
      // Shown at once; the stored value (validated) replaces it when the write is done.
      setSettings((current) => (current === null ? current : normalizeSettings({ ...current, ...patch })));
      pendingWrites.current += 1;
      const write = writes.current.then(async () => await client.updateSettings(patch));
      writes.current = write.catch(() => undefined);
      void write
        .then(
          (saved) => {
            if (pendingWrites.current === 1) setSettings(saved);
            showStatus('Saved');
          },
          async (error: unknown) => {
            console.error('[paperboy] could not save the settings', error);
            showStatus('Could not save the change');
            if (pendingWrites.current === 1) setSettings(await client.getSettings());
          },
        )
        .catch((error: unknown) => console.error('[paperboy] could not read the settings', error))
        .finally(() => {
          pendingWrites.current -= 1;
        });
    },
    [client, showStatus],
  );

  // Recount whenever the watchlist changes; the old counts stay on screen until the new ones come.
  const watchlistKey = settings === null ? null : JSON.stringify(settings.watchlist);
  useEffect(() => {
    if (watchlistKey === null) return;
    let isCurrent = true;
    const entries = JSON.parse(watchlistKey) as WatchEntry[];
    setCounting(true);
    client.countMatches(entries).then(
      (found) => {
        if (!isCurrent) return;
        setCounts(new Map(entries.map((entry, index) => [entryKey(entry), found[index] ?? 0])));
        setCounting(false);
      },
      (error: unknown) => {
        console.error('[paperboy] could not count the watchlist matches', error);
        if (isCurrent) setCounting(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [client, watchlistKey]);

  // The archive download's progress, as stored and then as the worker reports it.
  useEffect(() => {
    let isLive = true;
    const unwatch = client.watchArchive((progress) => {
      setArchive(progress);
      setNow(clock());
    });
    client.getArchive().then(
      (progress) => isLive && setArchive((current) => current ?? progress),
      (error: unknown) => console.error('[paperboy] could not read the archive progress', error),
    );
    return () => {
      isLive = false;
      unwatch();
    };
  }, [client, clock]);

  // Sync's status as the worker records it: "Last synced", the bytes used, the last error.
  useEffect(() => {
    const syncClient = client.sync;
    if (syncClient === undefined) return;
    let isLive = true;
    const unwatch = syncClient.watchStatus((status) => {
      setSync(status);
      setNow(clock());
    });
    syncClient.getStatus().then(
      (status) => isLive && setSync((current) => current ?? status),
      (error: unknown) => console.error('[paperboy] could not read the sync status', error),
    );
    return () => {
      isLive = false;
      unwatch();
    };
  }, [client, clock]);

  const askSync = useCallback(
    (request: () => Promise<void>): void => {
      setIsSyncing(true);
      void request()
        .catch((error: unknown) => console.error('[paperboy] sync request failed', error))
        .finally(() => {
          setIsSyncing(false);
          setNow(clock());
        });
    },
    [clock],
  );

  const matchCounts = useMemo(
    () => settings?.watchlist.map((entry) => counts.get(entryKey(entry))) ?? [],
    [settings?.watchlist, counts],
  );

  if (settings === null) {
    return (
      <div class="options" aria-busy="true">
        <p class="hint">Loading…</p>
      </div>
    );
  }

  const currentEndpoint = settings.endpoint ?? defaultEndpoint;

  const applyEndpoint = (typed: string): void => {
    const endpoint = normalizeEndpoint(typed);
    if (endpoint === null) {
      setEndpointMessage(
        'Not an address Paperboy can use: enter one starting with https:// (or http://), without ?query or #fragment, such as https://hf-mirror.com.',
      );
      return;
    }
    setEndpointMessage(null);
    if (endpoint === normalizeEndpoint(defaultEndpoint)) {
      // The build's own endpoint: its permission comes with the extension, nothing to ask.
      save({ endpoint: null });
      return;
    }
    // Asked before anything is awaited: the browser only shows the prompt during the click.
    void client.requestOrigin(new URL(endpoint).origin).then((granted) => {
      if (granted) save({ endpoint });
      else setEndpointMessage(`Permission refused: Paperboy keeps using ${currentEndpoint}.`);
    });
  };

  return (
    <OptionsView
      settings={settings}
      defaultEndpoint={defaultEndpoint}
      now={now}
      matchCounts={matchCounts}
      counting={counting}
      status={status}
      endpointMessage={endpointMessage}
      onChange={save}
      onSnooze={(length: SnoozeLength) => {
        const at = clock();
        setNow(at);
        save({ snoozedUntil: length === 'hour' ? at + HOUR_MS : tomorrowMorning(at) });
      }}
      onResume={() => save({ snoozedUntil: null })}
      onApplyEndpoint={applyEndpoint}
      onResetEndpoint={() => {
        setEndpointMessage(null);
        save({ endpoint: null });
      }}
      archive={archive}
      onArchive={(action) => {
        void (action === 'start' ? client.startArchive() : client.cancelArchive()).then((progress) => {
          if (progress !== null) setArchive(progress);
        });
      }}
      sync={
        client.sync === undefined
          ? undefined
          : {
              sync,
              now,
              busy: isSyncing,
              onToggle: (enabled) => {
                // Shown at once; the worker's status write confirms it.
                setSync((current) => (current === undefined ? current : { ...current, enabled }));
                const syncClient = client.sync;
                if (syncClient !== undefined) askSync(async () => await syncClient.setEnabled(enabled));
              },
              onSyncNow: () => {
                const syncClient = client.sync;
                if (syncClient !== undefined) askSync(async () => await syncClient.syncNow());
              },
            }
      }
    />
  );
}

function entryKey(entry: WatchEntry): string {
  return `${entry.kind}:${entry.value.toLowerCase()}`;
}
