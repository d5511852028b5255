import { describe, expect, it, vi } from 'vitest';
import { createBrowserHost } from '../../../src/platform/browserHost';

function aFile(name: string, size: number): File {
  return new File([new Uint8Array(size)], name);
}

describe('browser host', () => {
  it('lists an oversized file without reading it and returns the rest', async () => {
    const small = aFile('small.txt', 10);
    const big = aFile('big.pdf', 2048);
    const readBig = vi.spyOn(big, 'arrayBuffer');
    const host = createBrowserHost({
      version: '0',
      chooseFiles: () => Promise.resolve([small, big]),
    });
    const result = await host.openFiles({ multiple: true, maxBytes: 1024 });
    expect(result).toMatchObject({
      ok: true,
      value: { canceled: false, tooLarge: [{ name: 'big.pdf', size: 2048 }] },
    });
    expect(result.ok && result.value.files.map((f) => f.name)).toEqual(['small.txt']);
    expect(readBig).not.toHaveBeenCalled();
  });

  it('returns names and bytes, or a cancel', async () => {
    const host = createBrowserHost({
      version: '0',
      chooseFiles: () => Promise.resolve([new File(['hello'], 'a.txt')]),
    });
    const result = await host.openFiles({});
    expect(result.ok && result.value.files[0]?.name).toBe('a.txt');
    expect(result.ok && new TextDecoder().decode(result.value.files[0]?.bytes)).toBe('hello');
    const cancelled = createBrowserHost({ version: '0', chooseFiles: () => Promise.resolve([]) });
    expect(await cancelled.openFiles({})).toEqual({
      ok: true,
      value: { canceled: true, files: [], tooLarge: [] },
    });
  });

  it('refuses requests with unknown keys or wrong types, with the same contract as IPC', async () => {
    const chooseFiles = vi.fn(() => Promise.resolve([]));
    const host = createBrowserHost({ version: '0', chooseFiles });
    const unknownKey = await host.openFiles({ multiple: true, path: '/etc' } as never);
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'ipc.payload.invalid' } });
    const wrongType = await host.openFiles({ multiple: 'yes' } as never);
    expect(wrongType).toMatchObject({
      ok: false,
      error: {
        code: 'ipc.payload.invalid',
        message: expect.stringContaining('"multiple"') as string,
      },
    });
    expect(chooseFiles).not.toHaveBeenCalled();
  });

  it('downloads a save, refusing a path as the file name', async () => {
    const download = vi.fn();
    const host = createBrowserHost({ version: '0', download });
    expect(
      await host.saveFile({ suggestedName: 'report.pdf', bytes: new Uint8Array([1]) }),
    ).toEqual({ ok: true, value: { canceled: false, fileName: 'report.pdf' } });
    expect(download).toHaveBeenCalledWith('report.pdf', new Uint8Array([1]));
    const refused = await host.saveFile({
      suggestedName: '../../.bashrc',
      bytes: new Uint8Array([1]),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.payload.invalid' } });
    expect(download).toHaveBeenCalledTimes(1);
  });
});

describe('browser host secrets', () => {
  it('has no OS keychain: not available, wrap and unwrap refuse', async () => {
    const host = createBrowserHost({ version: '0' });
    expect(await host.secrets.available()).toBe(false);
    for (const result of [
      await host.secrets.wrap(new Uint8Array([1])),
      await host.secrets.unwrap(new Uint8Array([1])),
    ]) {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('secrets.unavailable');
      expect(!result.ok && result.error.message).toMatch(/passphrase/u);
    }
  });
});
