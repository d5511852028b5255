import type { Locator, Page } from 'playwright-core';

/** The "Import STIX or CSV" dialog, opened from a case's Overview. */
export class ImportDialogPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import STIX or CSV' });
  }

  /** What the import would add (the preview step). */
  get toAdd(): Locator {
    return this.dialog.getByRole('region', { name: 'To be added to the case' });
  }

  get previewRows(): Locator {
    return this.dialog.getByRole('table', { name: /as they would be imported/ });
  }

  field(label: string): Locator {
    return this.dialog.getByRole('combobox', { name: label });
  }

  button(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  async openFromOverview(): Promise<void> {
    const overview = this.page.getByRole('region', { name: 'Overview' });
    await overview.getByRole('button', { name: 'Import STIX or CSV…' }).click();
    await this.dialog.waitFor();
  }

  /** Picks the file through the host's file chooser. */
  async choose(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.button('Choose file…').click();
    await (await chooser).setFiles(path);
  }

  async importAndWait(): Promise<string> {
    await this.button('Import').click();
    const done = this.dialog.getByText(/^Imported /);
    await done.waitFor();
    return (await done.textContent()) ?? '';
  }

  async close(): Promise<void> {
    await this.button('Close').click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
