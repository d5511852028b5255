import { describe, expect, it } from 'vitest';
import {
  BROWSER_REGISTRY_KEY,
  createBrowserBackupFiles,
  createBrowserRegistry,
} from '../../../src/platform/browserRegistry';
import { REGISTRY_RECORD as RECORD } from '../db/memoryBackupFiles';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the browser registry (localStorage)', () => {
  it('none yet, then written and read back', async () => {
    const storage = memoryStorage();
    const registry = createBrowserRegistry(() => storage);
    expect(await registry.read()).toEqual({ ok: true, value: undefined });
    expect(await registry.write(RECORD)).toEqual({ ok: true, value: true });
    expect(await registry.read()).toEqual({ ok: true, value: RECORD });
  });

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['a wrong type', JSON.stringify({ ...RECORD, databaseId: 7 }), 'databaseId'],
    ['an unknown key', JSON.stringify({ ...RECORD, more: 1 }), 'more'],
  ])('a stored value with %s is refused with registry.invalid', async (_what, text, named) => {
    const storage = memoryStorage();
    storage.items.set(BROWSER_REGISTRY_KEY, text);
    const read = await createBrowserRegistry(() => storage).read();
    expect(read).toMatchObject({ ok: false, error: { code: 'registry.invalid' } });
    expect(read.ok ? '' : read.error.message).toContain(named);
  });

  it('a full localStorage is reported, not thrown', async () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    expect(await createBrowserRegistry(() => full).write(RECORD)).toMatchObject({
      ok: false,
      error: { code: 'registry.writeFailed' },
    });
  });
});

/** A tiny in-memory stand-in for the Origin Private File System. */
function memoryDirectory(): FileSystemDirectoryHandle {
  const notFound = () =>
    new DOMException('A requested file or directory could not be found.', 'NotFoundError');
  const directories = new Map<string, FileSystemDirectoryHandle>();
  const files = new Map<string, Uint8Array>();
  const fileHandle = (name: string) => ({
    kind: 'file' as const,
    name,
    getFile: () => Promise.resolve(new Blob([files.get(name)! as Uint8Array<ArrayBuffer>])),
    createWritable: () => {
      const parts: Uint8Array[] = [];
      return Promise.resolve({
        write: (bytes: Uint8Array) => Promise.resolve(void parts.push(bytes.slice())),
        close: () => Promise.resolve(void files.set(name, new Uint8Array(Buffer.concat(parts)))),
        abort: () => Promise.resolve(),
      });
    },
  });
  const handle = {
    kind: 'directory',
    getDirectoryHandle: (name: string, options?: { create?: boolean }) => {
      if (!directories.has(name)) {
        if (!options?.create) return Promise.reject(notFound());
        directories.set(name, memoryDirectory());
      }
      return Promise.resolve(directories.get(name)!);
    },
    getFileHandle: (name: string, options?: { create?: boolean }) => {
      if (!files.has(name)) {
        if (!options?.create) return Promise.reject(notFound());
        files.set(name, new Uint8Array());
      }
      return Promise.resolve(fileHandle(name));
    },
    removeEntry: (name: string) =>
      files.delete(name) ? Promise.resolve() : Promise.reject(notFound()),
    entries: async function* () {
      await Promise.resolve();
      for (const name of files.keys()) yield [name, fileHandle(name)];
      for (const [name, dir] of directories) yield [name, dir];
    },
  };
  return handle as unknown as FileSystemDirectoryHandle;
}

describe('backup files in the Origin Private File System', () => {
  it('write, list, read, remove in a Backups folder', async () => {
    const root = memoryDirectory();
    const files = createBrowserBackupFiles(() => Promise.resolve(root));
    expect(await files.list()).toEqual({ ok: true, value: [] });
    expect(await files.write('b-1.casefile', new Uint8Array([1, 2, 3]))).toEqual({
      ok: true,
      value: true,
    });
    expect(await files.list()).toEqual({ ok: true, value: [{ name: 'b-1.casefile', size: 3 }] });
    const read = await files.read('b-1.casefile');
    expect(read.ok && [...read.value]).toEqual([1, 2, 3]);
    expect(await files.remove('b-1.casefile')).toEqual({ ok: true, value: true });
    expect(await files.read('b-1.casefile')).toMatchObject({
      ok: false,
      error: { code: 'backupFiles.notFound' },
    });
    expect(await files.remove('b-1.casefile')).toEqual({ ok: true, value: true });
    expect(await files.location()).toMatchObject({ ok: true });
  });

  it.each(['../x.casefile', 'a/b.casefile', '.hidden.json', 'x.exe'])(
    'a name that is not a plain backup file name (%s) is refused',
    async (name) => {
      const files = createBrowserBackupFiles(() => Promise.resolve(memoryDirectory()));
      for (const result of [
        await files.read(name),
        await files.write(name, new Uint8Array([1])),
        await files.remove(name),
      ]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'backupFiles.badName' } });
      }
    },
  );

  it('an unavailable file system is reported, not thrown', async () => {
    const files = createBrowserBackupFiles(() => Promise.reject(new Error('SecurityError')));
    expect(await files.list()).toMatchObject({
      ok: false,
      error: { code: 'backupFiles.readFailed' },
    });
    expect(await files.write('a.json', new Uint8Array([1]))).toMatchObject({
      ok: false,
      error: { code: 'backupFiles.writeFailed' },
    });
  });
});
