import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, protocol, session } from 'electron';
import { installAppHardening, lockDownSession } from './hardening';
import { guardWindowClose } from './closeGuard';
import { registerIpcHandlers } from './ipc';
import type { TrustOptions } from './origin';
import { APP_NAME, APP_USER_MODEL_ID, builtPaths, USER_DATA_DIR_NAME } from './paths';
import { privilegedSchemes, registerAppProtocol } from './protocol';
import { createMainWindow } from './window';
import { createDesktopShell } from './desktopShell';

/**
 * Pins userData (and sessionData, where IndexedDB lives) to `<appData>/Casefile`, whatever the
 * package or product is called. Must run before `ready` and before the single-instance lock, which
 * also lives in userData. Unpackaged runs (tests, development) may point it elsewhere with
 * CASEFILE_USER_DATA_DIR so they never touch an investigator's real cases.
 */
export function pinUserDataPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = app.isPackaged ? undefined : env['CASEFILE_USER_DATA_DIR'];
  const dir = override ? resolve(override) : join(app.getPath('appData'), USER_DATA_DIR_NAME);
  // setPath throws for a folder that does not exist yet (first run).
  mkdirSync(dir, { recursive: true });
  app.setPath('userData', dir);
  app.setPath('sessionData', dir);
  return dir;
}

/** Focuses the existing window, e.g. when the user launches Casefile a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * The whole app lifecycle. `mainDir` is the folder of the built out/main/index.js; the preload and
 * renderer paths are derived from it.
 */
export function startApp(mainDir: string): void {
  app.setName(APP_NAME);
  const userDataDir = pinUserDataPath();
  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox();
  // Privileged schemes can only be registered before `ready`.
  protocol.registerSchemesAsPrivileged(privilegedSchemes());

  // Two instances would share (and could corrupt) the same IndexedDB.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const trust: TrustOptions = {
    packaged: app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  };
  const paths = builtPaths(mainDir);
  installAppHardening(trust);

  let mainWindow: BrowserWindow | null = null;
  // Menu, recent cases, bundles opened from the OS, remembered window placement (issue 12).
  const desktop = createDesktopShell({
    userDataDir,
    packaged: trust.packaged,
    mainWindow: () => mainWindow,
  });
  const openMainWindow = (): void => {
    const window = createMainWindow({
      ...trust,
      preload: paths.preload,
      placement: desktop.windowPlacement(),
    });
    desktop.trackWindow(window);
    // Pending note edits are saved before the window goes (issue 6: no edit lost on quit).
    guardWindowClose(window);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  app.on('second-instance', (_event: unknown, argv: string[], workingDirectory: string) => {
    if (mainWindow) focusWindow(mainWindow);
    else if (app.isReady()) openMainWindow();
    // `casefile case.casefile` (or a double-click) while Casefile runs: open it here.
    desktop.openFromArgv(argv, workingDirectory);
  });
  // macOS hands files over with an event, possibly before `ready`.
  app.on('open-file', (event: { preventDefault(): void }, path: string) => {
    event.preventDefault();
    desktop.openFile(path);
    if (mainWindow) focusWindow(mainWindow);
    else if (app.isReady()) openMainWindow();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
      registerAppProtocol(paths.rendererRoot);
      lockDownSession(session.defaultSession, trust);
      registerIpcHandlers({ ...trust, desktop: desktop.ipc });
      desktop.installMenu();
      openMainWindow();
      desktop.openFromArgv(process.argv, process.cwd());
    })
    .catch((error: unknown) => {
      console.error('Casefile could not start:', error);
      app.quit();
    });
}
