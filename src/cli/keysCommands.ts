import { join } from 'node:path';
import {
  encodePublicCard,
  encryptIdentityFile,
  generateIdentity,
  identityFileContent,
  IDENTITY_FILE_EXTENSION,
  PUBLIC_CARD_EXTENSION,
} from '../core/identity/identity';
import { attempt, checkFailed, succeed, usageError, EXIT, type CliIo, type CliResult } from './io';
import { readPassphrase, type PassphraseSource } from './passphrase';
import { fileNameOf, printable } from './text';

export interface GenerateOptions extends PassphraseSource {
  readonly name: string;
  /** Folder to write the two files into; created when missing. */
  readonly out: string;
}

/**
 * `keys generate`: a new identity (X25519 age identity + Ed25519 signing key), written as the
 * same two files the app exports: `<name>.casefile-identity` (secret, age-encrypted with a
 * passphrase, which `age -d` also opens) and `<name>.casefile-key` (public card). Neither file
 * may exist already; the passphrase is asked before anything is written.
 */
export async function generateKeys(
  io: CliIo,
  options: GenerateOptions,
  help: string,
): Promise<CliResult<void>> {
  const generated = await generateIdentity(options.name);
  if (!generated.ok) return usageError(generated.error.message, help);
  const { identity, secrets } = generated.value;

  const base = fileNameOf(identity.name);
  const identityPath = join(options.out, `${base}.${IDENTITY_FILE_EXTENSION}`);
  const cardPath = join(options.out, `${base}.${PUBLIC_CARD_EXTENSION}`);
  const folder = await attempt(`look at ${options.out}`, () => io.stat(options.out), EXIT.usage);
  if (!folder.ok) return folder;
  if (folder.value !== undefined && folder.value.kind !== 'directory') {
    return usageError(`${options.out} is not a folder.`, help);
  }
  for (const path of [identityPath, cardPath]) {
    const existing = await attempt(`look at ${path}`, () => io.stat(path), EXIT.usage);
    if (!existing.ok) return existing;
    if (existing.value !== undefined) {
      return usageError(`${path} already exists; choose another --name or --out.`, help);
    }
  }

  const passphrase = await readPassphrase(
    io,
    options,
    'Passphrase to protect the new identity file: ',
    true,
  );
  if (!passphrase.ok) return passphrase;
  const content = identityFileContent(identity, secrets, io.now().toISOString());
  const encrypted = await encryptIdentityFile(content, passphrase.value);
  if (!encrypted.ok) return checkFailed(encrypted.error.message);

  if (folder.value === undefined) {
    const made = await attempt(`create ${options.out}`, () =>
      io.mkdir(options.out, { parents: true }),
    );
    if (!made.ok) return made;
  }
  const wroteIdentity = await attempt(`write ${identityPath}`, () =>
    io.writeFile(identityPath, encrypted.value),
  );
  if (!wroteIdentity.ok) return wroteIdentity;
  const wroteCard = await attempt(`write ${cardPath}`, () =>
    io.writeFile(cardPath, encodePublicCard(identity)),
  );
  if (!wroteCard.ok) return wroteCard;

  const lines = [
    `Created the identity "${identity.name}".`,
    `Recipient (colleagues encrypt bundles to it): ${identity.ageRecipient}`,
    `Signing key fingerprint (colleagues compare it): ${identity.fingerprint}`,
    `Identity file (secret, protected by the passphrase): ${identityPath}`,
    `Public key card (share it freely): ${cardPath}`,
  ];
  io.stdout(lines.map((line) => `${printable(line)}\n`).join(''));
  return succeed(undefined);
}
