/** Set by wxt.config.ts from WXT_HF_ENDPOINT at build time. */
declare const __HF_ENDPOINT__: string | undefined;
/** Set by wxt.config.ts from WXT_ARXIV_ENDPOINT at build time (where saved PDFs come from). */
declare const __ARXIV_ENDPOINT__: string | undefined;
