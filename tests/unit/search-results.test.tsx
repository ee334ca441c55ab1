import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyHelp } from '@/components/KeyHelp';
import { SearchBox } from '@/components/SearchBox';
import { SearchResults, type SearchResult, type SearchResultsProps } from '@/components/SearchResults';
import { highlight } from '@/lib/search';
import type { Paper } from '@/lib/types';

const TODAY = '2026-11-26';

function paper(id: string, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: 'We study diffusion models.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    organization: 'Ai2',
    upvotes: 10,
    numComments: 2,
    aiSummary: null,
    aiKeywords: ['agents'],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    publishedAt: null,
    feedDay: '2026-11-20',
    ...overrides,
  };
}

function result(p: Paper, terms: string[], unread = false): SearchResult {
  return { item: { paper: p, unread, matched: [] }, terms };
}

function renderResults(overrides: Partial<SearchResultsProps> = {}) {
  const props: SearchResultsProps = {
    query: 'diffusion',
    state: 'ready',
    results: [],
    total: 0,
    today: TODAY,
    endpoint: 'https://huggingface.co',
    onOpenPaper: vi.fn(),
    onSetUnread: vi.fn(),
    highlight,
    ...overrides,
  };
  render(<SearchResults {...props} />);
  return props;
}

afterEach(cleanup);

describe('SearchResults', () => {
  it('marks the matched words of the title and names the feed day', () => {
    const found = paper('2611.00001', { title: 'Scaling Diffusion Transformers' });

    renderResults({ results: [result(found, ['diffusion'])], total: 1 });

    const card = screen.getByRole('article');
    const marks = within(card).getAllByText('Diffusion', { selector: 'mark' });
    expect(marks).toHaveLength(1);
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Scaling Diffusion Transformers');
    expect(card.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20');
    expect(screen.getByRole('status').textContent).toBe('1 paper matches “diffusion”');
  });

  it('keeps a hostile title as text: no element is made from it', () => {
    const hostile = '<img src=x onerror="alert(1)"> diffusion <b>bold</b>';
    const found = paper('2611.00002', { title: hostile, authors: ['<script>alert(1)</script>'] });

    renderResults({ results: [result(found, ['diffusion', 'img'])], total: 1 });

    const card = screen.getByRole('article');
    expect(card.querySelector('img, script, b')).toBeNull();
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe(hostile);
    const title = within(card).getByRole('heading', { level: 2 });
    expect([...title.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['img', 'diffusion']);
    expect(card.querySelector('.paper-byline')?.textContent).toBe('<script>alert(1)</script> · Ai2');
  });

  it('marks an author further down the list and names them in the byline', () => {
    const authors = ['A One', 'B Two', 'C Three', 'D Four', 'E Five', 'Grace Hopper'];
    const found = paper('2611.00003', { authors });

    renderResults({ query: 'hopper', results: [result(found, ['hopper'])], total: 1 });

    const byline = screen.getByRole('article').querySelector('.paper-byline')!;
    expect(byline.textContent).toContain('Grace Hopper');
    expect(within(byline as HTMLElement).getByText('Hopper', { selector: 'mark' })).toBeTruthy();
  });

  it('says "No papers match …" when nothing matches, and "Preparing search…" while the index loads', () => {
    renderResults({ query: 'zzz', total: 0 });
    expect(screen.getByRole('status').textContent).toBe('No papers match “zzz”');
    cleanup();

    renderResults({ state: 'loading' });
    expect(screen.getByRole('status').textContent).toBe('Preparing search…');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says how many match in all when fewer are shown', () => {
    renderResults({ results: [result(paper('2611.00004'), ['paper'])], total: 120 });

    expect(screen.getByRole('status').textContent).toBe('120 papers match “diffusion” (the best 1 shown)');
  });

  it('marks a paper read with its own button and reports opening it', () => {
    const found = paper('2611.00005');
    const props = renderResults({ results: [result(found, ['paper'], true)], total: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'Mark as read' }));
    fireEvent.click(within(screen.getByRole('heading', { level: 2 })).getByRole('link'));

    expect(props.onSetUnread).toHaveBeenCalledWith('2611.00005', false);
    expect(props.onOpenPaper).toHaveBeenCalledWith('2611.00005');
  });

  it('saves a found paper with the list’s save control and shows where its PDF stands', () => {
    const saved = paper('2611.00006');
    const onToggleSave = vi.fn();
    renderResults({
      results: [result(saved, ['paper'])],
      total: 1,
      saving: {
        marks: new Map([['2611.00006', { saved: true, pdf: 'stored' }]]),
        onToggleSave,
        readerUrl: (id) => `chrome-extension://x/reader.html?id=${id}`,
        undo: null,
        onUndo: vi.fn(),
        failure: null,
      },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Saved — remove' }));

    expect(onToggleSave).toHaveBeenCalledWith('2611.00006');
    expect(screen.getByRole('link', { name: 'Open PDF' }).getAttribute('href')).toBe(
      'chrome-extension://x/reader.html?id=2611.00006',
    );
    expect(screen.getByRole('article').querySelector('.paper-day')?.textContent).toBe('Listed on Friday, Nov 20');
  });
});

describe('SearchBox', () => {
  it('is a labelled search field that warms the index up on focus', () => {
    const onWarmUp = vi.fn();
    render(<SearchBox query="" onQuery={vi.fn()} onWarmUp={onWarmUp} />);

    const box = screen.getByRole('searchbox', { name: 'Search all papers' });
    fireEvent.focus(box);

    expect(box.getAttribute('type')).toBe('search');
    expect(onWarmUp).toHaveBeenCalled();
  });

  it('clears on Escape, and leaves on a second Escape', () => {
    const onQuery = vi.fn();
    const { rerender } = render(<SearchBox query="diff" onQuery={onQuery} onWarmUp={vi.fn()} />);
    const box = screen.getByRole('searchbox');
    box.focus();

    fireEvent.keyDown(box, { key: 'Escape' });
    expect(onQuery).toHaveBeenCalledWith('');
    rerender(<SearchBox query="" onQuery={onQuery} onWarmUp={vi.fn()} />);
    fireEvent.keyDown(box, { key: 'Escape' });

    expect(document.activeElement).not.toBe(box);
  });
});

describe('KeyHelp', () => {
  it('is a modal dialog listing the keys, focused when open', () => {
    render(<KeyHelp open onClose={vi.fn()} />);

    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
    const keys = [...dialog.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(keys).toEqual(expect.arrayContaining(['j', 'k', 'o', 'Enter', 'm', 's', '/', '[', ']', '?']));
    expect(within(dialog).getByText('Mark read / unread')).toBeTruthy();
  });

  it('closes on Escape and on "Close"', () => {
    const onClose = vi.fn();
    render(<KeyHelp open onClose={onClose} />);

    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));

    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('renders nothing when closed', () => {
    render(<KeyHelp open={false} onClose={vi.fn()} />);

    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
