import { describe, expect, it, vi } from 'vitest';
import type { CasefileBridge } from '../../../src/shared/ipc/bridge';
import { createElectronHost } from '../../../src/platform/electronHost';

/** A bridge whose close request the test fires by hand. */
function aBridge() {
  let closeListener: (() => void) | undefined;
  const closeReady = vi.fn(() => Promise.resolve({ ok: true as const, value: undefined }));
  const bridge: CasefileBridge = {
    app: {
      info: vi.fn(),
      onCloseRequested: (listener) => {
        closeListener = listener;
        return () => {
          closeListener = undefined;
        };
      },
      closeReady,
    },
    files: { open: vi.fn(), save: vi.fn(), savePdf: vi.fn() },
    secrets: { available: vi.fn(), wrap: vi.fn(), unwrap: vi.fn() },
    desktop: {
      onMenuCommand: vi.fn(),
      onOpenCase: vi.fn(),
      onOpenBundle: vi.fn(),
      ready: vi.fn(),
      recentCaseOpened: vi.fn(),
      recentCaseMissing: vi.fn(),
    },
    registry: {
      read: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
      write: vi.fn(),
    },
    backupFiles: {
      location: vi.fn(),
      list: vi.fn(),
      read: vi.fn(),
      write: vi.fn(),
      remove: vi.fn(),
    },
  };
  return { bridge, closeReady, requestClose: () => closeListener?.() };
}

describe('electron host beforeClose', () => {
  it('tells main the window may close only after the flush has finished', async () => {
    const { bridge, closeReady, requestClose } = aBridge();
    let finish: () => void = () => undefined;
    const flush = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    createElectronHost(bridge).beforeClose(flush);

    requestClose();
    expect(flush).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(closeReady).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(closeReady).toHaveBeenCalledTimes(1));
  });

  it('still lets the window close when the flush fails', async () => {
    const { bridge, closeReady, requestClose } = aBridge();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    createElectronHost(bridge).beforeClose(() => Promise.reject(new Error('disk full')));
    requestClose();
    await vi.waitFor(() => expect(closeReady).toHaveBeenCalledTimes(1));
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('stops listening when unsubscribed', () => {
    const { bridge, requestClose } = aBridge();
    const flush = vi.fn(() => Promise.resolve());
    const unsubscribe = createElectronHost(bridge).beforeClose(flush);
    unsubscribe();
    requestClose();
    expect(flush).not.toHaveBeenCalled();
  });
});

describe('electron host savePdf', () => {
  it('hands the request to the bridge unchanged and returns its answer', async () => {
    const { bridge } = aBridge();
    const answer = { ok: true as const, value: { canceled: false, fileName: 'r.pdf' } };
    const savePdf = vi.fn(() => Promise.resolve(answer));
    const request = { html: '<p>report</p>', suggestedName: 'r.pdf' };
    const host = createElectronHost({ ...bridge, files: { ...bridge.files, savePdf } });
    expect(await host.savePdf(request)).toBe(answer);
    expect(savePdf).toHaveBeenCalledWith(request);
  });
});

describe('electron host secrets', () => {
  it('wraps and unwraps through the bridge', async () => {
    const { bridge } = aBridge();
    const wrapped = { ok: true as const, value: new Uint8Array([9]) };
    const plain = { ok: true as const, value: new Uint8Array([1]) };
    const wrap = vi.fn(() => Promise.resolve(wrapped));
    const unwrap = vi.fn(() => Promise.resolve(plain));
    const host = createElectronHost({ ...bridge, secrets: { ...bridge.secrets, wrap, unwrap } });
    expect(await host.secrets.wrap(new Uint8Array([1]))).toBe(wrapped);
    expect(wrap).toHaveBeenCalledWith({ plain: new Uint8Array([1]) });
    expect(await host.secrets.unwrap(new Uint8Array([9]))).toBe(plain);
    expect(unwrap).toHaveBeenCalledWith({ wrapped: new Uint8Array([9]) });
  });

  it('is available only when main says so; an error means no keychain', async () => {
    const { bridge } = aBridge();
    const hostWith = (answer: unknown) =>
      createElectronHost({
        ...bridge,
        secrets: { ...bridge.secrets, available: vi.fn(() => Promise.resolve(answer as never)) },
      });
    expect(await hostWith({ ok: true, value: true }).secrets.available()).toBe(true);
    expect(await hostWith({ ok: true, value: false }).secrets.available()).toBe(false);
    expect(
      await hostWith({
        ok: false,
        error: { code: 'ipc.unavailable', message: 'x' },
      }).secrets.available(),
    ).toBe(false);
  });
});

describe('electron host registry and backup files', () => {
  it('no registry yet (null over IPC) reads as undefined; calls go to the named bridge functions', async () => {
    const { bridge } = aBridge();
    const read = vi.fn(() => Promise.resolve({ ok: true as const, value: new Uint8Array() }));
    const write = vi.fn(() => Promise.resolve({ ok: true as const, value: true as const }));
    const host = createElectronHost({
      ...bridge,
      backupFiles: { ...bridge.backupFiles, read, write },
    });
    expect(await host.registry.read()).toEqual({ ok: true, value: undefined });
    await host.backupFiles.read('a.casefile');
    expect(read).toHaveBeenCalledWith({ name: 'a.casefile' });
    const bytes = new Uint8Array([1]);
    await host.backupFiles.write('a.casefile', bytes);
    expect(write).toHaveBeenCalledWith({ name: 'a.casefile', bytes });
  });
});
