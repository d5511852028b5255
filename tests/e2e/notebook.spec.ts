import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import { ClaimsPage } from './pages/ClaimsPage';
import { EntitiesPage } from './pages/EntitiesPage';
import { NotebookPage } from './pages/NotebookPage';
import { SourcesPage } from './pages/SourcesPage';
import { storedRows } from './seed';

const baseUrl = inject('baseUrl');
const TITLE = NEWS_ARTICLE.title;
const SHOTS = '/tmp/shots';
const EVIDENCE = 'Kim Jong Nam, the eldest son of the late Kim Jong Il';

/** True when the element is drawn inside the window and every box that scrolls it. */
function inView(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const rect = node.getBoundingClientRect();
    if (rect.bottom <= 0 || rect.top >= window.innerHeight) return false;
    for (let box = node.parentElement; box; box = box.parentElement) {
      if (!/(auto|scroll)/.test(getComputedStyle(box).overflowY)) continue;
      const frame = box.getBoundingClientRect();
      if (rect.bottom <= frame.top || rect.top >= frame.bottom) return false;
    }
    return true;
  });
}

describe('notebook (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    mkdirSync(SHOTS, { recursive: true });
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Kuala Lumpur airport');
  });

  it('writes a note with a heading, a mention, a quote and a claim that survive a reload and follow the evidence', async () => {
    const page = session.page;
    // The evidence: an article, two people tagged in it, and a claim citing the sentence.
    const reader = await new SourcesPage(page).importAndOpen(NEWS_ARTICLE.path, TITLE);
    await reader.showPassages();
    await reader.tagNewEntity('Kim Jong Nam', 'Person', EVIDENCE);
    await reader.tagNewEntity('Kim Jong Il', 'Person', EVIDENCE);
    await reader.claimSelection(EVIDENCE);
    const claims = new ClaimsPage(page);
    await claims.dialog.waitFor();
    await claims.fill('son of', 2);
    await claims.create();

    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.create('Interview notes');
    await notebook.focusEnd();
    // Markdown: "# " makes a heading.
    await page.keyboard.type('# Findings');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Police named ');
    await notebook.mention('Kim Jong N', 'Kim Jong Nam');
    await page.keyboard.type(' as the victim.');
    await page.keyboard.press('Enter');

    // The passage is dragged from the Insert panel into the note.
    const row = notebook.passage('the eldest son of the late Kim Jong Il');
    await row.dragTo(notebook.editor, { targetPosition: { x: 40, y: 100 } });
    const quote = notebook.editor.locator('.cf-note-quote');
    await quote.waitFor();
    // The claim is embedded from the Claims tab.
    await notebook.insert.getByRole('tab', { name: /Claims/ }).click();
    await notebook
      .claim('Kim Jong Nam son of Kim Jong Il')
      .getByRole('button', { name: 'Insert' })
      .click();
    await notebook.editor.locator('.cf-note-claim').waitFor();
    await notebook.waitUntilSaved();
    await page.screenshot({ path: `${SHOTS}/notebook-note.png`, fullPage: true });

    await page.reload();
    await notebook.editor.waitFor();
    await notebook.editor.getByRole('heading', { name: 'Findings' }).waitFor();
    await notebook.editor.getByRole('button', { name: /Kim Jong Nam/ }).waitFor();
    expect(await notebook.editor.textContent()).toContain('as the victim.');
    await quote.waitFor();
    expect(await quote.textContent()).toContain(EVIDENCE);
    expect(await quote.textContent()).toContain(TITLE);
    const claim = notebook.editor.locator('.cf-note-claim');
    expect(await claim.textContent()).toContain('son of');
    expect(await claim.textContent()).toContain('Kim Jong Il');
    const [stored] = await storedRows<{
      entityIds: string[];
      passageIds: string[];
      claimIds: string[];
    }>(page, 'notes');
    expect(stored?.entityIds).toHaveLength(1);
    expect(stored?.passageIds).toHaveLength(1);
    expect(stored?.claimIds).toHaveLength(1);

    // The quote opens the source at its passage, scrolled into view.
    await page.setViewportSize({ width: 1280, height: 420 });
    await quote.getByRole('button', { name: 'Open in source' }).click();
    await reader.heading(TITLE).waitFor();
    const passageId = new URL(page.url()).hash.split('/')[5];
    expect(passageId).toBe(stored?.passageIds[0]);
    const card = page.locator(`.cf-passage[data-passage-id="${passageId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('aria-current')).toBe('true');
    const mark = reader.text.locator(`mark[data-passages~="${passageId}"]`).first();
    await mark.waitFor();
    await expect.poll(() => inView(mark)).toBe(true);
    // The passage panel lists the note quoting it.
    await card.getByRole('button', { name: 'Open note: Interview notes' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });

    // Renaming the entity renames its chip; the entity page lists the note.
    const entities = new EntitiesPage(page);
    await entities.openFromWorkspace();
    const entity = await entities.open('Kim Jong Nam');
    const form = page.getByRole('form', { name: 'Entity details' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Kim Chol');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await entity.heading('Kim Chol').waitFor();
    const backlinks = page.getByRole('region', { name: 'In the notebook' });
    await backlinks.getByRole('button', { name: 'Open note: Interview notes' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/notebook-entity-backlinks.png`, fullPage: true });
    await backlinks.getByRole('button', { name: 'Open note: Interview notes' }).click();
    await notebook.editor.getByRole('button', { name: /Kim Chol/ }).waitFor();
    expect(await notebook.editor.textContent()).not.toContain('Kim Jong Nam as the victim');
    await page.screenshot({ path: `${SHOTS}/notebook-renamed.png`, fullPage: true });

    // The claim card opens the claim, whose details list the note embedding it.
    await claim.getByRole('button', { name: 'Open claim' }).click();
    const embeddedIn = page.getByRole('group', { name: 'Embedded in notes' });
    await embeddedIn.getByRole('button', { name: 'Open note: Interview notes' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/notebook-claim-backlinks.png`, fullPage: true });
  });

  it('quotes a selection of the reader in a new note, then opens it', async () => {
    const page = session.page;
    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await page.getByRole('heading', { name: 'Start the case notebook' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/notebook-empty.png` });

    const reader = await new SourcesPage(page).importAndOpen(NEWS_ARTICLE.path, TITLE);
    await reader.showPassages();
    await reader.select(EVIDENCE);
    await reader.toolbar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/notebook-selection-toolbar.png` });
    await reader.toolbar.getByRole('button', { name: 'Quote in note…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Quote in note' });
    await dialog.getByRole('radio', { name: 'A new note' }).check();
    await dialog.getByRole('textbox', { name: 'Title of the new note' }).fill('From the reader');
    await page.screenshot({ path: `${SHOTS}/notebook-quote-dialog.png` });
    await dialog.getByRole('button', { name: 'Add quote' }).click();
    const done = page.getByRole('dialog', { name: 'Quote added' });
    await done.getByText('The quote was added at the end of “From the reader”.').waitFor();
    // The selection became an evidence passage, listed with the note quoting it.
    const card = reader.passage(EVIDENCE);
    await card.waitFor();
    await done.getByRole('button', { name: 'Open note' }).click();
    await notebook.editor.locator('.cf-note-quote').getByText(EVIDENCE).waitFor();
    expect(await notebook.title.inputValue()).toBe('From the reader');
    const [passage] = await storedRows<{ id: string; kind: string }>(page, 'passages');
    const [stored] = await storedRows<{ passageIds: string[] }>(page, 'notes');
    expect(passage?.kind).toBe('evidence');
    expect(stored?.passageIds).toEqual([passage?.id]);
  });

  it('keeps text typed just before a reload', async () => {
    const page = session.page;
    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.create('Running notes');
    await notebook.focusEnd();
    await page.keyboard.type('Typed just before the reload');
    // No waiting for the save.
    await page.reload();
    await notebook.editor.waitFor();
    await notebook.editor.getByText('Typed just before the reload').waitFor();
    expect(await notebook.title.inputValue()).toBe('Running notes');
  });

  it('pastes HTML as text only: no script runs, no handler fires, nothing is fetched', async () => {
    const page = session.page;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.create('Pasted');
    await notebook.focusEnd();
    await notebook.paste({
      'text/html':
        '<p>Harbour <b>meeting</b> at noon</p>' +
        '<script>window.__pasted = "script"</script>' +
        '<img src="https://tracker.example.com/pixel.png" onerror="window.__pasted = \'onerror\'">' +
        '<p onclick="window.__pasted = \'click\'">Second line</p>',
      'text/plain': 'Harbour meeting at noon\nSecond line',
    });
    await notebook.editor.getByText('Second line').click();
    await notebook.editor.locator('strong, b', { hasText: 'meeting' }).first().waitFor();
    expect(await notebook.editor.textContent()).toContain('Harbour meeting at noon');
    expect(await page.evaluate(() => (window as { __pasted?: string }).__pasted)).toBeUndefined();
    expect(await notebook.editor.locator('img, script, [onerror], [onclick]').count()).toBe(0);
    await notebook.waitUntilSaved();
    expect(requests.filter((url) => new URL(url).origin !== new URL(baseUrl).origin)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/notebook-paste.png`, fullPage: true });
  });

  it('refuses a 5 MB paste with a message and keeps taking typing', async () => {
    const page = session.page;
    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.create('Big paste');
    await notebook.focusEnd();
    await page.keyboard.type('Before. ');
    await notebook.paste({ 'text/plain': 'x'.repeat(5 * 1024 * 1024) });
    await page.getByText(/The pasted text is too long for a note/).waitFor();
    await notebook.focusEnd();
    await page.keyboard.type('Still typing.');
    await notebook.editor.getByText('Before. Still typing.').waitFor();
    await notebook.waitUntilSaved();
    const [stored] = await storedRows<{ editorState: string }>(page, 'noteContents');
    expect(stored?.editorState).toContain('Before. Still typing.');
    expect(stored?.editorState.length).toBeLessThan(100_000);
    await page.screenshot({ path: `${SHOTS}/notebook-big-paste.png` });
  });
});
