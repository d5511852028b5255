import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseId } from '../../../src/core/model/ids';
import type { SearchRecordKind, SearchSnapshotStore } from '../../../src/core/ports/search';
import type { CasefileStorage } from '../../../src/db/open';
import { createSearchCorpus } from '../../../src/db/searchCorpus';
import { createSearchSnapshotStore } from '../../../src/db/searchSnapshotStore';
import { createSearchService, type SearchService } from '../../../src/search/service';
import type { SearchIndexStatus, SearchResponse } from '../../../src/search/types';
import type { Result } from '../../../src/shared/result';
import { closingStorages, freshDbName, newCase, value } from '../db/helpers';
import { buildSearchCase, noteOf } from './caseFixture';
import { searchEngines } from './engines';

const openStorage = closingStorages();

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

interface Harness {
  readonly service: SearchService;
  readonly statuses: SearchIndexStatus[];
  readonly engines: ReturnType<typeof searchEngines>;
}

function startService(
  s: CasefileStorage,
  store: SearchSnapshotStore,
  extra: Partial<Parameters<typeof createSearchService>[0]> = {},
): Harness {
  const statuses: SearchIndexStatus[] = [];
  const engines = searchEngines();
  const service = createSearchService({
    corpus: createSearchCorpus(s.db),
    store,
    engines,
    onStatus: (status) => statuses.push(status),
    persistDelayMs: 5,
    syncDelayMs: 5,
    batchSize: 2,
    ...extra,
  });
  cleanups.push(() => service.dispose());
  return { service, statuses, engines };
}

function newStore(name = freshDbName()) {
  const store = createSearchSnapshotStore({ name });
  cleanups.push(() => store.close());
  return store;
}

function hitIds(result: Result<SearchResponse>, kind: SearchRecordKind): string[] {
  if (!result.ok) throw new Error(`search failed: ${result.error.code} ${result.error.message}`);
  return result.value.groups.find((g) => g.kind === kind)!.hits.map((h) => h.id);
}

async function ready(h: Harness, caseId: CaseId): Promise<SearchIndexStatus> {
  h.service.prepare(caseId);
  await vi.waitFor(() => expect(h.service.status(caseId)?.state).toBe('ready'));
  return h.service.status(caseId)!;
}

/** Builds and persists the case's index with one service, then disposes of it. */
async function persistedIndex(s: CasefileStorage, store: SearchSnapshotStore, caseId: CaseId) {
  const first = startService(s, store);
  await ready(first, caseId);
  await first.service.flush();
  await first.service.dispose();
  expect(await store.load(caseId)).toBeDefined();
}

/** Rewrites the stored snapshot of `caseId` (or stores it under `into`). */
async function tamper(
  store: SearchSnapshotStore,
  caseId: CaseId,
  change: (snapshot: { manifest: string; chunks: { key: string; data: string }[] }) => void,
  into: CaseId = caseId,
) {
  const stored = await store.load(caseId);
  if (!stored) throw new Error('nothing stored');
  const copy = { manifest: stored.manifest, chunks: stored.chunks.map((c) => ({ ...c })) };
  change(copy);
  await store.save(into, copy);
}

describe('search service', () => {
  it('builds the index from scratch and answers grouped results', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore());
    const status = await ready(h, c.caseId);
    expect(status).toMatchObject({ state: 'ready', documents: 7 });
    expect(status.notice).toBeUndefined();
    expect(h.statuses.map((x) => x.state)).toContain('building');

    const result = await h.service.search(c.caseId, 'orion');
    expect(hitIds(result, 'source')).toEqual([c.source.id]);
    expect(hitIds(result, 'passage')).toEqual([c.passage.id]);
    expect(result.ok && result.value).toMatchObject({
      complete: true,
      status: { state: 'ready' },
    });
    expect(result.ok && result.value.description).toMatch(/orion/);
    expect(hitIds(await h.service.search(c.caseId, 'broker'), 'entity')).toEqual([c.kessel.id]);
    expect(hitIds(await h.service.search(c.caseId, 'broker'), 'note')).toEqual([c.note.id]);
    expect(hitIds(await h.service.search(c.caseId, 'acme'), 'claim')).toEqual([c.claim.id]);
  });

  it('answers while building, marked incomplete', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = startService(s, newStore(), { yieldToEventLoop: () => gate, batchSize: 1 });
    h.service.prepare(c.caseId);
    await vi.waitFor(() => expect(h.service.status(c.caseId)?.done).toBe(1));
    const during = await h.service.search(c.caseId, 'kessel');
    expect(during.ok && during.value).toMatchObject({
      complete: false,
      status: { state: 'building', done: 1, total: 7 },
    });
    release();
    await vi.waitFor(() => expect(h.service.status(c.caseId)?.state).toBe('ready'));
    const after = await h.service.search(c.caseId, 'orion');
    expect(after.ok && after.value.complete).toBe(true);
  });

  it('refuses bad queries and options with the parser’s and its own errors', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore());
    expect(await h.service.search(c.caseId, '   ')).toMatchObject({
      ok: false,
      error: { code: 'search.query.empty' },
    });
    for (const options of [{ limit: 0 }, { limit: 201 }, { offset: -1 }, { kinds: ['nope'] }]) {
      expect(await h.service.search(c.caseId, 'orion', options as never)).toMatchObject({
        ok: false,
        error: { code: 'search.options.invalid' },
      });
    }
  });

  it('re-indexes edits before the next answer, and drops what was deleted', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore());
    await ready(h, c.caseId);

    value(await s.sources.update(c.source.id, { title: 'Customs memo' }));
    value(await s.passages.update(c.passage.id, { note: 'Renamed hull' }));
    value(await s.notes.saveContent(c.note.id, noteOf('The courier carried diesel.')));
    h.service.invalidate(c.caseId);
    expect(hitIds(await h.service.search(c.caseId, 'customs'), 'source')).toEqual([c.source.id]);
    expect(hitIds(await h.service.search(c.caseId, 'port'), 'source')).toEqual([]);
    expect(hitIds(await h.service.search(c.caseId, 'hull'), 'passage')).toEqual([c.passage.id]);
    expect(hitIds(await h.service.search(c.caseId, 'registry'), 'passage')).toEqual([]);
    expect(hitIds(await h.service.search(c.caseId, 'diesel'), 'note')).toEqual([c.note.id]);
    expect(hitIds(await h.service.search(c.caseId, 'transfer'), 'note')).toEqual([]);

    value(await s.claims.delete(c.claim.id));
    value(await s.sources.delete(c.source.id));
    h.service.invalidate(c.caseId);
    const orion = await h.service.search(c.caseId, 'orion');
    expect(hitIds(orion, 'source')).toEqual([]);
    expect(hitIds(orion, 'passage')).toEqual([]);
    expect(hitIds(await h.service.search(c.caseId, 'acme'), 'claim')).toEqual([]);
  });

  it('renaming an entity re-indexes the claims that name it', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore());
    await ready(h, c.caseId);
    value(await s.entities.update(c.acme.id, { name: 'Borealis Shipping' }));
    h.service.invalidate(c.caseId);
    expect(hitIds(await h.service.search(c.caseId, 'borealis'), 'claim')).toEqual([c.claim.id]);
    expect(hitIds(await h.service.search(c.caseId, 'borealis'), 'entity')).toEqual([c.acme.id]);
  });

  it('updates in the background after invalidate, without a query', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore());
    await ready(h, c.caseId);
    value(await s.entities.create(c.caseId, { type: 'Person', name: 'Ilya Petrov' }));
    h.service.invalidate(c.caseId);
    h.service.invalidate(c.caseId);
    await vi.waitFor(() => expect(h.service.status(c.caseId)?.documents).toBe(8));
    expect(h.statuses.map((x) => x.state)).toContain('updating');
    expect(h.service.status(c.caseId)?.state).toBe('ready');
  });

  it('reuses the persisted index on reopen: nothing is re-indexed, texts are attached', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    await persistedIndex(s, store, c.caseId);

    const h = startService(s, store);
    const status = await ready(h, c.caseId);
    expect(status.notice).toBeUndefined();
    expect(h.statuses.map((x) => x.state)).not.toContain('building');
    expect(h.engines.counters).toMatchObject({ created: 0, imported: 1, indexed: 0, attached: 7 });
    expect(hitIds(await h.service.search(c.caseId, 'orion'), 'source')).toEqual([c.source.id]);
  });

  it('answers as incomplete until every text is attached to a loaded index, then phrases are exact', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    await persistedIndex(s, store, c.caseId);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = startService(s, store, { yieldToEventLoop: () => gate, batchSize: 1 });
    h.service.prepare(c.caseId);
    await vi.waitFor(() =>
      expect(h.service.status(c.caseId)).toMatchObject({ state: 'loading', done: 1 }),
    );
    // Texts not attached yet: word order cannot be checked, so the answer says it is incomplete.
    for (const phrase of ['"orion star"', '"star orion"']) {
      const during = await h.service.search(c.caseId, phrase);
      expect(during.ok && during.value).toMatchObject({
        complete: false,
        status: { state: 'loading' },
      });
    }
    release();
    await vi.waitFor(() => expect(h.service.status(c.caseId)?.state).toBe('ready'));
    const after = await h.service.search(c.caseId, '"orion star"');
    expect(after.ok && after.value.complete).toBe(true);
    expect(hitIds(after, 'source')).toEqual([c.source.id]);
    expect(hitIds(await h.service.search(c.caseId, '"star orion"'), 'source')).toEqual([]);
    // The forward indexes are then built in the background; answers stay the same.
    await vi.waitFor(() => expect(h.engines.counters.warmed).toBeGreaterThan(0));
    expect(hitIds(await h.service.search(c.caseId, '"orion star"'), 'source')).toEqual([
      c.source.id,
    ]);
    expect(hitIds(await h.service.search(c.caseId, '"star orion"'), 'source')).toEqual([]);
  });

  it('picks up changes made while the case was closed', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    await persistedIndex(s, store, c.caseId);

    value(await s.sources.update(c.source.id, { title: 'Customs memo' }));
    value(await s.passages.delete(c.passage.id));
    const petrov = value(
      await s.entities.create(c.caseId, { type: 'Person', name: 'Ilya Petrov' }),
    );

    const h = startService(s, store);
    await ready(h, c.caseId);
    expect(h.engines.counters.imported).toBe(1);
    expect(h.engines.counters.indexed).toBe(2); // the source and the new entity
    expect(hitIds(await h.service.search(c.caseId, 'customs'), 'source')).toEqual([c.source.id]);
    expect(hitIds(await h.service.search(c.caseId, 'registry'), 'passage')).toEqual([]);
    expect(hitIds(await h.service.search(c.caseId, 'petrov'), 'entity')).toEqual([petrov.id]);
  });

  const unusable: [string, (store: SearchSnapshotStore, caseId: CaseId) => Promise<void>][] = [
    [
      'damaged (a chunk’s bytes flipped)',
      (store, caseId) =>
        tamper(store, caseId, (snap) => {
          const chunk = snap.chunks.find((x) => x.data.length > 10)!;
          const at = Math.floor(chunk.data.length / 2);
          const flipped = chunk.data.charCodeAt(at) ^ 1;
          chunk.data =
            chunk.data.slice(0, at) + String.fromCharCode(flipped) + chunk.data.slice(at + 1);
        }),
    ],
    [
      'missing a chunk',
      (store, caseId) => tamper(store, caseId, (snap) => void snap.chunks.splice(0, 1)),
    ],
    [
      'outdated (format or tokenizer version)',
      (store, caseId) =>
        tamper(store, caseId, (snap) => {
          const manifest = JSON.parse(snap.manifest) as Record<string, unknown>;
          for (const [key, field] of Object.entries(manifest)) {
            if (!/version|format/i.test(key)) continue;
            manifest[key] = typeof field === 'number' ? field + 1 : `${String(field)}-old`;
          }
          snap.manifest = JSON.stringify(manifest);
        }),
    ],
  ];

  for (const [label, spoil] of unusable) {
    it(`rebuilds, with a notice, from a snapshot that is ${label}`, async () => {
      const s = await openStorage();
      const c = await buildSearchCase(s);
      const store = newStore();
      await persistedIndex(s, store, c.caseId);
      await spoil(store, c.caseId);

      const h = startService(s, store);
      const status = await ready(h, c.caseId);
      expect(status.notice).toMatch(/saved search index could not be used .*rebuilt/);
      expect(h.engines.counters).toMatchObject({ created: 1, imported: 0 });
      expect(status.documents).toBe(7);
      expect(hitIds(await h.service.search(c.caseId, 'orion'), 'source')).toEqual([c.source.id]);
      // And the rebuilt index is saved over the bad one.
      await h.service.flush();
      await h.service.dispose();
      const again = startService(s, store);
      expect((await ready(again, c.caseId)).notice).toBeUndefined();
      expect(again.engines.counters.imported).toBe(1);
    });
  }

  it('never uses the snapshot of another case', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const other = await newCase(s, 'Empty case');
    const store = newStore();
    await persistedIndex(s, store, c.caseId);
    await tamper(store, c.caseId, () => undefined, other);

    const h = startService(s, store);
    const status = await ready(h, other);
    expect(status.notice).toMatch(/could not be used/);
    expect(status.documents).toBe(0);
    expect(hitIds(await h.service.search(other, 'orion'), 'source')).toEqual([]);
  });

  it('one case at a time: switching persists the previous one', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const other = await newCase(s, 'Second case');
    value(await s.entities.create(other, { type: 'Person', name: 'Ilya Petrov' }));
    const store = newStore();
    const h = startService(s, store, { persistDelayMs: 60_000 });
    await ready(h, c.caseId);
    expect(await store.load(c.caseId)).toBeUndefined(); // still waiting for the debounce
    await ready(h, other);
    expect(h.service.status(c.caseId)).toBeUndefined();
    expect(hitIds(await h.service.search(other, 'petrov'), 'entity')).toHaveLength(1);
    await vi.waitFor(async () => expect(await store.load(c.caseId)).toBeDefined());
  });

  it('a failed save is reported and search goes on', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    const failing: SearchSnapshotStore = {
      load: (id) => store.load(id),
      remove: (id) => store.remove(id),
      save: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const h = startService(s, failing);
    await ready(h, c.caseId);
    await h.service.flush();
    expect(h.service.status(c.caseId)?.state).toBe('ready');
    expect(h.service.status(c.caseId)?.notice).toMatch(/could not be saved \(QuotaExceededError\)/);
    expect(hitIds(await h.service.search(c.caseId, 'orion'), 'source')).toEqual([c.source.id]);
  });

  it('an unreadable case database fails the index with a clear error', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const h = startService(s, newStore(), {
      corpus: {
        stamps: () => Promise.reject(new Error('disk gone')),
        read: () => Promise.resolve([]),
        readAll: () => Promise.resolve(),
      },
    });
    const result = await h.service.search(c.caseId, 'orion');
    expect(result).toMatchObject({ ok: false, error: { code: 'search.index.failed' } });
    expect(h.service.status(c.caseId)?.state).toBe('failed');
    expect(h.service.status(c.caseId)?.error).toMatch(/disk gone/);
  });

  it('forget drops the open index and its snapshot', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    await persistedIndex(s, store, c.caseId);
    const h = startService(s, store);
    await ready(h, c.caseId);
    h.service.invalidate(c.caseId); // a pending update would save again
    await h.service.forget(c.caseId);
    expect(h.service.status(c.caseId)).toBeUndefined();
    expect(await store.load(c.caseId)).toBeUndefined();
    await h.service.flush(); // nothing left to save: the case is no longer open
    expect(await store.load(c.caseId)).toBeUndefined();
  });

  it('rebuild drops the saved index and builds it again', async () => {
    const s = await openStorage();
    const c = await buildSearchCase(s);
    const store = newStore();
    await persistedIndex(s, store, c.caseId);
    const h = startService(s, store);
    await ready(h, c.caseId);
    expect(await h.service.rebuild(c.caseId)).toEqual({ ok: true, value: undefined });
    expect(h.engines.counters).toMatchObject({ imported: 1, created: 1 });
    expect(h.service.status(c.caseId)).toMatchObject({ state: 'ready', documents: 7 });
    expect(hitIds(await h.service.search(c.caseId, 'orion'), 'source')).toEqual([c.source.id]);
  });
});
