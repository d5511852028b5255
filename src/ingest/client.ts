import type { IngestLimits } from '../core';
import { err, type Result } from '../shared/result';
import type { ParsedFile, ParseJob, ParseJobResult } from './protocol';

export interface ParseFileRequest {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly declaredMediaType?: string;
  readonly limits?: IngestLimits;
}

/** Parses files off the UI thread. `cancel()` stops the file in progress at once. */
export interface Ingest {
  parse(request: ParseFileRequest): Promise<Result<ParsedFile>>;
  /** Abandons every pending parse (they resolve with `ingest.cancelled`). */
  cancel(): void;
  dispose(): void;
}

/** The production ingest: one Web Worker, restarted after a cancel. */
export function createWorkerIngest(): Ingest {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, (result: Result<ParsedFile>) => void>();

  function start(): Worker {
    const created = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'casefile-ingest',
    });
    created.addEventListener('message', (event: MessageEvent<ParseJobResult>) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      resolve?.(event.data.result);
    });
    created.addEventListener('error', (event) => {
      // A crash in the worker fails what it was doing; the next parse starts a fresh worker.
      for (const resolve of pending.values())
        resolve(err('ingest.internal', `The import worker stopped: ${event.message}`));
      pending.clear();
      created.terminate();
      worker = undefined;
    });
    return created;
  }

  return {
    parse(request) {
      worker ??= start();
      const id = nextId++;
      const job: ParseJob = { id, ...request };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        // Transfer a copy: the caller keeps its bytes (a cancelled parse never hands them back).
        const copy = request.bytes.slice();
        worker!.postMessage({ ...job, bytes: copy }, [copy.buffer]);
      });
    },
    cancel() {
      worker?.terminate();
      worker = undefined;
      for (const resolve of pending.values()) resolve(err('ingest.cancelled', 'Import cancelled.'));
      pending.clear();
    },
    dispose() {
      this.cancel();
    },
  };
}
