import { describe, expect, test } from 'vitest';
import { validateNewChart } from '../../../src/core/model/chart';
import {
  emptyNoteDocument,
  entityMentionJson,
  noteText,
  parseNoteDocument,
} from '../../../src/core/model/note';
import {
  asCaseId,
  asChartId,
  asClaimId,
  asEntityId,
  asNoteId,
  asPassageId,
  asSourceId,
} from '../../../src/core/model/ids';
import type { CasefileStorage } from '../../../src/db/open';
import {
  CURRENT_SCHEMA_VERSION,
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  SCHEMA_VERSIONS,
} from '../../../src/db/schema';
import { CHART_DEFAULTS } from '../../fixtures/builders';
import type { FixtureRow, SchemaFixture } from '../../fixtures/schemas/fixture';
import { freshDbName, openTestStorage, storesOf, withRawDexie } from './helpers';
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
      const expectation = upgradedRowExpectations[schemaVersion];
      if (schemaVersion < CURRENT_SCHEMA_VERSION) {
        expect(expectation, `upgradedRowExpectations[${schemaVersion}] is missing`).toBeDefined();
      }
      const reshaped = new Set(expectation?.reshapedTables ?? []);
      try {
        for (const [tableName, rows] of Object.entries(fixture.tables)) {
          const table = storage.db.table(tableName);
          const keyPath = table.schema.primKey.keyPath;
          expect(keyPath, `${tableName} has a primary key`).toBeDefined();
          // A compound primary key (rejections: [caseId+key]) is looked up by its parts.
          const keyOf = (row: FixtureRow): string | string[] =>
            Array.isArray(keyPath)
              ? keyPath.map((part) => row[part] as string)
              : (row[keyPath as string] as string);
          expect(await table.count(), `${tableName} row count`).toBe(rows.length);
          for (const row of rows) {
            const stored: unknown = await table.get(keyOf(row));
            if (reshaped.has(tableName)) {
              expect(stored, `${tableName} row kept`).toBeDefined();
            } else {
              expect(stored, `${tableName} row unchanged`).toEqual(row);
            }
          }
        }
        await expectation?.check(storage, fixture);
      } finally {
        storage.close();
      }
    });

    test('its sources list without text, read their content and originals, and delete', async () => {
      const storage = await openMigrated(freshDbName(), fixture);
      try {
        const sourceRows = fixture.tables['sources'] ?? [];
        for (const caseRow of fixture.tables['cases'] ?? []) {
          const caseId = asCaseId(String(caseRow['id']));
          const listed = await storage.sources.list(caseId);
          expect(listed.map((s) => s.id).sort()).toEqual(
            sourceRows
              .filter((row) => row['caseId'] === caseId)
              .map((row) => row['id'])
              .sort(),
          );
          for (const summary of listed) {
            expect(summary).not.toHaveProperty('text');
            expect(summary).not.toHaveProperty('structure');
            expect((await storage.sources.content(summary.id))?.text).toEqual(expect.any(String));
            expect(await storage.sources.original(summary.sha256)).toBeInstanceOf(Uint8Array);
          }
        }
        const first = sourceRows[0];
        const firstId = asSourceId(String(first?.['id']));
        // A source whose passages are evidence is kept until the claims let go of them.
        const family = [firstId, ...(await storage.sources.children(firstId)).map((c) => c.id)];
        const passageIds = new Set(
          (await storage.db.passages.where('sourceId').anyOf(family).primaryKeys()).map(String),
        );
        const citing = (await storage.db.claims.toArray()).filter((claim) =>
          claim.evidence.some((id) => passageIds.has(id)),
        );
        if (citing.length > 0) {
          expect(await storage.sources.delete(firstId)).toMatchObject({
            ok: false,
            error: { code: 'source.evidenceCited' },
          });
          for (const claim of citing) expect((await storage.claims.delete(claim.id)).ok).toBe(true);
        }
        const removed = await storage.sources.delete(firstId);
        expect(removed.ok).toBe(true);
        expect(await storage.sources.get(asSourceId(String(first?.['id'])))).toBeUndefined();
        expect((await storage.audit.verify(asCaseId(String(first?.['caseId'])))).ok).toBe(true);
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

interface UpgradeExpectation {
  /** Tables whose rows the upgrade changes; rows of every other table must come out unchanged. */
  readonly reshapedTables: readonly string[];
  /** Checks the reshaped rows (and any new tables) after upgrading to the current schema. */
  readonly check: (storage: CasefileStorage, fixture: SchemaFixture) => Promise<void>;
}

const V1_CONTENT_FIELDS = ['text', 'structure', 'html'] as const;

/**
 * Per old schema version: how its rows look after upgrading to the current schema. Every released
 * version but the newest needs an entry (the test above insists).
 */
const upgradedRowExpectations: Readonly<Record<number, UpgradeExpectation>> = {
  1: {
    // v2 moved text/structure/html into sourceContents; v4 reshaped charts; v5 moved note
    // contents into noteContents and gave notes their reference lists; meta is stamped.
    reshapedTables: ['sources', 'charts', 'notes', 'meta'],
    async check(storage, fixture) {
      await expectChartsReshaped(storage, fixture);
      await expectNotesIndexed(storage, fixture);
      const sources = fixture.tables['sources'] ?? [];
      expect(sources.length).toBeGreaterThan(0);
      expect(await storage.db.sourceContents.count()).toBe(sources.length);
      for (const row of sources) {
        const id = asSourceId(String(row['id']));
        const metadata = Object.fromEntries(
          Object.entries(row).filter(
            ([key]) => !(V1_CONTENT_FIELDS as readonly string[]).includes(key),
          ),
        );
        const stored = await storage.db.sources.get(id);
        expect(stored, 'sources row keeps every other field, unchanged').toEqual(metadata);
        for (const field of V1_CONTENT_FIELDS) expect(stored).not.toHaveProperty(field);
        expect(await storage.db.sourceContents.get(id), 'content moved under the same id').toEqual({
          id: row['id'],
          caseId: row['caseId'],
          text: row['text'],
          structure: row['structure'],
          ...(row['html'] !== undefined ? { html: row['html'] } : {}),
        });
      }
      expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
      await expectV3TablesEmpty(storage);
    },
  },
  2: {
    // v3 only adds tables (entityMerges, suggestions, rejections); v4 reshapes charts; v5
    // moves note contents into noteContents and gives notes their reference lists.
    reshapedTables: ['charts', 'notes', 'meta'],
    async check(storage, fixture) {
      await expectChartsReshaped(storage, fixture);
      await expectNotesIndexed(storage, fixture);
      expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
      await expectV3TablesEmpty(storage);
      // The v2 mention is read through the v3 repositories, in context, without being rewritten.
      const [mention] = fixture.tables['passages'] ?? [];
      const caseId = asCaseId(String(mention?.['caseId']));
      const entityId = asEntityId(String(mention?.['entityId']));
      const [summary] = await storage.entities.list(caseId);
      expect(summary).toMatchObject({ id: entityId, mentionCount: 1, sourceCount: 1 });
      expect(await storage.entities.mentions(entityId)).toEqual([
        {
          passage: mention,
          sourceTitle: 'Delivery note 4471',
          before: 'berth 7 by ',
          after: '.',
        },
      ]);
      const auditBefore = await storage.db.audit.count();
      const sourceId = asSourceId(String(mention?.['sourceId']));
      expect(await storage.passages.forSource(sourceId)).toEqual({ ok: true, value: [mention] });
      expect(await storage.db.audit.count(), 'nothing moved, nothing written').toBe(auditBefore);
    },
  },
  3: {
    // v4 reshapes charts (and indexes claims by object entity and evidence); v5 moves note
    // contents into noteContents and gives notes their reference lists; meta is stamped.
    reshapedTables: ['charts', 'notes', 'meta'],
    async check(storage, fixture) {
      expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
      await expectChartsReshaped(storage, fixture);
      await expectNotesIndexed(storage, fixture);
      // The v3 claim is read through the v4 repository, graded from its evidence.
      const [claim] = fixture.tables['claims'] ?? [];
      const summary = await storage.claims.get(asClaimId(String(claim?.['id'])));
      expect(summary).toMatchObject({
        ...claim,
        grade: 'F2',
        bestReliability: 'F',
        singleSource: false,
        analystAssertion: false,
        orphanedEvidence: 0,
      });
      // Found through the new claims indexes.
      const cited = String((claim?.['evidence'] as string[])[0]);
      expect(await storage.db.claims.where('evidence').equals(cited).primaryKeys()).toEqual([
        claim?.['id'],
      ]);
    },
  },
  4: {
    // v5 moves note contents, unchanged, into noteContents and gives notes their reference
    // lists; meta is stamped.
    reshapedTables: ['notes', 'meta'],
    async check(storage, fixture) {
      expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
      await expectNotesIndexed(storage, fixture);
    },
  },
  5: {
    // v6 adds the savedSearches table and [caseId+updatedAt] indexes; rows stay as they were and
    // only meta is stamped.
    reshapedTables: ['meta'],
    async check(storage) {
      expect(await storage.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
      expect(await storage.db.savedSearches.count()).toBe(0);
      for (const table of [storage.db.passages, storage.db.entities, storage.db.claims]) {
        expect(table.schema.idxByName['[caseId+updatedAt]'], table.name).toBeDefined();
      }
    },
  },
};

/**
 * Every note row of an older schema has its content moved, exactly as stored, to a noteContents
 * row under the same id, keeps its other fields and gains the reference lists of its content (the
 * released fixtures' notes are empty: empty lists), and the note opens through the repository,
 * its format-1 content migrated when read.
 */
async function expectNotesIndexed(storage: CasefileStorage, fixture: SchemaFixture): Promise<void> {
  const rows = fixture.tables['notes'] ?? [];
  expect(rows.length, 'the fixture has notes to upgrade').toBeGreaterThan(0);
  expect(await storage.db.noteContents.count()).toBe(rows.length);
  for (const row of rows) {
    const id = asNoteId(String(row['id']));
    const { editorState, ...metadata } = row;
    expect(await storage.db.notes.get(id), 'notes row without its content').toEqual({
      ...metadata,
      entityIds: [],
      passageIds: [],
      claimIds: [],
    });
    expect(await storage.db.noteContents.get(id), 'content moved under the same id').toEqual({
      id: row['id'],
      caseId: row['caseId'],
      createdAt: row['createdAt'],
      updatedAt: row['updatedAt'],
      editorState,
    });
    const stored = await storage.notes.get(id);
    expect(stored).toEqual({ ...row, entityIds: [], passageIds: [], claimIds: [] });
    expect(parseNoteDocument(String(stored?.editorState)).ok).toBe(true);
    const listed = await storage.notes.list(asCaseId(String(row['caseId'])));
    expect(listed.map((note) => note.id)).toContain(id);
  }
}

/**
 * Every chart row of an older schema comes out in the v4 shape: chosen elements become scope
 * `chosen`, the old free-form filters are dropped, unknown layouts become fcose, positions stay.
 */
async function expectChartsReshaped(
  storage: CasefileStorage,
  fixture: SchemaFixture,
): Promise<void> {
  const rows = fixture.tables['charts'] ?? [];
  expect(rows.length, 'the fixture has charts to upgrade').toBeGreaterThan(0);
  for (const row of rows) {
    const elementIds = row['elementIds'] as string[];
    const expected = {
      id: row['id'],
      caseId: row['caseId'],
      createdAt: row['createdAt'],
      updatedAt: row['updatedAt'],
      title: row['title'],
      scope: elementIds.length > 0 ? 'chosen' : 'all',
      entityIds: elementIds,
      positions: row['positions'],
      filters: {},
      // Every fixture chart used a layout v4 does not have ('force', 'hierarchy').
      layout: 'fcose',
      sizeBy: 'degree',
      groups: [],
    };
    const id = asChartId(String(row['id']));
    expect(await storage.charts.get(id)).toEqual(expected);
    // The upgraded chart is a valid v4 chart: it can be saved again as it is.
    const chart = (await storage.charts.get(id))!;
    expect(validateNewChart(chart).ok).toBe(true);
    const saved = await storage.charts.update(id, { title: `${chart.title} (v4)` });
    expect(saved.ok && { ...saved.value, updatedAt: expected.updatedAt }).toEqual({
      ...expected,
      title: `${chart.title} (v4)`,
    });
  }
}

/** The tables schema v3 added exist, with their indexes, and an upgrade leaves them empty. */
async function expectV3TablesEmpty(storage: CasefileStorage): Promise<void> {
  expect(storage.db.entityMerges.schema.idxByName['survivorId']).toBeDefined();
  expect(storage.db.suggestions.schema.idxByName['[sourceId+status]']).toBeDefined();
  expect(storage.db.rejections.schema.primKey.keyPath).toEqual(['caseId', 'key']);
  expect(await storage.db.entityMerges.count()).toBe(0);
  expect(await storage.db.suggestions.count()).toBe(0);
  expect(await storage.db.rejections.count()).toBe(0);
}

describe('the v1 → v2 upgrade (source contents move out of sources)', () => {
  test('pages through many sources and moves HTML too; nothing else is touched', async () => {
    const name = freshDbName();
    const caseId = 'cccccccc-0000-4000-8000-000000000001';
    // More than one upgrade batch (200), ids out of insertion order.
    const rows = Array.from({ length: 450 }, (_, i) => ({
      id: `cccccccc-0001-4000-8000-${String(449 - i).padStart(12, '0')}`,
      caseId,
      createdAt: '2026-01-05T10:05:00.000Z',
      updatedAt: '2026-01-05T10:05:00.000Z',
      title: `Source ${i}`,
      kind: i % 2 === 0 ? 'html' : 'text',
      sha256: '719c263636121eb2961cf04d78dc712c50108866b09e976cd3fb2d0e4add299f',
      byteLength: 69,
      mediaType: 'text/plain',
      text: `Text of source ${i}`,
      structure: { paragraphs: [{ start: 0, end: 10 }] },
      ...(i % 2 === 0 ? { html: `<p>Text of source ${i}</p>` } : {}),
      provenance: {},
      reliability: 'C',
      warnings: [],
    }));
    await withRawDexie(name, 1, storesOf(1), async (db) => {
      await db.table('sources').bulkAdd(rows);
    });
    const storage = await openTestStorage(name);
    try {
      expect(await storage.db.sources.count()).toBe(450);
      expect(await storage.db.sourceContents.count()).toBe(450);
      for (const row of [rows[0], rows[1], rows[222], rows[449]]) {
        const id = asSourceId(String(row?.id));
        const { text, structure, html, ...metadata } = row as Record<string, unknown>;
        expect(await storage.db.sources.get(id)).toEqual(metadata);
        expect(await storage.db.sourceContents.get(id)).toEqual({
          id,
          caseId,
          text,
          structure,
          ...(html !== undefined ? { html } : {}),
        });
      }
      expect((await storage.sources.list(asCaseId(caseId))).length).toBe(450);
    } finally {
      storage.close();
    }
  });

  test('a fresh database is created at the current schema with an empty sourceContents table', async () => {
    const storage = await openTestStorage(freshDbName());
    try {
      expect(storage.db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(storage.db.sourceContents.schema.idxByName['caseId']).toBeDefined();
      expect(storage.db.sources.schema.idxByName['parentId']).toBeDefined();
      expect(await storage.db.sourceContents.count()).toBe(0);
    } finally {
      storage.close();
    }
  });
});

describe('a schema v3 database reads and writes through the v3 repositories', () => {
  const v3 = fixtures.find((fixture) => fixture.schemaVersion === 3);
  const rowsOf = (table: string) => v3?.tables[table] ?? [];
  const idOf = (table: string, field: string, wanted: unknown): string =>
    String(rowsOf(table).find((row) => row[field] === wanted)?.['id']);

  test('entities with mention counts, merges, suggestion queues and rejections', async () => {
    if (!v3) throw new Error('tests/fixtures/schemas/v3.ts is missing');
    const storage = await openMigrated(freshDbName(), v3);
    try {
      const harbour = asCaseId(idOf('cases', 'title', 'Harbour fuel diversion'));
      const northgate = asCaseId(idOf('cases', 'title', 'Northgate shell companies'));
      const listed = await storage.entities.list(harbour);
      expect(listed.map((e) => [e.name, e.mentionCount, e.sourceCount])).toEqual([
        ['Mara Kessel', 2, 2],
        ['northgate-holdings.example', 1, 1],
      ]);
      const [inForce] = await storage.entities.merges(harbour);
      expect(inForce?.undoneAt).toBeUndefined();
      expect((await storage.entities.merges(northgate))[0]?.undoneAt).toEqual(expect.any(String));

      const note = asSourceId(idOf('sources', 'caseId', harbour));
      expect(await storage.suggestions.pendingCounts(harbour)).toEqual(new Map([[note, 1]]));
      expect((await storage.suggestions.forSource(note)).map((s) => s.status)).toEqual([
        'rejected',
        'pending',
        'accepted',
      ]);
      // The remembered rejection still applies to a new extraction run.
      const [money] = (await storage.suggestions.forSource(note)).filter((s) => s.type === 'Money');
      expect(
        await storage.suggestions.replaceForSource(note, money ? [{ ...money }] : []),
      ).toMatchObject({ ok: true, value: { added: 0, skippedRejected: 1 } });

      // The merge in force can still be undone; the chain takes the new events.
      expect((await storage.entities.undoMerge(inForce!.id)).ok).toBe(true);
      expect((await storage.entities.list(harbour)).map((e) => e.name)).toEqual([
        'M. Kessel',
        'Mara Kessel',
        'northgate-holdings.example',
      ]);
      expect((await storage.audit.verify(harbour)).ok).toBe(true);
    } finally {
      storage.close();
    }
  });
});

describe('the v3 → v4 upgrade (charts take their new shape)', () => {
  test('keeps a known layout and positions; cleans damaged element lists; nothing else changes', async () => {
    const name = freshDbName();
    const caseId = 'cccccccc-0000-4000-8000-000000000001';
    const chart = (id: string, extra: Record<string, unknown>) => ({
      id: `cccccccc-0006-4000-8000-00000000000${id}`,
      caseId,
      createdAt: '2026-03-02T09:25:00.000Z',
      updatedAt: '2026-03-02T09:26:00.000Z',
      title: `Chart ${id}`,
      ...extra,
    });
    await withRawDexie(name, 3, storesOf(3), async (db) => {
      await db.table('charts').bulkAdd([
        chart('1', {
          elementIds: ['e1', 'e1', 7, '', 'e2'],
          positions: { e1: { x: 1, y: 2 } },
          filters: { anything: true },
          layout: 'grid',
        }),
        // A damaged row: no element list, positions not an object, layout not a string.
        chart('2', { positions: null, layout: 3 }),
      ]);
    });
    const storage = await openTestStorage(name);
    try {
      const common = {
        caseId,
        createdAt: '2026-03-02T09:25:00.000Z',
        updatedAt: '2026-03-02T09:26:00.000Z',
      };
      expect(await storage.db.charts.toArray()).toEqual([
        {
          id: 'cccccccc-0006-4000-8000-000000000001',
          ...common,
          title: 'Chart 1',
          scope: 'chosen',
          entityIds: ['e1', 'e2'],
          positions: { e1: { x: 1, y: 2 } },
          filters: {},
          layout: 'grid',
          sizeBy: 'degree',
          groups: [],
        },
        {
          id: 'cccccccc-0006-4000-8000-000000000002',
          ...common,
          title: 'Chart 2',
          ...CHART_DEFAULTS,
        },
      ]);
    } finally {
      storage.close();
    }
  });
});

describe('a schema v4 database reads through the v4 repositories', () => {
  const v4 = fixtures.find((fixture) => fixture.schemaVersion === 4);
  const rowsOf = (table: string) => v4?.tables[table] ?? [];

  test('claims with grades, evidence in context, vocabulary and charts', async () => {
    if (!v4) throw new Error('tests/fixtures/schemas/v4.ts is missing');
    const storage = await openMigrated(freshDbName(), v4);
    try {
      const harbour = asCaseId(String(rowsOf('cases')[0]?.['id']));
      const claims = await storage.claims.list(harbour);
      expect(claims.map((c) => [c.predicate, c.grade, c.singleSource, c.analystAssertion])).toEqual(
        [
          ['owns', undefined, false, true],
          ['signed for', 'F3', true, false],
          ['director of', 'B2', true, false],
        ],
      );
      const director = claims[2]!;
      expect(await storage.claims.evidence(director.id)).toEqual([
        expect.objectContaining({ sourceTitle: 'Registry extract', reliability: 'B', page: 2 }),
      ]);
      expect((await storage.claims.predicates(harbour)).slice(-2)).toEqual([
        'director of',
        'signed for',
      ]);
      const charts = await storage.charts.list(harbour);
      expect(charts.map((c) => [c.title, c.layout, c.sizeBy, c.groups.length])).toEqual([
        ['Kessel and Northgate', 'preset', 'betweenness', 1],
      ]);
      expect(charts[0]).toEqual(rowsOf('charts')[0]);
      // An entity in a claim cannot be deleted without saying what happens to its claims.
      expect(await storage.entities.delete(director.subjectId)).toMatchObject({
        ok: false,
        error: { code: 'entity.usedByClaims' },
      });
      expect((await storage.audit.verify(harbour)).ok).toBe(true);
    } finally {
      storage.close();
    }
  });
});

describe('the v4 → v5 upgrade (note contents move out, notes get their backlinks)', () => {
  const v4 = fixtures.find((fixture) => fixture.schemaVersion === 4);
  const rowsOf = (table: string) => v4?.tables[table] ?? [];

  test('a note mentioning an entity, quoting a passage and embedding a claim is found by each', async () => {
    if (!v4) throw new Error('tests/fixtures/schemas/v4.ts is missing');
    const [template] = rowsOf('notes');
    const caseId = String(template?.['caseId']);
    const entityId = String(rowsOf('entities').find((row) => row['caseId'] === caseId)?.['id']);
    const passageId = String(rowsOf('passages').find((row) => row['caseId'] === caseId)?.['id']);
    const claimId = String(rowsOf('claims').find((row) => row['caseId'] === caseId)?.['id']);
    const noteId = (n: number) => `c4c4c4c4-0009-4000-8000-${String(n).padStart(12, '0')}`;
    // Format 1 (a bare Lexical state) as v4 stored notes, with Casefile's nodes in it.
    const mentioning = {
      ...template,
      id: noteId(1),
      title: 'Interview',
      editorState: JSON.stringify({
        root: {
          type: 'root',
          version: 1,
          children: [
            {
              type: 'paragraph',
              version: 1,
              children: [
                { type: 'text', version: 1, text: 'Met ' },
                entityMentionJson(asEntityId(entityId), 'Mara Kessel'),
              ],
            },
            {
              type: 'evidence-quote',
              version: 1,
              passageId,
              sourceId: 'c4c4c4c4-0000-4000-8000-000000000005',
              quote: 'signed for',
              sourceTitle: 'Delivery note 4471',
            },
            { type: 'claim-embed', version: 1, claimId, label: 'Kessel signed for 4471' },
          ],
        },
      }),
    };
    const damaged = { ...template, id: noteId(2), title: 'Damaged', editorState: '{"root": [' };
    const notText = { ...template, id: noteId(3), title: 'Not text', editorState: 42 };
    const { editorState: _none, ...contentless }: FixtureRow = {
      ...template,
      id: noteId(4),
      title: 'Empty',
    };
    // More notes than one upgrade batch (50), each mentioning the entity.
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...mentioning,
      id: noteId(100 + i),
      title: `Note ${i}`,
    }));
    const fixture: SchemaFixture = {
      ...v4,
      tables: {
        ...v4.tables,
        notes: [...rowsOf('notes'), mentioning, damaged, notText, contentless, ...many],
      },
    };
    const storage = await openMigrated(freshDbName(), fixture);
    try {
      const stored = await storage.notes.get(asNoteId(noteId(1)));
      expect(stored).toEqual({
        ...mentioning,
        entityIds: [entityId],
        passageIds: [passageId],
        claimIds: [claimId],
      });
      expect((await storage.notes.mentioning(asEntityId(entityId))).length).toBe(121);
      expect((await storage.notes.quoting(asPassageId(passageId))).map((n) => n.id)).toContain(
        noteId(1),
      );
      expect((await storage.notes.embedding(asClaimId(claimId))).map((n) => n.id)).toContain(
        noteId(1),
      );
      // Content that cannot be read is kept exactly, with empty lists: no note is lost.
      expect(await storage.notes.get(asNoteId(noteId(2)))).toEqual({
        ...damaged,
        entityIds: [],
        passageIds: [],
        claimIds: [],
      });
      expect(await storage.notes.get(asNoteId(noteId(3)))).toEqual({
        ...notText,
        entityIds: [],
        passageIds: [],
        claimIds: [],
      });
      expect((await storage.db.noteContents.get(asNoteId(noteId(2))))?.editorState).toBe(
        damaged.editorState,
      );
      // A row that had no content gets no invented one: it reads as missing.
      expect(await storage.db.noteContents.get(asNoteId(noteId(4)))).toBeUndefined();
      const empty = await storage.notes.get(asNoteId(noteId(4)));
      const missing = parseNoteDocument(String(empty?.editorState));
      expect(missing.ok === false && missing.error.code).toBe('note.malformed');
      expect(missing.ok === false && missing.error.message).toContain('content is missing');
      // Every content moved, across batches; no notes row keeps one.
      expect(await storage.db.noteContents.count()).toBe(rowsOf('notes').length + 123);
      const rows = await storage.db.notes.toArray();
      expect(rows.filter((row) => 'editorState' in row)).toEqual([]);
      // The format-1 note opens migrated and saves in the current format.
      const document = parseNoteDocument(String(stored?.editorState));
      expect(document.ok && noteText(document.value)).toBe(
        'Met Mara Kessel\nsigned for\nKessel signed for 4471',
      );
      const saved = await storage.notes.saveContent(asNoteId(noteId(1)), emptyNoteDocument());
      expect(saved).toMatchObject({ ok: true, value: { entityIds: [], passageIds: [] } });
      expect((await storage.notes.mentioning(asEntityId(entityId))).length).toBe(120);
      expect((await storage.audit.verify(asCaseId(caseId))).ok).toBe(true);
    } finally {
      storage.close();
    }
  });
});

describe('a schema v5 database reads through the v5 repositories', () => {
  const v5 = fixtures.find((fixture) => fixture.schemaVersion === 5);
  const rowsOf = (table: string) => v5?.tables[table] ?? [];

  test('notes list newest first, open, and are found from what they cite', async () => {
    if (!v5) throw new Error('tests/fixtures/schemas/v5.ts is missing');
    const storage = await openMigrated(freshDbName(), v5);
    try {
      const harbour = asCaseId(String(rowsOf('cases')[0]?.['id']));
      const listed = await storage.notes.list(harbour);
      expect(listed.map((note) => note.title)).toEqual(['Assessment', 'Timeline']);
      expect(listed[0]).not.toHaveProperty('editorState');
      for (const row of await storage.db.notes.toArray()) {
        expect(row).not.toHaveProperty('editorState');
        expect(await storage.db.noteContents.get(row.id)).toMatchObject({ caseId: row.caseId });
      }
      const assessment = listed[0]!;
      const [entityId] = assessment.entityIds;
      const [passageId] = assessment.passageIds;
      const [claimId] = assessment.claimIds;
      expect((await storage.notes.mentioning(entityId!)).map((n) => n.id)).toEqual([assessment.id]);
      expect((await storage.notes.quoting(passageId!)).map((n) => n.id)).toEqual([assessment.id]);
      expect((await storage.notes.embedding(claimId!)).map((n) => n.id)).toEqual([assessment.id]);
      const document = parseNoteDocument(
        String((await storage.notes.get(assessment.id))?.editorState),
      );
      expect(document.ok && noteText(document.value)).toContain('signed for by Mara Kessel');
      expect((await storage.audit.list(harbour)).map((event) => event.action)).toEqual(
        expect.arrayContaining(['note.created', 'note.edited', 'note.renamed', 'note.deleted']),
      );
      expect((await storage.audit.verify(harbour)).ok).toBe(true);
    } finally {
      storage.close();
    }
  });
});

describe('a schema v6 database reads through the v6 repositories', () => {
  const v6 = fixtures.find((fixture) => fixture.schemaVersion === 6);
  const rowsOf = (table: string) => v6?.tables[table] ?? [];

  test('saved searches list most recently run first, and take writes', async () => {
    if (!v6) throw new Error('tests/fixtures/schemas/v6.ts is missing');
    const storage = await openMigrated(freshDbName(), v6);
    try {
      const harbour = asCaseId(String(rowsOf('cases')[0]?.['id']));
      const listed = await storage.savedSearches.list(harbour);
      expect(listed.map((saved) => saved.name)).toEqual(['Fuel paperwork', 'Mara Kessel']);
      expect(listed[1]?.query).toBe('entity:kessel after:2016');
      expect((await storage.audit.list(harbour)).map((event) => event.action)).toEqual(
        expect.arrayContaining([
          'savedSearch.created',
          'savedSearch.updated',
          'savedSearch.deleted',
        ]),
      );
      expect((await storage.audit.verify(harbour)).ok).toBe(true);
      // Names stay unique per case after the upgrade, ignoring case and accents.
      expect(
        await storage.savedSearches.create(harbour, { name: 'MARA KÉSSEL', query: 'kessel' }),
      ).toMatchObject({ ok: false, error: { code: 'savedSearch.invalid' } });
      const renamed = await storage.savedSearches.update(listed[1]!.id, { name: 'Kessel (all)' });
      expect(renamed.ok).toBe(true);
      expect((await storage.audit.verify(harbour)).ok).toBe(true);
      // Deleting the case takes its saved searches with it, and leaves the other case's.
      expect((await storage.cases.delete(harbour)).ok).toBe(true);
      expect(await storage.db.savedSearches.where('caseId').equals(harbour).count()).toBe(0);
      expect(await storage.db.savedSearches.count()).toBe(1);
    } finally {
      storage.close();
    }
  });
});
