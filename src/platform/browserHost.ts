import {
  openFilesRequest,
  saveFileRequest,
  type AppInfo,
  type OpenedFile,
  type OpenFilesRequest,
} from '../shared/ipc/channels';
import { parseUnknown } from '../shared/parse';
import { ok, type Result } from '../shared/result';
import { checkFileCount, perFileCap, splitBySize } from '../shared/openLimits';
import type { Host } from './Host';

export interface BrowserHostOptions {
  readonly version: string;
  /** Shows the file chooser and resolves with the chosen files (empty when cancelled). */
  readonly chooseFiles?: (request: OpenFilesRequest) => Promise<readonly File[]>;
  /** Hands bytes to the browser as a download. */
  readonly download?: (fileName: string, bytes: Uint8Array) => void;
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

/** The browser edition's host: file input, download, window.print. Same contract as Electron. */
export function createBrowserHost(options: BrowserHostOptions): Host {
  const chooseFiles = options.chooseFiles ?? chooseFilesWithInput;
  const download = options.download ?? downloadBytes;
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
  };
}
