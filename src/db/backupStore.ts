import Dexie, { type Table } from 'dexie';
import { generateAgeIdentity } from '../core/bundle/age';
import type { SecretWrapper } from '../core/identity/types';
import type { CaseId } from '../core/model/ids';
import type { BackupFileStore } from '../core/ports/registry';
import { base64ToBytes, bytesToBase64 } from '../core/text/base64';
import { backupFileSummary, backupKeyFile } from '../shared/ipc/channels';
import { parseUnknown } from '../shared/parse';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { failure } from './failure';
import { sha256BytesHex } from './hash';

/**
 * Local backups: encrypted case bundles kept in their own IndexedDB database, apart from the case
 * data (deleting a case, or the whole case database, leaves them), with the installation's
 * backup key. See src/db/README.md ("Local backups").
 */
export const BACKUPS_DB_NAME = 'casefile-backups';

export type BackupReason = 'before-migration' | 'manual';

/** Manual backups kept per case; older ones are removed when a new one is added. */
export const MANUAL_BACKUPS_KEPT = 5;
/** Before-migration rounds kept (a round is every case, backed up before one upgrade). */
export const MIGRATION_ROUNDS_KEPT = 3;

/** A backup as listed (the bundle's bytes are read only by `get`). */
export interface BackupSummary {
  readonly id: string;
  readonly caseId: CaseId;
  readonly caseTitle: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly reason: BackupReason;
  /** The backups made together (one "Back up all" or one upgrade) share a round. */
  readonly round: string;
  /** Schema version of the database the case was read from. */
  readonly schemaVersion: number;
  /** Bytes of the .casefile bundle. */
  readonly size: number;
  /** Lower-case hex SHA-256 of the bundle. */
  readonly sha256: string;
  /** Display names of who can open the bundle ("This installation", the analyst's name). */
  readonly recipientNames: readonly string[];
  /**
   * Where copies exist (set by `list` only): the `casefile-backups` database, the host's backup
   * files (src/core/ports/registry.ts), or both. A file-only backup survived a wiped IndexedDB.
   */
  readonly storedIn?: readonly ('database' | 'file')[];
}

export interface Backup extends BackupSummary {
  readonly bytes: Uint8Array;
}

/** The installation's backup key as stored: the secret wrapped by the OS keychain, or as is. */
interface StoredBackupKey {
  readonly id: typeof INSTALLATION_KEY_ID;
  readonly recipient: string;
  readonly createdAt: string;
  readonly secret:
    | { readonly kind: 'safeStorage'; readonly bytes: Uint8Array }
    | { readonly kind: 'plain'; readonly identity: string };
}

interface BundleRow {
  readonly id: string;
  readonly bytes: Uint8Array;
}

const INSTALLATION_KEY_ID = 'installation';

class BackupDatabase extends Dexie {
  // `declare`: no class-field initialisers, which would overwrite the tables Dexie sets up.
  declare readonly backups: Table<BackupSummary, string>;
  declare readonly bundles: Table<BundleRow, string>;
  declare readonly keys: Table<StoredBackupKey, string>;

  constructor(name: string, options: OpenBackupStoreOptions) {
    super(name, {
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    // Bytes apart from the summaries, so listing never loads bundles.
    this.version(1).stores({ backups: 'id, caseId', bundles: 'id', keys: 'id' });
  }
}

export interface OpenBackupStoreOptions {
  /** Database name (tests use a fresh one); default BACKUPS_DB_NAME. */
  readonly name?: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly now?: () => string;
  readonly newId?: () => string;
  /** The OS keychain (desktop); without one, or when unavailable, the key is stored as is. */
  readonly secrets?: SecretWrapper;
  /**
   * The host's backup files (outside IndexedDB): every backup, and the backup key, is also written
   * there, and read from there when the database copy is gone. Without it: IndexedDB only.
   */
  readonly files?: BackupFileStore;
}

/** File names of a backup's copy among the host's backup files. */
export function backupFileNames(id: string): { readonly bundle: string; readonly summary: string } {
  return { bundle: `${id}.casefile`, summary: `${id}.json` };
}
/** The installation's backup key among the host's backup files. */
export const BACKUP_KEY_FILE_NAME = 'backup-key.json';

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** What `add` stores: a bundle already written. */
export type NewBackup = Omit<BackupSummary, 'id' | 'size'> & { readonly bytes: Uint8Array };

export interface BackupStore {
  /** Newest first. */
  list(): Promise<readonly BackupSummary[]>;
  get(id: string): Promise<Result<Backup>>;
  /** Stores a backup and prunes older ones (retention) in the same transaction. */
  /** `fileCopyError`: stored in the database, but the host's file copy failed (why). */
  add(backup: NewBackup): Promise<
    Result<{
      readonly backup: BackupSummary;
      readonly pruned: readonly string[];
      readonly fileCopyError?: string;
    }>
  >;
  remove(id: string): Promise<Result<true>>;
  /** The installation key's public recipient (`age1…`), created on first use. */
  recipient(): Promise<Result<string>>;
  /** The installation key's secret (`AGE-SECRET-KEY-1…`), unwrapped: only to restore. */
  identity(): Promise<Result<string>>;
  close(): void;
}

function notFound(id: string): AppErrorException {
  return new AppErrorException(
    'backup.notFound',
    `There is no backup with id ${id}; it may have been deleted or pruned.`,
  );
}

/** Ids of backups beyond the retention rules, given every summary (the new one included). */
export function prunedBackupIds(all: readonly BackupSummary[], added: BackupSummary): string[] {
  const newestFirst = [...all].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  if (added.reason === 'manual') {
    return newestFirst
      .filter((entry) => entry.reason === 'manual' && entry.caseId === added.caseId)
      .slice(MANUAL_BACKUPS_KEPT)
      .map((entry) => entry.id);
  }
  const rounds: string[] = [];
  for (const entry of newestFirst) {
    if (entry.reason === 'before-migration' && !rounds.includes(entry.round))
      rounds.push(entry.round);
  }
  const dropped = new Set(rounds.slice(MIGRATION_ROUNDS_KEPT));
  return newestFirst
    .filter((entry) => entry.reason === 'before-migration' && dropped.has(entry.round))
    .map((entry) => entry.id);
}

export async function openBackupStore(options: OpenBackupStoreOptions = {}): Promise<BackupStore> {
  const db = new BackupDatabase(options.name ?? BACKUPS_DB_NAME, options);
  await db.open();
  const now = options.now ?? (() => new Date().toISOString());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const wrapper = options.secrets;
  const files = options.files;
  let keyFileChecked = false;

  /** The key as kept among the host's files; undefined when absent or unreadable. */
  async function keyFromFile(): Promise<StoredBackupKey | undefined> {
    if (files === undefined) return undefined;
    const read = await files.read(BACKUP_KEY_FILE_NAME);
    if (!read.ok) return undefined;
    const parsed = parseUnknown(backupKeyFile, decodeJson(read.value), 'backup.keyInvalid', 'key');
    if (!parsed.ok) return undefined;
    const { recipient, createdAt, secret } = parsed.value;
    if (secret.kind === 'plain') return { id: INSTALLATION_KEY_ID, recipient, createdAt, secret };
    const bytes = base64ToBytes(secret.base64);
    if (bytes === undefined) return undefined;
    return {
      id: INSTALLATION_KEY_ID,
      recipient,
      createdAt,
      secret: { kind: 'safeStorage', bytes },
    };
  }

  /** Copies the key to the host's files once per session (also for keys made before files existed). */
  async function keepKeyFile(key: StoredBackupKey): Promise<void> {
    if (files === undefined || keyFileChecked) return;
    const onFile = await keyFromFile();
    if (onFile?.recipient !== key.recipient) {
      const secret =
        key.secret.kind === 'plain'
          ? key.secret
          : { kind: 'safeStorage' as const, base64: bytesToBase64(key.secret.bytes) };
      const written = await files.write(
        BACKUP_KEY_FILE_NAME,
        encodeJson({ recipient: key.recipient, createdAt: key.createdAt, secret }),
      );
      if (!written.ok) return; // tried again next session
    }
    keyFileChecked = true;
  }

  async function storedKey(): Promise<Result<StoredBackupKey>> {
    const existing = await db.keys.get(INSTALLATION_KEY_ID);
    if (existing !== undefined) {
      await keepKeyFile(existing);
      return ok(existing);
    }
    // IndexedDB lost the key (wiped) but the file kept it: take it back, so old backups still open.
    const fromFile = await keyFromFile();
    if (fromFile !== undefined) {
      return ok(
        await db.transaction('rw', db.keys, async () => {
          const raced = await db.keys.get(INSTALLATION_KEY_ID);
          if (raced !== undefined) return raced;
          await db.keys.add(fromFile);
          return fromFile;
        }),
      );
    }
    // Generated and wrapped outside the transaction (both are async, not IndexedDB requests).
    const pair = await generateAgeIdentity();
    let secret: StoredBackupKey['secret'] = { kind: 'plain', identity: pair.identity };
    if (wrapper !== undefined && (await wrapper.available())) {
      const wrapped = await wrapper.wrap(new TextEncoder().encode(pair.identity));
      if (!wrapped.ok) return wrapped;
      secret = { kind: 'safeStorage', bytes: wrapped.value };
    }
    const candidate: StoredBackupKey = {
      id: INSTALLATION_KEY_ID,
      recipient: pair.recipient,
      createdAt: now(),
      secret,
    };
    // Another window may have created one meanwhile: the first stored wins.
    const stored = await db.transaction('rw', db.keys, async () => {
      const raced = await db.keys.get(INSTALLATION_KEY_ID);
      if (raced !== undefined) return raced;
      await db.keys.add(candidate);
      return candidate;
    });
    await keepKeyFile(stored);
    return ok(stored);
  }

  /** Backups found only among the host's files (their database copy is gone). */
  async function fileOnlyBackups(inDatabase: ReadonlySet<string>): Promise<BackupSummary[]> {
    if (files === undefined) return [];
    const listed = await files.list();
    if (!listed.ok) return [];
    const names = new Set(listed.value.map((entry) => entry.name));
    const found: BackupSummary[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name === BACKUP_KEY_FILE_NAME) continue;
      const id = name.slice(0, -'.json'.length);
      if (inDatabase.has(id) || !names.has(backupFileNames(id).bundle)) continue;
      const summary = await summaryFromFile(id);
      if (summary !== undefined) found.push({ ...summary, storedIn: ['file'] });
    }
    return found;
  }

  async function summaryFromFile(id: string): Promise<BackupSummary | undefined> {
    if (files === undefined) return undefined;
    const read = await files.read(backupFileNames(id).summary);
    if (!read.ok) return undefined;
    const parsed = parseUnknown(backupFileSummary, decodeJson(read.value), 'backup.invalid', id);
    if (!parsed.ok || parsed.value.id !== id) return undefined;
    return { ...parsed.value, caseId: parsed.value.caseId as CaseId };
  }

  /** A backup read from the host's files; its bytes must still hash to the summary's SHA-256. */
  async function getFromFile(id: string): Promise<Result<Backup>> {
    const summary = await summaryFromFile(id);
    if (summary === undefined || files === undefined) throw notFound(id);
    const bytes = await files.read(backupFileNames(id).bundle);
    if (!bytes.ok) return bytes;
    if ((await sha256BytesHex(bytes.value)) !== summary.sha256) {
      return err(
        'backup.damaged',
        `The backup file of “${summary.caseTitle}” (${backupFileNames(id).bundle}) is damaged: its contents do not match its checksum.`,
      );
    }
    return ok({ ...summary, bytes: bytes.value });
  }

  /** Writes the file copy of a stored backup; the summary last, so a listed summary has its bundle. */
  async function writeFileCopy(summary: BackupSummary, bytes: Uint8Array): Promise<Result<true>> {
    if (files === undefined) return ok(true);
    const names = backupFileNames(summary.id);
    const bundle = await files.write(names.bundle, bytes);
    if (!bundle.ok) return bundle;
    return files.write(names.summary, encodeJson(summary));
  }

  async function removeFileCopy(id: string): Promise<void> {
    if (files === undefined) return;
    const names = backupFileNames(id);
    // The summary first: without it the bundle is not listed.
    await files.remove(names.summary);
    await files.remove(names.bundle);
  }

  return {
    async list() {
      const inDatabase = await db.backups.toArray();
      const fileNames = new Set<string>();
      if (files !== undefined) {
        const listed = await files.list();
        if (listed.ok) for (const entry of listed.value) fileNames.add(entry.name);
      }
      const all: BackupSummary[] = [
        ...inDatabase.map((summary) => ({
          ...summary,
          storedIn: fileNames.has(backupFileNames(summary.id).bundle)
            ? (['database', 'file'] as const)
            : (['database'] as const),
        })),
        ...(await fileOnlyBackups(new Set(inDatabase.map((summary) => summary.id)))),
      ];
      return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    },

    async get(id) {
      try {
        const inDatabase = await db.transaction('r', db.backups, db.bundles, async () => {
          const [summary, bundle] = await Promise.all([db.backups.get(id), db.bundles.get(id)]);
          return summary === undefined || bundle === undefined
            ? undefined
            : { ...summary, bytes: bundle.bytes };
        });
        // The database copy is gone (a wiped IndexedDB): the file copy serves.
        return inDatabase !== undefined ? ok(inDatabase) : await getFromFile(id);
      } catch (error) {
        return failure(error, 'read the backup');
      }
    },

    async add(backup) {
      const { bytes, ...rest } = backup;
      const summary: BackupSummary = { ...rest, id: newId(), size: bytes.byteLength };
      // A view into a larger buffer would store the whole buffer.
      const exact =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? bytes
          : bytes.slice();
      let pruned: string[];
      try {
        pruned = await db.transaction('rw', db.backups, db.bundles, async () => {
          await db.backups.add(summary);
          await db.bundles.add({ id: summary.id, bytes: exact });
          const dropped = prunedBackupIds(await db.backups.toArray(), summary);
          await db.backups.bulkDelete(dropped);
          await db.bundles.bulkDelete(dropped);
          return dropped;
        });
      } catch (error) {
        return failure(error, 'store the backup');
      }
      for (const id of pruned) await removeFileCopy(id);
      const copied = await writeFileCopy(summary, exact);
      return ok({
        backup: summary,
        pruned,
        ...(copied.ok ? {} : { fileCopyError: copied.error.message }),
      });
    },

    async remove(id) {
      try {
        const inDatabase = await db.transaction('rw', db.backups, db.bundles, async () => {
          if ((await db.backups.get(id)) === undefined) return false;
          await db.backups.delete(id);
          await db.bundles.delete(id);
          return true;
        });
        if (!inDatabase && (await summaryFromFile(id)) === undefined) throw notFound(id);
        await removeFileCopy(id);
        return ok(true as const);
      } catch (error) {
        return failure(error, 'delete the backup');
      }
    },

    async recipient() {
      try {
        const key = await storedKey();
        return key.ok ? ok(key.value.recipient) : key;
      } catch (error) {
        return failure(error, 'create the backup key');
      }
    },

    async identity() {
      try {
        const key = (await db.keys.get(INSTALLATION_KEY_ID)) ?? (await keyFromFile());
        if (key === undefined) {
          return err(
            'backup.keyMissing',
            'This installation has no backup key, so no backup made here can be opened.',
          );
        }
        if (key.secret.kind === 'plain') return ok(key.secret.identity);
        if (wrapper === undefined || !(await wrapper.available())) {
          return err(
            'backup.keyUnavailable',
            "The backup key is protected by this computer's keychain, which is not available now.",
          );
        }
        const plain = await wrapper.unwrap(key.secret.bytes);
        return plain.ok ? ok(new TextDecoder().decode(plain.value)) : plain;
      } catch (error) {
        return failure(error, 'read the backup key');
      }
    },

    close: () => db.close(),
  };
}
