import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from '../../src/shared/security';
import { devServerOrigin, type TrustOptions } from './origin';
import { APP_NAME } from './paths';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from './windowState';

/**
 * The renderer's webPreferences. Every security-relevant value is spelled out, even where it equals
 * Electron's default, so a future default change or a careless edit shows up in review and tests.
 */
export function mainWindowWebPreferences(preload: string, packaged: boolean): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: !packaged,
    spellcheck: false,
  };
}

/**
 * The hidden print window's webPreferences: the same hardened values, plus no preload (the report
 * must not reach main) and no JavaScript at all (the report is static HTML and CSS).
 */
export function printWindowWebPreferences(): WebPreferences {
  const hardened = mainWindowWebPreferences('', true);
  delete hardened.preload;
  return { ...hardened, javascript: false, devTools: false };
}

/** app://casefile/index.html, or electron-vite's dev server in an unpackaged dev run. */
export function rendererEntryUrl(options: TrustOptions): string {
  if (devServerOrigin(options) !== null && options.devServerUrl) return options.devServerUrl;
  return `${APP_ORIGIN}/index.html`;
}

export interface MainWindowOptions extends TrustOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preload: string;
  /** Remembered size, position and maximized state (windowState.ts); default size otherwise. */
  readonly placement?: WindowPlacement;
}

/** What kind of window to make: the app's own window, or the hidden window reports print in. */
export type WindowRequest =
  | ({ readonly kind: 'main' } & MainWindowOptions)
  /** Never shown; loads nothing by itself (the caller loads the one-time report URL). */
  | { readonly kind: 'print' };

/** The only window factory: every window gets the hardened preferences for its kind. */
export function createWindow(request: WindowRequest): BrowserWindow {
  if (request.kind === 'print') {
    return new BrowserWindow({
      title: APP_NAME,
      show: false,
      // A4 at 96 dpi: layout before print matches the page the CSS asks for.
      width: 794,
      height: 1123,
      webPreferences: printWindowWebPreferences(),
    });
  }
  const placement = request.placement;
  return new BrowserWindow({
    title: APP_NAME,
    width: placement?.width ?? DEFAULT_WINDOW_SIZE.width,
    height: placement?.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(placement?.x !== undefined && placement.y !== undefined
      ? { x: placement.x, y: placement.y }
      : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    webPreferences: mainWindowWebPreferences(request.preload, request.packaged),
  });
}

/** The app window, loading the renderer. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = createWindow({ kind: 'main', ...options });
  if (options.placement?.maximized) window.maximize();
  window.loadURL(rendererEntryUrl(options)).catch((error: unknown) => {
    console.error('Casefile could not load its window:', error);
  });
  return window;
}
