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
