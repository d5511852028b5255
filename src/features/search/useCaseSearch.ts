import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseId, SearchRecordKind } from '../../core';
import type { AppError, Result } from '../../shared/result';
import type {
  SearchClient,
  SearchHit,
  SearchIndexStatus,
  SearchResponse,
} from '../../search/types';
import { useStorage } from '../storage';

/** Hits per page in a kind's full list ("Show all N sources", then "Show more"). */
export const PAGE_SIZE = 50;

export type SearchState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'searching'; readonly previous?: SearchResponse | undefined }
  | { readonly phase: 'done'; readonly response: SearchResponse }
  | { readonly phase: 'error'; readonly error: AppError };

export interface CaseSearch {
  readonly state: SearchState;
  /** The expanded kind's hits beyond the first page ("Show more"). */
  readonly more: readonly SearchHit[];
  readonly loadingMore: boolean;
  readonly loadMore: () => void;
  /** The index status: from the last response, then from the client's notifications. */
  readonly status: SearchIndexStatus | undefined;
  /** The last "the index was rebuilt because…" notice, kept until another replaces it. */
  readonly notice: string | undefined;
  readonly rebuild: () => Promise<AppError | null>;
}

interface Answer {
  /** The request it answers (requestKey). */
  readonly key: string;
  readonly result: Result<SearchResponse>;
}

interface MorePages {
  readonly key: string;
  readonly hits: readonly SearchHit[];
  readonly loading: boolean;
}

/**
 * Runs `query` over the case's index whenever it, the expanded kind or the case's records
 * change. Only the latest request's answer is shown: a slow answer to an earlier query (the
 * investigator kept typing) is dropped. An incomplete answer (index still building) is asked
 * again once the index is ready.
 */
export function useCaseSearch(
  client: SearchClient,
  caseId: CaseId,
  query: string,
  kind: SearchRecordKind | undefined,
): CaseSearch {
  const { revision } = useStorage();
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  // The last successful response, shown (dimmed) while the next one is on its way.
  const [previous, setPrevious] = useState<SearchResponse | undefined>(undefined);
  const [morePages, setMorePages] = useState<MorePages | undefined>(undefined);
  const [status, setStatus] = useState<SearchIndexStatus | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [refresh, setRefresh] = useState(0);
  const incomplete = useRef(false);
  const key = JSON.stringify([caseId, query, kind ?? null, revision, refresh]);
  const latestKey = useRef(key);
  useEffect(() => {
    latestKey.current = key;
  }, [key]);
  const empty = query.trim() === '';

  useEffect(() => {
    // Held in memory while the search is shown; released a little after it is left.
    const release = client.retain(caseId);
    const unsubscribe = client.subscribe((next) => {
      if (next.caseId !== caseId) return;
      setStatus(next);
      if (next.notice) setNotice(next.notice);
      // Results given while the index was building cover part of the case: ask again.
      if (next.state === 'ready' && incomplete.current) {
        incomplete.current = false;
        setRefresh((n) => n + 1);
      }
    });
    return () => {
      unsubscribe();
      release();
    };
  }, [client, caseId]);

  // The revision the index was last told about, so a search made because the case changed
  // (a tag from a result, an edit elsewhere) reaches the worker after its invalidate, not before.
  const invalidatedRevision = useRef(revision);

  useEffect(() => {
    if (empty) return;
    let current = true;
    const options = kind ? { kinds: [kind], limit: PAGE_SIZE } : {};
    if (invalidatedRevision.current !== revision) {
      invalidatedRevision.current = revision;
      client.invalidate(caseId);
    }
    void client.search(caseId, query, options).then((result) => {
      if (!current) return; // a newer request was made meanwhile
      if (result.ok) {
        incomplete.current = !result.value.complete;
        setStatus(result.value.status);
        if (result.value.status.notice) setNotice(result.value.status.notice);
        setPrevious(result.value);
      }
      setAnswer({ key, result });
    });
    return () => {
      current = false;
    };
  }, [client, caseId, query, kind, key, empty, revision]);

  const state: SearchState = empty
    ? { phase: 'idle' }
    : answer?.key !== key
      ? { phase: 'searching', previous }
      : answer.result.ok
        ? { phase: 'done', response: answer.result.value }
        : { phase: 'error', error: answer.result.error };
  const pages = morePages?.key === key ? morePages : undefined;
  const more = pages?.hits ?? [];

  function loadMore() {
    if (state.phase !== 'done' || !kind) return;
    const group = state.response.groups.find((g) => g.kind === kind);
    if (!group) return;
    const requested = key;
    const offset = group.hits.length + more.length;
    setMorePages({ key: requested, hits: more, loading: true });
    void client
      .search(caseId, query, { kinds: [kind], limit: PAGE_SIZE, offset })
      .then((result) => {
        if (latestKey.current !== requested) return;
        if (!result.ok) {
          setAnswer({ key: requested, result });
          return;
        }
        const page = result.value.groups.find((g) => g.kind === kind)?.hits ?? [];
        setMorePages({ key: requested, hits: [...more, ...page], loading: false });
      });
  }

  const rebuild = useCallback(async () => {
    const result = await client.rebuild(caseId);
    if (!result.ok) return result.error;
    setRefresh((n) => n + 1);
    return null;
  }, [client, caseId]);

  return { state, more, loadingMore: pages?.loading ?? false, loadMore, status, notice, rebuild };
}
