import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMainWindow,
  createWindow,
  mainWindowWebPreferences,
  printWindowWebPreferences,
  rendererEntryUrl,
} from '../../../electron/main/window';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

beforeEach(() => {
  resetFakeElectron();
});

describe('mainWindowWebPreferences', () => {
  it('pins every security-relevant value', () => {
    const prefs = mainWindowWebPreferences('/app/out/preload/index.cjs', true);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableWebSQL).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.devTools).toBe(false);
  });

  it('enables devtools only in an unpackaged run', () => {
    expect(mainWindowWebPreferences('/p.cjs', false).devTools).toBe(true);
    expect(mainWindowWebPreferences('/p.cjs', true).devTools).toBe(false);
  });

  it('has no other keys than the reviewed ones', () => {
    expect(Object.keys(mainWindowWebPreferences('/p.cjs', true)).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'enableWebSQL',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('rendererEntryUrl', () => {
  it('loads app://casefile/index.html when packaged, whatever the environment says', () => {
    expect(rendererEntryUrl({ packaged: true })).toBe('app://casefile/index.html');
    expect(rendererEntryUrl({ packaged: true, devServerUrl: 'http://localhost:5173' })).toBe(
      'app://casefile/index.html',
    );
  });

  it('uses the dev server only when unpackaged and it is http(s)', () => {
    expect(rendererEntryUrl({ packaged: false, devServerUrl: 'http://localhost:5173' })).toBe(
      'http://localhost:5173',
    );
    expect(rendererEntryUrl({ packaged: false })).toBe('app://casefile/index.html');
    expect(rendererEntryUrl({ packaged: false, devServerUrl: 'file:///tmp/index.html' })).toBe(
      'app://casefile/index.html',
    );
    expect(rendererEntryUrl({ packaged: false, devServerUrl: 'not a url' })).toBe(
      'app://casefile/index.html',
    );
  });
});

describe('createMainWindow', () => {
  it('creates a window with the hardened preferences and loads the app URL', () => {
    createMainWindow({ packaged: true, preload: '/app/out/preload/index.cjs' });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options['title']).toBe('Casefile');
    expect(window.options['webPreferences']).toEqual(
      mainWindowWebPreferences('/app/out/preload/index.cjs', true),
    );
    expect(window.loadURL).toHaveBeenCalledWith('app://casefile/index.html');
  });

  it('never loads a file:// URL', () => {
    createMainWindow({
      packaged: false,
      preload: '/p.cjs',
      devServerUrl: 'file:///tmp/index.html',
    });
    const url = FakeBrowserWindow.instances[0]!.loadURL.mock.calls[0]?.[0];
    expect(url).toBe('app://casefile/index.html');
  });
});

describe('createWindow for printing', () => {
  it('makes a hidden window with the hardened preferences, no preload and no JavaScript', () => {
    const window = createWindow({ kind: 'print' });
    expect(window).toBe(FakeBrowserWindow.instances[0]);
    expect(FakeBrowserWindow.instances[0]!.options['show']).toBe(false);
    const prefs = printWindowWebPreferences();
    expect(FakeBrowserWindow.instances[0]!.options['webPreferences']).toEqual(prefs);
    const { preload: _preload, ...mainPrefs } = mainWindowWebPreferences('/p.cjs', true);
    expect(prefs).toEqual({ ...mainPrefs, javascript: false, devTools: false });
    expect('preload' in prefs).toBe(false);
    // The caller loads the one-time report URL; the factory loads nothing.
    expect(FakeBrowserWindow.instances[0]!.loadURL).not.toHaveBeenCalled();
  });
});
