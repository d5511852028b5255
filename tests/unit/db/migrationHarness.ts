/**
 * Migration harness: builds a database exactly as a released schema version left it, from a
 * fixture in tests/fixtures/schemas, then opens it with today's openCasefileStorage.
 */
import type { CasefileStorage } from '../../../src/db/open';
import type { SchemaFixture } from '../../fixtures/schemas/fixture';
import { openTestStorage, storesOf, withRawDexie } from './helpers';

/** Every `tests/fixtures/schemas/v<N>.ts`, oldest first: adding v2.ts adds it to the tests. */
export function loadSchemaFixtures(): readonly SchemaFixture[] {
  const modules = import.meta.glob<SchemaFixture>('../../fixtures/schemas/v*.ts', {
    eager: true,
    import: 'default',
  });
  return Object.values(modules).sort((a, b) => a.schemaVersion - b.schemaVersion);
}

/**
 * Seeds a raw IndexedDB at the fixture's schema version, declaring only that version's stores
 * (as the released app did), with every fixture row written as is.
 */
export async function seedFromFixture(name: string, fixture: SchemaFixture): Promise<void> {
  await withRawDexie(name, fixture.schemaVersion, storesOf(fixture.schemaVersion), async (db) => {
    await db.transaction('rw', db.tables, async () => {
      for (const [table, rows] of Object.entries(fixture.tables)) {
        await db.table(table).bulkAdd([...rows]);
      }
    });
  });
}

/** Seeds the fixture, then opens it the way the current app does (running any upgrades). */
export async function openMigrated(name: string, fixture: SchemaFixture): Promise<CasefileStorage> {
  await seedFromFixture(name, fixture);
  return openTestStorage(name);
}
