/**
 * One call from builder options to a finished file: validate, build the document, render it in
 * the chosen format. Runs in the report worker (src/app/report.worker.ts) and, in component
 * tests, in the UI thread.
 */
import { err, ok, type Result } from '../../shared/result';
import { buildReport } from './build';
import { renderReportDocx } from './docx';
import { renderReportHtml } from './html';
import { renderReportMarkdown } from './markdown';
import { validateReportOptions } from './options';
import type {
  ReportDocument,
  ReportFile,
  ReportFormat,
  ReportInput,
  ReportProgress,
} from './types';

/** Longest file name stem taken from the title (before the date and extension). */
export const MAX_REPORT_FILE_STEM_LENGTH = 120;

const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html',
  // The host prints this HTML to PDF (Electron printToPDF, or the browser's print dialog).
  pdf: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
};

const EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  markdown: 'md',
};

/**
 * "Operation Harbour — interim" generated 2026-11-22 → "Operation-Harbour-interim-2026-11-22.pdf".
 * Letters and digits of any script are kept (a Cyrillic title stays readable); everything else
 * that could mean something to a file system or shell becomes one hyphen.
 */
export function reportFileName(title: string, generatedAt: string, format: ReportFormat): string {
  const stem =
    title
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .replace(/-{2,}/g, '-')
      .slice(0, MAX_REPORT_FILE_STEM_LENGTH)
      .replace(/[-.]+$/, '') || 'report';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(generatedAt)?.[0];
  return `${date ? `${stem}-${date}` : stem}.${EXTENSIONS[format]}`;
}

/** Builds the report and renders it as `format`. Bad options: the validator's specific error. */
export async function generateReport(
  input: ReportInput,
  options: unknown,
  format: ReportFormat,
  onProgress?: (progress: ReportProgress) => void,
): Promise<Result<{ document: ReportDocument; file: ReportFile }>> {
  if (!(format in EXTENSIONS)) {
    return err('report.format.invalid', `Unknown report format: ${String(format)}.`);
  }
  const validated = validateReportOptions(options, input);
  if (!validated.ok) return validated;
  const built = buildReport(input, validated.value, onProgress);
  if (!built.ok) return built;
  const document = built.value;
  let bytes: Uint8Array;
  if (format === 'docx') {
    bytes = await renderReportDocx(document, onProgress);
  } else {
    onProgress?.({ stage: 'render', done: 0, total: 1 });
    const text =
      format === 'markdown'
        ? renderReportMarkdown(document)
        : renderReportHtml(document, { forPrint: format === 'pdf' });
    bytes = new TextEncoder().encode(text);
    onProgress?.({ stage: 'render', done: 1, total: 1 });
  }
  return ok({
    document,
    file: {
      format,
      fileName: reportFileName(document.title, document.generatedAt, format),
      mediaType: MEDIA_TYPES[format],
      bytes,
    },
  });
}
