import type { Locator, Page } from 'playwright-core';

/** A case's Notebook area: the notes list, the open note, its editor and the Insert panel. */
export class NotebookPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Notebook' })
      .click();
    await this.region.waitFor();
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Notebook' });
  }

  get notes(): Locator {
    return this.page.getByRole('list', { name: 'Notes by last change' });
  }

  /** The list row of a note, by its exact title. */
  note(title: string): Locator {
    return this.notes.getByRole('button').filter({
      has: this.page.locator('.cf-notebook__note-title', {
        hasText: new RegExp(`^${escapeRegExp(title)}$`),
      }),
    });
  }

  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Note title' });
  }

  /** The editable text of the open note. */
  get editor(): Locator {
    return this.page.getByRole('textbox', { name: 'Note text' });
  }

  get saveStatus(): Locator {
    return this.page.getByRole('status', { name: 'Save status' });
  }

  get insert(): Locator {
    return this.page.getByRole('complementary', { name: 'Insert' });
  }

  /** The Insert panel's row of a passage, by words of its quote. */
  passage(words: string): Locator {
    return this.insert.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({
      hasText: words,
    });
  }

  /** The Insert panel's row of a claim, by its sentence. */
  claim(sentence: string): Locator {
    return this.insert.getByRole('list', { name: 'Claims' }).getByRole('listitem').filter({
      hasText: sentence,
    });
  }

  /** Creates a note and names it (the new note's title is selected, ready to type over). */
  async create(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New note' }).first().click();
    await this.title.waitFor();
    await this.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Note title',
    );
    await this.page.keyboard.type(title);
    await this.page.keyboard.press('Enter');
    await this.note(title).waitFor();
  }

  /** Puts the cursor at the end of the note's text. */
  async focusEnd(): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('Control+End');
  }

  /** Types `@query` and picks the entity called `name` from the type-ahead. */
  async mention(query: string, name: string): Promise<void> {
    await this.page.keyboard.type(`@${query}`);
    const option = this.page.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}`) });
    await option.first().click();
  }

  /** Waits until the latest edits are stored ("Saved" is shown only after the write). */
  async waitUntilSaved(): Promise<void> {
    await this.page.waitForFunction(() => {
      const status = document.querySelector('[aria-label="Save status"]');
      return status?.textContent === 'Saved';
    });
  }

  /** Dispatches a paste of these clipboard flavours into the editor, as another app's copy would. */
  async paste(data: Readonly<Record<string, string>>): Promise<void> {
    await this.editor.evaluate((element, flavours) => {
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(flavours)) transfer.setData(type, value);
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, data);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
