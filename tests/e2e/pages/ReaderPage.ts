import type { Locator, Page } from 'playwright-core';

/**
 * The source reader's passages: selecting text, the selection toolbar, the entity picker, marks
 * in the text and the Passages tab. (Evidence and provenance: SourceReaderPage in SourcesPage.ts.)
 */
export class ReaderPage {
  constructor(readonly page: Page) {}

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, level: 2 });
  }

  get text(): Locator {
    return this.page.getByLabel('Extracted text');
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Selection' });
  }

  get passageList(): Locator {
    return this.page.getByRole('list', { name: 'Passages in text order' });
  }

  get orphans(): Locator {
    return this.page.getByRole('region', { name: 'Orphaned passages' });
  }

  /** A passage of the list by its quote (exactly; the card shows some context around it). */
  passage(quote: string): Locator {
    return this.page.locator('.cf-passage').filter({
      has: this.page.locator('.cf-passage__exact', {
        hasText: new RegExp(`^${escapeRegExp(quote)}$`),
      }),
    });
  }

  /** Marks in the text whose own text is exactly `text`. */
  marks(text: string): Locator {
    return this.text.locator('mark', { hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }

  async showPassages(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Passages/ }).click();
  }

  /**
   * Selects `needle` in the text as a mouse drag would (a DOM range, which may cross marks), and
   * waits for the selection toolbar. `within` picks which occurrence: the one inside that longer
   * stretch of a paragraph.
   */
  async select(needle: string, within: string = needle): Promise<void> {
    await this.text.waitFor();
    await this.page.evaluate(
      ({ needle, within }) => {
        const root = document.querySelector('[aria-label="Extracted text"]')!;
        const paragraph = Array.from(root.querySelectorAll('p')).find((p) =>
          p.textContent?.includes(within),
        );
        const inside = within.indexOf(needle);
        if (!paragraph || inside === -1) throw new Error(`"${needle}" in "${within}" not found`);
        const from = paragraph.textContent.indexOf(within) + inside;
        const to = from + needle.length;
        // The text node and offset at a character offset of the paragraph.
        const point = (offset: number): [Node, number] => {
          const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
          let left = offset;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = (node as Text).data.length;
            if (left <= length) return [node, left];
            left -= length;
          }
          throw new Error('offset beyond the paragraph');
        };
        const range = document.createRange();
        range.setStart(...point(from));
        range.setEnd(...point(to));
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        root.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
        root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      { needle, within },
    );
    await this.toolbar.waitFor();
  }

  async highlight(colour: string): Promise<void> {
    await this.toolbar.getByRole('button', { name: `Highlight ${colour}` }).click();
    await this.toolbar.waitFor({ state: 'detached' });
  }

  async comment(note: string): Promise<void> {
    await this.toolbar.getByRole('button', { name: 'Comment' }).click();
    const form = this.page.getByRole('form', { name: 'Comment on the selection' });
    await form.getByRole('textbox', { name: 'Comment' }).fill(note);
    await form.getByRole('button', { name: 'Save comment' }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Tags the selection as a new entity of `type` (the option label, e.g. "Person"). */
  async tagAsNewEntity(type: string): Promise<void> {
    await this.toolbar.getByRole('button', { name: 'Tag as entity' }).click();
    const picker = this.page.getByRole('dialog', { name: 'Tag as entity' });
    await picker.getByRole('combobox', { name: 'Type of a new entity' }).selectOption(type);
    await picker.getByRole('option', { name: /^Create new entity/ }).click();
    await picker.waitFor({ state: 'detached' });
  }

  /** Selects `name` (inside `within`), tags it as a new entity and waits for its passage. */
  async tagNewEntity(name: string, type: string, within: string = name): Promise<void> {
    await this.select(name, within);
    await this.tagAsNewEntity(type);
    await this.passage(name).waitFor();
  }

  /** Selects `needle` and opens the claim dialog with that passage as evidence. */
  async claimSelection(needle: string): Promise<void> {
    await this.select(needle);
    await this.toolbar.getByRole('button', { name: 'Claim…' }).click();
  }

  /** True when the element is drawn inside the window and every box that scrolls it. */
  inView(element: Locator): Promise<boolean> {
    return element.evaluate((node) => {
      const rect = node.getBoundingClientRect();
      if (rect.bottom <= 0 || rect.top >= window.innerHeight) return false;
      for (let box = node.parentElement; box; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (!/(auto|scroll)/.test(style.overflowY)) continue;
        const frame = box.getBoundingClientRect();
        if (rect.bottom <= frame.top || rect.top >= frame.bottom) return false;
      }
      return true;
    });
  }

  /** Opens the entity of a mention from the passage list. */
  async openEntity(name: string, typeLabel: string): Promise<void> {
    await this.passageList
      .getByRole('button', { name: `${name} (${typeLabel})` })
      .first()
      .click();
  }

  /** The ids of the passages a mark covers. */
  async passagesUnder(mark: Locator): Promise<string[]> {
    return ((await mark.getAttribute('data-passages')) ?? '').split(' ').filter(Boolean);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
