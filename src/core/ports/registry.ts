import type { Result } from '../../shared/result';

import type {
  BackupFileEntry,
  CaseRegistryRecord,
  RegisteredCase,
  RegisteredCaseCounts,
} from '../../shared/ipc/channels';

// The record types live in src/shared (the IPC bridge carries them); re-exported for core users.
export type { BackupFileEntry, CaseRegistryRecord, RegisteredCase, RegisteredCaseCounts };

/** The host's registry store. `read` is ok(undefined) when there is none yet (first start). */
export interface CaseRegistryStore {
  read(): Promise<Result<CaseRegistryRecord | undefined>>;
  write(record: CaseRegistryRecord): Promise<Result<true>>;
}

/**
 * Backup files kept by the host outside IndexedDB (desktop: userData/Backups; browser: the Origin
 * Private File System), so a wiped IndexedDB does not take the backups with it. Names are plain
 * file names (BACKUP_FILE_NAME in src/shared/ipc/channels.ts), never paths.
 */
export interface BackupFileStore {
  /** Where the files are, for messages: a folder path (desktop) or "this browser's private storage". */
  location(): Promise<Result<string>>;
  list(): Promise<Result<readonly BackupFileEntry[]>>;
  read(name: string): Promise<Result<Uint8Array>>;
  /** Replaces the file whole (written to a temporary name, then renamed, where the host can). */
  write(name: string, bytes: Uint8Array): Promise<Result<true>>;
  /** Removing a file that is not there is ok. */
  remove(name: string): Promise<Result<true>>;
}
