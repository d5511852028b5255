import type { Locator, Page } from 'playwright-core';

/** The case list, as an investigator sees it. */
export class CaseListPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}#/cases`);
    await this.heading.waitFor();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Cases', level: 1 });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Cases' });
  }

  row(title: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }

  async newCase(): Promise<CaseFormDialog> {
    await this.page.getByRole('button', { name: 'New case', exact: true }).click();
    const dialog = new CaseFormDialog(this.page, 'New case');
    await dialog.root.waitFor();
    return dialog;
  }

  async createCase(
    title: string,
    options: { summary?: string; marking?: string } = {},
  ): Promise<void> {
    const dialog = await this.newCase();
    await dialog.fill(title, options);
    await dialog.submit('Create case');
    await dialog.root.waitFor({ state: 'detached' });
  }

  async open(title: string): Promise<void> {
    await this.table.getByRole('button', { name: title, exact: true }).click();
  }

  async rename(title: string, newTitle: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${title}`, exact: true }).click();
    const dialog = new CaseFormDialog(this.page, 'Edit case details');
    await dialog.title.fill(newTitle);
    await dialog.submit('Save changes');
    await dialog.root.waitFor({ state: 'detached' });
  }

  async delete(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${title}`, exact: true }).click();
    const confirm = this.page.getByRole('alertdialog', { name: 'Delete case?' });
    await confirm.getByRole('button', { name: 'Delete case' }).click();
    await confirm.waitFor({ state: 'detached' });
  }
}

export class CaseFormDialog {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.root = page.getByRole('dialog', { name });
  }

  get title(): Locator {
    return this.root.getByRole('textbox', { name: 'Title' });
  }

  get error(): Locator {
    return this.root.getByRole('alert');
  }

  async fill(title: string, options: { summary?: string; marking?: string } = {}): Promise<void> {
    await this.title.fill(title);
    if (options.summary !== undefined)
      await this.root.getByRole('textbox', { name: 'Summary' }).fill(options.summary);
    if (options.marking !== undefined)
      await this.root
        .getByRole('combobox', { name: 'Handling marking' })
        .selectOption(options.marking);
  }

  async submit(label: string): Promise<void> {
    await this.root.getByRole('button', { name: label }).click();
  }
}
