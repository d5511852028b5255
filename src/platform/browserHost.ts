import {
  openFilesRequest,
  saveFileRequest,
  savePdfRequest,
  type AppInfo,
  type OpenedFile,
  type OpenFilesRequest,
} from '../shared/ipc/channels';
import { parseUnknown } from '../shared/parse';
import { err, ok, type Result } from '../shared/result';
import { checkFileCount, perFileCap, splitBySize } from '../shared/openLimits';
import type { SecretWrapper } from '../core/identity/types';
import type { BackupFileStore, CaseRegistryStore } from '../core/ports/registry';
import { createBrowserBackupFiles, createBrowserRegistry } from './browserRegistry';
import type { DesktopShell, Host } from './Host';

export interface BrowserHostOptions {
  readonly version: string;
  /** Shows the file chooser and resolves with the chosen files (empty when cancelled). */
  readonly chooseFiles?: (request: OpenFilesRequest) => Promise<readonly File[]>;
  /** Hands bytes to the browser as a download. */
  readonly download?: (fileName: string, bytes: Uint8Array) => void;
  /** Opens the browser's print dialog on a report document; resolves when the dialog closes. */
  readonly printDocument?: (html: string) => Promise<void>;
  /** Default: localStorage (src/platform/browserRegistry.ts). */
  readonly registry?: CaseRegistryStore;
  /** Default: the Origin Private File System (src/platform/browserRegistry.ts). */
  readonly backupFiles?: BackupFileStore;
}

function acceptAttribute(request: OpenFilesRequest): string {
  const extensions = (request.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
  return extensions.map((e) => `.${e}`).join(',');
}

/** A hidden file input; resolves on change, or empty when the chooser is dismissed. */
export function chooseFilesWithInput(request: OpenFilesRequest): Promise<readonly File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = request.multiple ?? false;
    input.accept = acceptAttribute(request);
    input.hidden = true;
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []));
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: the download starts asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A srcdoc frame inherits the app's CSP, which allows only the report's fixed stylesheet by hash;
 * the report's per-report page rule (marking and page numbers in the @page margin boxes) is then
 * blocked and its style element has no sheet. CSP does not govern constructed stylesheets, so the
 * app re-applies that CSS (the report's own, never script) from outside the script-less frame.
 */
export function applyBlockedStyles(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const view = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!doc || !view) return;
  const adopted: CSSStyleSheet[] = [];
  for (const style of Array.from(doc.querySelectorAll('style'))) {
    if (style.sheet !== null || !style.textContent) continue;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(style.textContent);
    adopted.push(sheet);
  }
  if (adopted.length > 0) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...adopted];
}

/**
 * The report's per-report page rule (`<style>@page{…}</style>`, see reportPageCss in
 * core/report/html.ts; "<" cannot occur in it). Taken out of the frame's HTML before it loads and
 * adopted afterwards: left in, the browser blocks it all the same and logs a CSP error.
 */
const PAGE_RULE_STYLE = /<style>(@page\{[^<]*)<\/style>/g;

function adoptCss(frame: HTMLIFrameElement, rules: readonly string[]): void {
  const doc = frame.contentDocument;
  const view = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!doc || !view || rules.length === 0) return;
  const sheets = rules.map((css) => {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...sheets];
}

/**
 * Prints a self-contained HTML document with the browser's print dialog (where "Save as PDF" is
 * offered). The document goes into a hidden iframe sandboxed WITHOUT allow-scripts, so nothing in it
 * can run; allow-same-origin lets us call print() on it, allow-modals lets the dialog open.
 */
export function printHtmlInFrame(html: string): Promise<void> {
  const pageRules: string[] = [];
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    // Laid out (the print needs a real layout) but out of sight.
    frame.style.cssText =
      'position:fixed;left:-10000px;top:0;width:800px;height:600px;border:0;visibility:hidden';
    frame.addEventListener(
      'load',
      () => {
        try {
          const view = frame.contentWindow;
          if (!view) throw new Error('the print frame has no window');
          applyBlockedStyles(frame);
          adoptCss(frame, pageRules);
          // Chromium blocks here until the print dialog is closed.
          view.print();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        } finally {
          frame.remove();
        }
      },
      { once: true },
    );
    frame.srcdoc = html.replace(PAGE_RULE_STYLE, (_, css: string) => {
      pageRules.push(css);
      return '';
    });
    document.body.append(frame);
  });
}

/** A browser has no OS keychain the page can use: the app protects secrets with a passphrase. */
export const browserSecrets: SecretWrapper = {
  available: () => Promise.resolve(false),
  wrap: () => Promise.resolve(noKeychain()),
  unwrap: () => Promise.resolve(noKeychain()),
};

function noKeychain(): Result<never> {
  return err(
    'secrets.unavailable',
    'The browser edition cannot use the OS keychain; protect your identity with a passphrase.',
  );
}

/** A browser tab has no application menu, recent-cases list or file association. */
export const browserDesktop: DesktopShell = {
  onCommand: () => () => undefined,
  onOpenCase: () => () => undefined,
  onOpenBundle: () => () => undefined,
  noteCaseOpened: () => undefined,
  forgetRecentCase: () => undefined,
};

/** The browser edition's host: file input, download, window.print. Same contract as Electron. */
export function createBrowserHost(options: BrowserHostOptions): Host {
  const chooseFiles = options.chooseFiles ?? chooseFilesWithInput;
  const download = options.download ?? downloadBytes;
  const printDocument = options.printDocument ?? printHtmlInFrame;
  return {
    kind: 'browser',
    appInfo(): Promise<Result<AppInfo>> {
      return Promise.resolve(
        ok({
          name: 'Casefile',
          version: options.version,
          electron: '',
          chrome: /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '',
          platform: navigator.platform,
          packaged: false,
        }),
      );
    },
    async openFiles(raw) {
      const parsed = parseUnknown(
        openFilesRequest,
        raw,
        'ipc.payload.invalid',
        'open-files request',
      );
      if (!parsed.ok) return parsed;
      const request = parsed.value;
      const files = await chooseFiles(request);
      if (files.length === 0) return ok({ canceled: true, files: [], tooLarge: [] });
      const count = checkFileCount(files.length, request.multiple);
      if (!count.ok) return count;
      const split = splitBySize(files, perFileCap(request.maxBytes));
      if (!split.ok) return split;
      const opened: OpenedFile[] = [];
      for (const file of split.value.accepted) {
        opened.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      return ok({ canceled: false, files: opened, tooLarge: split.value.tooLarge });
    },
    saveFile(raw) {
      const parsed = parseUnknown(saveFileRequest, raw, 'ipc.payload.invalid', 'save-file request');
      if (!parsed.ok) return Promise.resolve(parsed);
      download(parsed.value.suggestedName, parsed.value.bytes);
      return Promise.resolve(ok({ canceled: false, fileName: parsed.value.suggestedName }));
    },
    async savePdf(raw) {
      const parsed = parseUnknown(savePdfRequest, raw, 'ipc.payload.invalid', 'save-PDF request');
      if (!parsed.ok) return parsed;
      try {
        await printDocument(parsed.value.html);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return err('report.pdfFailed', `The browser could not print the report: ${detail}.`);
      }
      return ok({ canceled: false, printed: true });
    },
    print: () => window.print(),
    beforeClose(flush) {
      const onPageHide = (): void => {
        void flush().catch((error: unknown) =>
          console.error('Casefile could not save before closing:', error),
        );
      };
      window.addEventListener('pagehide', onPageHide);
      return () => window.removeEventListener('pagehide', onPageHide);
    },
    secrets: browserSecrets,
    desktop: browserDesktop,
    registry: options.registry ?? createBrowserRegistry(),
    backupFiles: options.backupFiles ?? createBrowserBackupFiles(),
  };
}
