import type { Locator, Page } from 'playwright-core';

/** A case's Search area and the "Search this case" box in the workspace header. */
export class SearchPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Search' })
      .click();
    await this.region.waitFor();
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Search', exact: true });
  }

  /** The header box (shown outside the Search area). */
  get headerBox(): Locator {
    return this.page
      .locator('.cf-case-search')
      .getByRole('searchbox', { name: 'Search this case' });
  }

  /** The Search area's own field. */
  get field(): Locator {
    return this.region.getByRole('searchbox', { name: 'Search this case' });
  }

  get description(): Locator {
    return this.region.locator('.cf-search-area__description');
  }

  /** What was read differently from how it was written. */
  get warnings(): Locator {
    return this.region.getByRole('list', { name: 'How the search was read' });
  }

  get error(): Locator {
    return this.region.locator('.cf-search-area__error');
  }

  get savedPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Saved searches' });
  }

  /** A group of results by its kind's heading ("Sources", "Passages"…). */
  group(label: string): Locator {
    return this.region.getByRole('region', { name: new RegExp(`^${label} `) });
  }

  /** The result (its open button) whose title contains `title`. */
  hit(title: string): Locator {
    return this.region.locator('[data-search-hit]').filter({
      has: this.page.locator('.cf-search-hit__title', { hasText: title }),
    });
  }

  /** Replaces the query and waits until results for it are shown ("Searching for …"). */
  async search(query: string): Promise<void> {
    await this.field.fill(query);
    await this.field.press('Enter');
    await this.description.waitFor();
  }

  async save(name: string): Promise<void> {
    await this.savedPanel.getByRole('button', { name: 'Save search…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save search' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await this.savedPanel.getByText(name, { exact: true }).waitFor();
  }

  async run(name: string): Promise<void> {
    await this.savedPanel.getByRole('button', { name: `Run “${name}”` }).click();
  }

  /** "Tag as entity…" on the result titled `title`: a new entity of `type` from the matched words. */
  async tagAsNewEntity(title: string, type: string): Promise<void> {
    const row = this.region.locator('.cf-search-hit').filter({
      has: this.page.locator('.cf-search-hit__title', { hasText: title }),
    });
    await row.getByRole('button', { name: 'Tag as entity…' }).click();
    const picker = this.page.getByRole('dialog', { name: 'Tag as entity' });
    await picker.getByRole('combobox', { name: 'Type of a new entity' }).selectOption(type);
    await picker.getByRole('option', { name: /^Create new entity/ }).click();
    await picker.waitFor({ state: 'detached' });
  }
}
