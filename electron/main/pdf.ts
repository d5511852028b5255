import type { BrowserWindow } from 'electron';
import { err, ok, type Result } from '../../src/shared/result';
import type { ReportDocuments } from './reportDocuments';
import { createWindow } from './window';

/** How long the hidden window may take to load a report before printing is given up. */
export const PDF_LOAD_TIMEOUT_MS = 60_000;
/** How long printing may take (the 1,000-claim report prints 540 pages in about 20 s). */
export const PDF_PRINT_TIMEOUT_MS = 5 * 60_000;

/**
 * The report's own CSS decides the page (size, margins, @page boxes with the marking and page
 * numbers); headings become the PDF outline. Tagging is asked for per report (savePdfRequest).
 */
export const PDF_PRINT_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  generateDocumentOutline: true,
} as const;

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

class Timeout extends Error {}

/**
 * Prints report HTML to PDF bytes: the document is served once from app:// (never a data: URL, too
 * small, nor file://) into a hidden, script-less window made by the hardened window factory. The
 * window and the document are always gone afterwards, whatever happened.
 */
export async function printReportToPdf(
  html: string,
  documents: ReportDocuments,
  loadTimeoutMs: number = PDF_LOAD_TIMEOUT_MS,
  tagged = false,
): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const { token, url } = documents.add(html);
  let window: BrowserWindow | undefined;
  try {
    window = createWindow({ kind: 'print' });
    const loading = window.loadURL(url);
    // Destroying the window on a timeout rejects these later; nobody waits for them then.
    loading.catch(() => undefined);
    await withTimeout(
      loading,
      loadTimeoutMs,
      () =>
        new Timeout(
          `The report did not finish loading for printing within ${Math.round(loadTimeoutMs / 1000)} s.`,
        ),
    );
    const printing = window.webContents.printToPDF({
      ...PDF_PRINT_OPTIONS,
      generateTaggedPDF: tagged,
    });
    printing.catch(() => undefined);
    const pdf = await withTimeout(
      printing,
      PDF_PRINT_TIMEOUT_MS,
      () => new Timeout('Printing the report to PDF took too long.'),
    );
    return ok(new Uint8Array(pdf));
  } catch (error) {
    if (error instanceof Timeout) return err('report.pdfTimeout', error.message);
    const detail = error instanceof Error ? error.message : String(error);
    return err('report.pdfFailed', `Casefile could not print the report to PDF: ${detail}.`);
  } finally {
    documents.remove(token);
    if (window && !window.isDestroyed()) window.destroy();
  }
}
