import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeFileAccess, registerIpcHandlers, type FileAccess } from '../../../electron/main/ipc';
import { PDF_PRINT_OPTIONS } from '../../../electron/main/pdf';
import { createAppProtocolHandler } from '../../../electron/main/protocol';
import { REPORT_DOCUMENT_CSP, ReportDocuments } from '../../../electron/main/reportDocuments';
import { printWindowWebPreferences } from '../../../electron/main/window';
import { IPC_CHANNELS, MAX_PDF_HTML_LENGTH } from '../../../src/shared/ipc/channels';
import type { Result } from '../../../src/shared/result';
import { callLog, fakeElectron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

const REPORT_HTML =
  '<!doctype html><html><head><title>Report</title></head><body><h1>Findings</h1></body></html>';

let dir: string;
let files: FileAccess & { writeFile: ReturnType<typeof vi.fn> };
let documents: ReportDocuments;
/** What the app:// handler answered to each load of the print window. */
let served: { url: string; status: number; body: string; csp: string | null }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-pdf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(() => {
  resetFakeElectron();
  documents = new ReportDocuments();
  served = [];
  files = {
    stat: vi.fn(nodeFileAccess.stat),
    readFile: vi.fn(nodeFileAccess.readFile),
    writeFile: vi.fn(nodeFileAccess.writeFile),
  };
});

/** The app window that calls, plus a print window whose loadURL goes through the real app:// handler. */
function setUp(loadTimeoutMs?: number): Handler {
  new FakeBrowserWindow({ title: 'app window' });
  registerIpcHandlers({
    packaged: true,
    files,
    reportDocuments: documents,
    ...(loadTimeoutMs === undefined ? {} : { pdfLoadTimeoutMs: loadTimeoutMs }),
  });
  const handler = fakeElectron.ipcMain.handle.mock.calls.find(
    ([channel]) => channel === IPC_CHANNELS.savePdf,
  )?.[1] as Handler | undefined;
  if (!handler) throw new Error('no savePdf handler');
  return handler;
}

/** Makes the next print window load through the app:// handler, like Electron would. */
function loadThroughProtocol(window: FakeBrowserWindow): void {
  window.loadURL.mockImplementation(async (url: string) => {
    const response = await createAppProtocolHandler(dir, documents)(new Request(url));
    served.push({
      url,
      status: response.status,
      body: await response.text(),
      csp: response.headers.get('Content-Security-Policy'),
    });
  });
}

/** Hooks every BrowserWindow created from now on. */
function onNewWindow(hook: (window: FakeBrowserWindow) => void): void {
  const instances = FakeBrowserWindow.instances;
  const push = instances.push.bind(instances);
  vi.spyOn(instances, 'push').mockImplementation((...windows: FakeBrowserWindow[]) => {
    const length = push(...windows);
    windows.forEach(hook);
    return length;
  });
}

function event(url = 'app://casefile/index.html', subframe = false) {
  const top = { url, parent: null };
  return { senderFrame: subframe ? { url, parent: top } : top, sender: { mainFrame: top } };
}

function printWindows(): FakeBrowserWindow[] {
  return FakeBrowserWindow.instances.filter((w) => w.options['show'] === false);
}

function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe('save PDF', () => {
  it('prints in a hidden hardened window from a one-time app:// document, then saves', async () => {
    const handler = setUp();
    onNewWindow(loadThroughProtocol);
    const target = join(dir, 'chosen.pdf');
    fakeElectron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });

    const result = await handler(event(), { html: REPORT_HTML, suggestedName: 'Report.pdf' });

    expect(result).toEqual({ ok: true, value: { canceled: false, fileName: 'chosen.pdf' } });
    const [window] = printWindows();
    expect(printWindows()).toHaveLength(1);
    expect(window!.options['webPreferences']).toEqual(printWindowWebPreferences());
    const prefs = printWindowWebPreferences();
    expect(prefs.javascript).toBe(false);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.preload).toBeUndefined();
    expect(prefs.devTools).toBe(false);

    // Served once from the app's own origin at an unguessable path, with the report's CSP...
    expect(served).toHaveLength(1);
    expect(served[0]!.url).toMatch(/^app:\/\/casefile\/__report\/[0-9a-f]{64}\.html$/);
    expect(served[0]!.status).toBe(200);
    expect(served[0]!.body).toBe(REPORT_HTML);
    expect(served[0]!.csp).toBe(REPORT_DOCUMENT_CSP);
    // ...and then gone.
    expect(documents.size).toBe(0);
    const again = await createAppProtocolHandler(dir, documents)(new Request(served[0]!.url));
    expect(again.status).toBe(404);

    expect(window!.webContents.printToPDF).toHaveBeenCalledWith({
      ...PDF_PRINT_OPTIONS,
      generateTaggedPDF: false,
    });
    expect(PDF_PRINT_OPTIONS.preferCSSPageSize).toBe(true);
    expect(window!.destroy).toHaveBeenCalled();
    expect(fakeElectron.dialog.showSaveDialog).toHaveBeenCalledWith(
      FakeBrowserWindow.instances[0],
      {
        defaultPath: 'Report.pdf',
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      },
    );
    // The window is gone before the investigator is asked where to save.
    expect(window!.destroy.mock.invocationCallOrder[0]).toBeLessThan(
      fakeElectron.dialog.showSaveDialog.mock.invocationCallOrder[0]!,
    );
    expect(new TextDecoder().decode(await readFile(target))).toBe('%PDF-1.7');
  });

  it('makes a tagged (accessible) PDF when asked', async () => {
    const handler = setUp();
    onNewWindow(loadThroughProtocol);
    fakeElectron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'tagged.pdf'),
    });

    const result = await handler(event(), {
      html: REPORT_HTML,
      suggestedName: 'Report.pdf',
      tagged: true,
    });

    expect(result.ok).toBe(true);
    expect(printWindows()[0]!.webContents.printToPDF).toHaveBeenCalledWith({
      ...PDF_PRINT_OPTIONS,
      generateTaggedPDF: true,
    });
  });

  it('refuses a tagged flag that is not a boolean, before any window is made', async () => {
    const handler = setUp();
    const result = await handler(event(), {
      html: REPORT_HTML,
      suggestedName: 'Report.pdf',
      tagged: 'yes',
    });
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(printWindows()).toHaveLength(0);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const handler = setUp();
    const result = await handler(event(), { html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(result).toEqual({ ok: true, value: { canceled: true } });
    expect(files.writeFile).not.toHaveBeenCalled();
    expect(printWindows()[0]!.destroy).toHaveBeenCalled();
  });

  it('turns a printToPDF failure into report.pdfFailed, closes the window, opens no dialog', async () => {
    const handler = setUp();
    onNewWindow((window) =>
      window.webContents.printToPDF.mockRejectedValueOnce(new Error('printing failed')),
    );
    const result = await handler(event(), { html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(errorCode(result)).toBe('report.pdfFailed');
    expect(result.ok ? '' : result.error.message).toContain('printing failed');
    expect(printWindows()[0]!.destroy).toHaveBeenCalled();
    expect(documents.size).toBe(0);
    expect(fakeElectron.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(files.writeFile).not.toHaveBeenCalled();
  });

  it('turns a failed load into report.pdfFailed and closes the window', async () => {
    const handler = setUp();
    onNewWindow((window) => window.loadURL.mockRejectedValueOnce(new Error('ERR_ABORTED')));
    const result = await handler(event(), { html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(errorCode(result)).toBe('report.pdfFailed');
    expect(printWindows()[0]!.destroy).toHaveBeenCalled();
    expect(printWindows()[0]!.webContents.printToPDF).not.toHaveBeenCalled();
    expect(documents.size).toBe(0);
  });

  it('gives up a load that never finishes (report.pdfTimeout) and closes the window', async () => {
    const handler = setUp(5);
    onNewWindow((window) => window.loadURL.mockReturnValueOnce(new Promise<void>(() => undefined)));
    const result = await handler(event(), { html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(errorCode(result)).toBe('report.pdfTimeout');
    expect(printWindows()[0]!.destroy).toHaveBeenCalled();
    expect(printWindows()[0]!.webContents.printToPDF).not.toHaveBeenCalled();
    expect(documents.size).toBe(0);
  });

  it.each([
    ['no html', { suggestedName: 'Report.pdf' }],
    ['html of the wrong type', { html: 42, suggestedName: 'Report.pdf' }],
    ['empty html', { html: '', suggestedName: 'Report.pdf' }],
    ['an extra key', { html: REPORT_HTML, suggestedName: 'Report.pdf', path: '/tmp/x.pdf' }],
    ['a name with a path', { html: REPORT_HTML, suggestedName: '../Report.pdf' }],
    ['a name with a backslash', { html: REPORT_HTML, suggestedName: 'C:\\Report.pdf' }],
    ['a name that is not .pdf', { html: REPORT_HTML, suggestedName: 'Report.html' }],
    ['an over-long name', { html: REPORT_HTML, suggestedName: `${'a'.repeat(252)}.pdf` }],
    ['an empty name', { html: REPORT_HTML, suggestedName: '' }],
    ['html over the cap', { html: 'x'.repeat(MAX_PDF_HTML_LENGTH + 1), suggestedName: 'R.pdf' }],
    ['not an object', 'html'],
  ])('refuses %s before any window is made', async (_label, payload) => {
    const handler = setUp();
    const result = await handler(event(), payload);
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(printWindows()).toHaveLength(0);
    expect(documents.size).toBe(0);
    expect(fakeElectron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign page', event('https://evil.example/')],
    ['a subframe of the app', event('app://casefile/preview.html', true)],
    ['a file:// page', event('file:///tmp/index.html')],
  ])('refuses %s before any window is made', async (_label, ev) => {
    const handler = setUp();
    const result = await handler(ev, { html: REPORT_HTML, suggestedName: 'Report.pdf' });
    expect(errorCode(result)).toBe('ipc.sender.forbidden');
    expect(printWindows()).toHaveLength(0);
    expect(callLog.filter((c) => c === 'new BrowserWindow')).toHaveLength(1);
  });
});

describe('one-time report documents', () => {
  it('serves nothing for unknown, malformed or non-GET report paths', async () => {
    const store = new ReportDocuments();
    const { url } = store.add(REPORT_HTML);
    const handler = createAppProtocolHandler(dir, store);
    expect((await handler(new Request(url, { method: 'HEAD' }))).status).toBe(405);
    expect(store.size).toBe(1);
    expect(
      (await handler(new Request(`app://casefile/__report/${'0'.repeat(64)}.html`))).status,
    ).toBe(404);
    expect((await handler(new Request('app://casefile/__report/short.html'))).status).toBe(404);
    expect((await handler(new Request(url))).status).toBe(200);
    expect(store.size).toBe(0);
  });

  it('makes a fresh 256-bit token for every document', () => {
    const store = new ReportDocuments();
    const a = store.add('a');
    const b = store.add('b');
    expect(a.token).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token).not.toBe(b.token);
    store.remove(a.token);
    expect(store.take(`/__report/${a.token}.html`)).toBeUndefined();
    expect(store.take(`/__report/${b.token}.html`)).toBe('b');
  });
});
