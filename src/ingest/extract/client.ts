import type { SuggestionCandidate } from '../../core';
import { err, type Result } from '../../shared/result';
import type { ExtractProgress, Extractor } from './extractor';
import { refuseExtractRequest } from './limits';
import type { ExtractJob, ExtractWorkerMessage } from './protocol';

// UI-thread side: imports only types and small helpers, so the recogniser, chrono and the
// phone metadata stay in the worker chunk.

interface Pending {
  readonly resolve: (result: Result<readonly SuggestionCandidate[]>) => void;
  readonly onProgress?: (progress: ExtractProgress) => void;
}

/** The production extractor: one dedicated Web Worker, started on first use, restarted after a cancel or crash. */
export function createWorkerExtractor(): Extractor {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(result: Result<never>): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const job of waiting) job.resolve(result);
  }

  function start(): Worker {
    const created = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'casefile-extract',
    });
    created.addEventListener('message', (event: MessageEvent<ExtractWorkerMessage>) => {
      const message = event.data;
      const job = pending.get(message.id);
      if (job === undefined) return;
      if (message.kind === 'progress') {
        job.onProgress?.({ doneChars: message.doneChars, totalChars: message.totalChars });
        return;
      }
      pending.delete(message.id);
      job.resolve(message.result);
    });
    const crashed = (reason: string): void => {
      // A crash fails what the worker was doing; the next extraction starts a fresh worker.
      created.terminate();
      if (worker === created) worker = undefined;
      failAll(err('extract.internal', `The extraction worker stopped: ${reason}`));
    };
    created.addEventListener('error', (event) => crashed(event.message || 'unknown error'));
    created.addEventListener('messageerror', () => crashed('a message could not be read'));
    return created;
  }

  return {
    extract(request, onProgress) {
      const refused = refuseExtractRequest(request);
      if (refused !== undefined) return Promise.resolve(refused);
      worker ??= start();
      const id = nextId++;
      const job: ExtractJob = { id, text: request.text, known: request.known };
      return new Promise((resolve) => {
        pending.set(id, onProgress === undefined ? { resolve } : { resolve, onProgress });
        worker!.postMessage(job);
      });
    },
    cancel() {
      worker?.terminate();
      worker = undefined;
      failAll(err('extract.cancelled', 'Extraction cancelled.'));
    },
    dispose() {
      this.cancel();
    },
  };
}
