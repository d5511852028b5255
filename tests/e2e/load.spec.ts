// Load (issue 11, deliver 6): a generated case of 10,000 sources, 50,000 passages, 5,000
// entities and 20,000 claims (LOAD_SCALE=1; `npm test` runs LOAD_SCALE=0.1) opens, searches,
// charts a 2,000-node view and exports a bundle without console errors. Time per step and peak
// renderer memory are printed (and written to LOAD_FIGURES_FILE as bench figures), never asserted.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { caseJsonSchema, checkCaseReferences, readBundle } from '../../src/core/bundle/bundle';
import { PersistentProfile, watchPage } from './browser';
import { asCaseJson, generateLoadCase, seedLoadCase, type LoadCase } from './loadCase';
import { inMiB, MemorySampler } from './loadMemory';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { ChartPage } from './pages/ChartPage';
import { SearchPage } from './pages/SearchPage';
import { SourcesPage } from './pages/SourcesPage';
import { storedRows } from './seed';

const baseUrl = inject('baseUrl');
const SCALE = Number(process.env['LOAD_SCALE'] ?? '0.1');
const FIGURES_FILE = process.env['LOAD_FIGURES_FILE'];
/** Where to write the memory timeline (one line a second), to find where a peak is. */
const TIMELINE_FILE = process.env['LOAD_MEMORY_TIMELINE'];
const TITLE = 'Load case';
const PASSPHRASE = 'load test bundle passphrase';
/** The issue's target for the renderer's peak memory. */
const RENDERER_TARGET_MIB = 1536;
/** Playwright waits (a step at full size on a loaded 2-core machine can take minutes). */
const STEP_TIMEOUT = Math.max(60_000, Math.round(900_000 * SCALE));

if (!Number.isFinite(SCALE) || SCALE <= 0 || SCALE > 2) {
  throw new Error(`LOAD_SCALE must be a number above 0 and at most 2, not "${SCALE}".`);
}

/** A figure as scripts/bench.mjs prints it. */
interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
  readonly better: 'lower' | 'higher';
  readonly detail?: string;
}

const n = (value: number) => value.toLocaleString('en');

/** "; workers' JS heaps up to: casefile-search 400 MiB, …" (empty without workers). */
const workerHeaps = (peaks: ReadonlyMap<string, number>): string =>
  peaks.size === 0
    ? ''
    : `; workers' JS heaps up to: ${[...peaks]
        .map(([name, bytes]) => `${name} ${inMiB(bytes).toFixed(0)} MiB`)
        .join(', ')}`;

/** Browsers still open: closed after the test even when a step fails. */
const openContexts = new Set<BrowserContext>();

/** The app in a fresh browser on `profile`, with console errors and foreign requests recorded. */
async function openBrowser(profile: PersistentProfile) {
  const context: BrowserContext = await profile.launch();
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page: Page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1400, height: 900 });
  return { context, page, watched: watchPage(page, baseUrl) };
}

describe('a generated large case (load)', () => {
  it(
    'opens, searches, charts a large view and exports a bundle without errors',
    { timeout: Math.max(300_000, Math.round(3_600_000 * SCALE)) },
    async () => {
      const profile = new PersistentProfile();
      const downloads = mkdtempSync(join(tmpdir(), 'casefile-load-'));
      const seconds: [string, number][] = [];
      let started = performance.now();
      const timed = (step: string) => {
        const now = performance.now();
        seconds.push([step, (now - started) / 1000]);
        started = now;
      };
      let memory: MemorySampler | undefined;
      let finished = false;
      try {
        // ---- Seed: create the case in the app, generate its records, write them in.
        const seeding = await openBrowser(profile);
        const seedMemory = new MemorySampler(profile.dir);
        await seedMemory.start(seeding.page);
        const cases = new CaseListPage(seeding.page);
        await cases.goto(baseUrl);
        await cases.createCase(TITLE, { marking: 'TLP:AMBER' });
        await seeding.page.waitForURL(/#\/case\/[0-9a-f-]{36}/);
        const caseId = /#\/case\/([0-9a-f-]{36})/.exec(seeding.page.url())?.[1] ?? '';
        started = performance.now();
        const load: LoadCase = generateLoadCase(caseId, SCALE);
        const [caseRow] = await storedRows<Record<string, unknown>>(seeding.page, 'cases');
        // The generator's rows must be valid records: core's bundle schema and reference checks.
        const caseJson = asCaseJson(load, caseRow as never);
        const parsed = caseJsonSchema.safeParse(caseJson);
        expect(parsed.success, parsed.error?.message).toBe(true);
        expect(checkCaseReferences(caseJson)).toEqual({ ok: true, value: undefined });
        timed('generate (Node)');
        seedMemory.begin('load into IndexedDB');
        await seedLoadCase(seeding.page, load);
        timed('load into IndexedDB');
        const seedFigures = await seedMemory.stop();
        expect(seeding.watched.consoleErrors).toEqual([]);
        await seeding.context.close();

        // ---- The app, in a fresh browser on the same profile (its own renderer from here on).
        const { context, page, watched } = await openBrowser(profile);
        memory = new MemorySampler(profile.dir);
        const noErrorsAfter = (step: string) =>
          expect(watched.consoleErrors, `console errors by the end of "${step}"`).toEqual([]);
        await page.goto('about:blank');
        await memory.start(page);
        started = performance.now();

        memory.begin('open case');
        await new CaseListPage(page).goto(baseUrl);
        await new CaseListPage(page).open(TITLE);
        await page.getByRole('region', { name: 'Overview' }).waitFor();
        timed('open case (overview)');
        const sources = new SourcesPage(page);
        await sources.openFromWorkspace();
        await sources.waitForCount(load.size.sources);
        await sources.table.getByRole('row').nth(1).waitFor();
        timed('sources list');
        noErrorsAfter('open case');

        memory.begin('search');
        const search = new SearchPage(page);
        await search.openFromWorkspace();
        await search.search(load.searchWords);
        timed('search: first answer');
        // The index is built on first use; then the answer covers the whole case.
        await page.waitForFunction(
          () =>
            !/index/i.test(
              document.querySelector('.cf-search-area__status')?.textContent ?? 'index',
            ),
          undefined,
          { timeout: STEP_TIMEOUT, polling: 250 },
        );
        timed('search: index built');
        await search.search(`"${load.searchName}"`);
        await expect
          .poll(() => search.description.textContent())
          .toContain(load.searchName.toLowerCase());
        await page.locator('[data-search-hit]').first().waitFor();
        const answered = (await search.description.textContent()) ?? '';
        timed('search: phrase answered');
        expect(answered).toMatch(/· [1-9][\d,]* results?/);
        noErrorsAfter('search');

        memory.begin('chart');
        const chart = new ChartPage(page);
        await chart.openFromWorkspace();
        if (!page.url().includes(load.chart.id)) {
          await page.goto(`${baseUrl}#/case/${caseId}/chart/${load.chart.id}`);
        }
        await page
          .locator(`[data-testid="graph-canvas"][data-node-count="${load.size.chartNodes}"]`)
          .waitFor();
        await page.waitForFunction(
          () =>
            ['done', 'idle', 'cancelled'].includes(
              document
                .querySelector('[data-testid="graph-canvas"]')
                ?.getAttribute('data-layout-phase') ?? '',
            ),
          undefined,
          { timeout: STEP_TIMEOUT, polling: 250 },
        );
        const links = Number(await chart.canvas.getAttribute('data-edge-count'));
        timed('chart: drawn and laid out');
        expect(links).toBeGreaterThan(0);
        noErrorsAfter('chart');

        memory.begin('export');
        await new CaseWorkspacePage(page).goToArea('Overview');
        const dialog = page.getByRole('dialog', { name: 'Export encrypted bundle' });
        await page
          .getByRole('region', { name: 'Overview' })
          .getByRole('button', { name: 'Export encrypted bundle…' })
          .click();
        await dialog.getByLabel('Anyone with a passphrase').check();
        await dialog.getByLabel('Bundle passphrase', { exact: true }).fill(PASSPHRASE);
        await dialog.getByLabel('Bundle passphrase (again)').fill(PASSPHRASE);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('button', { name: 'Export bundle' }).click(),
        ]);
        const bundlePath = join(downloads, 'load.casefile');
        await download.saveAs(bundlePath);
        await dialog.getByText(/^Saved as/).waitFor();
        timed('export bundle');
        noErrorsAfter('export');
        const peaks = await memory.stop();
        expect(watched.foreignRequests).toEqual([]);
        await context.close();

        // ---- The bundle holds the whole case (read back with core, outside the browser).
        const bytes = new Uint8Array(readFileSync(bundlePath));
        const read = await readBundle(
          bytes,
          { passphrase: PASSPHRASE },
          { sha256Hex: (b) => Promise.resolve(createHash('sha256').update(b).digest('hex')) },
        );
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value.caseData.sources).toHaveLength(load.size.sources);
        expect(read.value.caseData.passages).toHaveLength(load.size.passages);
        expect(read.value.caseData.entities).toHaveLength(load.size.entities);
        expect(read.value.caseData.claims).toHaveLength(load.size.claims);
        expect(read.value.originals.size).toBe(load.size.sources);
        timed('read the bundle back (Node)');

        // ---- Figures.
        const figures: Figure[] = [
          ...seconds.map(([step, value]) => ({
            name: `time: ${step}`,
            value,
            unit: 's',
            better: 'lower' as const,
          })),
          ...peaks.steps.map((step) => ({
            name: `${step.step}: peak RSS of the renderers (sampled every 250 ms)`,
            value: inMiB(step.peakRendererRss),
            unit: 'MiB',
            better: 'lower' as const,
            detail:
              `${inMiB(step.startRendererRss).toFixed(0)} MiB when the step began; ` +
              `the largest one renderer (the app's) up to ${inMiB(step.peakLargestRendererRss).toFixed(0)} MiB; ` +
              `JS heap of the page's main thread up to ${inMiB(step.peakJsHeap).toFixed(0)} MiB` +
              workerHeaps(step.peakWorkerHeaps),
          })),
          {
            name: 'peak renderer memory (highest VmHWM of a renderer, open → export)',
            value: inMiB(peaks.peakRendererHighWater),
            unit: 'MiB',
            target: RENDERER_TARGET_MIB,
            better: 'lower',
            detail: `renderers' own peaks: ${peaks.rendererHighWaters.map((b) => inMiB(b).toFixed(0)).join(', ')} MiB; the search, layout and bundle workers run inside the app's`,
          },
          {
            name: 'peak renderer memory while loading the generated rows (not the app)',
            value: inMiB(seedFigures.peakRendererHighWater),
            unit: 'MiB',
            better: 'lower',
          },
          { name: 'bundle size', value: inMiB(bytes.length), unit: 'MiB', better: 'lower' },
        ];
        const heading =
          `Load case at scale ${SCALE}: ${n(load.size.sources)} sources, ` +
          `${n(load.size.passages)} passages, ${n(load.size.entities)} entities, ` +
          `${n(load.size.claims)} claims; chart of ${n(load.size.chartNodes)} nodes + ${n(links)} links`;
        console.log(
          [
            heading,
            ...figures.map(
              (f) =>
                `load: ${f.name}: ${f.value.toFixed(1)} ${f.unit}` +
                (f.detail ? `  (${f.detail})` : '') +
                (f.target
                  ? `  target < ${f.target} ${f.unit}: ${f.value < f.target ? 'within target' : 'MISSES TARGET'}`
                  : ''),
            ),
          ].join('\n'),
        );
        if (FIGURES_FILE)
          writeFileSync(FIGURES_FILE, JSON.stringify({ heading, figures }, null, 2));
        if (TIMELINE_FILE) writeFileSync(TIMELINE_FILE, JSON.stringify(memory.timeline, null, 1));
        finished = true;
      } finally {
        if (!finished) {
          // A failed run is a finding: say how far it got and what memory it had reached.
          const peaks = await memory?.stop();
          const done = seconds.map(([step, value]) => `${step} ${value.toFixed(1)} s`);
          console.log(
            [
              `Load run at scale ${SCALE} stopped; steps done: ${done.join(', ') || 'none'}`,
              ...(peaks?.steps ?? []).map(
                (step) =>
                  `load: ${step.step}: peak renderer RSS ${inMiB(step.peakRendererRss).toFixed(0)} MiB, ` +
                  `JS heap ${inMiB(step.peakJsHeap).toFixed(0)} MiB` +
                  workerHeaps(step.peakWorkerHeaps),
              ),
            ].join('\n'),
          );
        }
        for (const context of openContexts) await context.close().catch(() => undefined);
        profile.remove();
        rmSync(downloads, { recursive: true, force: true });
      }
    },
  );
});
