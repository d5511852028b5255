// "Find in this source" on a 1 MB text (issue 7): typing must stay responsive while the reader
// tokenizes the text (once, in slices) and searches it (after typing pauses). Printed: the worst
// delay between a keystroke and the next painted frame while typing, the longest task, and the
// time from the last keystroke to the count being shown, for a word with a few thousand matches
// and one over the 10,000 cap; and the time one "next match" step takes to show.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';
// The reader bench's text, so the two benches read the same 1 MB.
import { TEXT_BYTES, benchText } from './reader.bench.mjs';

/** In the page: keystroke → next frame delays and the longest task, from now on. */
function watchTyping() {
  window.__keyDelays = [];
  window.__longestTask = 0;
  const since = performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= since) {
        window.__longestTask = Math.max(window.__longestTask, entry.duration);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'keydown',
    () => {
      const at = performance.now();
      requestAnimationFrame(() => window.__keyDelays.push(performance.now() - at));
    },
    true,
  );
}

/** Types `word` a key every 60 ms and measures until the count reads `done` (a RegExp source). */
async function typeAndWait(page, word, done) {
  const input = page.getByRole('searchbox', { name: 'Find in this source' });
  await input.fill('');
  await page.waitForTimeout(300);
  await page.evaluate(watchTyping);
  await input.pressSequentially(word, { delay: 60 });
  const typedAt = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(document.querySelector('.cf-find__count')?.textContent ?? ''),
    done,
    { timeout: 60_000 },
  );
  const shownAt = await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  const figures = await page.evaluate(() => ({
    keyDelay: Math.max(...window.__keyDelays),
    longest: window.__longestTask,
    count: document.querySelector('.cf-find__count')?.textContent,
    painted: CSS.highlights.get('cf-find')?.size ?? 0,
  }));
  return { ...figures, shown: shownAt - typedAt };
}

export default {
  name: `find in this source, ${(TEXT_BYTES / 1e6).toFixed(0)} MB text (web build)`,
  async run() {
    const server = await serveWeb({ port: 5188 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}#/cases`);
      await page.getByRole('button', { name: 'New case', exact: true }).click();
      await page.getByRole('textbox', { name: 'Title' }).fill('Find bench');
      await page.getByRole('button', { name: 'Create case' }).click();
      await page.getByRole('link', { name: 'Sources' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import files…' }).click();
      await (
        await chooser
      ).setFiles([
        { name: 'find-bench.txt', mimeType: 'text/plain', buffer: Buffer.from(benchText()) },
      ]);
      await page.getByRole('button', { name: 'Close report' }).waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Close report' }).click();
      const hash = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('casefile');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('sources').objectStore('sources').getAll();
              all.onsuccess = () => {
                const [source] = all.result;
                open.result.close();
                resolve(`#/case/${source.caseId}/sources/${source.id}`);
              };
            };
          }),
      );
      await page.evaluate((to) => (window.location.hash = to), hash);
      await page.locator('.cf-text:not([aria-busy])').waitFor({ timeout: 60_000 });
      const chars = await page.evaluate(
        () => document.querySelector('.cf-text')?.textContent?.length,
      );

      // Opening the bar starts reading the text; the first word is typed straight away.
      const openedAt = await page.evaluate(() => performance.now());
      await page.keyboard.press('Control+f');
      const first = await typeAndWait(page, 'kiosks', '^1 of [\\d,]+$');
      const firstFromOpen = (await page.evaluate(() => performance.now())) - openedAt;
      const capped = await typeAndWait(page, 'the', '^1 of 10,000\\+$');

      // One step to the next match.
      const stepped = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const count = document.querySelector('.cf-find__count');
            const at = performance.now();
            new MutationObserver((_, observer) => {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - at));
            }).observe(count, { childList: true, characterData: true, subtree: true });
            document
              .querySelector('.cf-find__input')
              .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
          }),
      );

      return [
        {
          name: 'first search (text read on opening): worst keystroke → frame while typing',
          value: first.keyDelay,
          unit: 'ms',
          target: 100,
          better: 'lower',
          detail: `${chars.toLocaleString('en')} characters; "kiosks": ${first.count}, ${first.painted.toLocaleString('en')} painted`,
        },
        {
          name: 'first search: longest task while typing and searching',
          value: first.longest,
          unit: 'ms',
          better: 'lower',
          detail: 'long tasks are those over 50 ms; 0 = none',
        },
        {
          name: 'first search: last keystroke → count shown (debounce included)',
          value: first.shown,
          unit: 'ms',
          better: 'lower',
          detail: `${firstFromOpen.toFixed(0)} ms from Ctrl+F, typing included`,
        },
        {
          name: 'over the cap ("the"): worst keystroke → frame while typing',
          value: capped.keyDelay,
          unit: 'ms',
          target: 100,
          better: 'lower',
          detail: `${capped.count}, ${capped.painted.toLocaleString('en')} painted`,
        },
        {
          name: 'over the cap: longest task',
          value: capped.longest,
          unit: 'ms',
          better: 'lower',
        },
        {
          name: 'over the cap: last keystroke → count shown',
          value: capped.shown,
          unit: 'ms',
          better: 'lower',
        },
        {
          name: 'next match (Enter) → count updated and painted',
          value: stepped,
          unit: 'ms',
          better: 'lower',
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
