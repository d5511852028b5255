import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type IpcOptions } from '../../../electron/main/ipc';
import {
  keychainAvailable,
  unwrapSecret,
  wrapSecret,
  type KeychainAccess,
} from '../../../electron/main/secrets';
import {
  IPC_CHANNELS,
  MAX_SECRET_BYTES,
  MAX_WRAPPED_SECRET_BYTES,
} from '../../../src/shared/ipc/channels';
import type { Result } from '../../../src/shared/result';
import { fakeElectron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
type Backend = ReturnType<KeychainAccess['getSelectedStorageBackend']>;

const encoder = new TextEncoder();

beforeEach(() => {
  resetFakeElectron();
});

/** A keychain like safeStorage: XORs with a key, so the wrapped bytes differ from the plain ones. */
function aKeychain(available = true, backend: Backend = 'gnome_libsecret') {
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  const keychain = {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(available)),
    getSelectedStorageBackend: vi.fn((): Backend => backend),
    encryptStringAsync: vi.fn((text: string) =>
      Promise.resolve(Buffer.concat([Buffer.from('v11'), scramble(Buffer.from(text))])),
    ),
    decryptStringAsync: vi.fn((encrypted: Buffer) => {
      if (encrypted.subarray(0, 3).toString() !== 'v11') {
        return Promise.reject(new Error('Error while decrypting the ciphertext provided'));
      }
      const result = scramble(encrypted.subarray(3)).toString();
      return Promise.resolve({ shouldReEncrypt: false, result });
    }),
  } satisfies KeychainAccess;
  return keychain;
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe('keychainAvailable', () => {
  it.each([
    ['darwin', true, 'unknown', true],
    ['win32', true, 'unknown', true],
    ['darwin', false, 'unknown', false],
    ['linux', true, 'gnome_libsecret', true],
    ['linux', true, 'kwallet6', true],
    ['linux', true, 'basic_text', false],
    ['linux', true, 'unknown', false],
    ['linux', false, 'gnome_libsecret', false],
  ] as const)(
    '%s, encryption available %s, backend %s → %s',
    async (platform, ok, backend, expected) => {
      expect(await keychainAvailable(aKeychain(ok, backend), platform)).toBe(expected);
    },
  );
});

describe('wrapSecret / unwrapSecret', () => {
  const secret = encoder.encode('{"ageIdentity":"AGE-SECRET-KEY-1…","signingSecretKey":"ab"}');

  it('round trip through the keychain; the wrapped bytes do not contain the secret', async () => {
    const keychain = aKeychain();
    const wrapped = valueOf(await wrapSecret(secret, keychain, 'linux'));
    expect(Buffer.from(wrapped).includes(Buffer.from('AGE-SECRET-KEY'))).toBe(false);
    expect(Buffer.from(wrapped).includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(
      false,
    );
    expect(valueOf(await unwrapSecret(wrapped, keychain, 'linux'))).toEqual(secret);
    // Arbitrary bytes survive too (they travel as base64 text).
    const binary = new Uint8Array([0, 255, 10, 13, 0xc3, 0x28]);
    const again = valueOf(await wrapSecret(binary, keychain, 'linux'));
    expect(valueOf(await unwrapSecret(again, keychain, 'linux'))).toEqual(binary);
  });

  it('refuses without a real keychain, never calling it', async () => {
    const basic = aKeychain(true, 'basic_text');
    expect(errorCode(await wrapSecret(secret, basic, 'linux'))).toBe('secrets.unavailable');
    expect(errorCode(await unwrapSecret(secret, basic, 'linux'))).toBe('secrets.unavailable');
    expect(basic.encryptStringAsync).not.toHaveBeenCalled();
    expect(basic.decryptStringAsync).not.toHaveBeenCalled();
    const none = aKeychain(false);
    const refused = await wrapSecret(secret, none, 'darwin');
    expect(errorCode(refused)).toBe('secrets.unavailable');
    expect(!refused.ok && refused.error.message).toMatch(/passphrase/u);
  });

  it('says clearly when the keychain cannot unwrap (another user or machine) or wrap', async () => {
    const keychain = aKeychain();
    const foreign = await unwrapSecret(encoder.encode('v10garbage'), keychain, 'win32');
    expect(errorCode(foreign)).toBe('secrets.unwrapFailed');
    expect(!foreign.ok && foreign.error.message).toMatch(/identity file/u);

    // Decrypts, but to text Casefile never wrapped (not canonical base64).
    const odd = aKeychain();
    odd.decryptStringAsync.mockResolvedValueOnce({ shouldReEncrypt: false, result: 'not base64!' });
    expect(errorCode(await unwrapSecret(encoder.encode('v11x'), odd, 'win32'))).toBe(
      'secrets.unwrapFailed',
    );

    const broken = aKeychain();
    broken.encryptStringAsync.mockRejectedValueOnce(new Error('keychain locked'));
    expect(errorCode(await wrapSecret(secret, broken, 'darwin'))).toBe('secrets.wrapFailed');
  });
});

describe('secrets IPC channels', () => {
  function handlers(options: Partial<IpcOptions> = {}): Map<string, Handler> {
    registerIpcHandlers({ packaged: true, ...options });
    const map = new Map<string, Handler>();
    for (const [channel, handler] of fakeElectron.ipcMain.handle.mock.calls) {
      map.set(channel, handler as Handler);
    }
    return map;
  }

  function event(url = 'app://casefile/index.html', subframe = false) {
    const top = { url, parent: null };
    return { senderFrame: subframe ? { url, parent: top } : top, sender: { mainFrame: top } };
  }

  async function call(channel: string, payload: unknown, ev: unknown = event(), options = {}) {
    const handler = handlers(options).get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(ev, payload);
  }

  it('wrap and unwrap round trip through Electron’s safeStorage by default', async () => {
    const plain = encoder.encode('secret json');
    const linux = { platform: 'linux' as const };
    expect(await call(IPC_CHANNELS.secretsAvailable, {}, event(), linux)).toEqual({
      ok: true,
      value: true,
    });
    const wrapped = valueOf(
      (await call(IPC_CHANNELS.secretsWrap, { plain }, event(), linux)) as Result<Uint8Array>,
    );
    expect(wrapped).toBeInstanceOf(Uint8Array);
    expect(fakeElectron.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(await call(IPC_CHANNELS.secretsUnwrap, { wrapped }, event(), linux)).toEqual({
      ok: true,
      value: plain,
    });
  });

  it('reports no keychain for Linux’s basic_text backend', async () => {
    fakeElectron.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    expect(
      await call(IPC_CHANNELS.secretsAvailable, {}, event(), { platform: 'linux' as const }),
    ).toEqual({ ok: true, value: false });
  });

  it('uses an injected keychain', async () => {
    const keychain = aKeychain(false);
    expect(await call(IPC_CHANNELS.secretsAvailable, {}, event(), { keychain })).toEqual({
      ok: true,
      value: false,
    });
    expect(fakeElectron.safeStorage.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
  });

  const forbidden = [
    ['a foreign page', event('https://evil.example/')],
    ['a subframe of the app', event('app://casefile/preview.html', true)],
    ['a frame that is gone', { senderFrame: null, sender: {} }],
  ] as const;

  it.each(forbidden)('refuses every secrets channel from %s', async (_label, ev) => {
    const keychain = aKeychain();
    for (const [channel, payload] of [
      [IPC_CHANNELS.secretsAvailable, {}],
      [IPC_CHANNELS.secretsWrap, { plain: new Uint8Array([1]) }],
      [IPC_CHANNELS.secretsUnwrap, { wrapped: new Uint8Array([1]) }],
    ] as const) {
      expect(errorCode(await call(channel, payload, ev, { keychain }))).toBe(
        'ipc.sender.forbidden',
      );
    }
    expect(keychain.encryptStringAsync).not.toHaveBeenCalled();
    expect(keychain.decryptStringAsync).not.toHaveBeenCalled();
  });

  it.each([
    ['no payload', IPC_CHANNELS.secretsWrap, undefined],
    ['text instead of bytes', IPC_CHANNELS.secretsWrap, { plain: 'secret' }],
    ['an array of numbers', IPC_CHANNELS.secretsWrap, { plain: [1, 2, 3] }],
    ['empty bytes', IPC_CHANNELS.secretsWrap, { plain: new Uint8Array() }],
    ['too many bytes', IPC_CHANNELS.secretsWrap, { plain: new Uint8Array(MAX_SECRET_BYTES + 1) }],
    ['an unknown key', IPC_CHANNELS.secretsWrap, { plain: new Uint8Array([1]), extra: true }],
    ['the wrong key', IPC_CHANNELS.secretsUnwrap, { plain: new Uint8Array([1]) }],
    [
      'too many wrapped bytes',
      IPC_CHANNELS.secretsUnwrap,
      { wrapped: new Uint8Array(MAX_WRAPPED_SECRET_BYTES + 1) },
    ],
    ['a payload on available', IPC_CHANNELS.secretsAvailable, { backend: 'x' }],
  ] as const)('refuses %s before touching the keychain', async (_label, channel, payload) => {
    const keychain = aKeychain();
    const result = await call(channel, payload, event(), { keychain });
    expect(errorCode(result)).toBe('ipc.payload.invalid');
    expect(keychain.encryptStringAsync).not.toHaveBeenCalled();
    expect(keychain.decryptStringAsync).not.toHaveBeenCalled();
    expect(keychain.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('accepts the largest secret', async () => {
    const keychain = aKeychain();
    const plain = new Uint8Array(MAX_SECRET_BYTES).fill(7);
    const wrapped = valueOf(
      (await call(IPC_CHANNELS.secretsWrap, { plain }, event(), {
        keychain,
      })) as Result<Uint8Array>,
    );
    expect(wrapped.byteLength).toBeLessThanOrEqual(MAX_WRAPPED_SECRET_BYTES);
  });
});
