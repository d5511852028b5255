/**
 * Issue 11, storage faults: the case database is deleted while the app is closed (localStorage,
 * where the browser edition keeps its case registry, is kept). On reload the app must not show an
 * empty case list: it shows the recovery screen, and restoring from the latest backup brings the
 * case back.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { SourcesPage } from './pages/SourcesPage';
import { RECOVERY_HEADING as RECOVERY, waitForRegistered } from './registry';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

describe('a case database wiped while the app was closed', () => {
  const session = useWatchedPage(baseUrl);

  it('shows the recovery screen, and restores the case from its latest backup', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Operation Harbour');
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([NEWS_ARTICLE.path]);
    await sources.closeReport();
    await sources.waitForCount(1);
    await new CaseWorkspacePage(page).backToCases();
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('button', { name: 'Back up all cases now' }).click();
    await page.getByText('Backed up 1 case.').waitFor();
    await waitForRegistered(page, 'Operation Harbour', 1);

    // The case database goes (the app's connection steps aside on versionchange); localStorage stays.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('casefile');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(new Error(String(request.error)));
        }),
    );
    await page.goto(`${baseUrl}#/cases`);
    await page.reload();

    const screen = page.getByRole('main', { name: RECOVERY });
    await screen.waitFor();
    expect(await screen.textContent()).toContain('while Casefile was closed');
    const missing = page.getByRole('table', { name: 'Missing cases' });
    const row = missing.getByRole('row').filter({ hasText: 'Operation Harbour' });
    expect(await row.textContent()).toContain('1 source');
    await page.screenshot({ path: `${SHOTS}/recovery-wiped.png`, fullPage: true });

    await page.getByRole('button', { name: 'Restore all from the latest backups' }).click();
    await page.getByText('Every missing case is back.').waitFor();
    await page.screenshot({ path: `${SHOTS}/recovery-restored.png`, fullPage: true });
    await page.getByRole('button', { name: 'Open Casefile' }).click();

    await cases.row('Operation Harbour').waitFor();
    await cases.open('Operation Harbour');
    await sources.openFromWorkspace();
    await sources.waitForCount(1);

    // Restored and re-registered: the next start is a normal one.
    await page.reload();
    await page.getByRole('heading', { name: 'Operation Harbour' }).waitFor();
    expect(await page.getByRole('main', { name: RECOVERY }).count()).toBe(0);
  });

  it('"Start with an empty database" asks first, then opens the app and stops asking', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Never backed up');
    await new CaseWorkspacePage(page).backToCases();
    await waitForRegistered(page, 'Never backed up');
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase('casefile');
          request.onsuccess = () => resolve();
        }),
    );
    await page.reload();
    await page.getByRole('main', { name: RECOVERY }).waitFor();
    const row = page
      .getByRole('table', { name: 'Missing cases' })
      .getByRole('row')
      .filter({ hasText: 'Never backed up' });
    expect(await row.textContent()).toContain('No backup found');

    await page.getByRole('button', { name: 'Start with an empty database…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Start with an empty database?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Start with an empty database…' }).click();
    await confirm.getByRole('button', { name: 'Start empty' }).click();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

    await page.waitForFunction(
      () => !(localStorage.getItem('casefile.registry') ?? '').includes('Never backed up'),
    );
    await page.reload();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  });
});
