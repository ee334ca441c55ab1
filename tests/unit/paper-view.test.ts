import { describe, expect, it } from 'vitest';
import { authorsLine, formatCount, listPapers, paperLinks, paperPageUrl } from '@/lib/paper-view';
import type { Paper, PaperState } from '@/lib/types';

function paper(id: string, upvotes: number, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: '',
    authors: [],
    organization: null,
    upvotes,
    numComments: 0,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    publishedAt: null,
    feedDay: '2026-11-26',
    ...overrides,
  };
}

function state(id: string, unread: 0 | 1): PaperState {
  return { id, firstSeenAt: 0, unread, changedAt: 0 };
}

describe('listPapers', () => {
  it('puts the most upvoted first and keeps the API order between equals', () => {
    const papers = [paper('a', 3), paper('b', 9), paper('c', 3), paper('d', 9)];

    const actual = listPapers(papers, new Map()).map((item) => item.paper.id);

    expect(actual).toEqual(['b', 'd', 'a', 'c']);
  });

  it('marks papers unread from their state, and papers without a state as read', () => {
    const states = new Map([
      ['a', state('a', 1)],
      ['b', state('b', 0)],
    ]);

    const actual = listPapers([paper('a', 1), paper('b', 1), paper('c', 1)], states).map((item) => item.unread);

    expect(actual).toEqual([true, false, false]);
  });
});

describe('authorsLine', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B', 'C', 'D'], 'A, B, C, D'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C +2'],
  ])('shows %j as "%s"', (authors, expected) => {
    expect(authorsLine(authors)).toBe(expected);
  });
});

describe('paperLinks', () => {
  it('offers the HF page, arXiv, the PDF, GitHub with its stars and the project page', () => {
    const actual = paperLinks(
      paper('2602.23229', 1, {
        githubRepo: 'https://github.com/x/y',
        githubStars: 2500,
        projectPage: 'https://x.github.io/y',
      }),
      'https://huggingface.co',
    );

    expect(actual).toEqual([
      { kind: 'hf', label: 'HF page', href: 'https://huggingface.co/papers/2602.23229' },
      { kind: 'arxiv', label: 'arXiv', href: 'https://arxiv.org/abs/2602.23229' },
      { kind: 'pdf', label: 'PDF', href: 'https://arxiv.org/pdf/2602.23229' },
      { kind: 'github', label: 'GitHub ★ 2.5k', href: 'https://github.com/x/y' },
      { kind: 'project', label: 'Project page', href: 'https://x.github.io/y' },
    ]);
  });

  it('never offers a link that is not http(s), even if one slipped into the cache', () => {
    const actual = paperLinks(
      paper('1', 1, { githubRepo: 'javascript:alert(1)', projectPage: 'data:text/html,<b>x</b>' }),
      'https://huggingface.co',
    );

    expect(actual.map((link) => link.kind)).toEqual(['hf', 'arxiv', 'pdf']);
  });
});

describe('paperPageUrl', () => {
  it('keeps a mirror endpoint’s path', () => {
    expect(paperPageUrl('https://mirror.example/hf', '2602.23229')).toBe('https://mirror.example/hf/papers/2602.23229');
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [25_400, '25k'],
    [1_500_000, '1.5M'],
  ])('shows %d as "%s"', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});
