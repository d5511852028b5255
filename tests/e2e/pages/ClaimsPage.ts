import type { Locator, Page } from 'playwright-core';

/** A case's Claims area: the table and its filters, the details panel, and the claim dialog. */
export class ClaimsPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Claims' })
      .click();
    await this.page.getByRole('heading', { name: 'Claims', level: 2 }).waitFor();
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Claims' });
  }

  /** The row of a claim, by its sentence ("Kim Jong Nam son of Kim Jong Il"). */
  row(sentence: string): Locator {
    return this.table.getByRole('row').filter({
      has: this.page.getByRole('button', { name: `Open claim: ${sentence}`, exact: true }),
    });
  }

  async open(sentence: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Open claim: ${sentence}`, exact: true }).click();
    const details = this.details(sentence);
    await details.waitFor();
    return details;
  }

  details(sentence: string): Locator {
    return this.page.getByRole('region', { name: `Claim: ${sentence}`, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^(New|Edit) claim$/ });
  }

  /** Fills the open dialog's predicate and information credibility (1 to 6). */
  async fill(predicate: string, credibility: number): Promise<void> {
    await this.dialog.getByLabel('Predicate').fill(predicate);
    await this.dialog.getByRole('radio', { name: new RegExp(`^${credibility} — `) }).check();
  }

  /** Creates the claim of the open dialog and waits for the dialog to close. */
  async create(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Create claim' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
