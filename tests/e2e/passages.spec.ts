import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import type { ReaderPage } from './pages/ReaderPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const TITLE = NEWS_ARTICLE.title;

/** Imports the news article and opens it in the reader, on the Passages tab. */
async function openArticle(page: Page): Promise<ReaderPage> {
  const reader = await new SourcesPage(page).importAndOpen(NEWS_ARTICLE.path, TITLE);
  await reader.showPassages();
  return reader;
}

/** Rewrites the stored text of every source in the app's IndexedDB, as a re-extraction would. */
async function rewriteStoredText(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ({ from, to }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction('sourceContents', 'readwrite');
          const store = tx.objectStore('sourceContents');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const row of all.result as { text: string }[]) {
              store.put({ ...row, text: row.text.replaceAll(from, to) });
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(new Error(String(tx.error)));
        };
      }),
    { from, to },
  );
}

describe('passages in the reader (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Kuala Lumpur airport');
  });

  it('tags “Kim Jong Nam” as a new Person: highlighted after reload and on the entity page in context', async () => {
    const page = session.page;
    const reader = await openArticle(page);
    await reader.select('Kim Jong Nam', 'Kim Jong Nam was waiting to check in');
    await reader.tagAsNewEntity('Person');

    const item = reader.passage('Kim Jong Nam');
    await item.waitFor();
    expect(await item.textContent()).toContain('Person');

    await page.reload();
    await reader.heading(TITLE).waitFor();
    await reader.showPassages();
    const mark = reader.marks('Kim Jong Nam');
    await mark.waitFor();
    expect(await mark.count()).toBe(1);
    expect(await mark.getAttribute('title')).toBe('Kim Jong Nam (Person)');
    expect(await mark.evaluate((m) => m.closest('p')?.textContent)).toContain(
      'Kim Jong Nam was waiting to check in for a flight to Macau',
    );

    await reader.openEntity('Kim Jong Nam', 'Person');
    await page.getByRole('heading', { name: 'Kim Jong Nam', level: 2 }).waitFor();
    const mentions = page.getByRole('region', { name: 'Mentions' });
    await mentions.locator('mark', { hasText: 'Kim Jong Nam' }).waitFor();
    const shown = (await mentions.textContent()) ?? '';
    expect(shown).toContain(TITLE);
    expect(shown).toContain('Kim Jong Nam was waiting to check in');
  });

  it('highlights in a colour and comments; overlapping passages are both listed and drawn, and a deep link finds one', async () => {
    const page = session.page;
    const reader = await openArticle(page);
    await reader.select('two women approached him', 'when two women approached him from');
    await reader.highlight('green');
    await reader.passage('two women approached him').waitFor();

    await reader.select('approached him from either side', 'approached him from either side near');
    await reader.comment('Which of them held the cloth?');
    const comment = reader.passage('approached him from either side');
    await comment.waitFor();
    expect(await comment.textContent()).toContain('Which of them held the cloth?');

    expect(await reader.passageList.getByRole('listitem').count()).toBe(2);
    // Flat marks: the overlap is its own mark, knowing both passages.
    expect(await reader.text.locator('mark mark').count()).toBe(0);
    expect(
      await reader.text
        .locator('mark')
        .evaluateAll((marks) =>
          marks.map((m) => [m.textContent, m.getAttribute('data-passages')!.split(' ').length]),
        ),
    ).toEqual([
      ['two women ', 1],
      ['approached him', 2],
      [' from either side', 1],
    ]);
    const overlap = reader.marks('approached him');
    expect(await overlap.getAttribute('title')).toBe(
      'Highlight\nComment: Which of them held the cloth?',
    );

    // Clicking the overlap selects the shorter passage, the one inside: the highlight here.
    await overlap.click();
    const highlightItem = reader.passage('two women approached him');
    expect(await highlightItem.getAttribute('aria-current')).toBe('true');

    // A link to the comment opens the source with the comment selected.
    const commentId = await comment.getAttribute('data-passage-id');
    const here = new URL(page.url());
    const [, , caseId, , sourceId] = here.hash.split('/');
    const link = `${baseUrl}#/case/${caseId}/sources/${sourceId}/${commentId}`;
    await page.goto(link);
    await page.locator('.cf-passage[aria-current="true"]', { hasText: 'Which of them' }).waitFor();
    // And the same link in a fresh page.
    await page.reload();
    await reader.heading(TITLE).waitFor();
    await page.locator('.cf-passage[aria-current="true"]', { hasText: 'Which of them' }).waitFor();
  });

  it('keeps a passage whose quote left the text, listed under Orphaned with its quote', async () => {
    const page = session.page;
    const reader = await openArticle(page);
    await reader.select('a flight to Macau', 'for a flight to Macau on the morning');
    await reader.highlight('yellow');
    await reader.passage('a flight to Macau').waitFor();

    await rewriteStoredText(page, 'Macau', 'Seoul');
    await page.reload();
    await reader.heading(TITLE).waitFor();
    await reader.showPassages();
    await reader.orphans.waitFor();
    const orphans = (await reader.orphans.textContent()) ?? '';
    expect(orphans).toContain('no longer found in the text');
    expect(orphans).toContain('a flight to Macau');
    expect(await reader.passageList.count()).toBe(0);
    expect(await reader.text.locator('mark').count()).toBe(0);
  });
});
