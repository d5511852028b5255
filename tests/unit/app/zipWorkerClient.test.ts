import { describe, expect, it } from 'vitest';
import {
  createZipWorkerPreparer,
  type ZipWorkerReply,
  type ZipWorkerRequest,
} from '../../../src/app/zipWorkerClient';
import { prepareZipMember } from '../../../src/core/bundle/zip';

/** Stands in for the ZIP worker: keeps each request with the buffers it was handed. */
class RecordingWorker extends EventTarget {
  readonly requests: { request: ZipWorkerRequest; transfer: readonly Transferable[] }[] = [];
  terminated = false;
  postMessage(request: ZipWorkerRequest, transfer: Transferable[] = []): void {
    this.requests.push({ request, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: ZipWorkerReply): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: message }));
  }
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function aPreparer() {
  const started: RecordingWorker[] = [];
  const prepare = createZipWorkerPreparer(() => {
    const worker = new RecordingWorker();
    started.push(worker);
    return worker as unknown as Worker;
  });
  return { prepare, started };
}

describe('the ZIP worker preparer', () => {
  it('sends a transferred copy (the caller keeps its bytes) and answers by id', async () => {
    const { prepare, started } = aPreparer();
    const first = text('ledger '.repeat(100));
    const second = text('paid '.repeat(100));
    const one = prepare(first, true);
    const two = prepare(second, true);
    expect(started).toHaveLength(1);
    const [a, b] = started[0]!.requests;
    expect(a?.request.bytes).toEqual(first);
    expect(a?.request.bytes.buffer).not.toBe(first.buffer);
    expect(a?.transfer).toEqual([a?.request.bytes.buffer]);
    expect(first.length).toBe(700); // not detached

    const deflated = new Uint8Array([1, 2, 3]);
    started[0]!.reply({ id: b!.request.id, crc: 7 });
    started[0]!.reply({ id: a!.request.id, crc: 9, deflated });
    expect(await one).toEqual({ crc: 9, deflated });
    expect(await two).toEqual({ crc: 7 });
  });

  it('prepares on this thread what a failed worker held, and everything after', async () => {
    const { prepare, started } = aPreparer();
    const bytes = text('harbour '.repeat(200));
    const held = prepare(bytes, true);
    started[0]!.fail();
    expect(started[0]!.terminated).toBe(true);
    expect(await held).toEqual(prepareZipMember(bytes, true));
    expect(await prepare(bytes, false)).toEqual(prepareZipMember(bytes, false));
    expect(started).toHaveLength(1);
  });

  it('prepares on this thread when no worker can be started', async () => {
    const prepare = createZipWorkerPreparer(() => {
      throw new Error('no nested workers here');
    });
    const bytes = text('vessel '.repeat(50));
    expect(await prepare(bytes, true)).toEqual(prepareZipMember(bytes, true));
  });
});
