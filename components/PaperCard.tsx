import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { authorsLine, formatCount, paperLinks, paperPageUrl, type ListedPaper } from '@/lib/paper-view';
import type { Segment } from '@/lib/search';
import type { PdfState } from '@/lib/types';

/** Splits a text into runs, marking the words a search matched (lib/search.ts `highlight`, terms bound). */
export type MarkWords = (text: string) => Segment[];

export interface PaperCardProps {
  item: ListedPaper;
  endpoint: string;
  /** The user opened the paper (its title or any of its links). */
  onOpen: (id: string) => void;
  onSetUnread: (id: string, unread: boolean) => void;
  /**
   * Saved for offline reading: whether it is, where its PDF stands, and the download's progress
   * (0–100, or null when the size is unknown). Without it (and `onToggleSave`) there is no save control.
   */
  saved?: { saved: boolean; pdf: PdfState; progress?: number | null };
  /** Saves the paper, or removes a saved one. */
  onToggleSave?: (id: string) => void;
  /** The reader page of the stored PDF, shown once the PDF is stored. */
  pdfUrl?: string;
  /** The paper's feed day, shown in lists that span days (week and month views): "Monday, Nov 23". */
  dayLabel?: string;
  /**
   * Search results: marks the matched words of the title, byline, abstract and keywords (as
   * `<mark>` text, never HTML), names a matching author further down the byline, and says when the
   * abstract matches. Without it every text is plain.
   */
  highlight?: MarkWords;
}

/** One paper in the list. All API text is rendered as text, never as HTML. */
export function PaperCard({
  item,
  endpoint,
  onOpen,
  onSetUnread,
  saved,
  onToggleSave,
  pdfUrl,
  dayLabel,
  highlight,
}: PaperCardProps) {
  const { paper, unread, matched } = item;
  const titleId = useId();
  const links = paperLinks(paper, endpoint).filter((link) => link.kind !== 'hf');
  const open = (): void => onOpen(paper.id);
  const text = (value: string): ComponentChildren =>
    highlight === undefined ? value : <Marked text={value} highlight={highlight} />;
  return (
    <article
      class="paper"
      data-paper-id={paper.id}
      data-unread={String(unread)}
      data-watchlist={matched.length > 0 ? 'true' : undefined}
      aria-labelledby={titleId}
    >
      <div class="paper-head">
        <h2 class="paper-title" id={titleId}>
          {unread && <span class="unread-dot" title="Unread" aria-label="Unread" role="img" />}
          <a href={paperPageUrl(endpoint, paper.id)} target="_blank" rel="noopener noreferrer" onClick={open}>
            {text(paper.title)}
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
        {saved !== undefined && onToggleSave !== undefined && (
          <button
            type="button"
            class="icon-button save-toggle"
            aria-describedby={titleId}
            title={saved.saved ? 'Saved for offline — click to remove' : 'Save for offline'}
            onClick={() => onToggleSave(paper.id)}
          >
            <span class="visually-hidden">{saved.saved ? 'Saved — remove' : 'Save for offline'}</span>
            <span aria-hidden="true">{saved.saved ? '★' : '☆'}</span>
          </button>
        )}
      </div>
      {matched.length > 0 && (
        <p class="paper-watch">
          <span aria-hidden="true">★ </span>Watchlist: {matched.map((entry) => entry.value).join(', ')}
        </p>
      )}
      {(paper.authors.length > 0 || paper.organization !== null) && (
        <p class="paper-byline">
          {text(bylineAuthors(paper.authors, highlight))}
          {paper.organization !== null && (
            <>
              {paper.authors.length > 0 && ' · '}
              <span class="paper-org">{text(paper.organization)}</span>
            </>
          )}
        </p>
      )}
      <p class="paper-meta">
        {dayLabel !== undefined && (
          <span class="paper-day">
            <span class="visually-hidden">Listed on </span>
            <time dateTime={paper.feedDay === '' ? undefined : paper.feedDay}>{dayLabel}</time>
          </span>
        )}
        <span title={`${paper.upvotes} upvotes`}>
          <span aria-hidden="true">▲ </span>
          {formatCount(paper.upvotes)}
          <span class="visually-hidden"> upvotes</span>
        </span>
        <a
          href={`${paperPageUrl(endpoint, paper.id)}#community`}
          target="_blank"
          rel="noopener noreferrer"
          onClick={open}
        >
          {paper.numComments === 0
            ? 'Discuss'
            : paper.numComments === 1
              ? '1 comment'
              : `${formatCount(paper.numComments)} comments`}
        </a>
      </p>
      {saved?.saved === true && <SavedLine pdf={saved.pdf} progress={saved.progress ?? null} pdfUrl={pdfUrl} />}
      {paper.aiSummary !== null && <p class="paper-summary">{paper.aiSummary}</p>}
      {paper.abstract !== '' && (
        <details class="paper-abstract">
          <summary>
            {highlight !== undefined && hasMatch(paper.abstract, highlight) ? 'Abstract (matches)' : 'Abstract'}
          </summary>
          {paper.abstract.split('\n\n').map((paragraph, index) => (
            <p key={index}>{text(paragraph)}</p>
          ))}
        </details>
      )}
      {paper.aiKeywords.length > 0 && (
        <ul class="paper-keywords" aria-label="Keywords">
          {paper.aiKeywords.slice(0, 6).map((keyword) => (
            <li key={keyword}>{text(keyword)}</li>
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

/** Text with the matched words in `<mark>`: the runs become text nodes, never HTML. */
function Marked({ text, highlight }: { text: string; highlight: MarkWords }) {
  return (
    <>
      {highlight(text).map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
      )}
    </>
  );
}

function hasMatch(text: string, highlight: MarkWords): boolean {
  return highlight(text).some((segment) => segment.match);
}

/**
 * The byline's authors: the first few, as the list shows them, unless a search matched an author
 * further down, who is then named too ("Ada Lovelace, Alan Turing … Grace Hopper +4").
 */
function bylineAuthors(authors: string[], highlight: MarkWords | undefined): string {
  const shown = authorsLine(authors);
  if (highlight === undefined) return shown;
  const matching = authors.find((author) => hasMatch(author, highlight));
  if (matching === undefined || authors.slice(0, 3).includes(matching) || authors.length <= 4) return shown;
  return `${authors.slice(0, 3).join(', ')} … ${matching} +${authors.length - 4}`;
}

/** Where a saved paper stands: its PDF on its way (with progress), stored (with a link), or why not. */
function SavedLine({ pdf, progress, pdfUrl }: { pdf: PdfState; progress: number | null; pdfUrl?: string }) {
  return (
    <p class="paper-meta paper-saved">
      {pdf === 'downloading' && (
        <>
          <span>Saving the PDF…{progress === null ? '' : ` ${progress}%`}</span>
          <progress aria-label="Saving the PDF" max={100} value={progress ?? undefined} />
        </>
      )}
      {pdf === 'stored' && (
        <>
          <span>Saved offline</span>
          {pdfUrl !== undefined && (
            <a href={pdfUrl} target="_blank" rel="noopener">
              Open PDF
            </a>
          )}
        </>
      )}
      {pdf === 'skipped' && <span>Saved (abstract only)</span>}
      {pdf === 'failed' && <span>Saved; the PDF could not be stored (see the library)</span>}
      {pdf === 'none' && <span>Saved; the PDF is not on this device</span>}
    </p>
  );
}
