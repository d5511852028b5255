import type { ReportGenerator } from '../core/ports/reports';
import type { ReportProgress } from '../core/report/types';
import { err, type Result } from '../shared/result';
import type { ReportJob, ReportWorkerMessage, ReportWorkerRequest } from './reportProtocol';

interface Pending {
  readonly job: ReportJob;
  readonly resolve: (result: Result<unknown>) => void;
  readonly onProgress: ((progress: ReportProgress) => void) | undefined;
}

const CANCELLED = err('report.cancelled', 'Report generation was cancelled.');

/**
 * The ReportGenerator over one dedicated worker, started on first use. The worker takes jobs in
 * the order sent, so the oldest pending job is the one running: cancelling it terminates the
 * worker (a synchronous build cannot be interrupted otherwise) and the others are sent again to
 * a fresh one; cancelling a queued one just tells the worker to skip it.
 */
export function createReportClient(startWorker: () => Worker): ReportGenerator {
  let worker: Worker | undefined;
  let nextId = 1;
  /** In the order sent to the current worker. */
  const pending: Pending[] = [];

  function settle(id: number, result: Result<unknown>): void {
    const at = pending.findIndex((p) => p.job.id === id);
    if (at < 0) return;
    const [call] = pending.splice(at, 1);
    call?.resolve(result);
  }

  function start(): Worker {
    const created = startWorker();
    created.addEventListener('message', (event: MessageEvent<ReportWorkerMessage>) => {
      if (worker !== created) return;
      const message = event.data;
      if (message.type === 'progress') {
        pending.find((p) => p.job.id === message.id)?.onProgress?.(message.progress);
      } else {
        settle(message.id, message.result);
      }
    });
    const crashed = (reason: string): void => {
      created.terminate();
      if (worker !== created) return;
      worker = undefined;
      const failure = err(
        'report.generationFailed',
        `The report could not be generated: the report worker stopped (${reason}).`,
      );
      for (const call of pending.splice(0)) call.resolve(failure);
    };
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      crashed(event.message || 'unknown error');
    });
    created.addEventListener('messageerror', () => crashed('a message could not be read'));
    return created;
  }

  function post(request: ReportWorkerRequest): boolean {
    worker ??= start();
    try {
      worker.postMessage(request);
      return true;
    } catch {
      return false;
    }
  }

  function cancel(id: number): void {
    const at = pending.findIndex((p) => p.job.id === id);
    if (at < 0) return;
    if (at > 0) {
      post({ type: 'cancel', id });
      settle(id, CANCELLED);
      return;
    }
    // The running one: stop the worker, and hand what was waiting to a new one.
    worker?.terminate();
    worker = undefined;
    settle(id, CANCELLED);
    for (const call of pending) post(call.job);
  }

  function run<T>(
    makeJob: (id: number) => ReportJob,
    onProgress?: (progress: ReportProgress) => void,
    signal?: AbortSignal,
  ): Promise<Result<T>> {
    if (signal?.aborted) return Promise.resolve(CANCELLED);
    const job = makeJob(nextId++);
    return new Promise<Result<T>>((resolve) => {
      pending.push({ job, resolve: resolve as (result: Result<unknown>) => void, onProgress });
      if (!post(job)) {
        settle(
          job.id,
          err('report.generationFailed', 'The report request could not be sent to the worker.'),
        );
        return;
      }
      signal?.addEventListener('abort', () => cancel(job.id), { once: true });
    });
  }

  return {
    generate(input, options, format, onProgress, signal) {
      return run((id) => ({ type: 'generate', id, input, options, format }), onProgress, signal);
    },
    drawCharts(charts, data, signal) {
      return run((id) => ({ type: 'draw', id, charts, data }), undefined, signal);
    },
  };
}

/** The app's report generator: one dedicated module worker (report.worker.ts). */
export function createWorkerReportClient(): ReportGenerator {
  return createReportClient(
    () =>
      new Worker(new URL('./report.worker.ts', import.meta.url), {
        type: 'module',
        name: 'casefile-report',
      }),
  );
}
