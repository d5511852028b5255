/// <reference lib="webworker" />
import { createInlineImporter } from '../features/interop/importer';
import { err, type Result } from '../shared/result';
import type { InteropJob, InteropProgress, InteropWorkerMessage } from './interopProtocol';

// The interop worker: reads STIX bundles and CSV files into records off the UI thread, one job
// at a time in the order they came. It never touches storage: the UI thread plans and commits.
declare const self: DedicatedWorkerGlobalScope;

const importer = createInlineImporter();
let queue: Promise<void> = Promise.resolve();

function post(message: InteropWorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** The originals' buffers, each once (two views may share one), so they move instead of copying. */
function originalBuffers(result: Result<unknown>): Transferable[] {
  if (!result.ok) return [];
  const { originals } = result.value as { readonly originals?: unknown };
  if (!(originals instanceof Map)) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const bytes of (originals as ReadonlyMap<string, Uint8Array>).values()) {
    if (bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
  }
  return [...buffers];
}

async function run(job: InteropJob): Promise<Result<unknown>> {
  const onProgress = (progress: InteropProgress) =>
    post({ type: 'progress', id: job.id, progress });
  switch (job.type) {
    case 'stix':
      return importer.importStix(job.bytes, job.target, onProgress);
    case 'csv-sniff':
      return importer.sniffCsv(job.bytes, job.options);
    case 'csv-map':
      return importer.mapCsv(job.bytes, job.request, job.target, onProgress);
  }
}

async function handle(job: InteropJob): Promise<void> {
  let result: Result<unknown>;
  try {
    result = await run(job);
  } catch (error) {
    result = err(
      'import.failed',
      `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  post({ type: 'result', id: job.id, result }, originalBuffers(result));
}

self.addEventListener('message', (event: MessageEvent<InteropJob>) => {
  const job = event.data;
  queue = queue.then(() => handle(job));
});
