import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import Dexie from 'dexie';
import {
  backUpBeforeMigration,
  CASEFILE_DB_NAME,
  checkAgainstRegistry,
  checkUnreadableDatabase,
  describeMigrationBackups,
  openBackupStore,
  openCasefileStorage,
  requestPersistentStorage,
  startRegistryUpdates,
  type BackupBundleReader,
  type CaseBackupResult,
  type CasefileStorage,
  type RegistryCheck,
} from './db';
import { RecoveryScreen } from './features/recovery';
import { createTaskStore } from './features/tasks';
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
  // Backups too (and as files outside IndexedDB); every case is backed up before an upgrade.
  const backups = await openBackupStore({ secrets: host.secrets, files: host.backupFiles });
  const location = await host.backupFiles.location();
  const backupLocation = location.ok ? location.value : 'the Backups folder';
  const analyst = await keyring.identity();
  const bundles = createWorkerBundleClient();
  const backUp = backUpBeforeMigration(backups, {
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
  });
  let migrationBackups: readonly CaseBackupResult[] = [];
  const openStorage = () =>
    openCasefileStorage({
      beforeMigration: async (source) => {
        const results = await backUp(source);
        if (results.ok) migrationBackups = results.value;
        return results;
      },
      migrationFailedNote: () => describeMigrationBackups(migrationBackups, backupLocation),
    });
  // A database that cannot be opened at all is checked against the registry like a wiped one.
  let storage: CasefileStorage | undefined;
  let check: RegistryCheck;
  try {
    storage = await openStorage();
    check = await checkAgainstRegistry(storage.db, host.registry);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    check = await checkUnreadableDatabase(host.registry, detail);
    if (check.kind !== 'mismatch') throw error;
  }
  if (check.kind === 'registry-unreadable') console.warn('Casefile:', check.message);
  const ingest = createWorkerIngest();
  const extractor = createWorkerExtractor();
  const search = createWorkerSearchClient();
  const reports = createWorkerReportClient();
  const interop = createWorkerInteropClient();
  performance.mark('casefile:storage-open');
  const reactRoot = createRoot(root);
  const read: BackupBundleReader = (bytes, identity) =>
    bundles.read(bytes, { identities: [identity] }, {});

  const startApp = (opened: CasefileStorage): void => {
    // The registry follows the database from now on (written at once, then after each write).
    if (opened.mode.kind === 'read-write') {
      startRegistryUpdates(opened.db, host.registry, {
        onError: (message) => console.warn('Casefile could not update its case registry:', message),
      });
    }
    renderApp(opened);
  };
  // The backups made before a database update happened before the app showed: said once, quietly.
  const tasks = createTaskStore();
  const backedUp = migrationBackups.filter((result) => result.ok).length;
  if (backedUp > 0) {
    tasks
      .start({ title: 'Backing up before the update' })
      .succeed(
        `Backed up ${backedUp} ${backedUp === 1 ? 'case' : 'cases'} before updating the case database`,
        'The backups are listed under Backups.',
      );
  }
  const renderApp = (opened: CasefileStorage): void =>
    reactRoot.render(
      <StrictMode>
        <App
          host={host}
          storage={opened}
          ingest={ingest}
          extractor={extractor}
          search={search}
          reports={reports}
          keyring={keyring}
          bundles={bundles}
          interop={interop}
          backups={backups}
          tasks={tasks}
        />
      </StrictMode>,
    );

  if (check.kind !== 'mismatch') {
    startApp(storage!);
    return;
  }
  // Never a silently empty app: say what is missing and offer the backups.
  reactRoot.render(
    <StrictMode>
      <RecoveryScreen
        check={check}
        {...(storage ? { storage } : {})}
        openNewDatabase={async () => {
          await Dexie.delete(CASEFILE_DB_NAME);
          return openStorage();
        }}
        backups={backups}
        backupLocation={backupLocation}
        read={read}
        onContinue={startApp}
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
