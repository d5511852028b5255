/// <reference lib="webworker" />
import type { ExtractJob, ExtractWorkerMessage } from './protocol';
import { runExtraction } from './run';

// The extraction worker: indicators, dates, names… are found here so the UI thread stays
// responsive. Jobs run one after another; the app cancels by terminating the worker.
declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<ExtractJob>) => {
  const job = event.data;
  if (typeof job?.id !== 'number') return;
  const post = (message: ExtractWorkerMessage): void => self.postMessage(message);
  void runExtraction(job.text, job.known, {
    onProgress: (progress) => post({ kind: 'progress', id: job.id, ...progress }),
  }).then((result) => post({ kind: 'done', id: job.id, result }));
});
