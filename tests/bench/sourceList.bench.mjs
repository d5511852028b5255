// The source table with 10,000 sources: time to an interactive table, and frame times while
// scrolling through it. The issue asks for smooth scrolling without a number; the targets here
// are ours (open in under a second, 95% of frames under 50 ms on this 2-core machine).
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';
import { interactiveAt, markTableInteractive, putRows } from './pageProbes.mjs';

const SOURCES = 10_000;

function sourceRow(caseId, i) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    id: randomUUID(),
    caseId,
    createdAt: at,
    updatedAt: at,
    title: `Source ${String(i).padStart(5, '0')}: report on transfers through correspondent banks`,
    kind: ['html', 'pdf', 'docx', 'eml', 'text'][i % 5],
    sha256: randomUUID().replaceAll('-', '').padEnd(64, '0'),
    byteLength: 5000 + i,
    mediaType: 'text/html',
    provenance: {
      fileName: `source-${i}.html`,
      publishedAt: at.slice(0, 10),
      author: `Reporter ${i % 31}`,
    },
    reliability: 'ABCDEF'[i % 6],
    warnings: [],
  };
}

/** Scrolls the table 240 px per frame to the end and returns every frame's duration. */
function scrollThrough() {
  return new Promise((resolve) => {
    const scroller = document.querySelector('.cf-sources .cf-table-scroll');
    const frames = [];
    let last = performance.now();
    const step = (now) => {
      frames.push(now - last);
      last = now;
      scroller.scrollTop += 240;
      if (
        scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1 ||
        frames.length > 3000
      )
        resolve(frames.slice(1));
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export default {
  name: `source table with ${SOURCES.toLocaleString('en')} sources (web build)`,
  async run() {
    const server = await serveWeb({ port: 5184 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const setup = await context.newPage();
      await setup.goto(`${server.url}#/cases`);
      await setup.getByRole('button', { name: 'New case', exact: true }).click();
      await setup.getByRole('textbox', { name: 'Title' }).fill('Ten thousand sources');
      await setup.getByRole('button', { name: 'Create case' }).click();
      await setup.getByRole('navigation', { name: 'Case areas' }).waitFor();
      const caseId = new URL(setup.url()).hash.split('/')[2];
      await setup.evaluate(putRows, {
        store: 'sources',
        rows: Array.from({ length: SOURCES }, (_, i) => sourceRow(caseId, i)),
      });
      await setup.close();

      await context.addInitScript(markTableInteractive, { label: 'Sources', rows: SOURCES });
      const opens = [];
      let frames = [];
      for (let run = 0; run < 4; run += 1) {
        const page = await context.newPage();
        await page.goto(`${server.url}#/case/${caseId}/sources`);
        const at = await interactiveAt(page);
        if (run > 0) opens.push(at);
        if (run === 3) frames = await page.evaluate(scrollThrough);
        await page.close();
      }
      const sortedOpens = opens.sort((a, b) => a - b);
      const sortedFrames = frames.slice().sort((a, b) => a - b);
      return [
        {
          name: 'navigation → interactive source table, median of 3',
          value: quantile(sortedOpens, 0.5),
          unit: 'ms',
          target: 1000,
          better: 'lower',
        },
        {
          name: `frame time scrolling top to bottom, 95th percentile (${frames.length} frames)`,
          value: quantile(sortedFrames, 0.95),
          unit: 'ms',
          target: 50,
          better: 'lower',
          detail: `median ${quantile(sortedFrames, 0.5).toFixed(1)} ms, worst ${sortedFrames[sortedFrames.length - 1].toFixed(1)} ms`,
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
