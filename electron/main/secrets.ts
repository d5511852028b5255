import type { SafeStorage } from 'electron';
import { err, ok, type Result } from '../../src/shared/result';

/**
 * The analyst's identity secrets at rest, wrapped by the OS keychain through Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux). On Linux
 * without a password manager, Chromium falls back to `basic_text`, a key hard-coded in the
 * browser: no protection at all, so that counts as unavailable and the renderer asks for a
 * passphrase instead. Bytes travel through safeStorage as base64 text (it wraps strings).
 */

export type KeychainAccess = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

/** Linux backends that are no keychain: `basic_text` (fixed key), `unknown` (before ready). */
const NOT_A_KEYCHAIN = new Set(['basic_text', 'unknown']);

export async function keychainAvailable(
  keychain: KeychainAccess,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  if (!(await keychain.isAsyncEncryptionAvailable())) return false;
  return platform !== 'linux' || !NOT_A_KEYCHAIN.has(keychain.getSelectedStorageBackend());
}

function unavailable(): Result<never> {
  return err(
    'secrets.unavailable',
    'This computer has no usable OS keychain (on Linux: no GNOME Keyring or KWallet); protect your identity with a passphrase instead.',
  );
}

export async function wrapSecret(
  plain: Uint8Array,
  keychain: KeychainAccess,
  platform: NodeJS.Platform = process.platform,
): Promise<Result<Uint8Array>> {
  if (!(await keychainAvailable(keychain, platform))) return unavailable();
  try {
    const wrapped = await keychain.encryptStringAsync(Buffer.from(plain).toString('base64'));
    return ok(new Uint8Array(wrapped));
  } catch {
    return err('secrets.wrapFailed', 'The OS keychain could not protect the identity.');
  }
}

export async function unwrapSecret(
  wrapped: Uint8Array,
  keychain: KeychainAccess,
  platform: NodeJS.Platform = process.platform,
): Promise<Result<Uint8Array>> {
  if (!(await keychainAvailable(keychain, platform))) return unavailable();
  let text: string;
  try {
    text = (await keychain.decryptStringAsync(Buffer.from(wrapped))).result;
  } catch {
    return err(
      'secrets.unwrapFailed',
      'The OS keychain could not unlock your identity: it was stored by another user or computer, or the keychain was reset. Import your identity file to restore it.',
    );
  }
  const bytes = Buffer.from(text, 'base64');
  // Only the one spelling we wrote: anything else was not wrapped by Casefile.
  if (bytes.toString('base64') !== text || bytes.length === 0) {
    return err('secrets.unwrapFailed', 'The stored identity is not what Casefile wrapped.');
  }
  return ok(new Uint8Array(bytes));
}
