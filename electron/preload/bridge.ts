import type { CasefileBridge } from '../../src/shared/ipc/bridge';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  type IpcChannel,
  type IpcEvent,
} from '../../src/shared/ipc/names';
import { err, type Result } from '../../src/shared/result';

/** Sends one payload on one fixed channel; in the preload this is `ipcRenderer.invoke`. */
export type Invoke = (channel: IpcChannel, payload: unknown) => Promise<unknown>;

/**
 * Listens to one fixed main → renderer event; in the preload this wraps `ipcRenderer.on` so the
 * page's listener gets only the message's payload (never the IPC event object). Returns an
 * unsubscribe function.
 */
export type Subscribe = (event: IpcEvent, listener: (payload: unknown) => void) => () => void;

function checkedListener(name: string, listener: unknown): (payload: unknown) => void {
  if (typeof listener !== 'function') throw new TypeError(`${name} needs a function.`);
  // Only the payload, whatever else the caller's function might look for.
  return (payload) => (listener as (payload: unknown) => void)(payload);
}

/**
 * Builds `window.casefile`: named capabilities only, each bound to its fixed channel, so the page can
 * neither pick a channel nor reach ipcRenderer. Main always answers with a Result; a rejected invoke
 * (e.g. no handler registered) is turned into one too.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): CasefileBridge {
  async function call<T>(channel: IpcChannel, payload: unknown): Promise<Result<T>> {
    try {
      return (await invoke(channel, payload)) as Result<T>;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return err('ipc.unavailable', `Casefile's main process did not answer: ${detail}`);
    }
  }

  const appApi: CasefileBridge['app'] = {
    info: () => call(IPC_CHANNELS.appInfo, {}),
    onCloseRequested: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('onCloseRequested needs a function.');
      return subscribe(IPC_EVENTS.closeRequested, () => listener());
    },
    closeReady: () => call(IPC_CHANNELS.closeReady, {}),
  };
  const filesApi: CasefileBridge['files'] = {
    open: (request) => call(IPC_CHANNELS.openFiles, request),
    save: (request) => call(IPC_CHANNELS.saveFile, request),
    savePdf: (request) => call(IPC_CHANNELS.savePdf, request),
  };
  const secretsApi: CasefileBridge['secrets'] = {
    available: () => call(IPC_CHANNELS.secretsAvailable, {}),
    wrap: (request) => call(IPC_CHANNELS.secretsWrap, request),
    unwrap: (request) => call(IPC_CHANNELS.secretsUnwrap, request),
  };
  const desktopApi: CasefileBridge['desktop'] = {
    onMenuCommand: (listener) =>
      subscribe(IPC_EVENTS.menuCommand, checkedListener('onMenuCommand', listener)),
    onOpenCase: (listener) =>
      subscribe(IPC_EVENTS.openCase, checkedListener('onOpenCase', listener)),
    onOpenBundle: (listener) =>
      subscribe(IPC_EVENTS.openBundle, checkedListener('onOpenBundle', listener)),
    ready: () => call(IPC_CHANNELS.desktopReady, {}),
    recentCaseOpened: (request) => call(IPC_CHANNELS.recentCaseOpened, request),
    recentCaseMissing: (request) => call(IPC_CHANNELS.recentCaseMissing, request),
  };
  const registryApi: CasefileBridge['registry'] = {
    read: () => call(IPC_CHANNELS.registryRead, {}),
    write: (request) => call(IPC_CHANNELS.registryWrite, request),
  };
  const backupFilesApi: CasefileBridge['backupFiles'] = {
    location: () => call(IPC_CHANNELS.backupFilesLocation, {}),
    list: () => call(IPC_CHANNELS.backupFilesList, {}),
    read: (request) => call(IPC_CHANNELS.backupFilesRead, request),
    write: (request) => call(IPC_CHANNELS.backupFilesWrite, request),
    remove: (request) => call(IPC_CHANNELS.backupFilesRemove, request),
  };
  return Object.freeze({
    app: Object.freeze(appApi),
    files: Object.freeze(filesApi),
    secrets: Object.freeze(secretsApi),
    desktop: Object.freeze(desktopApi),
    registry: Object.freeze(registryApi),
    backupFiles: Object.freeze(backupFilesApi),
  });
}
