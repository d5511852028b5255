import { err, ok, type AppError, type Result } from '../shared/result';
import { requestIdOf, validateSearchRequest, type SearchWorkerMessage } from './protocol';
import type { SearchService } from './service';
import type { SearchIndexStatus } from './types';

/** What the host needs of the worker's global scope (a DedicatedWorkerGlobalScope, or a fake). */
export interface SearchWorkerScope {
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  postMessage(message: SearchWorkerMessage): void;
}

function unexpectedError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'search.index.failed',
    message: `The search index failed unexpectedly: ${message}`,
  };
}

function unexpected(error: unknown): Result<never> {
  const { code, message } = unexpectedError(error);
  return err(code, message);
}

/** The reply to each request that has an id. */
const REPLY_TYPE = { search: 'searched', rebuild: 'rebuilt', flush: 'flushed' } as const;

/** The service's onStatus for a worker: every status change goes to the UI thread. */
export function postStatusTo(scope: Pick<SearchWorkerScope, 'postMessage'>) {
  return (status: SearchIndexStatus): void => scope.postMessage({ type: 'status', status });
}

/**
 * Answers the UI thread's requests with `service`. Every message is validated first; a malformed
 * one is answered with `search.request.invalid` (or, without a usable id, a `refused` message).
 * Nothing here throws into the worker's event loop.
 */
export function serveSearch(scope: SearchWorkerScope, service: SearchService): void {
  scope.addEventListener('message', (event) => {
    const request = validateSearchRequest(event.data);
    if (!request.ok) {
      const id = requestIdOf(event.data);
      const type = (event.data as { type?: unknown } | null)?.type;
      if (id !== undefined && (type === 'search' || type === 'rebuild' || type === 'flush')) {
        scope.postMessage({ type: REPLY_TYPE[type], id, result: request });
      } else {
        scope.postMessage({ type: 'refused', error: request.error });
      }
      return;
    }
    const message = request.value;
    try {
      switch (message.type) {
        case 'prepare':
          service.prepare(message.caseId);
          return;
        case 'invalidate':
          service.invalidate(message.caseId);
          return;
        case 'forget':
          void service.forget(message.caseId).catch(() => undefined);
          return;
        case 'search':
          void service
            .search(message.caseId, message.query, message.options)
            .catch(unexpected)
            .then((result) => scope.postMessage({ type: 'searched', id: message.id, result }));
          return;
        case 'rebuild':
          void service
            .rebuild(message.caseId)
            .catch(unexpected)
            .then((result) => scope.postMessage({ type: 'rebuilt', id: message.id, result }));
          return;
        case 'flush':
          void service
            .flush()
            .then(() => ok(undefined), unexpected)
            .then((result) => scope.postMessage({ type: 'flushed', id: message.id, result }));
          return;
      }
    } catch (error) {
      if (
        message.type === 'prepare' ||
        message.type === 'invalidate' ||
        message.type === 'forget'
      ) {
        scope.postMessage({ type: 'refused', error: unexpectedError(error) });
      } else {
        const { id } = message;
        scope.postMessage({ type: REPLY_TYPE[message.type], id, result: unexpected(error) });
      }
    }
  });
}

/**
 * A service usable at once whose calls wait for `opening` (the worker opens the case database
 * first; requests arriving meanwhile must not be lost). If opening fails, searches answer
 * `search.index.failed` with the reason.
 */
export function deferredService(opening: Promise<SearchService>): SearchService {
  let failure: string | undefined;
  const ready = opening.catch((error: unknown) => {
    failure = `The search worker could not open the case database: ${
      error instanceof Error ? error.message : String(error)
    }`;
    return undefined;
  });
  const failed = (): Result<never> =>
    err('search.index.failed', failure ?? 'The search index is not available.');
  let opened: SearchService | undefined;
  void ready.then((service) => (opened = service));
  return {
    async search(caseId, text, options) {
      const service = await ready;
      return service ? service.search(caseId, text, options) : failed();
    },
    prepare(caseId) {
      void ready.then((service) => service?.prepare(caseId));
    },
    invalidate(caseId) {
      void ready.then((service) => service?.invalidate(caseId));
    },
    async rebuild(caseId) {
      const service = await ready;
      return service ? service.rebuild(caseId) : failed();
    },
    async forget(caseId) {
      await (await ready)?.forget(caseId);
    },
    status(caseId) {
      return opened?.status(caseId);
    },
    async flush() {
      await (await ready)?.flush();
    },
    async dispose() {
      await (await ready)?.dispose();
    },
  };
}
