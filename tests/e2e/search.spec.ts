import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { SearchPage } from './pages/SearchPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/search');
const EMAIL = join(FIXTURES, 'broker-payment.eml');
const ARTICLE = join(FIXTURES, 'airport-article.txt');
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const ARTICLE_TITLE = 'Man collapses at Kuala Lumpur airport terminal';
const isMac = process.platform === 'darwin';

describe('case-wide search (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Port Klang shipments');
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([EMAIL, ARTICLE]);
    await sources.closeReport();
  });

  it('finds a wallet exactly and a name despite a typo, and opens the reader at the match', async () => {
    const page = session.page;
    const search = new SearchPage(page);
    // Mod+Shift+F focuses the header box; Enter opens the Search area with the query.
    await page.keyboard.press(isMac ? 'Meta+Shift+F' : 'Control+Shift+F');
    await expect
      .poll(() => search.headerBox.evaluate((n) => n === document.activeElement))
      .toBe(true);
    await page.keyboard.type(WALLET);
    await page.keyboard.press('Enter');
    await search.region.waitFor();
    await expect.poll(() => search.field.inputValue()).toBe(WALLET);
    expect(page.url()).toContain(`/search?q=${WALLET}`);
    const payment = search.hit('Second payment to the broker');
    await payment.waitFor();
    expect(await payment.locator('mark').first().textContent()).toBe(WALLET);

    await search.search('Kim Jong Nm');
    const article = search.hit(ARTICLE_TITLE);
    await article.waitFor();
    expect(await search.description.textContent()).toMatch(/similar spellings/);
    expect(await article.locator('.cf-search-hit__snippet mark').allTextContents()).toEqual(
      expect.arrayContaining(['Kim', 'Jong', 'Nam']),
    );
    await page.screenshot({ path: `${SHOTS}/search-results.png` });

    // Keyboard: into the results, Enter opens the source in the reader with the match current.
    await search.field.focus();
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: `${SHOTS}/search-focus.png` });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: ARTICLE_TITLE, level: 2 }).waitFor();
    expect(page.url()).toMatch(/\/sources\/[0-9a-f-]+\?find=Kim%20Jong%20Nm&at=\d+/);
    const findBox = page.getByRole('searchbox', { name: 'Find in this source' });
    await expect.poll(() => findBox.inputValue()).toBe('Kim Jong Nm');
    // The current match is painted with the CSS Custom Highlight API (no DOM element).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const current = CSS.highlights.get('cf-find-current');
          const range = current ? [...current][0] : undefined;
          return range
            ? range.startContainer.textContent?.slice(range.startOffset, range.endOffset)
            : undefined;
        }),
      )
      .toBe('Kim Jong Nam');
    await page.screenshot({ path: `${SHOTS}/search-reader.png` });

    // Back returns to the results of the same query.
    await page.goBack();
    await search.region.waitFor();
    await expect.poll(() => search.field.inputValue()).toBe('Kim Jong Nm');
  });

  it('saves a search and runs it again', async () => {
    const page = session.page;
    const search = new SearchPage(page);
    await search.openFromWorkspace();
    await search.search('broker OR airport');
    await search.group('Sources').waitFor();
    await search.save('Broker and airport');
    await search.search('kim');
    await search.run('Broker and airport');
    await expect.poll(() => search.field.inputValue()).toBe('broker OR airport');
    await search.hit('Second payment to the broker').waitFor();
    await search.hit(ARTICLE_TITLE).waitFor();
    await page.screenshot({ path: `${SHOTS}/search-saved.png` });
    await page.reload();
    await search.savedPanel.getByText('Broker and airport', { exact: true }).waitFor();
  });

  it('answers odd queries with a result or a message, never a crash', async () => {
    const page = session.page;
    const search = new SearchPage(page);
    await search.openFromWorkspace();
    await search.field.fill('');
    await search.region.getByText(/Type words to search/).waitFor();

    await search.field.fill('k'.repeat(10_000));
    await search.field.press('Enter');
    await search.error.waitFor();
    expect(await search.error.textContent()).toMatch(/10,000 characters long/);
    // The route does not carry a query that long; the field keeps it, for the investigator to edit.
    expect(await search.field.inputValue()).toHaveLength(10_000);

    await search.search('"kim jong');
    await search.hit(ARTICLE_TITLE).waitFor();
    // The unclosed quote is read to the end of the query, and the area says so.
    await search.warnings.getByText(/quotation mark was not closed/).waitFor();

    await search.field.fill('.*[(');
    await search.field.press('Enter');
    await expect
      .poll(async () => (await search.error.count()) + (await search.description.count()))
      .toBeGreaterThan(0);
    expect(await search.region.isVisible()).toBe(true);
  });

  it('tags the matched words of a result as an entity, which is then found too', async () => {
    const page = session.page;
    const search = new SearchPage(page);
    await search.openFromWorkspace();
    await search.search('"kim jong nam"');
    await search.tagAsNewEntity(ARTICLE_TITLE, 'Person');
    await search.region.getByText('“Kim Jong Nam” was tagged as a mention.').waitFor();
    // The index follows the write: the new entity and its mention are results now.
    await search.group('Entities').waitFor();
    await search.hit('Kim Jong Nam').first().waitFor();
    await search.group('Passages').waitFor();
    await page.screenshot({ path: `${SHOTS}/search-tagged.png` });
  });
});
