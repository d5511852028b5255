import { describe, expect, it } from 'vitest';
import { createInteropClient } from '../../../src/app/interopClient';
import type { InteropJob, InteropWorkerMessage } from '../../../src/app/interopProtocol';
import { createInlineImporter } from '../../../src/features/interop/importer';

type Listener = (event: {
  data?: InteropWorkerMessage;
  message?: string;
  preventDefault?: () => void;
}) => void;

/**
 * Stands in for the interop worker: answers each job with the inline parsers (what the worker
 * runs), unless `hold` is set, when jobs wait until the test answers them.
 */
class FakeWorker {
  readonly listeners = new Map<string, Listener[]>();
  readonly received: { job: InteropJob; transfer: Transferable[] }[] = [];
  terminated = false;
  hold = false;
  private readonly importer = createInlineImporter();

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, event: Parameters<Listener>[0]): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  postMessage(job: InteropJob, transfer: Transferable[]): void {
    this.received.push({ job, transfer });
    if (this.hold) return;
    void this.answer(job);
  }

  async answer(job: InteropJob): Promise<void> {
    if (job.type !== 'csv-sniff') throw new Error('only sniff is answered here');
    this.emit('message', {
      data: {
        type: 'progress',
        id: job.id,
        progress: { rowsRead: 1, bytesRead: 1, totalBytes: 2 },
      },
    });
    const result = await this.importer.sniffCsv(job.bytes, job.options);
    if (!this.terminated) this.emit('message', { data: { type: 'result', id: job.id, result } });
  }

  terminate(): void {
    this.terminated = true;
  }
}

function clientWithFakes() {
  const workers: FakeWorker[] = [];
  let holdNext = false;
  const client = createInteropClient(() => {
    const worker = new FakeWorker();
    worker.hold = holdNext;
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return {
    client,
    workers,
    holdNextWorker: (hold: boolean) => {
      holdNext = hold;
    },
  };
}

const CSV = new TextEncoder().encode('name,type\r\nSWIFT,Organization\r\n');

describe('interop client', () => {
  it('sends a transferred copy of the bytes, so the caller keeps its own', async () => {
    const { client, workers } = clientWithFakes();
    const bytes = CSV.slice();
    const sniffed = await client.sniffCsv(bytes, { previewRows: 5 });
    expect(sniffed.ok && sniffed.value.columns.map((c) => c.name)).toEqual(['name', 'type']);
    const sent = workers[0]?.received[0];
    expect(sent?.transfer).toHaveLength(1);
    expect(sent?.transfer[0]).not.toBe(bytes.buffer);
    expect(bytes.byteLength).toBe(CSV.byteLength);
    expect([...bytes]).toEqual([...CSV]);
  });

  it('cancelling a job stops the worker and sends the others again to a fresh one', async () => {
    const { client, workers, holdNextWorker } = clientWithFakes();
    holdNextWorker(true);
    const controller = new AbortController();
    const first = client.importStix(CSV, undefined as never, undefined, controller.signal);
    const second = client.sniffCsv(CSV, {});
    expect(workers).toHaveLength(1);
    holdNextWorker(false);
    controller.abort();
    const cancelled = await first;
    expect(!cancelled.ok && cancelled.error.code).toBe('import.cancelled');
    expect(workers[0]?.terminated).toBe(true);
    const answered = await second;
    expect(answered.ok).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.received.map((r) => r.job.type)).toEqual(['csv-sniff']);
  });

  it('answers every pending job with an error when the worker crashes', async () => {
    const { client, workers, holdNextWorker } = clientWithFakes();
    holdNextWorker(true);
    const pending = client.sniffCsv(CSV, {});
    workers[0]?.emit('error', { message: 'out of memory', preventDefault: () => undefined });
    const result = await pending;
    expect(!result.ok && result.error.message).toBe(
      'The file could not be read: the import worker stopped (out of memory). Nothing was written.',
    );
  });

  it('forwards progress to the caller', async () => {
    const { client, workers, holdNextWorker } = clientWithFakes();
    holdNextWorker(true);
    const seen: unknown[] = [];
    const pending = client.mapCsv(
      CSV,
      { mapping: undefined as never, encoding: 'utf-8', delimiter: ',' },
      undefined as never,
      (progress) => seen.push(progress),
    );
    const job = workers[0]?.received[0]?.job;
    if (!job) throw new Error('no job sent');
    workers[0]?.emit('message', {
      data: {
        type: 'progress',
        id: job.id,
        progress: { rowsRead: 5000, bytesRead: 10, totalBytes: 20 },
      },
    });
    workers[0]?.emit('message', {
      data: {
        type: 'result',
        id: job.id,
        result: { ok: false, error: { code: 'x', message: 'y' } },
      },
    });
    await pending;
    expect(seen).toEqual([{ rowsRead: 5000, bytesRead: 10, totalBytes: 20 }]);
  });
});
