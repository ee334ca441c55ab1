import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, isArxivId, normalizeArxivId, paperUrlPatterns } from '@/lib/arxiv-id';

const SITES = { hfEndpoint: 'https://huggingface.co', arxivEndpoint: 'https://arxiv.org' };

describe('arxivIdFromUrl', () => {
  it.each([
    ['https://huggingface.co/papers/2602.23229', '2602.23229'],
    ['https://huggingface.co/papers/2602.23229#community', '2602.23229'],
    ['https://huggingface.co/papers/2602.23229?utm=x', '2602.23229'],
    ['https://huggingface.co/papers/2602.23229/', '2602.23229'],
    ['https://arxiv.org/abs/2602.23229', '2602.23229'],
    ['https://arxiv.org/abs/2602.23229v3', '2602.23229'],
    ['https://www.arxiv.org/abs/1706.03762', '1706.03762'],
    ['https://arxiv.org/pdf/2602.23229', '2602.23229'],
    ['https://arxiv.org/pdf/2602.23229v2', '2602.23229'],
    ['https://arxiv.org/pdf/2602.23229v2.pdf', '2602.23229'],
    ['https://arxiv.org/pdf/2602.23229.pdf', '2602.23229'],
    ['https://arxiv.org/pdf/0704.0001', '0704.0001'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/pdf/hep-th/9901001v1', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math.GT/0309136'],
  ])('finds the paper of %s', (url, expected) => {
    expect(arxivIdFromUrl(url, SITES)).toBe(expected);
  });

  it.each([
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers/date/2026-03-06',
    'https://huggingface.co/models/2602.23229',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/not-an-id',
    'https://evil.example/abs/2602.23229',
    'https://arxiv.org.evil.example/abs/2602.23229',
    'http://arxiv.org/abs/2602.23229',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('finds no paper in %j', (url) => {
    expect(arxivIdFromUrl(url, SITES)).toBeNull();
  });

  it('recognises the endpoints the extension was built with (a mirror, a local server)', () => {
    const sites = { hfEndpoint: 'https://mirror.example/hf', arxivEndpoint: 'http://127.0.0.1:8123' };

    expect(arxivIdFromUrl('https://mirror.example/hf/papers/2602.23229', sites)).toBe('2602.23229');
    expect(arxivIdFromUrl('http://127.0.0.1:8123/pdf/2602.23229', sites)).toBe('2602.23229');
    expect(arxivIdFromUrl('https://mirror.example/papers/2602.23229', sites)).toBeNull();
    expect(arxivIdFromUrl('http://127.0.0.1:9999/pdf/2602.23229', sites)).toBeNull();
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withFragments: true, withQueryParameters: true })), (url) => {
        const id = arxivIdFromUrl(url, SITES);
        expect(id === null || isArxivId(id)).toBe(true);
      }),
    );
  });
});

describe('isArxivId and normalizeArxivId', () => {
  it.each(['2602.23229', '1706.03762', '0704.0001', 'hep-th/9901001', 'math.GT/0309136', 'cond-mat/0102536'])(
    'accepts %s',
    (id) => expect(isArxivId(id)).toBe(true),
  );

  it.each(['', '2602.232', '2602.232291', '2602.23229v2', 'hep-th/990100', 'HEP-TH/9901001', '../2602.23229', 42])(
    'rejects %j',
    (id) => expect(isArxivId(id)).toBe(false),
  );

  it('drops a version and an "arXiv:" prefix', () => {
    expect(normalizeArxivId(' arXiv:2602.23229v4 ')).toBe('2602.23229');
    expect(normalizeArxivId('nonsense')).toBeNull();
  });
});

describe('paperUrlPatterns', () => {
  it('covers the public sites and the build’s endpoints, without ports', () => {
    const patterns = paperUrlPatterns({ hfEndpoint: 'http://127.0.0.1:8123', arxivEndpoint: 'http://127.0.0.1:8123/' });

    expect(patterns).toEqual([
      'https://huggingface.co/papers/*',
      'https://arxiv.org/abs/*',
      'https://arxiv.org/pdf/*',
      'http://127.0.0.1/papers/*',
      'http://127.0.0.1/abs/*',
      'http://127.0.0.1/pdf/*',
    ]);
  });

  it('adds nothing twice for the default endpoints', () => {
    expect(paperUrlPatterns(SITES)).toEqual([
      'https://huggingface.co/papers/*',
      'https://arxiv.org/abs/*',
      'https://arxiv.org/pdf/*',
    ]);
  });
});
