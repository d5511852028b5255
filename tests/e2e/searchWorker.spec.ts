import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { CaseWorkspacePage } from './pages/CaseWorkspacePage';
import { NotebookPage } from './pages/NotebookPage';

const baseUrl = inject('baseUrl');

/** The built search worker's file name (hashed). */
function searchWorkerAsset(): string {
  const dir = resolve(import.meta.dirname, '../../out/renderer/assets');
  const name = readdirSync(dir).find((file) => /^search\.worker-.*\.js$/.test(file));
  if (!name) throw new Error('No search worker in out/renderer/assets: build first.');
  return `/assets/${name}`;
}

/**
 * Starts a second search worker in the page (as the app's client does) and talks its protocol
 * directly: this checks the built worker, and that it hears the app's writes on its own.
 */
async function startWorker(page: Page, url: string): Promise<void> {
  await page.evaluate((workerUrl) => {
    const worker = new Worker(workerUrl, { type: 'module', name: 'casefile-search-smoke' });
    const replies = new Map<number, (value: unknown) => void>();
    const statuses: { state: string; notice?: string }[] = [];
    worker.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { type: string; id?: number; status?: { state: string } };
      if (data.type === 'status' && data.status) statuses.push(data.status);
      if (data.id !== undefined) replies.get(data.id)?.(data);
    });
    let nextId = 1;
    Object.assign(window, {
      smoke: {
        statuses,
        post: (message: object) => worker.postMessage(message),
        ask: (message: object) =>
          new Promise((resolve) => {
            const id = nextId++;
            replies.set(id, resolve);
            worker.postMessage({ ...message, id });
          }),
      },
    });
  }, url);
}

interface Smoke {
  statuses: { state: string }[];
  post(message: object): void;
  ask(message: object): Promise<{
    result: { ok: boolean; value?: { groups: { kind: string; hits: { title: string }[] }[] } };
  }>;
}

async function noteTitlesFor(page: Page, caseId: string, query: string): Promise<string[]> {
  return page.evaluate(
    async ({ caseId, query }) => {
      const smoke = (window as unknown as { smoke: Smoke }).smoke;
      const reply = await smoke.ask({ type: 'search', caseId, query });
      const notes = reply.result.value?.groups.find((group) => group.kind === 'note');
      return notes?.hits.map((hit) => hit.title) ?? [];
    },
    { caseId, query },
  );
}

/** Whether the search database holds a saved index of the case (read with raw IndexedDB). */
function hasSnapshot(page: Page, caseId: string): Promise<boolean> {
  return page.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('casefile-search');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) {
            db.close();
            resolve(false);
            return;
          }
          const get = db.transaction('snapshots').objectStore('snapshots').get(id);
          get.onsuccess = () => {
            db.close();
            resolve(get.result !== undefined);
          };
        };
      }),
    caseId,
  );
}

function caseIdOf(page: Page): string {
  const caseId = /#\/case\/([^/?]+)/.exec(page.url())?.[1];
  if (!caseId) throw new Error(`no case id in ${page.url()}`);
  return caseId;
}

describe('search worker (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Search worker smoke');
  });

  it('indexes the case in a worker and follows note autosaves without being told', async () => {
    const page = session.page;
    const notebook = new NotebookPage(page);
    await notebook.openFromWorkspace();
    await notebook.create('Harbour notes');
    await notebook.focusEnd();
    await page.keyboard.type('The tanker zeppelin arrived.');
    await notebook.waitUntilSaved();
    const caseId = caseIdOf(page);

    await startWorker(page, searchWorkerAsset());
    await page.evaluate(
      (id) => (window as unknown as { smoke: Smoke }).smoke.post({ type: 'prepare', caseId: id }),
      caseId,
    );
    await page.waitForFunction(() =>
      (window as unknown as { smoke: Smoke }).smoke.statuses.some((s) => s.state === 'ready'),
    );
    expect(await noteTitlesFor(page, caseId, 'zeppelin')).toEqual(['Harbour notes']);
    expect(await noteTitlesFor(page, caseId, 'quokka')).toEqual([]);

    // An autosave: the app tells its own worker nothing (no storage `changed()`); this worker
    // hears Dexie's cross-context broadcast and re-indexes the note.
    await notebook.focusEnd();
    await page.keyboard.type(' A quokka watched.');
    await notebook.waitUntilSaved();
    await expect
      .poll(() => noteTitlesFor(page, caseId, 'quokka'), { timeout: 10_000 })
      .toEqual(['Harbour notes']);
  });

  it("saves the open case's index in its own database and drops it when the case is deleted", async () => {
    const page = session.page;
    const caseId = caseIdOf(page);
    // Opening the case started the app's search worker; it saves the built index a few seconds on.
    await expect.poll(() => hasSnapshot(page, caseId), { timeout: 15_000 }).toBe(true);
    const tables = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('casefile');
          open.onsuccess = () => {
            resolve([...open.result.objectStoreNames]);
            open.result.close();
          };
        }),
    );
    expect(tables.some((name) => /snapshot|chunk/i.test(name))).toBe(false);

    await new CaseWorkspacePage(page).backToCases();
    await new CaseListPage(page).delete('Search worker smoke');
    await expect.poll(() => hasSnapshot(page, caseId), { timeout: 15_000 }).toBe(false);
  });
});
