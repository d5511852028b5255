import type { Download, Locator, Page } from 'playwright-core';

/** The "Export case data" dialog, opened from a case's Overview. */
export class ExportDialogPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export case data' });
  }

  get formats(): Locator {
    return this.dialog.getByRole('radiogroup', { name: 'Format' });
  }

  get scope(): Locator {
    return this.dialog.getByRole('combobox', { name: 'Scope' });
  }

  /** What the last export left out or changed. */
  get notices(): Locator {
    return this.dialog.getByRole('region', { name: 'Export notices' });
  }

  async openFromOverview(): Promise<void> {
    const overview = this.page.getByRole('region', { name: 'Overview' });
    await overview.getByRole('button', { name: 'Export case data…' }).click();
    await this.dialog.waitFor();
  }

  /** Chooses a format (by the start of its label) and exports; resolves with the download. */
  async exportAs(format: string): Promise<Download> {
    await this.formats.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    return download;
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
  }
}
