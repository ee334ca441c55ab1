import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaperCard, type PaperCardProps } from '@/components/PaperCard';
import { highlight } from '@/lib/search';
import type { Paper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

const PAPER: Partial<Paper> = {
  id: '2611.00001',
  title: 'Scaling Diffusion Transformers',
  abstract: 'We scale diffusion models.\n\nThey get better.',
  authors: ['Ada Lovelace', 'Alan Turing'],
  organization: 'Ai2',
  aiKeywords: ['diffusion', 'agents'],
  feedDay: '2026-11-20',
};

function renderCard(overrides: Partial<PaperCardProps> = {}, fields: Partial<Paper> = {}): HTMLElement {
  render(
    <PaperCard
      item={{ paper: makePaper({ ...PAPER, ...fields }), unread: true, matched: [] }}
      endpoint="https://huggingface.co"
      onOpen={vi.fn()}
      onSetUnread={vi.fn()}
      {...overrides}
    />,
  );
  return screen.getByRole('article');
}

const marks = (element: Element | null | undefined): (string | null)[] =>
  [...(element?.querySelectorAll('mark') ?? [])].map((mark) => mark.textContent);

afterEach(cleanup);

describe('PaperCard', () => {
  it('marks the matched words of the title, byline, abstract and keywords with the highlight prop', () => {
    const card = renderCard({ highlight: (text) => highlight(text, ['diffusion', 'turing']) });

    const title = within(card).getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Scaling Diffusion Transformers');
    expect(marks(title)).toEqual(['Diffusion']);
    expect(marks(card.querySelector('.paper-byline'))).toEqual(['Turing']);
    expect(marks(card.querySelector('.paper-abstract'))).toEqual(['diffusion']);
    expect(card.querySelector('.paper-abstract summary')?.textContent).toBe('Abstract (matches)');
    expect(marks(within(card).getByRole('list', { name: 'Keywords' }))).toEqual(['diffusion']);
  });

  it('renders plain text without the highlight prop', () => {
    const card = renderCard();

    expect(card.querySelector('mark')).toBeNull();
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Scaling Diffusion Transformers');
    expect(card.querySelector('.paper-byline')?.textContent).toBe('Ada Lovelace, Alan Turing · Ai2');
    expect(card.querySelector('.paper-abstract summary')?.textContent).toBe('Abstract');
  });

  it('names a matching author further down the byline only when highlighting', () => {
    const authors = ['A One', 'B Two', 'C Three', 'D Four', 'E Five', 'Grace Hopper'];

    const plain = renderCard({}, { authors, organization: null });
    expect(plain.querySelector('.paper-byline')?.textContent).toBe('A One, B Two, C Three +3');
    cleanup();

    const found = renderCard({ highlight: (text) => highlight(text, ['hopper']) }, { authors, organization: null });
    const byline = found.querySelector('.paper-byline');
    expect(byline?.textContent).toBe('A One, B Two, C Three … Grace Hopper +2');
    expect(marks(byline)).toEqual(['Hopper']);
  });

  it('keeps hostile text as text when marking it', () => {
    const hostile = '<img src=x onerror="alert(1)"> diffusion';

    const card = renderCard({ highlight: (text) => highlight(text, ['diffusion', 'img']) }, { title: hostile });

    expect(card.querySelector('img')).toBeNull();
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe(hostile);
    expect(marks(within(card).getByRole('heading', { level: 2 }))).toEqual(['img', 'diffusion']);
  });

  it('gives the feed day a machine-readable date', () => {
    const card = renderCard({ dayLabel: 'Friday, Nov 20' });

    expect(card.querySelector('.paper-day')?.textContent).toBe('Listed on Friday, Nov 20');
    expect(card.querySelector('.paper-day time')?.getAttribute('datetime')).toBe('2026-11-20');
  });
});
