import { describe, expect, it } from 'vitest';
import { fetchMonth, fetchTrending, fetchWeek, LIST_PAGE_PACE_MS } from '@/lib/platform/hf-lists';
import { makeDay } from '../fixtures/feed.mjs';
import { jsonResponse } from '../fixtures/hf-stub';

// The paginated lists (`week=`, `month=`, `sort=trending`) against a stubbed HF: the pages
// followed, the polite pause between them, and a failure part-way.
const ENDPOINT = 'https://huggingface.co';

/** A stub HF listing `total` papers, `limit` per page; `failOn` answers that page with a 429. */
function createHf(total: number, failOn?: number) {
  const items = makeDay('2026-10-05', total);
  const events: string[] = [];
  const fetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const page = Number(url.searchParams.get('p') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '50');
    events.push(`page ${page}`);
    if (page === failOn) {
      return Promise.resolve(new Response('{}', { status: 429, headers: { RateLimit: '"api";r=0;t=90' } }));
    }
    return Promise.resolve(jsonResponse(items.slice(page * limit, (page + 1) * limit)));
  };
  const sleep = (ms: number): Promise<void> => {
    events.push(`pause ${ms}`);
    return Promise.resolve();
  };
  return { fetch, sleep, events };
}

describe('paginated lists', () => {
  it('pauses between the pages of a month, not before the first nor after the last', async () => {
    const hf = createHf(250);

    const result = await fetchMonth('2026-10', { endpoint: ENDPOINT, fetch: hf.fetch, sleep: hf.sleep });

    expect(result.ok && result.papers).toHaveLength(250);
    const pause = `pause ${LIST_PAGE_PACE_MS}`;
    expect(hf.events).toEqual(['page 0', pause, 'page 1', pause, 'page 2']);
  });

  it('pauses between the pages of a week, never before the first', async () => {
    const hf = createHf(120);

    await fetchWeek('2026-W41', { endpoint: ENDPOINT, fetch: hf.fetch, sleep: hf.sleep });

    expect(hf.events).toEqual(['page 0', `pause ${LIST_PAGE_PACE_MS}`, 'page 1']);
    expect(LIST_PAGE_PACE_MS).toBeGreaterThanOrEqual(250);
  });

  it('stops at a 429 part-way with the rate-limited failure and the window to wait', async () => {
    const hf = createHf(350, 1);

    const result = await fetchMonth('2026-10', { endpoint: ENDPOINT, fetch: hf.fetch, sleep: hf.sleep, now: () => 0 });

    expect(result).toMatchObject({ ok: false, failure: { kind: 'rate-limited', status: 429 } });
    expect(!result.ok && result.failure.kind === 'rate-limited' && result.failure.retryAt).toBeGreaterThanOrEqual(
      90_000,
    );
    expect(hf.events).toEqual(['page 0', `pause ${LIST_PAGE_PACE_MS}`, 'page 1']);
  });

  it('fetches the trending pages without pausing: a user is waiting for them', async () => {
    const hf = createHf(200);

    await fetchTrending({ endpoint: ENDPOINT, fetch: hf.fetch, sleep: hf.sleep });

    expect(hf.events.filter((event) => event.startsWith('pause'))).toEqual([]);
  });
});
