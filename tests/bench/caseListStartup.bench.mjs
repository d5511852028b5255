// Time from navigation to an interactive case list with 1,000 cases stored, in the web build.
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';
import { interactiveAt, markTableInteractive, putRows } from './pageProbes.mjs';

const CASES = 1000;
const RUNS = 9;

function aCaseRow(i) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: randomUUID(),
    title: `Case ${String(i).padStart(4, '0')}: ${['Lazarus SWIFT fraud', 'Phishing wave', 'Sanctions evasion', 'Crypto laundering'][i % 4]}`,
    summary:
      'Benchmark case with a summary long enough to wrap onto a second line in the case list view.',
    marking: ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:RED'][i % 4],
    status: 'open',
    createdAt: at,
    updatedAt: at,
  };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export default {
  name: 'case list start-up (web build)',
  async run() {
    const server = await serveWeb({ port: 5182 });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    try {
      const context = await browser.newContext();
      const setup = await context.newPage();
      await setup.goto(`${server.url}#/cases`);
      await setup.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
      await setup.evaluate(putRows, {
        store: 'cases',
        rows: Array.from({ length: CASES }, (_, i) => aCaseRow(i)),
      });
      await setup.close();
      await context.addInitScript(markTableInteractive, { label: 'Cases', rows: CASES });

      const samples = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const page = await context.newPage();
        await page.goto(`${server.url}#/cases`);
        const at = await interactiveAt(page);
        if (run > 0) samples.push(at); // run 0 warms the HTTP and code caches
        await page.close();
      }
      const sorted = samples.slice().sort((a, b) => a - b);
      return [
        {
          name: `navigation → interactive case list, ${CASES.toLocaleString('en')} cases stored, median of ${sorted.length}`,
          value: quantile(sorted, 0.5),
          unit: 'ms',
          target: 500,
          better: 'lower',
          detail: `p90 ${quantile(sorted, 0.9).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms`,
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
