import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from '../../src/shared/security';
import { devServerOrigin, type TrustOptions } from './origin';
import { APP_NAME } from './paths';

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

/** app://casefile/index.html, or electron-vite's dev server in an unpackaged dev run. */
export function rendererEntryUrl(options: TrustOptions): string {
  if (devServerOrigin(options) !== null && options.devServerUrl) return options.devServerUrl;
  return `${APP_ORIGIN}/index.html`;
}

export interface MainWindowOptions extends TrustOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preload: string;
}

/** The only window factory: every window gets the same hardened preferences. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    webPreferences: mainWindowWebPreferences(options.preload, options.packaged),
  });
  window.loadURL(rendererEntryUrl(options)).catch((error: unknown) => {
    console.error('Casefile could not load its window:', error);
  });
  return window;
}
