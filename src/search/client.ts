import { err, type Result } from '../shared/result';
import type { SearchRequest, SearchWorkerMessage } from './protocol';
import type { SearchClient, SearchIndexStatus, SearchResponse } from './types';

// UI-thread side: imports only types and small helpers, so the index library stays in the
// worker chunk.

type Pending =
  | { readonly type: 'search'; readonly resolve: (result: Result<SearchResponse>) => void }
  | { readonly type: 'rebuild' | 'flush'; readonly resolve: (result: Result<void>) => void };

/**
 * How long the index stays in memory after its last use when nothing holds it (the Search area is
 * not shown). The index of a 10,000-source case takes about 400 MB of the worker's heap.
 */
export const RELEASE_AFTER_MS = 5_000;

export interface SearchClientOptions {
  /** Wait after the last use (nothing holding the index) before releasing it; default RELEASE_AFTER_MS. */
  readonly releaseAfterMs?: number;
}

/**
 * The SearchClient over one dedicated worker (app/search.worker.ts), started on first use. A crash
 * fails the calls in flight with `search.index.failed`; the next call starts a fresh worker, which
 * loads the persisted index again.
 *
 * Releasing: while nothing holds the index (`retain`), `releaseAfterMs` after its last use the
 * worker is asked to persist what is pending (after a first build, the whole index) and is then
 * stopped, which frees all of its memory at once. The next call starts a fresh worker, which
 * loads the persisted index.
 */
export function createSearchClient(
  startWorker: () => Worker,
  options: SearchClientOptions = {},
): SearchClient {
  const releaseAfterMs = options.releaseAfterMs ?? RELEASE_AFTER_MS;
  let worker: Worker | undefined;
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(status: SearchIndexStatus) => void>();
  /** The case the worker was last asked about, to report a crash against. */
  let lastCaseId: string | undefined;
  /** How many holders keep the index in memory (retain). */
  let holders = 0;
  /** Bumped by every use, so a release decided before a use is not carried out after it. */
  let uses = 0;
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;

  function notify(status: SearchIndexStatus): void {
    for (const listener of [...listeners]) {
      try {
        listener(status);
      } catch {
        // One subscriber's failure must not starve the others.
      }
    }
  }

  function failAll(message: string): void {
    const waiting = [...pending.values()];
    pending.clear();
    const failure = err('search.index.failed', message);
    for (const call of waiting) call.resolve(failure);
  }

  function onMessage(message: SearchWorkerMessage): void {
    switch (message.type) {
      case 'status':
        notify(message.status);
        return;
      case 'searched':
      case 'rebuilt':
      case 'flushed': {
        const call = pending.get(message.id);
        if (call === undefined) return;
        pending.delete(message.id);
        (call.resolve as (result: Result<unknown>) => void)(message.result);
        return;
      }
      case 'refused':
        return;
    }
  }

  function start(): Worker {
    const created = startWorker();
    created.addEventListener('message', (event: MessageEvent<SearchWorkerMessage>) => {
      if (worker === created) onMessage(event.data);
    });
    const crashed = (reason: string): void => {
      created.terminate();
      if (worker !== created) return;
      worker = undefined;
      const message = `The search worker stopped (${reason}); searching again restarts it.`;
      failAll(message);
      if (lastCaseId !== undefined) {
        notify({
          caseId: lastCaseId,
          state: 'failed',
          done: 0,
          total: 0,
          documents: 0,
          error: message,
        });
      }
    };
    created.addEventListener('error', (event: ErrorEvent) =>
      crashed(event.message || 'unknown error'),
    );
    created.addEventListener('messageerror', () => crashed('a message could not be read'));
    return created;
  }

  function cancelRelease(): void {
    if (releaseTimer !== undefined) clearTimeout(releaseTimer);
    releaseTimer = undefined;
  }

  /** Nothing holds the index and nothing waits for the worker: it may be released. */
  function idle(): boolean {
    return !disposed && worker !== undefined && holders === 0 && pending.size === 0;
  }

  /** (Re)starts the wait before releasing, if the index is idle. */
  function scheduleRelease(): void {
    cancelRelease();
    if (!idle()) return;
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      void release();
    }, releaseAfterMs);
  }

  /** Has the worker persist what is pending, then stops it if nothing used it meanwhile. */
  async function release(): Promise<void> {
    const releasing = worker;
    const caseId = lastCaseId;
    if (!idle() || releasing === undefined || caseId === undefined) return;
    const usesBefore = uses;
    // Not through call(): a flush is not a use, and must not keep the index alive.
    const id = nextId++;
    const flushed = new Promise<Result<void>>((resolve) => {
      pending.set(id, { type: 'flush', resolve });
    });
    try {
      releasing.postMessage({ type: 'flush', id, caseId } satisfies SearchRequest);
    } catch {
      pending.delete(id);
      return;
    }
    const result = await flushed;
    // Stopped only when that is safe: saved, unused meanwhile, still the same worker.
    if (result.ok && worker === releasing && uses === usesBefore && idle()) {
      releasing.terminate();
      worker = undefined;
    } else {
      scheduleRelease();
    }
  }

  /**
   * Posts a request; false when it could not be sent (disposed, or not cloneable). Every request
   * but `invalidate` is a use of the index (a write elsewhere must not keep it in memory).
   */
  function send(request: SearchRequest): boolean {
    if (disposed) return false;
    lastCaseId = request.caseId;
    if (request.type !== 'invalidate') {
      uses += 1;
      cancelRelease();
    }
    worker ??= start();
    try {
      worker.postMessage(request);
      return true;
    } catch {
      return false;
    }
  }

  function call<T>(
    type: 'search' | 'rebuild',
    build: (id: number) => SearchRequest,
  ): Promise<Result<T>> {
    if (disposed) return Promise.resolve(err('search.index.failed', 'Search has been shut down.'));
    const id = nextId++;
    const answered = new Promise<Result<T>>((resolve) => {
      pending.set(id, { type, resolve } as Pending);
      if (!send(build(id))) {
        pending.delete(id);
        resolve(err('search.request.invalid', 'The search request could not be sent.'));
      }
    });
    return answered.finally(scheduleRelease);
  }

  return {
    search(caseId, query, options) {
      return call<SearchResponse>('search', (id) => ({
        type: 'search',
        id,
        caseId,
        query,
        ...(options === undefined ? {} : { options }),
      }));
    },
    prepare(caseId) {
      // Opening goes on in the worker; a release waits for it (the flush waits for the opening).
      if (send({ type: 'prepare', caseId })) scheduleRelease();
    },
    invalidate(caseId) {
      // No worker yet means no index open: it reads everything when it opens.
      if (worker !== undefined) send({ type: 'invalidate', caseId });
    },
    rebuild(caseId) {
      return call<void>('rebuild', (id) => ({ type: 'rebuild', id, caseId }));
    },
    forget(caseId) {
      if (send({ type: 'forget', caseId })) scheduleRelease();
    },
    retain(caseId) {
      holders += 1;
      cancelRelease();
      send({ type: 'prepare', caseId });
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        holders -= 1;
        scheduleRelease();
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      cancelRelease();
      worker?.terminate();
      worker = undefined;
      failAll('Search has been shut down.');
      listeners.clear();
    },
  };
}

/**
 * A client for where no search worker runs (component tests, a host without workers): every search
 * answers `search.index.failed`, everything else does nothing.
 */
export function createUnavailableSearchClient(
  reason = 'Search is not available here.',
): SearchClient {
  return {
    search: () => Promise.resolve(err('search.index.failed', reason)),
    prepare: () => undefined,
    retain: () => () => undefined,
    invalidate: () => undefined,
    rebuild: () => Promise.resolve(err('search.index.failed', reason)),
    forget: () => undefined,
    subscribe: () => () => undefined,
    dispose: () => undefined,
  };
}
