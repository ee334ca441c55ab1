import type { Failure } from './types';
import { formatBytes } from './units';

/**
 * What makes a download a PDF worth keeping: a plausible content type, the `%PDF-` signature,
 * and a size under the cap. arXiv answers some requests with an HTML page (a withdrawn paper,
 * a "the PDF is being built" notice, a robot check): none of that is ever stored as a PDF.
 */

/** The largest PDF Paperboy stores: arXiv papers are rarely above 20 MB; a 50 MB answer is not a paper. */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;

/** PDF readers accept the header anywhere in the first kilobyte (Acrobat's own tolerance). */
const SIGNATURE_WINDOW = 1024;
const SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** True when the first kilobyte of `bytes` holds the `%PDF-` signature. */
export function hasPdfSignature(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SIGNATURE_WINDOW) - SIGNATURE.length;
  for (let start = 0; start <= end; start += 1) {
    if (SIGNATURE.every((byte, offset) => bytes[start + offset] === byte)) return true;
  }
  return false;
}

/**
 * Whether a response's content type may be a PDF: `application/pdf` (and the old `x-pdf`), or a
 * generic binary type / none at all, which the signature then decides. A web page, JSON or text
 * never is.
 */
export function isPdfContentType(contentType: string | null): boolean {
  if (contentType === null) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return ['', 'application/pdf', 'application/x-pdf', 'application/octet-stream', 'binary/octet-stream'].includes(type);
}

/** The failure for a PDF above the cap (`bytes` when known). */
export function tooLargeFailure(bytes: number | null): Failure {
  const size = bytes === null ? 'more than' : `${formatBytes(bytes)}, above`;
  return {
    kind: 'bad-response',
    detail: `The PDF is too large to keep (${size} the ${formatBytes(PDF_MAX_BYTES)} limit)`,
  };
}

/** The failure for an answer that is not a PDF (a web page, text, an empty body). */
export function notPdfFailure(what: 'page' | 'other'): Failure {
  return {
    kind: 'bad-response',
    detail: what === 'page' ? 'arXiv sent a web page instead of the PDF' : 'arXiv sent something that is not a PDF',
  };
}

const PDF_HEADLINES: Record<Failure['kind'], string> = {
  offline: 'Could not reach arXiv (offline?)',
  timeout: 'arXiv stopped sending the PDF',
  'rate-limited': 'arXiv asked us to slow down',
  server: 'arXiv is having trouble',
  'bad-response': 'arXiv sent something that is not a PDF',
  quota: 'The browser is out of storage space: nothing stored was lost; free some space and try again',
  storage: 'The browser could not store the PDF',
};

/** One sentence saying why a PDF was not stored. */
export function describePdfFailure(failure: Failure): string {
  if (failure.kind === 'bad-response') {
    if (failure.detail !== undefined) return failure.detail;
    if (failure.status === 404) return 'arXiv has no PDF for this paper (HTTP 404)';
  }
  const status = failure.status === undefined || failure.kind === 'rate-limited' ? '' : ` (HTTP ${failure.status})`;
  return `${PDF_HEADLINES[failure.kind]}${status}`;
}
