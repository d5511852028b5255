import type { Result } from '../shared/result';

/** What a job worker posts: a job's progress, or its result (under any other message type). */
export type JobWorkerMessage<Progress> =
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly type: string; readonly id: number; readonly result: Result<unknown> };

export interface JobWorkerOptions<Job extends { readonly id: number }> {
  readonly start: () => Worker;
  /** The message posted for a job and what it transfers (default: the job itself, nothing). */
  readonly send?: (job: Job) => { readonly message: unknown; readonly transfer: Transferable[] };
  /**
   * The message that tells the worker to skip a job it has not started. Without one, cancelling
   * any job terminates the worker (the others are sent again to a fresh one).
   */
  readonly skipMessage?: (id: number) => unknown;
  /** What a cancelled job resolves with. */
  readonly cancelled: () => Result<never>;
  /** What every pending job resolves with when the worker stops by itself. */
  readonly crashed: (reason: string) => Result<never>;
  /** What a job resolves with when it cannot be posted. */
  readonly unsent: () => Result<never>;
}

export interface JobWorker<Job, Progress> {
  /** Posts the job `makeJob` builds with a fresh id; resolves with the worker's result. */
  run<T>(
    makeJob: (id: number) => Job,
    onProgress?: (progress: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Result<T>>;
}

interface Pending<Job, Progress> {
  readonly job: Job;
  readonly resolve: (result: Result<unknown>) => void;
  readonly onProgress: ((progress: Progress) => void) | undefined;
}

/**
 * One dedicated worker, started on first use, that runs jobs in the order sent: the oldest
 * pending job is the running one. Cancelling it terminates the worker (a synchronous parse or
 * build cannot be interrupted otherwise) and the others are sent again to a fresh one. A crash
 * fails every pending job.
 */
export function createJobWorker<Job extends { readonly id: number }, Progress>(
  options: JobWorkerOptions<Job>,
): JobWorker<Job, Progress> {
  let worker: Worker | undefined;
  let nextId = 1;
  /** In the order sent to the current worker. */
  const pending: Pending<Job, Progress>[] = [];

  function settle(id: number, result: Result<unknown>): void {
    const at = pending.findIndex((p) => p.job.id === id);
    if (at < 0) return;
    const [call] = pending.splice(at, 1);
    call?.resolve(result);
  }

  function start(): Worker {
    const created = options.start();
    created.addEventListener('message', (event: MessageEvent<JobWorkerMessage<Progress>>) => {
      if (worker !== created) return;
      const message = event.data;
      if ('progress' in message && message.type === 'progress') {
        pending.find((p) => p.job.id === message.id)?.onProgress?.(message.progress);
      } else if ('result' in message) {
        settle(message.id, message.result);
      }
    });
    const crashed = (reason: string): void => {
      created.terminate();
      if (worker !== created) return;
      worker = undefined;
      const failure = options.crashed(reason);
      for (const call of pending.splice(0)) call.resolve(failure);
    };
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      crashed(event.message || 'unknown error');
    });
    created.addEventListener('messageerror', () => crashed('a message could not be read'));
    return created;
  }

  function post(message: unknown, transfer: Transferable[] = []): boolean {
    worker ??= start();
    try {
      worker.postMessage(message, transfer);
      return true;
    } catch {
      return false;
    }
  }

  function postJob(job: Job): boolean {
    const sent = options.send?.(job) ?? { message: job, transfer: [] };
    return post(sent.message, sent.transfer);
  }

  function cancel(id: number): void {
    const at = pending.findIndex((p) => p.job.id === id);
    if (at < 0) return;
    if (at > 0 && options.skipMessage) {
      post(options.skipMessage(id));
      settle(id, options.cancelled());
      return;
    }
    worker?.terminate();
    worker = undefined;
    settle(id, options.cancelled());
    for (const call of pending) postJob(call.job);
  }

  return {
    run<T>(
      makeJob: (id: number) => Job,
      onProgress?: (progress: Progress) => void,
      signal?: AbortSignal,
    ): Promise<Result<T>> {
      if (signal?.aborted) return Promise.resolve(options.cancelled());
      const job = makeJob(nextId++);
      return new Promise<Result<T>>((resolve) => {
        pending.push({ job, resolve: resolve as (result: Result<unknown>) => void, onProgress });
        if (!postJob(job)) {
          settle(job.id, options.unsent());
          return;
        }
        signal?.addEventListener('abort', () => cancel(job.id), { once: true });
      });
    },
  };
}
