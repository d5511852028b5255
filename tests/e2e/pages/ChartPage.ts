import type { Locator, Page } from 'playwright-core';

/** A case's Chart area: saved charts, toolbars, the canvas, list view and selection details. */
export class ChartPage {
  constructor(readonly page: Page) {}

  async openFromWorkspace(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Case areas' })
      .getByRole('link', { name: 'Chart' })
      .click();
    await this.canvas.waitFor();
  }

  get canvas(): Locator {
    return this.page.getByTestId('graph-canvas');
  }

  get details(): Locator {
    return this.page.getByRole('region', { name: 'Selection details' });
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Chart as a list' });
  }

  get highlight(): Locator {
    return this.page.getByRole('status', { name: 'Highlight' });
  }

  toolbar(name: 'Chart view' | 'Chart analysis' | 'Chart contents'): Locator {
    return this.page.getByRole('toolbar', { name });
  }

  /** Waits until the canvas draws this many nodes and links. */
  async waitForCounts(nodes: number, edges: number): Promise<void> {
    await this.page
      .locator(
        `[data-testid="graph-canvas"][data-node-count="${nodes}"][data-edge-count="${edges}"]`,
      )
      .waitFor({ timeout: 30_000 });
  }

  /** Waits until no layout is running (its last run done, cancelled or none yet). */
  async waitForLayout(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const phase = document
          .querySelector('[data-testid="graph-canvas"]')
          ?.getAttribute('data-layout-phase');
        return phase === 'done' || phase === 'idle' || phase === 'cancelled';
      },
      undefined,
      { timeout: 30_000 },
    );
  }

  /** Waits until a layout has run to its end (not cancelled, not failed). */
  async waitForLayoutDone(): Promise<void> {
    await this.page
      .locator('[data-testid="graph-canvas"][data-layout-phase="done"]')
      .waitFor({ timeout: 60_000 });
  }

  /** Waits until every edit of the open chart is stored. */
  async waitForSaved(): Promise<void> {
    await this.page.locator('.cf-chart[data-save-state="saved"]').waitFor();
  }

  async chooseLayout(label: string): Promise<void> {
    await this.toolbar('Chart view').getByRole('combobox', { name: 'Layout' }).selectOption({
      label,
    });
  }

  async showList(): Promise<Locator> {
    const toggle = this.toolbar('Chart view').getByRole('button', { name: 'List view' });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await this.list.waitFor();
    return this.list;
  }

  /** Ticks an entity or link in the list view, adding it to the selection. */
  async tick(name: string): Promise<void> {
    await this.list.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  }

  /** Unticks an entity or link in the list view, taking it out of the selection. */
  async untick(name: string): Promise<void> {
    await this.list.getByRole('checkbox', { name: `Select ${name}`, exact: true }).uncheck();
  }

  /** The ids of the list rows marked highlighted (nodes and links). */
  async highlightedIds(): Promise<string[]> {
    return this.list
      .locator('th[data-highlighted="true"]')
      .evaluateAll((cells) =>
        cells.map((c) => c.getAttribute('data-node-id') ?? c.getAttribute('data-edge-id') ?? ''),
      );
  }

  /** The names of the list rows marked highlighted, entities then links. */
  async highlightedNames(): Promise<string[]> {
    return this.list.locator('th[data-highlighted="true"]').allTextContents();
  }

  async openFilters(): Promise<Locator> {
    const panel = this.page.getByRole('region', { name: 'Chart filters' });
    if (!(await panel.isVisible())) {
      await this.toolbar('Chart view')
        .getByRole('button', { name: /^Filters/ })
        .click();
    }
    await panel.waitFor();
    return panel;
  }

  get savedCharts(): Locator {
    return this.page.getByRole('combobox', { name: 'Saved charts' });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, level: 2 });
  }

  async newChart(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New chart…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New chart' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('button', { name: 'Create chart' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.heading(title).waitFor();
  }
}
