// Memory of a Chromium's renderer processes, sampled from /proc (Linux), and the page's JS heap
// (CDP Performance.getMetrics), for the load test's figures. Figures only: nothing is asserted.
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
  /** Highest sampled JS heap (used) of the page's main thread during the step. */
  readonly peakJsHeap: number;
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
  private readonly steps = new Map<string, { start: number; rss: number; heap: number }>();
  private readonly highWater = new Map<number, number>();

  constructor(private readonly profileDir: string) {}

  async start(page: Page): Promise<void> {
    this.session = await page.context().newCDPSession(page);
    await this.session.send('Performance.enable');
    let ticks = 0;
    this.refreshPids();
    this.timer = setInterval(() => {
      ticks += 1;
      if (ticks % 8 === 0) this.refreshPids();
      this.sample();
    }, 250);
  }

  /** Samples from now on count toward `step`. */
  begin(step: string): void {
    this.sample();
    this.step = step;
    const start = this.rendererRss();
    this.steps.set(step, this.steps.get(step) ?? { start, rss: start, heap: 0 });
    this.sample();
  }

  private refreshPids(): void {
    for (const pid of rendererPids(this.profileDir)) this.pids.add(pid);
  }

  /** RSS of the renderers together now; also raises each one's high-water mark. */
  private rendererRss(): number {
    let rss = 0;
    for (const pid of this.pids) {
      rss += statusBytes(pid, 'VmRSS');
      const peak = statusBytes(pid, 'VmHWM');
      if (peak > (this.highWater.get(pid) ?? 0)) this.highWater.set(pid, peak);
    }
    return rss;
  }

  private sample(): void {
    const current = this.steps.get(this.step);
    if (!current) return;
    current.rss = Math.max(current.rss, this.rendererRss());
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
        peakJsHeap: peak.heap,
      })),
      peakRendererHighWater: Math.max(0, ...this.highWater.values()),
      rendererHighWaters: [...this.highWater.values()].sort((a, b) => b - a),
    };
  }
}

export const inMiB = (bytes: number): number => bytes / MiB;
