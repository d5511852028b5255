// The search client releasing the index (stopping its worker) when nothing holds it, end to end
// over the real service, engine and snapshot store: searching afterwards loads the persisted
// index in a fresh worker and still finds what it found before, without re-indexing anything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRecordKind } from '../../../src/core/ports/search';
import type { CasefileStorage } from '../../../src/db/open';
import { createSearchCorpus } from '../../../src/db/searchCorpus';
import { createSearchSnapshotStore } from '../../../src/db/searchSnapshotStore';
import { createSearchClient } from '../../../src/search/client';
import { createSearchService, type SearchService } from '../../../src/search/service';
import type { SearchResponse } from '../../../src/search/types';
import { postStatusTo, serveSearch } from '../../../src/search/workerHost';
import type { Result } from '../../../src/shared/result';
import { closingStorages, freshDbName, value } from '../db/helpers';
import { buildSearchCase } from './caseFixture';
import { searchEngines } from './engines';

const openStorage = closingStorages();

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/**
 * Stands in for the search worker: the real service over the test's storage, on this thread.
 * Terminating it drops the service without saving anything, as stopping a real worker does.
 */
function workerFactory(storage: CasefileStorage) {
  const store = createSearchSnapshotStore({ name: freshDbName() });
  cleanups.push(() => store.close());
  const workers: { engines: ReturnType<typeof searchEngines>; terminated: boolean }[] = [];
  const start = (): Worker => {
    const target = new EventTarget();
    const engines = searchEngines();
    const state = { engines, terminated: false };
    workers.push(state);
    let deliver: ((data: unknown) => void) | undefined;
    const scope = {
      addEventListener: (_type: 'message', listener: (event: { data: unknown }) => void) =>
        void (deliver = (data) => listener({ data })),
      postMessage: (message: unknown) =>
        queueMicrotask(() => {
          if (!state.terminated)
            target.dispatchEvent(new MessageEvent('message', { data: message }));
        }),
    };
    const service: SearchService = createSearchService({
      corpus: createSearchCorpus(storage.db),
      store,
      engines,
      onStatus: postStatusTo(scope),
      persistDelayMs: 5,
      syncDelayMs: 5,
    });
    serveSearch(scope, service);
    return Object.assign(target, {
      postMessage: (data: unknown) => {
        if (!state.terminated) deliver?.(structuredClone(data));
      },
      terminate: () => {
        state.terminated = true;
      },
    }) as unknown as Worker;
  };
  return { start, workers };
}

function hitIds(result: Result<SearchResponse>, kind: SearchRecordKind): string[] {
  if (!result.ok) throw new Error(`search failed: ${result.error.code} ${result.error.message}`);
  return result.value.groups.find((g) => g.kind === kind)!.hits.map((h) => h.id);
}

describe('releasing the search index', () => {
  it('searching after the index was released loads it again and finds the same records', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const { start, workers } = workerFactory(s);
    const client = createSearchClient(start, { releaseAfterMs: 20 });
    cleanups.push(() => client.dispose());

    const held = client.retain(c.caseId);
    await vi.waitFor(async () => {
      const answer = await client.search(c.caseId, 'orion');
      expect(answer.ok && answer.value.complete).toBe(true);
    });
    const before = await client.search(c.caseId, 'orion');
    expect(hitIds(before, 'source')).toEqual([c.source.id]);
    expect(hitIds(before, 'passage')).toEqual([c.passage.id]);
    held();
    await vi.waitFor(() => expect(workers[0]!.terminated).toBe(true));
    expect(workers[0]!.engines.counters.created).toBe(1);

    // A write while released reaches the index when it is loaded again (stamps compared).
    value(await s.entities.create(c.caseId, { type: 'Person', name: 'Ilya Petrov' }));
    client.invalidate(c.caseId);
    expect(workers).toHaveLength(1);

    const after = await client.search(c.caseId, 'orion');
    expect(hitIds(after, 'source')).toEqual([c.source.id]);
    expect(hitIds(after, 'passage')).toEqual([c.passage.id]);
    expect(hitIds(await client.search(c.caseId, 'petrov'), 'entity')).toHaveLength(1);
    expect(workers).toHaveLength(2);
    // Loaded from the persisted index, not built again.
    expect(workers[1]!.engines.counters).toMatchObject({ created: 0, imported: 1, indexed: 1 });
  });
});
