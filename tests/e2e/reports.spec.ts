import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { findingSentence } from '../../src/core/report/text';
import { smallReportDocument, smallReportInput } from '../fixtures/reports/smallCase';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { ReportsPage } from './pages/ReportsPage';
import { reportCaseTables } from './reportSeed';
import { seedTables, storedRows } from './seed';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp';
const TITLE = 'Harbour fuel diversion: interim report';
const MARKING = 'TLP:AMBER+STRICT';

/** What the small case's report says, as core builds it (the same sentences every format prints). */
const expected = smallReportDocument();
const CLAIM_LINES = expected.findings.map((f) => findingSentence(f));
const QUOTE =
  'Bank records seen by the Gazette show that Jonas Brandt transferred EUR 12,000 to Kessel two days after the delivery.';
const SOURCES = expected.sources.map((s) => ({ title: s.title, sha256: s.sha256 }));

/** Flattens white space (pdftotext breaks lines where the page does). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Records report documents handed to the browser host's print path: a hidden iframe whose
 * srcdoc is the report. Installed in the app's page only (an init script would also run, and be
 * blocked, in the sandboxed frames).
 */
function capturePrints(): void {
  const printed: string[] = [];
  (window as unknown as { __printedReports: string[] }).__printedReports = printed;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLIFrameElement && node.srcdoc && node.getAttribute('aria-hidden')) {
          printed.push(node.srcdoc);
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

describe('case reports (web build)', () => {
  const input = smallReportInput();
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CaseListPage(page).goto(baseUrl);
    await seedTables(page, reportCaseTables(input));
    await page.goto(`${baseUrl}#/case/${input.case.id}/overview`);
    await page.reload();
  });

  it('builds a report from a small case, previews it, saves HTML, and prints it to a PDF with the marking on every page', async () => {
    const page = session.page;
    const reports = new ReportsPage(page);
    await page.getByRole('heading', { name: input.case.title, level: 1 }).waitFor();
    await reports.openFromWorkspace();
    expect(new URL(page.url()).hash).toBe(`#/case/${input.case.id}/reports`);

    // Title, marking, the note as narrative, every claim.
    await reports.title.fill(TITLE);
    await reports.marking.selectOption(MARKING);
    await reports.narrative.selectOption({ label: input.note?.title ?? '' });
    await reports.list('Claims').getByRole('button', { name: 'All claims' }).click();
    await reports.list('Claims').locator('legend').getByText('(4 of 4)').waitFor();

    // The preview shows every claim line and the title, inside the sandboxed frame.
    expect(await reports.previewFrame.getAttribute('sandbox')).toBe('');
    await reports.waitForPreview(TITLE);
    for (const line of CLAIM_LINES) await reports.waitForPreview(line);
    await reports.waitForPreview(QUOTE);
    await reports.preview.getByRole('img', { name: 'Link chart: Who paid whom' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/report-e2e-area.png` });
    await reports.list('Sources').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/report-e2e-area-sources.png` });

    // Save HTML: the browser downloads it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reports.save('HTML').click(),
    ]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/^Harbour-fuel-diversion-interim-report-\d{4}-\d\d-\d\d\.html$/);
    await reports.status.getByText(`Saved the HTML report as ${fileName}.`).waitFor();
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src (&#39;|')none\1; style-src/,
    );
    const htmlText = flat(html);
    for (const line of CLAIM_LINES) expect(htmlText).toContain(line);
    expect(htmlText).toContain(QUOTE);
    expect(html).toMatch(/href="#fn-1"/);
    for (const source of SOURCES) expect(html).toContain(source.sha256);
    expect(html).toContain(MARKING);
    // The saved chart, drawn by the app from what the report includes.
    expect(html).toMatch(
      /<img class="chart" src="data:image\/svg\+xml;base64,[^"]+" alt="Link chart: Who paid whom"/,
    );

    // Word and Markdown download the same way.
    const [word] = await Promise.all([page.waitForEvent('download'), reports.save('Word').click()]);
    expect(word.suggestedFilename()).toBe(fileName.replace(/\.html$/, '.docx'));
    expect([...readFileSync(await word.path()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      reports.save('Markdown').click(),
    ]);
    expect(markdown.suggestedFilename()).toBe(fileName.replace(/\.html$/, '.md'));
    const markdownText = flat(readFileSync(await markdown.path(), 'utf8'));
    for (const line of CLAIM_LINES) expect(markdownText).toContain(line);

    // The export is in the case's audit trail with the file's fingerprint.
    const events = (
      await storedRows<{
        caseId: string;
        seq: number;
        action: string;
        detail: Record<string, unknown>;
      }>(page, 'audit')
    )
      .filter((e) => e.caseId === input.case.id)
      .sort((x, y) => x.seq - y.seq);
    const exported = events.filter((e) => e.action === 'report.exported');
    expect(exported.map((e) => e.detail['format'])).toEqual(['html', 'docx', 'markdown']);
    expect(exported[0]?.detail).toMatchObject({ format: 'html', fileName, title: TITLE });

    // The web build's PDF is the browser's print of that HTML: print it the same way here.
    const printer = await page.context().newPage();
    await printer.setContent(html, { waitUntil: 'load' });
    const pdf = await printer.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
    });
    await printer.close();
    const dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((pageText, i) => {
      expect(pageText, `page ${i + 1} carries the marking`).toContain(MARKING);
      expect(flat(pageText), `page ${i + 1} is numbered`).toContain(
        `Page ${i + 1} of ${pages.length}`,
      );
    });
    const pdfText = flat(text);
    for (const line of CLAIM_LINES) expect(pdfText).toContain(line);
    expect(pdfText).toContain(QUOTE);
    // The quote's footnote: its source, locator and grade.
    expect(pdfText).toMatch(/S1, Fuel deliveries vanish at Port Halden, pp\. 1–2, graded B/);
    for (const source of SOURCES) expect(pdfText).toContain(source.sha256);
    // Internal links (table of contents, footnote references) survive as link annotations.
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Subtype\s*\/Link/);
    expect(raw).toMatch(/\/Dest\b|\/GoTo\b/);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, `${SHOTS}/report-e2e`]);

    // "Save PDF" in the app hands the same report to the browser's print path.
    await page.evaluate(capturePrints);
    await reports.save('PDF').click();
    await reports.status.getByText('Sent to the print dialog — choose Save as PDF.').waitFor();
    const printed = await page.evaluate(
      () => (window as unknown as { __printedReports: string[] }).__printedReports,
    );
    expect(printed).toHaveLength(1);
    // The HTML made for printing: footnotes without back-links (a PDF viewer has its own Back).
    expect(printed[0]).not.toContain('class="backlink"');
    expect(html).toContain('class="backlink"');
    const printedText = flat(printed[0] ?? '');
    expect(printedText).toContain(TITLE);
    for (const line of CLAIM_LINES) expect(printedText).toContain(line);
    for (const source of SOURCES) expect(printedText).toContain(source.sha256);
  });
});
