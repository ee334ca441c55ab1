import { describe, expect, it } from 'vitest';
import { isPaperId } from '@/lib/parse-daily-papers';
import { fetchBody } from '@/lib/platform/http';
import { downloadPdf, fetchPaper, paperApiUrl, pdfUrl } from '@/lib/platform/pdf-client';

// The one HTTP adapter (lib/platform/http.ts) and the URLs built from ids that may come from
// outside (sync, a backup file): the feed's own cases are in hf-client.test.ts.

/** A fetch that records the URLs asked for and answers each with `answer()`. */
function recordingFetch(answer: () => Response): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: ((input: string | URL) => {
      urls.push(String(input));
      return Promise.resolve(answer());
    }) as typeof fetch,
  };
}

describe('ids in URLs', () => {
  it.each(['2602.23229', 'hep-th/9901001', '2602.23229v2'])('accepts the arXiv id %s', (id) => {
    expect(isPaperId(id)).toBe(true);
  });

  it.each(['../../admin', '2602.23229/..', './x', 'a//b', '/2602.23229', '2602.23229/', 'a b', '', 'x'.repeat(65)])(
    'refuses %j as a paper id',
    (id) => {
      expect(isPaperId(id)).toBe(false);
    },
  );

  it('keeps an old-style id one path below /pdf/ and /api/papers/', () => {
    expect(pdfUrl('https://arxiv.org', 'hep-th/9901001')).toBe('https://arxiv.org/pdf/hep-th/9901001');
    expect(paperApiUrl('https://huggingface.co/', '2602.23229')).toBe('https://huggingface.co/api/papers/2602.23229');
  });

  it('never sends a request for something that is not a paper id', async () => {
    const server = recordingFetch(() => new Response('%PDF-1.4', { headers: { 'content-type': 'application/pdf' } }));

    const pdf = await downloadPdf('../../admin', { endpoint: 'https://arxiv.test', fetch: server.fetch });
    const paper = await fetchPaper('../../admin', { endpoint: 'https://hf.test', fetch: server.fetch });

    expect(pdf).toEqual({ ok: false, failure: { kind: 'bad-response', detail: 'not an arXiv id' } });
    expect(paper).toEqual({ ok: false, failure: { kind: 'bad-response', detail: 'not an arXiv id' } });
    expect(server.urls).toEqual([]);
  });
});

describe('fetchBody', () => {
  it('refuses a response its check rejects before reading the body', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new Uint8Array(10));
        },
      },
      { highWaterMark: 0 },
    );
    const server = recordingFetch(() => new Response(body, { headers: { 'content-type': 'text/html' } }));

    const actual = await fetchBody('https://x.test/a', {
      fetch: server.fetch,
      accept: 'application/pdf',
      maxBytes: 100,
      check: (response) =>
        response.headers.get('content-type') === 'text/html' ? { kind: 'bad-response', detail: 'a page' } : null,
    });

    expect(actual).toEqual({ ok: false, failure: { kind: 'bad-response', detail: 'a page' } });
    expect(pulled).toBe(false);
  });

  it('gives up on a server that stops sending, with a timeout', async () => {
    const fetchStalled = ((_input: string, init: RequestInit) => {
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          // Four bytes, then silence; a real fetch errors the body when its signal aborts.
          controller.enqueue(new Uint8Array(4));
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return Promise.resolve(new Response(stalled));
    }) as unknown as typeof fetch;

    const actual = await fetchBody('https://x.test/a', {
      fetch: fetchStalled,
      accept: '*/*',
      maxBytes: 100,
      stallMs: 20,
    });

    expect(actual).toEqual({ ok: false, failure: { kind: 'timeout', detail: 'no answer within the time limit' } });
  });

  it('reports progress as the body streams in', async () => {
    const server = recordingFetch(() => new Response(new Uint8Array(300), { headers: { 'content-length': '300' } }));
    const seen: [number, number | null][] = [];

    const actual = await fetchBody('https://x.test/a', {
      fetch: server.fetch,
      accept: '*/*',
      maxBytes: 1000,
      onProgress: (received, total) => seen.push([received, total]),
    });

    expect(actual.ok).toBe(true);
    expect(seen[0]).toEqual([0, 300]);
    expect(seen.at(-1)).toEqual([300, 300]);
  });
});
