import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { FindBar } from './pages/FindBar';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots';
const TITLE = 'Beacon traffic review';

/** A report long enough to scroll, with a name three times and a defanged address once. */
function reportText(): string {
  const paragraphs = [TITLE];
  for (let i = 0; i < 150; i++) {
    let paragraph = `Paragraph ${i}: analysts reviewed the gateway logs and wrote notes about routine traffic from the branch offices.`;
    if (i === 3) paragraph += ' Kim Jong Nam was named in the first report.';
    if (i === 70) paragraph += ' The implant called 198.51.100[.]23 every hour.';
    if (i === 120) paragraph += ' Kim Jong Nam appears again near the end.';
    if (i === 140) paragraph += ' KIM was mentioned once more.';
    paragraphs.push(paragraph);
  }
  return paragraphs.join('\n\n') + '\n';
}

/** Imports the report and opens it in the reader. */
async function openReport(page: Page): Promise<FindBar> {
  const scratch = mkdtempSync(join(tmpdir(), 'casefile-find-'));
  const path = join(scratch, 'beacon-traffic.txt');
  writeFileSync(path, reportText());
  await new SourcesPage(page).importAndOpen(path, TITLE);
  await page.getByLabel('Extracted text').waitFor();
  return new FindBar(page);
}

describe('find in this source (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Beacon');
  });

  it('Ctrl+F finds a word: count, highlights, next and previous with the current match in view', async () => {
    const page = session.page;
    const find = await openReport(page);
    // Focus where a reader's focus is after clicking the text: the page itself.
    await page.getByLabel('Extracted text').click({ position: { x: 5, y: 5 } });
    await find.openWithShortcut();
    await expect.poll(() => find.input.evaluate((i) => i === document.activeElement)).toBe(true);

    await find.search('kim');
    await find.waitForCount('1 of 3');
    let painted = await find.painted();
    expect(painted.all).toEqual(['Kim', 'Kim', 'KIM']);
    expect(painted.current).toBe('Kim');
    expect(painted.currentInView).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/reader-find.png` });

    await find.input.press('Enter');
    await find.waitForCount('2 of 3');
    await expect.poll(async () => (await find.painted()).currentCentred).toBe(true);
    painted = await find.painted();
    expect(painted.current).toBe('Kim');
    expect(
      await page.evaluate(() => {
        const [range] = [...(CSS.highlights.get('cf-find-current') ?? [])];
        return range?.startContainer.parentElement?.closest('p')?.textContent;
      }),
    ).toContain('appears again near the end');
    await page.screenshot({ path: `${SHOTS}/reader-find-next.png` });

    await find.input.press('Enter');
    await find.waitForCount('3 of 3');
    expect((await find.painted()).current).toBe('KIM');
    // Past the last match, back to the first; Shift+Enter goes back round.
    await find.button('Next match').click();
    await find.waitForCount('1 of 3');
    await find.input.press('Shift+Enter');
    await find.waitForCount('3 of 3');
    await expect.poll(async () => (await find.painted()).currentInView).toBe(true);

    // Escape closes the bar and clears the highlights.
    await find.input.press('Escape');
    await find.bar.waitFor({ state: 'detached' });
    expect(await find.painted()).toEqual({
      all: [],
      current: undefined,
      currentInView: false,
      currentCentred: false,
    });

    // Reopened from the toolbar button, with the query kept.
    await page.getByRole('button', { name: 'Find in this source' }).click();
    expect(await find.input.inputValue()).toBe('kim');
    await find.waitForCount('3 of 3');
    await page.screenshot({ path: `${SHOTS}/reader-find-reopened.png` });
  });

  it('finds a defanged indicator by its refanged value, and says when nothing matches', async () => {
    const page = session.page;
    const find = await openReport(page);
    await page.getByRole('button', { name: 'Find in this source' }).click();
    // Words side by side are one match: the phrase-like name, not each word.
    await find.search('gateway logs');
    await find.waitForCount('1 of 150');
    expect((await find.painted()).current).toBe('gateway logs');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/reader-find-open.png` });

    await find.search('198.51.100.23');
    await find.waitForCount('1 of 1');
    await expect.poll(async () => (await find.painted()).currentCentred).toBe(true);
    expect((await find.painted()).current).toBe('198.51.100[.]23');
    await page.screenshot({ path: `${SHOTS}/reader-find-indicator.png` });

    await find.search('198.51.100.24');
    await find.waitForCount('No matches');
    expect((await find.painted()).all).toEqual([]);

    await find.search('kim before:2016-13');
    await find.bar.getByText(/date/i).waitFor();
    await page.screenshot({ path: `${SHOTS}/reader-find-error.png` });
  });

  it('opens at a search hit: the find URL prefills the bar and makes the match at the offset current', async () => {
    const page = session.page;
    await openReport(page);
    const hash = new URL(page.url()).hash;
    const at = await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll<HTMLElement>('p[data-start]')].find((p) =>
        p.textContent?.includes('KIM was mentioned'),
      )!;
      return Number(paragraph.dataset.start) + paragraph.textContent.indexOf('KIM');
    });
    const findUrl = `${baseUrl}${hash}?find=${encodeURIComponent('kim')}&at=${at}`;

    // In the running app (the reader already open on this source) …
    await page.goto(findUrl);
    const find = new FindBar(page);
    await find.waitForCount('3 of 3');
    expect(await find.input.inputValue()).toBe('kim');
    await expect.poll(async () => (await find.painted()).currentInView).toBe(true);
    expect((await find.painted()).current).toBe('KIM');

    // … and on a fresh load of that address.
    await page.reload();
    await find.waitForCount('3 of 3');
    await expect.poll(async () => (await find.painted()).currentCentred).toBe(true);
    expect((await find.painted()).current).toBe('KIM');
    await page.screenshot({ path: `${SHOTS}/reader-find-from-hit.png` });
  });
});
