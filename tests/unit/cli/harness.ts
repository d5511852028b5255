import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import {
  decryptWithIdentities,
  encryptToRecipients,
  type AgeIdentityPair,
} from '../../../src/core/bundle/age';
import {
  writeBundle,
  type CaseRecords,
  type WriteBundleInput,
} from '../../../src/core/bundle/bundle';
import type { SigningKeyPair } from '../../../src/core/bundle/signature';
import { readBundleZip, writeBundleZip } from '../../../src/core/bundle/zip';
import {
  encryptIdentityFile,
  generateIdentity,
  identityFileContent,
} from '../../../src/core/identity/identity';
import type { IdentitySecrets, PublicIdentity } from '../../../src/core/identity/types';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { nodeIo } from '../../../src/cli/nodeIo';
import { sha256HexOfBytes } from '../../../src/shared/sha256';
import type { Result } from '../../../src/shared/result';
import { aBlob, aCase, anEntity, aSource, aSourceContent } from '../../fixtures/builders';

/**
 * Runs the command line in-process over the real file system (node:fs through nodeIo, as bin.ts
 * does) in a temporary folder, with the terminal scripted and the output captured.
 */

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A temporary folder for the test file, removed after it. */
export function temporaryFolder(prefix: string): (name: string) => string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  return (name) => join(root, name);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The prompts the terminal was asked, in order. */
  readonly prompts: readonly string[];
}

export interface RunOptions {
  /** Typed at each prompt, in order; without them there is no terminal. */
  readonly typed?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Replaces parts of the io, e.g. to simulate a race. */
  readonly io?: Partial<CliIo>;
}

export async function cli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const prompts: string[] = [];
  const typed = options.typed === undefined ? undefined : [...options.typed];
  const io: CliIo = {
    ...nodeIo('9.9.9-test'),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readPassphrase: (prompt) => {
      prompts.push(prompt);
      return Promise.resolve(typed === undefined ? undefined : (typed.shift() ?? ''));
    },
    env: options.env ?? {},
    now: () => new Date('2026-11-22T08:00:00.000Z'),
    ...options.io,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, prompts };
}

// ---------------------------------------------------------------------------------------------
// A small case and its bundles

export const TEXT_ORIGINAL = aBlob('Delivery note 4471: 40,000 litres signed for at berth 7.\n');
export const PDF_ORIGINAL = aBlob(new TextEncoder().encode('%PDF-1.7\n% pretend scan\n'));

export function smallCase(title = 'Harbour fuel diversion'): CaseRecords {
  const theCase = aCase({ title });
  const owned = { caseId: theCase.id };
  const text = aSource({
    ...owned,
    title: 'Delivery note',
    sha256: TEXT_ORIGINAL.sha256,
    byteLength: TEXT_ORIGINAL.byteLength,
  });
  const scan = aSource({
    ...owned,
    title: 'Scan',
    kind: 'pdf',
    mediaType: 'application/pdf',
    sha256: PDF_ORIGINAL.sha256,
    byteLength: PDF_ORIGINAL.byteLength,
  });
  return {
    format: 'casefile-case',
    version: 1,
    case: theCase,
    sources: [text, scan],
    sourceContents: [aSourceContent(text)],
    passages: [],
    entities: [anEntity(owned)],
    entityMerges: [],
    claims: [],
    notes: [],
    charts: [],
    savedSearches: [],
    audit: [],
  };
}

export const ORIGINALS: ReadonlyMap<string, Uint8Array> = new Map([
  [TEXT_ORIGINAL.sha256, TEXT_ORIGINAL.bytes],
  [PDF_ORIGINAL.sha256, PDF_ORIGINAL.bytes],
]);

export async function aBundle(overrides: Partial<WriteBundleInput> = {}): Promise<Uint8Array> {
  return value(
    await writeBundle({
      caseData: smallCase(),
      originals: ORIGINALS,
      app: { name: 'Casefile', version: '0.1.0' },
      createdAt: '2026-11-22T07:30:00.000Z',
      encryption: { kind: 'passphrase', passphrase: 'unused', workFactor: 10 },
      sha256Hex: sha256HexOfBytes,
      ...overrides,
    }),
  );
}

/** A colleague: an identity (age + signing key) as the app would hold it. */
export interface Analyst {
  readonly identity: PublicIdentity;
  readonly secrets: IdentitySecrets;
  readonly age: AgeIdentityPair;
  readonly signing: SigningKeyPair;
}

export async function anAnalyst(name: string): Promise<Analyst> {
  const { identity, secrets } = value(await generateIdentity(name));
  return {
    identity,
    secrets,
    age: { identity: secrets.ageIdentity, recipient: identity.ageRecipient },
    signing: {
      secretKey: Uint8Array.from(Buffer.from(secrets.signingSecretKey, 'hex')),
      publicKey: Uint8Array.from(Buffer.from(identity.signingPublicKey, 'hex')),
    },
  };
}

/** The analyst's .casefile-identity, with a cheap work factor so tests stay quick. */
export async function writeIdentityFile(
  path: string,
  analyst: Analyst,
  passphrase: string,
): Promise<void> {
  const content = identityFileContent(analyst.identity, analyst.secrets, '2026-11-22T07:00:00Z');
  writeFileSync(path, value(await encryptIdentityFile(content, passphrase, 10)));
}

/** An age-keygen style identity file. */
export function writeAgeKeyFile(path: string, identity: AgeIdentityPair): void {
  writeFileSync(
    path,
    `# created: 2026-11-22T07:00:00Z\n# public key: ${identity.recipient}\n${identity.identity}\n`,
  );
}

/** Decrypts a bundle to `recipient`, lets `edit` change its members, and re-encrypts it. */
export async function tampered(
  bundle: Uint8Array,
  age: AgeIdentityPair,
  edit: (members: Map<string, Uint8Array>) => void,
): Promise<Uint8Array> {
  const members = new Map(
    value(readBundleZip(value(await decryptWithIdentities(bundle, [age.identity])))),
  );
  edit(members);
  const zip = value(
    writeBundleZip([...members].map(([path, bytes]) => ({ path, bytes, compress: true }))),
  );
  return value(await encryptToRecipients(zip, [age.recipient]));
}
