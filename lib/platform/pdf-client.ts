import { failureFromStatus } from '../failure';
import { parseJsonBody } from '../parse-daily-papers';
import { parsePaper, type PaperResult } from '../parse-paper';
import { hasPdfSignature, isPdfContentType, notPdfFailure, PDF_MAX_BYTES, tooLargeFailure } from '../pdf-check';
import type { Failure } from '../types';

/** No byte for this long and the download is given up (a large PDF on a slow line still gets through). */
export const PDF_STALL_TIMEOUT_MS = 30_000;
/** One paper's JSON: a small answer, quickly. */
const PAPER_TIMEOUT_MS = 20_000;
const PAPER_MAX_BYTES = 2 * 1024 * 1024;

/** The URL of a paper's PDF: `${ARXIV_ENDPOINT}/pdf/{id}`. */
export function pdfUrl(arxivEndpoint: string, id: string): string {
  return `${arxivEndpoint.replace(/\/+$/, '')}/pdf/${id}`;
}

/** The URL of one paper's JSON on Hugging Face. */
export function paperApiUrl(endpoint: string, id: string): string {
  return `${endpoint.replace(/\/+$/, '')}/api/papers/${id}`;
}

export interface PdfDownloadOptions {
  /** The arXiv endpoint (ARXIV_ENDPOINT). */
  endpoint: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Bytes received so far and the size announced (null when the server did not say). */
  onProgress?: (received: number, total: number | null) => void;
  stallTimeoutMs?: number;
  maxBytes?: number;
}

export type PdfResult = { ok: true; data: ArrayBuffer } | { ok: false; failure: Failure };

/**
 * Downloads a paper's PDF. Never throws: a failure comes back classified. Only a real PDF is
 * returned: a web page or any other content type is refused before its body is read, and the
 * `%PDF-` signature is checked; the size cap is enforced from Content-Length and again while
 * the body streams in, so a huge answer is never held in memory.
 */
export async function downloadPdf(id: string, options: PdfDownloadOptions): Promise<PdfResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? PDF_MAX_BYTES;
  const stallMs = options.stallTimeoutMs ?? PDF_STALL_TIMEOUT_MS;
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), stallMs);
  const keepAlive = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), stallMs);
  };
  try {
    let response: Response;
    try {
      response = await doFetch(pdfUrl(options.endpoint, id), {
        signal: controller.signal,
        headers: { Accept: 'application/pdf' },
        credentials: 'omit',
      });
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      // The status says it all; failureFromStatus's detail ("HTTP 403") would only repeat it.
      const { detail: _detail, ...failure } = failureFromStatus(response.status, response.headers, now());
      return { ok: false, failure };
    }
    const contentType = response.headers.get('content-type');
    if (!isPdfContentType(contentType)) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: notPdfFailure(/html/i.test(contentType ?? '') ? 'page' : 'other') };
    }
    const declared = declaredLength(response);
    if (declared !== null && declared > maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: tooLargeFailure(declared) };
    }
    options.onProgress?.(0, declared);
    let data: Uint8Array<ArrayBuffer>;
    try {
      const read = await readBody(response, maxBytes, (received) => {
        keepAlive();
        options.onProgress?.(received, declared);
      });
      if (read === null) return { ok: false, failure: tooLargeFailure(null) };
      data = read;
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (!hasPdfSignature(data)) {
      const start = new TextDecoder().decode(data.subarray(0, 64)).trimStart().toLowerCase();
      return { ok: false, failure: notPdfFailure(start.startsWith('<') ? 'page' : 'other') };
    }
    return { ok: true, data: data.buffer };
  } finally {
    clearTimeout(timer);
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

export interface PaperLookupOptions {
  /** The Hugging Face endpoint (a mirror set in the options wins). */
  endpoint: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Looks one paper up on Hugging Face (`/api/papers/{id}`), for a paper that is not in the feed
 * cache (the context menu on an arXiv page). Never throws; 404 means HF does not know the paper.
 */
export async function fetchPaper(id: string, options: PaperLookupOptions): Promise<PaperResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? PAPER_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await doFetch(paperApiUrl(options.endpoint, id), {
        signal: controller.signal,
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: failureFromStatus(response.status, response.headers, now()) };
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readBody(response, PAPER_MAX_BYTES, () => undefined);
    } catch (error) {
      return { ok: false, failure: networkFailure(error, controller.signal.aborted) };
    }
    if (bytes === null) return { ok: false, failure: { kind: 'bad-response', detail: 'the answer was far too large' } };
    const json = parseJsonBody(new TextDecoder().decode(bytes), response.headers.get('content-type'));
    if (!json.ok) return json;
    return parsePaper(json.json, id, now());
  } finally {
    clearTimeout(timer);
  }
}

function networkFailure(error: unknown, timedOut: boolean): Failure {
  if (timedOut) return { kind: 'timeout', detail: 'no answer within the time limit' };
  // fetch rejects with a TypeError whatever the network trouble: to the user, "cannot be reached".
  return { kind: 'offline', detail: error instanceof Error ? error.name : 'network error' };
}
