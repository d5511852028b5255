import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bundlePathsFromArgv,
  createBundleOpener,
  readBundleFile,
} from '../../../electron/main/bundleFiles';
import { nodeFileAccess, type FileAccess } from '../../../electron/main/ipc';
import { IPC_EVENTS } from '../../../src/shared/ipc/names';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

let dir: string;
const bundleBytes = new TextEncoder().encode('age-encryption.org/v1\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-open-'));
  await writeFile(join(dir, 'Harbour Street.casefile'), bundleBytes);
  await writeFile(join(dir, 'big.casefile'), new Uint8Array(4096));
  await writeFile(join(dir, 'notes.txt'), 'hello');
  await mkdir(join(dir, 'folder.casefile'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spyFiles() {
  return {
    stat: vi.fn(nodeFileAccess.stat),
    readFile: vi.fn(nodeFileAccess.readFile),
    writeFile: vi.fn(nodeFileAccess.writeFile),
  } satisfies FileAccess;
}

describe('bundle paths on a command line', () => {
  it('takes only .casefile arguments, skipping the executable and switches', () => {
    expect(
      bundlePathsFromArgv(
        [
          '/opt/Casefile/casefile',
          '--no-sandbox',
          '--flag=x.casefile',
          '/home/ann/Case.CASEFILE',
          'notes.txt',
          'relative/b.casefile',
          '/home/ann/Case.CASEFILE',
        ],
        '/home/ann',
      ),
    ).toEqual(['/home/ann/Case.CASEFILE', resolve('/home/ann', 'relative/b.casefile')]);
  });

  it('skips a dev run’s app folder and ignores what is not a list of strings', () => {
    expect(bundlePathsFromArgv(['electron', '.', 'x.casefile.txt'], '/w')).toEqual([]);
    expect(bundlePathsFromArgv(undefined, '/w')).toEqual([]);
    expect(bundlePathsFromArgv(['exe', 42, { path: 'a.casefile' }], '/w')).toEqual([]);
    // The executable itself is never taken, even if oddly named.
    expect(bundlePathsFromArgv(['/tmp/evil.casefile'], '/w')).toEqual([]);
  });
});

describe('reading a bundle the OS asked us to open', () => {
  it('reads a .casefile and gives its name and bytes', async () => {
    const result = await readBundleFile(join(dir, 'Harbour Street.casefile'));
    expect(result).toEqual({
      ok: true,
      value: { name: 'Harbour Street.casefile', bytes: bundleBytes },
    });
  });

  it('refuses another kind of file without touching it', async () => {
    const files = spyFiles();
    expect(await readBundleFile(join(dir, 'notes.txt'), files)).toEqual({
      ok: false,
      error: {
        code: 'bundle.notABundle',
        message: '"notes.txt" is not a Casefile bundle (a .casefile file).',
      },
    });
    expect(files.stat).not.toHaveBeenCalled();
  });

  it('says clearly when the file no longer exists', async () => {
    expect(await readBundleFile(join(dir, 'gone.casefile'))).toEqual({
      ok: false,
      error: {
        code: 'files.readFailed',
        message: 'Could not open "gone.casefile": the file no longer exists.',
      },
    });
  });

  it('refuses a folder', async () => {
    const result = await readBundleFile(join(dir, 'folder.casefile'));
    expect(result.ok ? undefined : result.error.code).toBe('files.notAFile');
  });

  it('refuses a file over the cap before reading it', async () => {
    const files = spyFiles();
    const result = await readBundleFile(join(dir, 'big.casefile'), files, 1024);
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'files.tooLarge',
      message: expect.stringMatching(/^"big\.casefile" is .*; the limit is .*\.$/) as string,
    });
    expect(files.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file that grew past the cap between the check and the read', async () => {
    const files = spyFiles();
    files.stat.mockResolvedValueOnce({ size: 10, isFile: () => true });
    const result = await readBundleFile(join(dir, 'big.casefile'), files, 1024);
    expect(result.ok ? undefined : result.error.code).toBe('files.tooLarge');
  });
});

describe('delivering bundles to the renderer', () => {
  it('holds bundles opened before the renderer listens, then sends each once', async () => {
    const opener = createBundleOpener();
    await opener.open(join(dir, 'Harbour Street.casefile'));
    await opener.open(join(dir, 'gone.casefile'));
    const renderer = new FakeWebContents();
    Object.assign(renderer, { isDestroyed: () => false });
    opener.rendererReady(renderer as never);
    expect(renderer.send.mock.calls).toEqual([
      [
        IPC_EVENTS.openBundle,
        { ok: true, value: { name: 'Harbour Street.casefile', bytes: bundleBytes } },
      ],
      [
        IPC_EVENTS.openBundle,
        {
          ok: false,
          error: {
            code: 'files.readFailed',
            message: 'Could not open "gone.casefile": the file no longer exists.',
          },
        },
      ],
    ]);
    // From now on straight away; nothing sent twice.
    await opener.open(join(dir, 'Harbour Street.casefile'));
    expect(renderer.send).toHaveBeenCalledTimes(3);
  });

  it('holds bundles again while the renderer is gone (reload)', async () => {
    const opener = createBundleOpener();
    const first = Object.assign(new FakeWebContents(), { isDestroyed: () => true });
    opener.rendererReady(first as never);
    await opener.open(join(dir, 'Harbour Street.casefile'));
    expect(first.send).not.toHaveBeenCalled();
    const second = Object.assign(new FakeWebContents(), { isDestroyed: () => false });
    opener.rendererReady(second as never);
    expect(second.send).toHaveBeenCalledTimes(1);
  });
});
