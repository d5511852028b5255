import {
  buffersOf,
  bundleWorkerOver,
  type BundleJob,
  type BundleProgress,
  type BundleWorker,
} from '../features/bundles';
import { err, type Result } from '../shared/result';
import type { BundleWorkerMessage, BundleWorkerRequest } from './bundleProtocol';

interface InFlight {
  readonly resolve: (result: Result<unknown>) => void;
  readonly onProgress: ((progress: BundleProgress) => void) | undefined;
}

/** The byte arrays a job carries, moved to the worker rather than copied (a 200 MB bundle). */
function transferablesOf(job: BundleJob): ArrayBuffer[] {
  switch (job.type) {
    case 'write':
      return buffersOf(job.request.originals.values());
    case 'read':
    case 'readIdentityFile':
      return buffersOf([job.bytes]);
    case 'unwrapSecrets':
      return buffersOf([job.wrapped]);
    default:
      return [];
  }
}

/**
 * How long the bundle worker is kept after its last job. An export leaves hundreds of MB in it
 * (the case's records, scrypt's 256 MiB, buffers) until its next garbage collection; stopping the
 * idle worker frees them at once. Jobs are plain data in and out, so a fresh worker loses nothing.
 */
export const BUNDLE_WORKER_IDLE_MS = 10_000;

/**
 * The BundleWorker over one dedicated worker, started on first use and stopped `idleMs` after its
 * last job. Jobs run concurrently in the worker (each is async). Aborting a read terminates the
 * worker, so every job in flight fails with `bundle.cancelled`; the next job starts a fresh worker.
 */
export function createBundleClient(
  startWorker: () => Worker,
  idleMs: number = BUNDLE_WORKER_IDLE_MS,
): BundleWorker {
  let worker: Worker | undefined;
  const inFlight = new Map<number, InFlight>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function stopWhenIdle(): void {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (worker === undefined || inFlight.size > 0) return;
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      if (inFlight.size > 0) return;
      worker?.terminate();
      worker = undefined;
    }, idleMs);
  }

  function failAll(code: string, message: string): void {
    const failure = err(code, message);
    const calls = [...inFlight.values()];
    inFlight.clear();
    for (const call of calls) call.resolve(failure);
  }

  function stop(code: string, message: string): void {
    worker?.terminate();
    worker = undefined;
    failAll(code, message);
  }

  function start(): Worker {
    const created = startWorker();
    created.addEventListener('message', (event: MessageEvent<BundleWorkerMessage>) => {
      if (worker !== created) return;
      const message = event.data;
      const call = inFlight.get(message.id);
      if (!call) return;
      if (message.type === 'progress') {
        call.onProgress?.(message.progress);
        return;
      }
      inFlight.delete(message.id);
      call.resolve(message.result);
      stopWhenIdle();
    });
    const crashed = (reason: string) => {
      if (worker !== created) return;
      stop('bundle.failed', `The bundle worker stopped (${reason}); nothing was changed.`);
    };
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      crashed(event.message || 'unknown error');
    });
    created.addEventListener('messageerror', () => crashed('a message could not be read'));
    return created;
  }

  return bundleWorkerOver((job, onProgress, signal) => {
    if (signal?.aborted) return Promise.resolve(err('bundle.cancelled', 'Cancelled.'));
    return new Promise<Result<unknown>>((resolve) => {
      inFlight.set(job.id, { resolve, onProgress });
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
      worker ??= start();
      try {
        const request: BundleWorkerRequest = job;
        worker.postMessage(request, transferablesOf(job));
      } catch (error) {
        inFlight.delete(job.id);
        const detail = error instanceof Error ? error.message : String(error);
        resolve(err('bundle.failed', `The bundle could not be handed to its worker: ${detail}.`));
        return;
      }
      signal?.addEventListener(
        'abort',
        () => {
          if (inFlight.has(job.id)) stop('bundle.cancelled', 'Cancelled; nothing was changed.');
        },
        { once: true },
      );
    });
  });
}

/** The app's bundle worker (bundle.worker.ts). */
export function createWorkerBundleClient(): BundleWorker {
  return createBundleClient(
    () =>
      new Worker(new URL('./bundle.worker.ts', import.meta.url), {
        type: 'module',
        name: 'casefile-bundle',
      }),
  );
}
