/**
 * Issue 11, storage faults: a failing migration. This file pretends the app is one schema version
 * ahead, and that version's upgrade step throws half-way (after writing). IndexedDB rolls the
 * whole upgrade back: the database must open read-only, byte-for-byte as it was, at its old
 * version, with a message naming both versions and where the before-migration backups are.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { openBackupStore } from '../../../src/db/backupStore';
import {
  backUpBeforeMigration,
  describeMigrationBackups,
  type CaseBackupResult,
} from '../../../src/db/backups';
import type * as schema from '../../../src/db/schema';
import { dumpDatabase, freshDbName, openTestStorage } from './helpers';
import { memoryBackupFiles } from './memoryBackupFiles';
import { seedInvestigation } from './transferSeed';

const pretend = vi.hoisted(() => ({ nextVersion: false }));

vi.mock('../../../src/db/schema', async (importOriginal) => {
  const actual = await importOriginal<typeof schema>();
  const next = actual.CURRENT_SCHEMA_VERSION + 1;
  const stores = { ...actual.SCHEMA_VERSIONS.at(-1)!.stores };
  /** Today's database class with one more version whose upgrade writes, then throws. */
  class FailingNextVersionDatabase extends actual.CasefileDatabase {
    constructor(name?: string, options: schema.CasefileDatabaseOptions = {}) {
      super(name, options);
      if (pretend.nextVersion && (options.schema ?? 'declared') === 'declared') {
        this.version(next)
          .stores(stores)
          .upgrade(async (tx) => {
            await tx.table('cases').toCollection().modify({ title: 'half-migrated' });
            throw new Error('Upgrade step 7 found a claim without a subject');
          });
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
    CasefileDatabase: FailingNextVersionDatabase,
  };
});

afterEach(() => {
  pretend.nextVersion = false;
});

test('an upgrade step that throws: rolled back, read-only, versions and backup files named', async () => {
  const name = freshDbName();
  const today = await openTestStorage(name);
  const todayVersion = today.db.verno;
  await seedInvestigation(today);
  today.close();
  const before = await dumpDatabase(name);

  pretend.nextVersion = true;
  const files = memoryBackupFiles('/home/analyst/.config/Casefile/Backups');
  const store = await openBackupStore({ name: freshDbName(), files: files.store });
  let backedUp: readonly CaseBackupResult[] = [];
  const backUp = backUpBeforeMigration(store, { app: { name: 'Casefile', version: 'test' } });
  const storage = await openTestStorage(name, {
    beforeMigration: async (source) => {
      const results = await backUp(source);
      if (results.ok) backedUp = results.value;
      return results;
    },
    migrationFailedNote: () =>
      describeMigrationBackups(backedUp, '/home/analyst/.config/Casefile/Backups'),
  });

  expect(storage.mode.kind).toBe('read-only');
  const reason = storage.mode.kind === 'read-only' ? storage.mode.reason : '';
  expect(reason).toContain(`from schema ${todayVersion} to ${todayVersion + 1}`);
  expect(reason).toContain('Upgrade step 7 found a claim without a subject');
  expect(reason).toContain('rolled back');
  expect(reason).toContain('/home/analyst/.config/Casefile/Backups');
  const backup = (await store.list())[0]!;
  expect(reason).toContain(`${backup.id}.casefile`);
  expect(files.files.has(`${backup.id}.casefile`)).toBe(true);

  // Never half-migrated: the old version, the old titles, and writes are refused.
  expect(storage.db.verno).toBe(todayVersion);
  const cases = await storage.cases.list();
  expect(cases.map((entry) => entry.title)).not.toContain('half-migrated');
  const refused = await storage.cases.update(cases[0]!.id, { title: 'Renamed' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'storage.readOnly' } });
  storage.close();
  store.close();
  expect((await dumpDatabase(name)).json).toBe(before.json);
});

test('without backups the message still names both versions and says nothing is lost', async () => {
  const name = freshDbName();
  const today = await openTestStorage(name);
  await seedInvestigation(today);
  today.close();
  pretend.nextVersion = true;
  const storage = await openTestStorage(name);
  const reason = storage.mode.kind === 'read-only' ? storage.mode.reason : '';
  expect(reason).toMatch(/from schema \d+ to \d+/);
  expect(reason).toContain('nothing is lost');
  storage.close();
});
