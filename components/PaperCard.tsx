import { useId } from 'preact/hooks';
import { authorsLine, formatCount, paperLinks, paperPageUrl, type ListedPaper } from '@/lib/paper-view';
import type { PdfState } from '@/lib/types';

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
}: PaperCardProps) {
  const { paper, unread, matched } = item;
  const titleId = useId();
  const links = paperLinks(paper, endpoint).filter((link) => link.kind !== 'hf');
  const open = (): void => onOpen(paper.id);
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
            {paper.title}
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
          {authorsLine(paper.authors)}
          {paper.organization !== null && (
            <>
              {paper.authors.length > 0 && ' · '}
              <span class="paper-org">{paper.organization}</span>
            </>
          )}
        </p>
      )}
      <p class="paper-meta">
        {dayLabel !== undefined && (
          <span class="paper-day">
            <span class="visually-hidden">Listed on </span>
            {dayLabel}
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
          <summary>Abstract</summary>
          {paper.abstract.split('\n\n').map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </details>
      )}
      {paper.aiKeywords.length > 0 && (
        <ul class="paper-keywords" aria-label="Keywords">
          {paper.aiKeywords.slice(0, 6).map((keyword) => (
            <li key={keyword}>{keyword}</li>
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
