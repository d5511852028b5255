import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../electron/preload/bridge';
import { IPC_CHANNELS, IPC_EVENTS } from '../../../src/shared/ipc/channels';
import { fakeElectron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

beforeEach(() => {
  resetFakeElectron();
});

const BRIDGE_SHAPE = {
  app: { info: 'function', onCloseRequested: 'function', closeReady: 'function' },
  files: { open: 'function', save: 'function', savePdf: 'function' },
  secrets: { available: 'function', wrap: 'function', unwrap: 'function' },
  desktop: {
    onMenuCommand: 'function',
    onOpenCase: 'function',
    onOpenBundle: 'function',
    ready: 'function',
    recentCaseOpened: 'function',
    recentCaseMissing: 'function',
  },
  registry: { read: 'function', write: 'function' },
  backupFiles: {
    location: 'function',
    list: 'function',
    read: 'function',
    write: 'function',
    remove: 'function',
  },
};

function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
}

describe('createBridge', () => {
  it('exposes exactly app.info, the close handshake, files.open/save/savePdf and the keychain', () => {
    const bridge = createBridge(vi.fn(), vi.fn());
    expect(shape(bridge)).toEqual(BRIDGE_SHAPE);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.app)).toBe(true);
    expect(Object.isFrozen(bridge.files)).toBe(true);
    expect(Object.isFrozen(bridge.secrets)).toBe(true);
  });

  it('sends the keychain calls on their fixed channels', async () => {
    const answer = { ok: true, value: true };
    const invoke = vi.fn(() => Promise.resolve(answer));
    const bridge = createBridge(invoke, vi.fn());
    const plain = new Uint8Array([1, 2]);
    const wrapped = new Uint8Array([3, 4]);
    expect(await bridge.secrets.available()).toBe(answer);
    expect(await bridge.secrets.wrap({ plain })).toBe(answer);
    expect(await bridge.secrets.unwrap({ wrapped })).toBe(answer);
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.secretsAvailable, {}],
      [IPC_CHANNELS.secretsWrap, { plain }],
      [IPC_CHANNELS.secretsUnwrap, { wrapped }],
    ]);
  });

  it('sends each call on its fixed channel with exactly the request', async () => {
    const answer = { ok: true, value: 'answer' };
    const invoke = vi.fn(() => Promise.resolve(answer));
    const bridge = createBridge(invoke, vi.fn());
    const openRequest = { multiple: true };
    const saveRequest = { suggestedName: 'a.txt', bytes: new Uint8Array([1]) };
    const pdfRequest = { html: '<p>report</p>', suggestedName: 'report.pdf' };

    expect(await bridge.app.info()).toBe(answer);
    expect(await bridge.files.open(openRequest)).toBe(answer);
    expect(await bridge.files.save(saveRequest)).toBe(answer);
    expect(await bridge.files.savePdf(pdfRequest)).toBe(answer);
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.appInfo, {}],
      [IPC_CHANNELS.openFiles, openRequest],
      [IPC_CHANNELS.saveFile, saveRequest],
      [IPC_CHANNELS.savePdf, pdfRequest],
    ]);
  });

  it('turns a rejected invoke into a Result instead of throwing into the page', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('No handler registered')), vi.fn());
    expect(await bridge.app.info()).toEqual({
      ok: false,
      error: {
        code: 'ipc.unavailable',
        message: "Casefile's main process did not answer: No handler registered",
      },
    });
  });
});

describe('close handshake', () => {
  it('subscribes to the close request only, and calls the listener without IPC arguments', () => {
    const subscribe = vi.fn(
      (_event: string, _listener: (payload: unknown) => void) => () => undefined,
    );
    const bridge = createBridge(vi.fn(), subscribe);
    const listener = vi.fn();
    bridge.app.onCloseRequested(listener);
    expect(subscribe).toHaveBeenCalledWith(IPC_EVENTS.closeRequested, expect.any(Function));
    subscribe.mock.calls[0]?.[1]({ sneaky: 'payload' });
    expect(listener).toHaveBeenCalledWith();
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(vi.fn(), vi.fn());
    expect(() => bridge.app.onCloseRequested('alert(1)' as unknown as () => void)).toThrow(
      TypeError,
    );
  });

  it('answers on the closeReady channel with an empty request', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true, value: undefined }));
    await createBridge(invoke, vi.fn()).app.closeReady();
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNELS.closeReady, {});
  });
});

describe('preload entry', () => {
  it('exposes the bridge as window.casefile and never ipcRenderer itself', async () => {
    await import('../../../electron/preload/index');
    expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('casefile');
    expect(shape(api)).toEqual(BRIDGE_SHAPE);
    expect(Object.values(api as object)).not.toContain(fakeElectron.ipcRenderer);

    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: true,
      value: { canceled: true, files: [] },
    });
    await (api as ReturnType<typeof createBridge>).files.open({});
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.openFiles, {});
  });

  it('forwards the close request from ipcRenderer to the page without the IPC event', async () => {
    vi.resetModules();
    await import('../../../electron/preload/index');
    const api = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as ReturnType<
      typeof createBridge
    >;
    const listener = vi.fn();
    const unsubscribe = api.app.onCloseRequested(listener);
    fakeElectron.ipcRenderer.emit(IPC_EVENTS.closeRequested, { sender: 'ipc-event' });
    expect(listener).toHaveBeenCalledExactlyOnceWith();
    unsubscribe();
    fakeElectron.ipcRenderer.emit(IPC_EVENTS.closeRequested, {});
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('imports nothing at run time but electron and zod-free local modules (sandboxed preload)', () => {
    // Follows value imports (not `import type`) from the preload entry through local files.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)';/gms)) {
        const spec = match[1]!;
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
        else external.add(spec);
      }
    };
    visit(resolve(import.meta.dirname, '../../../electron/preload/index.ts'));
    expect([...external]).toEqual(['electron']);
    expect(
      [...seen]
        .map((file) => file.slice(resolve(import.meta.dirname, '../../..').length + 1))
        .sort(),
    ).toEqual(
      [
        join('electron', 'preload', 'bridge.ts'),
        join('electron', 'preload', 'index.ts'),
        join('src', 'shared', 'ipc', 'names.ts'),
        join('src', 'shared', 'result.ts'),
      ].sort(),
    );
  });
});

describe('desktop events', () => {
  it('subscribes each listener to its fixed event and passes on only the payload', () => {
    const subscribe = vi.fn(
      (_event: string, _listener: (payload: unknown) => void) => () => undefined,
    );
    const bridge = createBridge(vi.fn(), subscribe);
    const listener = vi.fn();
    bridge.desktop.onMenuCommand(listener);
    bridge.desktop.onOpenCase(listener);
    bridge.desktop.onOpenBundle(listener);
    expect(subscribe.mock.calls.map(([event]) => event)).toEqual([
      IPC_EVENTS.menuCommand,
      IPC_EVENTS.openCase,
      IPC_EVENTS.openBundle,
    ]);
    subscribe.mock.calls[0]?.[1]({ commandId: 'case.new' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ commandId: 'case.new' });
    expect(() => bridge.desktop.onOpenBundle('alert(1)' as never)).toThrow(TypeError);
  });

  it('sends the desktop calls on their fixed channels', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true, value: undefined }));
    const bridge = createBridge(invoke, vi.fn());
    const entry = { id: '0b7c6f7e-2c1e-4d7a-9a52-3f1f1a0c0001', title: 'Harbour Street' };
    await bridge.desktop.ready();
    await bridge.desktop.recentCaseOpened(entry);
    await bridge.desktop.recentCaseMissing({ id: entry.id });
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.desktopReady, {}],
      [IPC_CHANNELS.recentCaseOpened, entry],
      [IPC_CHANNELS.recentCaseMissing, { id: entry.id }],
    ]);
  });

  it('forwards a main event from ipcRenderer to the page without the IPC event', async () => {
    vi.resetModules();
    await import('../../../electron/preload/index');
    const api = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as ReturnType<
      typeof createBridge
    >;
    const listener = vi.fn();
    api.desktop.onMenuCommand(listener);
    fakeElectron.ipcRenderer.emit(
      IPC_EVENTS.menuCommand,
      { sender: 'ipc-event' },
      {
        commandId: 'nav.sources',
      },
    );
    expect(listener).toHaveBeenCalledExactlyOnceWith({ commandId: 'nav.sources' });
  });
});
