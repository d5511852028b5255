import type { BackupFileStore, CaseRegistryStore } from '../core/ports/registry';
import {
  BACKUP_FILE_NAME,
  caseRegistryRecord,
  MAX_BACKUP_FILE_BYTES,
  type BackupFileEntry,
} from '../shared/ipc/channels';
import { parseUnknown } from '../shared/parse';
import { err, ok, type Result } from '../shared/result';

/** localStorage key of the case registry in the browser edition. */
export const BROWSER_REGISTRY_KEY = 'casefile.registry';
/** The OPFS folder that holds backup files. */
export const BROWSER_BACKUPS_FOLDER = 'Backups';
export const BROWSER_BACKUPS_LOCATION = "this browser's private storage for Casefile";

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The case registry in localStorage: a different store from IndexedDB, so clearing or corrupting
 * the case database leaves it. Validated on read like the desktop's file.
 */
export function createBrowserRegistry(
  storage: () => Pick<Storage, 'getItem' | 'setItem'> = () => window.localStorage,
): CaseRegistryStore {
  return {
    read() {
      let text: string | null;
      try {
        text = storage().getItem(BROWSER_REGISTRY_KEY);
      } catch (error) {
        return Promise.resolve(
          err('registry.readFailed', `Could not read the case registry: ${detailOf(error)}.`),
        );
      }
      if (text === null) return Promise.resolve(ok(undefined));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return Promise.resolve(err('registry.invalid', 'The case registry is not valid JSON.'));
      }
      return Promise.resolve(
        parseUnknown(caseRegistryRecord, json, 'registry.invalid', 'case registry'),
      );
    },
    write(record) {
      const parsed = parseUnknown(caseRegistryRecord, record, 'registry.invalid', 'case registry');
      if (!parsed.ok) return Promise.resolve(parsed);
      try {
        storage().setItem(BROWSER_REGISTRY_KEY, JSON.stringify(parsed.value));
        return Promise.resolve(ok(true as const));
      } catch (error) {
        return Promise.resolve(
          err('registry.writeFailed', `Could not save the case registry: ${detailOf(error)}.`),
        );
      }
    },
  };
}

function checkName(name: string): Result<true> {
  return BACKUP_FILE_NAME.test(name)
    ? ok(true)
    : err('backupFiles.badName', `“${name}” is not a backup file name.`);
}

/** The parts of the File System Access API the backup files use (tests pass an in-memory one). */
export type DirectoryRoot = () => Promise<FileSystemDirectoryHandle>;

/** The async iteration of a directory (lib "DOM.AsyncIterable", which the web build does not load). */
interface IterableDirectory {
  entries(): AsyncIterable<[string, FileSystemHandle]>;
}

const opfsRoot: DirectoryRoot = () => navigator.storage.getDirectory();

/**
 * Backup files in the Origin Private File System. It is kept apart from IndexedDB (Chromium stores
 * it in its own folder), so a wiped or corrupted case database leaves the backups.
 */
export function createBrowserBackupFiles(root: DirectoryRoot = opfsRoot): BackupFileStore {
  const folder = async (create: boolean): Promise<FileSystemDirectoryHandle | undefined> => {
    try {
      return await (await root()).getDirectoryHandle(BROWSER_BACKUPS_FOLDER, { create });
    } catch (error) {
      if (!create && (error as { name?: unknown } | null)?.name === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
  };
  const failed = (code: string, what: string, error: unknown): Result<never> =>
    err(code, `Could not ${what} in ${BROWSER_BACKUPS_LOCATION}: ${detailOf(error)}.`);

  return {
    location: () => Promise.resolve(ok(BROWSER_BACKUPS_LOCATION)),

    async list() {
      try {
        const dir = await folder(false);
        if (dir === undefined) return ok([]);
        const entries: BackupFileEntry[] = [];
        for await (const [name, handle] of (dir as unknown as IterableDirectory).entries()) {
          if (handle.kind !== 'file' || !BACKUP_FILE_NAME.test(name)) continue;
          const file = await (handle as FileSystemFileHandle).getFile();
          entries.push({ name, size: file.size });
        }
        return ok(entries.sort((a, b) => a.name.localeCompare(b.name)));
      } catch (error) {
        return failed('backupFiles.readFailed', 'list the backup files', error);
      }
    },

    async read(name) {
      const checked = checkName(name);
      if (!checked.ok) return checked;
      try {
        const dir = await folder(false);
        if (dir === undefined) {
          return err('backupFiles.notFound', `There is no backup file “${name}”.`);
        }
        const file = await (await dir.getFileHandle(name)).getFile();
        if (file.size > MAX_BACKUP_FILE_BYTES) {
          return err('backupFiles.tooLarge', `The backup file “${name}” is too large to read.`);
        }
        return ok(new Uint8Array(await file.arrayBuffer()));
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name === 'NotFoundError') {
          return err('backupFiles.notFound', `There is no backup file “${name}”.`);
        }
        return failed('backupFiles.readFailed', `read “${name}”`, error);
      }
    },

    async write(name, bytes) {
      const checked = checkName(name);
      if (!checked.ok) return checked;
      if (bytes.byteLength > MAX_BACKUP_FILE_BYTES) {
        return err('backupFiles.tooLarge', `The backup file “${name}” is too large to save.`);
      }
      try {
        const dir = await folder(true);
        const handle = await dir!.getFileHandle(name, { create: true });
        // A writable stream writes to a swap file and replaces the file on close: whole or nothing.
        const writable = await handle.createWritable();
        try {
          await writable.write(bytes as Uint8Array<ArrayBuffer>);
          await writable.close();
        } catch (error) {
          await writable.abort().catch(() => undefined);
          throw error;
        }
        return ok(true as const);
      } catch (error) {
        return failed('backupFiles.writeFailed', `save “${name}”`, error);
      }
    },

    async remove(name) {
      const checked = checkName(name);
      if (!checked.ok) return checked;
      try {
        const dir = await folder(false);
        if (dir !== undefined) await dir.removeEntry(name);
        return ok(true as const);
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name === 'NotFoundError')
          return ok(true as const);
        return failed('backupFiles.writeFailed', `delete “${name}”`, error);
      }
    },
  };
}
