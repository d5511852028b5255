import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
}

/** A browser profile on disk, so a test can quit the browser and start it again (a restart). */
export class PersistentProfile {
  readonly dir = mkdtempSync(join(tmpdir(), 'casefile-profile-'));
  launch(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(this.dir, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Records every request the page makes and every console error, so a test can assert the app
 * stayed on its own origin (air-gapped) and broke no Content-Security-Policy rule.
 */
export function watchPage(page: Page, baseUrl: string) {
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      foreignRequests.push(url);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // Playwright turns file-chooser interception on when the first listener is added, without
  // waiting for the browser (puppeteer#6040): a key press sent right after `waitForEvent` could
  // open the chooser first, unseen. Turned on here, long before any test opens one.
  page.on('filechooser', () => undefined);
  return { foreignRequests, consoleErrors };
}

/**
 * One browser for the file and a fresh context and page per test. After every test it asserts
 * that the page stayed on its own origin (air-gapped) and logged no error (a CSP violation
 * would show up there).
 */
export function useWatchedPage(baseUrl: string, setup?: (page: Page) => Promise<void>) {
  let browser: Browser;
  let context: BrowserContext;
  const current: { page?: Page; watched?: ReturnType<typeof watchPage> } = {};
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    current.page = await context.newPage();
    current.watched = watchPage(current.page, baseUrl);
    await setup?.(current.page);
  });
  afterEach(async () => {
    expect(current.watched?.foreignRequests).toEqual([]);
    expect(current.watched?.consoleErrors).toEqual([]);
    await context.close();
  });
  return {
    get page(): Page {
      if (!current.page) throw new Error('The page exists only inside a test.');
      return current.page;
    },
  };
}
