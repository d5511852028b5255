/// <reference lib="webworker" />
import { runBundleJob } from '../features/bundles';
import type { BundleWorkerMessage, BundleWorkerRequest } from './bundleProtocol';
import { createZipWorkerPreparer } from './zipWorkerClient';

// The bundle worker: age encryption and decryption, scrypt, ZIP and hashing for case bundles and
// identity files, off the UI thread. It reads and writes nothing itself: the UI thread extracts,
// plans and commits through storage. Bytes move both ways as transferred buffers, never copies.
declare const self: DedicatedWorkerGlobalScope;

function post(message: BundleWorkerMessage, transfer: readonly ArrayBuffer[] = []): void {
  self.postMessage(message, [...transfer]);
}

// Export deflates large members on a second worker while this one encrypts (two cores).
const prepareZipMember = createZipWorkerPreparer(
  () =>
    new Worker(new URL('./zip.worker.ts', import.meta.url), {
      type: 'module',
      name: 'casefile-zip',
    }),
);

self.addEventListener('message', (event: MessageEvent<BundleWorkerRequest>) => {
  const job = event.data;
  void runBundleJob(job, (progress) => post({ type: 'progress', id: job.id, progress }), {
    prepareZipMember,
  }).then((outcome) =>
    post({ type: 'done', id: job.id, result: outcome.result }, outcome.transfer),
  );
});
