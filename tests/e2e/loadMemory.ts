// Memory of a Chromium's renderer processes, sampled from /proc (Linux), the page's JS heap
// (CDP Performance.getMetrics) and each of its workers' JS heaps (CDP Runtime.getHeapUsage), for
// the load test's figures. Figures only: nothing is asserted.
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

const MiB = 1024 * 1024;

/** A process's /proc status field in bytes (VmRSS, VmHWM: peak RSS), or 0 when it is gone. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The renderer processes of the Chromium started on `profileDir` (its --user-data-dir): the
 * browser process is found by that flag, renderers are its descendants with --type=renderer.
 */
export function rendererPids(profileDir: string): number[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // Not Linux: no memory figures, the run itself goes on.
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    // stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = readOrEmpty(`/proc/${pid}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(pid, ppid);
    commands.set(pid, readOrEmpty(`/proc/${pid}/cmdline`).replaceAll('\0', ' '));
  }
  const browser = [...commands].find(
    ([, command]) =>
      command.includes(`--user-data-dir=${profileDir}`) && !command.includes('--type='),
  )?.[0];
  if (browser === undefined) return [];
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === browser) return true;
    }
    return false;
  };
  return [...commands]
    .filter(([pid, command]) => command.includes('--type=renderer') && descends(pid))
    .map(([pid]) => pid);
}

export interface StepMemory {
  readonly step: string;
  /** RSS of all renderers together when the step began: what earlier steps left in memory. */
  readonly startRendererRss: number;
  /** Highest sampled RSS of all renderers together during the step. */
  readonly peakRendererRss: number;
  /** Highest sampled RSS of one renderer (the app's: its workers are threads in it). */
  readonly peakLargestRendererRss: number;
  /** Highest sampled JS heap (used) of the page's main thread during the step. */
  readonly peakJsHeap: number;
  /** Highest sampled JS heap (used) of each worker during the step, by the worker's name. */
  readonly peakWorkerHeaps: ReadonlyMap<string, number>;
}

/** CDP Runtime.getHeapUsage's answer. */
interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
  readonly backingStorageSize: number;
}

export interface TimelineEntry {
  readonly seconds: number;
  readonly step: string;
  /** All renderers' RSS together. */
  readonly rendererRssMiB: number;
  /** Each renderer's RSS, by process id. */
  readonly processesMiB: Readonly<Record<string, number>>;
  /**
   * The latest heaps, `main` for the page's main thread, else a worker's name: used / committed
   * JS heap and ArrayBuffer backing stores, e.g. "used 93, heap 120, buffers 256".
   */
  readonly heapsMiB: Readonly<Record<string, string>>;
  readonly event?: string;
}

/** A worker of the page, reached through the page's CDP session (auto-attach, not flattened). */
interface WorkerTarget {
  readonly name: string;
  pending: boolean;
}

/**
 * Samples every ~250 ms: the renderers' RSS (summed) and the page's JS heap, attributed to the
 * current step; at the end, each renderer's own high-water mark (VmHWM), which catches a peak
 * between two samples.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private pids = new Set<number>();
  private session: CDPSession | undefined;
  private heapPending = false;
  private step = '';
  private readonly steps = new Map<
    string,
    {
      start: number;
      rss: number;
      largest: number;
      heap: number;
      workers: Map<string, number>;
    }
  >();
  private readonly highWater = new Map<number, number>();
  /** The largest one renderer's RSS at the last reading. */
  private largestRss = 0;
  private readonly workers = new Map<string, WorkerTarget>();
  private readonly replies = new Map<number, (usage: HeapUsage) => void>();
  private nextMessageId = 1;
  private startedAt = 0;
  /** The latest JS heaps: the page's main thread, then each worker by name. */
  private readonly latestHeaps = new Map<string, HeapUsage>();
  /** One line a second (and one per worker started or stopped), for finding where a peak is. */
  readonly timeline: TimelineEntry[] = [];

  constructor(private readonly profileDir: string) {}

  async start(page: Page): Promise<void> {
    this.session = await page.context().newCDPSession(page);
    await this.session.send('Performance.enable');
    // Dedicated workers run in the renderer process (their memory is in its RSS); their JS heaps
    // say which of them holds what. Not flattened, so this session reaches them with
    // Target.sendMessageToTarget.
    this.session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      if (targetInfo.type !== 'worker') return;
      const name = workerName(targetInfo);
      this.workers.set(sessionId, { name, pending: false });
      this.note(`${name} started`);
    });
    this.session.on('Target.detachedFromTarget', ({ sessionId }) => {
      const worker = sessionId ? this.workers.get(sessionId) : undefined;
      if (!sessionId || !worker) return;
      this.workers.delete(sessionId);
      this.latestHeaps.delete(worker.name);
      this.note(`${worker.name} stopped`);
    });
    this.session.on('Target.receivedMessageFromTarget', ({ message }) => {
      const reply = JSON.parse(message) as { id?: number; result?: Partial<HeapUsage> };
      const resolve = reply.id === undefined ? undefined : this.replies.get(reply.id);
      if (reply.id === undefined || !resolve) return;
      this.replies.delete(reply.id);
      resolve({
        usedSize: reply.result?.usedSize ?? 0,
        totalSize: reply.result?.totalSize ?? 0,
        backingStorageSize: reply.result?.backingStorageSize ?? 0,
      });
    });
    // LOAD_WORKER_HEAPS=0: no inspector sessions in the workers (to check they change nothing).
    if (process.env['LOAD_WORKER_HEAPS'] === '0') {
      this.startSampling();
      return;
    }
    await this.session
      .send('Target.setAutoAttach', {
        autoAttach: true,
        waitForDebuggerOnStart: false,
        flatten: false,
      })
      .catch(() => undefined);
    this.startSampling();
  }

  private startSampling(): void {
    let ticks = 0;
    this.startedAt = performance.now();
    this.refreshPids();
    this.timer = setInterval(() => {
      ticks += 1;
      if (ticks % 8 === 0) this.refreshPids();
      this.sample();
      if (ticks % 4 === 0) {
        this.session
          ?.send('Runtime.getHeapUsage')
          .then((usage) => this.latestHeaps.set('main', usage))
          .catch(() => undefined);
        this.note();
      }
    }, 250);
  }

  /** Adds a timeline line: the renderers' RSS and the latest JS heaps, with `event` if any. */
  private note(event?: string): void {
    const mib = (bytes: number) => Math.round(inMiB(bytes));
    const heaps: Record<string, string> = {};
    for (const [name, usage] of this.latestHeaps) {
      heaps[name] =
        `used ${mib(usage.usedSize)}, heap ${mib(usage.totalSize)}, ` +
        `buffers ${mib(usage.backingStorageSize)}`;
    }
    const processes: Record<string, number> = {};
    for (const pid of this.pids) processes[pid] = mib(statusBytes(pid, 'VmRSS'));
    this.timeline.push({
      seconds: Math.round((performance.now() - this.startedAt) / 100) / 10,
      step: this.step,
      rendererRssMiB: mib(this.rendererRss()),
      processesMiB: processes,
      heapsMiB: heaps,
      ...(event === undefined ? {} : { event }),
    });
  }

  /** Samples from now on count toward `step`. */
  begin(step: string): void {
    this.sample();
    this.step = step;
    const start = this.rendererRss();
    this.steps.set(
      step,
      this.steps.get(step) ?? {
        start,
        rss: start,
        largest: this.largestRss,
        heap: 0,
        workers: new Map<string, number>(),
      },
    );
    this.sample();
  }

  private refreshPids(): void {
    for (const pid of rendererPids(this.profileDir)) this.pids.add(pid);
  }

  /** RSS of the renderers together now; also raises each one's high-water mark. */
  private rendererRss(): number {
    let rss = 0;
    this.largestRss = 0;
    for (const pid of this.pids) {
      const own = statusBytes(pid, 'VmRSS');
      rss += own;
      this.largestRss = Math.max(this.largestRss, own);
      const peak = statusBytes(pid, 'VmHWM');
      if (peak > (this.highWater.get(pid) ?? 0)) this.highWater.set(pid, peak);
    }
    return rss;
  }

  private sample(): void {
    const current = this.steps.get(this.step);
    if (!current) return;
    current.rss = Math.max(current.rss, this.rendererRss());
    current.largest = Math.max(current.largest, this.largestRss);
    this.sampleWorkers(current.workers);
    if (this.heapPending || !this.session) return;
    this.heapPending = true;
    this.session
      .send('Performance.getMetrics')
      .then(({ metrics }) => {
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        current.heap = Math.max(current.heap, used);
      })
      .catch(() => undefined)
      .finally(() => {
        this.heapPending = false;
      });
  }

  /** Asks each worker for its JS heap (one question at a time per worker: a busy one answers late). */
  private sampleWorkers(peaks: Map<string, number>): void {
    const session = this.session;
    if (!session) return;
    for (const [sessionId, worker] of this.workers) {
      if (worker.pending) continue;
      worker.pending = true;
      const id = this.nextMessageId++;
      this.replies.set(id, (usage) => {
        worker.pending = false;
        peaks.set(worker.name, Math.max(peaks.get(worker.name) ?? 0, usage.usedSize));
        if (this.workers.has(sessionId)) this.latestHeaps.set(worker.name, usage);
      });
      session
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => {
          this.replies.delete(id);
          worker.pending = false;
        });
    }
  }

  /** Stops sampling; per step peaks and each renderer's high-water mark (highest first). */
  async stop(): Promise<{
    steps: StepMemory[];
    peakRendererHighWater: number;
    rendererHighWaters: number[];
  }> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    await this.session?.detach().catch(() => undefined);
    return {
      steps: [...this.steps].map(([step, peak]) => ({
        step,
        startRendererRss: peak.start,
        peakRendererRss: peak.rss,
        peakLargestRendererRss: peak.largest,
        peakJsHeap: peak.heap,
        peakWorkerHeaps: peak.workers,
      })),
      peakRendererHighWater: Math.max(0, ...this.highWater.values()),
      rendererHighWaters: [...this.highWater.values()].sort((a, b) => b - a),
    };
  }
}

/** A worker's name (`new Worker(url, { name })`), else the file its URL names. */
function workerName(info: { title: string; url: string }): string {
  const title = info.title.trim();
  if (title !== '' && title !== info.url) return title;
  return info.url.split('/').pop()?.split('?')[0] ?? 'worker';
}

export const inMiB = (bytes: number): number => bytes / MiB;
