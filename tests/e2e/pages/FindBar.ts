import type { Locator, Page } from 'playwright-core';

/** What the reader paints as the current match and as every match (CSS Custom Highlight API). */
export interface PaintedMatches {
  readonly all: string[];
  readonly current: string | undefined;
  /** Whether the current match is drawn inside the window and every box that scrolls it. */
  readonly currentInView: boolean;
  /** Whether it is in the middle half of the window (scrolled to the centre, not to an edge). */
  readonly currentCentred: boolean;
}

/** The reader's "find in this source" bar and the matches it paints in the text. */
export class FindBar {
  constructor(readonly page: Page) {}

  get bar(): Locator {
    return this.page.getByRole('search', { name: 'Find in this source' });
  }

  get input(): Locator {
    return this.bar.getByRole('searchbox', { name: 'Find in this source' });
  }

  get count(): Locator {
    return this.bar.getByRole('status');
  }

  /** Opens the bar with the keyboard shortcut, as a user on this platform would. */
  async openWithShortcut(): Promise<void> {
    const mac = await this.page.evaluate(() => /Mac/.test(navigator.platform));
    await this.page.keyboard.press(mac ? 'Meta+f' : 'Control+f');
    await this.input.waitFor();
  }

  async search(query: string): Promise<void> {
    await this.input.fill(query);
  }

  /** Waits until the count reads exactly `text` ("3 of 17", "No matches"). */
  async waitForCount(text: string): Promise<void> {
    await this.bar
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .waitFor();
  }

  button(name: 'Previous match' | 'Next match' | 'Close find'): Locator {
    return this.bar.getByRole('button', { name });
  }

  painted(): Promise<PaintedMatches> {
    return this.page.evaluate(() => {
      const textOf = (range: AbstractRange) => {
        const dom = document.createRange();
        dom.setStart(range.startContainer, range.startOffset);
        dom.setEnd(range.endContainer, range.endOffset);
        return dom;
      };
      const all = [...(CSS.highlights.get('cf-find') ?? [])].map((r) => textOf(r).toString());
      const [currentRange] = [...(CSS.highlights.get('cf-find-current') ?? [])].map(textOf);
      let currentInView = false;
      let currentCentred = false;
      if (currentRange) {
        const rect = currentRange.getBoundingClientRect();
        currentCentred =
          rect.top >= window.innerHeight / 4 && rect.bottom <= (window.innerHeight * 3) / 4;
        currentInView = rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight;
        const start = currentRange.startContainer;
        for (let box = start.parentElement; box && currentInView; box = box.parentElement) {
          if (!/(auto|scroll)/.test(getComputedStyle(box).overflowY)) continue;
          const frame = box.getBoundingClientRect();
          if (rect.top < frame.top || rect.bottom > frame.bottom) currentInView = false;
        }
      }
      return { all, current: currentRange?.toString(), currentInView, currentCentred };
    });
  }
}
