import { randomBytes } from 'node:crypto';
import { APP_ORIGIN } from '../../src/shared/security';

/** Path prefix of one-time report documents on app://casefile. */
export const REPORT_DOCUMENT_PREFIX = '/__report/';

/**
 * CSP of a report served for printing. The report is static (its own inline stylesheet, inline
 * images as data: URLs); no script, no fetch, no frame, nothing leaves the document. The print
 * window also runs with JavaScript disabled: this is the second lock.
 */
export const REPORT_DOCUMENT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Report HTML waiting to be loaded by the hidden print window. Each entry is served from the app's
 * own origin at an unguessable path (app://casefile/__report/<token>.html) at most once, then it is
 * gone; the printer also removes it after use, whether or not it was fetched.
 */
export class ReportDocuments {
  private readonly documents = new Map<string, string>();

  /** Stores `html` and returns its token and one-time URL. */
  add(html: string): { readonly token: string; readonly url: string } {
    const token = randomBytes(32).toString('hex');
    this.documents.set(token, html);
    return { token, url: `${APP_ORIGIN}${REPORT_DOCUMENT_PREFIX}${token}.html` };
  }

  /**
   * The document at an app:// path such as "/__report/<token>.html", removed as it is taken.
   * Undefined for an unknown, used or malformed path.
   */
  take(path: string): string | undefined {
    if (!path.startsWith(REPORT_DOCUMENT_PREFIX) || !path.endsWith('.html')) return undefined;
    const token = path.slice(REPORT_DOCUMENT_PREFIX.length, -'.html'.length);
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const html = this.documents.get(token);
    this.documents.delete(token);
    return html;
  }

  remove(token: string): void {
    this.documents.delete(token);
  }

  get size(): number {
    return this.documents.size;
  }
}

/** The app's store, shared by the app:// handler and the PDF printer. */
export const reportDocuments = new ReportDocuments();
