/** Set by wxt.config.ts from WXT_HF_ENDPOINT at build time. */
declare const __HF_ENDPOINT__: string | undefined;
