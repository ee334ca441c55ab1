import { useState } from 'preact/hooks';
import { periodDays, type DigestPeriod } from '@/lib/digest';
import { formatDay } from '@/lib/feed-day';
import type { ListedPaper } from '@/lib/paper-view';
import { safeHttpUrl } from '@/lib/safe-url';
import { PaperCard } from './PaperCard';
import { SavingBanners, savingProps, type PopupSaving } from './Saving';
import './digest.css';

/** Where a paper's social thumbnail lives on Hugging Face's CDN. */
export function thumbnailUrl(id: string): string | null {
  return safeHttpUrl(`https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${encodeURIComponent(id)}.png`);
}

export interface DigestViewProps {
  period: DigestPeriod;
  /** "Today's top 5 on Daily Papers". */
  title: string;
  /** The current feed day, for the dates shown. */
  today: string;
  /** The top papers of the period, most upvoted first; null while the cache is read. */
  papers: ListedPaper[] | null;
  /** The period is being fetched (it was not cached). */
  loading: boolean;
  endpoint: string;
  onOpenPaper: (id: string) => void;
  onSetUnread: (id: string, unread: boolean) => void;
  /** Saving for offline on the cards; without it the cards show no save control. */
  saving?: PopupSaving;
}

/** The digest page: the top papers of a day or a week, with their thumbnails, summaries and links. */
export function DigestView(props: DigestViewProps) {
  const { period, papers, today } = props;
  const { from, to } = periodDays(period);
  const dates = from === to ? formatDay(from, today) : `${formatDay(from, today)} – ${formatDay(to, today)}`;
  return (
    <div class="digest">
      <header class="digest-header">
        <h1>{props.title}</h1>
        <p>
          {period.kind === 'day' ? 'Daily digest' : `Weekly digest, week ${Number(period.week.slice(6))}`} · {dates} ·
          by upvotes
        </p>
      </header>
      <SavingBanners saving={props.saving} />
      <main>
        {papers === null || (papers.length === 0 && props.loading) ? (
          <div class="empty" aria-busy="true">
            <p>Loading…</p>
          </div>
        ) : papers.length === 0 ? (
          <div class="empty">
            <p>No papers of this {period.kind === 'day' ? 'day' : 'week'} are saved on this device.</p>
          </div>
        ) : (
          <ol class="digest-list" aria-label="Top papers">
            {papers.map((item, index) => (
              <li key={item.paper.id} class="digest-item">
                <span class="digest-rank" aria-hidden="true">
                  {index + 1}
                </span>
                <Thumbnail id={item.paper.id} title={item.paper.title} />
                <PaperCard
                  item={item}
                  endpoint={props.endpoint}
                  onOpen={props.onOpenPaper}
                  onSetUnread={props.onSetUnread}
                  {...savingProps(props.saving, item.paper.id)}
                />
              </li>
            ))}
          </ol>
        )}
      </main>
    </div>
  );
}

/** The paper's thumbnail; offline (or missing on the CDN) it gives way to a quiet placeholder. */
function Thumbnail({ id, title }: { id: string; title: string }) {
  const [failed, setFailed] = useState(false);
  const src = thumbnailUrl(id);
  if (failed || src === null) {
    return (
      <div class="digest-thumb digest-thumb-missing" aria-hidden="true">
        No preview
      </div>
    );
  }
  return (
    <img
      class="digest-thumb"
      src={src}
      alt={`Thumbnail of “${title}”`}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
