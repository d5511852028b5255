import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import {
  backUpBeforeMigration,
  openBackupStore,
  openCasefileStorage,
  requestPersistentStorage,
} from './db';
import { openKeyring } from './db/keyring';
import { createWorkerExtractor, createWorkerIngest } from './ingest';
import { detectHost } from './platform';
import { createWorkerBundleClient } from './app/bundleClient';
import { createWorkerInteropClient } from './app/interopClient';
import { createWorkerReportClient } from './app/reportClient';
import { createWorkerSearchClient } from './app/searchClient';
import './ui/theme.css';
import './app/app.css';

async function start(root: HTMLElement): Promise<void> {
  const host = detectHost(__APP_VERSION__);
  // Ask the browser not to evict case data under storage pressure; harmless if refused.
  void requestPersistentStorage();
  performance.mark('casefile:script-start');
  // Keys live in their own database, never in a case or a bundle.
  const keyring = await openKeyring();
  // Backups too; every case is backed up before the case database is upgraded.
  const backups = await openBackupStore({ secrets: host.secrets });
  const analyst = await keyring.identity();
  const bundles = createWorkerBundleClient();
  const storage = await openCasefileStorage({
    beforeMigration: backUpBeforeMigration(backups, {
      app: { name: 'Casefile', version: __APP_VERSION__ },
      extraRecipients: analyst ? [{ recipient: analyst.ageRecipient, name: analyst.name }] : [],
      write: (input) => bundles.write(input),
      // Shown before the app renders (only when the database is about to be updated).
      onProgress: ({ done, total, caseTitle }) => {
        root.textContent =
          caseTitle === undefined
            ? 'Updating the case database…'
            : `Backing up “${caseTitle}” (${done + 1} of ${total}) before updating the case database…`;
      },
    }),
  });
  const ingest = createWorkerIngest();
  const extractor = createWorkerExtractor();
  const search = createWorkerSearchClient();
  const reports = createWorkerReportClient();
  const interop = createWorkerInteropClient();
  performance.mark('casefile:storage-open');
  createRoot(root).render(
    <StrictMode>
      <App
        host={host}
        storage={storage}
        ingest={ingest}
        extractor={extractor}
        search={search}
        reports={reports}
        keyring={keyring}
        bundles={bundles}
        interop={interop}
        backups={backups}
      />
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) {
  start(root).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    root.textContent = `Casefile could not open its case database: ${message}`;
    root.setAttribute('role', 'alert');
  });
}
