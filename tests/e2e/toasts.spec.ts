import { join, resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const fixtures = resolve(import.meta.dirname, '../fixtures/ingest');
const files = [
  'text/investment-app-scam-warning.txt',
  'text/invoice-fraud-ring-arrests.txt',
  'markdown/briefing.md',
].map((path) => join(fixtures, path));

/**
 * Holds back the import worker's script until `release()`: the import then waits on its first
 * file, so the test sees it running without racing it (the worker starts on first use).
 */
async function holdImportWorker(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/worker-[\w-]+\.js$/, async (route: Route) => {
    await released;
    await route.continue().catch(() => undefined);
  });
  return release;
}

async function startImportAndLeave(page: Page): Promise<void> {
  const sources = new SourcesPage(page);
  await sources.openFromWorkspace();
  const chooser = page.waitForEvent('filechooser');
  await sources.importButton.click();
  await (await chooser).setFiles(files);
  await page.getByRole('heading', { name: 'Importing 3 files…' }).waitFor();
  // The Sources area shows this import itself: no toast repeats it.
  expect(await page.getByRole('region', { name: 'Notifications' }).count()).toBe(0);
  await page
    .getByRole('navigation', { name: 'Case areas' })
    .getByRole('link', { name: 'Entities' })
    .click();
}

describe('toasts for background work in the web build', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Harbour Street');
  });

  it('follows a source import after its area is left, with progress, then says how it ended', async () => {
    const page = session.page;
    const release = await holdImportWorker(page);
    await startImportAndLeave(page);

    const toasts = page.getByRole('region', { name: 'Notifications' });
    const running = toasts.getByRole('status', { name: 'Importing 3 files' });
    await running.waitFor();
    expect(await running.textContent()).toContain(
      'File 1 of 3: Extracting text from investment-app-scam-warning.txt',
    );
    const bar = running.getByRole('progressbar', { name: 'Importing 3 files: progress' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuetext')).toBe('0 of 3');
    expect(await running.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);

    release();
    const finished = toasts.getByRole('status', { name: 'Imported 3 files' });
    await finished.waitFor({ timeout: 60_000 });
    expect(await finished.getByRole('progressbar').count()).toBe(0);

    // The sources are there when the investigator comes back.
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.waitForCount(3);
    await finished.getByRole('button', { name: 'Dismiss: Imported 3 files' }).click();
    await toasts.waitFor({ state: 'detached' });
  });

  it('cancels the import from its toast', async () => {
    const page = session.page;
    const release = await holdImportWorker(page);
    await startImportAndLeave(page);

    const toasts = page.getByRole('region', { name: 'Notifications' });
    await toasts
      .getByRole('status', { name: 'Importing 3 files' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    const cancelled = toasts.getByRole('status', { name: 'Import cancelled' });
    await cancelled.waitFor();
    expect(await cancelled.textContent()).toContain('0 files imported before cancelling.');
    release();
  });
});
