/**
 * Backups before a schema migration. This file pretends the app is one schema version ahead
 * (the current SCHEMA_VERSIONS plus a test-only version), so a database written at today's
 * version is upgraded, and must be backed up first. It also checks the rule of
 * src/db/README.md: extraction must read a database of the previous schema version.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openBackupStore, type BackupStore, type BackupSummary } from '../../../src/db/backupStore';
import { backUpBeforeMigration, restoreBackup } from '../../../src/db/backups';
import type { CasefileStorage, OpenCasefileStorageOptions } from '../../../src/db/open';
import * as schema from '../../../src/db/schema';
import { err } from '../../../src/shared/result';
import { loadSchemaFixtures, seedFromFixture } from './migrationHarness';
import { dumpDatabase, freshDbName, openTestStorage, type DatabaseDump } from './helpers';
import { seedInvestigation } from './transferSeed';

const UPGRADE_MARK = 'test.upgradedToNextVersion';

/** Whether the app pretends to be one schema version ahead (off: today's app). */
const pretend = vi.hoisted(() => ({ nextVersion: true }));

vi.mock('../../../src/db/schema', async (importOriginal) => {
  const actual = await importOriginal<typeof schema>();
  const next = actual.CURRENT_SCHEMA_VERSION + 1;
  const stores = { ...actual.SCHEMA_VERSIONS.at(-1)!.stores };
  /** Today's database class with one more version, whose upgrade leaves a mark in `meta`. */
  class NextVersionDatabase extends actual.CasefileDatabase {
    constructor(name?: string, options: schema.CasefileDatabaseOptions = {}) {
      super(name, options);
      if (pretend.nextVersion && (options.schema ?? 'declared') === 'declared') {
        this.version(next)
          .stores(stores)
          .upgrade((tx) =>
            tx.table('meta').put({ key: 'test.upgradedToNextVersion', value: next }),
          );
      }
    }
  }
  return {
    ...actual,
    get CURRENT_SCHEMA_VERSION() {
      return pretend.nextVersion ? next : actual.CURRENT_SCHEMA_VERSION;
    },
    get SCHEMA_VERSIONS() {
      return pretend.nextVersion
        ? [...actual.SCHEMA_VERSIONS, { version: next, stores }]
        : actual.SCHEMA_VERSIONS;
    },
    CasefileDatabase: NextVersionDatabase,
  };
});

const fixtures = loadSchemaFixtures();
/** What today's app writes: the newest fixture (one version behind the pretended app). */
const TODAY = fixtures.at(-1)!;
const PREVIOUS = fixtures.at(-2)!;
const APP = { name: 'Casefile', version: 'test' };
/** Bundles carry these tables; suggestions, rejections and meta are not part of a case bundle. */
const CARRIED = [
  'audit',
  'blobs',
  'cases',
  'charts',
  'claims',
  'entities',
  'entityMerges',
  'noteContents',
  'notes',
  'passages',
  'savedSearches',
  'sourceContents',
  'sources',
];

let open: { close(): void }[] = [];
afterEach(() => {
  for (const item of open) item.close();
  open = [];
  pretend.nextVersion = true;
});
async function opened<T extends { close(): void }>(item: Promise<T>): Promise<T> {
  const value = await item;
  open.push(value);
  return value;
}

function carried(dump: DatabaseDump): Record<string, readonly unknown[]> {
  return Object.fromEntries(CARRIED.map((table) => [table, dump.tables[table] ?? []]));
}

/** Restored into an empty database, the backups are the data as it was before the upgrade. */
async function expectRestoredEqual(
  store: BackupStore,
  backups: readonly BackupSummary[],
  before: DatabaseDump,
): Promise<void> {
  const fresh = await opened(openTestStorage(freshDbName()));
  for (const backup of backups) {
    const restored = await restoreBackup(fresh, store, backup.id, { target: 'new-case' });
    expect(restored.ok, JSON.stringify(restored)).toBe(true);
  }
  const after = carried(await dumpDatabase(fresh.db));
  const withoutRestoreEvents = {
    ...after,
    audit: after.audit!.filter((row) => (row as { action: string }).action !== 'backup.restored'),
  };
  expect(JSON.stringify(withoutRestoreEvents, null, 1)).toBe(
    JSON.stringify(carried(before), null, 1),
  );
}

async function withBackups(
  name: string,
  store: BackupStore,
  extra: OpenCasefileStorageOptions = {},
): Promise<CasefileStorage> {
  return opened(
    openTestStorage(name, {
      beforeMigration: backUpBeforeMigration(store, { app: APP }),
      ...extra,
    }),
  );
}

describe('before a schema migration', () => {
  test('every case is backed up first, as it was, then the upgrade runs', async () => {
    // Written by today's app (its repositories), then opened by the next one.
    const name = freshDbName();
    pretend.nextVersion = false;
    const today = await openTestStorage(name);
    expect(today.db.verno).toBe(TODAY.schemaVersion);
    // Two cases with every record kind (they share originals: blobs are kept once).
    await seedInvestigation(today);
    await seedInvestigation(today);
    today.close();
    pretend.nextVersion = true;
    const before = await dumpDatabase(name);
    const store = await opened(openBackupStore({ name: freshDbName() }));

    const storage = await withBackups(name, store);
    expect(storage.mode).toEqual({ kind: 'read-write' });
    expect(storage.db.verno).toBe(schema.CURRENT_SCHEMA_VERSION);
    expect(await storage.db.meta.get(UPGRADE_MARK)).toBeDefined();

    const backups = await store.list();
    expect(backups).toHaveLength(2);
    expect(new Set(backups.map((backup) => backup.round)).size).toBe(1);
    for (const backup of backups) {
      expect(backup).toMatchObject({
        reason: 'before-migration',
        schemaVersion: TODAY.schemaVersion,
      });
    }

    await expectRestoredEqual(store, backups, before);
  });

  test('every case of the newest schema fixture is backed up before the upgrade', async () => {
    const name = freshDbName();
    await seedFromFixture(name, TODAY);
    const store = await opened(openBackupStore({ name: freshDbName() }));
    const storage = await withBackups(name, store);
    expect(await storage.db.meta.get(UPGRADE_MARK)).toBeDefined();
    const caseIds = TODAY.tables.cases!.map((row) => (row as { id: string }).id);
    expect((await store.list()).map((backup) => backup.caseId).sort()).toEqual([...caseIds].sort());
  });

  test('a failed backup keeps the upgrade from running: read-only, unchanged, with the reason', async () => {
    const name = freshDbName();
    await seedFromFixture(name, TODAY);
    const before = await dumpDatabase(name);
    const real = await opened(openBackupStore({ name: freshDbName() }));
    const full: BackupStore = {
      ...real,
      add: () => Promise.resolve(err('storage.quotaExceeded', 'The disk is full.')),
    };
    const storage = await withBackups(name, full);
    expect(storage.mode).toMatchObject({ kind: 'read-only' });
    const reason = storage.mode.kind === 'read-only' ? storage.mode.reason : '';
    expect(reason).toContain('backs up every case first, but the backup failed');
    expect(reason).toContain('The disk is full.');
    expect(reason).toContain('nothing is lost');
    expect((await storage.cases.list()).length).toBe(TODAY.tables.cases!.length);
    storage.close();
    expect((await dumpDatabase(name)).json).toBe(before.json);

    // Once backing up works again, the next start backs up and upgrades.
    const upgraded = await withBackups(name, real);
    expect(upgraded.mode).toEqual({ kind: 'read-write' });
    expect(await upgraded.db.meta.get(UPGRADE_MARK)).toBeDefined();
    expect((await real.list()).length).toBe(TODAY.tables.cases!.length);
  });

  test('a hook that throws is a failed backup too', async () => {
    const name = freshDbName();
    await seedFromFixture(name, TODAY);
    const storage = await opened(
      openTestStorage(name, {
        beforeMigration: () => Promise.reject(new Error('Out of memory')),
      }),
    );
    expect(storage.mode).toMatchObject({
      kind: 'read-only',
      reason: expect.stringContaining('Out of memory') as string,
    });
  });

  test('a new database, or one already at this version, is not backed up', async () => {
    const store = await opened(openBackupStore({ name: freshDbName() }));
    const name = freshDbName();
    const created = await withBackups(name, store);
    created.close();
    await withBackups(name, store);
    expect(await store.list()).toEqual([]);
  });

  // The rule of src/db/README.md ("Local backups"): before-migration backups start with schema 6,
  // the first whose tables extract reads whole. A database of an earlier, pre-release schema
  // (here 5, without savedSearches) is upgraded as before backups existed: no backup, no block.
  test('a pre-release database (schema 5) is upgraded without a backup, not left read-only', async () => {
    const name = freshDbName();
    await seedFromFixture(name, PREVIOUS);
    const store = await opened(openBackupStore({ name: freshDbName() }));
    const storage = await withBackups(name, store);
    expect(storage.mode).toEqual({ kind: 'read-write' });
    expect(await store.list()).toEqual([]);
    expect((await storage.cases.list()).length).toBe(PREVIOUS.tables.cases!.length);
  });
});
