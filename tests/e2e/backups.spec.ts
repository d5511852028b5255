import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { SourcesPage } from './pages/SourcesPage';
import { NEWS_ARTICLE } from './fixtures';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots';
const PDF_REPORT = join(resolve(import.meta.dirname, '../fixtures/ingest'), 'pdf/report.pdf');
mkdirSync(SHOTS, { recursive: true });

describe('local backups in the web build', () => {
  const session = useWatchedPage(baseUrl);

  it('backs up a case, and restores it after it changed', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Operation Harbour', { summary: 'As it was at the backup.' });
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([NEWS_ARTICLE.path]);
    await sources.closeReport();
    await sources.waitForCount(1);
    await new CaseWorkspacePage(page).backToCases();
    await cases.createCase('Northgate shell companies');
    await new CaseWorkspacePage(page).backToCases();

    // Reachable from the top bar.
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await page.getByText('No backups yet.').waitFor();
    await page.getByRole('button', { name: 'Back up all cases now' }).click();
    await page.getByText('Backed up 2 cases.').waitFor();
    const table = page.getByRole('table', { name: 'Backups' });
    expect(await table.getByRole('row').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/backups-list.png` });

    // A copy is saved as a .casefile bundle.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Save a copy of Operation Harbour/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^Operation Harbour backup \d{4}-\d\d-\d\d\.casefile$/,
    );
    await page.getByText(/opens only here/).waitFor();

    // The case changes after the backup: another source, and a new title.
    await cases.goto(baseUrl);
    await cases.open('Operation Harbour');
    await sources.openFromWorkspace();
    await sources.importFiles([PDF_REPORT]);
    await sources.closeReport();
    await sources.waitForCount(2);
    await cases.goto(baseUrl);
    await cases.rename('Operation Harbour', 'Operation Harbour (edited)');
    await cases.row('Operation Harbour (edited)').waitFor();

    // Reachable from the command palette too.
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Search commands' }).fill('Backups');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await page.getByRole('button', { name: /^Restore Operation Harbour/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Restore “Operation Harbour”?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('replaced by this backup');
    await page.screenshot({ path: `${SHOTS}/backups-restore-confirm.png` });
    await confirm.getByRole('button', { name: 'Replace the case' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText(/^Restored “Operation Harbour” as it was on/).waitFor();
    await page.screenshot({ path: `${SHOTS}/backups-restored.png` });

    await page.getByRole('button', { name: 'Open the case' }).click();
    const workspace = new CaseWorkspacePage(page);
    await workspace.heading.waitFor();
    expect(await workspace.heading.textContent()).toBe('Operation Harbour');
    await sources.openFromWorkspace();
    await sources.waitForCount(1);
    await sources.table.getByText(NEWS_ARTICLE.title).waitFor();
    await page.screenshot({ path: `${SHOTS}/backups-restored-sources.png` });
    const activity = await workspace.goToArea('Activity');
    await activity.getByText('backup.restored', { exact: false }).first().waitFor();
    await activity.getByText('Chain intact', { exact: false }).waitFor();
  });
});
