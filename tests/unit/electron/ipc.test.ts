import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeFileAccess, registerIpcHandlers, type FileAccess } from '../../../electron/main/ipc';
import type { TrustOptions } from '../../../electron/main/origin';
import { IPC_CHANNELS } from '../../../src/shared/ipc/channels';
import type { Result } from '../../../src/shared/result';
import { MAX_OPEN_FILES, MAX_OPEN_TOTAL_BYTES } from '../../../src/shared/security';
import { guardWindowClose } from '../../../electron/main/closeGuard';
import { fakeElectron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-ipc-'));
  await writeFile(join(dir, 'small.txt'), 'hello');
  await writeFile(join(dir, 'big.bin'), new Uint8Array(4096));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Spies around the real file system, to prove what was (not) read or written. */
function spyFiles() {
  return {
    stat: vi.fn(nodeFileAccess.stat),
    readFile: vi.fn(nodeFileAccess.readFile),
    writeFile: vi.fn(nodeFileAccess.writeFile),
  } satisfies FileAccess;
}

let files: ReturnType<typeof spyFiles>;

function register(options: TrustOptions = { packaged: true }): Map<string, Handler> {
  files = spyFiles();
  registerIpcHandlers({ ...options, files });
  const handlers = new Map<string, Handler>();
  for (const [channel, handler] of fakeElectron.ipcMain.handle.mock.calls) {
    handlers.set(channel, handler as Handler);
  }
  return handlers;
}

function event(url = 'app://casefile/index.html', subframe = false) {
  const top: FakeFrame = { url, parent: null };
  const senderFrame: FakeFrame = subframe ? { url, parent: top } : top;
  return { senderFrame, sender: { mainFrame: top } };
}

async function call(
  channel: string,
  payload: unknown,
  ev: unknown = event(),
  options?: TrustOptions,
) {
  const handler = register(options).get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(ev, payload);
}

function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

beforeEach(() => {
  resetFakeElectron();
});

describe('registration', () => {
  it('registers exactly the channels in IPC_CHANNELS', () => {
    expect([...register().keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('answers app info from app and process.versions', async () => {
    fakeElectron.app.isPackaged = true;
    const result = await call(IPC_CHANNELS.appInfo, {});
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Casefile',
        version: '0.1.0',
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        platform: process.platform,
        packaged: true,
      },
    });
  });
});

describe('close handshake', () => {
  it('lets the sending window close once the renderer is ready', async () => {
    const window = new FakeBrowserWindow({});
    guardWindowClose(window as unknown as Parameters<typeof guardWindowClose>[0]);
    let closed = false;
    window.on('closed', () => {
      closed = true;
    });
    window.close();
    expect(closed).toBe(false);
    FakeBrowserWindow.fromWebContents.mockReturnValueOnce(window);
    expect(await call(IPC_CHANNELS.closeReady, {})).toEqual({ ok: true, value: undefined });
    expect(closed).toBe(true);
  });

  it('refuses a close-ready request with a payload, or from outside the app', async () => {
    expect(errorCode(await call(IPC_CHANNELS.closeReady, { force: true }))).toBe(
      'ipc.payload.invalid',
    );
    expect(errorCode(await call(IPC_CHANNELS.closeReady, {}, event('https://evil.example/')))).toBe(
      'ipc.sender.forbidden',
    );
  });
});

describe('sender check', () => {
  const forbidden = [
    ['a foreign https page', event('https://evil.example/')],
    ['another app:// host', event('app://evil/index.html')],
    ['a file:// page', event('file:///tmp/index.html')],
    ['a subframe of the app', event('app://casefile/preview.html', true)],
    ['a frame that is gone', { senderFrame: null, sender: {} }],
    ['the dev server in a packaged build', event('http://localhost:5173/')],
  ] as const;

  it.each(forbidden)('refuses open-files from %s and opens no dialog', async (_label, ev) => {
    const result = await call(IPC_CHANNELS.openFiles, {}, ev);
    expect(errorCode(result)).toBe('ipc.sender.forbidden');
    expect(fakeElectron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it.each(forbidden)('refuses save-file from %s and writes nothing', async (_label, ev) => {
    const result = await call(
      IPC_CHANNELS.saveFile,
      { suggestedName: 'a.txt', bytes: new Uint8Array([1]) },
      ev,
    );
    expect(errorCode(result)).toBe('ipc.sender.forbidden');
    expect(fakeElectron.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(files.writeFile).not.toHaveBeenCalled();
  });

  it('refuses app info from a foreign page too', async () => {
    expect(errorCode(await call(IPC_CHANNELS.appInfo, {}, event('https://evil.example/')))).toBe(
      'ipc.sender.forbidden',
    );
  });

  it('checks the sender before the payload', async () => {
    const result = await call(
      IPC_CHANNELS.openFiles,
      { evil: true },
      event('https://evil.example/'),
    );
    expect(errorCode(result)).toBe('ipc.sender.forbidden');
  });

  it('accepts the dev server only in an unpackaged run', async () => {
    const options = { packaged: false, devServerUrl: 'http://localhost:5173' };
    expect(
      (await call(IPC_CHANNELS.appInfo, {}, event('http://localhost:5173/'), options)).ok,
    ).toBe(true);
    expect(
      errorCode(await call(IPC_CHANNELS.appInfo, {}, event('http://localhost:5174/'), options)),
    ).toBe('ipc.sender.forbidden');
  });
});

describe('payload validation', () => {
  it('refuses an unknown key and never opens the dialog', async () => {
    const result = await call(IPC_CHANNELS.openFiles, { multiple: true, path: '/etc/passwd' });
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(result.ok ? '' : result.error.message).toMatch(/^Invalid .*path/);
    expect(fakeElectron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses a wrong type and names the field', async () => {
    const result = await call(IPC_CHANNELS.openFiles, { multiple: 'yes' });
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(result.ok ? '' : result.error.message).toContain('at "multiple"');
    expect(fakeElectron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses maxBytes above the app-wide cap', async () => {
    const result = await call(IPC_CHANNELS.openFiles, { maxBytes: Number.MAX_SAFE_INTEGER });
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(fakeElectron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses a missing payload, a non-object and extra arguments', async () => {
    const handler = register().get(IPC_CHANNELS.appInfo);
    expect(errorCode(await handler!(event()))).toBe('ipc.payload.invalid');
    expect(errorCode(await handler!(event(), 'x'))).toBe('ipc.payload.invalid');
    expect(errorCode(await handler!(event(), {}, {}))).toBe('ipc.payload.invalid');
  });

  it('refuses a save name that is a path, and bytes that are not a Uint8Array', async () => {
    for (const payload of [
      { suggestedName: '../evil.sh', bytes: new Uint8Array([1]) },
      { suggestedName: 'a.txt', bytes: [1, 2, 3] },
      { suggestedName: 'a.txt', bytes: new Uint8Array([1]), path: '/tmp/a.txt' },
    ]) {
      expect(errorCode(await call(IPC_CHANNELS.saveFile, payload)), JSON.stringify(payload)).toBe(
        'ipc.payload.invalid',
      );
    }
    expect(fakeElectron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('open files', () => {
  it('passes title, filters and multiSelections to the dialog and returns names and bytes', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [join(dir, 'small.txt')],
    });
    const filters = [{ name: 'Text', extensions: ['txt'] }];
    const result = await call(IPC_CHANNELS.openFiles, {
      title: 'Add source',
      filters,
      multiple: true,
    });

    expect(fakeElectron.dialog.showOpenDialog).toHaveBeenCalledWith({
      properties: ['openFile', 'multiSelections'],
      title: 'Add source',
      filters,
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      const value = result.value as {
        canceled: boolean;
        files: { name: string; bytes: Uint8Array }[];
      };
      expect(value.canceled).toBe(false);
      expect(value.files).toHaveLength(1);
      expect(value.files[0]?.name).toBe('small.txt');
      expect(value.files[0]?.bytes).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(value.files[0]?.bytes)).toBe('hello');
    }
  });

  it('asks for a single file unless multiple is set', async () => {
    await call(IPC_CHANNELS.openFiles, {});
    expect(fakeElectron.dialog.showOpenDialog).toHaveBeenCalledWith({ properties: ['openFile'] });
  });

  it('reports a cancelled dialog', async () => {
    expect(await call(IPC_CHANNELS.openFiles, {})).toEqual({
      ok: true,
      value: { canceled: true, files: [], tooLarge: [] },
    });
    expect(files.readFile).not.toHaveBeenCalled();
  });

  it('lists an oversized file without ever reading it, and still returns the rest', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [join(dir, 'small.txt'), join(dir, 'big.bin')],
    });
    const result = await call(IPC_CHANNELS.openFiles, { multiple: true, maxBytes: 1024 });

    expect(result).toMatchObject({
      ok: true,
      value: { canceled: false, tooLarge: [{ name: 'big.bin', size: 4096 }] },
    });
    expect(
      result.ok && (result.value as { files: { name: string }[] }).files.map((f) => f.name),
    ).toEqual(['small.txt']);
    expect(files.stat).toHaveBeenCalledWith(join(dir, 'big.bin'));
    expect(files.readFile).not.toHaveBeenCalledWith(join(dir, 'big.bin'));
  });

  it('refuses a batch over the total cap before reading any of it', async () => {
    // Five files each under the per-file cap, together over the total cap.
    const filePaths = Array.from({ length: 5 }, (_, i) => join(dir, `part${i}.bin`));
    const eachSize = Math.ceil(MAX_OPEN_TOTAL_BYTES / 4.5);
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths });
    files = spyFiles();
    const huge: FileAccess = {
      ...files,
      stat: () => Promise.resolve({ size: eachSize, isFile: () => true }),
    };
    registerIpcHandlers({ packaged: true, files: huge });
    const handler = fakeElectron.ipcMain.handle.mock.calls.find(
      ([c]) => c === IPC_CHANNELS.openFiles,
    )?.[1] as Handler;
    expect(errorCode(await handler(event(), { multiple: true }))).toBe('files.tooMuch');
    expect(files.readFile).not.toHaveBeenCalled();
  });

  it('refuses more than MAX_OPEN_FILES without touching any of them', async () => {
    const filePaths = Array.from({ length: MAX_OPEN_FILES + 1 }, (_, i) => join(dir, `f${i}.txt`));
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths });
    const result = await call(IPC_CHANNELS.openFiles, { multiple: true });
    expect(errorCode(result)).toBe('files.tooMany');
    expect(files.stat).not.toHaveBeenCalled();
    expect(files.readFile).not.toHaveBeenCalled();
  });

  it('refuses several files when only one was asked for', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [join(dir, 'small.txt'), join(dir, 'big.bin')],
    });
    expect(errorCode(await call(IPC_CHANNELS.openFiles, {}))).toBe('files.tooMany');
  });

  it('refuses something that is not a regular file (a folder) without reading it', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [dir] });
    expect(errorCode(await call(IPC_CHANNELS.openFiles, {}))).toBe('files.notAFile');
    expect(files.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file that grew past the limit between the check and the read', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [join(dir, 'small.txt')],
    });
    files = spyFiles();
    const growing: FileAccess = { ...files, readFile: () => Promise.resolve(new Uint8Array(2048)) };
    registerIpcHandlers({ packaged: true, files: growing });
    const handler = fakeElectron.ipcMain.handle.mock.calls.find(
      ([c]) => c === IPC_CHANNELS.openFiles,
    )?.[1] as Handler;
    expect(errorCode(await handler(event(), { maxBytes: 1024 }))).toBe('files.tooLarge');
  });

  it('turns a missing file into files.readFailed', async () => {
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [join(dir, 'gone.txt')],
    });
    const result = await call(IPC_CHANNELS.openFiles, {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'files.readFailed',
        message: 'Could not open "gone.txt": the file no longer exists.',
      },
    });
  });

  it('never throws across IPC: a failing dialog becomes ipc.internal', async () => {
    fakeElectron.dialog.showOpenDialog.mockRejectedValueOnce(new Error('dialog exploded'));
    const result = await call(IPC_CHANNELS.openFiles, {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ipc.internal',
        message: 'Casefile could not complete the request: dialog exploded.',
      },
    });
  });

  it('parents the dialog to the sender’s window when there is one', async () => {
    const parent = new fakeElectron.BrowserWindow({});
    await call(IPC_CHANNELS.openFiles, {});
    expect(fakeElectron.dialog.showOpenDialog).toHaveBeenCalledWith(parent, {
      properties: ['openFile'],
    });
  });
});

describe('save file', () => {
  it('suggests the name, writes the bytes and returns only the file name', async () => {
    const target = join(dir, 'export.casefile');
    fakeElectron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const filters = [{ name: 'Case bundle', extensions: ['casefile'] }];
    const result = await call(IPC_CHANNELS.saveFile, {
      suggestedName: 'export.casefile',
      bytes: new Uint8Array([1, 2, 3]),
      filters,
    });

    expect(fakeElectron.dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'export.casefile',
      filters,
    });
    expect(result).toEqual({ ok: true, value: { canceled: false, fileName: 'export.casefile' } });
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const result = await call(IPC_CHANNELS.saveFile, {
      suggestedName: 'a.txt',
      bytes: new Uint8Array([1]),
    });
    expect(result).toEqual({ ok: true, value: { canceled: true } });
    expect(files.writeFile).not.toHaveBeenCalled();
  });

  it('turns a write failure into files.writeFailed', async () => {
    fakeElectron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'no-dir', 'a.txt'),
    });
    const result = await call(IPC_CHANNELS.saveFile, {
      suggestedName: 'a.txt',
      bytes: new Uint8Array([1]),
    });
    expect(errorCode(result)).toBe('files.writeFailed');
  });
});
