import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { ChartPage } from './pages/ChartPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { ClaimsPage } from './pages/ClaimsPage';
import { NotebookPage } from './pages/NotebookPage';
import { ReportsPage } from './pages/ReportsPage';
import { SearchPage } from './pages/SearchPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const SAMPLE_TITLE = 'Sample: the Kestrel Marine invoice fraud';
/** Set SAMPLE_SHOTS=<dir> to keep a screenshot of every area (to look at them). */
const shotsDir = process.env.SAMPLE_SHOTS;

async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: false });
}

async function goToArea(page: Page, label: string) {
  await page
    .getByRole('navigation', { name: 'Case areas' })
    .getByRole('link', { name: label })
    .click();
}

/** From a fresh profile's first screen into the sample case. */
async function openSample(page: Page) {
  await page.goto(`${baseUrl}/#/cases`);
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  await page.getByRole('button', { name: 'Open the sample case' }).click();
  await new CaseWorkspacePage(page).heading.filter({ hasText: SAMPLE_TITLE }).waitFor({
    timeout: 30_000,
  });
}

describe('the sample case', () => {
  const session = useWatchedPage(baseUrl);

  it('is offered on a fresh profile, opens through the bundle import, and every area renders', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${baseUrl}/#/cases`);
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
    await shot(page, '00-welcome');
    await openSample(page);
    await page.getByRole('region', { name: 'Overview' }).waitFor();
    await shot(page, '01-overview');

    // Sources: eight of them, each opening in the reader with its text.
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.waitForCount(8);
    await shot(page, '02-sources');
    const titles = await sources.table.getByRole('rowheader').getByRole('button').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(7);
    for (const [index, title] of titles.entries()) {
      const reader = await sources.open(title);
      await reader.text.waitFor();
      expect((await reader.text.textContent())?.length).toBeGreaterThan(100);
      await page.getByRole('tab', { name: 'Passages' }).click();
      await shot(page, `03-reader-${index}`);
      await reader.back();
      await sources.table.waitFor();
    }

    await goToArea(page, 'Entities');
    await page.getByText('Halden Bay Trading').first().waitFor();
    await shot(page, '04-entities');

    const claims = new ClaimsPage(page);
    await claims.openFromWorkspace();
    await claims.table.waitFor();
    await shot(page, '05-claims');
    const disputed = await claims.open(
      'Mara Lindqvist verified bank change with Kestrel Marine Services Ltd',
    );
    expect(await disputed.getByRole('combobox', { name: 'Claim status' }).inputValue()).toBe(
      'disputed',
    );
    await shot(page, '05-claim-disputed');

    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.waitForLayout();
    await page.getByRole('region', { name: 'Timeline panel' }).waitFor();
    await shot(page, '06-chart');

    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.note('Draft: how the money left Northgate').click();
    await notebook.editor.getByText('What is disputed').waitFor();
    await shot(page, '07-notebook');

    await goToArea(page, 'Activity');
    await page.getByText('bundle.imported').first().waitFor();
    await shot(page, '08-activity');

    const search = new SearchPage(page);
    await search.openFromWorkspace();
    await search.field.fill('QuayLogger');
    await search.field.press('Enter');
    await search.group('Sources').waitFor({ timeout: 30_000 });
    await shot(page, '09-search');

    const reports = new ReportsPage(page);
    await reports.openFromWorkspace();
    await reports.waitForPreview('Mara Lindqvist verified bank change with');
    await shot(page, '10-reports');
  });

  it('offers it from the command palette, and refuses a second copy by offering the first', async () => {
    const page = session.page;
    await openSample(page);
    await page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('button', { name: '← All cases' })
      .click();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search commands' }).fill('sample case');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Open the sample case' });
    await dialog.getByText('is already in your cases').waitFor();
    await dialog.getByRole('button', { name: 'Open it' }).click();
    await new CaseWorkspacePage(page).heading.filter({ hasText: SAMPLE_TITLE }).waitFor();
    await goToArea(page, 'Activity');
    // One import only: the second attempt wrote nothing.
    await page.getByText('bundle.imported').first().waitFor();
    expect(await page.getByText('bundle.imported').count()).toBe(1);
  });
});
