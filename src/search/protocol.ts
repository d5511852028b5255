import { SEARCH_RECORD_KINDS, type SearchRecordKind } from '../core/ports/search';
import { err, ok, type AppError, type Result } from '../shared/result';
import type { SearchIndexStatus, SearchOptions, SearchResponse } from './types';

/**
 * Messages between the UI thread (client.ts) and the search worker (workerHost.ts). Requests that
 * expect an answer carry an `id` the reply repeats. Everything is plain, structured-cloneable
 * data. The worker validates every request (validateSearchRequest): a message of the wrong shape
 * is answered with `search.request.invalid`, never thrown on.
 */

export type SearchRequest =
  | {
      readonly type: 'search';
      readonly id: number;
      readonly caseId: string;
      readonly query: string;
      readonly options?: SearchOptions;
    }
  | { readonly type: 'rebuild'; readonly id: number; readonly caseId: string }
  | { readonly type: 'prepare'; readonly caseId: string }
  | { readonly type: 'invalidate'; readonly caseId: string }
  /** The case was deleted: drop its index and persisted snapshot. */
  | { readonly type: 'forget'; readonly caseId: string }
  /** Persist what waits to be persisted, then answer: the client may then stop the worker. */
  | { readonly type: 'flush'; readonly id: number; readonly caseId: string };

export type SearchWorkerMessage =
  | { readonly type: 'searched'; readonly id: number; readonly result: Result<SearchResponse> }
  | { readonly type: 'rebuilt'; readonly id: number; readonly result: Result<void> }
  | { readonly type: 'flushed'; readonly id: number; readonly result: Result<void> }
  | { readonly type: 'status'; readonly status: SearchIndexStatus }
  /** A request without a usable id was refused (there is nobody to answer). */
  | { readonly type: 'refused'; readonly error: AppError };

/** Longest case id accepted (ids are UUIDs; this only bounds what a bad message can carry). */
export const MAX_CASE_ID_LENGTH = 200;
/** Longest query text carried (the parser refuses over 1,000 characters with its own error). */
export const MAX_REQUEST_QUERY_LENGTH = 100_000;

function invalid(message: string): Result<never> {
  return err('search.request.invalid', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The request's id, when it has a usable one (to answer even a malformed request). */
export function requestIdOf(data: unknown): number | undefined {
  return isRecord(data) && isRequestId(data['id']) ? data['id'] : undefined;
}

function validateOptions(value: unknown): Result<SearchOptions | undefined> {
  if (value === undefined) return ok(undefined);
  if (!isRecord(value)) return invalid('Search options must be an object.');
  const { limit, offset, kinds } = value;
  if (limit !== undefined && typeof limit !== 'number') {
    return invalid('Search option "limit" must be a number.');
  }
  if (offset !== undefined && typeof offset !== 'number') {
    return invalid('Search option "offset" must be a number.');
  }
  if (kinds !== undefined) {
    const known: readonly unknown[] = SEARCH_RECORD_KINDS;
    if (!Array.isArray(kinds) || !kinds.every((kind) => known.includes(kind))) {
      return invalid(
        `Search option "kinds" must list record kinds (${SEARCH_RECORD_KINDS.join(', ')}).`,
      );
    }
  }
  return ok({
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(kinds === undefined ? {} : { kinds: kinds as SearchRecordKind[] }),
  });
}

/** Reads an incoming message as a request; anything else is `search.request.invalid`. */
export function validateSearchRequest(data: unknown): Result<SearchRequest> {
  if (!isRecord(data)) return invalid('A search request must be an object.');
  const { type, caseId } = data;
  if (typeof caseId !== 'string' || caseId === '' || caseId.length > MAX_CASE_ID_LENGTH) {
    return invalid('A search request needs the id of a case.');
  }
  switch (type) {
    case 'prepare':
    case 'invalidate':
    case 'forget':
      return ok({ type, caseId });
    case 'rebuild':
    case 'flush': {
      const id = data['id'];
      if (!isRequestId(id)) return invalid(`A ${type} request needs a request id.`);
      return ok({ type, id, caseId });
    }
    case 'search': {
      const { id, query } = data;
      if (!isRequestId(id)) return invalid('A search request needs a request id.');
      if (typeof query !== 'string' || query.length > MAX_REQUEST_QUERY_LENGTH) {
        return invalid('A search request needs the query text.');
      }
      const options = validateOptions(data['options']);
      if (!options.ok) return options;
      return ok({
        type,
        id,
        caseId,
        query,
        ...(options.value === undefined ? {} : { options: options.value }),
      });
    }
    default:
      return invalid(`Unknown search request type: ${JSON.stringify(String(type)).slice(0, 60)}.`);
  }
}
