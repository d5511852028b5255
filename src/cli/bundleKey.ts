import type { AgeHeaderSummary } from '../core/bundle/age';
import type { BundleKey } from '../core/bundle/bundle';
import { ageIdentitiesFromFile, decryptIdentityFile } from '../core/identity/identity';
import { attempt, checkFailed, succeed, usageError, EXIT, type CliIo, type CliResult } from './io';
import { readPassphrase } from './passphrase';

/** The key options every bundle command takes. */
export interface KeyOptions {
  /** `--identity <file>`, repeatable: `.casefile-identity` files or age-keygen identity files. */
  readonly identities: readonly string[];
  /** `--passphrase`: the bundle is protected by a passphrase (also found from its header). */
  readonly passphrase: boolean;
  readonly passphraseFile?: string | undefined;
}

/** age-keygen files are a few lines; identity files a few hundred bytes. */
const MAX_IDENTITY_FILE_BYTES = 64 * 1024;
const AGE_INTRO = new TextEncoder().encode('age-encryption.org/v1\n');

/**
 * The key to open a bundle with, chosen by what its age header says: a passphrase bundle asks
 * for the passphrase, a bundle to recipients needs `--identity`. A mismatch is a usage error
 * that says which option to use, before any scrypt work or passphrase prompt.
 */
export async function bundleKeyFor(
  io: CliIo,
  file: string,
  header: AgeHeaderSummary,
  options: KeyOptions,
  help: string,
): Promise<CliResult<BundleKey>> {
  if (options.identities.length > 0 && options.passphrase) {
    return usageError('Use either --identity or --passphrase, not both.', help);
  }
  if (header.kind === 'scrypt') {
    if (options.identities.length > 0) {
      return usageError(
        `${file} is protected by a passphrase, not encrypted to identities: leave out --identity.`,
        help,
      );
    }
    const passphrase = await readPassphrase(io, options, `Passphrase for ${file}: `);
    return passphrase.ok ? succeed({ passphrase: passphrase.value }) : passphrase;
  }
  if (header.kind === 'other') {
    return checkFailed(
      `${file} is encrypted to a kind of age recipient Casefile cannot use (only X25519 identities and passphrases).`,
    );
  }
  if (options.passphrase) {
    return usageError(
      `${file} is encrypted to recipients, not protected by a passphrase: pass --identity <file>.`,
      help,
    );
  }
  if (options.identities.length === 0) {
    return usageError(
      `${file} is encrypted to recipients: pass --identity <file> with your .casefile-identity or age identity file.`,
      help,
    );
  }
  const identities: string[] = [];
  for (const identityFile of options.identities) {
    const loaded = await identitiesFromFile(io, identityFile, options);
    if (!loaded.ok) return loaded;
    identities.push(...loaded.value);
  }
  return succeed({ identities });
}

/**
 * The age identities in one `--identity` file: a `.casefile-identity` (age-encrypted with a
 * passphrase, asked for) gives its X25519 identity; a plain age-keygen file gives every
 * AGE-SECRET-KEY-1 line. Problems with the file are usage errors; a wrong passphrase is a failed
 * check.
 */
async function identitiesFromFile(
  io: CliIo,
  file: string,
  options: KeyOptions,
): Promise<CliResult<string[]>> {
  const info = await attempt(`read ${file}`, () => io.stat(file), EXIT.usage);
  if (!info.ok) return info;
  if (info.value === undefined) return usageError(`The identity file ${file} does not exist.`);
  if (info.value.kind !== 'file' || info.value.size > MAX_IDENTITY_FILE_BYTES) {
    return usageError(`${file} is not an identity file (a small text or .casefile-identity file).`);
  }
  const bytes = await attempt(`read ${file}`, () => io.readFile(file), EXIT.usage);
  if (!bytes.ok) return bytes;

  if (startsWith(bytes.value, AGE_INTRO)) {
    const passphrase = await readPassphrase(io, options, `Passphrase for identity ${file}: `);
    if (!passphrase.ok) return passphrase;
    const content = await decryptIdentityFile(bytes.value, passphrase.value);
    if (!content.ok) {
      const message = `${file}: ${content.error.message}`;
      return content.error.code === 'bundle.age.wrongKey'
        ? checkFailed(message)
        : usageError(message);
    }
    return succeed([content.value.ageIdentity]);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
  } catch {
    return usageError(`${file} is neither a .casefile-identity file nor an age identity file.`);
  }
  const identities = await ageIdentitiesFromFile(text);
  return identities.ok
    ? succeed(identities.value)
    : usageError(`${file}: ${identities.error.message}`);
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}
