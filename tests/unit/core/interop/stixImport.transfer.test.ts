/**
 * The STIX import's records through the real CaseTransfer (plan, then one commit), as the import
 * dialog uses them: a re-import into the exported case reuses its entities; nothing partial.
 */
import { describe, expect, test } from 'vitest';
import { exportStix } from '../../../../src/core/interop/stix';
import { importStixBundle } from '../../../../src/core/interop/stixImport';
import type { CaseId } from '../../../../src/core/model/ids';
import type { CasefileStorage } from '../../../../src/db/open';
import { closingStorages, dumpDatabase, newCase, value } from '../../db/helpers';
import { seedInvestigation } from '../../db/transferSeed';
import { IMPORTED_AT, utf8 } from './stixImportSupport';

const storage = closingStorages();
const AUDIT = {
  action: 'stix.imported',
  subject: 'case.stix.json',
  detail: { file: 'case.stix.json' },
};

/** The seeded case exported as STIX, the way the export dialog does it. */
async function seededExport(s: CasefileStorage) {
  const inv = await seedInvestigation(s);
  const { records } = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
  const file = value(
    exportStix({
      case: records.case,
      entities: records.entities.filter((e) => e.mergedInto === undefined),
      claims: records.claims,
      sources: records.sources,
      passages: records.passages,
      exportedAt: '2026-11-22T08:00:00.000Z',
      generator: 'Casefile test',
    }),
  );
  return { inv, records, bytes: utf8(file.text) };
}

async function importInto(s: CasefileStorage, caseId: CaseId, bytes: Uint8Array) {
  const { records } = value(await s.transfer.extract(caseId, { kind: 'all' }));
  return value(
    await importStixBundle(bytes, {
      caseRecord: records.case,
      existingEntities: records.entities,
      now: IMPORTED_AT,
      newId: () => globalThis.crypto.randomUUID(),
    }),
  );
}

describe('STIX import through CaseTransfer', () => {
  test('re-importing into the exported case reuses every entity and adds the claims', async () => {
    const s = await storage();
    const { inv, records, bytes } = await seededExport(s);
    const live = records.entities.filter((e) => e.mergedInto === undefined);
    const imported = await importInto(s, inv.caseId, bytes);
    expect(imported.report.reusedEntities).toBe(live.length);
    expect(imported.report.imported.entities).toBe(0);

    const plan = value(await s.transfer.plan(imported.records, imported.originals));
    expect(plan.mode).toBe('merge');
    expect(plan.conflicts).toEqual([]);
    expect(plan.counts.entities).toEqual({ added: 0, identical: live.length, conflicting: 0 });
    expect(plan.counts.claims.added).toBe(records.claims.length);
    expect(plan.counts.sources.added).toBe(imported.records.sources.length);

    value(
      await s.transfer.commit(imported.records, imported.originals, plan, {
        target: 'merge',
        audit: AUDIT,
      }),
    );
    const after = value(await s.transfer.extract(inv.caseId, { kind: 'all' })).records;
    expect(after.claims).toHaveLength(2 * records.claims.length);
    expect(after.entities).toHaveLength(records.entities.length);
    expect(after.sources).toHaveLength(records.sources.length + imported.records.sources.length);
    expect(after.audit.at(-1)).toMatchObject({ action: 'stix.imported' });
  });

  test('into an empty case: every entity and claim is new', async () => {
    const s = await storage();
    const { records, bytes } = await seededExport(s);
    const target = await newCase(s, 'Imported');
    const imported = await importInto(s, target, bytes);
    const plan = value(await s.transfer.plan(imported.records, imported.originals));
    value(
      await s.transfer.commit(imported.records, imported.originals, plan, {
        target: 'merge',
        audit: AUDIT,
      }),
    );
    const after = value(await s.transfer.extract(target, { kind: 'all' })).records;
    const names = (list: readonly { name: string }[]) => list.map((e) => e.name).sort();
    expect(names(after.entities)).toEqual(
      names(records.entities.filter((e) => e.mergedInto === undefined)),
    );
    expect(after.claims.map((c) => c.predicate).sort()).toEqual(
      records.claims.map((c) => c.predicate).sort(),
    );
  });

  test('a commit refused after planning leaves the database as it was', async () => {
    const s = await storage();
    const { inv, bytes } = await seededExport(s);
    const imported = await importInto(s, inv.caseId, bytes);
    const plan = value(await s.transfer.plan(imported.records, imported.originals));
    const before = await dumpDatabase(s.db);
    const refused = await s.transfer.commit(imported.records, imported.originals, plan, {
      target: 'new-case',
      audit: AUDIT,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'transfer.targetMismatch' } });
    expect((await dumpDatabase(s.db)).json).toBe(before.json);
  });
});
