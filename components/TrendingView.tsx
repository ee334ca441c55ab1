import { describeDay } from '@/lib/feed-day';
import { describeFailure } from '@/lib/failure';
import type { ListedPaper } from '@/lib/paper-view';
import { timeAgo } from '@/lib/time-ago';
import type { Failure } from '@/lib/types';
import { PaperCard } from './PaperCard';
import { SavingBanners, savingProps, type PopupSaving } from './Saving';
import './digest.css';

export interface TrendingViewProps {
  /** The cached ranking, in rank order; null until the cache was read. */
  papers: ListedPaper[] | null;
  /** When the cached ranking was fetched, or null before the first fetch. */
  fetchedAt: number | null;
  /** A fetch is under way. */
  loading: boolean;
  /** Why the last fetch failed (the cached ranking stays on screen), or null. */
  failure: Failure | null;
  /** The current feed day, for "Listed today". */
  today: string;
  now: number;
  endpoint: string;
  onRefresh: () => void;
  onOpenPaper: (id: string) => void;
  onSetUnread: (id: string, unread: boolean) => void;
  /** Saving for offline on the cards; without it the cards show no save control. */
  saving?: PopupSaving;
}

/** What is hot on Daily Papers across recent days: the ranking, each paper with its feed day. */
export function TrendingView(props: TrendingViewProps) {
  const { papers, fetchedAt, loading, failure, now } = props;
  const status = loading
    ? 'Loading the trending papers…'
    : fetchedAt === null
      ? 'Not fetched yet'
      : `Fetched ${timeAgo(fetchedAt, now)}`;
  return (
    <>
      <header class="popup-header">
        <div class="day-title">
          <h1>Trending</h1>
          <p class="day-date">What the community is reading now</p>
        </div>
        <div class="header-actions">
          <button type="button" class="button" onClick={props.onRefresh} disabled={loading} aria-busy={loading}>
            <span aria-hidden="true" class={loading ? 'spin' : ''}>
              ⟳
            </span>{' '}
            Refresh
          </button>
        </div>
        <div class="status-line">
          <p role="status">{status}</p>
        </div>
      </header>

      {failure !== null && !loading && (
        <div class="banner banner-error" role="alert">
          <strong>{describeFailure(failure, now)}.</strong>{' '}
          {papers !== null && papers.length > 0
            ? `Showing the list fetched ${fetchedAt === null ? 'earlier' : timeAgo(fetchedAt, now)}.`
            : 'The trending papers will appear as soon as Hugging Face can be reached.'}
        </div>
      )}

      <SavingBanners saving={props.saving} />

      <main class="popup-main">
        {papers === null || (papers.length === 0 && loading) ? (
          <div class="empty" aria-busy="true">
            <p>Loading the trending papers…</p>
          </div>
        ) : papers.length === 0 ? (
          <div class="empty">
            <p>No trending papers saved on this device yet.</p>
          </div>
        ) : (
          <ol class="paper-list trending-list" aria-label="Trending papers">
            {papers.map((item) => (
              <li key={item.paper.id}>
                <p class="trending-day">
                  Listed{' '}
                  {item.paper.feedDay === '' ? 'on Daily Papers' : describeListedDay(item.paper.feedDay, props.today)}
                </p>
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
    </>
  );
}

/** "today", "yesterday" or "on Monday, Nov 23". */
function describeListedDay(day: string, today: string): string {
  const described = describeDay(day, today);
  return described === 'Today' || described === 'Yesterday' ? described.toLowerCase() : `on ${described}`;
}
