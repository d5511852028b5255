/**
 * Issue 11, storage faults: the IndexedDB files are corrupted while the browser is closed (a
 * persistent profile; every file of the origin's IndexedDB LevelDB overwritten with garbage). That
 * takes the case database AND the backups database with it. On relaunch at the same origin the app
 * must notice (against the registry in localStorage), offer recovery, and restore from the backup
 * files it also kept in the Origin Private File System. Never an empty app.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PersistentProfile } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { RECOVERY_HEADING, waitForRegistered } from './registry';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

/** Overwrites every file of every IndexedDB LevelDB in the profile with random bytes; returns how many. */
function corruptIndexedDb(profileDir: string): number {
  const root = join(profileDir, 'Default', 'IndexedDB');
  let overwritten = 0;
  for (const folder of readdirSync(root).filter((name) => name.endsWith('.leveldb'))) {
    for (const file of readdirSync(join(root, folder))) {
      const path = join(root, folder, file);
      if (!statSync(path).isFile() || file === 'LOCK') continue;
      writeFileSync(path, randomBytes(Math.max(64, statSync(path).size)));
      overwritten += 1;
    }
  }
  return overwritten;
}

describe('a case database corrupted while the browser was closed', () => {
  const profile = new PersistentProfile();
  afterAll(() => profile.remove());

  it('is detected at the next start and restored from the backup files', async () => {
    let context = await profile.launch();
    let page = context.pages()[0] ?? (await context.newPage());
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Operation Harbour', { summary: 'Kept through a corrupted disk.' });
    await new CaseWorkspacePage(page).backToCases();
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('button', { name: 'Back up all cases now' }).click();
    await page.getByText('Backed up 1 case.').waitFor();
    await waitForRegistered(page, 'Operation Harbour');
    await context.close();

    expect(corruptIndexedDb(profile.dir)).toBeGreaterThan(0);

    context = await profile.launch();
    page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}#/cases`);
    const screen = page.getByRole('main', { name: RECOVERY_HEADING });
    await screen.waitFor();
    // Never the empty case list.
    expect(await page.getByRole('heading', { name: 'No cases yet' }).count()).toBe(0);
    const row = page
      .getByRole('table', { name: 'Missing cases' })
      .getByRole('row')
      .filter({ hasText: 'Operation Harbour' });
    await row.waitFor();
    await page.screenshot({ path: `${SHOTS}/recovery-corrupt.png`, fullPage: true });

    await page.getByRole('button', { name: 'Restore all from the latest backups' }).click();
    const replace = page.getByRole('alertdialog', { name: 'Replace the damaged database?' });
    // Only when the browser could not open the damaged database at all is it replaced on confirm.
    if (await replace.isVisible()) await replace.getByRole('button', { name: /Replace/ }).click();
    await page.getByText('Every missing case is back.').waitFor();
    await page.getByRole('button', { name: 'Open Casefile' }).click();
    await new CaseListPage(page).row('Operation Harbour').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
