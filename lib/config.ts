/** The Hugging Face endpoint, fixed at build time (WXT_HF_ENDPOINT; see wxt.config.ts). */
export const HF_ENDPOINT: string =
  typeof __HF_ENDPOINT__ === 'string' && __HF_ENDPOINT__ !== '' ? __HF_ENDPOINT__ : 'https://huggingface.co';
/** Where saved PDFs are fetched from (`{ARXIV_ENDPOINT}/pdf/{id}`), fixed at build time. */
export const ARXIV_ENDPOINT: string =
  typeof __ARXIV_ENDPOINT__ === 'string' && __ARXIV_ENDPOINT__ !== '' ? __ARXIV_ENDPOINT__ : 'https://arxiv.org';

/** The alarm behind the scheduled refresh. */
export const REFRESH_ALARM = 'paperboy-refresh';
/** Opening the popup refreshes when the last success is older than this. */
export const POPUP_REFRESH_AFTER_MS = 60_000;
/** The alarm that keeps the tooltip's "updated N min ago" true between refreshes. */
export const TOOLTIP_ALARM = 'paperboy-tooltip';
export const TOOLTIP_PERIOD_MINUTES = 5;
