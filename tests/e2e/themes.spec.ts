import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { SMALL_IDS, smallReportInput } from '../fixtures/reports/smallCase';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { ChartPage } from './pages/ChartPage';
import { ReportsPage } from './pages/ReportsPage';
import { reportCaseTables } from './reportSeed';
import { manyCases, seedCases, seedTables } from './seed';

const baseUrl = inject('baseUrl');
/**
 * Set SCREENSHOTS_DIR to keep a screenshot of every area in both themes, named
 * `<area>-<theme>.png` (scripts/screenshots.mjs writes docs/screenshots/ this way).
 */
const shotsDir = process.env.SCREENSHOTS_DIR;

const input = smallReportInput();
const caseId = input.case.id;
/** A case with no sources, which opens on the guided start. */
const EMPTY_CASE = { ...manyCases(1)[0]!, title: 'New investigation', summary: '' };

/** Each area, where it lives and what shows it has drawn. */
const AREAS: readonly {
  readonly name: string;
  readonly hash: string;
  readonly ready: (page: Page) => Promise<unknown>;
}[] = [
  {
    name: 'cases',
    hash: '#/cases',
    ready: (page) => page.getByText(input.case.title).first().waitFor(),
  },
  {
    name: 'overview',
    hash: `#/case/${caseId}/overview`,
    ready: (page) => page.getByRole('region', { name: 'Overview' }).waitFor(),
  },
  {
    name: 'sources',
    hash: `#/case/${caseId}/sources`,
    ready: (page) => page.getByRole('table').first().waitFor(),
  },
  {
    name: 'reader',
    hash: `#/case/${caseId}/sources/${SMALL_IDS.web}`,
    ready: (page) => page.locator('.cf-passage__card').first().waitFor(),
  },
  {
    name: 'entities',
    hash: `#/case/${caseId}/entities/${SMALL_IDS.mara}`,
    ready: (page) => page.getByRole('heading', { name: 'Mara', exact: false }).first().waitFor(),
  },
  {
    name: 'claims',
    hash: `#/case/${caseId}/claims/${SMALL_IDS.cLocated}`,
    ready: (page) => page.locator('.cf-claim-details').waitFor(),
  },
  {
    name: 'chart',
    hash: `#/case/${caseId}/chart/${SMALL_IDS.chart}`,
    ready: async (page) => {
      const chart = new ChartPage(page);
      await chart.canvas.waitFor();
      await chart.waitForLayout();
    },
  },
  {
    name: 'notebook',
    hash: `#/case/${caseId}/notes/${SMALL_IDS.note}`,
    ready: (page) => page.locator('[contenteditable="true"]').first().waitFor(),
  },
  {
    name: 'search',
    hash: `#/case/${caseId}/search?q=Mara`,
    // The first search may run while the index is still being built (it says so, with 0
    // results); reloading searches again over the finished index.
    ready: async (page) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const status = page.getByText(/\d+ results?/).first();
        await status.waitFor();
        if (!/\b0 results/.test((await status.textContent()) ?? '')) return;
        await page.reload();
      }
      throw new Error('The search found nothing after five tries.');
    },
  },
  {
    name: 'reports',
    hash: `#/case/${caseId}/reports`,
    ready: (page) => new ReportsPage(page).waitForPreview(input.case.title),
  },
  {
    name: 'guided-start',
    hash: `#/case/${EMPTY_CASE.id}/overview`,
    ready: (page) => page.getByRole('region', { name: 'Get started with this case' }).waitFor(),
  },
  {
    name: 'help',
    hash: '#/help',
    ready: (page) => page.getByRole('heading', { name: 'Help and keyboard shortcuts' }).waitFor(),
  },
];

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  // Let fonts and late layout settle so the picture shows what a person would see.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

function theme(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

/** The page background as the browser computed it. */
function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/**
 * The link chart's label and link colours as Cytoscape computed them (what the canvas draws
 * with), and whether its Cytoscape instance is still the one there was when `mark` was set. Read
 * through the registry Cytoscape (pinned 3.34.4) keeps on its container.
 */
function chartState(
  page: Page,
  mark = false,
): Promise<{ labelColour: string; edgeColour: string; sameInstance: boolean }> {
  return page.evaluate((setMark) => {
    type Styled = { style(name: string): string };
    type Cy = { nodes(selector: string): { first(): Styled }; edges(): { first(): Styled } };
    const container = document.querySelector<Element & { _cyreg?: { cy?: Cy } }>(
      '[data-testid="graph-canvas"] > div',
    );
    const cy = container?._cyreg?.cy;
    if (!cy) throw new Error('No chart on the page.');
    const held = window as Window & { chartUnderTest?: Cy };
    if (setMark) held.chartUnderTest = cy;
    return {
      labelColour: cy.nodes('[kind = "entity"]').first().style('color'),
      edgeColour: cy.edges().first().style('line-color'),
      sameInstance: cy === held.chartUnderTest,
    };
  }, mark);
}

describe('themes (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CaseListPage(page).goto(baseUrl);
    await seedTables(page, reportCaseTables(input));
    await seedCases(page, [EMPTY_CASE]);
    // The app read the (empty) database before the seed: start it again over the seeded one.
    await page.reload();
  });

  it('follows the OS setting, and the override wins and is remembered across a reload', async () => {
    const page = session.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${baseUrl}/#/cases`);
    await page.reload();
    await page.getByRole('combobox', { name: 'Theme' }).waitFor();
    expect(await theme(page)).toBe('dark');
    expect(await background(page)).toBe('rgb(20, 24, 30)');

    // The OS changes while the app is open.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(await background(page)).toBe('rgb(246, 247, 249)');

    // Override: Dark, though the OS says light; still dark after a reload, before the app runs.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    expect(await theme(page)).toBe('dark');
    await page.reload();
    expect(await theme(page)).toBe('dark');
    await page.getByRole('combobox', { name: 'Theme' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');

    // Back to System: the OS setting rules again.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    expect(await theme(page)).toBe('light');
  });

  it('uses the bundled font, from the app’s own origin', async () => {
    const page = session.page;
    await page.goto(`${baseUrl}/#/help`);
    await page.getByRole('heading', { name: 'Help and keyboard shortcuts' }).waitFor();
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('14px "Casefile Sans"');
    });
    expect(loaded).toBe(true);
  });

  it('restyles the link chart in the theme’s palette, without rebuilding it', async () => {
    const page = session.page;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${baseUrl}/#/case/${caseId}/chart/${SMALL_IDS.chart}`);
    const chart = new ChartPage(page);
    await page.locator('[data-testid="graph-canvas"][data-chart-theme="light"]').waitFor();
    await chart.waitForLayout();
    const nodes = await chart.canvas.getAttribute('data-node-count');
    // Light palette (src/graph/palette.ts): label #1b1f24, links #6b7480.
    expect(await chartState(page, true)).toEqual({
      labelColour: 'rgb(27,31,36)',
      edgeColour: 'rgb(107,116,128)',
      sameInstance: true,
    });

    try {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
      await page.locator('[data-testid="graph-canvas"][data-chart-theme="dark"]').waitFor();
      // Dark palette: label #e6eaf0, links #8b95a3; same Cytoscape, same elements.
      await expect
        .poll(() => chartState(page))
        .toEqual({
          labelColour: 'rgb(230,234,240)',
          edgeColour: 'rgb(139,149,163)',
          sameInstance: true,
        });
      expect(await chart.canvas.getAttribute('data-node-count')).toBe(nodes);
      await shot(page, 'chart-switched-dark');
    } finally {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    }
    await expect.poll(async () => (await chartState(page)).labelColour).toBe('rgb(27,31,36)');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders every area in the ${colorScheme} theme without errors`, async () => {
      const page = session.page;
      await page.emulateMedia({ colorScheme });
      await page.reload();
      for (const area of AREAS) {
        await page.goto(`${baseUrl}/${area.hash}`);
        await area.ready(page);
        expect(await theme(page)).toBe(colorScheme);
        await shot(page, `${area.name}-${colorScheme}`);
      }
    });
  }
});
