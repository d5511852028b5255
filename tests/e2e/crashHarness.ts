import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, watchPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';

/** A running app that a crash test can kill (SIGKILL) or quit, then start again. */
export interface CrashApp {
  readonly page: Page;
  kill(): Promise<void>;
  close(): Promise<void>;
  /** The app stayed on its own origin and logged no error. */
  expectClean(): void;
}

/**
 * Crash tests (issue 11): a Chromium we start ourselves, in its own process group, so a test can
 * SIGKILL every one of its processes (browser, renderer, storage service) at a chosen moment:
 * a real crash, not a polite `context.close()`. Playwright attaches over CDP.
 */
export class KillableBrowser implements CrashApp {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly watched: ReturnType<typeof watchPage>,
  ) {}

  /** Starts headless Chromium on `profileDir` and opens one page at `baseUrl`'s case list. */
  static async launch(profileDir: string, baseUrl: string): Promise<KillableBrowser> {
    const child = spawn(
      CHROMIUM_PATH,
      [
        ...CHROMIUM_ARGS,
        '--headless',
        `--user-data-dir=${profileDir}`,
        '--remote-debugging-port=0',
        'about:blank',
      ],
      // Its own process group: the kill reaches the wrapper script and every child process.
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium did not start within 30 s:\n${log.slice(-2000)}`)),
        30_000,
      );
      // Read stderr to the end: a full pipe would block Chromium.
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
          log = '';
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code}) before listening:\n${log.slice(-2000)}`));
      });
    });
    // Same machine: file choosers get paths, not megabytes of base64 over the socket.
    const browser = await chromium.connectOverCDP(endpoint, { isLocal: true });
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium started without its default (profile) context.');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1280, height: 860 });
    const watched = watchPage(page, baseUrl);
    await new CaseListPage(page).goto(baseUrl);
    return new KillableBrowser(child, exited, browser, context, page, watched);
  }

  /** SIGKILL to the whole process group: nothing gets to flush or say goodbye. */
  async kill(): Promise<void> {
    if (this.child.pid !== undefined && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await this.exited;
  }

  /** A normal quit (Browser.close over CDP), falling back to the kill if it hangs. */
  async close(): Promise<void> {
    try {
      const session = await this.browser.newBrowserCDPSession();
      await session.send('Browser.close');
    } catch {
      // The connection may close before the reply arrives.
    }
    const quit = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    if (!quit) await this.kill();
  }

  expectClean(): void {
    expect(this.watched.foreignRequests).toEqual([]);
    expect(this.watched.consoleErrors).toEqual([]);
  }
}

/** A profile directory kept across kills and relaunches; removed at the end. */
export function newProfileDir(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-crash-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Kill points per scenario: `CRASH_KILLS` (20 in `npm run test:soak`), 3 in `npm test`. */
export const CRASH_KILLS = Math.max(1, Number(process.env['CRASH_KILLS'] ?? 3) || 3);

/** The seed of this run's kill points: `CRASH_SEED` replays a run, else a fresh one. */
export const CRASH_SEED =
  process.env['CRASH_SEED'] !== undefined
    ? Number(process.env['CRASH_SEED'])
    : Math.floor(Math.random() * 2 ** 31);

/** mulberry32: small and seeded, so a printed seed replays the same kill points. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` offsets in [0, span) ms, one drawn in each of `count` equal slices, so even three kill
 * points land early, midway and late in the operation rather than bunched.
 */
export function spreadOffsets(random: () => number, count: number, span: number): number[] {
  const offsets = Array.from({ length: count }, (_, i) =>
    Math.round(((i + random()) / count) * span),
  );
  // Shuffled, so a run does not always go from early to late.
  for (let i = offsets.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [offsets[i], offsets[j]] = [offsets[j]!, offsets[i]!];
  }
  return offsets;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One line per kill point, so a run's output shows what was exercised. */
export function reportKill(scenario: string, index: number, point: string, outcome: string): void {
  console.log(`crash ${scenario} #${index + 1}: killed ${point} → ${outcome}`);
}

/** Primary keys of one case's rows, per table, read straight from IndexedDB. */
export type CaseRowKeys = Record<string, string[]>;

/** The keys of every row of `caseId` in each table (by its `caseId` index), sorted. */
export function caseRowKeys(
  page: Page,
  caseId: string,
  tables: readonly string[],
): Promise<CaseRowKeys> {
  return page.evaluate(
    ({ id, names }) =>
      new Promise<Record<string, string[]>>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...names, 'cases'], 'readonly');
          const keys: Record<string, string[]> = {};
          for (const name of names) {
            const request = tx.objectStore(name).index('caseId').getAllKeys(IDBKeyRange.only(id));
            request.onsuccess = () => {
              keys[name] = request.result.filter((key) => typeof key === 'string').sort();
            };
          }
          const caseRequest = tx.objectStore('cases').getKey(id);
          caseRequest.onsuccess = () => {
            keys['cases'] = caseRequest.result === undefined ? [] : [id];
          };
          tx.oncomplete = () => {
            db.close();
            resolve(keys);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    { id: caseId, names: [...tables] },
  );
}

/** The actions of a case's audit events, in chain order. */
export function auditActions(page: Page, caseId: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const request = db
            .transaction('audit')
            .objectStore('audit')
            .index('caseId')
            .getAll(IDBKeyRange.only(id));
          request.onsuccess = () => {
            db.close();
            const events = request.result as { seq: number; action: string }[];
            resolve(events.sort((a, b) => a.seq - b.seq).map((event) => event.action));
          };
          request.onerror = () => reject(new Error(String(request.error)));
        };
      }),
    caseId,
  );
}

/** Which of these SHA-256 keys have a row in `blobs` (originals are shared, not per case). */
export function presentBlobs(page: Page, hashes: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (wanted) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('blobs').objectStore('blobs').getAllKeys();
          request.onsuccess = () => {
            db.close();
            const stored = new Set(request.result.filter((key) => typeof key === 'string'));
            resolve(wanted.filter((hash) => stored.has(hash)).sort());
          };
          request.onerror = () => reject(new Error(String(request.error)));
        };
      }),
    [...hashes],
  );
}

/**
 * What the open dialog (or else the page's main heading) says at this instant, to name the phase
 * a kill lands in. Bounded: a busy page must not delay the kill by more than a moment.
 */
export async function shownNow(page: Page): Promise<string> {
  const sample = page
    .evaluate(() => {
      const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
      const heading = document.querySelector<HTMLElement>('h1');
      return (dialog ?? heading)?.innerText ?? '';
    })
    .catch(() => '');
  return Promise.race([sample, sleep(250).then(() => '')]);
}

/**
 * Path of the Electron binary under `repoRoot`, or null when it was never downloaded. Read from
 * path.txt: `require('electron')` would try to download a missing binary.
 */
export function electronBinary(repoRoot: string): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
