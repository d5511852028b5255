import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers } from '../../../electron/main/ipc';
import {
  BACKUPS_FOLDER_NAME,
  REGISTRY_FILE_NAME,
  registerRegistryHandlers,
} from '../../../electron/main/registryIpc';
import { IPC_CHANNELS } from '../../../src/shared/ipc/channels';
import { REGISTRY_RECORD as RECORD } from '../db/memoryBackupFiles';
import type { Result } from '../../../src/shared/result';
import { fakeElectron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

let userData: string;
beforeEach(() => {
  resetFakeElectron();
  userData = mkdtempSync(join(tmpdir(), 'casefile-registry-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

function handlers(): Map<string, Handler> {
  registerRegistryHandlers({ packaged: true, userDataDir: userData });
  const map = new Map<string, Handler>();
  for (const [channel, handler] of fakeElectron.ipcMain.handle.mock.calls) {
    map.set(channel, handler as Handler);
  }
  return map;
}

function event(url = 'app://casefile/index.html') {
  const top = { url, parent: null };
  return { senderFrame: top, sender: { mainFrame: top } };
}

async function call(channel: string, payload: unknown, ev: unknown = event()) {
  const handler = handlers().get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(ev, payload);
}

describe('registry channels', () => {
  it('are registered by registerIpcHandlers', () => {
    registerIpcHandlers({ packaged: true });
    const channels = fakeElectron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels).toEqual(
      expect.arrayContaining([IPC_CHANNELS.registryRead, IPC_CHANNELS.backupFilesWrite]),
    );
  });

  it('no registry yet: null; then written atomically and read back', async () => {
    expect(await call(IPC_CHANNELS.registryRead, {})).toEqual({ ok: true, value: null });
    expect(await call(IPC_CHANNELS.registryWrite, { record: RECORD })).toEqual({
      ok: true,
      value: true,
    });
    expect(await call(IPC_CHANNELS.registryRead, {})).toEqual({ ok: true, value: RECORD });
    // No temporary file is left beside it.
    expect(readdirSync(userData)).toEqual([REGISTRY_FILE_NAME]);
  });

  it.each([
    ['not JSON', '{"version":1,', 'not valid JSON'],
    ['a wrong field', JSON.stringify({ ...RECORD, schemaVersion: 'six' }), 'schemaVersion'],
    ['an unknown field', JSON.stringify({ ...RECORD, extra: true }), 'extra'],
    [
      'a negative count',
      JSON.stringify({
        ...RECORD,
        cases: [{ ...RECORD.cases[0], counts: { ...RECORD.cases[0]!.counts, notes: -1 } }],
      }),
      'notes',
    ],
  ])('a registry file with %s is refused with registry.invalid', async (_what, text, named) => {
    writeFileSync(join(userData, REGISTRY_FILE_NAME), text);
    const read = await call(IPC_CHANNELS.registryRead, {});
    expect(read).toMatchObject({ ok: false, error: { code: 'registry.invalid' } });
    expect(read.ok ? '' : read.error.message).toContain(named);
  });

  it.each([
    ['no record', {}],
    ['a record of the wrong version', { record: { ...RECORD, version: 2 } }],
    ['an extra key', { record: RECORD, path: '/etc/passwd' }],
  ])('a write with %s is refused before anything is written', async (_what, payload) => {
    expect(await call(IPC_CHANNELS.registryWrite, payload)).toMatchObject({
      ok: false,
      error: { code: 'ipc.payload.invalid' },
    });
    expect(readdirSync(userData)).toEqual([]);
  });

  it('refuses a page outside the app', async () => {
    expect(await call(IPC_CHANNELS.registryRead, {}, event('https://evil.example/'))).toMatchObject(
      { ok: false, error: { code: 'ipc.sender.forbidden' } },
    );
  });
});

describe('backup file channels', () => {
  const bytes = new Uint8Array([1, 2, 3, 4]);

  it('write, list, read, remove under userData/Backups', async () => {
    const folder = join(userData, BACKUPS_FOLDER_NAME);
    expect(await call(IPC_CHANNELS.backupFilesLocation, {})).toEqual({ ok: true, value: folder });
    expect(await call(IPC_CHANNELS.backupFilesList, {})).toEqual({ ok: true, value: [] });
    expect(await call(IPC_CHANNELS.backupFilesWrite, { name: 'b-1.casefile', bytes })).toEqual({
      ok: true,
      value: true,
    });
    expect(readFileSync(join(folder, 'b-1.casefile'))).toEqual(Buffer.from(bytes));
    // Files the app did not write (or temporaries) are not listed.
    writeFileSync(join(folder, 'notes.txt'), 'x');
    mkdirSync(join(folder, 'sub.json'));
    expect(await call(IPC_CHANNELS.backupFilesList, {})).toEqual({
      ok: true,
      value: [{ name: 'b-1.casefile', size: 4 }],
    });
    const read = await call(IPC_CHANNELS.backupFilesRead, { name: 'b-1.casefile' });
    expect(read.ok && [...(read.value as Uint8Array)]).toEqual([1, 2, 3, 4]);
    expect(await call(IPC_CHANNELS.backupFilesRemove, { name: 'b-1.casefile' })).toEqual({
      ok: true,
      value: true,
    });
    expect(await call(IPC_CHANNELS.backupFilesRead, { name: 'b-1.casefile' })).toMatchObject({
      ok: false,
      error: { code: 'backupFiles.notFound' },
    });
    // Removing what is not there is fine.
    expect(await call(IPC_CHANNELS.backupFilesRemove, { name: 'b-1.casefile' })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    '../casefile-registry.json',
    '/etc/passwd',
    'sub/b-1.casefile',
    '..\\b-1.casefile',
    '.hidden.casefile',
    'b-1.exe',
    'b-1.casefile.tmp',
    '',
    'a'.repeat(300) + '.casefile',
  ])('a name that is not a plain backup file name (%s) is refused', async (name) => {
    for (const [channel, payload] of [
      [IPC_CHANNELS.backupFilesRead, { name }],
      [IPC_CHANNELS.backupFilesWrite, { name, bytes }],
      [IPC_CHANNELS.backupFilesRemove, { name }],
    ] as const) {
      expect(await call(channel, payload)).toMatchObject({
        ok: false,
        error: { code: 'ipc.payload.invalid' },
      });
    }
    expect(readdirSync(userData)).toEqual([]);
  });

  it('bytes that are not a Uint8Array are refused', async () => {
    expect(
      await call(IPC_CHANNELS.backupFilesWrite, { name: 'b-1.casefile', bytes: [1, 2, 3] }),
    ).toMatchObject({ ok: false, error: { code: 'ipc.payload.invalid' } });
  });
});

describe('the preload bridge', () => {
  it('sends the registry and backup-file calls on their fixed channels', async () => {
    const { createBridge } = await import('../../../electron/preload/bridge');
    const invoke = vi.fn(() => Promise.resolve({ ok: true, value: null }));
    const bridge = createBridge(invoke, vi.fn());
    await bridge.registry.read();
    await bridge.registry.write({ record: RECORD });
    await bridge.backupFiles.location();
    await bridge.backupFiles.list();
    await bridge.backupFiles.read({ name: 'a.casefile' });
    await bridge.backupFiles.write({ name: 'a.casefile', bytes: new Uint8Array([1]) });
    await bridge.backupFiles.remove({ name: 'a.casefile' });
    expect(invoke.mock.calls.map((args: unknown[]) => args[0])).toEqual([
      IPC_CHANNELS.registryRead,
      IPC_CHANNELS.registryWrite,
      IPC_CHANNELS.backupFilesLocation,
      IPC_CHANNELS.backupFilesList,
      IPC_CHANNELS.backupFilesRead,
      IPC_CHANNELS.backupFilesWrite,
      IPC_CHANNELS.backupFilesRemove,
    ]);
  });
});
