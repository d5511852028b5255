import type { Page } from 'playwright-core';

/** The recovery screen's heading (src/features/recovery). */
export const RECOVERY_HEADING = 'Some cases are missing from the case database';

/**
 * Waits until the case registry (localStorage) lists the case `title` with at least `sources`
 * sources: it is rewritten about a second after each write.
 */
export async function waitForRegistered(page: Page, title: string, sources = 0): Promise<void> {
  await page.waitForFunction(
    ([wanted, atLeast]) => {
      const record = JSON.parse(localStorage.getItem('casefile.registry') ?? '{"cases":[]}') as {
        cases: { title: string; counts: { sources: number } }[];
      };
      return record.cases.some((c) => c.title === wanted && c.counts.sources >= atLeast);
    },
    [title, sources] as const,
  );
}
