import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserHost, printHtmlInFrame } from '../../../src/platform/browserHost';
import { MAX_PDF_HTML_LENGTH } from '../../../src/shared/ipc/channels';

const REPORT_HTML = '<!doctype html><html><body><h1>Findings</h1></body></html>';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('browser host savePdf', () => {
  it('hands the report document to the print dialog and says so', async () => {
    const printDocument = vi.fn(() => Promise.resolve());
    const host = createBrowserHost({ version: '0', printDocument });
    const result = await host.savePdf({ html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(result).toEqual({ ok: true, value: { canceled: false, printed: true } });
    expect(printDocument).toHaveBeenCalledWith(REPORT_HTML);
  });

  it.each([
    ['no html', { suggestedName: 'Report.pdf' }],
    ['html of the wrong type', { html: 1, suggestedName: 'Report.pdf' }],
    ['an extra key', { html: REPORT_HTML, suggestedName: 'Report.pdf', bytes: 'x' }],
    ['a name with a path', { html: REPORT_HTML, suggestedName: 'a/Report.pdf' }],
    ['a name that is not .pdf', { html: REPORT_HTML, suggestedName: 'Report.docx' }],
    ['html over the cap', { html: 'x'.repeat(MAX_PDF_HTML_LENGTH + 1), suggestedName: 'R.pdf' }],
  ])('refuses %s without printing', async (_label, request) => {
    const printDocument = vi.fn(() => Promise.resolve());
    const host = createBrowserHost({ version: '0', printDocument });
    const result = await host.savePdf(request as never);
    expect(result.ok ? undefined : result.error.code).toBe('ipc.payload.invalid');
    expect(printDocument).not.toHaveBeenCalled();
  });

  it('turns a print failure into report.pdfFailed', async () => {
    const host = createBrowserHost({
      version: '0',
      printDocument: () => Promise.reject(new Error('print blocked')),
    });
    const result = await host.savePdf({ html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'report.pdfFailed',
      message: 'The browser could not print the report: print blocked.',
    });
  });
});

describe('printHtmlInFrame', () => {
  it('prints the document in a script-less sandboxed iframe, then removes it', async () => {
    const printed: string[] = [];
    // jsdom has no print dialog: record what the frame held when print() was called.
    vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockImplementation(function (
      this: HTMLIFrameElement,
    ) {
      const sandbox = this.getAttribute('sandbox') ?? '';
      const html = this.srcdoc;
      return { print: () => printed.push(sandbox, html) } as unknown as Window;
    });
    const done = printHtmlInFrame(REPORT_HTML);
    const frame = document.querySelector('iframe');
    expect(frame).not.toBeNull();
    frame!.dispatchEvent(new Event('load'));
    await done;
    expect(printed).toEqual(['allow-same-origin allow-modals', REPORT_HTML]);
    expect(document.querySelector('iframe')).toBeNull();
  });
});
