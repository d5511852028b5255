import type { Locator, Page } from 'playwright-core';
import { ReaderPage } from './ReaderPage';

/** A case's Sources area: import, the import report, the source table and the reader. */
export class SourcesPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Sources' })
      .click();
    await this.importButton.waitFor();
  }

  get importButton(): Locator {
    return this.page.getByRole('button', { name: 'Import files…' });
  }

  get report(): Locator {
    return this.page.getByRole('table', { name: 'Import report' });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Sources' });
  }

  /** Imports files through the host's file chooser and waits for the report to be complete. */
  async importFiles(paths: readonly string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importButton.click();
    await (await chooser).setFiles([...paths]);
    await this.page.getByRole('button', { name: 'Close report' }).waitFor({ timeout: 60_000 });
  }

  reportRow(fileName: string): Locator {
    return this.report
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: fileName, exact: true }) });
  }

  /** Waits until the table's count line reads exactly "<n> source(s)". */
  async waitForCount(n: number): Promise<void> {
    const line = new RegExp(`^${n.toLocaleString('en')} sources?$`);
    await this.page.getByRole('status').filter({ hasText: line }).waitFor();
  }

  async closeReport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close report' }).click();
  }

  /** Imports one file and opens the source titled `title` in the reader (on its Details tab). */
  async importAndOpen(path: string, title: string): Promise<ReaderPage> {
    await this.openFromWorkspace();
    await this.importFiles([path]);
    await this.closeReport();
    await this.open(title);
    return new ReaderPage(this.page);
  }

  async open(title: string): Promise<SourceReaderPage> {
    await this.table.getByRole('button', { name: title, exact: true }).click();
    const reader = new SourceReaderPage(this.page);
    await reader.heading(title).waitFor();
    await reader.showDetails();
    return reader;
  }
}

export class SourceReaderPage {
  constructor(readonly page: Page) {}

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, level: 2 });
  }

  get text(): Locator {
    return this.page.getByLabel('Extracted text');
  }

  get hash(): Promise<string | null> {
    return this.page.getByLabel('SHA-256', { exact: true }).textContent();
  }

  field(label: string): Locator {
    return this.page
      .getByRole('form', { name: 'Provenance and grading' })
      .getByRole('textbox', { name: label, exact: true });
  }

  /** Evidence, attachments, e-mail headers and provenance are on the side panel's Details tab. */
  async showDetails(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Details' }).click();
  }

  async showOriginal(): Promise<Locator> {
    await this.page.getByRole('tab', { name: 'Original' }).click();
    const frame = this.page.locator('iframe.cf-original');
    await frame.waitFor();
    return frame;
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: '← All sources' }).click();
  }
}
