import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import { ChartPage } from './pages/ChartPage';
import { ClaimsPage } from './pages/ClaimsPage';
import { FindBar } from './pages/FindBar';
import { ReaderPage } from './pages/ReaderPage';
import { ReportsPage } from './pages/ReportsPage';

const baseUrl = inject('baseUrl');

/**
 * The whole "import → tag → claim → chart → report" path with the keyboard alone: every step is
 * `page.keyboard`, nothing is clicked or focused by the test. Locators only read and wait. The
 * one exception is the operating system's file dialog, which Playwright answers through its
 * `filechooser` event (a real user would pick the file in that dialog with the keyboard too).
 */
describe('keyboard-only workflow (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CaseListPage(page).goto(baseUrl);
  });

  it('imports, tags two entities, claims between them, sees the link on the chart and saves a report', async () => {
    const page = session.page;
    const keys = page.keyboard;
    const mac = await page.evaluate(() => /Mac/.test(navigator.platform));
    const mod = mac ? 'Meta' : 'Control';
    // Word steps: Ctrl+arrow, or ⌥+arrow on macOS.
    const word = mac ? 'Alt' : 'Control';

    // A case: Alt+N opens the form with focus in its title; Enter creates it.
    await keys.press('Alt+N');
    const caseForm = page.getByRole('dialog', { name: 'New case' });
    await caseForm.waitFor();
    expect(await focusedLabel(page)).toBe('Title');
    await keys.type('Keyboard only');
    await keys.press('Enter');
    await caseForm.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Keyboard only', level: 1 }).waitFor();

    // Import: Alt+2 goes to Sources, Alt+I opens its file chooser. (Alt+I from another area opens
    // it once Sources has drawn, which a loaded machine can delay past the browser's window for a
    // file chooser without a fresh key press; the component tests cover that path.)
    await keys.press('Alt+2');
    await page.getByRole('region', { name: 'Sources' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await keys.press('Alt+I');
    await (await chooser).setFiles(NEWS_ARTICLE.path);
    await page.getByRole('button', { name: 'Close report' }).waitFor({ timeout: 60_000 });
    const sourceButton = page
      .getByRole('table', { name: 'Sources' })
      .getByRole('button', { name: NEWS_ARTICLE.title, exact: true });
    await sourceButton.waitFor();

    // Open it: Tab to the source's row, Enter.
    await tabTo(page, NEWS_ARTICLE.title);
    await keys.press('Enter');
    const reader = new ReaderPage(page);
    await reader.heading(NEWS_ARTICLE.title).waitFor();
    await reader.text.waitFor();

    // Select "Macau" with find (Ctrl+F, type, Alt+Enter), tag it as a new Place (Alt+T).
    const find = new FindBar(page);
    await selectWithFind(page, find, mod, 'macau', '1 of 2');
    expect(await selectedText(page)).toBe('Macau');
    await reader.toolbar.waitFor();
    await tagAsNew(page, 'Place');
    await reader.passage('Macau').waitFor();

    // Select "Kim Jong Nam" by finding a longer phrase and shrinking it with Shift+arrows.
    await selectWithFind(page, find, mod, '"kim jong nam was waiting"', '1 of 1');
    expect(await selectedText(page)).toBe('Kim Jong Nam was waiting');
    await keys.press(`${word}+Shift+ArrowLeft`);
    await keys.press(`${word}+Shift+ArrowLeft`);
    await keys.press('Shift+ArrowLeft');
    await expect.poll(() => selectedText(page)).toBe('Kim Jong Nam');
    await reader.toolbar.waitFor();
    // This time from the command palette (Mod+K), which lists the command while text is selected.
    await keys.press(`${mod}+K`);
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.waitFor();
    await keys.type('tag selection');
    expect(await palette.getByRole('option').allTextContents()).toEqual([
      expect.stringMatching(/^Reader: Tag selection as entity…Alt\+T$/),
    ]);
    await keys.press('Enter');
    await tagAsNew(page, 'Person', { opened: true });
    await reader.passage('Kim Jong Nam').waitFor();

    // A claim from the sentence that mentions both: subject and object come from its mentions.
    await selectWithFind(page, find, mod, '"kim jong nam was waiting"', '1 of 1');
    for (let i = 0; i < 8; i++) await keys.press(`${word}+Shift+ArrowRight`);
    await expect
      .poll(() => selectedText(page))
      .toBe('Kim Jong Nam was waiting to check in for a flight to Macau');
    await reader.toolbar.waitFor();
    await keys.press('Alt+C');
    const claims = new ClaimsPage(page);
    await claims.dialog.waitFor();
    // Subject and object: the entities the selection mentions (their names load a moment later).
    const dialogText = () => claims.dialog.textContent().then((text) => text ?? '');
    await expect.poll(dialogText).toContain('Kim Jong Nam');
    await expect.poll(dialogText).toContain('Macau');
    await tabTo(page, 'Predicate');
    await keys.type('flew to');
    // Tab enters the credibility group at its choice (6, "cannot be judged"); arrows change it.
    await tabTo(page, /^6 — /);
    for (let i = 0; i < 3; i++) await keys.press('ArrowUp');
    expect(await focusedLabel(page)).toMatch(/^3 — /);
    await tabTo(page, 'Create claim');
    await keys.press('Enter');
    await claims.dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Open claim' }).waitFor();
    await keys.press('Alt+4');
    await claims.row('Kim Jong Nam flew to Macau').waitFor();

    // The chart (Alt+5) draws both entities and the claim's link.
    await keys.press('Alt+5');
    await new ChartPage(page).waitForCounts(2, 1);

    // Reports: Alt+R ("Export report…") opens the area with focus on "Save HTML"; Enter saves.
    await keys.press('Alt+R');
    const reports = new ReportsPage(page);
    await reports.form.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('Save HTML');
    const [download] = await Promise.all([page.waitForEvent('download'), keys.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    await reports.status.filter({ hasText: /Saved the HTML report/ }).waitFor();
  });
});

/**
 * Ctrl+F, the query, then Alt+Enter: the current match becomes the selection in the text. Waits
 * for the count of the whole query (`count`), not of the letters typed so far.
 */
async function selectWithFind(
  page: Page,
  find: FindBar,
  mod: string,
  query: string,
  count: string,
) {
  await page.keyboard.press(`${mod}+F`);
  await find.input.waitFor();
  await page.keyboard.press(`${mod}+A`);
  await page.keyboard.type(query);
  expect(await find.input.inputValue()).toBe(query);
  await find.waitForCount(count);
  await page.keyboard.press('Alt+Enter');
  await find.bar.waitFor({ state: 'detached' });
}

/** Alt+T, then a new entity of the type: Tab to the type list, type its name, back, Enter. */
async function tagAsNew(page: Page, typeLabel: string, { opened = false } = {}) {
  if (!opened) await page.keyboard.press('Alt+T');
  const picker = page.getByRole('dialog', { name: 'Tag as entity' });
  await picker.waitFor();
  await tabTo(page, 'Type of a new entity');
  await page.keyboard.type(typeLabel);
  expect(
    await picker
      .getByRole('combobox', { name: 'Type of a new entity' })
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
  ).toBe(typeLabel);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
  // Focus is back where the command was given: the text.
  await expect.poll(() => focusedLabel(page)).toBe('Extracted text');
}

/** The selected text of the document, as the reader sees it. */
function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** How the focused element is named: its label, aria-label or text. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active) return '';
    const labelled = (active as HTMLInputElement).labels?.[0]?.textContent;
    return (active.getAttribute('aria-label') ?? labelled ?? active.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element is named `name` (fails after a bounded number). */
async function tabTo(page: Page, name: string | RegExp, limit = 80): Promise<void> {
  const matches = (label: string) => (typeof name === 'string' ? label === name : name.test(label));
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    const label = await focusedLabel(page);
    seen.push(label.slice(0, 30));
    if (matches(label)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached “${String(name)}” (seen: ${seen.join(' | ')})`);
}
