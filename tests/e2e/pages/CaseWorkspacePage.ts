import type { Locator, Page } from 'playwright-core';

/** One open case: its area navigation and the areas themselves. */
export class CaseWorkspacePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get areas(): Locator {
    return this.page.getByRole('navigation', { name: 'Case areas' });
  }

  async goToArea(name: 'Overview' | 'Activity'): Promise<Locator> {
    await this.areas.getByRole('link', { name }).click();
    const region = this.page.getByRole('region', { name });
    await region.waitFor();
    return region;
  }

  async backToCases(): Promise<void> {
    await this.areas.getByRole('button', { name: '← All cases' }).click();
  }
}
