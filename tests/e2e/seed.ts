import type { Page } from 'playwright-core';

export interface SeedCase {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly marking: string;
  readonly status: 'open';
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `count` valid case rows, newest last, titled "Case 0000" … */
export function manyCases(count: number): SeedCase[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      id: crypto.randomUUID(),
      title: `Case ${String(i).padStart(4, '0')}`,
      summary: i % 2 === 0 ? 'Seeded for the long-list test.' : '',
      marking: 'TLP:AMBER',
      status: 'open',
      createdAt: at,
      updatedAt: at,
    };
  });
}

/**
 * Writes rows straight into the app's IndexedDB (after the app has created it), the way a
 * restored backup would appear: faster than creating hundreds of cases through the UI.
 */
export async function seedCases(page: Page, rows: readonly SeedCase[]): Promise<void> {
  await page.evaluate(
    (seed) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction('cases', 'readwrite');
          for (const row of seed) tx.objectStore('cases').put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    rows,
  );
}

/** Every row of a table of the app's IndexedDB. */
export function storedRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((done, fail) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            done(request.result as T[]);
          };
          request.onerror = () => fail(new Error(String(request.error)));
        };
      }),
    table,
  );
}

/** Table name → rows, written in one transaction by `seedTables`. */
export type SeedTables = Readonly<Record<string, readonly unknown[]>>;

/** Writes rows into several tables of the app's IndexedDB in one transaction. */
export async function seedTables(page: Page, tables: SeedTables): Promise<void> {
  await page.evaluate(
    (seed) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const names = Object.keys(seed);
          const tx = open.result.transaction(names, 'readwrite');
          for (const name of names) {
            for (const row of seed[name] ?? []) tx.objectStore(name).put(row);
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    tables as Record<string, unknown[]>,
  );
}
