// Functions the benchmarks run inside the page (page.evaluate / addInitScript): each must be
// self-contained, since Playwright serialises its source.

/** Writes rows straight into one store of the app's IndexedDB (after the app has created it). */
export function putRows({ store, rows }) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('casefile');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(store, 'readwrite');
      for (const row of rows) tx.objectStore(store).put(row);
      tx.oncomplete = () => {
        open.result.close();
        resolve(rows.length);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/**
 * Marks the moment a table holds every row and the page can take input again: the table reports
 * all rows (aria-rowcount; long tables render only the rows in view), the first row is in the
 * DOM, a frame has been painted, and a task queued after that frame has run.
 */
export function markTableInteractive({ label, rows }) {
  const observer = new MutationObserver(() => {
    const table = document.querySelector(`table[aria-label="${label}"]`);
    if (
      table?.getAttribute('aria-rowcount') === String(rows + 1) &&
      table.querySelector('tbody tr[aria-rowindex="2"]')
    ) {
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          window.__casefileInteractiveAt = performance.now();
        }, 0),
      );
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Milliseconds from navigation to the mark above. */
export async function interactiveAt(page) {
  await page.waitForFunction(() => window.__casefileInteractiveAt !== undefined, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => window.__casefileInteractiveAt);
}
