import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DigestView, thumbnailUrl, type DigestViewProps } from '@/components/DigestView';
import { OptionsView, type OptionsViewProps } from '@/components/OptionsView';
import { TrendingView, type TrendingViewProps } from '@/components/TrendingView';
import type { ListedPaper } from '@/lib/paper-view';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makePaper } from '../fixtures/paper';

const TODAY = '2026-11-25';
const NOW = Date.parse('2026-11-25T15:00:00Z');
const ENDPOINT = 'https://huggingface.co';

function listed(id: string, upvotes: number, unread = false, feedDay = TODAY): ListedPaper {
  return {
    paper: makePaper({ id, title: `Paper ${id}`, upvotes, feedDay, aiSummary: `AI summary of ${id}` }),
    unread,
    matched: [],
  };
}

afterEach(cleanup);

describe('DigestView', () => {
  function renderDigest(overrides: Partial<DigestViewProps> = {}) {
    const props: DigestViewProps = {
      period: { kind: 'day', day: TODAY },
      title: "Today's top 3 on Daily Papers",
      today: TODAY,
      papers: [listed('2611.00003', 90, true), listed('2611.00001', 50), listed('2611.00002', 10, true)],
      loading: false,
      endpoint: ENDPOINT,
      onOpenPaper: vi.fn(),
      onSetUnread: vi.fn(),
      ...overrides,
    };
    render(<DigestView {...props} />);
    return props;
  }

  it('lists the top papers in the order given, with their AI summaries and links', () => {
    renderDigest();

    const list = screen.getByRole('list', { name: 'Top papers' });
    const cards = within(list).getAllByRole('article');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Today's top 3 on Daily Papers");
    expect(
      cards.map((card) =>
        within(card)
          .getByRole('heading')
          .textContent?.replace(/^Unread/, ''),
      ),
    ).toEqual(['Paper 2611.00003', 'Paper 2611.00001', 'Paper 2611.00002']);
    expect(within(cards[0]!).getByText('AI summary of 2611.00003')).toBeTruthy();
    expect(within(cards[0]!).getByRole('link', { name: 'Paper 2611.00003' }).getAttribute('href')).toBe(
      `${ENDPOINT}/papers/2611.00003`,
    );
  });

  it('shows each paper’s thumbnail with alt text, and a placeholder when it cannot load (offline)', () => {
    renderDigest();
    const image = screen.getByRole('img', { name: 'Thumbnail of “Paper 2611.00003”' });

    fireEvent.error(image);

    expect(image.getAttribute('src')).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2611.00003.png',
    );
    expect(screen.queryByRole('img', { name: 'Thumbnail of “Paper 2611.00003”' })).toBeNull();
    expect(screen.getAllByText('No preview')).toHaveLength(1);
  });

  it('marks unread papers and lets the user mark them read or unread', () => {
    const props = renderDigest();
    const [first, second] = screen.getAllByRole('article');

    fireEvent.click(within(first!).getByRole('button', { name: 'Mark as read' }));
    fireEvent.click(within(second!).getByRole('button', { name: 'Mark as unread' }));

    expect(within(first!).getByRole('img', { name: 'Unread' })).toBeTruthy();
    expect(within(second!).queryByRole('img', { name: 'Unread' })).toBeNull();
    expect(props.onSetUnread).toHaveBeenNthCalledWith(1, '2611.00003', false);
    expect(props.onSetUnread).toHaveBeenNthCalledWith(2, '2611.00001', true);
  });

  it('says so when no paper of the period is saved on this device', () => {
    renderDigest({
      papers: [],
      period: { kind: 'week', week: '2026-W48' },
      title: "Last week's top 5 on Daily Papers",
    });

    expect(screen.getByText('No papers of this week are saved on this device.')).toBeTruthy();
    expect(screen.getByText(/Weekly digest, week 48 · Monday, Nov 23 – Sunday, Nov 29/)).toBeTruthy();
  });

  it('renders API text as text, never as markup', () => {
    renderDigest({
      papers: [{ ...listed('x', 1), paper: makePaper({ id: 'x', title: '<img src=x onerror=alert(1)>' }) }],
    });

    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(document.querySelectorAll('img[onerror]')).toHaveLength(0);
  });

  it('offers Save on each card, shows which are saved, and the Undo of a removal', () => {
    const onToggleSave = vi.fn();
    const onUndo = vi.fn();
    renderDigest({
      saving: {
        marks: new Map([['2611.00001', { saved: true, pdf: 'stored' as const }]]),
        onToggleSave,
        readerUrl: (id) => `reader.html?id=${id}`,
        undo: { id: '2611.00009', title: 'Gone Paper' },
        onUndo,
        failure: null,
      },
    });

    const cards = screen.getAllByRole('article');
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Save for offline' }));
    expect(onToggleSave).toHaveBeenCalledWith('2611.00003');
    expect(within(cards[1]!).getByRole('button', { name: 'Saved — remove' })).toBeTruthy();
    expect(within(cards[1]!).getByRole('link', { name: 'Open PDF' }).getAttribute('href')).toBe(
      'reader.html?id=2611.00001',
    );
    expect(screen.getByRole('status').textContent).toContain('Removed “Gone Paper” from your library.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalled();
  });

  it('builds only https thumbnail addresses, the id escaped', () => {
    expect(thumbnailUrl('2611.00001')).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2611.00001.png',
    );
    expect(thumbnailUrl('../x?y')).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/..%2Fx%3Fy.png',
    );
  });
});

describe('TrendingView', () => {
  function renderTrending(overrides: Partial<TrendingViewProps> = {}) {
    const props: TrendingViewProps = {
      papers: [
        listed('a', 900, false, '2026-11-23'),
        listed('b', 500, true, TODAY),
        listed('c', 300, false, '2026-11-24'),
      ],
      fetchedAt: NOW - 5 * 60_000,
      loading: false,
      failure: null,
      today: TODAY,
      now: NOW,
      endpoint: ENDPOINT,
      onRefresh: vi.fn(),
      onOpenPaper: vi.fn(),
      onSetUnread: vi.fn(),
      ...overrides,
    };
    render(<TrendingView {...props} />);
    return props;
  }

  it('shows each paper with the day it was listed, and when the list was fetched', () => {
    renderTrending();

    expect(screen.getByRole('status').textContent).toBe('Fetched 5 min ago');
    expect(screen.getAllByText(/^Listed /).map((label) => label.textContent)).toEqual([
      'Listed on Monday, Nov 23',
      'Listed today',
      'Listed yesterday',
    ]);
    expect(screen.getAllByRole('article').map((card) => card.dataset.unread)).toEqual(['false', 'true', 'false']);
  });

  it('keeps the last list on screen and says why when a fetch failed', () => {
    renderTrending({ failure: { kind: 'offline' } });

    expect(screen.getByRole('alert').textContent).toContain('Showing the list fetched 5 min ago.');
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it('says the list will come when there is none yet and Hugging Face cannot be reached', () => {
    renderTrending({ papers: [], fetchedAt: null, failure: { kind: 'offline' } });

    expect(screen.getByRole('alert').textContent).toContain('will appear as soon as Hugging Face can be reached');
    expect(screen.getByRole('status').textContent).toBe('Not fetched yet');
  });

  it('refreshes on request, and not while a fetch is under way', () => {
    const idle = renderTrending();
    fireEvent.click(screen.getByRole('button', { name: /Refresh/ }));
    cleanup();
    renderTrending({ loading: true });

    expect(idle.onRefresh).toHaveBeenCalledTimes(1);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /Refresh/ }).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Loading the trending papers…');
  });
});

describe('the options’ Digest section', () => {
  function renderOptions() {
    const props: OptionsViewProps = {
      settings: DEFAULT_SETTINGS,
      defaultEndpoint: ENDPOINT,
      now: NOW,
      matchCounts: [],
      counting: false,
      status: '',
      endpointMessage: null,
      onChange: vi.fn(),
      onSnooze: vi.fn(),
      onResume: vi.fn(),
      onApplyEndpoint: vi.fn(),
      onResetEndpoint: vi.fn(),
    };
    render(<OptionsView {...props} />);
    return { props, section: screen.getByRole('region', { name: 'Digest' }) };
  }

  it('switches the daily digest on and sets its time', () => {
    const { props, section } = renderOptions();

    fireEvent.click(within(section).getByRole('checkbox', { name: 'Send a daily digest' }));
    fireEvent.input(within(section).getAllByLabelText('Time')[0]!, { target: { value: '07:45' } });

    const digest = DEFAULT_SETTINGS.digest;
    expect(props.onChange).toHaveBeenNthCalledWith(1, {
      digest: { ...digest, daily: { ...digest.daily, enabled: true } },
    });
    expect(props.onChange).toHaveBeenNthCalledWith(2, {
      digest: { ...digest, daily: { ...digest.daily, time: '07:45' } },
    });
  });

  it('sets the weekly digest’s day, the number of papers and "digest only"', () => {
    const { props, section } = renderOptions();

    fireEvent.change(within(section).getByRole('combobox', { name: 'Day' }), { target: { value: '5' } });
    fireEvent.change(within(section).getByRole('combobox', { name: 'Papers in a digest' }), {
      target: { value: '10' },
    });
    fireEvent.click(within(section).getByRole('checkbox', { name: 'Digest only' }));

    const digest = DEFAULT_SETTINGS.digest;
    expect(props.onChange).toHaveBeenCalledWith({ digest: { ...digest, weekly: { ...digest.weekly, weekday: 5 } } });
    expect(props.onChange).toHaveBeenCalledWith({ digest: { ...digest, topCount: 10 } });
    expect(props.onChange).toHaveBeenCalledWith({ digest: { ...digest, only: true } });
  });

  it('ignores a time that is not one, keeping the saved one', () => {
    const { props, section } = renderOptions();

    fireEvent.input(within(section).getAllByLabelText('Time')[1]!, { target: { value: '' } });

    expect(props.onChange).not.toHaveBeenCalled();
  });
});
