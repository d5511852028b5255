import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SMALL_IDS, smallReportInput } from '../fixtures/reports/smallCase';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { reportCaseTables } from './reportSeed';
import { seedTables } from './seed';

const baseUrl = inject('baseUrl');
const input = smallReportInput();
const caseId = input.case.id;
/** Set SCREENSHOTS_DIR to keep a picture of the reader with its separator focused. */
const shotsDir = process.env.SCREENSHOTS_DIR;

describe('resizable panes (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CaseListPage(page).goto(baseUrl);
    await seedTables(page, reportCaseTables(input));
    await page.reload();
  });

  it('drags the reader’s side panel wider, keeps the width after a reload, and resets', async () => {
    const page = session.page;
    await page.goto(`${baseUrl}/#/case/${caseId}/sources/${SMALL_IDS.web}`);
    const handle = page.getByRole('separator', { name: 'Resize the passage panel' });
    await handle.waitFor();
    expect(await handle.getAttribute('aria-valuenow')).toBe('384');
    const side = page.getByRole('complementary', { name: 'Source panels' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 100, box.y + 40, { steps: 5 });
    await page.mouse.up();
    expect(await handle.getAttribute('aria-valuenow')).toBe('484');
    expect(Math.round((await side.boundingBox())!.width)).toBe(484);

    await page.reload();
    await handle.waitFor();
    expect(await handle.getAttribute('aria-valuenow')).toBe('484');
    expect(Math.round((await side.boundingBox())!.width)).toBe(484);

    await handle.focus();
    await page.keyboard.press('Home');
    expect(await handle.getAttribute('aria-valuenow')).toBe('288');
    expect(Math.round((await side.boundingBox())!.width)).toBe(288);
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'reader-resize-focused.png') });
    await handle.dblclick();
    expect(await handle.getAttribute('aria-valuenow')).toBe('384');
  });

  it('remembers the claim details width per case, beside the table on a wide window', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(`${baseUrl}/#/case/${caseId}/claims/${SMALL_IDS.cEmploys}`);
    const handle = page.getByRole('separator', { name: 'Resize the claim details' });
    await handle.waitFor();
    await handle.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await handle.getAttribute('aria-valuenow')).toBe('512');
    const details = page.getByRole('complementary', { name: 'Selected claim' });
    expect(Math.round((await details.boundingBox())!.width)).toBe(512);
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'claims-resized.png') });
    const stored = await page.evaluate(
      (key) => localStorage.getItem(key),
      `casefile.pane.${caseId}.claims.details`,
    );
    expect(stored).toBe('512');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('ignores a stored width it cannot use', async () => {
    const page = session.page;
    await page.evaluate(
      (key) => localStorage.setItem(key, 'very wide'),
      `casefile.pane.${caseId}.notebook.list`,
    );
    await page.goto(`${baseUrl}/#/case/${caseId}/notes`);
    const handle = page.getByRole('separator', { name: 'Resize the notes list' });
    await handle.waitFor();
    expect(await handle.getAttribute('aria-valuenow')).toBe('224');
  });
});
