import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ExportFormat, ExportFormatInfo } from '@/lib/export';
import { describePdfState, LIBRARY_SORTS, type LibraryQuery, type LibrarySort } from '@/lib/library-view';
import { authorsLine, paperPageUrl } from '@/lib/paper-view';
import { formatBytes, percent } from '@/lib/units';
import { isPlaceholderPaper, isSavedElsewhere } from '@/lib/sync-model';
import type { SavedPaper } from '@/lib/types';

/** A download under way: bytes received and expected (null when not announced). */
export type PdfProgress = { received: number; total: number | null };

/** A message for the user: a success (status) or a problem (alert). */
export interface LibraryMessage {
  kind: 'ok' | 'error';
  text: string;
}

export interface LibraryViewProps {
  /** The papers to show (filtered and sorted), or null while the library loads. */
  papers: SavedPaper[] | null;
  /** How many papers the library holds in all. */
  total: number;
  query: LibraryQuery;
  onQuery: (change: Partial<LibraryQuery>) => void;
  /** Every tag, with how many papers carry it. */
  tags: { tag: string; count: number }[];
  selected: ReadonlySet<string>;
  onSelect: (id: string, selected: boolean) => void;
  /** Select every paper shown (true) or none (false). */
  onSelectAll: (selected: boolean) => void;
  /** Downloads under way, by paper id. */
  progress: Record<string, PdfProgress>;
  /** Ids whose record says "stored" but whose PDF is not there. */
  missingPdfs: ReadonlySet<string>;
  endpoint: string;
  readerUrl: (id: string) => string;
  onRemove: (id: string) => void;
  /** The paper just removed, for "Undo"; null when there is none. */
  removed: SavedPaper | null;
  onUndo: () => void;
  onFetchPdf: (id: string) => void;
  onSaveTags: (id: string, text: string) => void;
  onSaveNote: (id: string, text: string) => void;
  formats: readonly ExportFormatInfo[];
  onExport: (format: ExportFormat, scope: 'selected' | 'all') => void;
  onBackup: () => void;
  onRestore: (file: File) => void;
  restoring: boolean;
  /** The outcome of the last restore, export or backup. */
  message: LibraryMessage | null;
  /** Why the last save failed, or null. */
  failure: string | null;
  /** Space used by the extension (and the quota), or null while unknown. */
  storage: { usage: number; quota: number | null } | null;
  now: number;
}

/** The library page: every saved paper, with search, tags, notes, sort, export and backup. */
export function LibraryView(props: LibraryViewProps) {
  const { papers, query } = props;
  const [format, setFormat] = useState<ExportFormat>(props.formats[0]?.format ?? 'bibtex');
  const shownIds = papers?.map((record) => record.id) ?? [];
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => props.selected.has(id));
  return (
    <div class="library">
      <header class="library-header">
        <div class="library-title">
          <h1>Library</h1>
          <p class="hint">
            {props.total === 1 ? '1 saved paper' : `${props.total} saved papers`}
            {props.storage !== null && (
              <>
                {' · '}
                {formatBytes(props.storage.usage)} used on this device
              </>
            )}
          </p>
        </div>
        <div class="library-tools" role="search">
          <div class="field">
            <label for="library-search">Search saved papers</label>
            <input
              id="library-search"
              type="search"
              value={query.text}
              placeholder="Title, author, tag, note…"
              onInput={(event) => props.onQuery({ text: event.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="library-tag">Tag</label>
            <select
              id="library-tag"
              value={query.tag ?? ''}
              onChange={(event) => props.onQuery({ tag: event.currentTarget.value || null })}
            >
              <option value="">All tags</option>
              {props.tags.map(({ tag, count }) => (
                <option key={tag} value={tag}>
                  {tag} ({count})
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="library-sort">Sort</label>
            <select
              id="library-sort"
              value={query.sort}
              onChange={(event) => props.onQuery({ sort: event.currentTarget.value as LibrarySort })}
            >
              {LIBRARY_SORTS.map((sort) => (
                <option key={sort.value} value={sort.value}>
                  {sort.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </header>

      <section class="library-actions" aria-label="Export and backup">
        <div class="action-group">
          <label for="library-format">Export as</label>
          <select
            id="library-format"
            value={format}
            onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}
          >
            {props.formats.map((info) => (
              <option key={info.format} value={info.format}>
                {info.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="button"
            disabled={props.selected.size === 0}
            onClick={() => props.onExport(format, 'selected')}
          >
            Export selected ({props.selected.size})
          </button>
          <button
            type="button"
            class="button"
            disabled={props.total === 0}
            onClick={() => props.onExport(format, 'all')}
          >
            Export all
          </button>
        </div>
        <div class="action-group">
          <button type="button" class="button" onClick={props.onBackup}>
            Download backup
          </button>
          <RestoreButton onRestore={props.onRestore} busy={props.restoring} />
        </div>
      </section>

      {props.message !== null && (
        <p
          class={`banner ${props.message.kind === 'error' ? 'banner-error' : 'banner-note'}`}
          role={props.message.kind === 'error' ? 'alert' : 'status'}
        >
          {props.message.text}
        </p>
      )}
      {props.failure !== null && (
        <p class="banner banner-error" role="alert">
          {props.failure}
        </p>
      )}
      {props.removed !== null && (
        <p class="banner banner-note undo-banner" role="status">
          Removed “{props.removed.paper.title}”.{' '}
          <button type="button" class="link-button" onClick={props.onUndo}>
            Undo
          </button>
        </p>
      )}

      <main class="library-main">
        {papers === null ? (
          <p class="empty" aria-busy="true">
            Loading your library…
          </p>
        ) : props.total === 0 ? (
          <div class="empty">
            <p>Nothing saved yet.</p>
            <p>
              Use “Save for offline” on a paper in the Paperboy popup, or “Save to Paperboy” in the context menu of a
              paper’s page on Hugging Face or arXiv.
            </p>
          </div>
        ) : papers.length === 0 ? (
          <p class="empty">No saved paper matches this search.</p>
        ) : (
          <>
            <div class="select-all check-field">
              <input
                id="library-select-all"
                type="checkbox"
                checked={allShownSelected}
                onChange={(event) => props.onSelectAll(event.currentTarget.checked)}
              />
              <label for="library-select-all">Select all shown ({papers.length})</label>
            </div>
            <ol class="library-list" aria-label="Saved papers">
              {papers.map((record) => (
                <li key={record.id}>
                  <SavedItem
                    record={record}
                    selected={props.selected.has(record.id)}
                    progress={props.progress[record.id]}
                    isMissing={props.missingPdfs.has(record.id)}
                    view={props}
                  />
                </li>
              ))}
            </ol>
          </>
        )}
      </main>
    </div>
  );
}

/** A file picker behind a button: choosing a file starts the restore. */
function RestoreButton({ onRestore, busy }: { onRestore: (file: File) => void; busy: boolean }) {
  const inputId = useId();
  return (
    <span class="restore">
      <label for={inputId} class="button" aria-disabled={busy}>
        {busy ? 'Restoring…' : 'Restore from a backup file'}
      </label>
      <input
        id={inputId}
        class="visually-hidden"
        type="file"
        accept=".json,application/json"
        disabled={busy}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = ''; // the same file can be chosen again
          if (file !== undefined) onRestore(file);
        }}
      />
    </span>
  );
}

interface SavedItemProps {
  record: SavedPaper;
  selected: boolean;
  progress: PdfProgress | undefined;
  isMissing: boolean;
  view: LibraryViewProps;
}

function SavedItem({ record, selected, progress, isMissing, view: props }: SavedItemProps) {
  const { paper } = record;
  const titleId = useId();
  const pdf = isMissing ? { state: 'none' as const, updatedAt: record.pdf.updatedAt } : record.pdf;
  const isStored = pdf.state === 'stored';
  // Saved on another browser (sync): the PDF was never here, and the details may still be on their way.
  const isFromElsewhere = !isMissing && isSavedElsewhere(record);
  return (
    <article class="saved" data-paper-id={record.id} data-pdf={pdf.state} aria-labelledby={titleId}>
      <div class="saved-head">
        <input
          type="checkbox"
          class="saved-select"
          checked={selected}
          aria-label={`Select “${paper.title}”`}
          onChange={(event) => props.onSelect(record.id, event.currentTarget.checked)}
        />
        <h2 class="paper-title" id={titleId}>
          <a href={paperPageUrl(props.endpoint, paper.id)} target="_blank" rel="noopener noreferrer">
            {paper.title}
          </a>
        </h2>
        <button type="button" class="button" aria-describedby={titleId} onClick={() => props.onRemove(record.id)}>
          Remove
        </button>
      </div>
      <p class="paper-byline">
        {paper.authors.length > 0 && <>{authorsLine(paper.authors)} · </>}
        arXiv {paper.id} · saved {new Date(record.savedAt).toLocaleDateString('en', { dateStyle: 'medium' })}
      </p>
      <div class="saved-pdf">
        <span class="pdf-state">
          {isMissing
            ? 'The PDF is missing from this device'
            : isFromElsewhere
              ? 'Saved on another browser: PDF not on this device'
              : describePdfState(pdf, progress)}
        </span>
        {pdf.state === 'downloading' && (
          <progress
            aria-label="PDF download"
            max={progress?.total ?? undefined}
            value={progress?.total == null ? undefined : progress.received}
          >
            {progress?.total == null ? '' : `${percent(progress.received, progress.total)}%`}
          </progress>
        )}
        {isStored && (
          <a class="button" href={props.readerUrl(record.id)} target="_blank" rel="noopener" aria-describedby={titleId}>
            Open PDF
          </a>
        )}
        {(pdf.state === 'failed' || pdf.state === 'none') && (
          <button type="button" class="button" aria-describedby={titleId} onClick={() => props.onFetchPdf(record.id)}>
            {pdf.state === 'failed' ? 'Try again' : isFromElsewhere ? 'Fetch PDF' : 'Fetch again'}
          </button>
        )}
        {pdf.state === 'skipped' && (
          <button type="button" class="button" aria-describedby={titleId} onClick={() => props.onFetchPdf(record.id)}>
            Fetch the PDF
          </button>
        )}
      </div>
      {isPlaceholderPaper(paper) && <p class="hint">Details will load when online.</p>}
      {paper.aiSummary !== null && <p class="paper-summary">{paper.aiSummary}</p>}
      {paper.abstract !== '' && (
        <details class="paper-abstract">
          <summary>Abstract</summary>
          {paper.abstract.split('\n\n').map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </details>
      )}
      <div class="saved-notes">
        <DraftField
          label="Tags"
          hint="comma-separated"
          value={record.tags.join(', ')}
          describedBy={titleId}
          onCommit={(text) => props.onSaveTags(record.id, text)}
        />
        <DraftField
          label="Note"
          multiline
          value={record.note}
          describedBy={titleId}
          onCommit={(text) => props.onSaveNote(record.id, text)}
        />
      </div>
    </article>
  );
}

/**
 * A text field saved when the user leaves it (or presses Enter in a one-line field). What the
 * user is typing is never overwritten by a redraw; a change made elsewhere shows once they leave.
 */
function DraftField(props: {
  label: string;
  hint?: string;
  value: string;
  multiline?: boolean;
  describedBy: string;
  onCommit: (text: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  const isEditing = useRef(false);
  useEffect(() => {
    if (!isEditing.current) setDraft(props.value);
  }, [props.value]);
  const commit = (): void => {
    isEditing.current = false;
    if (draft !== props.value) props.onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    'aria-describedby': props.describedBy,
    onFocus: () => {
      isEditing.current = true;
    },
    onBlur: commit,
  };
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.hint !== undefined && <span class="hint"> ({props.hint})</span>}
      </label>
      {props.multiline === true ? (
        <textarea {...common} rows={2} onInput={(event) => setDraft(event.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type="text"
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />
      )}
    </div>
  );
}

export interface ReaderViewProps {
  /** The paper's title, when it is in the library. */
  title: string | null;
  /** The stored PDF as an object URL, or null when it is not stored. */
  pdfUrl: string | null;
  /** Still reading IndexedDB. */
  loading: boolean;
  /** The paper is not in the library at all. */
  notSaved: boolean;
  /** A download under way (after "Fetch again"). */
  progress: PdfProgress | null;
  /** Why the last download failed, or null. */
  failure: string | null;
  fileName: string;
  libraryUrl: string;
  onFetchAgain: () => void;
}

/** The reader: the stored PDF in the browser's PDF viewer, or why it is not here, with "Fetch again". */
export function ReaderView(props: ReaderViewProps) {
  if (props.loading)
    return (
      <p class="empty" aria-busy="true">
        Opening the PDF…
      </p>
    );
  if (props.pdfUrl !== null) {
    return (
      <div class="reader">
        <header class="reader-bar">
          <h1>{props.title ?? 'PDF'}</h1>
          <a class="button" href={props.pdfUrl} download={props.fileName}>
            Download
          </a>
          <a class="button" href={props.libraryUrl}>
            Library
          </a>
        </header>
        <iframe class="reader-frame" src={props.pdfUrl} title={`PDF: ${props.title ?? props.fileName}`} />
      </div>
    );
  }
  return (
    <div class="reader-missing">
      <h1>{props.title ?? 'PDF not found'}</h1>
      {props.notSaved ? (
        <p>This paper is not in your Paperboy library.</p>
      ) : (
        <>
          <p role="alert">The PDF of this paper is not stored on this device.</p>
          {props.failure !== null && <p class="banner banner-error">{props.failure}</p>}
          {props.progress !== null ? (
            <p role="status">
              Downloading the PDF…{' '}
              {props.progress.total === null
                ? formatBytes(props.progress.received)
                : `${percent(props.progress.received, props.progress.total)}%`}
            </p>
          ) : (
            <button type="button" class="button" onClick={props.onFetchAgain}>
              Fetch again
            </button>
          )}
        </>
      )}
      <p>
        <a href={props.libraryUrl}>Back to the library</a>
      </p>
    </div>
  );
}
