import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import {
  CASEFILE_DB_NAME,
  CASE_OWNED_TABLES,
  CURRENT_SCHEMA_VERSION,
  CasefileDatabase,
  DATA_FORMAT_VERSION,
  SCHEMA_VERSIONS,
  TABLE_NAMES,
} from '../../../src/db/schema';
import { openCasefileStorage } from '../../../src/db/open';
import { aCase } from '../../fixtures/builders';
import { freshDbName } from './helpers';

describe('pinned constants', () => {
  test('the database name never changes: renaming it would strand every user’s data', () => {
    expect(CASEFILE_DB_NAME).toBe('casefile');
  });

  test('current versions', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(6);
    expect(DATA_FORMAT_VERSION).toBe(6);
  });

  test('released schema v1 is frozen (add a new version instead of editing it)', () => {
    expect(SCHEMA_VERSIONS[0]).toEqual({
      version: 1,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, [caseId+updatedAt], [caseId+sha256]',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type]',
        claims: 'id, caseId, subjectId, predicate, [caseId+status]',
        notes: 'id, caseId, updatedAt',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
      },
    });
  });
});

describe('released schema v2', () => {
  test('is frozen (add a new version instead of editing it)', () => {
    const { upgrade, ...entry } = SCHEMA_VERSIONS[1] ?? { version: 0, stores: {} };
    // The upgrade moves source texts into sourceContents (migrations.test.ts checks what it does).
    expect(typeof upgrade).toBe('function');
    expect(entry).toEqual({
      version: 2,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
        sourceContents: 'id, caseId',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type]',
        claims: 'id, caseId, subjectId, predicate, [caseId+status]',
        notes: 'id, caseId, updatedAt',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
      },
    });
  });

  test('sourceContents is case-owned, so deleting a case removes the contents of its sources', () => {
    expect(CASE_OWNED_TABLES).toContain('sourceContents');
  });
});

describe('released schema v3', () => {
  test('is frozen (add a new version instead of editing it)', () => {
    expect(SCHEMA_VERSIONS[2]).toEqual({
      version: 3,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
        sourceContents: 'id, caseId',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type]',
        claims: 'id, caseId, subjectId, predicate, [caseId+status]',
        notes: 'id, caseId, updatedAt',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
        entityMerges: 'id, caseId, survivorId, mergedId',
        suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
        rejections: '[caseId+key], caseId',
      },
    });
  });

  test('merges, suggestions and rejections are case-owned, so a case takes them with it', () => {
    expect(CASE_OWNED_TABLES).toEqual(
      expect.arrayContaining(['entityMerges', 'suggestions', 'rejections']),
    );
  });
});

describe('released schema v4', () => {
  test('is frozen (add a new version instead of editing it)', () => {
    const { upgrade, ...entry } = SCHEMA_VERSIONS[3] ?? { version: 0, stores: {} };
    // The upgrade reshapes charts (migrations.test.ts checks what it does).
    expect(typeof upgrade).toBe('function');
    expect(entry).toEqual({
      version: 4,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
        sourceContents: 'id, caseId',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type]',
        claims: 'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status]',
        notes: 'id, caseId, updatedAt',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
        entityMerges: 'id, caseId, survivorId, mergedId',
        suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
        rejections: '[caseId+key], caseId',
      },
    });
  });
});

describe('released schema v5', () => {
  test('is frozen (add a new version instead of editing it)', () => {
    const { upgrade, ...entry } = SCHEMA_VERSIONS[4] ?? { version: 0, stores: {} };
    // The upgrade moves note contents into noteContents and derives notes' references
    // (migrations.test.ts checks what it does).
    expect(typeof upgrade).toBe('function');
    expect(entry).toEqual({
      version: 5,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
        sourceContents: 'id, caseId',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type]',
        claims: 'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status]',
        notes: 'id, caseId, updatedAt, [caseId+updatedAt], *entityIds, *passageIds, *claimIds',
        noteContents: 'id, caseId',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
        entityMerges: 'id, caseId, survivorId, mergedId',
        suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
        rejections: '[caseId+key], caseId',
      },
    });
  });

  test('noteContents is case-owned, so deleting a case removes the contents of its notes', () => {
    expect(CASE_OWNED_TABLES).toContain('noteContents');
  });
});

describe('released schema v6', () => {
  test('is frozen (add a new version instead of editing it)', () => {
    // New table and indexes only: no upgrade function.
    expect(SCHEMA_VERSIONS[5]).toEqual({
      version: 6,
      stores: {
        cases: 'id, updatedAt, title',
        sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
        sourceContents: 'id, caseId',
        blobs: 'sha256',
        passages: 'id, caseId, sourceId, entityId, [caseId+sourceId], [caseId+updatedAt]',
        entities: 'id, caseId, type, name, *aliases, [caseId+type], [caseId+updatedAt]',
        claims:
          'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status], [caseId+updatedAt]',
        notes: 'id, caseId, updatedAt, [caseId+updatedAt], *entityIds, *passageIds, *claimIds',
        noteContents: 'id, caseId',
        charts: 'id, caseId',
        audit: 'id, caseId, &[caseId+seq]',
        meta: 'key',
        entityMerges: 'id, caseId, survivorId, mergedId',
        suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
        rejections: '[caseId+key], caseId',
        savedSearches: 'id, caseId, [caseId+updatedAt]',
      },
    });
  });

  test('savedSearches is case-owned, so deleting a case removes its saved searches', () => {
    expect(CASE_OWNED_TABLES).toContain('savedSearches');
  });
});

describe('SCHEMA_VERSIONS', () => {
  test('versions run 1, 2, … up to CURRENT_SCHEMA_VERSION', () => {
    expect(SCHEMA_VERSIONS.map((entry) => entry.version)).toEqual(
      Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1),
    );
  });

  test('the current schema has every table, and every case-owned table is indexed by caseId', () => {
    const current = SCHEMA_VERSIONS.at(-1)?.stores ?? {};
    expect(Object.keys(current).sort()).toEqual([...TABLE_NAMES].sort());
    for (const table of CASE_OWNED_TABLES) {
      const indexes = (current[table] ?? '').split(',').map((part) => part.trim());
      expect(indexes, table).toContain('caseId');
    }
  });
});

describe('CasefileDatabase', () => {
  test('creates every table with the declared keys and indexes at native version ×10', async () => {
    const db = new CasefileDatabase(freshDbName());
    await db.open();
    try {
      expect(db.backendDB().version).toBe(CURRENT_SCHEMA_VERSION * 10);
      expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
      expect(db.cases.schema.primKey.keyPath).toBe('id');
      expect(db.blobs.schema.primKey.keyPath).toBe('sha256');
      expect(db.meta.schema.primKey.keyPath).toBe('key');
      expect(db.entities.schema.idxByName['aliases']?.multi).toBe(true);
      expect(db.audit.schema.idxByName['[caseId+seq]']?.unique).toBe(true);
    } finally {
      db.close();
    }
  });

  test('uses the indexedDB and IDBKeyRange it is given, not the global ones', async () => {
    const isolated = new IDBFactory();
    const name = freshDbName();
    const s = await openCasefileStorage({
      name,
      indexedDB: isolated,
      IDBKeyRange,
      requestPersistence: false,
    });
    try {
      expect((await s.cases.create({ title: 'Isolated' })).ok).toBe(true);
      expect((await isolated.databases()).map((d) => d.name)).toContain(name);
      expect((await globalThis.indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    } finally {
      s.close();
    }
  });

  test('a case-owned row can be found by case through its index', async () => {
    const db = new CasefileDatabase(freshDbName());
    try {
      const c = aCase();
      await db.cases.add(c);
      expect(await db.cases.where('updatedAt').equals(c.updatedAt).primaryKeys()).toEqual([c.id]);
    } finally {
      db.close();
    }
  });
});
