import { screen } from 'electron';
import type { BrowserWindow } from 'electron';
import { IPC_EVENTS } from '../../src/shared/ipc/names';
import { ok } from '../../src/shared/result';
import { bundlePathsFromArgv, createBundleOpener } from './bundleFiles';
import type { DesktopIpc, FileAccess } from './ipc';
import { installMenu } from './menu';
import { createRecentCasesStore } from './recentCases';
import { createWindowStateStore, type WindowPlacement } from './windowState';

export interface DesktopShellOptions {
  readonly userDataDir: string;
  readonly packaged: boolean;
  readonly platform?: NodeJS.Platform;
  /** The app window, if one is open. */
  readonly mainWindow: () => BrowserWindow | null;
  readonly files?: FileAccess;
}

/**
 * Desktop integration in one place (issue 12): the application menu with File → Open Recent,
 * bundles opened from the OS, and the window's remembered size and position.
 */
export interface DesktopShell {
  readonly ipc: DesktopIpc;
  /** Sets the application menu; call after `ready`. */
  installMenu(): void;
  /** Opens every `.casefile` named in a command line (first launch or a second instance). */
  openFromArgv(argv: readonly string[], workingDirectory: string): void;
  /** Opens one bundle (macOS `open-file`). */
  openFile(path: string): void;
  /** Where the main window opens; call after `ready` (it asks `screen` for the displays). */
  windowPlacement(): WindowPlacement;
  /** Remembers the window's size, position and maximized state from now on. */
  trackWindow(window: BrowserWindow): void;
}

export function createDesktopShell(options: DesktopShellOptions): DesktopShell {
  const platform = options.platform ?? process.platform;
  const recent = createRecentCasesStore(options.userDataDir);
  const windowState = createWindowStateStore(options.userDataDir);
  const bundles = createBundleOpener(options.files);

  const send = (channel: string, payload: unknown): void => {
    const window = options.mainWindow();
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const refreshMenu = (): void =>
    installMenu(
      { packaged: options.packaged, platform, recentCases: recent.list() },
      {
        runCommand: (commandId) => send(IPC_EVENTS.menuCommand, { commandId }),
        openRecentCase: (caseId) => send(IPC_EVENTS.openCase, { caseId }),
        clearRecentCases: () => {
          recent.clear();
          refreshMenu();
        },
      },
    );
  const open = (path: string): void => {
    bundles.open(path).catch((error: unknown) => console.error('Casefile could not open:', error));
  };

  return {
    ipc: {
      rendererReady(sender) {
        bundles.rendererReady(sender);
        return ok(undefined);
      },
      caseOpened(entry) {
        const added = recent.add(entry);
        if (!added.ok) return added;
        refreshMenu();
        return ok(undefined);
      },
      caseMissing(id) {
        const removed = recent.remove(id);
        if (!removed.ok) return removed;
        refreshMenu();
        return ok(undefined);
      },
    },
    installMenu: refreshMenu,
    openFromArgv(argv, workingDirectory) {
      for (const path of bundlePathsFromArgv(argv, workingDirectory)) open(path);
    },
    openFile: open,
    windowPlacement() {
      const displays = screen.getAllDisplays().map((display) => display.workArea);
      return windowState.placement({
        workAreas: displays,
        primary: screen.getPrimaryDisplay().workArea,
      });
    },
    trackWindow: (window) => windowState.track(window),
  };
}
