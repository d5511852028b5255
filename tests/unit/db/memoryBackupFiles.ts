import type {
  BackupFileStore,
  CaseRegistryRecord,
  CaseRegistryStore,
} from '../../../src/core/ports/registry';
import { BACKUP_FILE_NAME } from '../../../src/shared/ipc/channels';
import { err, ok } from '../../../src/shared/result';

/** The host's backup files in memory (what Electron keeps in userData/Backups, a browser in OPFS). */
export function memoryBackupFiles(location = '/home/analyst/.config/Casefile/Backups') {
  const files = new Map<string, Uint8Array>();
  const store: BackupFileStore = {
    location: () => Promise.resolve(ok(location)),
    list: () =>
      Promise.resolve(
        ok([...files].map(([name, bytes]) => ({ name, size: bytes.byteLength })).sort()),
      ),
    read: (name) => {
      const bytes = files.get(name);
      return Promise.resolve(
        bytes
          ? ok(bytes.slice())
          : err('backupFiles.notFound', `There is no backup file “${name}”.`),
      );
    },
    write: (name, bytes) => {
      if (!BACKUP_FILE_NAME.test(name)) return Promise.resolve(err('backupFiles.badName', name));
      files.set(name, bytes.slice());
      return Promise.resolve(ok(true as const));
    },
    remove: (name) => {
      files.delete(name);
      return Promise.resolve(ok(true as const));
    },
  };
  return { store, files };
}

/** The host's case registry in memory. */
export function memoryRegistry(initial?: CaseRegistryRecord) {
  const state: { record: CaseRegistryRecord | undefined; writes: number } = {
    record: initial,
    writes: 0,
  };
  const store: CaseRegistryStore = {
    read: () => Promise.resolve(ok(state.record)),
    write: (record) => {
      state.record = record;
      state.writes += 1;
      return Promise.resolve(ok(true as const));
    },
  };
  return { store, state };
}

/** A registry record as the app writes it: one case with every count. */
export const REGISTRY_RECORD: CaseRegistryRecord = {
  version: 1,
  databaseId: '5f0c2b1e-database',
  schemaVersion: 6,
  updatedAt: '2026-11-22T10:00:00.000Z',
  cases: [
    {
      id: 'case-1',
      title: 'Harbour fuel diversion',
      updatedAt: '2026-11-21T09:00:00.000Z',
      counts: { sources: 12, passages: 40, entities: 9, claims: 5, notes: 2 },
    },
  ],
};
