import { afterAll, describe, expect, inject, it } from 'vitest';
import { PersistentProfile, useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { manyCases, seedCases } from './seed';

const baseUrl = inject('baseUrl');

describe('cases in the web build', () => {
  const session = useWatchedPage(baseUrl);

  it('creates a case that survives a page reload, then deletes it', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

    await cases.createCase('Lazarus / Bangladesh Bank heist', {
      summary: 'SWIFT fraud, February 2016.',
      marking: 'TLP:RED',
    });
    const workspace = new CaseWorkspacePage(page);
    expect(await workspace.heading.textContent()).toBe('Lazarus / Bangladesh Bank heist');

    await page.reload();
    await workspace.heading.waitFor();
    expect(await workspace.heading.textContent()).toBe('Lazarus / Bangladesh Bank heist');
    await workspace.backToCases();
    await cases.row('Lazarus / Bangladesh Bank heist').waitFor();
    expect(await cases.row('Lazarus / Bangladesh Bank heist').textContent()).toContain('TLP:RED');

    await cases.delete('Lazarus / Bangladesh Bank heist');
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
    expect(await cases.table.count()).toBe(0);
  });

  it('refuses an empty and an over-long title, and creates nothing', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    const dialog = await cases.newCase();

    await dialog.fill('   ');
    await dialog.submit('Create case');
    await dialog.error.waitFor();
    expect(await dialog.error.textContent()).toBe('A case needs a title.');

    await dialog.fill('x'.repeat(501));
    await dialog.submit('Create case');
    await expect.poll(() => dialog.error.textContent()).toContain('at most 500 characters');

    await page.keyboard.press('Escape');
    await dialog.root.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  });

  it('renames a case and records it in the verified activity log', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Operation Ghost');
    await new CaseWorkspacePage(page).backToCases();
    await cases.rename('Operation Ghost', 'Operation Ghost Writer');
    await cases.row('Operation Ghost Writer').waitFor();

    await cases.open('Operation Ghost Writer');
    const workspace = new CaseWorkspacePage(page);
    const activity = await workspace.goToArea('Activity');
    await activity.getByText('Chain intact: 2 events verified', { exact: false }).waitFor();
    expect(await activity.getByRole('row').count()).toBe(3);
  });

  it('runs commands from the palette and shortcuts', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Search commands' }).fill('new case');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('Alt+N');
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('From the keyboard');
    await page.keyboard.press('Enter');
    await new CaseWorkspacePage(page).heading.filter({ hasText: 'From the keyboard' }).waitFor();

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: /Go to case activity/ }).click();
    await page.getByRole('region', { name: 'Activity' }).waitFor();
  });

  it('keeps a long case list usable: counts, filters and scrolls to the oldest case', async () => {
    const page = session.page;
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await seedCases(page, manyCases(400));
    await page.reload();
    await page.getByRole('status').filter({ hasText: '400 cases' }).waitFor();
    // Long lists render only the rows in view, but the table still reports every row.
    expect(await cases.table.getAttribute('aria-rowcount')).toBe('401');
    expect(await cases.table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(100);

    await page.getByRole('searchbox', { name: 'Filter cases' }).fill('Case 0123');
    await cases.row('Case 0123').waitFor();
    await page.getByRole('status').filter({ hasText: '1 of 400 cases' }).waitFor();

    await page.getByRole('searchbox', { name: 'Filter cases' }).fill('');
    const scroller = page.locator('.cf-table-scroll');
    await expect
      .poll(async () => {
        await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        return cases.row('Case 0000').count();
      })
      .toBe(1);
  });
});

describe('cases after a browser restart', () => {
  const profile = new PersistentProfile();
  afterAll(() => profile.remove());

  it('finds a case again after the browser is quit and started again', async () => {
    let context = await profile.launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await new CaseListPage(page).goto(baseUrl);
    await new CaseListPage(page).createCase('Survives restarts');
    await context.close();

    context = await profile.launch();
    page = context.pages()[0] ?? (await context.newPage());
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.row('Survives restarts').waitFor();
    await context.close();
  });
});
