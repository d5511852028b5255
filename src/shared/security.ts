/**
 * The app's own origin. IndexedDB data is keyed by origin, so changing any of these loses every
 * investigator's cases: a unit test pins them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'casefile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * CSP hash of the case report's stylesheet (REPORT_CSS in src/core/report/html.ts; a unit test
 * recomputes it). The app's CSP allows it so that a report previewed in a sandboxed srcdoc iframe,
 * which inherits this policy, is styled.
 */
export const REPORT_STYLE_HASH = 'sha256-dSv+rcAuDXWrHI7SOJ/0r+YsUAhbYL4pVoLkljHfdc0=';

/**
 * Content Security Policy for the renderer, sent as a header by the app:// handler and as a meta
 * tag in the built index.html. Starts from nothing; only same-origin script, style, fonts, images
 * and workers. `blob:` frames are for sandboxed previews of sanitised documents.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' '${REPORT_STYLE_HASH}'`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Largest file the native open dialog reads into memory (checked before reading). */
export const MAX_OPEN_FILE_BYTES = 256 * 1024 * 1024;
/** Most files one open-dialog call returns. */
export const MAX_OPEN_FILES = 5_000;
/** Most bytes one open-dialog call reads in all (summed from sizes checked before reading). */
export const MAX_OPEN_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Largest file the save dialog writes. */
export const MAX_SAVE_FILE_BYTES = 1024 * 1024 * 1024;
