import { isAbsolute, join, relative, resolve } from 'node:path';
import { decryptWithIdentities, decryptWithPassphrase, inspectAgeHeader } from '../core/bundle/age';
import { readBundleMembers, type ReadBundleResult } from '../core/bundle/bundle';
import { MAX_BUNDLE_BYTES } from '../core/bundle/limits';
import {
  decodeManifest,
  MANIFEST_PATH,
  type Manifest,
  type ManifestEncryption,
} from '../core/bundle/manifest';
import {
  describeMemberName,
  memberNameKey,
  memberPathProblem,
  readBundleZip,
} from '../core/bundle/zip';
import type { AppError, Result } from '../shared/result';
import { sha256HexOfBytes } from '../shared/sha256';
import { bundleKeyFor, type KeyOptions } from './bundleKey';
import { attempt, checkFailed, succeed, usageError, EXIT, type CliIo, type CliResult } from './io';
import { formatByteSize } from '../shared/format';
import { printable, printableJson } from './text';

/** A decrypted bundle's members (checked by readBundleZip: names, sizes, caps, CRCs). */
interface OpenedBundle {
  readonly members: ReadonlyMap<string, Uint8Array>;
}

function fromCore(file: string, error: AppError): CliResult<never> {
  return checkFailed(`${file}: ${error.message} (${error.code})`);
}

/**
 * Reads, pre-checks, decrypts and unzips a bundle, with the same core functions and in the same
 * order as import (docs/bundle-format.md steps 1–4). The key is chosen after the header is read.
 */
async function openBundle(
  io: CliIo,
  file: string,
  keys: KeyOptions,
  help: string,
): Promise<CliResult<OpenedBundle>> {
  const info = await attempt(`read ${file}`, () => io.stat(file), EXIT.usage);
  if (!info.ok) return info;
  if (info.value === undefined) return usageError(`${file} does not exist.`, help);
  if (info.value.kind !== 'file') return usageError(`${file} is not a file.`, help);
  if (info.value.size > MAX_BUNDLE_BYTES) {
    return checkFailed(
      `${file} is ${formatByteSize(info.value.size)}, more than the ${formatByteSize(MAX_BUNDLE_BYTES)} Casefile opens.`,
    );
  }
  const bytes = await attempt(`read ${file}`, () => io.readFile(file), EXIT.usage);
  if (!bytes.ok) return bytes;

  const header = inspectAgeHeader(bytes.value);
  if (!header.ok) return fromCore(file, header.error);
  const key = await bundleKeyFor(io, file, header.value, keys, help);
  if (!key.ok) return key;
  const zip =
    'passphrase' in key.value
      ? await decryptWithPassphrase(bytes.value, key.value.passphrase)
      : await decryptWithIdentities(bytes.value, key.value.identities);
  if (!zip.ok) return fromCore(file, zip.error);
  const members = readBundleZip(zip.value);
  if (!members.ok) return fromCore(file, members.error);
  return succeed({ members: members.value });
}

/** Every check import makes after the ZIP: manifest, members' hashes, signature, case.json. */
function verifyMembers(
  members: ReadonlyMap<string, Uint8Array>,
): Promise<Result<ReadBundleResult>> {
  return readBundleMembers(members, { sha256Hex: sha256HexOfBytes });
}

// ---------------------------------------------------------------------------------------------
// bundle inspect

export interface InspectOptions extends KeyOptions {
  readonly json: boolean;
}

type SignerReport =
  | { readonly status: 'unsigned' }
  | {
      readonly status: 'valid' | 'notVerified';
      readonly name: string | null;
      readonly fingerprint: string;
    };

interface InspectReport {
  readonly file: string;
  readonly format: string;
  readonly version: string;
  readonly app: Manifest['app'];
  readonly createdAt: string;
  readonly case: Manifest['case'];
  readonly encryption: ManifestEncryption | null;
  readonly signer: SignerReport;
  readonly recordCounts: Manifest['recordCounts'];
  readonly members: { readonly count: number; readonly totalBytes: number };
  readonly checks:
    { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };
}

export async function inspectBundle(
  io: CliIo,
  file: string,
  options: InspectOptions,
  help: string,
): Promise<CliResult<void>> {
  const opened = await openBundle(io, file, options, help);
  if (!opened.ok) return opened;
  const manifestBytes = opened.value.members.get(MANIFEST_PATH);
  if (manifestBytes === undefined) {
    return checkFailed(`${file}: the bundle has no manifest.json: it is not a case bundle.`);
  }
  const manifest = decodeManifest(manifestBytes);
  if (!manifest.ok) return fromCore(file, manifest.error);
  const verified = await verifyMembers(opened.value.members);
  const report = inspectReport(file, manifest.value, verified);
  io.stdout(options.json ? `${printableJson(report)}\n` : describeReport(report));
  return verified.ok ? succeed(undefined) : fromCore(file, verified.error);
}

function inspectReport(
  file: string,
  manifest: Manifest,
  verified: Result<ReadBundleResult>,
): InspectReport {
  const named = manifest.signer;
  let signer: SignerReport;
  if (verified.ok && verified.value.signer.status === 'valid') {
    signer = {
      status: 'valid',
      name: named?.name ?? null,
      fingerprint: verified.value.signer.fingerprint,
    };
  } else if (verified.ok || named === undefined) {
    signer = { status: 'unsigned' };
  } else {
    signer = { status: 'notVerified', name: named.name, fingerprint: named.fingerprint };
  }
  return {
    file,
    format: manifest.format,
    version: `${manifest.version.major}.${manifest.version.minor}`,
    app: manifest.app,
    createdAt: manifest.createdAt,
    case: manifest.case,
    encryption: manifest.encryption ?? null,
    signer,
    recordCounts: manifest.recordCounts,
    members: {
      count: manifest.members.length,
      totalBytes: manifest.members.reduce((total, member) => total + member.size, 0),
    },
    checks: verified.ok
      ? { ok: true }
      : { ok: false, code: verified.error.code, message: verified.error.message },
  };
}

function describeReport(report: InspectReport): string {
  const counts = Object.entries(report.recordCounts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => recordKindRank(a) - recordKindRank(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines: [string, string][] = [
    ['Bundle', report.file],
    ['Format', `${report.format} ${report.version}`],
    ['Written by', `${report.app.name} ${report.app.version}, ${report.createdAt}`],
    ['Case', `${report.case.title} [${report.case.marking}] (id ${report.case.id})`],
    ['Encryption', describeEncryption(report.encryption)],
    ['Signer', describeSigner(report.signer)],
    ['Records', counts === '' ? 'none' : counts],
    [
      'Members',
      `${report.members.count} (${formatByteSize(report.members.totalBytes)}), besides manifest.json and signature.json`,
    ],
    [
      'Checks',
      report.checks.ok
        ? 'passed (hashes, signature, case.json)'
        : `FAILED: ${report.checks.message} (${report.checks.code})`,
    ],
  ];
  return lines.map(([label, value]) => `${label.padEnd(11)} ${printable(value)}\n`).join('');
}

/** The order analysts think in; kinds a newer Casefile adds come last. */
const RECORD_KIND_ORDER = [
  'sources',
  'passages',
  'entities',
  'claims',
  'notes',
  'charts',
  'savedSearches',
  'entityMerges',
  'sourceContents',
  'audit',
];

function recordKindRank(kind: string): number {
  const rank = RECORD_KIND_ORDER.indexOf(kind);
  return rank < 0 ? RECORD_KIND_ORDER.length : rank;
}

function describeEncryption(encryption: InspectReport['encryption']): string {
  if (encryption === null) return 'not stated in the manifest';
  if (encryption.kind === 'passphrase') return 'passphrase (scrypt)';
  const names = encryption.recipients.map(({ name, recipient }) =>
    name === recipient ? recipient : `${name} <${recipient}>`,
  );
  const count = names.length === 1 ? '1 recipient' : `${names.length} recipients`;
  return `to ${count}: ${names.join(', ')}`;
}

function describeSigner(signer: SignerReport): string {
  if (signer.status === 'unsigned') return 'unsigned (nobody vouches for where it came from)';
  const who = `${signer.name ?? 'not named in the manifest'}, key fingerprint ${signer.fingerprint}`;
  return signer.status === 'valid'
    ? `${who}: signature valid. Compare the fingerprint with the one the signer gave you.`
    : `${who}: NOT verified (the checks failed).`;
}

// ---------------------------------------------------------------------------------------------
// bundle verify

export async function verifyBundle(
  io: CliIo,
  file: string,
  options: KeyOptions,
  help: string,
): Promise<CliResult<void>> {
  const opened = await openBundle(io, file, options, help);
  if (!opened.ok) return opened;
  const verified = await verifyMembers(opened.value.members);
  if (!verified.ok) return fromCore(file, verified.error);
  const { manifest, signer } = verified.value;
  const signed =
    signer.status === 'valid'
      ? `Signed by ${manifest.signer?.name ?? 'a signer not named in the manifest'}, key fingerprint ${signer.fingerprint}: signature valid. Compare the fingerprint with the one the signer gave you.`
      : 'Unsigned: its members match its manifest, but nobody vouches for where it came from.';
  io.stdout(
    printable(
      `OK ${file}: ${manifest.members.length} members match the manifest; case.json is valid.`,
    ) + `\n${printable(signed)}\n`,
  );
  return succeed(undefined);
}

// ---------------------------------------------------------------------------------------------
// bundle extract

export interface ExtractOptions extends KeyOptions {
  /** Write the members even if the checks after the ZIP (hashes, signature, case.json) fail. */
  readonly skipChecks: boolean;
}

/**
 * Writes every member of the bundle into `folder`, which must be new or empty. Member paths get
 * the checks import makes (memberPathProblem, names unique ignoring case) and must resolve
 * inside the folder; files and folders are created exclusively, never through a symbolic link
 * or over anything already there. Everything is decided before the first write.
 */
export async function extractBundle(
  io: CliIo,
  file: string,
  folder: string,
  options: ExtractOptions,
  help: string,
): Promise<CliResult<void>> {
  const target = await checkTargetFolder(io, folder, help);
  if (!target.ok) return target;
  const opened = await openBundle(io, file, options, help);
  if (!opened.ok) return opened;
  const members = opened.value.members;
  if (!options.skipChecks) {
    const verified = await verifyMembers(members);
    if (!verified.ok) {
      const { code, message } = verified.error;
      return checkFailed(
        `${file}: ${message} (${code}) Nothing was written; --skip-checks writes the members anyway.`,
      );
    }
  }
  const plan = planExtraction(folder, [...members.keys()]);
  if (!plan.ok) return plan;

  // The folder may have changed while the passphrase was typed: look again just before writing.
  const again = await checkTargetFolder(io, folder, help);
  if (!again.ok) return again;
  if (!again.value.exists) {
    const made = await attempt(`create ${folder}`, () => io.mkdir(folder, { parents: true }));
    if (!made.ok) return made;
  }
  for (const directory of plan.value.directories) {
    const path = join(folder, directory);
    const made = await attempt(`create ${path}`, () => io.mkdir(path));
    if (!made.ok) return partial(made.failure.message, folder);
  }
  let total = 0;
  for (const path of plan.value.files) {
    const bytes = members.get(path) ?? new Uint8Array(0);
    const written = await attempt(`write ${join(folder, path)}`, () =>
      io.writeFile(join(folder, path), bytes),
    );
    if (!written.ok) return partial(written.failure.message, folder);
    total += bytes.length;
  }
  io.stdout(
    printable(
      `Extracted ${plan.value.files.length} members (${formatByteSize(total)}) of ${file} to ${folder}${options.skipChecks ? ', without the checks after the ZIP' : ''}.`,
    ) + '\n',
  );
  return succeed(undefined);
}

function partial(message: string, folder: string): CliResult<never> {
  return checkFailed(`${message}. ${folder} now holds part of the bundle: delete it.`);
}

/** The target must be nothing yet (it is created) or an empty folder, not a link to one. */
async function checkTargetFolder(
  io: CliIo,
  folder: string,
  help: string,
): Promise<CliResult<{ exists: boolean }>> {
  const info = await attempt(`look at ${folder}`, () => io.stat(folder), EXIT.usage);
  if (!info.ok) return info;
  if (info.value === undefined) return succeed({ exists: false });
  if (info.value.kind === 'symlink') {
    return usageError(`${folder} is a symbolic link; give a real folder to extract into.`, help);
  }
  if (info.value.kind !== 'directory') {
    return usageError(`${folder} exists and is not a folder.`, help);
  }
  const entries = await attempt(`list ${folder}`, () => io.readDir(folder), EXIT.usage);
  if (!entries.ok) return entries;
  if (entries.value.length > 0) {
    return usageError(
      `${folder} is not empty: extract into a new or empty folder, so nothing is overwritten.`,
      help,
    );
  }
  return succeed({ exists: true });
}

interface ExtractionPlan {
  /** Folders to create, parents first (relative, `/`-separated). */
  readonly directories: readonly string[];
  readonly files: readonly string[];
}

/**
 * Which folders and files extraction creates. Refuses a path import would refuse, one that
 * would land outside the folder, and one that is both a file and a folder (`a` and `a/b`), also
 * when they differ only in case (one name on Windows and macOS).
 */
export function planExtraction(
  folder: string,
  paths: readonly string[],
): CliResult<ExtractionPlan> {
  const root = resolve(folder);
  const fileKeys = new Map<string, string>();
  const directoryKeys = new Map<string, string>();
  const directories: string[] = [];
  for (const path of paths) {
    const problem = memberPathProblem(path);
    if (problem !== undefined) {
      return checkFailed(`The bundle holds ${describeMemberName(path)}, refused: ${problem}.`);
    }
    const inside = relative(root, resolve(root, path));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      return checkFailed(
        `The bundle holds ${describeMemberName(path)}, which would be written outside ${folder}.`,
      );
    }
    const segments = path.split('/');
    for (let depth = 1; depth < segments.length; depth += 1) {
      const directory = segments.slice(0, depth).join('/');
      const key = memberNameKey(directory);
      const known = directoryKeys.get(key);
      if (known === undefined) {
        directoryKeys.set(key, directory);
        directories.push(directory);
      } else if (known !== directory) {
        return checkFailed(
          `The bundle holds folders ${describeMemberName(known)} and ${describeMemberName(directory)}, which differ only in case.`,
        );
      }
    }
    fileKeys.set(memberNameKey(path), path);
  }
  for (const [key, path] of fileKeys) {
    if (directoryKeys.has(key)) {
      return checkFailed(
        `The bundle holds ${describeMemberName(path)} both as a file and as a folder of other members.`,
      );
    }
  }
  return succeed({ directories, files: [...paths] });
}
