import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PopupClient } from '@/lib/clients/popup-client';
import type { Activity, WorkerAnswer } from '@/lib/messages';
import { percent } from '@/lib/units';
import type { PdfState, SavedPaper } from '@/lib/types';
import type { PaperCardProps } from './PaperCard';

/** What a list needs to offer "Save for offline" on its cards. */
export interface PopupSaving {
  /** Saved papers among those on screen, by id (a paper not in it is not saved). */
  marks: ReadonlyMap<string, { saved: boolean; pdf: PdfState; progress?: number | null }>;
  onToggleSave: (id: string) => void;
  /** The reader page of a stored PDF. */
  readerUrl: (id: string) => string;
  /** The paper just removed, for "Undo"; null when there is none. */
  undo: { id: string; title: string } | null;
  onUndo: () => void;
  /** Why the last save failed, or null. */
  failure: string | null;
}

/** What saving needs of the extension. */
export type SavingClient = Pick<PopupClient, 'readSaved' | 'send' | 'readerUrl'>;

export interface UseSavingOptions {
  client: SavingClient;
  /** The papers on screen (every list the page shows). */
  ids: readonly string[];
  /** The worker's latest activity: PDF downloads' progress and the last save failure. */
  activity: Activity | null;
  /** Takes the activity the worker answers a save or an unsave with. */
  onActivity: (activity: Activity) => void;
  /** Reads the lists again after a save, an unsave or an undo. */
  reload: () => void;
  /** Failures older than this are not shown (the page's opening time). */
  since: number;
}

/**
 * Saving for offline on a page's cards: reads the saved state of the papers on screen again
 * whenever they (or the worker's activity) change, saves and removes with "Undo", and reports
 * the last failure. Shared by the popup (day and Trending) and the digest page.
 */
export function useSaving({ client, ids, activity, onActivity, reload, since }: UseSavingOptions): PopupSaving {
  const [savedRecords, setSavedRecords] = useState<ReadonlyMap<string, SavedPaper>>(new Map());
  const [undo, setUndo] = useState<{ id: string; title: string } | null>(null);
  const key = ids.join(' ');
  // Refetched with each broadcast too: the saved records carry where each PDF download stands.
  useEffect(() => {
    let isCurrent = true;
    void client.readSaved(key === '' ? [] : key.split(' ')).then((records) => {
      if (isCurrent) setSavedRecords(records);
    });
    return () => {
      isCurrent = false;
    };
  }, [client, key, activity]);

  const callbacks = useRef({ onActivity, reload });
  callbacks.current = { onActivity, reload };
  const afterSend = useCallback((answer: WorkerAnswer): void => {
    if (answer.ok) callbacks.current.onActivity(answer.activity);
    callbacks.current.reload();
  }, []);

  /** Saves a paper, or removes a saved one (with "Undo"). The hook for a keyboard shortcut too. */
  const toggleSave = useCallback(
    (id: string): void => {
      const record = savedRecords.get(id);
      const isSaved = record !== undefined && record.removedAt === null;
      if (isSaved) setUndo({ id, title: record.paper.title });
      else if (undo?.id === id) setUndo(null);
      void client.send(isSaved ? { type: 'unsave', id } : { type: 'save', id }).then(afterSend);
    },
    [client, savedRecords, undo, afterSend],
  );

  return useMemo((): PopupSaving => {
    const marks = new Map<string, { saved: boolean; pdf: PdfState; progress: number | null }>();
    for (const record of savedRecords.values()) {
      if (record.removedAt !== null) continue;
      const download = activity?.saving?.[record.id];
      const progress = download?.total == null ? null : percent(download.received, download.total);
      marks.set(record.id, { saved: true, pdf: download === undefined ? record.pdf.state : 'downloading', progress });
    }
    const failure = activity?.lastSaveFailure ?? null;
    return {
      marks,
      onToggleSave: toggleSave,
      readerUrl: client.readerUrl,
      undo,
      onUndo: () => {
        if (undo === null) return;
        setUndo(null);
        void client.send({ type: 'restore-saved', id: undo.id }).then(afterSend);
      },
      failure: failure !== null && failure.at >= since ? failure.message : null,
    };
  }, [savedRecords, activity, toggleSave, client, undo, afterSend, since]);
}

/** The save control's props of one card (none without `saving`). */
export function savingProps(saving: PopupSaving | undefined, id: string): Partial<PaperCardProps> {
  if (saving === undefined) return {};
  const mark = saving.marks.get(id);
  return {
    saved: mark ?? { saved: false, pdf: 'none' },
    onToggleSave: saving.onToggleSave,
    pdfUrl: mark?.pdf === 'stored' ? saving.readerUrl(id) : undefined,
  };
}

/** The last save failure and the "Removed … Undo" note, above a list. */
export function SavingBanners({ saving }: { saving: PopupSaving | undefined }) {
  if (saving === undefined) return null;
  return (
    <>
      {saving.failure !== null && (
        <p class="banner banner-error" role="alert">
          {saving.failure}
        </p>
      )}
      {saving.undo !== null && (
        <p class="banner banner-note" role="status">
          Removed “{saving.undo.title}” from your library.{' '}
          <button type="button" class="link-button" onClick={saving.onUndo}>
            Undo
          </button>
        </p>
      )}
    </>
  );
}
