import { describe, expect, test } from 'vitest';
import type { IntegrityReport } from '../../../src/core/integrity/integrity';
import type { CaseId, EntityId, Sha256 } from '../../../src/core/model/ids';
import type { CasefileStorage } from '../../../src/db/open';
import { checkIntegrity, repairIntegrity } from '../../../src/db/integrity';
import { closingStorages, dumpDatabase, reopenReadOnly, tickingClock, value } from './helpers';
import { seedInvestigation, type Investigation } from './transferSeed';

const storage = closingStorages();

async function seeded(): Promise<{ s: CasefileStorage; inv: Investigation }> {
  const s = await storage();
  return { s, inv: await seedInvestigation(s) };
}

function kinds(report: IntegrityReport): string[] {
  return report.problems.map((problem) => `${problem.kind} ${problem.record.id}`).sort();
}

async function check(s: CasefileStorage, caseId?: CaseId): Promise<IntegrityReport> {
  return value(await checkIntegrity(s, caseId));
}

/** Rows of the evidence tables, which no repair may remove. */
async function evidence(s: CasefileStorage) {
  const dump = await dumpDatabase(s.db);
  const ids = (table: string) =>
    (dump.tables[table] ?? []).map((row) => {
      const r = row as { id?: string; sha256?: string };
      return r.id ?? r.sha256;
    });
  return {
    sources: ids('sources'),
    blobs: ids('blobs'),
    passages: ids('passages'),
    claims: ids('claims'),
  };
}

async function repairAll(s: CasefileStorage, report: IntegrityReport) {
  const keys = report.problems.flatMap((problem) => (problem.repair ? [problem.key] : []));
  const before = await evidence(s);
  const result = value(await repairIntegrity(s, report, keys, { now: tickingClock() }));
  expect(await evidence(s), 'no evidence deleted').toEqual(before);
  return result;
}

async function lastEvent(s: CasefileStorage, caseId: CaseId) {
  return (await s.audit.list(caseId)).at(-1);
}

describe('checkIntegrity', () => {
  test('a clean case reports nothing, for the case and for the whole database', async () => {
    const { s, inv } = await seeded();
    expect((await check(s, inv.caseId)).problems).toEqual([]);
    expect((await check(s)).problems).toEqual([]);
    expect((await check(s, inv.caseId)).checked).toMatchObject({ sources: 3, claims: 2 });
  });

  test('an unknown case is case.notFound', async () => {
    const s = await storage();
    expect(await checkIntegrity(s, 'nope' as CaseId)).toMatchObject({
      ok: false,
      error: { code: 'case.notFound' },
    });
  });

  test('a passage whose source row is gone: found, marked orphaned, nothing deleted', async () => {
    const { s, inv } = await seeded();
    await s.db.sources.delete(inv.memo.id);
    const report = await check(s, inv.caseId);
    const passages = (await s.db.passages.where('sourceId').equals(inv.memo.id).toArray()).map(
      (passage) => passage.id,
    );
    expect(kinds(report)).toEqual(passages.map((id) => `passage.sourceMissing ${id}`).sort());
    expect(await repairAll(s, report)).toEqual({ repaired: passages.length, skipped: 0 });
    for (const id of passages) expect((await s.db.passages.get(id))?.orphaned).toBe(true);
    expect(await lastEvent(s, inv.caseId)).toMatchObject({ action: 'integrity.repaired' });
    // Still reported (the source is still gone), but with nothing more to repair.
    const after = await check(s, inv.caseId);
    expect(after.problems.every((problem) => problem.repair === undefined)).toBe(true);
    expect(value(await s.audit.verify(inv.caseId)).length).toBeGreaterThan(0);
  });

  test('a claim whose entity is gone gets a placeholder entity and keeps its place', async () => {
    const { s, inv } = await seeded();
    await s.db.entities.delete(inv.bob.id);
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual(
      [
        `chart.entityMissing ${(await s.db.charts.toArray())[0]!.id}`,
        `claim.entityMissing ${inv.meeting.id}`,
        `passage.entityMissing ${inv.bobMention.id}`,
      ].sort(),
    );
    // The placeholder (offered once, on the first record naming Bob) also mends the chart, so
    // dropping Bob from the chart is skipped.
    expect(await repairAll(s, report)).toEqual({ repaired: 1, skipped: 1 });
    expect(await s.db.entities.get(inv.bob.id)).toMatchObject({
      name: `(missing entity ${inv.bob.id})`,
      caseId: inv.caseId,
    });
    expect((await s.db.claims.get(inv.meeting.id))?.subjectId).toBe(inv.bob.id);
    expect((await check(s, inv.caseId)).problems).toEqual([]);
    const event = await lastEvent(s, inv.caseId);
    expect(event?.action).toBe('integrity.repaired');
    expect(JSON.stringify(event?.detail)).toContain('entity.placeholder');
  });

  test("a deleted source's original: source.blobMissing, reported only", async () => {
    const { s, inv } = await seeded();
    await s.db.blobs.delete(inv.scan.sha256);
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual([`source.blobMissing ${inv.scan.id}`]);
    expect(report.problems[0]?.repair).toBeUndefined();
  });

  test('an orphan blob is found only over the whole database, and kept', async () => {
    const { s, inv } = await seeded();
    const bytes = new TextEncoder().encode('stray');
    const { sha256BytesHex } = await import('../../../src/db/hash');
    const sha256 = (await sha256BytesHex(bytes)) as Sha256;
    await s.db.blobs.add({ sha256, bytes, byteLength: 5, createdAt: '2026-01-01T00:00:00.000Z' });
    expect((await check(s, inv.caseId)).problems).toEqual([]);
    const report = await check(s);
    expect(kinds(report)).toEqual([`blob.orphan ${sha256}`]);
    expect(report.problems[0]?.repair).toBeUndefined();
  });

  test('a flipped byte in an original is blob.hashMismatch, never repaired', async () => {
    const { s, inv } = await seeded();
    const blob = (await s.db.blobs.get(inv.ledger.sha256))!;
    const bytes = Uint8Array.from(blob.bytes);
    bytes[0] = bytes[0]! ^ 1;
    await s.db.blobs.put({ ...blob, bytes });
    const progress: number[] = [];
    const report = value(
      await checkIntegrity(s, inv.caseId, { onProgress: ({ done }) => progress.push(done) }),
    );
    expect(kinds(report)).toEqual([`blob.hashMismatch ${inv.ledger.sha256}`]);
    expect(report.problems[0]?.repair).toBeUndefined();
    expect(progress.at(-1)).toBe(3);
  });

  test('an edited audit event: audit.chainBroken at its seq, reported only', async () => {
    const { s, inv } = await seeded();
    const events = await s.audit.list(inv.caseId);
    const target = events[4]!;
    await s.db.audit.put({ ...target, detail: { forged: true } });
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual([`audit.chainBroken ${inv.caseId}#4`]);
    expect(report.problems[0]?.message).toContain('event 4');
    expect(report.problems[0]?.repair).toBeUndefined();
  });

  test('dangling ids in a note and a chart are dropped; their other ids stay', async () => {
    const { s, inv } = await seeded();
    const ghost = 'ghost-entity' as EntityId;
    const note = (await s.db.notes.get(inv.note.id))!;
    await s.db.notes.put({ ...note, entityIds: [...note.entityIds, ghost] });
    const chart = (await s.db.charts.toArray())[0]!;
    await s.db.charts.put({
      ...chart,
      entityIds: [...chart.entityIds, ghost],
      positions: { ...chart.positions, [ghost]: { x: 0, y: 0 } },
    });
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual(
      [`chart.entityMissing ${chart.id}`, `note.referenceMissing ${inv.note.id}`].sort(),
    );
    await repairAll(s, report);
    expect((await s.db.notes.get(inv.note.id))?.entityIds).toEqual(note.entityIds);
    const repairedChart = (await s.db.charts.get(chart.id))!;
    expect(repairedChart.entityIds).toEqual(chart.entityIds);
    expect(repairedChart.positions).toEqual(chart.positions);
    expect((await check(s, inv.caseId)).problems).toEqual([]);
  });

  test('a claim citing a gone passage and relating to a gone claim: ids dropped, claim kept', async () => {
    const { s, inv } = await seeded();
    await s.db.passages.delete(inv.bobMention.id);
    await s.db.claims.delete(inv.payment.id);
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual(
      [
        `claim.evidenceMissing ${inv.meeting.id}`,
        `claim.relationMissing ${inv.meeting.id}`,
        `note.referenceMissing ${inv.note.id}`,
      ].sort(),
    );
    await repairAll(s, report);
    expect(await s.db.claims.get(inv.meeting.id)).toMatchObject({ evidence: [], relations: [] });
    expect((await check(s, inv.caseId)).problems).toEqual([]);
  });

  test('records of a case that is gone: one repair recreates the case', async () => {
    const { s, inv } = await seeded();
    await s.db.cases.delete(inv.caseId);
    const report = await check(s);
    const repairs = report.problems.filter((problem) => problem.repair);
    expect(report.problems.every((problem) => problem.kind === 'record.caseMissing')).toBe(true);
    expect(report.problems.map((problem) => problem.record.table)).toContain('passages');
    expect(repairs).toHaveLength(1);
    await repairAll(s, report);
    expect((await s.db.cases.get(inv.caseId))?.title).toBe(`(recovered case ${inv.caseId})`);
    expect((await check(s)).problems).toEqual([]);
  });

  test('a passage and a text of a case that does not exist: found over every case', async () => {
    const { s, inv } = await seeded();
    const ghost = 'ghost-case' as CaseId;
    await s.db.passages.add({ ...inv.adaMention, id: 'stray-passage' as never, caseId: ghost });
    const content = (await s.db.sourceContents.get(inv.memo.id))!;
    await s.db.sourceContents.add({ ...content, id: 'stray-text' as never, caseId: ghost });
    expect((await check(s, inv.caseId)).problems).toEqual([]);
    const report = await check(s);
    expect(kinds(report)).toEqual([
      'record.caseMissing stray-passage',
      'record.caseMissing stray-text',
    ]);
    expect(report.problems.filter((problem) => problem.repair)).toHaveLength(1);
  });

  test('a source without its text, an attachment without its message, a merge into nothing', async () => {
    const { s, inv } = await seeded();
    await s.db.sourceContents.delete(inv.memo.id);
    await s.db.sources.delete(inv.ledger.id);
    await s.db.sourceContents.delete(inv.ledger.id);
    const merged = (await s.db.entities
      .filter((entity) => entity.mergedInto !== undefined)
      .first())!;
    await s.db.entities.put({ ...merged, mergedInto: 'gone' as EntityId });
    const report = await check(s, inv.caseId);
    expect(kinds(report)).toEqual(
      expect.arrayContaining([
        `source.contentMissing ${inv.memo.id}`,
        `source.parentMissing ${inv.scan.id}`,
        `entity.mergedIntoMissing ${merged.id}`,
        `passage.sourceMissing ${inv.adaMention.id}`,
      ]),
    );
    await repairAll(s, report);
    expect((await s.db.sourceContents.get(inv.memo.id))?.text).toBe('');
    expect((await s.db.sources.get(inv.scan.id))?.parentId).toBeUndefined();
    expect((await s.db.entities.get(merged.id))?.mergedInto).toBeUndefined();
  });

  test('repairs are refused read-only and for unknown keys, writing nothing', async () => {
    const { s, inv } = await seeded();
    await s.db.entities.delete(inv.bob.id);
    const report = await check(s, inv.caseId);
    const before = await dumpDatabase(s.db);
    expect(await repairIntegrity(s, report, ['nope'])).toMatchObject({
      ok: false,
      error: { code: 'integrity.repairUnknown' },
    });
    expect((await dumpDatabase(s.db)).json).toBe(before.json);
    const readOnly = await reopenReadOnly(s, (name) => storage(name));
    const keys = report.problems.flatMap((problem) => (problem.repair ? [problem.key] : []));
    expect(await repairIntegrity(readOnly, report, keys)).toMatchObject({
      ok: false,
      error: { code: 'storage.readOnly' },
    });
  });

  test('nothing chosen writes nothing; a repair whose fault is gone is skipped', async () => {
    const { s, inv } = await seeded();
    await s.db.entities.delete(inv.bob.id);
    const report = await check(s, inv.caseId);
    const before = await dumpDatabase(s.db);
    expect(value(await repairIntegrity(s, report, []))).toEqual({ repaired: 0, skipped: 0 });
    expect((await dumpDatabase(s.db)).json).toBe(before.json);
    await s.db.entities.put(inv.bob);
    const placeholder = report.problems.find((problem) => problem.repair)!;
    expect(value(await repairIntegrity(s, report, [placeholder.key]))).toEqual({
      repaired: 0,
      skipped: 1,
    });
  });
});
