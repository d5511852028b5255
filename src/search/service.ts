import type { CaseId } from '../core/model/ids';
import {
  SEARCH_RECORD_KINDS,
  type SearchCorpus,
  type SearchRecordKind,
  type SearchRecordRef,
  type SearchSnapshotStore,
  type StoredSearchSnapshot,
} from '../core/ports/search';
import { err, ok, type AppError, type Result } from '../shared/result';
import { toSearchDocument } from './documents';
import { createSearchEngine, importSearchEngine } from './engine';
import { describeSearchQuery, parseSearchQuery } from './query';
import {
  MAX_SEARCH_LIMIT,
  type SearchEngine,
  type SearchIndexState,
  type SearchIndexStatus,
  type SearchOptions,
  type SearchResponse,
} from './types';

/**
 * The search index of the open case, kept in step with storage (README.md "The service"). Runs in
 * the search worker; DOM-free and tested in Node.
 *
 * - Opening a case: load its persisted snapshot and import it. A snapshot that is missing, damaged,
 *   outdated or of another case is not used: the index is built from scratch and the status says
 *   why (`notice`). An imported index is first brought up to date by comparing stamps (records
 *   changed while the case was closed are re-indexed, deleted ones removed), then every record is
 *   read once more to attach its text (same stamp: nothing is re-indexed). So a stale snapshot is
 *   never used as it is.
 * - Building reads the corpus in batches and yields to the event loop between them: queries are
 *   answered meanwhile, with `complete: false`.
 * - invalidate() marks the index dirty: the next answer first compares stamps and re-indexes what
 *   changed; a timer does the same soon in the background (coalesced).
 * - The index is persisted (debounced, never two saves at once) after a build and after changes. A
 *   failed save is reported in the status; search goes on.
 */

/** How the engine is made; engine.ts in production, fakes in tests. */
export interface SearchEngineFactory {
  create(): SearchEngine;
  /** Errors: `search.index.outdated` / `.damaged` / `.otherCase`. */
  import(snapshot: StoredSearchSnapshot, caseId: string): Result<SearchEngine>;
}

export interface SearchServiceOptions {
  readonly corpus: SearchCorpus;
  readonly store: SearchSnapshotStore;
  /** Default: engine.ts. */
  readonly engines?: SearchEngineFactory;
  /** Every status change of the open case's index. */
  readonly onStatus?: (status: SearchIndexStatus) => void;
  /** Records read per batch while building (default 100). */
  readonly batchSize?: number;
  /** Wait after the last change before persisting (default 3 s). */
  readonly persistDelayMs?: number;
  /** Wait after invalidate() before updating in the background (default 200 ms). */
  readonly syncDelayMs?: number;
  /** Lets queued messages run between batches (default: a macrotask). */
  readonly yieldToEventLoop?: () => Promise<void>;
  /** Milliseconds, for tookMs (default performance.now). */
  readonly clock?: () => number;
}

export interface SearchService {
  search(caseId: string, text: string, options?: SearchOptions): Promise<Result<SearchResponse>>;
  /** Opens (loads or builds) the case's index in the background. */
  prepare(caseId: string): void;
  invalidate(caseId: string): void;
  rebuild(caseId: string): Promise<Result<void>>;
  /** The case was deleted: drops its index (without saving it) and its persisted snapshot. */
  forget(caseId: string): Promise<void>;
  /** The open case's status, if it is `caseId` (or any open case when omitted). */
  status(caseId?: string): SearchIndexStatus | undefined;
  /** Persists now what waits to be persisted, and resolves when no save is running. */
  flush(): Promise<void>;
  /** Persists what is pending, then drops the open case and its timers. */
  dispose(): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_PERSIST_DELAY_MS = 3000;
const DEFAULT_SYNC_DELAY_MS = 200;
/** Longest stretch of background warming (engine.warm) between two looks at the message queue. */
const WARM_SLICE_MS = 20;

/** Thrown inside a build to stop it when its case was closed or rebuilt meanwhile. */
class Abandoned extends Error {}

interface OpenCase {
  readonly caseId: CaseId;
  engine: SearchEngine | undefined;
  state: SearchIndexState;
  done: number;
  total: number;
  notice: string | undefined;
  error: string | undefined;
  /** Every record has been read (and the index is current as of that read). */
  complete: boolean;
  closed: boolean;
  /** Resolves once the engine answers correctly (possibly without all texts yet), or failed. */
  usable: Promise<void>;
  /** Resolves when opening has finished (ready or failed). */
  opened: Promise<void>;
  dirty: boolean;
  syncing: Promise<void> | undefined;
  syncTimer: ReturnType<typeof setTimeout> | undefined;
  needsSave: boolean;
  saveTimer: ReturnType<typeof setTimeout> | undefined;
  saving: Promise<void>;
}

function refKey(kind: SearchRecordKind, id: string): string {
  return `${kind}\u0000${id}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function validateOptions(options: SearchOptions | undefined): AppError | undefined {
  if (options === undefined) return undefined;
  const { limit, offset, kinds } = options;
  if (
    limit !== undefined &&
    !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_SEARCH_LIMIT)
  ) {
    return {
      code: 'search.options.invalid',
      message: `The number of hits per group must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`,
    };
  }
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0)) {
    return {
      code: 'search.options.invalid',
      message: 'The number of hits to skip must be a whole number, 0 or more.',
    };
  }
  if (
    kinds !== undefined &&
    !(
      Array.isArray(kinds) &&
      kinds.every((kind) => (SEARCH_RECORD_KINDS as readonly unknown[]).includes(kind))
    )
  ) {
    return {
      code: 'search.options.invalid',
      message: `Record kinds must be among: ${SEARCH_RECORD_KINDS.join(', ')}.`,
    };
  }
  return undefined;
}

export function createSearchService(options: SearchServiceOptions): SearchService {
  const { corpus, store } = options;
  const engines = options.engines ?? { create: createSearchEngine, import: importSearchEngine };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const persistDelay = options.persistDelayMs ?? DEFAULT_PERSIST_DELAY_MS;
  const syncDelay = options.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS;
  const yieldToEventLoop =
    options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const clock = options.clock ?? (() => performance.now());

  let current: OpenCase | undefined;

  function statusOf(open: OpenCase): SearchIndexStatus {
    return {
      caseId: open.caseId,
      state: open.state,
      done: open.done,
      total: open.total,
      documents: open.engine?.size ?? 0,
      ...(open.notice === undefined ? {} : { notice: open.notice }),
      ...(open.error === undefined ? {} : { error: open.error }),
    };
  }

  function emit(open: OpenCase): void {
    if (open.closed) return;
    options.onStatus?.(statusOf(open));
  }

  function setState(open: OpenCase, state: SearchIndexState, done = 0, total = 0): void {
    open.state = state;
    open.done = done;
    open.total = total;
    emit(open);
  }

  function ensureLive(open: OpenCase): void {
    if (open.closed) throw new Abandoned();
  }

  // ------------------------------------------------------------------ persistence

  function schedulePersist(open: OpenCase): void {
    open.needsSave = true;
    if (open.saveTimer !== undefined) clearTimeout(open.saveTimer);
    open.saveTimer = setTimeout(() => {
      open.saveTimer = undefined;
      void persist(open);
    }, persistDelay);
  }

  /** Saves if needed, after any save already running (never two at once). */
  function persist(open: OpenCase): Promise<void> {
    if (open.saveTimer !== undefined) {
      clearTimeout(open.saveTimer);
      open.saveTimer = undefined;
    }
    open.saving = open.saving.then(async () => {
      const engine = open.engine;
      if (!open.needsSave || !open.complete || engine === undefined) return;
      open.needsSave = false;
      try {
        await store.save(open.caseId, engine.exportSnapshot(open.caseId));
      } catch (error) {
        // Search goes on with the index in memory; the next open rebuilds what was not saved.
        open.notice = `The search index could not be saved (${messageOf(error)}); it will be rebuilt the next time this case opens.`;
        emit(open);
      }
    });
    return open.saving;
  }

  // ------------------------------------------------------------------ keeping in step

  /** Compares stamps with storage; re-indexes what changed and removes what is gone. */
  async function syncOnce(open: OpenCase): Promise<void> {
    const engine = open.engine;
    if (engine === undefined) return;
    open.dirty = false;
    const stamps = await corpus.stamps(open.caseId);
    ensureLive(open);
    const stored = new Set<string>();
    const changed: SearchRecordRef[] = [];
    for (const { kind, id, stamp } of stamps) {
      stored.add(refKey(kind, id));
      if (engine.stampOf(kind, id) !== stamp) changed.push({ kind, id });
    }
    const gone = [...engine.stamps()].filter(({ kind, id }) => !stored.has(refKey(kind, id)));
    if (changed.length === 0 && gone.length === 0) return;

    const wasReady = open.state === 'ready';
    if (wasReady) setState(open, 'updating', 0, changed.length + gone.length);
    for (const { kind, id } of gone) engine.remove(kind, id);
    let done = gone.length;
    for (let at = 0; at < changed.length; at += batchSize) {
      const refs = changed.slice(at, at + batchSize);
      const records = await corpus.read(open.caseId, refs);
      ensureLive(open);
      const found = new Set<string>();
      for (const record of records) {
        const document = toSearchDocument(record);
        found.add(refKey(document.kind, document.id));
        engine.upsert(document);
      }
      // Deleted between the stamps and the read: not in the index either.
      for (const { kind, id } of refs) if (!found.has(refKey(kind, id))) engine.remove(kind, id);
      done += refs.length;
      if (wasReady) {
        open.done = done;
        emit(open);
      }
      if (at + batchSize < changed.length) {
        await yieldToEventLoop();
        ensureLive(open);
      }
    }
    if (wasReady) setState(open, 'ready');
    schedulePersist(open);
  }

  /** Syncs until nothing is dirty; concurrent callers share the running sync. */
  async function syncUntilClean(open: OpenCase): Promise<void> {
    for (;;) {
      if (open.syncing !== undefined) {
        await open.syncing;
        continue;
      }
      if (!open.dirty || open.closed || !open.complete) return;
      open.syncing = syncOnce(open).finally(() => {
        open.syncing = undefined;
      });
    }
  }

  // ------------------------------------------------------------------ opening

  async function loadSnapshot(open: OpenCase): Promise<SearchEngine | undefined> {
    let snapshot: StoredSearchSnapshot | undefined;
    try {
      snapshot = await store.load(open.caseId);
    } catch (error) {
      open.notice = `The saved search index could not be read (${messageOf(error)}); it was rebuilt from the case.`;
      return undefined;
    }
    if (snapshot === undefined) return undefined;
    const imported = engines.import(snapshot, open.caseId);
    if (imported.ok) return imported.value;
    open.notice = `The saved search index could not be used (${imported.error.message}); it was rebuilt from the case.`;
    return undefined;
  }

  /** Reads every record into the engine (attaching texts, re-indexing changed ones), then drops the rest. */
  async function readEverything(open: OpenCase, engine: SearchEngine): Promise<void> {
    const seen = new Set<string>();
    await corpus.readAll(
      open.caseId,
      async (records) => {
        ensureLive(open);
        for (const record of records) {
          const document = toSearchDocument(record);
          seen.add(refKey(document.kind, document.id));
          // Same stamp: the engine only attaches the text; otherwise it re-indexes.
          if (engine.stampOf(document.kind, document.id) !== document.stamp) open.needsSave = true;
          engine.upsert(document);
        }
        open.done = Math.min(open.total, open.done + records.length);
        emit(open);
        await yieldToEventLoop();
        ensureLive(open);
      },
      { batchSize },
    );
    for (const { kind, id } of [...engine.stamps()]) {
      if (seen.has(refKey(kind, id))) continue;
      engine.remove(kind, id);
      open.needsSave = true;
    }
  }

  /**
   * Lets the engine build, slice by slice between other work, what an imported index lacks (the
   * forward indexes phrases are checked in). Not awaited by opening: answers are exact meanwhile.
   */
  async function warm(open: OpenCase, engine: SearchEngine): Promise<void> {
    try {
      while (!open.closed && open.engine === engine && !engine.warm(WARM_SLICE_MS)) {
        await yieldToEventLoop();
      }
    } catch {
      // Phrases are then checked in the texts themselves: slower, still exact.
    }
  }

  function open(caseId: CaseId, useSnapshot: boolean): OpenCase {
    let markUsable!: () => void;
    const entry: OpenCase = {
      caseId,
      engine: undefined,
      state: 'loading',
      done: 0,
      total: 0,
      notice: undefined,
      error: undefined,
      complete: false,
      closed: false,
      usable: new Promise<void>((resolve) => (markUsable = resolve)),
      opened: Promise.resolve(),
      dirty: false,
      syncing: undefined,
      syncTimer: undefined,
      needsSave: false,
      saveTimer: undefined,
      saving: Promise.resolve(),
    };
    entry.opened = (async () => {
      try {
        emit(entry);
        const imported = useSnapshot ? await loadSnapshot(entry) : undefined;
        ensureLive(entry);
        const stamps = await corpus.stamps(caseId);
        ensureLive(entry);
        if (imported !== undefined) {
          entry.engine = imported;
          // Up to date before the first answer: what changed while the case was closed.
          entry.complete = true;
          entry.dirty = true;
          await syncUntilClean(entry);
          entry.complete = false;
          setState(entry, 'loading', 0, stamps.length);
        } else {
          entry.engine = engines.create();
          entry.needsSave = true;
          setState(entry, 'building', 0, stamps.length);
        }
        markUsable();
        await readEverything(entry, entry.engine);
        entry.complete = true;
        setState(entry, 'ready');
        if (entry.needsSave) schedulePersist(entry);
        // Changes announced while reading: catch up now rather than at the next query.
        if (entry.dirty) await syncUntilClean(entry);
        void warm(entry, entry.engine);
      } catch (error) {
        if (error instanceof Abandoned) return;
        entry.error = `The search index could not be opened: ${messageOf(error)}`;
        entry.complete = false;
        setState(entry, 'failed');
      } finally {
        markUsable();
      }
    })();
    return entry;
  }

  /** Closes the open case: persists what is pending (in the background) and stops its work. */
  function close(entry: OpenCase): void {
    if (entry.syncTimer !== undefined) clearTimeout(entry.syncTimer);
    entry.syncTimer = undefined;
    const pending = entry.needsSave && entry.complete ? persist(entry) : entry.saving;
    entry.closed = true;
    void pending;
  }

  /** The case's entry, opening it (and closing another) when needed; a failed one is retried. */
  function ensureOpen(caseId: CaseId): OpenCase {
    if (current !== undefined && current.caseId === caseId && current.state !== 'failed') {
      return current;
    }
    if (current !== undefined) close(current);
    current = open(caseId, true);
    return current;
  }

  return {
    async search(caseId, text, searchOptions) {
      const parsed = parseSearchQuery(text);
      if (!parsed.ok) return parsed;
      const invalid = validateOptions(searchOptions);
      if (invalid) return err(invalid.code, invalid.message);
      const entry = ensureOpen(caseId as CaseId);
      await entry.usable;
      try {
        await syncUntilClean(entry);
      } catch (error) {
        if (!(error instanceof Abandoned)) {
          entry.error = `The search index could not be updated: ${messageOf(error)}`;
          setState(entry, 'failed');
        }
      }
      const engine = entry.engine;
      if (entry.state === 'failed' || engine === undefined) {
        return err('search.index.failed', entry.error ?? 'The search index is not available.');
      }
      const started = clock();
      const result = engine.search(parsed.value, searchOptions);
      const tookMs = clock() - started;
      return ok({
        ...result,
        description: describeSearchQuery(parsed.value),
        warnings: parsed.value.warnings,
        complete: entry.complete,
        status: statusOf(entry),
        tookMs,
      });
    },

    prepare(caseId) {
      ensureOpen(caseId as CaseId);
    },

    invalidate(caseId) {
      const entry = current;
      // Another case's changes: it is read whole (and compared by stamps) when it opens.
      if (entry === undefined || entry.caseId !== caseId || entry.closed) return;
      entry.dirty = true;
      if (entry.syncTimer !== undefined) return;
      entry.syncTimer = setTimeout(() => {
        entry.syncTimer = undefined;
        syncUntilClean(entry).catch((error: unknown) => {
          if (error instanceof Abandoned) return;
          entry.error = `The search index could not be updated: ${messageOf(error)}`;
          setState(entry, 'failed');
        });
      }, syncDelay);
    },

    async rebuild(caseId) {
      const id = caseId as CaseId;
      if (current !== undefined) {
        const previous = current;
        if (previous.caseId === id) {
          // Its pending save would bring back what is being dropped.
          previous.needsSave = false;
          if (previous.saveTimer !== undefined) clearTimeout(previous.saveTimer);
          previous.saveTimer = undefined;
        }
        close(previous);
        await previous.saving;
      }
      try {
        await store.remove(id);
      } catch {
        // The fresh build below is saved over it anyway.
      }
      const entry = open(id, false);
      current = entry;
      await entry.opened;
      if (entry.state === 'failed') {
        return err('search.index.failed', entry.error ?? 'The search index could not be rebuilt.');
      }
      return ok(undefined);
    },

    async forget(caseId) {
      const entry = current;
      if (entry !== undefined && entry.caseId === caseId) {
        entry.needsSave = false;
        if (entry.saveTimer !== undefined) clearTimeout(entry.saveTimer);
        entry.saveTimer = undefined;
        close(entry);
        current = undefined;
        await entry.saving;
      }
      try {
        await store.remove(caseId as CaseId);
      } catch {
        // Derived data: at worst an orphaned snapshot stays until the next attempt.
      }
    },

    status(caseId) {
      if (current === undefined || (caseId !== undefined && current.caseId !== caseId)) {
        return undefined;
      }
      return statusOf(current);
    },

    async flush() {
      if (current === undefined) return;
      await current.opened;
      await persist(current);
    },

    async dispose() {
      const entry = current;
      current = undefined;
      if (entry === undefined) return;
      close(entry);
      await entry.saving;
    },
  };
}
