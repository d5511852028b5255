import { describe, expect, test } from 'vitest';
import { asCaseId } from '../../../src/core/model/ids';
import {
  CURRENT_SCHEMA_VERSION,
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  SCHEMA_VERSIONS,
} from '../../../src/db/schema';
import { freshDbName } from './helpers';
import { loadSchemaFixtures, openMigrated } from './migrationHarness';

const fixtures = loadSchemaFixtures();

describe('schema fixtures', () => {
  /*
   * How to release schema version N+1:
   *   1. Append { version: N+1, stores: <full spec>, upgrade?: tx => ... } to SCHEMA_VERSIONS and
   *      bump CURRENT_SCHEMA_VERSION (and DATA_FORMAT_VERSION if rows change shape).
   *   2. Add tests/fixtures/schemas/v<N+1>.ts: what the new release writes, with rows in every table.
   *   3. Leave v1.ts … v<N>.ts alone: the describe.each below now upgrades each of them to N+1.
   *   4. Add assertions for how old rows were transformed to `upgradedRowExpectations` below.
   */
  test('there is exactly one fixture per released schema version', () => {
    expect(
      fixtures.map((fixture) => fixture.schemaVersion),
      'every SCHEMA_VERSIONS entry needs tests/fixtures/schemas/v<N>.ts (see the steps above)',
    ).toEqual(SCHEMA_VERSIONS.map((entry) => entry.version));
  });

  test('the newest fixture is what this app writes today', () => {
    const newest = fixtures.at(-1);
    expect(newest?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(newest?.formatVersion).toBe(DATA_FORMAT_VERSION);
  });
});

describe.each(fixtures.map((fixture) => [fixture.schemaVersion, fixture] as const))(
  'a database written at schema v%i',
  (schemaVersion, fixture) => {
    test('opens read-write and is stamped with the current data format', async () => {
      const storage = await openMigrated(freshDbName(), fixture);
      try {
        expect(storage.mode).toEqual({ kind: 'read-write' });
        expect(storage.db.verno).toBe(CURRENT_SCHEMA_VERSION);
        expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
          key: FORMAT_VERSION_KEY,
          value: DATA_FORMAT_VERSION,
        });
      } finally {
        storage.close();
      }
    });

    test('every row survives the upgrade', async () => {
      const storage = await openMigrated(freshDbName(), fixture);
      try {
        for (const [tableName, rows] of Object.entries(fixture.tables)) {
          const table = storage.db.table(tableName);
          const keyPath = table.schema.primKey.keyPath;
          expect(typeof keyPath, `${tableName} has a single-field primary key`).toBe('string');
          expect(await table.count(), `${tableName} row count`).toBe(rows.length);
          for (const row of rows) {
            const stored: unknown = await table.get(row[keyPath as string] as string);
            if (schemaVersion === CURRENT_SCHEMA_VERSION) {
              expect(stored, `${tableName} row unchanged`).toEqual(row);
            } else {
              expect(stored, `${tableName} row kept`).toBeDefined();
            }
          }
        }
        await upgradedRowExpectations[schemaVersion]?.(storage);
      } finally {
        storage.close();
      }
    });

    test('cases list newest first and every audit chain still verifies', async () => {
      const storage = await openMigrated(freshDbName(), fixture);
      try {
        const cases = await storage.cases.list();
        expect(cases.map((c) => c.id).sort()).toEqual(
          fixture.tables['cases']?.map((row) => row['id']).sort(),
        );
        const updated = cases.map((c) => c.updatedAt);
        expect(updated).toEqual([...updated].sort().reverse());
        for (const c of cases) {
          const verdict = await storage.audit.verify(c.id);
          expect(verdict.ok, `audit chain of ${c.title}`).toBe(true);
        }
      } finally {
        storage.close();
      }
    });

    test('the upgraded database takes writes: create, update, delete', async () => {
      const storage = await openMigrated(freshDbName(), fixture);
      try {
        const created = await storage.cases.create({ title: 'After the upgrade' });
        if (!created.ok) throw new Error(created.error.message);
        expect(await storage.cases.get(created.value.id)).toEqual(created.value);
        expect(await storage.cases.list()).toHaveLength((fixture.tables['cases'] ?? []).length + 1);

        const oldCase = fixture.tables['cases']?.[0];
        const oldId = asCaseId(String(oldCase?.['id']));
        const renamed = await storage.cases.update(oldId, { title: 'Renamed after upgrade' });
        expect(renamed.ok).toBe(true);
        const chain = await storage.audit.verify(oldId);
        expect(chain).toMatchObject({
          ok: true,
          value: {
            length: (fixture.tables['audit'] ?? []).filter((e) => e['caseId'] === oldId).length + 1,
          },
        });

        const removed = await storage.cases.delete(oldId);
        expect(removed.ok).toBe(true);
        expect(await storage.cases.get(oldId)).toBeUndefined();
      } finally {
        storage.close();
      }
    });
  },
);

/**
 * Per old schema version: what its rows look like after upgrading to the current one. Empty while
 * v1 is the only release; add `1: async (storage) => { ... }` together with the v2 upgrade.
 */
const upgradedRowExpectations: Readonly<
  Record<number, (storage: Awaited<ReturnType<typeof openMigrated>>) => Promise<void>>
> = {};
