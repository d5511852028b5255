import { describe, expect, test } from 'vitest';
import { asCaseId, asEntityMergeId } from '../../../src/core/model/ids';
import type { Case } from '../../../src/core/model/records';
import type { CasefileStorage } from '../../../src/db/open';
import { CASE_OWNED_TABLES } from '../../../src/db/schema';
import {
  aBlob,
  aCase,
  aChart,
  aClaim,
  aNote,
  noteRows,
  aPassage,
  aRejection,
  aSource,
  aSourceContent,
  aSuggestion,
  anEntity,
} from '../../fixtures/builders';
import { closingStorages, countRows, dumpDatabase, freshDbName, value } from './helpers';

const storage = closingStorages();

describe('create, get, list', () => {
  test('create stores a trimmed, validated case with injected timestamps and a fresh UUID', async () => {
    const s = await storage();
    const created = value(
      await s.cases.create({ title: '  Harbour fuel diversion  ', marking: 'TLP:RED' }),
    );
    expect(created).toMatchObject({
      title: 'Harbour fuel diversion',
      marking: 'TLP:RED',
      summary: '',
      status: 'open',
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-01-01T09:00:00.000Z',
    });
    expect(() => asCaseId(created.id)).not.toThrow();
    expect(await s.cases.get(created.id)).toEqual(created);
    expect(await s.db.cases.count()).toBe(1);
  });

  test('uses the injected id source', async () => {
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const s = await storage(freshDbName(), { newId: () => ids.shift() ?? 'exhausted' });
    const created = value(await s.cases.create({ title: 'Injected' }));
    expect(created.id).toBe('11111111-1111-4111-8111-111111111111');
    const [event] = await s.audit.list(created.id);
    expect(event?.id).toBe('22222222-2222-4222-8222-222222222222');
  });

  test('get of an unknown id is undefined', async () => {
    const s = await storage();
    expect(await s.cases.get(asCaseId(globalThis.crypto.randomUUID()))).toBeUndefined();
  });

  test('list is newest-updated first', async () => {
    const s = await storage();
    const first = value(await s.cases.create({ title: 'First' }));
    const second = value(await s.cases.create({ title: 'Second' }));
    expect((await s.cases.list()).map((c) => c.id)).toEqual([second.id, first.id]);
    value(await s.cases.update(first.id, { summary: 'Touched later' }));
    expect((await s.cases.list()).map((c) => c.id)).toEqual([first.id, second.id]);
  });

  test.each([
    ['', 'case.title.empty'],
    ['   ', 'case.title.empty'],
    ['x'.repeat(501), 'case.title.tooLong'],
  ])('title %j is refused with %s and nothing is written', async (title, code) => {
    const s = await storage();
    const before = await countRows(s);
    const result = await s.cases.create({ title });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await countRows(s)).toEqual(before);
    expect(await s.db.audit.count()).toBe(0);
  });

  test('a 500-character title is accepted', async () => {
    const s = await storage();
    expect(value(await s.cases.create({ title: 'x'.repeat(500) })).title).toHaveLength(500);
  });

  test('the core validation error is returned unchanged', async () => {
    const s = await storage();
    expect(await s.cases.create({ title: 'ok', marking: ' ' })).toEqual({
      ok: false,
      error: { code: 'case.marking.empty', message: 'A case needs a handling marking.' },
    });
  });

  test('saves use strict durability', async () => {
    const s = await storage();
    const durabilities: (string | undefined)[] = [];
    const original = s.db.core.transaction.bind(s.db.core);
    // Spy on the native-level call Dexie makes for each transaction.
    s.db.core.transaction = (stores, mode, options) => {
      if (mode === 'readwrite') durabilities.push(options?.durability);
      return original(stores, mode, options);
    };
    value(await s.cases.create({ title: 'Durable' }));
    expect(durabilities).toEqual(['strict']);
  });
});

describe('update', () => {
  test('renames, bumps updatedAt, keeps createdAt, records the changed fields', async () => {
    const s = await storage();
    const created = value(await s.cases.create({ title: 'Old title' }));
    const renamed = value(
      await s.cases.update(created.id, { title: 'New title', status: 'closed' }),
    );
    expect(renamed).toEqual({
      ...created,
      title: 'New title',
      status: 'closed',
      updatedAt: '2026-01-01T09:00:01.000Z',
    });
    expect(await s.cases.get(created.id)).toEqual(renamed);
    const events = await s.audit.list(created.id);
    expect(events.map((e) => [e.action, e.detail])).toEqual([
      ['case.created', { title: 'Old title' }],
      ['case.updated', { fields: ['status', 'title'] }],
    ]);
  });

  test('a bad title changes nothing: row and audit trail stay as they were', async () => {
    const s = await storage();
    const created = value(await s.cases.create({ title: 'Keep me' }));
    const before = await dumpDatabase(s.db.name);
    for (const title of ['', 'y'.repeat(501)]) {
      const result = await s.cases.update(created.id, { title, summary: 'would be lost' });
      expect(result.ok).toBe(false);
    }
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('an update that changes nothing writes nothing', async () => {
    const s = await storage();
    const created = value(await s.cases.create({ title: 'Same' }));
    expect(value(await s.cases.update(created.id, { title: ' Same ' }))).toEqual(created);
    expect(await s.db.audit.count()).toBe(1);
  });

  test('updating a missing case is case.notFound', async () => {
    const s = await storage();
    const result = await s.cases.update(asCaseId(globalThis.crypto.randomUUID()), { title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'case.notFound' } });
    expect(await s.db.cases.count()).toBe(0);
  });
});

/** One case with a record in every case-owned table, plus its own blob and a shared one. */
async function seedCaseWithEverything(
  s: CasefileStorage,
  c: Case,
  sharedBlob: ReturnType<typeof aBlob>,
) {
  const ownBlob = aBlob(`only in ${c.title}`);
  const ownSource = aSource({ caseId: c.id, sha256: ownBlob.sha256 });
  const sharedSource = aSource({ caseId: c.id, sha256: sharedBlob.sha256 });
  const entity = anEntity({ caseId: c.id });
  const passage = aPassage({ caseId: c.id, sourceId: ownSource.id, entityId: entity.id });
  await s.db.transaction('rw', s.db.tables, async () => {
    await s.db.cases.add(c);
    await s.db.blobs.bulkPut([ownBlob, sharedBlob]);
    await s.db.sources.bulkAdd([ownSource, sharedSource]);
    await s.db.sourceContents.bulkAdd([aSourceContent(ownSource), aSourceContent(sharedSource)]);
    await s.db.entities.add(entity);
    await s.db.passages.add(passage);
    await s.db.claims.add(aClaim({ caseId: c.id, subjectId: entity.id, evidence: [passage.id] }));
    const notes = [aNote({ caseId: c.id }), aNote({ caseId: c.id })].map(noteRows);
    await s.db.notes.bulkAdd(notes.map((note) => note.row));
    await s.db.noteContents.bulkAdd(notes.map((note) => note.content));
    await s.db.charts.add(aChart({ caseId: c.id }));
    const mergedBefore = anEntity({ caseId: c.id, name: 'M. Kessel' });
    const merged = { ...mergedBefore, mergedInto: entity.id };
    await s.db.entities.add(merged);
    await s.db.entityMerges.add({
      id: asEntityMergeId(globalThis.crypto.randomUUID()),
      caseId: c.id,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      survivorId: entity.id,
      mergedId: merged.id,
      survivorBefore: entity,
      mergedBefore,
      movedPassageIds: [],
      movedClaims: [],
    });
    await s.db.suggestions.add(aSuggestion({ caseId: c.id, sourceId: ownSource.id }));
    await s.db.rejections.add(aRejection({ caseId: c.id }));
  });
  // Two audit events through the real chain.
  value(await s.cases.update(c.id, { summary: 'first' }));
  value(await s.cases.update(c.id, { summary: 'second' }));
  return { ownBlob };
}

async function rowsOfCase(s: CasefileStorage, caseId: string): Promise<number> {
  let total = 0;
  for (const name of CASE_OWNED_TABLES)
    total += await s.db.table(name).where('caseId').equals(caseId).count();
  return total;
}

describe('delete', () => {
  test('removes the case, every record of it and its unshared blobs; other cases are untouched', async () => {
    const s = await storage();
    const shared = aBlob('the same PDF imported into two cases');
    const doomed = aCase({ title: 'Doomed' });
    const kept = aCase({ title: 'Kept' });
    const { ownBlob: doomedBlob } = await seedCaseWithEverything(s, doomed, shared);
    const { ownBlob: keptBlob } = await seedCaseWithEverything(s, kept, shared);
    const keptBefore = await rowsOfCase(s, kept.id);
    const doomedBefore = await rowsOfCase(s, doomed.id);
    // 2 sources + their 2 contents, 2 entities (one merged into the other) and their merge,
    // 1 passage, 1 claim, 2 notes + their 2 contents, 1 chart, 1 suggestion, 1 rejection,
    // 2 audit events.
    expect(doomedBefore).toBe(18);

    const result = await s.cases.delete(doomed.id);
    // + the case row + its own blob.
    expect(result).toEqual({ ok: true, value: { removedRecords: doomedBefore + 2 } });

    expect(await s.cases.get(doomed.id)).toBeUndefined();
    expect(await rowsOfCase(s, doomed.id)).toBe(0);
    expect(await s.db.blobs.get(doomedBlob.sha256)).toBeUndefined();

    expect(await s.cases.get(kept.id)).toBeDefined();
    expect(await rowsOfCase(s, kept.id)).toBe(keptBefore);
    expect(await s.db.blobs.get(shared.sha256)).toEqual(shared);
    expect(await s.db.blobs.get(keptBlob.sha256)).toEqual(keptBlob);
    expect((await s.audit.verify(kept.id)).ok).toBe(true);
  });

  test('the last case using a shared blob takes it with it', async () => {
    const s = await storage();
    const shared = aBlob('shared then orphaned');
    const a = aCase();
    const b = aCase();
    await seedCaseWithEverything(s, a, shared);
    await seedCaseWithEverything(s, b, shared);
    value(await s.cases.delete(a.id));
    expect(await s.db.blobs.get(shared.sha256)).toBeDefined();
    value(await s.cases.delete(b.id));
    expect(await s.db.blobs.count()).toBe(0);
    expect(await s.db.sources.count()).toBe(0);
  });

  test('is atomic: a failure half-way removes nothing', async () => {
    const s = await storage();
    const c = aCase();
    await seedCaseWithEverything(s, c, aBlob('shared'));
    const before = await dumpDatabase(s.db.name);
    // Notes are deleted after sources, passages, entities and claims: make that step fail.
    s.db.notes.hook('deleting', () => {
      throw new Error('disk unplugged');
    });
    const result = await s.cases.delete(c.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.writeFailed' } });
    expect(result.ok === false && result.error.message).toContain('disk unplugged');
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('deleting a missing case is case.notFound and removes nothing', async () => {
    const s = await storage();
    const c = aCase();
    await seedCaseWithEverything(s, c, aBlob('x'));
    const before = await dumpDatabase(s.db.name);
    const result = await s.cases.delete(asCaseId(globalThis.crypto.randomUUID()));
    expect(result).toMatchObject({ ok: false, error: { code: 'case.notFound' } });
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('no audit event survives for a deleted case', async () => {
    const s = await storage();
    const created = value(await s.cases.create({ title: 'Short-lived' }));
    value(await s.cases.delete(created.id));
    expect(await s.audit.list(created.id)).toEqual([]);
    expect(await s.db.audit.count()).toBe(0);
  });
});
