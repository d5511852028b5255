import type { CaseId, SourceId } from '../../core';
import type { CasefileStorage } from '../../db';
import type { Extractor } from '../../ingest';

/** Why a source is searched: automatically after import, or because the investigator asked. */
export type ExtractionOrigin = 'import' | 'demand';

/** A source waiting for, or going through, extraction. */
export interface ExtractionJob {
  readonly caseId: CaseId;
  readonly sourceId: SourceId;
  readonly title: string;
  readonly origin: ExtractionOrigin;
  readonly state: 'queued' | 'running';
  /** Characters processed so far, of `totalChars` (0 until the text is loaded). */
  readonly doneChars: number;
  readonly totalChars: number;
}

/** What became of a source's last extraction. */
export type ExtractionOutcome =
  | {
      readonly status: 'done';
      /** Candidates the extractor found; `added` of them are new in the queue. */
      readonly found: number;
      readonly added: number;
      readonly skippedRejected: number;
    }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ExtractionSnapshot {
  /** The running job first, then the waiting ones in order. */
  readonly jobs: readonly ExtractionJob[];
  readonly outcomes: ReadonlyMap<SourceId, ExtractionOutcome>;
  /** Sources whose last extraction failed, oldest first, until dismissed or run again. */
  readonly failures: readonly ExtractionFailure[];
}

export interface ExtractionFailure {
  readonly caseId: CaseId;
  readonly sourceId: SourceId;
  readonly title: string;
  readonly message: string;
}

export interface SourceToExtract {
  readonly id: SourceId;
  readonly title: string;
}

/**
 * Runs extraction one source at a time, so background work never competes with itself or with
 * what the investigator asked for: sources queued after an import run in order; "Find
 * suggestions" on a source jumps the queue (a background job in progress is put back and resumes
 * after it). Results are stored with `suggestions.replaceForSource`.
 */
export interface ExtractionQueue {
  // Properties, not methods: React's useSyncExternalStore takes them unbound.
  readonly snapshot: () => ExtractionSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
  /** Called after each source's suggestions are stored (so views re-read). */
  readonly onStored: (listener: () => void) => () => void;
  /** Queues sources for automatic extraction (after import); ones already queued are left be. */
  enqueue(caseId: CaseId, sources: readonly SourceToExtract[]): void;
  /** Extracts this source next, on demand: ahead of anything queued. */
  runNow(caseId: CaseId, source: SourceToExtract): void;
  /** Cancels the source's job, waiting or running; nothing is stored for it. */
  cancel(sourceId: SourceId): void;
  /** Cancels every job of the case. */
  cancelCase(caseId: CaseId): void;
  /** Forgets the case's failures (the investigator has read them). */
  dismissFailures(caseId: CaseId): void;
  dispose(): void;
}

export type ExtractionStorage = Pick<CasefileStorage, 'sources' | 'entities' | 'suggestions'>;

export interface ExtractionQueueOptions {
  readonly storage: ExtractionStorage;
  readonly extractor: Extractor;
  /**
   * Sources whose original is larger than this are not searched automatically after import, only
   * on demand: a 50 MB text would keep the extractor busy for minutes the investigator did not
   * ask to spend.
   */
  readonly maxAutomaticBytes?: number;
  /** How often progress is passed on to views. */
  readonly progressIntervalMs?: number;
}

export const MAX_AUTOMATIC_EXTRACTION_BYTES = 10 * 1024 * 1024;

interface Job {
  caseId: CaseId;
  sourceId: SourceId;
  title: string;
  origin: ExtractionOrigin;
  state: 'queued' | 'running';
  doneChars: number;
  totalChars: number;
  cancelled: boolean;
  /** Set when a demand job takes over the extractor; the job goes back in the queue. */
  preempted: boolean;
}

const CANCELLED: ExtractionOutcome = { status: 'cancelled' };

export function createExtractionQueue(options: ExtractionQueueOptions): ExtractionQueue {
  const { storage, extractor } = options;
  const maxAutomaticBytes = options.maxAutomaticBytes ?? MAX_AUTOMATIC_EXTRACTION_BYTES;
  const progressIntervalMs = options.progressIntervalMs ?? 100;
  const jobs: Job[] = [];
  const outcomes = new Map<SourceId, ExtractionOutcome>();
  let failures: ExtractionFailure[] = [];
  const listeners = new Set<() => void>();
  const storedListeners = new Set<() => void>();
  let current: ExtractionSnapshot = { jobs: [], outcomes: new Map(), failures: [] };
  let pumping = false;
  let disposed = false;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;

  function emit() {
    if (progressTimer !== undefined) {
      clearTimeout(progressTimer);
      progressTimer = undefined;
    }
    const ordered = [
      ...jobs.filter((j) => j.state === 'running'),
      ...jobs.filter((j) => j.state === 'queued'),
    ];
    current = {
      jobs: ordered.map(({ caseId, sourceId, title, origin, state, doneChars, totalChars }) => ({
        caseId,
        sourceId,
        title,
        origin,
        state,
        doneChars,
        totalChars,
      })),
      outcomes: new Map(outcomes),
      failures,
    };
    for (const listener of [...listeners]) listener();
  }

  /** Progress arrives often; views hear of it a few times a second. */
  function emitSoon() {
    progressTimer ??= setTimeout(() => {
      progressTimer = undefined;
      emit();
    }, progressIntervalMs);
  }

  function finish(job: Job, outcome: ExtractionOutcome) {
    const at = jobs.indexOf(job);
    if (at >= 0) jobs.splice(at, 1);
    outcomes.set(job.sourceId, outcome);
    failures = failures.filter((f) => f.sourceId !== job.sourceId);
    if (outcome.status === 'failed') {
      const { caseId, sourceId, title } = job;
      failures = [...failures, { caseId, sourceId, title, message: outcome.message }];
    }
    emit();
  }

  async function run(job: Job): Promise<ExtractionOutcome> {
    const source = await storage.sources.get(job.sourceId);
    if (!source) return { status: 'skipped', reason: 'The source is no longer in the case.' };
    if (job.origin === 'import' && source.byteLength > maxAutomaticBytes) {
      return {
        status: 'skipped',
        reason: `Not searched automatically: the source is large (${(source.byteLength / 1024 / 1024).toFixed(0)} MB). Find suggestions runs in the background and can be cancelled.`,
      };
    }
    const content = await storage.sources.content(job.sourceId);
    if (job.cancelled || job.preempted) return CANCELLED;
    if (!content || content.text.trim() === '') {
      return { status: 'skipped', reason: 'This source has no text to search.' };
    }
    job.totalChars = content.text.length;
    const known = await storage.entities.known(job.caseId);
    if (job.cancelled || job.preempted) return CANCELLED;
    emit();
    const result = await extractor.extract({ text: content.text, known }, (progress) => {
      job.doneChars = progress.doneChars;
      job.totalChars = progress.totalChars;
      emitSoon();
    });
    // A cancel that arrived after the last chunk still means "store nothing".
    if (job.cancelled || job.preempted) return CANCELLED;
    if (!result.ok) {
      return result.error.code === 'extract.cancelled'
        ? CANCELLED
        : { status: 'failed', message: result.error.message };
    }
    const stored = await storage.suggestions.replaceForSource(job.sourceId, result.value);
    if (!stored.ok) return { status: 'failed', message: stored.error.message };
    for (const listener of [...storedListeners]) listener();
    return { status: 'done', found: result.value.length, ...stored.value };
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        const job = jobs.find((j) => j.state === 'queued');
        if (!job || disposed) break;
        job.state = 'running';
        job.doneChars = 0;
        emit();
        let outcome: ExtractionOutcome;
        try {
          outcome = await run(job);
        } catch (error) {
          outcome = {
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          };
        }
        if (job.preempted && !job.cancelled) {
          job.preempted = false;
          job.state = 'queued';
          job.doneChars = 0;
          emit();
        } else {
          finish(job, job.cancelled ? CANCELLED : outcome);
        }
        // Let the screen breathe between sources.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      pumping = false;
    }
  }

  function newJob(caseId: CaseId, source: SourceToExtract, origin: ExtractionOrigin): Job {
    return {
      caseId,
      sourceId: source.id,
      title: source.title,
      origin,
      state: 'queued',
      doneChars: 0,
      totalChars: 0,
      cancelled: false,
      preempted: false,
    };
  }

  function cancelJob(job: Job) {
    if (job.state === 'queued') {
      finish(job, CANCELLED);
      return;
    }
    job.cancelled = true;
    extractor.cancel();
  }

  return {
    snapshot: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onStored: (listener) => {
      storedListeners.add(listener);
      return () => void storedListeners.delete(listener);
    },
    enqueue(caseId, sources) {
      if (disposed) return;
      for (const source of sources) {
        if (jobs.some((j) => j.sourceId === source.id)) continue;
        jobs.push(newJob(caseId, source, 'import'));
      }
      emit();
      void pump();
    },
    runNow(caseId, source) {
      if (disposed) return;
      const existing = jobs.find((j) => j.sourceId === source.id);
      if (existing?.state === 'running' && !existing.cancelled) {
        existing.origin = 'demand';
        emit();
        return;
      }
      if (existing && existing.state === 'queued') jobs.splice(jobs.indexOf(existing), 1);
      jobs.unshift(newJob(caseId, source, 'demand'));
      const running = jobs.find((j) => j.state === 'running');
      if (running && running.origin === 'import' && !running.cancelled) {
        running.preempted = true;
        extractor.cancel();
      }
      emit();
      void pump();
    },
    cancel(sourceId) {
      const job = jobs.find((j) => j.sourceId === sourceId);
      if (job) cancelJob(job);
    },
    cancelCase(caseId) {
      for (const job of jobs.filter((j) => j.caseId === caseId)) cancelJob(job);
    },
    dismissFailures(caseId) {
      failures = failures.filter((f) => f.caseId !== caseId);
      emit();
    },
    dispose() {
      disposed = true;
      if (jobs.some((j) => j.state === 'running')) extractor.cancel();
      jobs.length = 0;
      listeners.clear();
      storedListeners.clear();
      if (progressTimer !== undefined) clearTimeout(progressTimer);
    },
  };
}

const queues = new WeakMap<object, WeakMap<object, ExtractionQueue>>();

/**
 * The one queue of this storage and extractor: it outlives the views that show it, so an
 * extraction started in the Sources area carries on when the investigator opens an entity.
 */
export function extractionQueueFor(
  storage: ExtractionStorage,
  extractor: Extractor,
): ExtractionQueue {
  let byExtractor = queues.get(storage);
  if (!byExtractor) {
    byExtractor = new WeakMap();
    queues.set(storage, byExtractor);
  }
  let queue = byExtractor.get(extractor);
  if (!queue) {
    queue = createExtractionQueue({ storage, extractor });
    byExtractor.set(extractor, queue);
  }
  return queue;
}
