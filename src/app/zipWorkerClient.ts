import { prepareZipMember, type ZipMemberData, type ZipMemberPreparer } from '../core/bundle/zip';

/** Messages between the bundle worker and its ZIP worker (zip.worker.ts). */
export interface ZipWorkerRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly compress: boolean;
}

export interface ZipWorkerReply {
  readonly id: number;
  readonly crc: number;
  readonly deflated?: Uint8Array;
}

interface Waiting {
  readonly bytes: Uint8Array;
  readonly compress: boolean;
  readonly resolve: (data: ZipMemberData) => void;
}

/**
 * A ZipMemberPreparer over a ZIP worker (started on first use, kept for later exports). Each
 * member goes as a copy (the caller's bytes stay intact); core bounds how many bytes are ahead.
 * If the worker cannot start or fails, the members it held are prepared on this thread instead,
 * and so is every later one: an export never fails for want of a second thread.
 */
export function createZipWorkerPreparer(startWorker: () => Worker): ZipMemberPreparer {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const fallBack = (): void => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const job of waiting.values()) job.resolve(prepareZipMember(job.bytes, job.compress));
    waiting.clear();
  };

  const started = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker !== undefined) return worker;
    try {
      const created = startWorker();
      created.addEventListener('message', (event: MessageEvent<ZipWorkerReply>) => {
        const { id, crc, deflated } = event.data;
        const job = waiting.get(id);
        waiting.delete(id);
        job?.resolve(deflated === undefined ? { crc } : { crc, deflated });
      });
      created.addEventListener('error', fallBack);
      created.addEventListener('messageerror', fallBack);
      worker = created;
      return created;
    } catch {
      broken = true;
      return undefined;
    }
  };

  return (bytes, compress) => {
    const target = started();
    if (target === undefined) return Promise.resolve(prepareZipMember(bytes, compress));
    return new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, { bytes, compress, resolve });
      const copy = bytes.slice();
      target.postMessage({ id, bytes: copy, compress } satisfies ZipWorkerRequest, [copy.buffer]);
    });
  };
}
