import Dexie, { type Table } from 'dexie';
import { generateAgeIdentity } from '../core/bundle/age';
import type { SecretWrapper } from '../core/identity/types';
import type { CaseId } from '../core/model/ids';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { failure } from './failure';

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
}

/** What `add` stores: a bundle already written. */
export type NewBackup = Omit<BackupSummary, 'id' | 'size'> & { readonly bytes: Uint8Array };

export interface BackupStore {
  /** Newest first. */
  list(): Promise<readonly BackupSummary[]>;
  get(id: string): Promise<Result<Backup>>;
  /** Stores a backup and prunes older ones (retention) in the same transaction. */
  add(
    backup: NewBackup,
  ): Promise<Result<{ readonly backup: BackupSummary; readonly pruned: readonly string[] }>>;
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

  async function storedKey(): Promise<Result<StoredBackupKey>> {
    const existing = await db.keys.get(INSTALLATION_KEY_ID);
    if (existing !== undefined) return ok(existing);
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
    return ok(
      await db.transaction('rw', db.keys, async () => {
        const raced = await db.keys.get(INSTALLATION_KEY_ID);
        if (raced !== undefined) return raced;
        await db.keys.add(candidate);
        return candidate;
      }),
    );
  }

  return {
    async list() {
      const all = await db.backups.toArray();
      return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    },

    async get(id) {
      try {
        return await db.transaction('r', db.backups, db.bundles, async () => {
          const [summary, bundle] = await Promise.all([db.backups.get(id), db.bundles.get(id)]);
          if (summary === undefined || bundle === undefined) throw notFound(id);
          return ok({ ...summary, bytes: bundle.bytes });
        });
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
      try {
        return await db.transaction('rw', db.backups, db.bundles, async () => {
          await db.backups.add(summary);
          await db.bundles.add({ id: summary.id, bytes: exact });
          const pruned = prunedBackupIds(await db.backups.toArray(), summary);
          await db.backups.bulkDelete(pruned);
          await db.bundles.bulkDelete(pruned);
          return ok({ backup: summary, pruned });
        });
      } catch (error) {
        return failure(error, 'store the backup');
      }
    },

    async remove(id) {
      try {
        return await db.transaction('rw', db.backups, db.bundles, async () => {
          if ((await db.backups.get(id)) === undefined) throw notFound(id);
          await db.backups.delete(id);
          await db.bundles.delete(id);
          return ok(true as const);
        });
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
        const key = await db.keys.get(INSTALLATION_KEY_ID);
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
