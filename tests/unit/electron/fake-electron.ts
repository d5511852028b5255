import { vi } from 'vitest';

/**
 * Hand-made stand-ins for the parts of `electron` the main process and preload use (the Electron
 * binary is not installed in CI). Use as:
 *   vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);
 * Every function is a vi.fn and also appends its name to `callLog`, so tests can check call order.
 */

type Listener = (...args: unknown[]) => unknown;

export const callLog: string[] = [];

function logged<A extends unknown[], R>(name: string, impl: (...args: A) => R) {
  return vi.fn((...args: A): R => {
    callLog.push(name);
    return impl(...args);
  });
}

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event whose preventDefault is observable. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: unknown) => unknown) | undefined;
  readonly mainFrame = { url: 'app://casefile/index.html', parent: null };
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => undefined);
  readonly printToPDF = vi.fn((_options: Record<string, unknown>): Promise<Buffer> =>
    Promise.resolve(Buffer.from('%PDF-1.7')),
  );
  setWindowOpenHandler(handler: (details: unknown) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static fromWebContents = vi.fn(
    (): FakeBrowserWindow | null => FakeBrowserWindow.instances[0] ?? null,
  );
  static getAllWindows = vi.fn(() => [...FakeBrowserWindow.instances]);

  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly isMinimized = vi.fn(() => true);
  readonly restore = vi.fn();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly maximize = vi.fn();
  readonly isMaximized = vi.fn(() => false);
  readonly getNormalBounds = vi.fn(() => ({ x: 10, y: 20, width: 1280, height: 820 }));
  destroyed = false;
  readonly isDestroyed = vi.fn(() => this.destroyed);
  /** Like Electron: gone at once, no preventable `close`. */
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
    this.emit('closed');
  });
  /** Like Electron: emits a preventable `close`, then `closed` unless it was prevented. */
  readonly close = vi.fn(() => {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.emit('closed');
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    callLog.push('new BrowserWindow');
    FakeBrowserWindow.instances.push(this);
  }
}

export function createFakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
}

const app = Object.assign(new FakeEmitter(), {
  isPackaged: false,
  setName: logged('app.setName', (_name: string) => undefined),
  getName: vi.fn(() => 'Casefile'),
  getVersion: vi.fn(() => '0.1.0'),
  getPath: vi.fn((name: string) => `/fake/${name}`),
  setPath: logged('app.setPath', (_name: string, _path: string) => undefined),
  enableSandbox: logged('app.enableSandbox', () => undefined),
  requestSingleInstanceLock: logged('app.requestSingleInstanceLock', () => true),
  quit: logged('app.quit', () => undefined),
  isReady: vi.fn(() => true),
  whenReady: logged('app.whenReady', () => Promise.resolve()),
  setAppUserModelId: vi.fn(),
});

export const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: logged(
      'protocol.registerSchemesAsPrivileged',
      (_schemes: unknown) => undefined,
    ),
    handle: logged('protocol.handle', (_scheme: string, _handler: unknown) => undefined),
  },
  session: { defaultSession: createFakeSession() },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: logged('Menu.setApplicationMenu', (_menu: unknown) => undefined),
  },
  /** One 1920×1080 display with a 40 px panel at the top. */
  screen: {
    getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 40, width: 1920, height: 1040 } }]),
    getPrimaryDisplay: vi.fn(() => ({ workArea: { x: 0, y: 40, width: 1920, height: 1040 } })),
  },
  ipcMain: { handle: logged('ipcMain.handle', (_channel: string, _handler: unknown) => undefined) },
  dialog: {
    showOpenDialog: vi.fn(
      (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> =>
        Promise.resolve({ canceled: true, filePaths: [] }),
    ),
    showSaveDialog: vi.fn(
      (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> =>
        Promise.resolve({ canceled: true }),
    ),
  },
  /** A keychain that "encrypts" by reversing (tests check the bytes were wrapped, not kept). */
  safeStorage: {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
    getSelectedStorageBackend: vi.fn(
      (): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' =>
        'gnome_libsecret',
    ),
    encryptStringAsync: vi.fn((text: string) =>
      Promise.resolve(Buffer.from(`wrapped:${[...text].reverse().join('')}`)),
    ),
    decryptStringAsync: vi.fn((encrypted: Buffer) => {
      const text = encrypted.toString();
      if (!text.startsWith('wrapped:')) return Promise.reject(new Error('Error while decrypting'));
      return Promise.resolve({
        shouldReEncrypt: false,
        result: [...text.slice('wrapped:'.length)].reverse().join(''),
      });
    }),
  },
  contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
  ipcRenderer: Object.assign(new FakeEmitter(), {
    invoke: vi.fn((..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined)),
    removeListener(event: string, listener: Listener) {
      const listeners = fakeElectron.ipcRenderer.listeners;
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((l) => l !== listener),
      );
      return fakeElectron.ipcRenderer;
    },
  }),
};

/** Back to a fresh state between tests (mock implementations are kept). */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  callLog.length = 0;
  FakeBrowserWindow.instances.length = 0;
  app.listeners.clear();
  fakeElectron.ipcRenderer.listeners.clear();
  app.isPackaged = false;
  fakeElectron.session.defaultSession = createFakeSession();
}
