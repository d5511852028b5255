import { describe, expect, it } from 'vitest';
import {
  generateReport,
  MAX_REPORT_FILE_STEM_LENGTH,
  reportFileName,
} from '../../../../src/core/report';
import type { ReportProgress } from '../../../../src/core/report/types';
import {
  SMALL_GENERATED_AT,
  smallReportInput,
  smallReportOptions,
} from '../../../fixtures/reports/smallCase';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('generateReport', () => {
  it('renders HTML: one self-contained file named after the title and date', async () => {
    const progress: ReportProgress[] = [];
    const result = await generateReport(smallReportInput(), smallReportOptions(), 'html', (p) =>
      progress.push(p),
    );
    if (!result.ok) throw new Error(result.error.message);
    const { file, document } = result.value;
    expect(file).toMatchObject({
      format: 'html',
      mediaType: 'text/html',
      fileName: 'Harbour-fuel-diversion-interim-report-2026-11-22.html',
    });
    const html = decode(file.bytes);
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('Harbour fuel diversion: interim report');
    expect(document.findings).toHaveLength(4);
    expect(progress.some((p) => p.stage === 'render')).toBe(true);
  });

  it('gives PDF the HTML made for printing, named .pdf, for the host to print', async () => {
    const html = await generateReport(smallReportInput(), smallReportOptions(), 'html');
    const pdf = await generateReport(smallReportInput(), smallReportOptions(), 'pdf');
    if (!html.ok || !pdf.ok) throw new Error('generation failed');
    expect(pdf.value.file.mediaType).toBe('text/html');
    expect(pdf.value.file.fileName).toBe('Harbour-fuel-diversion-interim-report-2026-11-22.pdf');
    // The same report, less the footnotes' back-links (a PDF viewer has its own Back).
    const printed = decode(pdf.value.file.bytes);
    expect(printed).not.toContain('class="backlink"');
    expect(decode(html.value.file.bytes)).toContain('class="backlink"');
    expect(printed).toBe(
      decode(html.value.file.bytes).replace(/<a class="backlink"[^>]*>[^<]*<\/a>/g, ''),
    );
  });

  it('renders Markdown as text/markdown .md', async () => {
    const result = await generateReport(smallReportInput(), smallReportOptions(), 'markdown');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.file.mediaType).toBe('text/markdown');
    expect(result.value.file.fileName).toMatch(/\.md$/);
    expect(decode(result.value.file.bytes)).toContain('Harbour fuel diversion: interim report');
  });

  it('renders Word as a .docx ZIP', async () => {
    const result = await generateReport(smallReportInput(), smallReportOptions(), 'docx');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.file.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(result.value.file.fileName).toMatch(/\.docx$/);
    // "PK": a ZIP container.
    expect([...result.value.file.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('refuses an empty title with the validator’s specific error, rendering nothing', async () => {
    const progress: ReportProgress[] = [];
    const result = await generateReport(
      smallReportInput(),
      smallReportOptions({ title: '   ' }),
      'html',
      (p) => progress.push(p),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toMatch(/^report\./);
    expect(result.error.message).toMatch(/title/);
    expect(progress).toEqual([]);
  });

  it('refuses options that are not an object, and an unknown format', async () => {
    const notOptions = await generateReport(smallReportInput(), 'everything', 'html');
    expect(notOptions.ok).toBe(false);
    const badFormat = await generateReport(
      smallReportInput(),
      smallReportOptions(),
      'rtf' as never,
    );
    expect(badFormat).toEqual({
      ok: false,
      error: { code: 'report.format.invalid', message: 'Unknown report format: rtf.' },
    });
  });
});

describe('reportFileName', () => {
  it('keeps letters and digits of any script, one hyphen for anything else', () => {
    expect(reportFileName('Operation Harbour — interim', SMALL_GENERATED_AT, 'pdf')).toBe(
      'Operation-Harbour-interim-2026-11-22.pdf',
    );
    expect(reportFileName('Отчёт: порт №7', SMALL_GENERATED_AT, 'docx')).toBe(
      'Отчёт-порт-7-2026-11-22.docx',
    );
    expect(reportFileName('../../etc/passwd', SMALL_GENERATED_AT, 'html')).toBe(
      'etc-passwd-2026-11-22.html',
    );
    expect(reportFileName('a\\b:c*?"<>|d', SMALL_GENERATED_AT, 'markdown')).toBe(
      'a-b-c-d-2026-11-22.md',
    );
  });

  it('falls back to "report" and caps the title part', () => {
    expect(reportFileName('<<>>', SMALL_GENERATED_AT, 'html')).toBe('report-2026-11-22.html');
    const long = reportFileName('x'.repeat(500), SMALL_GENERATED_AT, 'html');
    expect(long).toBe(`${'x'.repeat(MAX_REPORT_FILE_STEM_LENGTH)}-2026-11-22.html`);
  });
});
