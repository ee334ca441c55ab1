import { useId } from 'preact/hooks';
import { formatDay } from '@/lib/feed-day';
import { authorsLine, formatCount, paperLinks, paperPageUrl, type ListedPaper } from '@/lib/paper-view';
import type { Segment } from '@/lib/search';
import { savingProps, type PopupSaving } from './Saving';

/** One paper found: the paper as the list shows it, the feed day it was listed on, the words that matched. */
export interface SearchResult {
  item: ListedPaper;
  feedDay: string;
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
  const { query, state, results, total } = props;
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
          {results.map((result) => (
            <li key={result.item.paper.id}>
              <SearchResultCard result={result} {...props} />
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

/** Text with the matched words in `<mark>`: segments become text nodes, never HTML. */
export function Highlighted({
  text,
  terms,
  highlight,
}: {
  text: string;
  terms: readonly string[];
  highlight: Highlighter;
}) {
  return (
    <>
      {highlight(text, terms).map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
      )}
    </>
  );
}

type CardProps = Pick<
  SearchResultsProps,
  'today' | 'endpoint' | 'onOpenPaper' | 'onSetUnread' | 'saving' | 'highlight'
> & {
  result: SearchResult;
};

/** A found paper, like a card of the list (same controls, same keys) plus its feed day and highlights. */
function SearchResultCard({ result, today, endpoint, onOpenPaper, onSetUnread, saving, highlight }: CardProps) {
  const { item, terms } = result;
  const { paper, unread } = item;
  const titleId = useId();
  const feedDay = result.feedDay === '' ? paper.feedDay : result.feedDay;
  const save = savingProps(saving, paper.id);
  const links = paperLinks(paper, endpoint).filter((link) => link.kind !== 'hf');
  const open = (): void => onOpenPaper(paper.id);
  const inAbstract = highlight(paper.abstract, terms).some((segment) => segment.match);
  return (
    <article class="paper" data-paper-id={paper.id} data-unread={String(unread)} aria-labelledby={titleId}>
      <div class="paper-head">
        <h2 class="paper-title" id={titleId}>
          {unread && <span class="unread-dot" title="Unread" aria-label="Unread" role="img" />}
          <a href={paperPageUrl(endpoint, paper.id)} target="_blank" rel="noopener noreferrer" onClick={open}>
            <Highlighted text={paper.title} terms={terms} highlight={highlight} />
          </a>
        </h2>
        <button
          type="button"
          class="icon-button read-toggle"
          aria-describedby={titleId}
          title={unread ? 'Mark as read' : 'Mark as unread'}
          onClick={() => onSetUnread(paper.id, !unread)}
        >
          <span class="visually-hidden">{unread ? 'Mark as read' : 'Mark as unread'}</span>
          <span aria-hidden="true">{unread ? '✓' : '↺'}</span>
        </button>
        {save.saved !== undefined && save.onToggleSave !== undefined && (
          <button
            type="button"
            class="icon-button save-toggle"
            aria-describedby={titleId}
            title={save.saved.saved ? 'Saved for offline — click to remove' : 'Save for offline'}
            onClick={() => save.onToggleSave?.(paper.id)}
          >
            <span class="visually-hidden">{save.saved.saved ? 'Saved — remove' : 'Save for offline'}</span>
            <span aria-hidden="true">{save.saved.saved ? '★' : '☆'}</span>
          </button>
        )}
      </div>
      {(paper.authors.length > 0 || paper.organization !== null) && (
        <p class="paper-byline">
          <Highlighted text={bylineAuthors(paper.authors, terms, highlight)} terms={terms} highlight={highlight} />
          {paper.organization !== null && (
            <>
              {paper.authors.length > 0 && ' · '}
              <span class="paper-org">
                <Highlighted text={paper.organization} terms={terms} highlight={highlight} />
              </span>
            </>
          )}
        </p>
      )}
      <p class="paper-meta">
        <span class="result-day">
          Listed <time dateTime={feedDay}>{formatDay(feedDay, today)}</time>
        </span>
        <span title={`${paper.upvotes} upvotes`}>
          <span aria-hidden="true">▲ </span>
          {formatCount(paper.upvotes)}
          <span class="visually-hidden"> upvotes</span>
        </span>
        {save.saved?.saved === true && <span>Saved</span>}
      </p>
      {paper.abstract !== '' && (
        <details class="paper-abstract">
          <summary>{inAbstract ? 'Abstract (matches)' : 'Abstract'}</summary>
          {paper.abstract.split('\n\n').map((paragraph, index) => (
            <p key={index}>
              <Highlighted text={paragraph} terms={terms} highlight={highlight} />
            </p>
          ))}
        </details>
      )}
      {paper.aiKeywords.length > 0 && (
        <ul class="paper-keywords" aria-label="Keywords">
          {paper.aiKeywords.slice(0, 6).map((keyword) => (
            <li key={keyword}>
              <Highlighted text={keyword} terms={terms} highlight={highlight} />
            </li>
          ))}
        </ul>
      )}
      <ul class="paper-links" aria-label="Links">
        {links.map((link) => (
          <li key={link.kind}>
            <a href={link.href} target="_blank" rel="noopener noreferrer" onClick={open}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </article>
  );
}

/**
 * The byline's authors: the first few, as the list shows them, unless the match is an author
 * further down, who is then named too ("Ada Lovelace, Alan Turing … Grace Hopper +4").
 */
function bylineAuthors(authors: string[], terms: readonly string[], highlight: Highlighter): string {
  const shown = authorsLine(authors);
  const matching = authors.find((author) => highlight(author, terms).some((segment) => segment.match));
  if (matching === undefined || authors.slice(0, 3).includes(matching) || authors.length <= 4) return shown;
  return `${authors.slice(0, 3).join(', ')} … ${matching} +${authors.length - 4}`;
}
