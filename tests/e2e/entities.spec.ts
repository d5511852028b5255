import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { EntitiesPage } from './pages/EntitiesPage';
import { SourcesPage } from './pages/SourcesPage';
import { SuggestionsPanel } from './pages/SuggestionsPanel';

const baseUrl = inject('baseUrl');
const fixture = (path: string) => resolve(import.meta.dirname, '../fixtures/ingest', path);

const TIP_TITLE = 'Threat tip: fake update campaign against harbour logistics firms';
const DECOY_WALLET = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3';

/** Counts the rows of an IndexedDB table of the app's database. */
function countRows(page: SourcesPage['page'], table: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            open.result.close();
            done(request.result);
          };
          request.onerror = () => fail(new Error(String(request.error)));
        };
      }),
    table,
  );
}

describe('entities and suggestions in the web build', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Harbour Street');
  });

  it('accepts suggestions on an e-mail with defanged indicators: the entities carry the refanged values', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([fixture('eml/threat-tip.eml')]);
    await sources.closeReport();
    await sources.open(TIP_TITLE);

    // Extraction ran by itself after the import.
    const panel = new SuggestionsPanel(page);
    await panel.open();
    await panel.group('URL').or(panel.root.getByRole('alert')).waitFor({ timeout: 30_000 });
    expect(await panel.root.getByRole('alert').allTextContents()).toEqual([]);

    const url = panel.item('hxxps://evil-update[.]example[.]com/payload');
    expect(await url.textContent()).toContain('https://evil-update.example.com/payload');
    expect(await panel.item('203.0.113[.]45').textContent()).toContain('203.0.113.45');
    expect(await panel.item('admin[@]bad-domain[.]net').textContent()).toContain(
      'admin@bad-domain.net',
    );
    const wallets = await panel.group('Crypto wallet').textContent();
    expect(wallets).toContain('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(wallets).not.toContain(DECOY_WALLET);
    expect(await panel.group('Bank account').textContent()).toContain('NL93RABO0314159265');
    expect(await panel.group('Vulnerability').textContent()).toContain('CVE-2023-23397');

    await panel.acceptAll('URL');
    await panel.accept('203.0.113[.]45');
    await panel.accept('admin[@]bad-domain[.]net');
    await panel.acceptAll('Crypto wallet');
    await panel.accept('NL93 RABO 0314 1592 65');
    await panel.accept('CVE-2023-23397');
    expect(await panel.counts.textContent()).toMatch(/6 accepted/);

    const entities = new EntitiesPage(page);
    await entities.openFromWorkspace();
    const names = await entities.names();
    expect(names).toEqual(
      expect.arrayContaining([
        'https://evil-update.example.com/payload',
        '203.0.113.45',
        'admin@bad-domain.net',
        'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        'NL93RABO0314159265',
        'CVE-2023-23397',
      ]),
    );
    expect(names.join(' ')).not.toMatch(/hxxp|\[\.\]|\[@\]/);
    expect(names).not.toContain(DECOY_WALLET);
    expect(await entities.row('203.0.113.45').textContent()).toContain('IP address');

    // The mention keeps the text as written; the entity carries the refanged value.
    const ip = await entities.open('203.0.113.45');
    const mark = ip.mentions.locator('mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('203.0.113[.]45');
    expect(await ip.mentions.textContent()).toContain(TIP_TITLE);
  });

  it('creates entities, merges two, and undoes the merge', async () => {
    const page = session.page;
    const entities = new EntitiesPage(page);
    await entities.openFromWorkspace();
    await page.getByRole('heading', { name: 'No entities yet' }).waitFor();

    const chol = await entities.create('Kim Chol', 'Person');
    await chol.back();
    const nam = await entities.create('Kim Jong Nam', 'Person', ['KJN']);
    await nam.back();
    expect((await entities.names()).sort()).toEqual(['Kim Chol', 'Kim Jong Nam']);

    const survivor = await entities.open('Kim Jong Nam');
    await survivor.merge('Kim Chol');
    await survivor.aliases.getByText(/Kim Chol/).waitFor();
    expect(await survivor.aliases.textContent()).toContain('KJN · Kim Chol');
    await survivor.back();
    expect(await entities.names()).toEqual(['Kim Jong Nam']);

    const again = await entities.open('Kim Jong Nam');
    await again.undoMerge('Kim Chol', 'Kim Jong Nam');
    await again.back();
    expect((await entities.names()).sort()).toEqual(['Kim Chol', 'Kim Jong Nam']);
  });

  it(
    'extracts a 50 MB text in the worker with progress, and a cancel stores nothing',
    { timeout: 300_000 },
    async () => {
      const page = session.page;
      const scratch = mkdtempSync(join(tmpdir(), 'casefile-big-'));
      // Mostly plain prose with an indicator now and then: a long export, not a list of indicators.
      const prose =
        'the container left the berth early in the morning and the night shift logged its seal ' +
        'number, the weight on the scale and the time the gate closed behind the truck.\n\n';
      const indicator =
        'Beacon seen at 198.51.100[.]23, reported to ops[@]harbour-freight[.]example.\n\n';
      const block = prose.repeat(999) + indicator;
      const big = join(scratch, 'shipping-log.txt');
      writeFileSync(
        big,
        'Shipping log export\n\n' + block.repeat(Math.ceil((50 * 1024 * 1024) / block.length)),
      );
      const sources = new SourcesPage(page);
      await sources.openFromWorkspace();
      await sources.importFiles([big]);
      await sources.closeReport();
      // Opening 50 MB of text in the reader takes a while; the reader is not what this test is about.
      await sources.table.getByRole('button', { name: 'Shipping log export', exact: true }).click();
      await page
        .getByRole('heading', { name: 'Shipping log export', level: 2 })
        .waitFor({ timeout: 120_000 });

      const panel = new SuggestionsPanel(page);
      await panel.open();
      // Too large to be searched unasked after import.
      await panel.root.getByText(/Not searched automatically: the source is large/).waitFor();
      await panel.findButton.click();
      await panel.progress.waitFor({ timeout: 60_000 });
      await panel.root.getByText(/Finding suggestions… \d+%/).waitFor({ timeout: 60_000 });

      // The work is in the worker: the page still answers, and Cancel takes effect part way.
      expect(await page.evaluate(() => document.title)).toBeTruthy();
      await panel.cancel();
      await panel.root.getByText('Cancelled: nothing was stored.').waitFor();
      expect(await panel.counts.textContent()).toContain('0 to review · 0 accepted · 0 rejected');
      expect(await countRows(page, 'suggestions')).toBe(0);
      expect(await panel.findButton.textContent()).toBe('Find suggestions');
    },
  );
});
