import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  decryptIdentityFile,
  generateIdentity,
  publicCardText,
} from '../../src/core/identity/identity';
import { launchChromium, watchPage } from './browser';
import { ExportBundlePage, ImportBundlePage, KeysPage } from './pages/BundlesPages';
import { CaseListPage } from './pages/CaseListPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'casefile-bundles-'));
const shots = process.env['CASEFILE_SHOTS'] ?? '/tmp';
const MY_PASSPHRASE = 'harbour lantern seventeen';
const FILE_PASSPHRASE = 'identity file passphrase';
const BUNDLE_PASSPHRASE = 'shared bundle passphrase';

/** A command line tool's output; fails the test with its stderr. */
function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, [...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

async function saveDownload(
  download: { path(): Promise<string>; suggestedFilename(): string },
  as?: string,
) {
  const path = join(dir, as ?? download.suggestedFilename());
  writeFileSync(path, readFileSync(await download.path()));
  return path;
}

describe('sharing a case as an encrypted bundle (web build)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  /** A fresh profile (its own IndexedDB): another analyst's computer. */
  async function aComputer(): Promise<{
    page: Page;
    check: () => void;
    close: () => Promise<void>;
  }> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    const watched = watchPage(page, baseUrl);
    await new CaseListPage(page).goto(baseUrl);
    return {
      page,
      check: () => {
        expect(watched.foreignRequests).toEqual([]);
        expect(watched.consoleErrors).toEqual([]);
      },
      close: () => context.close(),
    };
  }

  // Three scrypt derivations at work factor 18 and two browser profiles: slower than most specs.
  it(
    'exports to me and a colleague, opens with age, and imports on another computer',
    { timeout: 180_000 },
    async () => {
      const colleague = await generateIdentity('A. Haddad');
      if (!colleague.ok) throw new Error(colleague.error.message);
      const memo = join(dir, 'port-memo.txt');
      const log = join(dir, 'customs-log.txt');
      writeFileSync(memo, 'The ship Aurora docked at pier 4 on 3 March.\n');
      writeFileSync(log, 'Aurora declared machine parts; the manifest listed none.\n');

      // ---- My computer: a case with two sources, my identity, a colleague.
      const mine = await aComputer();
      const page = mine.page;
      const cases = new CaseListPage(page);
      await cases.createCase('Harbour Street', { marking: 'TLP:AMBER' });
      const sources = new SourcesPage(page);
      await sources.openFromWorkspace();
      await sources.importFiles([memo, log]);
      await sources.closeReport();

      const keys = new KeysPage(page);
      await keys.open();
      await page.screenshot({ path: join(shots, 'bundles-keys-empty.png') });
      await page.getByRole('button', { name: 'Create my identity…' }).click();
      await keys.dialog('Create my identity').getByLabel('Name').fill('R. Okafor');
      await page.screenshot({ path: join(shots, 'bundles-create-identity.png') });
      await keys.dialog('Create my identity').getByRole('button', { name: 'Cancel' }).click();
      await keys.createIdentity('R. Okafor', MY_PASSPHRASE);
      const myRecipient = (await keys.recipient.textContent()) ?? '';
      expect(myRecipient).toMatch(/^age1[0-9a-z]{58}$/);
      expect(await keys.fingerprint.textContent()).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);

      await keys.addColleague(publicCardText(colleague.value.identity));
      await page.getByRole('button', { name: 'Verify A. Haddad' }).click();
      const verify = keys.dialog('Verify A. Haddad');
      await expect
        .poll(() => verify.getByLabel('A. Haddad’s fingerprint').textContent())
        .toBe(colleague.value.identity.fingerprint);
      await page.screenshot({ path: join(shots, 'bundles-verify.png') });
      await verify.getByRole('button', { name: 'They match: mark verified' }).click();
      await page.getByText('✓ Verified').waitFor();
      await page.screenshot({ path: join(shots, 'bundles-keys.png') });

      const identityFile = await saveDownload(await keys.exportIdentityFile(FILE_PASSPHRASE));
      expect(identityFile).toMatch(/R\. Okafor\.casefile-identity$/);

      // ---- Export to me + the colleague, signed (unlocked since I created the identity).
      await cases.goto(baseUrl);
      await cases.open('Harbour Street');
      const exporter = new ExportBundlePage(page);
      await exporter.openFromOverview();
      await exporter.dialog.getByLabel(/A\. Haddad/).check();
      await page.screenshot({ path: join(shots, 'bundles-export.png') });
      const bundlePath = await saveDownload(await exporter.export());
      expect(bundlePath).toMatch(/Harbour Street\.casefile$/);
      await page.screenshot({ path: join(shots, 'bundles-export-done.png') });

      // A passphrase bundle of the same case.
      await exporter.dialog.getByLabel('Anyone with a passphrase').check();
      await exporter.dialog
        .getByLabel('Bundle passphrase', { exact: true })
        .fill(BUNDLE_PASSPHRASE);
      await exporter.dialog.getByLabel('Bundle passphrase (again)').fill(BUNDLE_PASSPHRASE);
      const passphrasePath = await saveDownload(await exporter.export(), 'passphrase.casefile');
      await exporter.dialog.getByRole('button', { name: 'Close' }).click();
      mine.check();
      await mine.close();

      // ---- The reference age CLI opens it with my secret key (from the identity file).
      const content = await decryptIdentityFile(readFileSync(identityFile), FILE_PASSPHRASE);
      if (!content.ok) throw new Error(content.error.message);
      const keyFile = join(dir, 'me.agekey');
      writeFileSync(keyFile, `${content.value.ageIdentity}\n`, { mode: 0o600 });
      const zipPath = join(dir, 'bundle.zip');
      run('age', ['-d', '-i', keyFile, '-o', zipPath, bundlePath]);
      const listing = run('unzip', ['-l', zipPath]);
      expect(listing).toContain('manifest.json');
      expect(listing).toContain('case.json');
      expect(listing).toContain('signature.json');
      expect(listing.match(/sources\/[0-9a-f]{64}/g)).toHaveLength(2);
      // …and with the colleague's.
      const colleagueKey = join(dir, 'colleague.agekey');
      writeFileSync(colleagueKey, `${colleague.value.secrets.ageIdentity}\n`, { mode: 0o600 });
      run('age', ['-d', '-i', colleagueKey, '-o', join(dir, 'colleague.zip'), bundlePath]);

      // ---- Another computer, with my identity imported from the file.
      const other = await aComputer();
      const there = other.page;
      const otherKeys = new KeysPage(there);
      await otherKeys.open();
      await otherKeys.importIdentityFile(identityFile, FILE_PASSPHRASE, 'second computer phrase');
      expect(await otherKeys.recipient.textContent()).toBe(myRecipient);
      // Imported and unlocked for the session; lock it to see the unlock step on import.
      await there.getByRole('button', { name: 'Lock' }).click();

      await new CaseListPage(there).goto(baseUrl);
      const importer = new ImportBundlePage(there);
      await importer.choose(bundlePath);
      await importer.dialog.getByText(/is encrypted to people’s keys/).waitFor();
      await importer.dialog.getByLabel('Identity passphrase').fill('second computer phrase');
      await importer.dialog.getByRole('button', { name: 'Unlock' }).click();
      await importer.dialog.getByText(/Your identity \(R\. Okafor\) is ready/).waitFor();
      await there.screenshot({ path: join(shots, 'bundles-import-key.png') });
      await importer.dialog.getByRole('button', { name: 'Open bundle' }).click();
      await importer.counts.waitFor({ timeout: 60_000 });
      await there.screenshot({ path: join(shots, 'bundles-import-preview.png') });
      await expect.poll(() => importer.details.textContent()).toContain('Harbour Street');
      const details = (await importer.details.textContent()) ?? '';
      expect(details).toContain('TLP:AMBER');
      expect(details).toContain('You: signed with your own key');
      expect(details).toContain('R. Okafor, A. Haddad');
      expect(details).toContain('chain intact');
      expect(await importer.countsOf('Sources')).toEqual([2, 0, 0]);
      expect(await importer.countsOf('Source texts')).toEqual([2, 0, 0]);
      await importer.dialog.getByRole('button', { name: 'Import as new case' }).click();
      await there.getByRole('heading', { name: 'Harbour Street', level: 1 }).waitFor();
      await there.screenshot({ path: join(shots, 'bundles-imported.png') });

      // The passphrase bundle of the same case, after renaming my copy: a merge, one conflict.
      const otherCases = new CaseListPage(there);
      await otherCases.goto(baseUrl);
      await otherCases.rename('Harbour Street', 'Harbour Street (mine)');
      await importer.choose(passphrasePath);
      await importer.dialog.getByLabel('Bundle passphrase').fill('not the passphrase');
      await importer.dialog.getByRole('button', { name: 'Open bundle' }).click();
      await importer.dialog
        .getByRole('alert')
        .filter({ hasText: 'Wrong passphrase' })
        .waitFor({ timeout: 60_000 });
      await there.screenshot({ path: join(shots, 'bundles-import-wrong.png') });
      await importer.dialog.getByLabel('Bundle passphrase').fill(BUNDLE_PASSPHRASE);
      await importer.dialog.getByRole('button', { name: 'Open bundle' }).click();
      await importer.counts.waitFor({ timeout: 60_000 });
      expect(await importer.countsOf('Sources')).toEqual([0, 2, 0]);
      expect(await importer.details.textContent()).toContain('A passphrase');
      const conflicts = importer.dialog.getByRole('table', { name: 'Conflicts' });
      expect(await conflicts.getByRole('row').count()).toBe(2);
      await importer.dialog.getByRole('radio', { name: /^Keep mine/ }).check();
      await there.screenshot({ path: join(shots, 'bundles-import-merge.png') });
      await importer.dialog.getByRole('button', { name: 'Take theirs for all' }).click();
      await importer.dialog.getByRole('button', { name: 'Import and merge' }).click();
      await there.getByRole('heading', { name: 'Harbour Street', level: 1 }).waitFor();
      other.check();
      await other.close();
    },
  );
});
