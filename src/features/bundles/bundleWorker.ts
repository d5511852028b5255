import type { BundleKey, SignerTrust } from '../../core/bundle/bundle';
import type { IdentityFileContent, IdentitySecrets } from '../../core/identity/types';
import type { Result } from '../../shared/result';
import {
  runBundleJob,
  type BundleJob,
  type BundleJobOptions,
  type BundleJobResults,
  type BundleJobType,
  type BundleProgress,
  type BundleWriteRequest,
  type OpenedBundle,
  type WrittenBundle,
} from './jobs';

type ProgressListener = (progress: BundleProgress) => void;

/**
 * The heavy half of sharing cases, off the UI thread: the app provides one over a dedicated
 * worker (src/app/bundleClient.ts); tests use `createInlineBundleWorker`. Byte arrays handed in
 * are moved to the worker, not copied: do not use them afterwards.
 */
export interface BundleWorker {
  write(request: BundleWriteRequest, onProgress?: ProgressListener): Promise<Result<WrittenBundle>>;
  read(
    bytes: Uint8Array,
    key: BundleKey,
    trusted: Readonly<Record<string, SignerTrust>>,
    onProgress?: ProgressListener,
    signal?: AbortSignal,
  ): Promise<Result<OpenedBundle>>;
  wrapSecrets(secrets: IdentitySecrets, passphrase: string): Promise<Result<Uint8Array>>;
  unwrapSecrets(wrapped: Uint8Array, passphrase: string): Promise<Result<IdentitySecrets>>;
  writeIdentityFile(content: IdentityFileContent, passphrase: string): Promise<Result<Uint8Array>>;
  readIdentityFile(bytes: Uint8Array, passphrase: string): Promise<Result<IdentityFileContent>>;
}

/** Sends one job and resolves with its result (the worker client or the inline runner). */
export type BundleDispatch = (
  job: BundleJob,
  onProgress: ProgressListener | undefined,
  signal: AbortSignal | undefined,
) => Promise<Result<unknown>>;

/** The BundleWorker over any way of running jobs. */
export function bundleWorkerOver(dispatch: BundleDispatch): BundleWorker {
  let nextId = 1;
  const send = <T extends BundleJobType>(
    job: Extract<BundleJob, { type: T }>,
    onProgress?: ProgressListener,
    signal?: AbortSignal,
  ) => dispatch(job, onProgress, signal) as Promise<Result<BundleJobResults[T]>>;
  return {
    write: (request, onProgress) => send({ type: 'write', id: nextId++, request }, onProgress),
    read: (bytes, key, trusted, onProgress, signal) =>
      send({ type: 'read', id: nextId++, bytes, key, trusted }, onProgress, signal),
    wrapSecrets: (secrets, passphrase) =>
      send({ type: 'wrapSecrets', id: nextId++, secrets, passphrase }),
    unwrapSecrets: (wrapped, passphrase) =>
      send({ type: 'unwrapSecrets', id: nextId++, wrapped, passphrase }),
    writeIdentityFile: (content, passphrase) =>
      send({ type: 'writeIdentityFile', id: nextId++, content, passphrase }),
    readIdentityFile: (bytes, passphrase) =>
      send({ type: 'readIdentityFile', id: nextId++, bytes, passphrase }),
  };
}

/** Runs jobs on the calling thread: component tests, and a host without workers. */
export function createInlineBundleWorker(options: BundleJobOptions = {}): BundleWorker {
  return bundleWorkerOver(async (job, onProgress) => {
    const outcome = await runBundleJob(job, (progress) => onProgress?.(progress), options);
    return outcome.result;
  });
}
