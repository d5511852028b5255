import type { Locator, Page } from 'playwright-core';

/** A case's Entities area: the table, the New entity dialog, and an entity's page. */
export class EntitiesPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Entities' })
      .click();
    await this.page.getByRole('heading', { name: 'Entities', level: 2 }).waitFor();
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Entities' });
  }

  /** The names in the table, in the order shown. */
  async names(): Promise<string[]> {
    await this.table.waitFor();
    return this.table.getByRole('rowheader').getByRole('button').allTextContents();
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  async create(name: string, type: string, aliases: readonly string[] = []): Promise<EntityPage> {
    await this.page.getByRole('button', { name: 'New entity…' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New entity' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: type });
    if (aliases.length > 0)
      await dialog.getByRole('textbox', { name: 'Aliases' }).fill(aliases.join('\n'));
    await dialog.getByRole('button', { name: 'Create entity' }).click();
    const entity = new EntityPage(this.page);
    await entity.heading(name).waitFor();
    return entity;
  }

  async open(name: string): Promise<EntityPage> {
    await this.table.getByRole('button', { name, exact: true }).click();
    const entity = new EntityPage(this.page);
    await entity.heading(name).waitFor();
    return entity;
  }
}

/** One entity's page. */
export class EntityPage {
  constructor(readonly page: Page) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 2, exact: true });
  }

  get mentions(): Locator {
    return this.page.getByRole('region', { name: 'Mentions' });
  }

  get mergeHistory(): Locator {
    return this.page.getByRole('region', { name: 'Merge history' });
  }

  get aliases(): Locator {
    return this.page.locator('.cf-entity-page__aliases');
  }

  /** Merges the entity called `other` into this one, through the picker and the confirmation. */
  async merge(other: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Merge…' }).click();
    const picker = this.page.getByRole('dialog', { name: /^Merge a duplicate into/ });
    await picker.getByRole('combobox', { name: 'Find an entity' }).fill(other);
    await picker
      .getByRole('option', { name: new RegExp(other) })
      .first()
      .waitFor();
    await this.page.keyboard.press('Enter');
    const confirm = this.page.getByRole('dialog', { name: 'Merge entities?' });
    await confirm.getByRole('button', { name: 'Merge entities' }).click();
    await confirm.waitFor({ state: 'detached' });
  }

  async undoMerge(other: string, into: string): Promise<void> {
    await this.mergeHistory
      .getByRole('button', { name: `Undo merge of “${other}” into “${into}”` })
      .click();
    await this.mergeHistory.getByText('undone').waitFor();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: '← All entities' }).click();
    await this.page.getByRole('heading', { name: 'Entities', level: 2 }).waitFor();
  }
}
