import { describe, expect, it } from 'vitest';
import { createReportClient } from '../../../src/app/reportClient';
import type { ReportWorkerMessage, ReportWorkerRequest } from '../../../src/app/reportProtocol';
import type { ReportInput, ReportProgress } from '../../../src/core/report/types';

/** Stands in for the report worker: records what it is sent, answers when told. */
class FakeWorker extends EventTarget {
  readonly received: ReportWorkerRequest[] = [];
  terminated = false;
  postMessage(request: ReportWorkerRequest): void {
    this.received.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: ReportWorkerMessage): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: message }));
  }
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
  /** Ids of the generate requests, in the order received. */
  get ids(): number[] {
    return this.received.filter((r) => r.type !== 'cancel').map((r) => r.id);
  }
}

const input = {} as ReportInput;
const file = {
  format: 'html' as const,
  fileName: 'r.html',
  mediaType: 'text/html',
  bytes: new Uint8Array([60]),
};

function setup() {
  const workers: FakeWorker[] = [];
  const client = createReportClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { client, workers };
}

describe('the report worker client', () => {
  it('starts one worker on first use, passes progress and resolves by request id', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const progress: ReportProgress[] = [];
    const first = client.generate(input, { title: 'A' }, 'html', (p) => progress.push(p));
    const second = client.generate(input, { title: 'B' }, 'markdown');
    expect(workers).toHaveLength(1);
    const worker = workers[0]!;
    expect(worker.received).toMatchObject([
      { type: 'generate', options: { title: 'A' }, format: 'html' },
      { type: 'generate', options: { title: 'B' }, format: 'markdown' },
    ]);
    const [a, b] = worker.ids;
    worker.reply({ type: 'progress', id: a!, progress: { stage: 'build', done: 1, total: 2 } });
    worker.reply({
      type: 'generated',
      id: b!,
      result: { ok: true, value: { file, notices: ['n'] } },
    });
    worker.reply({
      type: 'generated',
      id: a!,
      result: {
        ok: false,
        error: { code: 'report.title.empty', message: 'A report needs a title.' },
      },
    });
    expect(await second).toEqual({ ok: true, value: { file, notices: ['n'] } });
    expect(await first).toEqual({
      ok: false,
      error: { code: 'report.title.empty', message: 'A report needs a title.' },
    });
    expect(progress).toEqual([{ stage: 'build', done: 1, total: 2 }]);
  });

  it('cancelling the running request restarts the worker with the ones still waiting', async () => {
    const { client, workers } = setup();
    const abort = new AbortController();
    const running = client.generate(input, {}, 'docx', undefined, abort.signal);
    const waiting = client.generate(input, {}, 'html');
    abort.abort();
    expect(await running).toEqual({
      ok: false,
      error: { code: 'report.cancelled', message: 'Report generation was cancelled.' },
    });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    const [resent] = workers[1]!.ids;
    expect(workers[1]!.received).toMatchObject([{ type: 'generate', format: 'html' }]);
    workers[1]!.reply({
      type: 'generated',
      id: resent!,
      result: { ok: true, value: { file, notices: [] } },
    });
    expect((await waiting).ok).toBe(true);
  });

  it('cancelling a waiting request tells the worker to skip it and keeps the running one', async () => {
    const { client, workers } = setup();
    const running = client.generate(input, {}, 'html');
    const abort = new AbortController();
    const waiting = client.generate(input, {}, 'html', undefined, abort.signal);
    abort.abort();
    expect((await waiting).ok).toBe(false);
    const worker = workers[0]!;
    expect(worker.terminated).toBe(false);
    const [first, second] = worker.ids;
    expect(worker.received.at(-1)).toEqual({ type: 'cancel', id: second });
    worker.reply({
      type: 'generated',
      id: first!,
      result: { ok: true, value: { file, notices: [] } },
    });
    expect((await running).ok).toBe(true);
  });

  it('a crashed worker fails what was in flight with report.generationFailed; the next call starts a new one', async () => {
    const { client, workers } = setup();
    const pending = client.generate(input, {}, 'html');
    workers[0]!.crash('out of memory');
    expect(await pending).toEqual({
      ok: false,
      error: {
        code: 'report.generationFailed',
        message: 'The report could not be generated: the report worker stopped (out of memory).',
      },
    });
    void client.generate(input, {}, 'html');
    expect(workers).toHaveLength(2);
  });

  it('an already aborted signal sends nothing', async () => {
    const { client, workers } = setup();
    const abort = new AbortController();
    abort.abort();
    expect((await client.generate(input, {}, 'html', undefined, abort.signal)).ok).toBe(false);
    expect(workers).toHaveLength(0);
  });

  it('draws charts in the worker, queued with the generations', async () => {
    const { client, workers } = setup();
    const data = { entities: [], claims: [] };
    const charts = [{ id: 'c1', title: 'Who paid whom' }] as never;
    const generating = client.generate(input, {}, 'html');
    const drawing = client.drawCharts(charts, data);
    const worker = workers[0]!;
    expect(worker.received.map((r) => r.type)).toEqual(['generate', 'draw']);
    expect(worker.received[1]).toMatchObject({ type: 'draw', charts, data });
    const [generateId, drawId] = worker.ids;
    const drawn = { chartId: 'c1', svg: '<svg/>', width: 10, height: 5 };
    worker.reply({
      type: 'drawn',
      id: drawId!,
      result: { ok: true, value: [{ ok: true, value: drawn as never }] },
    });
    expect(await drawing).toEqual({ ok: true, value: [{ ok: true, value: drawn }] });
    worker.reply({
      type: 'generated',
      id: generateId!,
      result: { ok: true, value: { file, notices: [] } },
    });
    expect((await generating).ok).toBe(true);
  });
});
