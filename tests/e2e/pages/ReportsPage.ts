import type { FrameLocator, Locator, Page } from 'playwright-core';

/** A case's Reports area: the builder's options, the export bar and the sandboxed preview. */
export class ReportsPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await this.form.waitFor();
  }

  get area(): Locator {
    return this.page.getByRole('region', { name: 'Reports' });
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Report options' });
  }

  get title(): Locator {
    return this.form.getByRole('textbox', { name: 'Report title' });
  }

  get marking(): Locator {
    return this.form.getByRole('combobox', { name: 'Handling marking' });
  }

  get narrative(): Locator {
    return this.form.getByRole('combobox', { name: 'Narrative note' });
  }

  /** A checklist by its legend ("Claims", "Entities", "Sources", "Charts"). */
  list(name: string): Locator {
    return this.form.getByRole('group', { name: new RegExp(`^${name} \\(`) });
  }

  /** The preview's document (a frame sandboxed without permissions). */
  get preview(): FrameLocator {
    return this.page.frameLocator('iframe[title="Report preview"]');
  }

  get previewFrame(): Locator {
    return this.page.getByTitle('Report preview');
  }

  /** Waits until the preview's body contains `text`. */
  async waitForPreview(text: string): Promise<void> {
    await this.preview.getByText(text, { exact: false }).first().waitFor();
  }

  save(format: 'HTML' | 'PDF' | 'Word' | 'Markdown'): Locator {
    return this.page.getByRole('button', { name: `Save ${format}` });
  }

  /** The export's outcome ("Saved the HTML report as …", "Sent to the print dialog …"). */
  get status(): Locator {
    return this.page.getByRole('region', { name: 'Export' }).getByRole('status');
  }
}
