import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesktopShell } from '../../../electron/main/desktopShell';
import { registerIpcHandlers } from '../../../electron/main/ipc';
import { startApp } from '../../../electron/main/lifecycle';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  MAX_RECENT_TITLE_LENGTH,
} from '../../../src/shared/ipc/channels';
import type { Result } from '../../../src/shared/result';
import { fakeElectron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
const CASE_ID = '0b7c6f7e-2c1e-4d7a-9a52-3f1f1a0c0001';
const bundleBytes = new TextEncoder().encode('age-encryption.org/v1\n');

let dir: string;
beforeEach(async () => {
  resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'casefile-desktop-'));
  await writeFile(join(dir, 'Quay.casefile'), bundleBytes);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** The app window's renderer, as IPC sees it: the app origin's top frame. */
function fromApp(window: FakeBrowserWindow, url = 'app://casefile/index.html', subframe = false) {
  const top = { url, parent: null };
  return { senderFrame: subframe ? { url, parent: top } : top, sender: window.webContents };
}

function setUp() {
  const window = new FakeBrowserWindow({});
  Object.assign(window.webContents, { isDestroyed: () => false });
  const shell = createDesktopShell({
    userDataDir: dir,
    packaged: true,
    platform: 'linux',
    mainWindow: () => window as never,
  });
  registerIpcHandlers({ packaged: true, desktop: shell.ipc });
  const handlers = new Map<string, Handler>();
  for (const [channel, handler] of fakeElectron.ipcMain.handle.mock.calls) {
    handlers.set(channel, handler as Handler);
  }
  const call = (channel: string, payload: unknown, event: unknown = fromApp(window)) =>
    handlers.get(channel)!(event, payload);
  shell.installMenu();
  return { shell, window, call };
}

/** The template of the menu set last. */
function lastMenu(): { label?: string; submenu?: unknown; click?: () => void }[] {
  const built = fakeElectron.Menu.buildFromTemplate.mock.results.at(-1)?.value as {
    template: { label?: string; submenu?: unknown }[];
  };
  return built.template;
}

function openRecentItems() {
  const file = lastMenu().find((item) => item.label === '&File')!;
  const openRecent = (file.submenu as { label?: string; submenu?: unknown }[]).find(
    (item) => item.label === 'Open Recent',
  )!;
  return openRecent.submenu as { label?: string; click?: () => void }[];
}

function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe('desktop IPC', () => {
  it('lists an opened case in File → Open Recent and sends its id when chosen', async () => {
    const { call, window } = setUp();
    expect(
      await call(IPC_CHANNELS.recentCaseOpened, { id: CASE_ID, title: 'Harbour Street' }),
    ).toEqual({ ok: true, value: undefined });
    const item = openRecentItems()[0]!;
    expect(item.label).toBe('Harbour Street');
    item.click!();
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.openCase, { caseId: CASE_ID });

    expect(await call(IPC_CHANNELS.recentCaseMissing, { id: CASE_ID })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(openRecentItems()[0]).toMatchObject({ label: 'No Recent Cases', enabled: false });
  });

  it.each([
    ['a too long title', { id: CASE_ID, title: 'x'.repeat(MAX_RECENT_TITLE_LENGTH + 1) }],
    ['an empty title', { id: CASE_ID, title: '' }],
    ['a title that is not text', { id: CASE_ID, title: 42 }],
    ['an id that is not a case id', { id: '../x', title: 'Harbour Street' }],
    ['an extra key', { id: CASE_ID, title: 'Harbour Street', path: '/etc' }],
    ['no payload', undefined],
  ])('refuses a recent case with %s and leaves the menu alone', async (_what, payload) => {
    const { call } = setUp();
    const menus = fakeElectron.Menu.setApplicationMenu.mock.calls.length;
    expect(errorCode(await call(IPC_CHANNELS.recentCaseOpened, payload))).toBe(
      'ipc.payload.invalid',
    );
    expect(fakeElectron.Menu.setApplicationMenu.mock.calls.length).toBe(menus);
  });

  it('refuses the desktop channels from a subframe or a foreign page', async () => {
    const { call, window } = setUp();
    const entry = { id: CASE_ID, title: 'Harbour Street' };
    for (const event of [
      fromApp(window, 'app://casefile/index.html', true),
      fromApp(window, 'https://example.com/'),
    ]) {
      expect(errorCode(await call(IPC_CHANNELS.recentCaseOpened, entry, event))).toBe(
        'ipc.sender.forbidden',
      );
      expect(errorCode(await call(IPC_CHANNELS.desktopReady, {}, event))).toBe(
        'ipc.sender.forbidden',
      );
    }
    expect(errorCode(await call(IPC_CHANNELS.recentCaseMissing, { id: 'nope' }))).toBe(
      'ipc.payload.invalid',
    );
    expect(errorCode(await call(IPC_CHANNELS.desktopReady, { again: true }))).toBe(
      'ipc.payload.invalid',
    );
  });

  it('sends a menu item’s command id to the renderer', () => {
    const { window } = setUp();
    const file = lastMenu().find((item) => item.label === '&File')!;
    (file.submenu as { label?: string; click?: () => void }[]).find(
      (item) => item.label === 'New Case…',
    )!.click!();
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.menuCommand, {
      commandId: 'case.new',
    });
  });

  it('delivers a bundle from the command line once the renderer says it listens', async () => {
    const { shell, call, window } = setUp();
    shell.openFromArgv(['casefile', join(dir, 'Quay.casefile')], dir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.webContents.send).not.toHaveBeenCalled();
    expect(await call(IPC_CHANNELS.desktopReady, {})).toEqual({ ok: true, value: undefined });
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.openBundle, {
      ok: true,
      value: { name: 'Quay.casefile', bytes: bundleBytes },
    });
  });
});

describe('in the app lifecycle', () => {
  const ready = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('sets the menu on ready and opens bundles from macOS open-file and a second instance', async () => {
    vi.stubEnv('CASEFILE_USER_DATA_DIR', dir);
    try {
      startApp(join(dir, 'out', 'main'));
      // macOS may hand a file over before `ready`.
      fakeElectron.app.isReady.mockReturnValueOnce(false);
      const openFile = { preventDefault: vi.fn() };
      fakeElectron.app.emit('open-file', openFile, join(dir, 'Quay.casefile'));
      expect(openFile.preventDefault).toHaveBeenCalled();
      await ready();
      expect(fakeElectron.Menu.setApplicationMenu).toHaveBeenCalled();
      expect(FakeBrowserWindow.instances).toHaveLength(1);
      const window = FakeBrowserWindow.instances[0]!;
      Object.assign(window.webContents, { isDestroyed: () => false });
      fakeElectron.app.emit('second-instance', {}, ['casefile', 'Quay.casefile'], dir);
      await ready();

      const desktopReady = fakeElectron.ipcMain.handle.mock.calls.find(
        ([channel]) => channel === IPC_CHANNELS.desktopReady,
      )![1] as Handler;
      await desktopReady(fromApp(window), {});
      const bundles = window.webContents.send.mock.calls.filter(
        ([channel]) => channel === IPC_EVENTS.openBundle,
      );
      expect(bundles).toHaveLength(2);
      expect(window.focus).toHaveBeenCalled();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
