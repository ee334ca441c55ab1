import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PopupClient } from '@/lib/clients/popup-client';
import { digestTitle, periodDays, topPapers, type DigestPeriod } from '@/lib/digest';
import { feedDayAt } from '@/lib/feed-day';
import type { Activity } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { listTrending } from '@/lib/trending';
import { DigestView } from './DigestView';
import { useSaving } from './Saving';
import type { PapersView } from '@/lib/store/feed';

/** What the digest page needs of the extension: the cache, the worker, the settings. */
export type DigestClient = Pick<
  PopupClient,
  'readPapersOfDays' | 'send' | 'subscribe' | 'getSettings' | 'watchSettings' | 'readSaved' | 'readerUrl'
>;

export interface DigestAppProps {
  client: DigestClient;
  period: DigestPeriod;
  /** The endpoint the extension was built with (a mirror in the settings wins). */
  endpoint: string;
  clock?: () => number;
}

/**
 * The digest page's state: reads the period's papers from IndexedDB (so it works offline),
 * keeps the top N by upvotes, follows the worker's changes, and marks papers read or unread
 * only when the user asks (or opens one, when the settings say opening marks read).
 */
export function DigestApp({ client, period, endpoint, clock = Date.now }: DigestAppProps) {
  const [view, setView] = useState<PapersView | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loading, setLoading] = useState(false);
  const [activity, setActivity] = useState<Activity | null>(null);
  const openedAt = useRef(clock());
  const today = feedDayAt(clock());
  const readSeq = useRef(0);
  const { from, to } = periodDays(period);

  const reload = useCallback(async (): Promise<PapersView> => {
    const seq = ++readSeq.current;
    const next = await client.readPapersOfDays(from, to);
    if (seq === readSeq.current) setView(next);
    return next;
  }, [client, from, to]);

  useEffect(() => {
    void client.getSettings().then(setSettings);
    return client.watchSettings(setSettings);
  }, [client]);

  useEffect(() => {
    void reload().then(async (first) => {
      // A day that was never fetched (a link kept from long ago): ask the worker for it once.
      if (first.papers.length > 0 || period.kind !== 'day') return;
      setLoading(true);
      await client.send({ type: 'load-day', day: period.day });
      setLoading(false);
      await reload();
    });
    return client.subscribe((next) => {
      setActivity(next);
      void reload();
    });
  }, [client, reload, period]);

  const papers = useMemo(() => {
    if (view === null) return null;
    const top = topPapers(view.papers, period, settings.digest.topCount);
    return listTrending(top, view.states);
  }, [view, period, settings.digest.topCount]);

  const saving = useSaving({
    client,
    ids: useMemo(() => (papers ?? []).map((item) => item.paper.id), [papers]),
    activity,
    onActivity: setActivity,
    reload: () => void reload(),
    since: openedAt.current,
  });

  const setUnread = useCallback(
    (ids: string[], unread: boolean): void => {
      setView((current) => {
        if (current === null) return current;
        const states = new Map(current.states);
        for (const id of ids) {
          const state = states.get(id) ?? { id, firstSeenAt: clock(), unread: 0, changedAt: clock() };
          states.set(id, { ...state, unread: unread ? 1 : 0 });
        }
        return { ...current, states };
      });
      // A paper of the week's list may never have been in the feed: it gets a state then.
      void client.send({ type: 'set-trending-unread', ids, unread });
    },
    [client, clock],
  );

  return (
    <DigestView
      period={period}
      title={digestTitle(period, papers?.length || settings.digest.topCount, today)}
      today={today}
      papers={papers}
      loading={loading}
      endpoint={settings.endpoint ?? endpoint}
      onOpenPaper={(id) => {
        if (settings.markReadOn !== 'open') return;
        if (papers?.find((item) => item.paper.id === id)?.unread === true) setUnread([id], false);
      }}
      onSetUnread={(id, unread) => setUnread([id], unread)}
      saving={saving}
    />
  );
}
