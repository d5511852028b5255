import { err, type Result } from '../shared/result';
import type { SearchRequest, SearchWorkerMessage } from './protocol';
import type { SearchClient, SearchIndexStatus, SearchResponse } from './types';

// UI-thread side: imports only types and small helpers, so the index library stays in the
// worker chunk.

type Pending =
  | { readonly type: 'search'; readonly resolve: (result: Result<SearchResponse>) => void }
  | { readonly type: 'rebuild'; readonly resolve: (result: Result<void>) => void };

/**
 * The SearchClient over one dedicated worker (app/search.worker.ts), started on first use. A crash
 * fails the calls in flight with `search.index.failed`; the next call starts a fresh worker, which
 * loads the persisted index again.
 */
export function createSearchClient(startWorker: () => Worker): SearchClient {
  let worker: Worker | undefined;
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(status: SearchIndexStatus) => void>();
  /** The case the worker was last asked about, to report a crash against. */
  let lastCaseId: string | undefined;

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
      case 'rebuilt': {
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

  /** Posts a request; false when it could not be sent (disposed, or not cloneable). */
  function send(request: SearchRequest): boolean {
    if (disposed) return false;
    lastCaseId = request.caseId;
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
    return new Promise<Result<T>>((resolve) => {
      pending.set(id, { type, resolve } as Pending);
      if (!send(build(id))) {
        pending.delete(id);
        resolve(err('search.request.invalid', 'The search request could not be sent.'));
      }
    });
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
      send({ type: 'prepare', caseId });
    },
    invalidate(caseId) {
      // No worker yet means no index open: it reads everything when it opens.
      if (worker !== undefined) send({ type: 'invalidate', caseId });
    },
    rebuild(caseId) {
      return call<void>('rebuild', (id) => ({ type: 'rebuild', id, caseId }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
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
    invalidate: () => undefined,
    rebuild: () => Promise.resolve(err('search.index.failed', reason)),
    subscribe: () => () => undefined,
    dispose: () => undefined,
  };
}
