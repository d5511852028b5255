import {
  readBundle,
  writeBundle,
  type BundleKey,
  type ReadBundleResult,
  type SignerTrust,
  type WriteBundleInput,
} from '../../core/bundle/bundle';
import { canonicalManifestBytes } from '../../core/bundle/manifest';
import type { ZipMemberPreparer } from '../../core/bundle/zip';
import {
  decryptIdentityFile,
  encryptIdentityFile,
  unwrapSecretsWithPassphrase,
  wrapSecretsWithPassphrase,
} from '../../core/identity/identity';
import type { IdentityFileContent, IdentitySecrets } from '../../core/identity/types';
import { err, ok, type Result } from '../../shared/result';
import { sha256HexOfBytes } from '../../shared/sha256';

/**
 * The heavy work of sharing cases: age (ChaCha20, scrypt), ZIP, hashing. Each job is plain data
 * in and out, so the same function runs in the bundle worker (src/app/bundle.worker.ts) and, for
 * component tests, on the calling thread (`createInlineBundleWorker`).
 */

/** writeBundle's input without functions (the worker brings WebCrypto's hash, its ZIP worker). */
export type BundleWriteRequest = Omit<WriteBundleInput, 'sha256Hex' | 'prepareZipMember'>;

export interface WrittenBundle {
  readonly bytes: Uint8Array;
  /** SHA-256 of the whole `.casefile` file, for the audit trail. */
  readonly sha256: string;
}

export interface OpenedBundle extends ReadBundleResult {
  /** SHA-256 of the `.casefile` file as opened. */
  readonly bundleSha256: string;
  /** SHA-256 of the manifest's canonical bytes (what a signature covers). */
  readonly manifestSha256: string;
}

export type BundleJob =
  | { readonly type: 'write'; readonly id: number; readonly request: BundleWriteRequest }
  | {
      readonly type: 'read';
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly key: BundleKey;
      /** The address book's trust per signing-key fingerprint, read before the job starts. */
      readonly trusted: Readonly<Record<string, SignerTrust>>;
    }
  | {
      readonly type: 'wrapSecrets';
      readonly id: number;
      readonly secrets: IdentitySecrets;
      readonly passphrase: string;
    }
  | {
      readonly type: 'unwrapSecrets';
      readonly id: number;
      readonly wrapped: Uint8Array;
      readonly passphrase: string;
    }
  | {
      readonly type: 'writeIdentityFile';
      readonly id: number;
      readonly content: IdentityFileContent;
      readonly passphrase: string;
    }
  | {
      readonly type: 'readIdentityFile';
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly passphrase: string;
    };

export type BundleJobType = BundleJob['type'];

/** What each job answers with. */
export interface BundleJobResults {
  readonly write: WrittenBundle;
  readonly read: OpenedBundle;
  /** The secrets age-encrypted with the passphrase (WrappedSecrets' `passphrase` bytes). */
  readonly wrapSecrets: Uint8Array;
  readonly unwrapSecrets: IdentitySecrets;
  readonly writeIdentityFile: Uint8Array;
  readonly readIdentityFile: IdentityFileContent;
}

/** A stage of a long job, said in words the analyst understands. */
export interface BundleProgress {
  readonly stage: 'checking' | 'encrypting' | 'decrypting' | 'hashing' | 'deriving';
  readonly message: string;
}

export interface BundleJobOptions {
  /**
   * scrypt work factor for what this side encrypts with a passphrase (identity secrets, identity
   * files, passphrase bundles). Default: age's 18. Tests pass a low one to stay fast.
   */
  readonly scryptWorkFactor?: number;
  /** Deflates large members on another thread while this one encrypts (see writeBundle). */
  readonly prepareZipMember?: ZipMemberPreparer;
}

export interface JobOutcome {
  readonly result: Result<unknown>;
  /** Buffers to move (not copy) to the receiving thread. */
  readonly transfer: readonly ArrayBuffer[];
}

/** Each distinct buffer once: transferring one buffer twice is an error. */
export function buffersOf(arrays: Iterable<Uint8Array>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

function done<T>(result: Result<T>, transfer: readonly ArrayBuffer[] = []): JobOutcome {
  return { result, transfer: result.ok ? transfer : [] };
}

async function writeJob(
  request: BundleWriteRequest,
  onProgress: (progress: BundleProgress) => void,
  options: BundleJobOptions,
): Promise<JobOutcome> {
  const workFactor = options.scryptWorkFactor;
  onProgress({ stage: 'encrypting', message: 'Packing, signing and encrypting the case…' });
  const encryption =
    request.encryption.kind === 'passphrase' && workFactor !== undefined
      ? { ...request.encryption, workFactor: request.encryption.workFactor ?? workFactor }
      : request.encryption;
  const written = await writeBundle({
    ...request,
    encryption,
    sha256Hex: sha256HexOfBytes,
    ...(options.prepareZipMember === undefined
      ? {}
      : { prepareZipMember: options.prepareZipMember }),
  });
  if (!written.ok) return done(written);
  onProgress({ stage: 'hashing', message: 'Fingerprinting the bundle…' });
  const sha256 = await sha256HexOfBytes(written.value);
  return done(ok({ bytes: written.value, sha256 }), buffersOf([written.value]));
}

async function readJob(
  job: Extract<BundleJob, { type: 'read' }>,
  onProgress: (progress: BundleProgress) => void,
): Promise<JobOutcome> {
  onProgress({
    stage: 'decrypting',
    message:
      'passphrase' in job.key
        ? 'Deriving the key from the passphrase, decrypting and checking every member…'
        : 'Decrypting and checking every member…',
  });
  // WebCrypto hashes the file off this thread while it is decrypted and checked.
  const hashing = sha256HexOfBytes(job.bytes);
  const read = await readBundle(job.bytes, job.key, {
    sha256Hex: sha256HexOfBytes,
    trustedKeys: (fingerprint) => job.trusted[fingerprint],
  });
  const bundleSha256 = await hashing;
  if (!read.ok) return done(read);
  const manifestSha256 = await sha256HexOfBytes(canonicalManifestBytes(read.value.manifest));
  const opened: OpenedBundle = { ...read.value, bundleSha256, manifestSha256 };
  return done(ok(opened), buffersOf(read.value.originals.values()));
}

/** Runs one job; never throws (an unexpected exception becomes `bundle.failed`). */
export async function runBundleJob(
  job: BundleJob,
  onProgress: (progress: BundleProgress) => void,
  options: BundleJobOptions = {},
): Promise<JobOutcome> {
  const workFactor = options.scryptWorkFactor;
  try {
    switch (job.type) {
      case 'write':
        return await writeJob(job.request, onProgress, options);
      case 'read':
        return await readJob(job, onProgress);
      case 'wrapSecrets': {
        onProgress({ stage: 'deriving', message: 'Protecting your keys with the passphrase…' });
        const wrapped = await wrapSecretsWithPassphrase(job.secrets, job.passphrase, workFactor);
        return done(wrapped, wrapped.ok ? buffersOf([wrapped.value]) : []);
      }
      case 'unwrapSecrets': {
        onProgress({ stage: 'deriving', message: 'Unlocking your keys…' });
        return done(await unwrapSecretsWithPassphrase(job.wrapped, job.passphrase));
      }
      case 'writeIdentityFile': {
        onProgress({ stage: 'deriving', message: 'Encrypting the identity file…' });
        const file = await encryptIdentityFile(job.content, job.passphrase, workFactor);
        return done(file, file.ok ? buffersOf([file.value]) : []);
      }
      case 'readIdentityFile': {
        onProgress({ stage: 'deriving', message: 'Opening the identity file…' });
        return done(await decryptIdentityFile(job.bytes, job.passphrase));
      }
    }
  } catch (error) {
    return done(
      err(
        'bundle.failed',
        `Something went wrong while working on the bundle: ${error instanceof Error ? error.message : String(error)}.`,
      ),
    );
  }
}
