import { isPaperId, parseJsonBody } from '../parse-daily-papers';
import { parsePaper, type PaperResult } from '../parse-paper';
import { hasPdfSignature, isPdfContentType, notPdfFailure, PDF_MAX_BYTES, tooLargeFailure } from '../pdf-check';
import type { Failure } from '../types';
import { bodyText, fetchBody } from './http';

/** No byte for this long and the download is given up (a large PDF on a slow line still gets through). */
export const PDF_STALL_TIMEOUT_MS = 30_000;
/** One paper's JSON: a small answer, quickly. */
const PAPER_TIMEOUT_MS = 20_000;
const PAPER_MAX_BYTES = 2 * 1024 * 1024;
/** What a request for something that is not a paper id gets: never sent. */
const NOT_AN_ID: Failure = { kind: 'bad-response', detail: 'not an arXiv id' };

/** The URL of a paper's PDF: `${ARXIV_ENDPOINT}/pdf/{id}`. */
export function pdfUrl(arxivEndpoint: string, id: string): string {
  return `${arxivEndpoint.replace(/\/+$/, '')}/pdf/${idPath(id)}`;
}

/** The URL of one paper's JSON on Hugging Face. */
export function paperApiUrl(endpoint: string, id: string): string {
  return `${endpoint.replace(/\/+$/, '')}/api/papers/${idPath(id)}`;
}

/**
 * An id as a URL path: each segment encoded, so nothing in an id can start a query or a
 * fragment; old-style ids keep their slash (hep-th/9901001). Callers pass only ids that passed
 * isPaperId (no "." or ".." segment: a URL resolves those even encoded).
 */
function idPath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
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
 * the body streams in (lib/platform/http.ts), so a huge answer is never held in memory.
 */
export async function downloadPdf(id: string, options: PdfDownloadOptions): Promise<PdfResult> {
  if (!isPaperId(id)) return { ok: false, failure: NOT_AN_ID };
  const answer = await fetchBody(pdfUrl(options.endpoint, id), {
    fetch: options.fetch,
    now: options.now,
    accept: 'application/pdf',
    stallMs: options.stallTimeoutMs ?? PDF_STALL_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? PDF_MAX_BYTES,
    check: (response) => {
      const contentType = response.headers.get('content-type');
      return isPdfContentType(contentType) ? null : notPdfFailure(/html/i.test(contentType ?? '') ? 'page' : 'other');
    },
    tooLarge: tooLargeFailure,
    onProgress: options.onProgress,
  });
  if (!answer.ok) {
    if (answer.failure.status === undefined) return answer;
    // An HTTP status says it all; failureFromStatus's detail ("HTTP 403") would only repeat it.
    const { detail: _detail, ...failure } = answer.failure;
    return { ok: false, failure };
  }
  const data = answer.body;
  if (!hasPdfSignature(data)) {
    const start = new TextDecoder().decode(data.subarray(0, 64)).trimStart().toLowerCase();
    return { ok: false, failure: notPdfFailure(start.startsWith('<') ? 'page' : 'other') };
  }
  return { ok: true, data: data.buffer };
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
  if (!isPaperId(id)) return { ok: false, failure: NOT_AN_ID };
  const answer = await fetchBody(paperApiUrl(options.endpoint, id), {
    fetch: options.fetch,
    now: options.now,
    accept: 'application/json',
    timeoutMs: options.timeoutMs ?? PAPER_TIMEOUT_MS,
    maxBytes: PAPER_MAX_BYTES,
    noStore: true,
  });
  if (!answer.ok) return answer;
  const json = parseJsonBody(bodyText(answer.body), answer.response.headers.get('content-type'));
  if (!json.ok) return json;
  return parsePaper(json.json, id, (options.now ?? Date.now)());
}
