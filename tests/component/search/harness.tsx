/**
 * Renders the search feature against a real storage (fake-indexeddb) and a fake SearchClient the
 * test controls: it answers from a function, may hold answers back (to test stale responses),
 * and records every call.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { SEARCH_RECORD_KINDS, type CaseId, type SearchRecordKind } from '../../../src/core';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import type {
  SearchClient,
  SearchHit,
  SearchIndexStatus,
  SearchOptions,
  SearchResponse,
} from '../../../src/search/types';
import { ok, type Result } from '../../../src/shared/result';
import { createFakeExtractor } from '../entities/harness';

export async function openTestStorage(): Promise<{ storage: CasefileStorage; caseId: CaseId }> {
  const storage = await openCasefileStorage({
    name: `casefile-search-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Harbour Street' });
  if (!created.ok) throw new Error(created.error.message);
  return { storage, caseId: created.value.id };
}

export function readyStatus(caseId: string, documents = 10): SearchIndexStatus {
  return { caseId, state: 'ready', done: documents, total: documents, documents };
}

/** A hit with what a test leaves out filled in. */
export function aHit(
  hit: Partial<SearchHit> & Pick<SearchHit, 'kind' | 'id' | 'title'>,
): SearchHit {
  return { titleHighlights: [], matchedTerms: [], fuzzyOnly: false, score: 1, ...hit };
}

/**
 * A response with these hits per kind; totals default to the number of hits. Every kind gets a
 * group, in SEARCH_RECORD_KINDS order, as the engine answers.
 */
export function aResponse(
  caseId: string,
  hits: Partial<Record<SearchRecordKind, readonly SearchHit[]>>,
  more: Partial<SearchResponse> & { totals?: Partial<Record<SearchRecordKind, number>> } = {},
): SearchResponse {
  const { totals = {}, ...rest } = more;
  const groups = SEARCH_RECORD_KINDS.map((kind) => ({
    kind,
    hits: hits[kind] ?? [],
    total: totals[kind] ?? (hits[kind] ?? []).length,
  }));
  return {
    groups,
    total: groups.reduce((sum, g) => sum + g.total, 0),
    expansions: {},
    description: 'something',
    warnings: [],
    complete: true,
    status: readyStatus(caseId),
    tookMs: 1,
    ...rest,
  };
}

export interface FakeSearchClient extends SearchClient {
  readonly calls: { query: string; options: SearchOptions | undefined }[];
  /** The case ids rebuild() was asked for. */
  readonly rebuilt: string[];
  /** How many holders keep the index in memory now (retain() not yet let go). */
  readonly retained: number;
  /** Sends a status notification to subscribers. */
  emit(status: SearchIndexStatus): void;
  /** While held, answers wait until release() (in the order asked, or a chosen one). */
  hold(): void;
  release(index?: number): void;
}

export function fakeSearchClient(
  answer: (query: string, options: SearchOptions | undefined) => Result<SearchResponse>,
): FakeSearchClient {
  const listeners = new Set<(status: SearchIndexStatus) => void>();
  const calls: { query: string; options: SearchOptions | undefined }[] = [];
  const rebuilt: string[] = [];
  let held: (() => void)[] | undefined;
  let retained = 0;
  return {
    calls,
    rebuilt,
    get retained() {
      return retained;
    },
    search(_caseId: string, query: string, options?: SearchOptions) {
      calls.push({ query, options });
      const result = answer(query, options);
      if (!held) return Promise.resolve(result);
      const queue = held;
      return new Promise<Result<SearchResponse>>((resolve) => queue.push(() => resolve(result)));
    },
    prepare() {},
    retain() {
      retained += 1;
      let holding = true;
      return () => {
        if (holding) retained -= 1;
        holding = false;
      };
    },
    invalidate() {},
    forget() {},
    rebuild(caseId) {
      rebuilt.push(caseId);
      return Promise.resolve(ok(undefined));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {},
    emit(status) {
      for (const listener of listeners) listener(status);
    },
    hold() {
      held = [];
    },
    release(index) {
      const queue = held ?? [];
      held = undefined;
      if (index === undefined) for (const resolve of queue) resolve();
      else queue[index]?.();
    },
  };
}

/** The providers the app gives features, with `client` as the search service. */
export function Providers({
  storage,
  client,
  children,
}: {
  readonly storage: CasefileStorage;
  readonly client: SearchClient;
  readonly children: ReactNode;
}) {
  return (
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({ version: 'test' })}
        ingest={createInlineIngest()}
        extractor={createFakeExtractor()}
        search={client}
      >
        {children}
      </ServicesProvider>
    </StorageProvider>
  );
}

export function renderWith(storage: CasefileStorage, client: SearchClient, ui: ReactNode) {
  const user = userEvent.setup();
  const view = render(
    <Providers storage={storage} client={client}>
      {ui}
    </Providers>,
  );
  return { user, ...view };
}
