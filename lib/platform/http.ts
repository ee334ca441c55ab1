import { failureFromStatus } from '../failure';
import type { Failure } from '../types';

/**
 * The one HTTP adapter: every request Paperboy makes (the feed, a paper's JSON, a PDF) goes
 * through `fetchBody`, which never throws and classifies every failure (lib/failure.ts), gives up
 * on a silent server, refuses a wrong content type before reading the body, and reads the body
 * within a size cap as it streams in, so an enormous answer is never held in memory.
 */

export interface HttpOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** The Accept header. */
  accept: string;
  /** Give up when the whole answer has not arrived by then. */
  timeoutMs?: number;
  /** Give up when no byte arrived for this long (a large PDF on a slow line still gets through). */
  stallMs?: number;
  /** Bodies past this many bytes are refused (from Content-Length, and again while streaming). */
  maxBytes: number;
  /** Skip the HTTP cache (lists that change during the day). */
  noStore?: boolean;
  /** Checks the response before its body is read: a failure refuses it. */
  check?: (response: Response) => Failure | null;
  /** The failure for a body past `maxBytes` (`declared` when the server announced its size). */
  tooLarge?: (declared: number | null) => Failure;
  /** Bytes received so far and the size announced (null when the server did not say). */
  onProgress?: (received: number, total: number | null) => void;
}

export type HttpResult = { ok: true; response: Response; body: Uint8Array<ArrayBuffer> } | { ok: false; failure: Failure };

const TOO_LARGE: Failure = { kind: 'bad-response', detail: 'the answer was far too large' };

/** Fetches `url` and reads its body within the limits. Never throws: a failure comes back classified. */
export async function fetchBody(url: string, options: HttpOptions): Promise<HttpResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const tooLarge = options.tooLarge ?? (() => TOO_LARGE);
  const controller = new AbortController();
  const overall = options.timeoutMs === undefined ? null : setTimeout(() => controller.abort(), options.timeoutMs);
  let stall: ReturnType<typeof setTimeout> | null = null;
  const keepAlive = (): void => {
    if (options.stallMs === undefined) return;
    if (stall !== null) clearTimeout(stall);
    stall = setTimeout(() => controller.abort(), options.stallMs);
  };
  keepAlive();
  try {
    let response: Response;
    try {
      response = await doFetch(url, {
        signal: controller.signal,
        headers: { Accept: options.accept },
        credentials: 'omit',
        ...(options.noStore === true ? { cache: 'no-store' as const } : {}),
      });
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: failureFromStatus(response.status, response.headers, now()) };
    }
    const refused = options.check?.(response) ?? null;
    if (refused !== null) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: refused };
    }
    const declared = declaredLength(response);
    if (declared !== null && declared > options.maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: tooLarge(declared) };
    }
    options.onProgress?.(0, declared);
    try {
      const body = await readBody(response, options.maxBytes, (received) => {
        keepAlive();
        options.onProgress?.(received, declared);
      });
      return body === null ? { ok: false, failure: tooLarge(null) } : { ok: true, response, body };
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
  } finally {
    if (overall !== null) clearTimeout(overall);
    if (stall !== null) clearTimeout(stall);
  }
}

/** Reads the whole body, giving up (null) past `maxBytes`. */
async function readBody(
  response: Response,
  maxBytes: number,
  onChunk: (received: number) => void,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
    onChunk(received);
  }
  const whole = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

function declaredLength(response: Response): number | null {
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/** The failure a rejected fetch (or body read) stands for. */
function networkFailure(error: unknown, timedOut: boolean): Failure {
  if (timedOut) return { kind: 'timeout', detail: 'no answer within the time limit' };
  // fetch rejects with a TypeError for DNS failures, refused connections and a dropped network
  // alike: to the user they all mean "cannot be reached from here".
  return { kind: 'offline', detail: error instanceof Error ? error.name : 'network error' };
}

/** The body as text (UTF-8). */
export function bodyText(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}
