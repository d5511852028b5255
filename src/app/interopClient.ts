import { importCancelled, type InteropImporter } from '../features/interop/importer';
import { err } from '../shared/result';
import type { InteropJob, InteropProgress } from './interopProtocol';
import { createJobWorker } from './jobWorker';

/** A job without its id, as the importer's methods build them. */
type JobRequest = InteropJob extends infer J
  ? J extends InteropJob
    ? Omit<J, 'id'>
    : never
  : never;

/**
 * The import parsers over one dedicated worker (jobWorker.ts: started on first use, jobs in
 * order, cancelling terminates it). Each job sends a copy of the caller's bytes and transfers it:
 * the caller keeps its own, e.g. to map a CSV again after changing the columns.
 */
export function createInteropClient(startWorker: () => Worker): InteropImporter {
  const jobs = createJobWorker<InteropJob, InteropProgress>({
    start: startWorker,
    send: (job) => {
      const bytes = job.bytes.slice();
      return { message: { ...job, bytes }, transfer: [bytes.buffer] };
    },
    cancelled: importCancelled,
    crashed: (reason) =>
      err(
        'import.failed',
        `The file could not be read: the import worker stopped (${reason}). Nothing was written.`,
      ),
    unsent: () => err('import.failed', 'The file could not be sent to the import worker.'),
  });

  function run<T>(
    request: JobRequest,
    onProgress?: (progress: never) => void,
    signal?: AbortSignal,
  ) {
    return jobs.run<T>(
      (id) => ({ ...request, id }),
      onProgress as ((progress: InteropProgress) => void) | undefined,
      signal,
    );
  }

  return {
    importStix(bytes, target, onProgress, signal) {
      return run({ type: 'stix', bytes, target }, onProgress, signal);
    },
    sniffCsv(bytes, options) {
      return run({ type: 'csv-sniff', bytes, options });
    },
    mapCsv(bytes, request, target, onProgress, signal) {
      return run({ type: 'csv-map', bytes, request, target }, onProgress, signal);
    },
  };
}

/** The app's importer: one dedicated module worker (interop.worker.ts). */
export function createWorkerInteropClient(): InteropImporter {
  return createInteropClient(
    () =>
      new Worker(new URL('./interop.worker.ts', import.meta.url), {
        type: 'module',
        name: 'casefile-interop',
      }),
  );
}
