import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LibraryClient } from '@/lib/clients/library-client';
import { EXPORT_FORMATS, exportFileName, exportPapers, type ExportFormat } from '@/lib/export';
import {
  backupFileName,
  describeRestoreReport,
  libraryTags,
  listLibrary,
  parseTags,
  type LibraryQuery,
} from '@/lib/library-view';
import type { Activity } from '@/lib/messages';
import { describePdfFailure } from '@/lib/pdf-check';
import type { SavedPaper } from '@/lib/types';
import { LibraryView, ReaderView, type LibraryMessage } from './LibraryView';

/** A backup is a few MB at most; a bigger file is not one, and is not read into memory. */
const BACKUP_MAX_BYTES = 50 * 1024 * 1024;

export interface LibraryAppProps {
  /** Reads IndexedDB and talks to the worker; tests hand in one over fake-indexeddb. */
  client: LibraryClient;
  /** The endpoint the extension was built with (a mirror in the settings wins), for links. */
  endpoint: string;
  clock?: () => number;
}

/**
 * The library page's state: the saved papers from IndexedDB (so it works with no network at
 * all), redrawn whenever the worker says something changed; every change goes through the worker.
 */
export function LibraryApp({ client, endpoint, clock = Date.now }: LibraryAppProps) {
  const [saved, setSaved] = useState<SavedPaper[] | null>(null);
  const [storedIds, setStoredIds] = useState<ReadonlySet<string>>(new Set());
  const [activity, setActivity] = useState<Activity | null>(null);
  const [query, setQuery] = useState<LibraryQuery>({ text: '', tag: null, sort: 'saved-newest' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [removed, setRemoved] = useState<SavedPaper | null>(null);
  const [message, setMessage] = useState<LibraryMessage | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [storage, setStorage] = useState<{ usage: number; quota: number | null } | null>(null);
  const [mirror, setMirror] = useState<string | null>(null);
  const openedAt = useRef(clock());
  const readSeq = useRef(0);

  const reload = useCallback(async (): Promise<void> => {
    const seq = ++readSeq.current;
    const [records, ids] = await Promise.all([client.listSaved(), client.storedPdfIds()]);
    if (seq !== readSeq.current) return;
    setSaved(records);
    setStoredIds(ids);
    void client.storageEstimate().then(setStorage);
  }, [client]);

  useEffect(() => {
    void reload();
    void client.getSettings().then((settings) => setMirror(settings.endpoint));
    return client.subscribe((next) => {
      setActivity(next);
      void reload();
    });
  }, [client, reload]);

  const shown = useMemo(() => (saved === null ? null : listLibrary(saved, query)), [saved, query]);
  const tags = useMemo(() => libraryTags(saved ?? []), [saved]);
  const missingPdfs = useMemo(
    () => new Set((saved ?? []).filter((r) => r.pdf.state === 'stored' && !storedIds.has(r.id)).map((r) => r.id)),
    [saved, storedIds],
  );

  const send = useCallback(
    async (request: Parameters<LibraryClient['send']>[0]): Promise<Activity | null> => {
      const answer = await client.send(request);
      if (answer.ok) setActivity(answer.activity);
      await reload();
      return answer.ok ? answer.activity : null;
    },
    [client, reload],
  );

  const exportAs = (format: ExportFormat, scope: 'selected' | 'all'): void => {
    const all = listLibrary(saved ?? [], { text: '', tag: null, sort: query.sort });
    const papers = scope === 'all' ? all : all.filter((record) => selected.has(record.id));
    const info = EXPORT_FORMATS.find((entry) => entry.format === format);
    if (papers.length === 0 || info === undefined) return;
    const now = clock();
    const text = exportPapers(format, papers, { endpoint: mirror ?? endpoint, now });
    client.saveFile(exportFileName(format, now), info.mimeType, text);
    setMessage({
      kind: 'ok',
      text: `Exported ${papers.length === 1 ? '1 paper' : `${papers.length} papers`} as ${info.label}.`,
    });
  };

  const restore = async (file: File): Promise<void> => {
    if (file.size > BACKUP_MAX_BYTES) {
      setMessage({ kind: 'error', text: 'This file is far too large to be a Paperboy backup. Nothing was changed.' });
      return;
    }
    setRestoring(true);
    setMessage(null);
    try {
      const next = await send({ type: 'restore-backup', text: await file.text() });
      const outcome = next?.lastRestore ?? null;
      if (outcome === null) {
        setMessage({ kind: 'error', text: 'Paperboy’s background worker did not answer. Nothing was changed.' });
      } else {
        setMessage(
          outcome.ok
            ? { kind: 'ok', text: describeRestoreReport(outcome.report) }
            : { kind: 'error', text: outcome.error },
        );
      }
    } catch (error) {
      console.error('[paperboy] restore failed', error);
      setMessage({ kind: 'error', text: 'The file could not be read. Nothing was changed.' });
    } finally {
      setRestoring(false);
    }
  };

  const lastFailure = activity?.lastSaveFailure ?? null;
  const failure = lastFailure !== null && lastFailure.at >= openedAt.current ? lastFailure.message : null;

  return (
    <LibraryView
      papers={shown}
      total={saved?.length ?? 0}
      query={query}
      onQuery={(change) => setQuery((current) => ({ ...current, ...change }))}
      tags={tags}
      selected={selected}
      onSelect={(id, isSelected) =>
        setSelected((current) => {
          const next = new Set(current);
          if (isSelected) next.add(id);
          else next.delete(id);
          return next;
        })
      }
      onSelectAll={(isSelected) => setSelected(new Set(isSelected ? (shown ?? []).map((record) => record.id) : []))}
      progress={activity?.saving ?? {}}
      missingPdfs={missingPdfs}
      endpoint={mirror ?? endpoint}
      readerUrl={client.readerUrl}
      onRemove={(id) => {
        const record = saved?.find((entry) => entry.id === id) ?? null;
        // At once on screen; the worker keeps a tombstone for "Undo".
        setSaved((current) => current?.filter((entry) => entry.id !== id) ?? current);
        setSelected((current) => new Set([...current].filter((entry) => entry !== id)));
        setRemoved(record);
        void send({ type: 'unsave', id });
      }}
      removed={removed}
      onUndo={() => {
        if (removed === null) return;
        setRemoved(null);
        void send({ type: 'restore-saved', id: removed.id });
      }}
      onFetchPdf={(id) => void send({ type: 'fetch-pdf', id })}
      onSaveTags={(id, text) => void send({ type: 'update-saved', id, tags: parseTags(text) })}
      onSaveNote={(id, text) => void send({ type: 'update-saved', id, note: text })}
      formats={EXPORT_FORMATS}
      onExport={exportAs}
      onBackup={() => {
        const now = clock();
        void client.backupText(now).then(
          (text) => {
            client.saveFile(backupFileName(now), 'application/json', text);
            setMessage({ kind: 'ok', text: 'Backup downloaded: keep the file to restore your library anywhere.' });
          },
          (error: unknown) => {
            console.error('[paperboy] backup failed', error);
            setMessage({ kind: 'error', text: 'The backup could not be made.' });
          },
        );
      }}
      onRestore={(file) => void restore(file)}
      restoring={restoring}
      message={message}
      failure={failure}
      storage={storage}
      now={clock()}
    />
  );
}

export interface ReaderAppProps {
  client: LibraryClient;
  /** The paper whose stored PDF to show. */
  id: string;
}

/**
 * The reader page's state: the stored PDF from IndexedDB as an object URL for the browser's PDF
 * viewer (never the network); when it is missing, "Fetch again" asks the worker for it.
 */
export function ReaderApp({ client, id }: ReaderAppProps) {
  const [record, setRecord] = useState<SavedPaper | null | undefined>(undefined);
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const [activity, setActivity] = useState<Activity | null>(null);
  const urlRef = useRef<string | null>(null);

  const load = useCallback(async (): Promise<void> => {
    const [found, pdf] = await Promise.all([client.getSaved(id), urlRef.current === null ? client.readPdf(id) : null]);
    setRecord(found ?? null);
    if (pdf !== null && pdf !== undefined && urlRef.current === null) {
      urlRef.current = URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' }));
      setPdfUrl(urlRef.current);
    }
  }, [client, id]);

  useEffect(() => {
    void load();
    const unsubscribe = client.subscribe((next) => {
      setActivity(next);
      void load();
    });
    return () => {
      unsubscribe();
      if (urlRef.current !== null) URL.revokeObjectURL(urlRef.current);
    };
  }, [client, load]);

  const title = record?.paper.title ?? null;
  useEffect(() => {
    document.title = title === null ? 'Paperboy — PDF' : `${title} — Paperboy`;
  }, [title]);

  const failure = record?.pdf.state === 'failed' && record.pdf.failure !== undefined ? record.pdf.failure : null;
  return (
    <ReaderView
      title={title}
      pdfUrl={pdfUrl}
      loading={record === undefined}
      notSaved={record === null || record?.removedAt != null}
      progress={activity?.saving?.[id] ?? (record?.pdf.state === 'downloading' ? { received: 0, total: null } : null)}
      failure={failure === null ? null : `${describePdfFailure(failure)}.`}
      fileName={`${id.replace(/\//g, '_')}.pdf`}
      libraryUrl={client.libraryUrl}
      onFetchAgain={() => {
        void client.send({ type: 'fetch-pdf', id }).then((answer) => {
          if (answer.ok) setActivity(answer.activity);
          void load();
        });
      }}
    />
  );
}
