import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describePdfFailure,
  hasPdfSignature,
  isPdfContentType,
  notPdfFailure,
  PDF_MAX_BYTES,
  tooLargeFailure,
} from '@/lib/pdf-check';
import { formatBytes } from '@/lib/units';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('hasPdfSignature', () => {
  it('recognises the fixture PDF', () => {
    expect(hasPdfSignature(new Uint8Array(readFileSync('tests/fixtures/tiny.pdf')))).toBe(true);
  });

  it.each([
    ['a PDF header at the start', '%PDF-1.7\n…', true],
    ['a header after a little junk (readers accept it in the first kilobyte)', '\r\n  %PDF-1.4', true],
    ['a header past the first kilobyte', `${' '.repeat(1024)}%PDF-1.4`, false],
    ['a web page', '<!doctype html><title>arXiv</title>', false],
    ['a truncated header', '%PDF', false],
    ['nothing', '', false],
  ])('%s', (_name, text, expected) => {
    expect(hasPdfSignature(bytes(text))).toBe(expected);
  });
});

describe('isPdfContentType', () => {
  it.each([
    ['application/pdf', true],
    ['Application/PDF; charset=binary', true],
    ['application/x-pdf', true],
    ['application/octet-stream', true],
    [null, true],
    ['text/html; charset=utf-8', false],
    ['application/json', false],
    ['text/plain', false],
  ])('%j → %s', (type, expected) => {
    expect(isPdfContentType(type)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [591, '591 bytes'],
    [1024, '1 KB'],
    [34_000, '33 KB'],
    [1_258_291, '1.2 MB'],
    [PDF_MAX_BYTES, '50 MB'],
    [2.2e9, '2.05 GB'],
    [-1, '—'],
  ])('%d → %s', (size, expected) => {
    expect(formatBytes(size)).toBe(expected);
  });
});

describe('describePdfFailure', () => {
  it.each([
    [tooLargeFailure(60 * 1024 * 1024), 'The PDF is too large to keep (60 MB, above the 50 MB limit)'],
    [tooLargeFailure(null), 'The PDF is too large to keep (more than the 50 MB limit)'],
    [notPdfFailure('page'), 'arXiv sent a web page instead of the PDF'],
    [{ kind: 'bad-response' as const, status: 404 }, 'arXiv has no PDF for this paper (HTTP 404)'],
    [{ kind: 'bad-response' as const, status: 403 }, 'arXiv sent something that is not a PDF (HTTP 403)'],
    [{ kind: 'offline' as const }, 'Could not reach arXiv (offline?)'],
    [{ kind: 'server' as const, status: 503 }, 'arXiv is having trouble (HTTP 503)'],
    [{ kind: 'rate-limited' as const, status: 429 }, 'arXiv asked us to slow down'],
    [
      { kind: 'quota' as const },
      'The browser is out of storage space: nothing stored was lost; free some space and try again',
    ],
  ])('%j → %s', (failure, expected) => {
    expect(describePdfFailure(failure)).toBe(expected);
  });
});
