import type { Locator, Page } from 'playwright-core';

/** The reader's Suggestions panel: one source's review queue. */
export class SuggestionsPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Suggestions/ }).click();
    await this.root.waitFor();
  }

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Suggestions', exact: true });
  }

  /** The group of pending suggestions of one type, by its label (e.g. "IP address"). */
  group(typeLabel: string): Locator {
    return this.root.getByRole('region', { name: `${typeLabel} suggestions`, exact: true });
  }

  /** A pending suggestion by its text as written. */
  item(raw: string): Locator {
    return this.root.getByRole('listitem', { name: raw, exact: true });
  }

  get counts(): Locator {
    return this.root.locator('.cf-suggestions__counts');
  }

  get progress(): Locator {
    return this.root.getByRole('progressbar', { name: 'Extraction progress' });
  }

  get findButton(): Locator {
    return this.root.getByRole('button', { name: /^(Find suggestions|Run again)$/ });
  }

  async accept(raw: string): Promise<void> {
    await this.root.getByRole('button', { name: `Accept ${raw}`, exact: true }).click();
    await this.item(raw).waitFor({ state: 'detached' });
  }

  async acceptAll(typeLabel: string): Promise<void> {
    await this.root.getByRole('button', { name: `Accept all ${typeLabel}`, exact: true }).click();
    await this.group(typeLabel).waitFor({ state: 'detached' });
  }

  async reject(raw: string): Promise<void> {
    await this.root.getByRole('button', { name: `Reject ${raw}`, exact: true }).click();
    await this.item(raw).waitFor({ state: 'detached' });
  }

  async cancel(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel', exact: true }).click();
  }
}
