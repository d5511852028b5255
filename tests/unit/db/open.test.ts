import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { nextAuditEvent, type AuditEventFields } from '../../../src/core/audit/chain';
import {
  asAuditEventId,
  asCaseId,
  asEntityId,
  asSourceId,
  type CaseId,
} from '../../../src/core/model/ids';
import { sha256Hex } from '../../../src/db/hash';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db/open';
import {
  CASEFILE_DB_NAME,
  CURRENT_SCHEMA_VERSION,
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
} from '../../../src/db/schema';
import {
  aCase,
  aNote,
  aPassage,
  aSource,
  aSourceDraft,
  noteRows,
  sha256Of,
} from '../../fixtures/builders';
import { dumpDatabase, freshDbName, openTestStorage, storesOf, withRawDexie } from './helpers';

/** What the next release will write: one data format and one schema ahead of this app. */
const NEXT_FORMAT = DATA_FORMAT_VERSION + 1;
const NEXT_SCHEMA = CURRENT_SCHEMA_VERSION + 1;

const NEWER_FORMAT_MESSAGE =
  `This case database was written by a newer version of Casefile (data format ${NEXT_FORMAT}; this app ` +
  `understands up to ${DATA_FORMAT_VERSION}). It is open read-only so nothing is lost: update Casefile to edit it.`;

function auditFields(caseId: CaseId, n: number): AuditEventFields {
  return {
    id: asAuditEventId(globalThis.crypto.randomUUID()),
    caseId,
    at: `2026-02-0${n + 1}T00:00:00.000Z`,
    action: n === 0 ? 'case.created' : 'case.updated',
    subject: caseId,
    detail: {},
  };
}

/** Every write the repository offers must be refused with storage.readOnly and change nothing. */
async function expectAllWritesRefused(s: CasefileStorage, existingId: string, reason: string) {
  const name = s.db.name;
  const before = await dumpDatabase(name);
  const refused = { ok: false, error: { code: 'storage.readOnly', message: reason } };
  expect(await s.cases.create({ title: 'New' })).toEqual(refused);
  expect(await s.cases.create({ title: '' })).toEqual(refused);
  expect(await s.cases.update(asCaseId(existingId), { title: 'Renamed' })).toEqual(refused);
  expect(await s.cases.delete(asCaseId(existingId))).toEqual(refused);
  const bytes = new TextEncoder().encode('never stored');
  expect(
    await s.sources.import(asCaseId(existingId), {
      draft: aSourceDraft(),
      bytes,
      sha256: sha256Of(bytes),
    }),
  ).toEqual(refused);
  const anySource = asSourceId(globalThis.crypto.randomUUID());
  expect(await s.sources.update(anySource, { title: 'Renamed' })).toEqual(refused);
  expect(await s.sources.delete(anySource)).toEqual(refused);
  // The connection itself refuses read-write transactions, whoever asks.
  await expect(s.db.transaction('rw', s.db.tables, async () => {})).rejects.toMatchObject({
    code: 'storage.readOnly',
  });
  expect(await dumpDatabase(name)).toEqual(before);
}

describe('a fresh or current database', () => {
  test('opens read-write and is stamped with the data format version', async () => {
    const s = await openTestStorage(freshDbName());
    try {
      expect(s.mode).toEqual({ kind: 'read-write' });
      expect(s.db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await s.db.meta.get(FORMAT_VERSION_KEY)).toEqual({
        key: FORMAT_VERSION_KEY,
        value: DATA_FORMAT_VERSION,
      });
    } finally {
      s.close();
    }
  });

  test('an existing database without the marker (older data) is stamped, rows kept', async () => {
    const name = freshDbName();
    const existing = aCase();
    await withRawDexie(name, 1, storesOf(1), (db) => db.table('cases').add(existing));
    const s = await openTestStorage(name);
    try {
      expect(s.mode.kind).toBe('read-write');
      expect(await s.db.meta.get(FORMAT_VERSION_KEY)).toMatchObject({ value: DATA_FORMAT_VERSION });
      expect(await s.cases.list()).toEqual([existing]);
    } finally {
      s.close();
    }
  });

  test('opening twice in a row keeps everything', async () => {
    const name = freshDbName();
    const first = await openTestStorage(name);
    const created = await first.cases.create({ title: 'Persisted' });
    first.close();
    const second = await openTestStorage(name);
    try {
      expect(second.mode.kind).toBe('read-write');
      expect(await second.cases.list()).toEqual([created.ok && created.value]);
    } finally {
      second.close();
    }
  });

  test('defaults to the global indexedDB and the pinned database name', async () => {
    await Dexie.delete(CASEFILE_DB_NAME);
    const s = await openCasefileStorage({ requestPersistence: false });
    try {
      expect(s.db.name).toBe('casefile');
      expect((await s.cases.create({ title: 'Default name' })).ok).toBe(true);
    } finally {
      s.close();
      await Dexie.delete(CASEFILE_DB_NAME);
    }
  });
});

describe('a database from a newer data format', () => {
  async function seedNewerFormat() {
    const name = freshDbName();
    const first = await openTestStorage(name);
    const created = await first.cases.create({ title: 'Written by 0.1' });
    if (!created.ok) throw new Error('seed failed');
    // A newer app keeps this schema but writes the next data format.
    await first.db.meta.put({ key: FORMAT_VERSION_KEY, value: NEXT_FORMAT });
    first.close();
    return { name, caseId: created.value.id };
  }

  test('opens read-only with a clear reason and the stored format version', async () => {
    const { name } = await seedNewerFormat();
    const s = await openTestStorage(name);
    try {
      expect(s.mode).toEqual({
        kind: 'read-only',
        reason: NEWER_FORMAT_MESSAGE,
        storedFormatVersion: NEXT_FORMAT,
      });
    } finally {
      s.close();
    }
  });

  test('still lists and reads cases, refuses every write, and changes nothing on disk', async () => {
    const { name, caseId } = await seedNewerFormat();
    const s = await openTestStorage(name);
    try {
      expect((await s.cases.list()).map((c) => c.title)).toEqual(['Written by 0.1']);
      expect((await s.cases.get(caseId))?.title).toBe('Written by 0.1');
      expect((await s.audit.verify(caseId)).ok).toBe(true);
      await expectAllWritesRefused(s, caseId, NEWER_FORMAT_MESSAGE);
      expect(await s.db.meta.get(FORMAT_VERSION_KEY)).toMatchObject({ value: NEXT_FORMAT });
    } finally {
      s.close();
    }
  });

  test('an unreadable format marker is also read-only, never overwritten', async () => {
    const name = freshDbName();
    await withRawDexie(name, 1, storesOf(1), (db) =>
      db.table('meta').put({ key: FORMAT_VERSION_KEY, value: 'two' }),
    );
    const s = await openTestStorage(name);
    try {
      expect(s.mode).toMatchObject({ kind: 'read-only', storedFormatVersion: 0 });
      await expectAllWritesRefused(s, aCase().id, s.mode.kind === 'read-only' ? s.mode.reason : '');
      expect(await s.db.meta.get(FORMAT_VERSION_KEY)).toMatchObject({ value: 'two' });
    } finally {
      s.close();
    }
  });
});

describe('a database from a newer schema version', () => {
  test('the next schema with an extra table and the next format: read-only, cases listed, nothing changed', async () => {
    const name = freshDbName();
    const newer = aCase({ title: 'Written by the next release' });
    const stores = { ...storesOf(CURRENT_SCHEMA_VERSION), tags: 'id, caseId' };
    await withRawDexie(name, NEXT_SCHEMA, stores, async (db) => {
      await db.table('cases').add(newer);
      await db.table('tags').add({ id: 't1', caseId: newer.id, label: 'priority' });
      await db.table('meta').put({ key: FORMAT_VERSION_KEY, value: NEXT_FORMAT });
    });
    const before = await dumpDatabase(name);
    expect(before.nativeVersion).toBe(NEXT_SCHEMA * 10);

    const s = await openTestStorage(name);
    try {
      expect(s.mode).toEqual({
        kind: 'read-only',
        reason: NEWER_FORMAT_MESSAGE,
        storedFormatVersion: NEXT_FORMAT,
      });
      expect(await s.cases.list()).toEqual([newer]);
      expect(await s.cases.get(newer.id)).toEqual(newer);
      await expectAllWritesRefused(s, newer.id, NEWER_FORMAT_MESSAGE);
    } finally {
      s.close();
    }
    expect(await dumpDatabase(name)).toEqual(before);
  });

  test('the next schema that dropped indexes we declare: not patched, listed via a scan, newest first', async () => {
    const name = freshDbName();
    const older = aCase({ title: 'Older', updatedAt: '2026-02-01T00:00:00.000Z' });
    const newest = aCase({ title: 'Newest', updatedAt: '2026-03-01T00:00:00.000Z' });
    const first = await nextAuditEvent(undefined, auditFields(newest.id, 0), sha256Hex);
    const second = await nextAuditEvent(first, auditFields(newest.id, 1), sha256Hex);
    const oldSource = aSource({ caseId: newest.id, updatedAt: '2026-02-01T00:00:00.000Z' });
    const newSource = aSource({ caseId: newest.id, updatedAt: '2026-03-01T00:00:00.000Z' });
    const passage = aPassage({ caseId: newest.id, sourceId: oldSource.id });
    // No updatedAt/title index on cases, no [caseId+seq] on audit, no meta table (so no marker),
    // no indexes but the key on sources, passages and notes, no sourceContents or noteContents.
    const {
      meta: _meta,
      sourceContents: _contents,
      noteContents: _noteContents,
      ...kept
    } = storesOf(CURRENT_SCHEMA_VERSION);
    const stores = {
      ...kept,
      cases: 'id',
      audit: 'id',
      sources: 'id',
      passages: 'id',
      notes: 'id',
    };
    const entityId = asEntityId(globalThis.crypto.randomUUID());
    const note = noteRows(aNote({ caseId: newest.id, entityIds: [entityId] }));
    await withRawDexie(name, NEXT_SCHEMA, stores, async (db) => {
      await db.table('cases').bulkAdd([older, newest]);
      await db.table('audit').bulkAdd([second, first]);
      await db.table('sources').bulkAdd([oldSource, newSource]);
      await db.table('passages').add(passage);
      await db.table('notes').add(note.row);
    });
    const before = await dumpDatabase(name);

    const s = await openTestStorage(name);
    try {
      expect(s.mode).toEqual({
        kind: 'read-only',
        reason:
          `This case database was written by a newer version of Casefile (database schema ${NEXT_SCHEMA}; this app ` +
          `understands up to ${CURRENT_SCHEMA_VERSION}). It is open read-only so nothing is lost: update Casefile to edit it.`,
        storedFormatVersion: 0,
      });
      expect((await s.cases.list()).map((c) => c.title)).toEqual(['Newest', 'Older']);
      expect(await s.sources.list(newest.id)).toEqual([
        { ...newSource, passageCount: 0 },
        { ...oldSource, passageCount: 1 },
      ]);
      expect(await s.sources.findBySha256(newest.id, oldSource.sha256)).toEqual(oldSource);
      expect(await s.sources.content(oldSource.id)).toBeUndefined();
      expect(await s.notes.list(newest.id)).toEqual([note.row]);
      expect(await s.notes.mentioning(entityId)).toEqual([note.row]);
      // Its content is in a table this app cannot see: it reads as missing, not as empty.
      expect(await s.notes.get(note.row.id)).toEqual({ ...note.row, editorState: '' });
      expect((await s.audit.list(newest.id)).map((e) => e.seq)).toEqual([0, 1]);
      expect((await s.audit.verify(newest.id)).ok).toBe(true);
    } finally {
      s.close();
    }
    // Dexie would have added the missing indexes (a version bump) had we opened with our schema.
    expect(await dumpDatabase(name)).toEqual(before);
  });
});
