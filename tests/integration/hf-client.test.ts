import { afterEach, describe, expect, it, vi } from 'vitest';
import { dailyPapersUrl, fetchDay, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from '@/lib/platform/hf-client';
import { makeDay, sampleItems } from '../fixtures/feed.mjs';
import { createFakeHf, hangUntilAborted, jsonResponse, offline } from '../fixtures/hf-stub';

const ENDPOINT = 'https://huggingface.co';
const DAY = '2026-03-06';
const NOW = Date.parse('2026-03-06T15:00:00Z');

/** A response whose body streams `chunks` chunks of `chunkBytes`, counting how many were read. */
function streamingResponse(chunks: number, chunkBytes: number) {
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const progress = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (progress.pulled >= chunks) {
          controller.close();
          return;
        }
        progress.pulled += 1;
        controller.enqueue(chunk);
      },
      cancel() {
        progress.cancelled = true;
      },
      // Pull only when read, so `pulled` counts what the client actually asked for.
    },
    new CountQueuingStrategy({ highWaterMark: 0 }),
  );
  const response = new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  return { response, progress };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchDay', () => {
  it('returns the parsed papers of the day', async () => {
    const hf = createFakeHf();
    hf.feed.set(DAY, makeDay(DAY, 3));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch, now: () => NOW });

    expect(actual.ok).toBe(true);
    expect(actual.ok && actual.papers.map((paper) => paper.id)).toEqual(makeDay(DAY, 3).map((item) => item.paper.id));
    expect(actual.ok && actual.papers.every((paper) => paper.feedDay === DAY)).toBe(true);
  });

  it('reads the recorded real response', async () => {
    const hf = createFakeHf();
    hf.feed.set(DAY, sampleItems);

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({ ok: true, skipped: 0 });
    expect(actual.ok && actual.papers.find((paper) => paper.id === '2602.23229')).toMatchObject({
      upvotes: 10,
      numComments: 1,
    });
  });

  it('asks for that one day, up to 100 papers, without cookies', async () => {
    const hf = createFakeHf();

    await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(hf.urls).toEqual(['https://huggingface.co/api/daily_papers?date=2026-03-06&limit=100']);
    expect(hf.urls[0]).toBe(dailyPapersUrl(ENDPOINT, DAY));
    expect(hf.fetch).toHaveBeenCalledWith(
      dailyPapersUrl(ENDPOINT, DAY),
      expect.objectContaining({ credentials: 'omit', signal: expect.any(AbortSignal) as AbortSignal }),
    );
  });

  it('builds the URL on another endpoint (a mirror, the e2e server)', () => {
    const actual = dailyPapersUrl('http://127.0.0.1:8787', '2023-05-04');

    expect(actual).toBe('http://127.0.0.1:8787/api/daily_papers?date=2023-05-04&limit=100');
  });

  it('keeps the path of a mirror endpoint, as HF_ENDPOINT does', () => {
    const actual = dailyPapersUrl('https://mirror.example/hf/', '2023-05-04');

    expect(actual).toBe('https://mirror.example/hf/api/daily_papers?date=2023-05-04&limit=100');
  });

  it.each([
    [500, { kind: 'server', status: 500 }],
    [503, { kind: 'server', status: 503 }],
    [400, { kind: 'bad-response', status: 400 }],
    [404, { kind: 'bad-response', status: 404 }],
  ])('classifies HTTP %i', async (status, expected) => {
    const hf = createFakeHf();
    hf.answerWith(() => new Response('{"error":"nope"}', { status }));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({ ok: false, failure: expected });
  });

  it('reports a 429 as rate-limited until the RateLimit window ends, by the clock passed in', async () => {
    const hf = createFakeHf();
    hf.answerWith(() => new Response('Too Many Requests', { status: 429, headers: { RateLimit: '"api";r=0;t=120' } }));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch, now: () => NOW });

    expect(actual).toEqual({ ok: false, failure: { kind: 'rate-limited', status: 429, retryAt: NOW + 121_000 } });
  });

  it('rejects an HTML page served with status 200 (a captive portal)', async () => {
    const hf = createFakeHf();
    hf.answerWith(
      () =>
        new Response('<!DOCTYPE html><html><body>Log in to the hotel Wi-Fi</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', detail: 'got a web page instead of data' },
    });
  });

  it('rejects broken JSON', async () => {
    const hf = createFakeHf();
    hf.answerWith(() => new Response('[{"paper":{"id":"2602.23229","title":"Large', { status: 200 }));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', detail: 'the answer was not valid JSON' },
    });
  });

  it('rejects an object where a list of papers belongs', async () => {
    const hf = createFakeHf();
    hf.answerWith(() => jsonResponse({ error: 'Invalid date' }));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('stops reading a streamed body past MAX_BODY_BYTES', async () => {
    const chunkBytes = 1024 * 1024;
    const chunks = MAX_BODY_BYTES / chunkBytes + 4;
    const { response, progress } = streamingResponse(chunks, chunkBytes);
    const hf = createFakeHf();
    hf.answerWith(() => response);

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toEqual({ ok: false, failure: { kind: 'bad-response', detail: 'the answer was far too large' } });
    expect(progress.pulled).toBeLessThan(chunks);
    expect(progress.cancelled).toBe(true);
  });

  it('refuses a body that declares itself larger than MAX_BODY_BYTES without reading it', async () => {
    const { response, progress } = streamingResponse(1, 16);
    response.headers.set('content-length', String(MAX_BODY_BYTES + 1));
    const hf = createFakeHf();
    hf.answerWith(() => response);

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', detail: 'the answer was far too large' },
    });
    expect(progress.pulled).toBe(0);
  });

  it('reads a body of exactly MAX_BODY_BYTES', async () => {
    const text = `[${' '.repeat(MAX_BODY_BYTES - 2)}]`;
    const hf = createFakeHf();
    hf.answerWith(() => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }));

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toEqual({ ok: true, papers: [], skipped: 0 });
  });

  it('reports offline when fetch rejects with a TypeError', async () => {
    const hf = createFakeHf();
    hf.answerWith(offline);

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch });

    expect(actual).toEqual({ ok: false, failure: { kind: 'offline', detail: 'TypeError' } });
  });

  it('gives up with a timeout when the request never answers', async () => {
    const hf = createFakeHf();
    hf.answerWith(hangUntilAborted);

    const actual = await fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch, timeoutMs: 20 });

    expect(actual).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });

  it('waits REQUEST_TIMEOUT_MS (20 s) by default before giving up', async () => {
    vi.useFakeTimers();
    const hf = createFakeHf();
    hf.answerWith(hangUntilAborted);
    let settled: unknown = 'pending';

    const result = fetchDay(DAY, { endpoint: ENDPOINT, fetch: hf.fetch }).then((value) => (settled = value));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    const beforeTimeout = settled;
    await vi.advanceTimersByTimeAsync(1);
    await result;

    expect(REQUEST_TIMEOUT_MS).toBe(20_000);
    expect(beforeTimeout).toBe('pending');
    expect(settled).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });
});
