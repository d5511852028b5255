import type { Download, Locator, Page } from 'playwright-core';

/** "Identity and address book" (`#/keys`). */
export class KeysPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Identity and keys' }).click();
    await this.page.getByRole('heading', { name: 'Identity and address book', level: 1 }).waitFor();
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  get recipient(): Locator {
    return this.page.getByLabel('My age recipient', { exact: true });
  }

  get fingerprint(): Locator {
    return this.page.getByLabel('My signing key fingerprint', { exact: true });
  }

  async createIdentity(name: string, passphrase: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Create my identity…' }).click();
    const dialog = this.dialog('Create my identity');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Identity passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('Identity passphrase (again)').fill(passphrase);
    await dialog.getByRole('button', { name: 'Create identity' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.recipient.waitFor();
  }

  /** Adds a colleague from pasted card text or recipient; the dialog stays open until added. */
  async addColleague(pasted: string, name?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add colleague…' }).click();
    const dialog = this.dialog('Add a colleague');
    await dialog.getByLabel('Public card or age recipient').fill(pasted);
    await dialog.getByLabel('Public card or age recipient').blur();
    if (name) await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Add to address book' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Saves the identity file (a download) with this passphrase. */
  async exportIdentityFile(passphrase: string): Promise<Download> {
    await this.page.getByRole('button', { name: 'Export identity file…' }).click();
    const dialog = this.dialog('Export my identity file');
    await dialog.getByLabel('File passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('File passphrase (again)').fill(passphrase);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Save identity file' }).click(),
    ]);
    await dialog.getByText(/^Saved as/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    return download;
  }

  async importIdentityFile(path: string, filePassphrase: string, localPassphrase: string) {
    await this.page.getByRole('button', { name: 'Import identity file…' }).click();
    const dialog = this.dialog('Import my identity file');
    const chooser = this.page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose identity file…' }).click();
    await (await chooser).setFiles(path);
    await dialog.getByLabel('File passphrase').fill(filePassphrase);
    await dialog.getByLabel('Identity passphrase', { exact: true }).fill(localPassphrase);
    await dialog.getByLabel('Identity passphrase (again)').fill(localPassphrase);
    await dialog.getByRole('button', { name: 'Import identity' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.recipient.waitFor();
  }
}

/** The "Export encrypted bundle" dialog, from a case's Overview. */
export class ExportBundlePage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export encrypted bundle' });
  }

  async openFromOverview(): Promise<void> {
    await this.page
      .getByRole('region', { name: 'Overview' })
      .getByRole('button', { name: 'Export encrypted bundle…' })
      .click();
    await this.dialog.waitFor();
  }

  async export(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      this.dialog.getByRole('button', { name: 'Export bundle' }).click(),
    ]);
    await this.dialog.getByText(/^Saved as/).waitFor({ timeout: 60_000 });
    return download;
  }
}

/** The "Import encrypted bundle" dialog, from the Cases list. */
export class ImportBundlePage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import encrypted bundle' });
  }

  get details(): Locator {
    return this.dialog.getByLabel('Bundle', { exact: true });
  }

  get counts(): Locator {
    return this.dialog.getByRole('table', { name: 'Records' });
  }

  /** Opens the dialog from the case list and chooses the bundle file. */
  async choose(path: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import bundle…' }).click();
    await this.dialog.waitFor();
    const chooser = this.page.waitForEvent('filechooser');
    await this.dialog.getByRole('button', { name: 'Choose bundle…' }).click();
    await (await chooser).setFiles(path);
    await this.dialog.getByRole('button', { name: 'Open bundle' }).waitFor();
  }

  /** The numbers in a kind's row: added, identical, conflicting. */
  async countsOf(kind: string): Promise<number[]> {
    const cells = this.counts
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: kind, exact: true }) })
      .getByRole('cell');
    return (await cells.allTextContents()).map(Number);
  }
}
