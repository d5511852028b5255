import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mutatedTables, touchesSearchCorpus } from '../../../src/db/searchCorpus';
import { createSearchClient, createUnavailableSearchClient } from '../../../src/search/client';
import {
  validateSearchRequest,
  type SearchRequest,
  type SearchWorkerMessage,
} from '../../../src/search/protocol';
import type { SearchService } from '../../../src/search/service';
import type { SearchIndexStatus, SearchResponse } from '../../../src/search/types';
import {
  deferredService,
  postStatusTo,
  serveSearch,
  type SearchWorkerScope,
} from '../../../src/search/workerHost';
import { err, ok } from '../../../src/shared/result';

const CASE = 'c0a1c2a5-55a4-4b1e-9d55-1d6f0c3e7a50';

function aStatus(overrides: Partial<SearchIndexStatus> = {}): SearchIndexStatus {
  return { caseId: CASE, state: 'ready', done: 0, total: 0, documents: 3, ...overrides };
}

function aResponse(query: string): SearchResponse {
  return {
    groups: [],
    total: 0,
    expansions: {},
    description: `Searching for ${query}`,
    warnings: [],
    complete: true,
    status: aStatus(),
    tookMs: 0.1,
  };
}

/** A service that records calls and answers at once. */
function recordingService(): SearchService & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    search: (caseId, text, options) => {
      calls.push(['search', caseId, text, options]);
      if (text === 'explode') return Promise.reject(new Error('boom'));
      return Promise.resolve(ok(aResponse(text)));
    },
    prepare: (caseId) => void calls.push(['prepare', caseId]),
    invalidate: (caseId) => void calls.push(['invalidate', caseId]),
    rebuild: (caseId) => {
      calls.push(['rebuild', caseId]);
      return Promise.resolve(ok(undefined));
    },
    forget: (caseId) => {
      calls.push(['forget', caseId]);
      return Promise.resolve();
    },
    status: () => aStatus(),
    flush: () => {
      calls.push(['flush']);
      return Promise.resolve();
    },
    dispose: () => Promise.resolve(),
  };
}

/** A worker scope whose messages the test sends and reads. */
function fakeScope() {
  const posted: SearchWorkerMessage[] = [];
  let listener: ((event: { data: unknown }) => void) | undefined;
  const scope: SearchWorkerScope = {
    addEventListener: (_type, l) => void (listener = l),
    postMessage: (message) => void posted.push(message),
  };
  return { scope, posted, send: (data: unknown) => listener!({ data }) };
}

describe('validateSearchRequest', () => {
  it('accepts every well-formed request', () => {
    const requests: SearchRequest[] = [
      {
        type: 'search',
        id: 1,
        caseId: CASE,
        query: 'kessel',
        options: { limit: 10, kinds: ['note'] },
      },
      { type: 'search', id: 2, caseId: CASE, query: '' },
      { type: 'rebuild', id: 3, caseId: CASE },
      { type: 'prepare', caseId: CASE },
      { type: 'invalidate', caseId: CASE },
      { type: 'flush', id: 4, caseId: CASE },
      { type: 'forget', caseId: CASE },
    ];
    for (const request of requests) expect(validateSearchRequest(request)).toEqual(ok(request));
  });

  it('refuses malformed requests with search.request.invalid', () => {
    const bad: unknown[] = [
      null,
      'search',
      [],
      { type: 'search', id: 1, query: 'x' },
      { type: 'search', id: 1, caseId: '', query: 'x' },
      { type: 'search', id: 1, caseId: 'x'.repeat(201), query: 'x' },
      { type: 'search', id: -1, caseId: CASE, query: 'x' },
      { type: 'search', id: 1.5, caseId: CASE, query: 'x' },
      { type: 'search', caseId: CASE, query: 'x' },
      { type: 'search', id: 1, caseId: CASE, query: 7 },
      { type: 'search', id: 1, caseId: CASE, query: 'x'.repeat(100_001) },
      { type: 'search', id: 1, caseId: CASE, query: 'x', options: 'all' },
      { type: 'search', id: 1, caseId: CASE, query: 'x', options: { limit: '5' } },
      { type: 'search', id: 1, caseId: CASE, query: 'x', options: { offset: null } },
      { type: 'search', id: 1, caseId: CASE, query: 'x', options: { kinds: ['chart'] } },
      { type: 'search', id: 1, caseId: CASE, query: 'x', options: { kinds: 'note' } },
      { type: 'rebuild', caseId: CASE },
      { type: 'flush', caseId: CASE },
      { type: 'drop-everything', id: 1, caseId: CASE },
      { caseId: CASE },
    ];
    for (const data of bad) {
      expect(validateSearchRequest(data), JSON.stringify(data)?.slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'search.request.invalid' },
      });
    }
  });
});

describe('serveSearch', () => {
  it('dispatches requests to the service and answers with the request id', async () => {
    const { scope, posted, send } = fakeScope();
    const service = recordingService();
    serveSearch(scope, service);
    send({ type: 'prepare', caseId: CASE });
    send({ type: 'invalidate', caseId: CASE });
    send({ type: 'search', id: 7, caseId: CASE, query: 'kessel', options: { limit: 3 } });
    send({ type: 'rebuild', id: 8, caseId: CASE });
    send({ type: 'flush', id: 9, caseId: CASE });
    send({ type: 'forget', caseId: CASE });
    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(service.calls).toEqual([
      ['prepare', CASE],
      ['invalidate', CASE],
      ['search', CASE, 'kessel', { limit: 3 }],
      ['rebuild', CASE],
      ['flush'],
      ['forget', CASE],
    ]);
    expect(posted).toEqual([
      { type: 'searched', id: 7, result: ok(aResponse('kessel')) },
      { type: 'rebuilt', id: 8, result: ok(undefined) },
      { type: 'flushed', id: 9, result: ok(undefined) },
    ]);
  });

  it('answers bad messages with an error and never calls the service or throws', async () => {
    const { scope, posted, send } = fakeScope();
    const service = recordingService();
    serveSearch(scope, service);
    expect(() => send({ type: 'search', id: 4, caseId: CASE, query: 42 })).not.toThrow();
    expect(() => send({ type: 'nonsense' })).not.toThrow();
    expect(() => send(undefined)).not.toThrow();
    send({ type: 'search', id: 5, caseId: CASE, query: 'explode' });
    await vi.waitFor(() => expect(posted).toHaveLength(4));
    expect(posted[0]).toMatchObject({
      type: 'searched',
      id: 4,
      result: { ok: false, error: { code: 'search.request.invalid' } },
    });
    expect(posted[1]).toMatchObject({ type: 'refused', error: { code: 'search.request.invalid' } });
    expect(posted[2]).toMatchObject({ type: 'refused', error: { code: 'search.request.invalid' } });
    expect(posted[3]).toMatchObject({
      type: 'searched',
      id: 5,
      result: { ok: false, error: { code: 'search.index.failed' } },
    });
    expect(service.calls).toEqual([['search', CASE, 'explode', undefined]]);
  });

  it('posts status changes', () => {
    const { scope, posted } = fakeScope();
    postStatusTo(scope)(aStatus({ state: 'building', done: 1, total: 9 }));
    expect(posted).toEqual([
      { type: 'status', status: aStatus({ state: 'building', done: 1, total: 9 }) },
    ]);
  });
});

describe('deferredService', () => {
  it('holds requests until the service is open', async () => {
    let open!: (service: SearchService) => void;
    const service = recordingService();
    const deferred = deferredService(new Promise((resolve) => (open = resolve)));
    deferred.prepare(CASE);
    const answer = deferred.search(CASE, 'kessel');
    expect(service.calls).toEqual([]);
    open(service);
    expect(await answer).toEqual(ok(aResponse('kessel')));
    expect(service.calls[0]).toEqual(['prepare', CASE]);
  });

  it('answers search.index.failed when the case database cannot be opened', async () => {
    const deferred = deferredService(Promise.reject(new Error('VersionError')));
    const answer = await deferred.search(CASE, 'kessel');
    expect(answer).toMatchObject({ ok: false, error: { code: 'search.index.failed' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/VersionError/);
    expect(await deferred.rebuild(CASE)).toMatchObject({ ok: false });
  });
});

/**
 * Stands in for the browser's Worker: runs serveSearch over a recording service on the same
 * thread, asynchronously, and can be made to crash or to stay silent.
 */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  static silent = false;
  terminated = false;
  readonly received: unknown[] = [];
  readonly service = recordingService();
  private deliver: ((data: unknown) => void) | undefined;

  constructor() {
    super();
    FakeWorker.created.push(this);
    serveSearch(
      {
        addEventListener: (_type, listener) => (this.deliver = (data) => listener({ data })),
        postMessage: (message) =>
          queueMicrotask(() => {
            if (!this.terminated)
              this.dispatchEvent(new MessageEvent('message', { data: message }));
          }),
      },
      this.service,
    );
  }

  postMessage(data: unknown): void {
    this.received.push(data);
    if (!FakeWorker.silent) this.deliver?.(structuredClone(data));
  }

  status(status: SearchIndexStatus): void {
    this.dispatchEvent(new MessageEvent('message', { data: { type: 'status', status } }));
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('createSearchClient', () => {
  beforeEach(() => {
    FakeWorker.created = [];
    FakeWorker.silent = false;
  });
  afterEach(() => vi.restoreAllMocks());

  const start = () => new FakeWorker() as unknown as Worker;

  it('starts one worker on first use and answers through it', async () => {
    const client = createSearchClient(start);
    client.invalidate(CASE); // nothing open yet: no worker for this
    expect(FakeWorker.created).toHaveLength(0);
    client.prepare(CASE);
    expect(await client.search(CASE, 'kessel', { limit: 2 })).toEqual(ok(aResponse('kessel')));
    expect(await client.rebuild(CASE)).toEqual(ok(undefined));
    client.invalidate(CASE);
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0]!.service.calls.map((c) => c[0])).toEqual([
      'prepare',
      'search',
      'rebuild',
      'invalidate',
    ]);
    client.dispose();
  });

  it('fans status out to every subscriber until they unsubscribe', () => {
    const client = createSearchClient(start);
    const a: SearchIndexStatus[] = [];
    const b: SearchIndexStatus[] = [];
    client.subscribe((s) => a.push(s));
    const stopB = client.subscribe((s) => b.push(s));
    client.prepare(CASE);
    FakeWorker.created[0]!.status(aStatus({ state: 'building' }));
    stopB();
    FakeWorker.created[0]!.status(aStatus());
    expect(a.map((s) => s.state)).toEqual(['building', 'ready']);
    expect(b.map((s) => s.state)).toEqual(['building']);
  });

  it('fails calls in flight when the worker crashes, and restarts it on next use', async () => {
    const client = createSearchClient(start);
    const statuses: SearchIndexStatus[] = [];
    client.subscribe((s) => statuses.push(s));
    FakeWorker.silent = true;
    const inFlight = client.search(CASE, 'kessel');
    const [first] = FakeWorker.created;
    first!.crash('out of memory');
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'search.index.failed' } });
    expect(first!.terminated).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ caseId: CASE, state: 'failed' });
    expect(statuses.at(-1)?.error).toMatch(/out of memory/);

    FakeWorker.silent = false;
    expect(await client.search(CASE, 'again')).toEqual(ok(aResponse('again')));
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('after dispose, answers search.index.failed without starting a worker', async () => {
    const client = createSearchClient(start);
    client.dispose();
    expect(await client.search(CASE, 'kessel')).toMatchObject({
      ok: false,
      error: { code: 'search.index.failed' },
    });
    expect(FakeWorker.created).toHaveLength(0);
  });

  describe('releasing the index', () => {
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
    afterEach(() => vi.useRealTimers());
    const RELEASE = { releaseAfterMs: 1000 };
    const workerCalls = (n: number) => FakeWorker.created[n]!.service.calls.map((c) => c[0]);

    it('persists and stops the worker a while after its last use; the next search starts another', async () => {
      const client = createSearchClient(start, RELEASE);
      expect(await client.search(CASE, 'kessel')).toEqual(ok(aResponse('kessel')));
      const [first] = FakeWorker.created;
      await vi.advanceTimersByTimeAsync(999);
      expect(first!.terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(workerCalls(0)).toEqual(['search', 'flush']);
      expect(first!.terminated).toBe(true);

      expect(await client.search(CASE, 'again')).toEqual(ok(aResponse('again')));
      expect(FakeWorker.created).toHaveLength(2);
      client.dispose();
    });

    it('keeps the index while it is held, and releases it after the last holder lets go', async () => {
      const client = createSearchClient(start, RELEASE);
      const letGo = client.retain(CASE);
      const alsoHeld = client.retain(CASE);
      await client.search(CASE, 'kessel');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(FakeWorker.created[0]!.terminated).toBe(false);
      expect(workerCalls(0)).toEqual(['prepare', 'prepare', 'search']);
      letGo();
      letGo(); // only once per holder
      await vi.advanceTimersByTimeAsync(60_000);
      expect(FakeWorker.created[0]!.terminated).toBe(false);
      alsoHeld();
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeWorker.created[0]!.terminated).toBe(true);
      client.dispose();
    });

    it('releases an index prepared when a case opened but never searched', async () => {
      const client = createSearchClient(start, RELEASE);
      client.prepare(CASE);
      await vi.advanceTimersByTimeAsync(1000);
      expect(workerCalls(0)).toEqual(['prepare', 'flush']);
      expect(FakeWorker.created[0]!.terminated).toBe(true);
      client.dispose();
    });

    it('a deleted case is forgotten by a worker started for it, released again after', async () => {
      const client = createSearchClient(start, RELEASE);
      await client.search(CASE, 'kessel');
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeWorker.created[0]!.terminated).toBe(true);
      client.forget(CASE);
      expect(FakeWorker.created).toHaveLength(2);
      expect(workerCalls(1)).toEqual(['forget']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeWorker.created[1]!.terminated).toBe(true);
      client.dispose();
    });

    it('a write elsewhere (invalidate) does not keep the index in memory', async () => {
      const client = createSearchClient(start, RELEASE);
      await client.search(CASE, 'kessel');
      for (let i = 0; i < 5; i += 1) {
        await vi.advanceTimersByTimeAsync(400);
        client.invalidate(CASE);
      }
      expect(FakeWorker.created[0]!.terminated).toBe(true);
      client.dispose();
    });

    it('a search made while the worker persists keeps it running', async () => {
      const client = createSearchClient(start, RELEASE);
      await client.search(CASE, 'kessel');
      FakeWorker.silent = true; // the flush is not answered yet
      await vi.advanceTimersByTimeAsync(1000);
      const [first] = FakeWorker.created;
      expect(first!.received.map((m) => (m as { type: string }).type)).toEqual(['search', 'flush']);
      FakeWorker.silent = false;
      const searching = client.search(CASE, 'during');
      const flush = first!.received[1] as { id: number };
      first!.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'flushed', id: flush.id, result: ok(undefined) },
        }),
      );
      expect(await searching).toEqual(ok(aResponse('during')));
      expect(first!.terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1000);
      expect(first!.terminated).toBe(true);
      expect(FakeWorker.created).toHaveLength(1);
      client.dispose();
    });
  });

  it('an unavailable client says so', async () => {
    const client = createUnavailableSearchClient('No worker in tests.');
    expect(await client.search(CASE, 'x')).toEqual(
      err('search.index.failed', 'No worker in tests.'),
    );
  });
});

describe('touchesSearchCorpus', () => {
  it('is true for writes to the tables search reads, in the given database only', () => {
    expect(
      touchesSearchCorpus(['idb://casefile/sources/', 'idb://casefile/audit/'], 'casefile'),
    ).toBe(true);
    expect(touchesSearchCorpus(['idb://casefile/noteContents/:dels'], 'casefile')).toBe(true);
    expect(
      touchesSearchCorpus(['idb://casefile/audit/', 'idb://casefile/charts/caseId'], 'casefile'),
    ).toBe(false);
    expect(touchesSearchCorpus(['idb://casefile-search/chunks/'], 'casefile')).toBe(false);
    expect(touchesSearchCorpus(['idb://other/notes/'], 'casefile')).toBe(false);
  });

  it('names the tables of one database a report touches', () => {
    const parts = ['idb://casefile/cases/', 'idb://casefile/cases/updatedAt', 'idb://x/notes/'];
    expect([...mutatedTables(parts, 'casefile')]).toEqual(['cases']);
  });
});
