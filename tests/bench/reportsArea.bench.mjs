// The Reports area on the large case (tests/fixtures/reports/largeCase.ts: 1,000 claims, 500 paged
// sources, 600 entities, a narrative quoting 200 passages, one saved chart), in the web build:
// the report is built and rendered in the report worker, so the window must stay responsive.
// Printed: open the area → first preview shown; the longest main-thread task while it opens (chart
// drawing and gathering are on the UI thread, generation is not); "Save Word": click → file
// handed to the browser, with the longest main-thread task meanwhile and whether a progress bar
// was shown.
//
//   flock /tmp/cf-build.lock sh -c 'npm run build && node scripts/bench.mjs reportsArea'
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { runnerImport } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';
import { putRows } from './pageProbes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The budget for generating the large report in any format. */
const GENERATION_TARGET_MS = 10_000;
/** A task longer than this is a visible stall (a dropped frame or a late keystroke). */
const LONG_TASK_TARGET_MS = 200;
/** Rows per page.evaluate call while seeding (keeps each message small). */
const SEED_BATCH = 500;

/** In the page: the longest task from now on. */
function watchLongTasks() {
  window.__longestTask = 0;
  const since = performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= since) {
        window.__longestTask = Math.max(window.__longestTask, entry.duration);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
}

export default {
  name: 'Reports area, large case (web build, Chromium)',
  async run() {
    const { module: large } = await runnerImport(ROOT + 'tests/fixtures/reports/largeCase.ts');
    const { module: seed } = await runnerImport(ROOT + 'tests/e2e/reportSeed.ts');
    const input = large.largeReportInput();
    const tables = seed.reportCaseTables(input);

    const server = await serveWeb({ port: 5189 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}#/cases`);
      await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
      for (const [store, rows] of Object.entries(tables)) {
        for (let at = 0; at < rows.length; at += SEED_BATCH) {
          await page.evaluate(putRows, { store, rows: rows.slice(at, at + SEED_BATCH) });
        }
      }
      await page.goto(`${server.url}#/case/${input.case.id}/overview`);
      await page.reload();
      await page.getByRole('heading', { name: input.case.title, level: 1 }).waitFor();
      await page.waitForTimeout(500);

      await page.evaluate(watchLongTasks);
      const openedAt = await page.evaluate(() => performance.now());
      await page
        .getByRole('navigation', { name: 'Case areas' })
        .getByRole('link', { name: 'Reports' })
        .click();
      await page.waitForFunction(
        () =>
          (document.querySelector('iframe[title="Report preview"]')?.getAttribute('srcdoc') ?? '')
            .length > 0,
        undefined,
        { timeout: 120_000 },
      );
      const previewAt = await page.evaluate(() => performance.now());
      const openLongest = await page.evaluate(() => window.__longestTask);
      const counts = await page
        .getByRole('form', { name: 'Report options' })
        .locator('legend')
        .allTextContents();

      await page.evaluate(watchLongTasks);
      const download = page.waitForEvent('download', { timeout: 120_000 });
      const clickedAt = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Save Word' }).click();
      const sawProgress = await page
        .getByRole('progressbar', { name: 'Generating the Word report' })
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      const file = await download;
      const savedAt = await page.evaluate(() => performance.now());
      const saveLongest = await page.evaluate(() => window.__longestTask);
      const detail = counts.filter((c) => /\(/.test(c)).join(', ');
      return [
        {
          name: 'open Reports → first preview shown',
          value: previewAt - openedAt,
          unit: 'ms',
          target: GENERATION_TARGET_MS,
          better: 'lower',
          detail,
        },
        {
          name: 'longest main-thread task while opening',
          value: openLongest,
          unit: 'ms',
          target: LONG_TASK_TARGET_MS,
          better: 'lower',
        },
        {
          name: 'Save Word: click → file handed over',
          value: savedAt - clickedAt,
          unit: 'ms',
          target: GENERATION_TARGET_MS,
          better: 'lower',
          detail: `${file.suggestedFilename()}, progress bar ${sawProgress ? 'shown' : 'NOT shown'}`,
        },
        {
          name: 'longest main-thread task during Save Word',
          value: saveLongest,
          unit: 'ms',
          target: LONG_TASK_TARGET_MS,
          better: 'lower',
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
