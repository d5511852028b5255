import { afterEach, describe, expect, test, vi } from 'vitest';
import { requestPersistentStorage } from '../../../src/db/persist';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('requestPersistentStorage', () => {
  test('is a harmless no-op where the Storage API is absent (Node)', async () => {
    expect(await requestPersistentStorage()).toBe(false);
    expect(await requestPersistentStorage({})).toBe(false);
  });

  test('reports the answer of the given storage', async () => {
    let calls = 0;
    const granted = await requestPersistentStorage({
      persist: () => {
        calls += 1;
        return Promise.resolve(true);
      },
    });
    expect(granted).toBe(true);
    expect(calls).toBe(1);
    expect(await requestPersistentStorage({ persist: () => Promise.resolve(false) })).toBe(false);
  });

  test('a rejection is swallowed: storage just stays best-effort', async () => {
    const refusing = { persist: () => Promise.reject(new Error('NotAllowedError')) };
    await expect(requestPersistentStorage(refusing)).resolves.toBe(false);
  });

  test('asks navigator.storage once, however many callers', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist } });
    // A fresh module: the once-per-page memo must not carry over from other tests.
    const fresh = await import('../../../src/db/persist');
    expect(await fresh.requestPersistentStorage()).toBe(true);
    expect(await fresh.requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
  });

  test('openCasefileStorage asks once when allowed, never when told not to', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist } });
    const { openCasefileStorage } = await import('../../../src/db/open');
    const name = `casefile-test-${globalThis.crypto.randomUUID()}`;
    const quiet = await openCasefileStorage({ name, requestPersistence: false });
    quiet.close();
    expect(persist).not.toHaveBeenCalled();
    const first = await openCasefileStorage({ name });
    first.close();
    const second = await openCasefileStorage({ name });
    second.close();
    expect(persist).toHaveBeenCalledTimes(1);
  });
});
