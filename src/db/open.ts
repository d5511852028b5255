import Dexie from 'dexie';
import type { IsoTimestamp } from '../core/model/records';
import type {
  CaseRepository,
  ChartRepository,
  ClaimRepository,
  EntityRepository,
  NoteRepository,
  PassageRepository,
  SourceRepository,
  StorageMode,
  SuggestionRepository,
} from '../core/ports/repositories';
import type { SavedSearchRepository } from '../core/ports/search';
import type { CaseTransfer } from '../core/ports/transfer';
import type { Result } from '../shared/result';
import { createAuditLog, type AuditLog } from './auditLog';
import { createCaseRepository } from './caseRepository';
import { createCaseTransfer } from './caseTransfer';
import { createChartRepository } from './chartRepository';
import { createClaimRepository } from './claimRepository';
import { createEntityRepository } from './entityRepository';
import { createNoteRepository } from './noteRepository';
import { createPassageRepository } from './passageRepository';
import { requestPersistentStorage } from './persist';
import { createSavedSearchRepository } from './savedSearchRepository';
import { createSourceRepository } from './sourceRepository';
import { createSuggestionRepository } from './suggestionRepository';
import {
  CASE_OWNED_TABLES,
  CASEFILE_DB_NAME,
  CURRENT_SCHEMA_VERSION,
  CasefileDatabase,
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  type CasefileDatabaseOptions,
} from './schema';

export interface OpenCasefileStorageOptions {
  readonly name?: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly now?: () => IsoTimestamp;
  readonly newId?: () => string;
  /** Ask the browser to keep the data under storage pressure (default true; a no-op in Node). */
  readonly requestPersistence?: boolean;
  /**
   * Runs before Dexie upgrades an older database (the app backs up every case, src/db/backups.ts),
   * given the database as it is, read-only. An error, or a throw, keeps the upgrade from running:
   * the database then opens read-only, as it is, with the reason. Not given: no backup.
   */
  readonly beforeMigration?: (existing: MigrationSource) => Promise<Result<unknown>>;
  /**
   * When the upgrade itself fails (an upgrade step throws; IndexedDB then rolls the whole upgrade
   * back), ends the message: the app says where the before-migration backups are.
   */
  readonly migrationFailedNote?: () => string;
}

/** The database before an upgrade, as `beforeMigration` sees it (reads only). */
export interface MigrationSource {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly cases: CaseRepository;
  readonly transfer: CaseTransfer;
}

export interface CasefileStorage {
  readonly db: CasefileDatabase;
  readonly mode: StorageMode;
  readonly cases: CaseRepository;
  readonly sources: SourceRepository;
  readonly passages: PassageRepository;
  readonly entities: EntityRepository;
  readonly suggestions: SuggestionRepository;
  readonly claims: ClaimRepository;
  readonly charts: ChartRepository;
  readonly notes: NoteRepository;
  readonly savedSearches: SavedSearchRepository;
  readonly audit: AuditLog;
  /** Whole sets of records in and out: bundles, backups and restore, STIX and CSV imports. */
  readonly transfer: CaseTransfer;
  close(): void;
}

const READ_ONLY_TAIL = 'It is open read-only so nothing is lost: update Casefile to edit it.';

/** The message shown when the data format on disk is newer than this app's. */
export function newerFormatReason(storedFormatVersion: number): string {
  return (
    `This case database was written by a newer version of Casefile (data format ${storedFormatVersion}; ` +
    `this app understands up to ${DATA_FORMAT_VERSION}). ${READ_ONLY_TAIL}`
  );
}

/** The message when only the schema is newer (the format marker was not bumped or is missing). */
export function newerSchemaReason(storedSchemaVersion: number): string {
  return (
    `This case database was written by a newer version of Casefile (database schema ${storedSchemaVersion}; ` +
    `this app understands up to ${CURRENT_SCHEMA_VERSION}). ${READ_ONLY_TAIL}`
  );
}

/** The message when the backup before an upgrade failed, so the upgrade did not run. */
export function backupFailedReason(fromVersion: number, detail: string): string {
  return (
    `Casefile needs to update this case database (schema ${fromVersion} to ${CURRENT_SCHEMA_VERSION}) ` +
    `and backs up every case first, but the backup failed: ${detail} The update did not run and the ` +
    'database is open read-only, as it was, so nothing is lost. Free some disk space and restart Casefile.'
  );
}

/** The message when an upgrade step failed: IndexedDB rolled it back, the old data is as it was. */
export function migrationFailedReason(fromVersion: number, detail: string, note = ''): string {
  return (
    `Casefile could not update this case database from schema ${fromVersion} to ${CURRENT_SCHEMA_VERSION}: ${detail} ` +
    'The update was rolled back, so the database is exactly as it was before; it is open read-only, ' +
    `so nothing is lost. Keep this version of the data and report the problem.${note ? ` ${note}` : ''}`
  );
}

export function unreadableFormatReason(): string {
  return `This case database has a data format marker this version of Casefile cannot read. ${READ_ONLY_TAIL}`;
}

function isFormatVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Dexie stores version × 10 natively, plus up to 9 for its own schema patches: floor recovers ours. */
function schemaVersionOf(db: Dexie): number {
  return Math.floor(db.backendDB().version / 10);
}

/**
 * Opens the database as it is on disk, declaring no schema, so nothing is created or upgraded.
 * Undefined when there is no database yet (Dexie cleans up the empty one the probe made).
 */
async function openAsIs(
  name: string,
  deps: CasefileDatabaseOptions,
): Promise<CasefileDatabase | undefined> {
  const db = new CasefileDatabase(name, { ...deps, schema: 'existing' });
  try {
    await db.open();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Dexie.NoSuchDatabaseError) return undefined;
    throw error;
  }
}

async function readFormatMarker(db: CasefileDatabase): Promise<unknown> {
  if (!db.hasTable('meta')) return undefined;
  return (await db.meta.get(FORMAT_VERSION_KEY))?.value;
}

function readOnlyMode(storedSchemaVersion: number, storedFormat: unknown): StorageMode {
  if (isFormatVersion(storedFormat) && storedFormat > DATA_FORMAT_VERSION) {
    return {
      kind: 'read-only',
      reason: newerFormatReason(storedFormat),
      storedFormatVersion: storedFormat,
    };
  }
  return {
    kind: 'read-only',
    reason: newerSchemaReason(storedSchemaVersion),
    storedFormatVersion: isFormatVersion(storedFormat) ? storedFormat : 0,
  };
}

/**
 * Decides the mode from meta.formatVersion, and stamps fresh or older databases with ours.
 * (Data migrations between format versions would run here, in the same transaction.)
 */
async function settleFormatVersion(db: CasefileDatabase): Promise<StorageMode> {
  const stored = await readFormatMarker(db);
  if (stored !== undefined && !isFormatVersion(stored)) {
    return { kind: 'read-only', reason: unreadableFormatReason(), storedFormatVersion: 0 };
  }
  if (stored !== undefined && stored > DATA_FORMAT_VERSION) {
    return { kind: 'read-only', reason: newerFormatReason(stored), storedFormatVersion: stored };
  }
  if (stored === undefined || stored < DATA_FORMAT_VERSION) {
    await db.transaction('rw', db.meta, async () => {
      // Re-read inside the transaction: another window may have stamped it meanwhile.
      const current = (await db.meta.get(FORMAT_VERSION_KEY))?.value;
      if (current === undefined || (isFormatVersion(current) && current < DATA_FORMAT_VERSION)) {
        await db.meta.put({ key: FORMAT_VERSION_KEY, value: DATA_FORMAT_VERSION });
      }
    });
  }
  return { kind: 'read-write' };
}

async function storedFormatOf(db: CasefileDatabase): Promise<number> {
  const stored = await readFormatMarker(db);
  return isFormatVersion(stored) ? stored : 0;
}

/**
 * Before Dexie upgrades an older, non-empty database, runs `beforeMigration` on it as it is (read
 * only). True when that failed: the connection is then left read-only with the reason.
 */
async function backupBeforeUpgradeFailed(
  existing: CasefileDatabase,
  options: OpenCasefileStorageOptions,
): Promise<boolean> {
  const fromVersion = schemaVersionOf(existing);
  if (!options.beforeMigration || fromVersion >= CURRENT_SCHEMA_VERSION) return false;
  if (existing.tables.length === 0) return false;
  // Extraction reads today's tables: a database missing one of them is upgraded without a
  // backup, as before backups existed (src/db/README.md, "Local backups").
  if (!CASE_OWNED_TABLES.every((table) => existing.hasTable(table))) return false;
  existing.bindExistingTables();
  // Reads only, whatever the hook does with this connection.
  existing.setReadOnly('The database is being backed up before an update.');
  const readOnly = {
    mode: { kind: 'read-only', reason: 'backing up', storedFormatVersion: 0 } as const,
    now: () => new Date().toISOString(),
    newId: () => globalThis.crypto.randomUUID(),
  };
  let detail: string | undefined;
  try {
    const done = await options.beforeMigration({
      fromVersion,
      toVersion: CURRENT_SCHEMA_VERSION,
      cases: createCaseRepository(existing, readOnly),
      transfer: createCaseTransfer(existing, readOnly),
    });
    if (!done.ok) detail = done.error.message;
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  if (detail === undefined) return false;
  existing.setReadOnly(backupFailedReason(fromVersion, detail));
  return true;
}

function describeUpgradeError(error: unknown): string {
  const inner = (error as { inner?: unknown } | null)?.inner;
  const cause = inner instanceof Error ? inner : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Opens Casefile's database. A database written by a newer app (newer schema or newer data
 * format) is opened read-only, unchanged: repositories refuse writes with `storage.readOnly`,
 * and the connection itself refuses read-write transactions.
 */
export async function openCasefileStorage(
  options: OpenCasefileStorageOptions = {},
): Promise<CasefileStorage> {
  const name = options.name ?? CASEFILE_DB_NAME;
  const deps: CasefileDatabaseOptions = {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  };

  // Look before opening with our schema: Dexie 4 would open a newer database anyway and might
  // "patch" it (add tables or indexes we declare), which is a write.
  const existing = await openAsIs(name, deps);
  let db: CasefileDatabase;
  let mode: StorageMode;
  if (existing && schemaVersionOf(existing) > CURRENT_SCHEMA_VERSION) {
    existing.bindExistingTables();
    db = existing;
    mode = readOnlyMode(schemaVersionOf(existing), await readFormatMarker(existing));
  } else if (existing && (await backupBeforeUpgradeFailed(existing, options))) {
    // The backup failed: no upgrade; the as-is connection stays, read-only (mode set below).
    existing.bindExistingTables();
    db = existing;
    mode = {
      kind: 'read-only',
      reason: existing.readOnlyReason ?? backupFailedReason(schemaVersionOf(existing), ''),
      storedFormatVersion: await storedFormatOf(existing),
    };
  } else {
    const fromVersion = existing ? schemaVersionOf(existing) : CURRENT_SCHEMA_VERSION;
    existing?.close();
    db = new CasefileDatabase(name, deps);
    let upgradeError: Error | undefined;
    mode = { kind: 'read-write' };
    try {
      await db.open();
      // Another window may have upgraded between the look and the open.
      mode =
        schemaVersionOf(db) > CURRENT_SCHEMA_VERSION
          ? readOnlyMode(schemaVersionOf(db), await readFormatMarker(db))
          : await settleFormatVersion(db);
    } catch (error) {
      db.close(); // do not leave a half-open connection blocking the next attempt
      if (!existing || fromVersion >= CURRENT_SCHEMA_VERSION) throw error;
      upgradeError = error instanceof Error ? error : new Error(String(error));
    }
    if (upgradeError !== undefined) {
      // An upgrade step threw and IndexedDB rolled the upgrade back: open it as it is, read-only.
      const asIs = await openAsIs(name, deps);
      if (!asIs || schemaVersionOf(asIs) >= CURRENT_SCHEMA_VERSION) {
        asIs?.close();
        throw upgradeError;
      }
      asIs.bindExistingTables();
      db = asIs;
      mode = {
        kind: 'read-only',
        reason: migrationFailedReason(
          schemaVersionOf(asIs),
          describeUpgradeError(upgradeError),
          options.migrationFailedNote?.(),
        ),
        storedFormatVersion: await storedFormatOf(asIs),
      };
    }
  }
  if (mode.kind === 'read-only') db.setReadOnly(mode.reason);
  // Another window (a newer Casefile) upgrades or deletes the database: step aside so it is not
  // blocked, and stay closed. Dexie would otherwise reopen on the next call, and Dexie 4 opens a
  // newer database as it is, so this window would write into a schema it does not know.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    return false; // stops Dexie's own handler, which closes with auto-reopen
  });
  if (options.requestPersistence ?? true) void requestPersistentStorage();

  const repositoryOptions = {
    mode,
    now: options.now ?? (() => new Date().toISOString()),
    newId: options.newId ?? (() => globalThis.crypto.randomUUID()),
  };
  return {
    db,
    mode,
    cases: createCaseRepository(db, repositoryOptions),
    sources: createSourceRepository(db, repositoryOptions),
    passages: createPassageRepository(db, repositoryOptions),
    entities: createEntityRepository(db, repositoryOptions),
    suggestions: createSuggestionRepository(db, repositoryOptions),
    claims: createClaimRepository(db, repositoryOptions),
    charts: createChartRepository(db, repositoryOptions),
    notes: createNoteRepository(db, repositoryOptions),
    savedSearches: createSavedSearchRepository(db, repositoryOptions),
    audit: createAuditLog(db, undefined, repositoryOptions),
    transfer: createCaseTransfer(db, repositoryOptions),
    close: () => db.close(),
  };
}
