import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../../electron/main/lifecycle';
import { privilegedSchemes } from '../../../electron/main/protocol';
import { IPC_CHANNELS, IPC_EVENTS } from '../../../src/shared/ipc/channels';
import { callLog, fakeElectron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const { app } = fakeElectron;
const mainDir = join('/opt', 'casefile', 'out', 'main');
let appData: string;
const realPlatform = process.platform;

function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

/** Lets the whenReady().then(...) chain run. */
async function ready(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeAll(async () => {
  appData = await mkdtemp(join(tmpdir(), 'casefile-appdata-'));
});

afterAll(async () => {
  await rm(appData, { recursive: true, force: true });
});

beforeEach(() => {
  resetFakeElectron();
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('CASEFILE_USER_DATA_DIR', undefined);
  app.getPath.mockImplementation((name: string) =>
    name === 'appData' ? appData : `/fake/${name}`,
  );
});

afterEach(() => {
  setPlatform(realPlatform);
  vi.unstubAllEnvs();
});

describe('before ready', () => {
  it('names the app, pins userData/sessionData, sandboxes and registers app:// before whenReady', () => {
    startApp(mainDir);
    expect(app.setName).toHaveBeenCalledWith('Casefile');
    expect(app.setPath).toHaveBeenCalledWith('userData', join(appData, 'Casefile'));
    expect(app.setPath).toHaveBeenCalledWith('sessionData', join(appData, 'Casefile'));
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith(
      privilegedSchemes(),
    );

    const order = (name: string) => callLog.indexOf(name);
    expect(order('app.setPath')).toBeLessThan(order('app.requestSingleInstanceLock'));
    expect(order('app.enableSandbox')).toBeLessThan(order('app.whenReady'));
    expect(order('protocol.registerSchemesAsPrivileged')).toBeLessThan(order('app.whenReady'));
    // Nothing that needs `ready` has happened yet.
    expect(callLog.slice(0, order('app.whenReady'))).not.toContain('protocol.handle');
  });

  it('lets only an unpackaged run move userData (CASEFILE_USER_DATA_DIR, for tests)', () => {
    const testDir = join(appData, 'test-profile');
    vi.stubEnv('CASEFILE_USER_DATA_DIR', testDir);
    startApp(mainDir);
    expect(app.setPath).toHaveBeenCalledWith('userData', testDir);

    resetFakeElectron();
    app.isPackaged = true;
    startApp(mainDir);
    expect(app.setPath).toHaveBeenCalledWith('userData', join(appData, 'Casefile'));
    expect(app.setPath).not.toHaveBeenCalledWith('userData', testDir);
  });

  it('quits, and sets nothing else up, when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    startApp(mainDir);
    await ready();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(fakeElectron.ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(app.listenerCount('web-contents-created')).toBe(0);
  });
});

describe('on ready', () => {
  it('serves app://, locks the session down, registers IPC, then opens one hardened window', async () => {
    startApp(mainDir);
    await ready();

    expect(fakeElectron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const session = fakeElectron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(fakeElectron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual(
      Object.values(IPC_CHANNELS).sort(),
    );
    expect(app.listenerCount('web-contents-created')).toBe(1);

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options['webPreferences']).toMatchObject({
      preload: join(mainDir, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://casefile/index.html');
    expect(callLog.indexOf('ipcMain.handle')).toBeLessThan(callLog.indexOf('new BrowserWindow'));
  });

  it('holds the window close until the renderer has saved pending edits', async () => {
    startApp(mainDir);
    await ready();
    const window = FakeBrowserWindow.instances[0]!;
    let closed = false;
    window.on('closed', () => {
      closed = true;
    });
    window.close();
    expect(closed).toBe(false);
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.closeRequested);
  });

  it('loads the electron-vite dev server only in an unpackaged run', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    startApp(mainDir);
    await ready();
    expect(FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');

    resetFakeElectron();
    app.isPackaged = true;
    startApp(mainDir);
    await ready();
    expect(FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith(
      'app://casefile/index.html',
    );
  });

  it('focuses the existing window when a second instance starts', async () => {
    startApp(mainDir);
    await ready();
    app.emit('second-instance');
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quits when the last window closes, except on macOS', async () => {
    setPlatform('linux');
    startApp(mainDir);
    await ready();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);

    resetFakeElectron();
    setPlatform('darwin');
    startApp(mainDir);
    await ready();
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('reopens a window on macOS activate when none is left', async () => {
    startApp(mainDir);
    await ready();
    FakeBrowserWindow.instances.length = 0;
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});
