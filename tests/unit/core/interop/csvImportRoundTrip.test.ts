/**
 * Our own CSV exports re-import with the suggested (one-click) mapping: the fixture case's
 * entities and claims, hostile strings and formula cells included, come back the same (ids
 * aside; evidence citations kept in the claim's note).
 */
import { describe, expect, test } from 'vitest';
import { caseJsonSchema, type CaseJson } from '../../../../src/core/bundle/bundle';
import { exportClaimsCsv, exportEntitiesCsv } from '../../../../src/core/interop/csv';
import { mapCsv, sniffCsv, suggestMapping } from '../../../../src/core/interop/csvImport';
import { EVIDENCE_NOTE_PREFIX } from '../../../../src/core/interop/csvImportRows';
import type { CsvImportKind, CsvImportResult } from '../../../../src/core/interop/csvImportTypes';
import type { Entity } from '../../../../src/core/model/records';
import type { Result } from '../../../../src/shared/result';
import { aCase } from '../../../fixtures/builders';
import { filesInput } from './filesInput';

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** What UTF-8 makes of a lone surrogate (the hostile fixture has one): U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

const emptyCase = aCase({ title: 'Empty' });

async function reimport(
  text: string,
  kind: CsvImportKind,
  existingEntities: readonly Entity[] = [],
): Promise<CsvImportResult> {
  const bytes = new TextEncoder().encode(text);
  const sniff = valueOf(sniffCsv(bytes));
  expect(sniff).toMatchObject({ bom: true, delimiter: ',', warnings: [] });
  const { mapping, ownExport } = suggestMapping(sniff.columns, kind);
  expect(ownExport).toBe(true);
  let n = 0;
  const result = valueOf(
    await mapCsv(bytes, mapping, {
      caseRecord: emptyCase,
      existingEntities,
      now: '2026-11-22T08:00:00.000Z',
      newId: () => `00000000-0000-4000-8000-${(n += 1).toString(16).padStart(12, '0')}`,
    }),
  );
  expect(caseJsonSchema.safeParse(result.records).success).toBe(true);
  expect(result.report.problems).toEqual([]);
  return result;
}

describe.each([false, true])('round trip (hostile %s)', (hostile) => {
  const input = filesInput({ hostile });
  const byId = <T extends { id: string }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const originals = byId(input.entities);
  const nameOf = (id: string) => input.entities.find((e) => e.id === id)!.name;

  test('the fixture exercises formula cells, literals, evidence, relations and attributes', () => {
    const cells = [...input.entities.map((e) => e.name), ...input.claims.map((c) => c.predicate)];
    expect(cells.some((cell) => /^[=+\-@]/.test(cell))).toBe(true);
    expect(input.claims.some((c) => c.object.kind === 'literal')).toBe(true);
    expect(input.claims.some((c) => c.evidence.length > 0 && c.note !== '')).toBe(true);
    expect(input.claims.some((c) => c.relations.length > 0)).toBe(true);
    expect(input.claims.some((c) => c.validTime.kind === 'interval')).toBe(true);
    expect(input.entities.some((e) => Object.values(e.attributes).includes(41))).toBe(true);
    expect(input.entities.some((e) => e.aliases.length > 0)).toBe(true);
  });

  async function importBoth(): Promise<{ entities: CaseJson; claims: CaseJson }> {
    const entities = await reimport(valueOf(exportEntitiesCsv(input)).text, 'entities');
    // As if committed: the claims file goes into the case the entities file went into.
    const committed = entities.records.entities as unknown as Entity[];
    const claims = await reimport(valueOf(exportClaimsCsv(input)).text, 'claims', committed);
    return { entities: entities.records, claims: claims.records };
  }

  test('entities: same type, name, aliases, attributes (typed) and notes', async () => {
    const { entities } = await importBoth();
    expect(entities.case).toEqual(emptyCase);
    expect(
      entities.entities.map(({ type, name, aliases, attributes, notes }) => ({
        type,
        name,
        aliases,
        attributes,
        notes,
      })),
    ).toEqual(
      originals.map((e) => ({
        type: e.type,
        name: wellFormed(e.name),
        aliases: e.aliases.map(wellFormed),
        attributes: e.attributes,
        notes: wellFormed(e.notes),
      })),
    );
    expect(entities.claims).toEqual([]);
  });

  test('claims: same ends, predicate, object, valid time, grade parts, relations; citations in the note', async () => {
    const { entities, claims } = await importBoth();
    // Every end matched an entity imported from the entities file: none created, none copied.
    expect(new Set(claims.entities.map((e) => e.id)).size).toBe(claims.entities.length);
    expect(
      claims.entities.every((e) =>
        entities.entities.some((x) => x.id === e.id && x.name === e.name),
      ),
    ).toBe(true);

    const imported = claims.claims;
    const expected = byId(input.claims);
    expect(imported).toHaveLength(expected.length);
    const importedName = (id: string) => claims.entities.find((e) => e.id === id)!.name;
    // The claims file as text, quotes undoubled, to find each citation in.
    const exported = wellFormed(valueOf(exportClaimsCsv(input)).text.replace(/""/g, '"'));
    for (const [i, original] of expected.entries()) {
      const claim = imported[i]!;
      expect(importedName(claim.subjectId)).toBe(wellFormed(nameOf(original.subjectId)));
      expect(claim.predicate).toBe(wellFormed(original.predicate));
      if (original.object.kind === 'entity') {
        expect(claim.object.kind).toBe('entity');
        if (claim.object.kind === 'entity') {
          expect(importedName(claim.object.entityId)).toBe(
            wellFormed(nameOf(original.object.entityId)),
          );
        }
      } else {
        expect(claim.object).toEqual({ kind: 'literal', value: wellFormed(original.object.value) });
      }
      expect(claim.validTime).toEqual(original.validTime);
      expect([claim.credibility, claim.status, claim.attributedTo]).toEqual([
        original.credibility,
        original.status,
        original.attributedTo === undefined ? undefined : wellFormed(original.attributedTo),
      ]);
      expect(claim.evidence).toEqual([]);
      expect(claim.relations).toEqual(
        original.relations.map((r) => ({
          kind: r.kind,
          claimId: imported[expected.findIndex((c) => c.id === r.claimId)]!.id,
        })),
      );
      // The note, then the evidence as the export cited it.
      const note = wellFormed(original.note);
      if (original.evidence.length === 0) {
        expect(claim.note).toBe(note);
      } else {
        expect(claim.note.startsWith(note)).toBe(true);
        const rest = note === '' ? claim.note : claim.note.slice(note.length + 2);
        expect(rest.startsWith(EVIDENCE_NOTE_PREFIX)).toBe(true);
        expect(rest).toContain('“');
        expect(exported).toContain(rest.slice(EVIDENCE_NOTE_PREFIX.length));
      }
    }
  });
});
