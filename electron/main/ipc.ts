import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import type {
  BaseWindow,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  SaveDialogOptions,
  WebContents,
} from 'electron';
import type { z } from 'zod';
import {
  appInfoRequest,
  closeReadyRequest,
  desktopReadyRequest,
  IPC_CHANNELS,
  openFilesRequest,
  recentCaseMissingRequest,
  recentCaseOpenedRequest,
  saveFileRequest,
  savePdfRequest,
  secretsAvailableRequest,
  secretsUnwrapRequest,
  secretsWrapRequest,
  type AppInfo,
  type IpcChannel,
  type OpenedFile,
  type OpenFilesResponse,
  type RecentCaseOpenedRequest,
  type SaveFileResponse,
  type SavePdfResponse,
} from '../../src/shared/ipc/channels';
import { parseUnknown } from '../../src/shared/parse';
import { err, ok, type Result } from '../../src/shared/result';
import { formatByteSize } from '../../src/shared/format';
import { checkFileCount, perFileCap, splitBySize } from '../../src/shared/openLimits';
import { closeGuardOf } from './closeGuard';
import { isTrustedOrigin, originOf, type TrustOptions } from './origin';
import { printReportToPdf } from './pdf';
import { registerRegistryHandlers } from './registryIpc';
import { reportDocuments, type ReportDocuments } from './reportDocuments';
import { keychainAvailable, unwrapSecret, wrapSecret, type KeychainAccess } from './secrets';

/** The file operations IPC needs; injectable so tests can prove what is (not) read or written. */
export interface FileAccess {
  readonly stat: (path: string) => Promise<{ readonly size: number; isFile(): boolean }>;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, data: Uint8Array) => Promise<void>;
}

export const nodeFileAccess: FileAccess = {
  stat: (path) => fsp.stat(path),
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data) => fsp.writeFile(path, data),
};

/** What the desktop channels do (desktopShell.ts); sender and payload are checked before. */
export interface DesktopIpc {
  rendererReady(sender: WebContents): Result<void>;
  caseOpened(entry: RecentCaseOpenedRequest): Result<void>;
  caseMissing(id: string): Result<void>;
}

/** Nothing to remember or deliver (IPC registered without the desktop shell, e.g. in tests). */
export const NO_DESKTOP: DesktopIpc = {
  rendererReady: () => ok(undefined),
  caseOpened: () => ok(undefined),
  caseMissing: () => ok(undefined),
};

export interface IpcOptions extends TrustOptions {
  readonly files?: FileAccess;
  /** Where report documents wait for the print window (the app:// handler serves them). */
  readonly reportDocuments?: ReportDocuments;
  /** Overrides the print window's load timeout (tests). */
  readonly pdfLoadTimeoutMs?: number;
  /** The OS keychain (default Electron's safeStorage) and platform, injectable for tests. */
  readonly keychain?: KeychainAccess;
  readonly platform?: NodeJS.Platform;
  /** The desktop shell's channels (menu, recent cases, bundles opened from the OS). */
  readonly desktop?: DesktopIpc;
}

type OpenFilesPayload = z.output<typeof openFilesRequest>;
type SaveFilePayload = z.output<typeof saveFileRequest>;
type SavePdfPayload = z.output<typeof savePdfRequest>;

/**
 * Only the top frame of a page served from the app's own origin may call main. A subframe (e.g. a
 * document preview) or a page that somehow navigated elsewhere must not reach the file dialogs.
 */
export function checkSender(event: IpcMainInvokeEvent, options: TrustOptions): Result<true> {
  const frame = event.senderFrame;
  if (!frame) return err('ipc.sender.forbidden', 'Refused IPC call: the sending frame is gone.');
  if (frame.parent !== null)
    return err('ipc.sender.forbidden', 'Refused IPC call from a subframe.');
  if (!isTrustedOrigin(originOf(frame.url), options)) {
    return err('ipc.sender.forbidden', 'Refused IPC call from a page outside the app.');
  }
  return ok(true);
}

export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'the file no longer exists';
  if (code === 'EISDIR') return 'it is a folder';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Registers one channel. Sender check, payload parsing and error conversion live here once, so a
 * handler only ever sees a trusted caller and a valid payload, and nothing throws across IPC.
 */
export function handle<S extends z.ZodType, T>(
  channel: IpcChannel,
  schema: S,
  impl: (payload: z.output<S>, event: IpcMainInvokeEvent) => Promise<Result<T>>,
  options: TrustOptions,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Result<T>> => {
    try {
      const sender = checkSender(event, options);
      if (!sender.ok) return sender;
      if (args.length > 1) {
        return err(
          'ipc.payload.invalid',
          `Invalid ${channel} request: expected one argument, got ${args.length}.`,
        );
      }
      const payload = parseUnknown(schema, args[0], 'ipc.payload.invalid', `${channel} request`);
      if (!payload.ok) return payload;
      return await impl(payload.value, event);
    } catch (error) {
      return err(
        'ipc.internal',
        `Casefile could not complete the request: ${describeError(error)}.`,
      );
    }
  });
}

export function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    platform: process.platform,
    packaged: app.isPackaged,
  };
}

export function tooLarge(name: string, size: number, limit: number): Result<never> {
  return err(
    'files.tooLarge',
    `"${name}" is ${formatByteSize(size)}; the limit is ${formatByteSize(limit)}.`,
  );
}

/**
 * Open dialog, then every chosen file is checked (count, regular file, size) before any is read, so
 * a huge file or a device node is refused without touching its contents.
 */
export async function openFiles(
  request: OpenFilesPayload,
  parent: BaseWindow | null,
  files: FileAccess,
): Promise<Result<OpenFilesResponse>> {
  const limit = perFileCap(request.maxBytes);
  const options: OpenDialogOptions = {
    properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
  };
  if (request.title !== undefined) options.title = request.title;
  if (request.filters !== undefined) options.filters = request.filters;
  const chosen = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options);
  if (chosen.canceled || chosen.filePaths.length === 0) {
    return ok({ canceled: true, files: [], tooLarge: [] });
  }

  const paths = chosen.filePaths;
  const count = checkFileCount(paths.length, request.multiple);
  if (!count.ok) return count;

  const chosenFiles: { path: string; name: string; size: number }[] = [];
  for (const path of paths) {
    const name = basename(path);
    let info: Awaited<ReturnType<FileAccess['stat']>>;
    try {
      info = await files.stat(path);
    } catch (error) {
      return err('files.readFailed', `Could not open "${name}": ${describeError(error)}.`);
    }
    if (!info.isFile()) return err('files.notAFile', `"${name}" is not a regular file.`);
    chosenFiles.push({ path, name, size: info.size });
  }
  // Every size is checked (stat) before anything is read.
  const split = splitBySize(chosenFiles, limit);
  if (!split.ok) return split;

  const opened: OpenedFile[] = [];
  for (const { path, name } of split.value.accepted) {
    const bytes = await readFileWithinCap(path, name, limit, files);
    if (!bytes.ok) return bytes;
    opened.push({ name, bytes: bytes.value });
  }
  return ok({ canceled: false, files: opened, tooLarge: split.value.tooLarge });
}

/** Reads a file whose size was checked already, and checks again: it may have grown since. */
export async function readFileWithinCap(
  path: string,
  name: string,
  limit: number,
  files: FileAccess,
): Promise<Result<Uint8Array>> {
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(path);
  } catch (error) {
    return err('files.readFailed', `Could not open "${name}": ${describeError(error)}.`);
  }
  if (bytes.byteLength > limit) return tooLarge(name, bytes.byteLength, limit);
  return ok(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Save dialog, then write. Only the chosen file's name goes back to the renderer, not its path. */
export async function saveFile(
  request: SaveFilePayload,
  parent: BaseWindow | null,
  files: FileAccess,
): Promise<Result<SaveFileResponse>> {
  const options: SaveDialogOptions = { defaultPath: request.suggestedName };
  if (request.filters !== undefined) options.filters = request.filters;
  const chosen = parent
    ? await dialog.showSaveDialog(parent, options)
    : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return ok({ canceled: true });

  const fileName = basename(chosen.filePath);
  try {
    await files.writeFile(chosen.filePath, request.bytes);
  } catch (error) {
    return err('files.writeFailed', `Could not save "${fileName}": ${describeError(error)}.`);
  }
  return ok({ canceled: false, fileName });
}

/** Prints the report HTML to PDF (hidden window), then the save dialog, then write. */
export async function savePdf(
  request: SavePdfPayload,
  parent: BaseWindow | null,
  files: FileAccess,
  documents: ReportDocuments,
  loadTimeoutMs?: number,
): Promise<Result<SavePdfResponse>> {
  const pdf = await printReportToPdf(
    request.html,
    documents,
    loadTimeoutMs,
    request.tagged === true,
  );
  if (!pdf.ok) return pdf;
  return saveFile(
    {
      suggestedName: request.suggestedName,
      bytes: pdf.value,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    },
    parent,
    files,
  );
}

/** Registers every channel in IPC_CHANNELS. Call once, after `ready`. */
export function registerIpcHandlers(options: IpcOptions): void {
  const files = options.files ?? nodeFileAccess;
  const parentOf = (event: IpcMainInvokeEvent): BaseWindow | null =>
    BrowserWindow.fromWebContents(event.sender);

  handle(IPC_CHANNELS.appInfo, appInfoRequest, () => Promise.resolve(ok(appInfo())), options);
  handle(
    IPC_CHANNELS.closeReady,
    closeReadyRequest,
    (_request, event) => {
      closeGuardOf(BrowserWindow.fromWebContents(event.sender))?.allowClose();
      return Promise.resolve(ok(undefined));
    },
    options,
  );
  handle(
    IPC_CHANNELS.openFiles,
    openFilesRequest,
    (request, event) => openFiles(request, parentOf(event), files),
    options,
  );
  handle(
    IPC_CHANNELS.saveFile,
    saveFileRequest,
    (request, event) => saveFile(request, parentOf(event), files),
    options,
  );
  handle(
    IPC_CHANNELS.savePdf,
    savePdfRequest,
    (request, event) =>
      savePdf(
        request,
        parentOf(event),
        files,
        options.reportDocuments ?? reportDocuments,
        options.pdfLoadTimeoutMs,
      ),
    options,
  );

  const keychain = options.keychain ?? safeStorage;
  const platform = options.platform ?? process.platform;
  handle(
    IPC_CHANNELS.secretsAvailable,
    secretsAvailableRequest,
    async () => ok(await keychainAvailable(keychain, platform)),
    options,
  );
  handle(
    IPC_CHANNELS.secretsWrap,
    secretsWrapRequest,
    (request) => wrapSecret(request.plain, keychain, platform),
    options,
  );
  handle(
    IPC_CHANNELS.secretsUnwrap,
    secretsUnwrapRequest,
    (request) => unwrapSecret(request.wrapped, keychain, platform),
    options,
  );

  const desktop = options.desktop ?? NO_DESKTOP;
  handle(
    IPC_CHANNELS.desktopReady,
    desktopReadyRequest,
    (_request, event) => Promise.resolve(desktop.rendererReady(event.sender)),
    options,
  );
  handle(
    IPC_CHANNELS.recentCaseOpened,
    recentCaseOpenedRequest,
    (request) => Promise.resolve(desktop.caseOpened(request)),
    options,
  );
  handle(
    IPC_CHANNELS.recentCaseMissing,
    recentCaseMissingRequest,
    (request) => Promise.resolve(desktop.caseMissing(request.id)),
    options,
  );
  registerRegistryHandlers(options);
}
