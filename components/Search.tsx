import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PopupClient } from '@/lib/clients/popup-client';
import type { Activity } from '@/lib/messages';
import type { Paper, PaperState } from '@/lib/types';
import { markedLocally } from '@/lib/unread';
import type { PopupSaving } from './Saving';
import { SearchResults, type SearchResult, type SearchState } from './SearchResults';

/** Results drawn at most; the count says how many match in all. */
export const SHOWN_RESULTS = 50;

/** What search needs of the extension. */
export type SearchClient = Pick<PopupClient, 'search' | 'readPapersById' | 'send' | 'subscribe'>;

export interface UseSearchOptions {
  client: SearchClient;
  /** The text in the search box (the page keeps it: the box is drawn before this code loads). */
  query: string;
  /** Takes the activity the worker answers a read-state change with. */
  onActivity: (activity: Activity) => void;
}

/** A page's search: the index's state, the results and their read states. */
export interface SearchController {
  /** True while a query is typed: the results replace the list. */
  isActive: boolean;
  state: SearchState;
  results: SearchResult[];
  /** How many papers match in all. */
  total: number;
  /** The ids of the results shown (their saved state is read with the list's). */
  ids: readonly string[];
  setUnread: (id: string, unread: boolean) => void;
  /** Marks the matched words (comes with the search code, loaded on first use). */
  highlight: PopupClient['search']['highlight'];
}

/**
 * Search over every cached paper: the index loads on first use only (the list never waits for
 * it), each keystroke searches synchronously, the papers found are read from IndexedDB, and
 * the index and the states catch up whenever the worker says the cache changed.
 */
export function useSearch({ client, query, onActivity }: UseSearchOptions): SearchController {
  const [state, setState] = useState<SearchState | 'idle'>('idle');
  /** Bumped when the index caught up with the cache: the same query is searched again. */
  const [indexVersion, setIndexVersion] = useState(0);
  /** Bumped on each change broadcast: the papers' states are read again. */
  const [cacheVersion, setCacheVersion] = useState(0);
  const [papers, setPapers] = useState<ReadonlyMap<string, Paper>>(new Map());
  const [states, setStates] = useState<ReadonlyMap<string, PaperState>>(new Map());
  const isStarted = useRef(false);

  // The index starts loading as soon as this code is in (the box's first focus or keystroke);
  // after a failure, the next keystroke tries again.
  useEffect(() => {
    if (isStarted.current) return;
    isStarted.current = true;
    setState('loading');
    client.search.ready().then(
      () => setState('ready'),
      (error: unknown) => {
        console.error('[paperboy] the search index could not be loaded', error);
        isStarted.current = false;
        setState('failed');
      },
    );
  }, [client, query]);

  useEffect(
    () =>
      client.subscribe(() => {
        setCacheVersion((version) => version + 1);
        if (!client.search.isReady) return;
        client.search.sync().then(
          () => setIndexVersion((version) => version + 1),
          (error: unknown) => console.error('[paperboy] the search index could not catch up', error),
        );
      }),
    [client],
  );

  const isActive = query.trim() !== '';
  const hits = useMemo(
    () => (state === 'ready' && isActive ? client.search.search(query) : []),
    // indexVersion: the same query finds more once the index caught up.
    [client, query, isActive, state, indexVersion],
  );
  const shown = useMemo(() => hits.slice(0, SHOWN_RESULTS), [hits]);
  const key = shown.map((hit) => hit.id).join(' ');

  const readSeq = useRef(0);
  useEffect(() => {
    if (key === '') return;
    const seq = ++readSeq.current;
    void client.readPapersById(key.split(' ')).then((view) => {
      if (seq !== readSeq.current) return;
      // Kept across queries: a result already read shows at once while the next read runs.
      setPapers((current) => new Map([...current, ...view.papers.map((paper) => [paper.id, paper] as const)]));
      setStates((current) => new Map([...current, ...view.states]));
    });
  }, [client, key, cacheVersion]);

  const results = useMemo(
    () =>
      shown.flatMap((hit): SearchResult[] => {
        const paper = papers.get(hit.id);
        if (paper === undefined) return [];
        const item = { paper, unread: states.get(hit.id)?.unread === 1, matched: [] };
        return [{ item, terms: hit.terms }];
      }),
    [shown, papers, states],
  );

  const onActivityRef = useRef(onActivity);
  onActivityRef.current = onActivity;
  const setUnread = useCallback(
    (id: string, unread: boolean): void => {
      // Optimistic, like the list; the next broadcast reads the states again.
      setStates((current) => markedLocally(current, [id], unread));
      // The creating variant: a paper of an archived month may have no read state yet.
      void client.send({ type: 'set-trending-unread', ids: [id], unread }).then((answer) => {
        if (answer.ok) onActivityRef.current(answer.activity);
      });
    },
    [client],
  );

  return {
    isActive,
    state: state === 'idle' ? 'loading' : state,
    results,
    total: hits.length,
    ids: useMemo(() => (key === '' ? [] : key.split(' ')), [key]),
    setUnread,
    highlight: client.search.highlight,
  };
}

export interface SearchPanelProps {
  client: SearchClient;
  query: string;
  onActivity: (activity: Activity) => void;
  /** The ids of the results shown, whenever they change (the page reads their saved marks). */
  onIds: (ids: readonly string[]) => void;
  today: string;
  endpoint: string;
  /** Opening an unread result marks it read (the "mark read on open" setting). */
  markReadOnOpen: boolean;
  saving?: PopupSaving;
}

/**
 * The search results that replace the list while a query is typed; nothing otherwise. The
 * popup loads this code (components/Lazy.tsx) on the box's first focus, not before.
 */
export function SearchPanel({
  client,
  query,
  onActivity,
  onIds,
  today,
  endpoint,
  markReadOnOpen,
  saving,
}: SearchPanelProps) {
  const search = useSearch({ client, query, onActivity });
  useEffect(() => onIds(search.ids), [search.ids, onIds]);
  if (!search.isActive) return null;
  return (
    <div class="popup">
      <SearchResults
        query={query}
        state={search.state}
        results={search.results}
        total={search.total}
        today={today}
        endpoint={endpoint}
        onOpenPaper={(id) => {
          const found = search.results.find((result) => result.item.paper.id === id);
          if (markReadOnOpen && found?.item.unread === true) search.setUnread(id, false);
        }}
        onSetUnread={search.setUnread}
        saving={saving}
        highlight={search.highlight}
      />
    </div>
  );
}
