import { formatDay } from '@/lib/feed-day';
import type { ListedPaper } from '@/lib/paper-view';
import type { Segment } from '@/lib/search';
import { PaperCard } from './PaperCard';
import { savingProps, type PopupSaving } from './Saving';

/** One paper found: the paper as the list shows it (its feed day included), the words that matched. */
export interface SearchResult {
  item: ListedPaper;
  terms: string[];
}

/** Where the search stands: the index loading, ready, or failed to load. */
export type SearchState = 'loading' | 'ready' | 'failed';

export interface SearchResultsProps {
  query: string;
  state: SearchState;
  /** The results shown, best first. */
  results: SearchResult[];
  /** How many papers match in all (more than `results` when the list is capped). */
  total: number;
  today: string;
  endpoint: string;
  onOpenPaper: (id: string) => void;
  onSetUnread: (id: string, unread: boolean) => void;
  saving?: PopupSaving;
  /**
   * lib/search.ts `highlight`, handed in with the results: it comes with the lazily loaded
   * search code, so the popup's first screen does not load it.
   */
  highlight: Highlighter;
}

/** Splits text into runs, marking the matched words. */
export type Highlighter = (text: string, terms: readonly string[]) => Segment[];

/** Results across days, best first, with the matched words marked. All text is rendered as text. */
export function SearchResults(props: SearchResultsProps) {
  const { query, state, results, total, today, highlight } = props;
  const quoted = `“${query.trim()}”`;
  const status =
    state === 'loading'
      ? 'Preparing search…'
      : state === 'failed'
        ? 'Search is not available right now; the list is still there when you clear the box.'
        : total === 0
          ? `No papers match ${quoted}`
          : `${total === 1 ? '1 paper matches' : `${total} papers match`} ${quoted}` +
            (total > results.length ? ` (the best ${results.length} shown)` : '');
  return (
    <main class="popup-main search-results">
      <p class="search-status" role="status" aria-busy={state === 'loading'}>
        {status}
      </p>
      {state === 'ready' && results.length > 0 && (
        <ol class="paper-list" aria-label="Search results">
          {results.map(({ item, terms }) => (
            <li key={item.paper.id}>
              {/* The list's card (same controls, same keys), with its feed day and the matched words marked. */}
              <PaperCard
                item={item}
                endpoint={props.endpoint}
                onOpen={props.onOpenPaper}
                onSetUnread={props.onSetUnread}
                {...savingProps(props.saving, item.paper.id)}
                dayLabel={formatDay(item.paper.feedDay, today)}
                highlight={(text) => highlight(text, terms)}
              />
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
