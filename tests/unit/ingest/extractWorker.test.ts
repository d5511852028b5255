import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerExtractor } from '../../../src/ingest/extract/client';
import type { ExtractProgress } from '../../../src/ingest/extract/extractor';
import { MAX_EXTRACT_CHARS } from '../../../src/ingest/extract/limits';
import type { ExtractJob, ExtractWorkerMessage } from '../../../src/ingest/extract/protocol';
import { runExtraction } from '../../../src/ingest/extract/run';

/**
 * Stands in for the browser's Worker (Node has none): runs the real chunk loop and talks the
 * real protocol, asynchronously, and can be made to crash or hang.
 */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  static hang = false;
  terminated = false;
  readonly jobs: ExtractJob[] = [];

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.created.push(this);
  }

  postMessage(job: ExtractJob): void {
    this.jobs.push(job);
    if (FakeWorker.hang) return;
    void runExtraction(job.text, job.known, {
      chunks: { minSize: 100, maxSize: 200, margin: 50 },
      onProgress: (p) => this.reply({ kind: 'progress', id: job.id, ...p }),
      between: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return !this.terminated;
      },
    }).then((result) => this.reply({ kind: 'done', id: job.id, result }));
  }

  reply(data: ExtractWorkerMessage): void {
    if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data }));
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const TEXT = 'Beacon to evil[.]com and 198.51.100.23.\n\n'.repeat(20);

beforeEach(() => {
  FakeWorker.created = [];
  FakeWorker.hang = false;
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('createWorkerExtractor', () => {
  it('extracts in one dedicated module worker, forwarding progress', async () => {
    const extractor = createWorkerExtractor();
    const progress: ExtractProgress[] = [];
    const result = await extractor.extract({ text: TEXT, known: [] }, (p) => progress.push(p));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.filter((c) => c.type === 'Domain')).toHaveLength(20);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ doneChars: TEXT.length, totalChars: TEXT.length });

    await extractor.extract({ text: 'again', known: [] });
    expect(FakeWorker.created).toHaveLength(1);
    const [worker] = FakeWorker.created;
    expect(worker!.options).toEqual({ type: 'module', name: 'casefile-extract' });
    expect(worker!.url.pathname).toMatch(/\/src\/ingest\/extract\/worker\.ts$/);
  });

  it('refuses a text over the cap before starting a worker or copying the text', async () => {
    const result = await createWorkerExtractor().extract({
      text: 'x'.repeat(MAX_EXTRACT_CHARS + 1),
      known: [],
    });
    expect(result.ok ? undefined : result.error.code).toBe('extract.tooLarge');
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('cancel() terminates the worker, resolves every pending extraction as cancelled, and the next call starts afresh', async () => {
    FakeWorker.hang = true;
    const extractor = createWorkerExtractor();
    const first = extractor.extract({ text: TEXT, known: [] });
    const second = extractor.extract({ text: TEXT, known: [] });
    extractor.cancel();
    for (const result of await Promise.all([first, second])) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'extract.cancelled', message: 'Extraction cancelled.' },
      });
    }
    expect(FakeWorker.created[0]!.terminated).toBe(true);

    FakeWorker.hang = false;
    const next = await extractor.extract({ text: TEXT, known: [] });
    expect(next.ok).toBe(true);
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('fails pending extractions with extract.internal when the worker crashes, then recovers', async () => {
    FakeWorker.hang = true;
    const extractor = createWorkerExtractor();
    const pending = extractor.extract({ text: TEXT, known: [] });
    FakeWorker.created[0]!.crash('out of memory');
    const result = await pending;
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'extract.internal',
      message: 'The extraction worker stopped: out of memory',
    });
    expect(FakeWorker.created[0]!.terminated).toBe(true);

    FakeWorker.hang = false;
    expect((await extractor.extract({ text: TEXT, known: [] })).ok).toBe(true);
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('dispose() cancels what is pending', async () => {
    FakeWorker.hang = true;
    const extractor = createWorkerExtractor();
    const pending = extractor.extract({ text: TEXT, known: [] });
    extractor.dispose();
    expect((await pending).ok).toBe(false);
  });
});

describe('the extraction worker entry', () => {
  it('answers a job with progress and the result, and ignores foreign messages', async () => {
    const scope = new EventTarget();
    const posted: ExtractWorkerMessage[] = [];
    vi.stubGlobal(
      'self',
      Object.assign(scope, { postMessage: (m: ExtractWorkerMessage) => posted.push(m) }),
    );
    vi.resetModules();
    await import('../../../src/ingest/extract/worker');
    scope.dispatchEvent(new MessageEvent('message', { data: { type: 'not a job' } }));
    const job: ExtractJob = { id: 7, text: 'Beacon to evil[.]com.', known: [] };
    scope.dispatchEvent(new MessageEvent('message', { data: job }));
    await vi.waitFor(() => expect(posted.at(-1)?.kind).toBe('done'));
    expect(posted[0]).toEqual({ kind: 'progress', id: 7, doneChars: 21, totalChars: 21 });
    const done = posted.at(-1);
    expect(done?.kind === 'done' && done.result.ok && done.result.value[0]?.value).toBe('evil.com');
  });
});
