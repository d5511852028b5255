import { describe, expect, it, vi } from 'vitest';
import { createBrowserHost } from '../../../src/platform/browserHost';

describe('browser host beforeClose', () => {
  it('starts the flush when the page is hidden for good (pagehide), until unsubscribed', () => {
    const flush = vi.fn(() => Promise.resolve());
    const unsubscribe = createBrowserHost({ version: '0' }).beforeClose(flush);
    window.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
    unsubscribe();
    window.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
