/// <reference lib="webworker" />
import Dexie from 'dexie';
import type { CaseId } from '../core';
import {
  createSearchCorpus,
  createSearchSnapshotStore,
  mutatedTables,
  openCasefileStorage,
  touchesSearchCorpus,
} from '../db';
import { createSearchService, type SearchService } from '../search/service';
import {
  deferredService,
  postStatusTo,
  serveSearch,
  type SearchWorkerScope,
} from '../search/workerHost';

// The search worker: the open case's index lives here, off the UI thread. It reads the case
// database (never writes it) and keeps the persisted index in its own database.
declare const self: DedicatedWorkerGlobalScope;

/** Wait after a change to the cases table before looking for deleted cases' snapshots. */
const FORGET_DELAY_MS = 1000;

const scope: SearchWorkerScope = {
  addEventListener: (type, listener) => self.addEventListener(type, listener),
  postMessage: (message) => self.postMessage(message),
};

async function openService(): Promise<SearchService> {
  // Opened after the UI thread opened (and, if needed, upgraded) the same database, so this only
  // reads. No persistence request: the UI thread makes it.
  const storage = await openCasefileStorage({ requestPersistence: false });
  const snapshots = createSearchSnapshotStore();
  const service = createSearchService({
    corpus: createSearchCorpus(storage.db),
    store: snapshots,
    onStatus: postStatusTo(scope),
  });

  // A deleted case's saved index is derived data of nothing: drop it.
  let forgetting: Promise<void> = Promise.resolve();
  let forgetTimer: ReturnType<typeof setTimeout> | undefined;
  const forgetDeletedCases = (): void => {
    forgetting = forgetting
      .then(async () => {
        for (const caseId of await snapshots.caseIds()) {
          if ((await storage.cases.get(caseId as CaseId)) === undefined) {
            await service.forget(caseId);
          }
        }
      })
      .catch(() => undefined); // tried again at the next change or start
  };

  // Dexie broadcasts every committed write of the origin (any window, including note autosaves)
  // to every context: the index updates itself without being told.
  Dexie.on('storagemutated', (parts) => {
    const keys = Object.keys(parts);
    if (touchesSearchCorpus(keys, storage.db.name)) {
      const open = service.status();
      if (open) service.invalidate(open.caseId);
    }
    if (mutatedTables(keys, storage.db.name).has('cases')) {
      if (forgetTimer !== undefined) clearTimeout(forgetTimer);
      forgetTimer = setTimeout(forgetDeletedCases, FORGET_DELAY_MS);
    }
  });
  forgetDeletedCases();
  return service;
}

serveSearch(scope, deferredService(openService()));
