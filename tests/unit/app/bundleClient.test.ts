import { describe, expect, it, vi } from 'vitest';
import { createBundleClient } from '../../../src/app/bundleClient';
import type { BundleWorkerMessage, BundleWorkerRequest } from '../../../src/app/bundleProtocol';
import type { BundleProgress } from '../../../src/features/bundles';
import { ok } from '../../../src/shared/result';

/** Stands in for the bundle worker: keeps each request with the buffers it was handed. */
class RecordingWorker extends EventTarget {
  readonly requests: { request: BundleWorkerRequest; transfer: readonly Transferable[] }[] = [];
  terminated = false;
  postMessage(request: BundleWorkerRequest, transfer: Transferable[] = []): void {
    this.requests.push({ request, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  send(message: BundleWorkerMessage): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: message }));
  }
  fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

function aClient() {
  const started: RecordingWorker[] = [];
  const client = createBundleClient(() => {
    const worker = new RecordingWorker();
    started.push(worker);
    return worker as unknown as Worker;
  });
  return { client, started };
}

describe('the bundle worker client', () => {
  it('stops the worker a while after its last job (freeing its memory), and starts another for the next', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const started: RecordingWorker[] = [];
      const client = createBundleClient(() => {
        const worker = new RecordingWorker();
        started.push(worker);
        return worker as unknown as Worker;
      }, 1000);
      const first = client.wrapSecrets({ ageIdentity: 'a', signingSecretKey: 'b' }, 'p');
      const second = client.wrapSecrets({ ageIdentity: 'c', signingSecretKey: 'd' }, 'p');
      const [a, b] = started[0]!.requests;
      started[0]!.send({ type: 'done', id: a!.request.id, result: ok(new Uint8Array([1])) });
      await first;
      await vi.advanceTimersByTimeAsync(5000);
      expect(started[0]!.terminated).toBe(false); // a job is still running
      started[0]!.send({ type: 'done', id: b!.request.id, result: ok(new Uint8Array([2])) });
      await second;
      await vi.advanceTimersByTimeAsync(999);
      expect(started[0]!.terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(started[0]!.terminated).toBe(true);

      void client.unwrapSecrets(new Uint8Array(4), 'p');
      expect(started).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(5000);
      expect(started[1]!.terminated).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves the bundle bytes to the worker, relays progress and answers by job id', async () => {
    const { client, started } = aClient();
    const bytes = new Uint8Array(1024);
    const seen: BundleProgress[] = [];
    const reading = client.read(bytes, { passphrase: 'p' }, {}, (p) => seen.push(p));
    const wrapping = client.wrapSecrets({ ageIdentity: 'a', signingSecretKey: 'b' }, 'p');
    expect(started).toHaveLength(1);
    const [read, wrap] = started[0]!.requests;
    expect(read?.request.type).toBe('read');
    expect(read?.transfer).toEqual([bytes.buffer]);
    expect(wrap?.transfer).toEqual([]);

    const progress: BundleProgress = { stage: 'decrypting', message: 'Decrypting…' };
    started[0]!.send({ type: 'progress', id: read!.request.id, progress });
    started[0]!.send({ type: 'done', id: wrap!.request.id, result: ok(new Uint8Array([1])) });
    expect(await wrapping).toEqual(ok(new Uint8Array([1])));
    started[0]!.send({ type: 'done', id: read!.request.id, result: ok('opened') });
    expect(await reading).toEqual(ok('opened'));
    expect(seen).toEqual([progress]);
  });

  it('stops the worker when a read is cancelled, and starts a fresh one for the next job', async () => {
    const { client, started } = aClient();
    const controller = new AbortController();
    const reading = client.read(
      new Uint8Array(8),
      { identities: ['x'] },
      {},
      undefined,
      controller.signal,
    );
    controller.abort();
    expect(await reading).toMatchObject({ ok: false, error: { code: 'bundle.cancelled' } });
    expect(started[0]!.terminated).toBe(true);
    void client.unwrapSecrets(new Uint8Array(4), 'p');
    expect(started).toHaveLength(2);
  });

  it('fails what is in flight, saying nothing changed, when the worker crashes', async () => {
    const { client, started } = aClient();
    const writing = client.readIdentityFile(new Uint8Array(4), 'p');
    started[0]!.fail('out of memory');
    expect(await writing).toEqual({
      ok: false,
      error: {
        code: 'bundle.failed',
        message: 'The bundle worker stopped (out of memory); nothing was changed.',
      },
    });
  });
});
