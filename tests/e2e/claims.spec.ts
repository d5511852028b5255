import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import { ClaimsPage } from './pages/ClaimsPage';
import type { ReaderPage } from './pages/ReaderPage';
import { SourcesPage } from './pages/SourcesPage';
import { storedRows } from './seed';

const baseUrl = inject('baseUrl');
const TITLE = NEWS_ARTICLE.title;
const SHOTS = '/tmp/shots';
const EVIDENCE = 'Kim Jong Nam, the eldest son of the late Kim Jong Il';
const SENTENCE = 'Kim Jong Nam son of Kim Jong Il';

/** How far the boxes around the element are scrolled (0: the reader opened at the top). */
function scrolledBy(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    let total = document.scrollingElement?.scrollTop ?? 0;
    for (let box = node.parentElement; box; box = box.parentElement) total += box.scrollTop;
    return total;
  });
}

/** The reliability of every source in the app's IndexedDB. */
async function storedReliabilities(page: Page): Promise<string[]> {
  return (await storedRows<{ reliability: string }>(page, 'sources')).map((s) => s.reliability);
}

async function importAndGrade(page: Page): Promise<ReaderPage> {
  const reader = await new SourcesPage(page).importAndOpen(NEWS_ARTICLE.path, TITLE);
  // The newspaper is graded B: usually reliable.
  await page.getByRole('tab', { name: 'Details' }).click();
  const form = page.getByRole('form', { name: 'Provenance and grading' });
  await form.getByRole('radio', { name: /^B — / }).check();
  await form.getByRole('button', { name: 'Save provenance' }).click();
  // The form is redrawn from the saved source (its "Saved." goes with it): wait on the store.
  await expect.poll(() => storedReliabilities(page)).toEqual(['B']);
  await reader.showPassages();
  return reader;
}

describe('claims (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Kuala Lumpur airport');
  });

  it('records a claim from a passage, grades it B2 single-source, and opens the source at its evidence', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = session.page;
    const reader = await importAndGrade(page);

    // Two entities, tagged where the article names them together.
    await reader.tagNewEntity('Kim Jong Nam', 'Person', EVIDENCE);
    await reader.tagNewEntity('Kim Jong Il', 'Person', EVIDENCE);

    // The passage naming both becomes a claim's evidence; its entities prefill the claim.
    await reader.claimSelection(EVIDENCE);
    const claims = new ClaimsPage(page);
    const dialog = claims.dialog;
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: /^Subject/ }).textContent()).toContain(
      'Kim Jong Nam',
    );
    expect(await dialog.getByRole('button', { name: /^Object entity/ }).textContent()).toContain(
      'Kim Jong Il',
    );
    await dialog.getByRole('list', { name: 'Evidence passages' }).getByText(TITLE).waitFor();
    await claims.fill('son of', 2);
    await dialog.getByText('B2', { exact: true }).waitFor();
    await dialog.screenshot({ path: `${SHOTS}/claims-dialog.png` });
    await claims.create();
    await page.getByText('Claim recorded.').waitFor();
    await page.screenshot({ path: `${SHOTS}/claims-reader.png` });

    // The table shows the grade and that one source carries the claim.
    await claims.openFromWorkspace();
    const row = claims.row(SENTENCE);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.join(' | ')).toContain('B2');
    expect(cells.join(' | ')).toContain('Single source');

    // A second claim from the area itself: the analyst's own assertion, visibly marked.
    await page.getByRole('button', { name: 'New claim…' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^Subject/ }).click();
    const picker = page.getByRole('dialog', { name: 'Choose the subject' });
    await picker
      .getByRole('combobox', { name: 'Find an entity, or name a new one' })
      .fill('Kim Jong Nam');
    await picker
      .getByRole('option', { name: /Kim Jong Nam/ })
      .first()
      .click();
    await picker.waitFor({ state: 'detached' });
    await dialog.getByLabel('Predicate').fill('located in');
    await dialog.getByRole('radio', { name: 'A value' }).check();
    await dialog.getByRole('textbox', { name: 'Value' }).fill('Macau');
    await dialog.getByRole('button', { name: 'Create claim' }).click();
    await dialog.getByText(/mark the claim as an analyst assertion/).waitFor();
    await dialog.getByRole('checkbox', { name: 'Analyst assertion (no evidence)' }).check();
    await claims.create();
    const assertion = claims.row('Kim Jong Nam located in Macau');
    await assertion.waitFor();
    expect(await assertion.textContent()).toContain('Analyst assertion');

    const details = await claims.open(SENTENCE);
    await details.getByRole('region', { name: 'Evidence' }).getByText(TITLE).waitFor();
    await page.screenshot({ path: `${SHOTS}/claims-area.png`, fullPage: true });

    // A short window, so the evidence lies below the fold of the reader.
    await page.setViewportSize({ width: 1280, height: 420 });
    await details.getByRole('button', { name: `Open in source: ${TITLE}` }).click();
    await reader.heading(TITLE).waitFor();
    const [, , , , , passageId] = new URL(page.url()).hash.split('/');
    expect(passageId).toBeTruthy();
    const card = page.locator(`.cf-passage[data-passage-id="${passageId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('aria-current')).toBe('true');
    expect(await card.textContent()).toContain(EVIDENCE);
    const mark = reader.text.locator(`mark[data-passages~="${passageId}"]`).first();
    await mark.waitFor();
    await expect.poll(() => reader.inView(mark)).toBe(true);
    expect(await scrolledBy(mark)).toBeGreaterThan(0);
  });
});
