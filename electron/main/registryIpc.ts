import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import {
  BACKUP_FILE_NAME,
  backupFilesListRequest,
  backupFilesLocationRequest,
  backupFilesReadRequest,
  backupFilesRemoveRequest,
  backupFilesWriteRequest,
  caseRegistryRecord,
  IPC_CHANNELS,
  MAX_BACKUP_FILE_BYTES,
  registryReadRequest,
  registryWriteRequest,
  type BackupFileEntry,
  type CaseRegistryRecord,
} from '../../src/shared/ipc/channels';
import { parseUnknown } from '../../src/shared/parse';
import { err, ok, type Result } from '../../src/shared/result';
import { handle } from './ipc';
import type { TrustOptions } from './origin';

/**
 * The case registry and the backup files (issue 11, storage faults), kept by main in userData,
 * outside IndexedDB, so the renderer can tell at start that its database was wiped or replaced and
 * restore from a backup that survived. The renderer names backup files only by a plain file name
 * (BACKUP_FILE_NAME); main builds every path itself.
 */
export const REGISTRY_FILE_NAME = 'casefile-registry.json';
export const BACKUPS_FOLDER_NAME = 'Backups';
/** A registry of MAX_REGISTRY_CASES cases stays far below this. */
const MAX_REGISTRY_FILE_BYTES = 16 * 1024 * 1024;

export interface RegistryIpcOptions extends TrustOptions {
  /** Default: app.getPath('userData'). Tests pass a temporary folder. */
  readonly userDataDir?: string;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function detailOf(error: unknown): string {
  const code = codeOf(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** Writes a whole file or nothing: a temporary file beside it, then a rename over it. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await fsp.writeFile(temporary, bytes, { flush: true });
    await fsp.rename(temporary, path);
  } catch (error) {
    await fsp.rm(temporary, { force: true });
    throw error;
  }
}

export async function readRegistry(userData: string): Promise<Result<CaseRegistryRecord | null>> {
  const path = join(userData, REGISTRY_FILE_NAME);
  let bytes: Buffer;
  try {
    const info = await fsp.stat(path);
    if (info.size > MAX_REGISTRY_FILE_BYTES) {
      return err('registry.invalid', `The case registry (${REGISTRY_FILE_NAME}) is too large.`);
    }
    bytes = await fsp.readFile(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return ok(null);
    return err('registry.readFailed', `Could not read the case registry: ${detailOf(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return err('registry.invalid', `The case registry (${REGISTRY_FILE_NAME}) is not valid JSON.`);
  }
  return parseUnknown(caseRegistryRecord, json, 'registry.invalid', 'case registry');
}

export async function writeRegistry(
  userData: string,
  record: CaseRegistryRecord,
): Promise<Result<true>> {
  try {
    await fsp.mkdir(userData, { recursive: true });
    const bytes = new TextEncoder().encode(JSON.stringify(record));
    await writeAtomically(join(userData, REGISTRY_FILE_NAME), bytes);
    return ok(true);
  } catch (error) {
    return err('registry.writeFailed', `Could not save the case registry: ${detailOf(error)}.`);
  }
}

export async function listBackupFiles(folder: string): Promise<Result<BackupFileEntry[]>> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return ok([]);
    return err('backupFiles.readFailed', `Could not list the backup files: ${detailOf(error)}.`);
  }
  const entries: BackupFileEntry[] = [];
  // Only names the app writes: temporary files and anything else in the folder are left alone.
  for (const name of names.filter((candidate) => BACKUP_FILE_NAME.test(candidate)).sort()) {
    try {
      const info = await fsp.stat(join(folder, name));
      if (info.isFile()) entries.push({ name, size: info.size });
    } catch {
      // Removed meanwhile: not listed.
    }
  }
  return ok(entries);
}

export async function readBackupFile(folder: string, name: string): Promise<Result<Uint8Array>> {
  const path = join(folder, name);
  try {
    const info = await fsp.stat(path);
    if (!info.isFile()) return err('backupFiles.notFound', `There is no backup file “${name}”.`);
    if (info.size > MAX_BACKUP_FILE_BYTES) {
      return err('backupFiles.tooLarge', `The backup file “${name}” is too large to read.`);
    }
    const bytes = await fsp.readFile(path);
    return ok(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return err('backupFiles.notFound', `There is no backup file “${name}”.`);
    }
    return err('backupFiles.readFailed', `Could not read “${name}”: ${detailOf(error)}.`);
  }
}

export async function writeBackupFile(
  folder: string,
  name: string,
  bytes: Uint8Array,
): Promise<Result<true>> {
  try {
    await fsp.mkdir(folder, { recursive: true });
    await writeAtomically(join(folder, name), bytes);
    return ok(true);
  } catch (error) {
    return err('backupFiles.writeFailed', `Could not save “${name}”: ${detailOf(error)}.`);
  }
}

export async function removeBackupFile(folder: string, name: string): Promise<Result<true>> {
  try {
    await fsp.rm(join(folder, name), { force: true });
    return ok(true);
  } catch (error) {
    return err('backupFiles.writeFailed', `Could not delete “${name}”: ${detailOf(error)}.`);
  }
}

/** Registers the registry and backup-file channels. Call once, after `ready`. */
export function registerRegistryHandlers(options: RegistryIpcOptions): void {
  const userData = () => options.userDataDir ?? app.getPath('userData');
  const folder = () => join(userData(), BACKUPS_FOLDER_NAME);
  handle(IPC_CHANNELS.registryRead, registryReadRequest, () => readRegistry(userData()), options);
  handle(
    IPC_CHANNELS.registryWrite,
    registryWriteRequest,
    (request) => writeRegistry(userData(), request.record),
    options,
  );
  handle(
    IPC_CHANNELS.backupFilesLocation,
    backupFilesLocationRequest,
    () => Promise.resolve(ok(folder())),
    options,
  );
  handle(
    IPC_CHANNELS.backupFilesList,
    backupFilesListRequest,
    () => listBackupFiles(folder()),
    options,
  );
  handle(
    IPC_CHANNELS.backupFilesRead,
    backupFilesReadRequest,
    (request) => readBackupFile(folder(), request.name),
    options,
  );
  handle(
    IPC_CHANNELS.backupFilesWrite,
    backupFilesWriteRequest,
    (request) => writeBackupFile(folder(), request.name, request.bytes),
    options,
  );
  handle(
    IPC_CHANNELS.backupFilesRemove,
    backupFilesRemoveRequest,
    (request) => removeBackupFile(folder(), request.name),
    options,
  );
}
