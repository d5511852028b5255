import { describe, expect, test } from 'vitest';
import {
  asEntityId,
  asEntityMergeId,
  asPassageId,
  type CaseId,
  type EntityId,
} from '../../../src/core/model/ids';
import type { Claim, Entity, Passage, Source } from '../../../src/core/model/records';
import type { CasefileStorage } from '../../../src/db/open';
import { aClaim, aSuggestion } from '../../fixtures/builders';
import {
  addSource,
  caseWithSource,
  closingStorages,
  countRows,
  dumpDatabase,
  expectRefused,
  newCase,
  rangeOf,
  reopenReadOnly,
  value,
} from './helpers';

const storage = closingStorages();

const NOTE =
  'Delivery note 4471: 40,000 litres signed for at berth 7 by M. Kessel. Kessel later denied it.';
const REGISTRY = 'Registry extract, page 1.\n\nNorthgate Holdings Ltd, director Mara Kessel.';

interface Fixture {
  readonly s: CasefileStorage;
  readonly caseId: CaseId;
  readonly note: Source;
  readonly registry: Source;
}

async function setUp(): Promise<Fixture> {
  const { s, caseId, source } = await caseWithSource(storage, NOTE, {
    title: 'Delivery note 4471',
  });
  const registry = await addSource(s, caseId, REGISTRY, {
    title: 'Company registry',
    kind: 'pdf',
    structure: {
      pages: [
        { start: 0, end: 25 },
        { start: 27, end: REGISTRY.length },
      ],
    },
  });
  return { s, caseId, note: source, registry };
}

async function person(f: Fixture, name: string, extra: Partial<Entity> = {}): Promise<Entity> {
  return value(await f.s.entities.create(f.caseId, { type: 'Person', name, ...extra }));
}

async function mention(
  f: Fixture,
  entity: Entity,
  source: Source,
  quote: string,
  nth = 0,
): Promise<Passage> {
  const text = source.id === f.note.id ? NOTE : REGISTRY;
  return value(
    await f.s.passages.create(f.caseId, {
      sourceId: source.id,
      kind: 'mention',
      entityId: entity.id,
      ...rangeOf(text, quote, nth),
    }),
  );
}

/** Everything a merge may touch, to compare before a merge and after its undo. */
async function snapshot(s: CasefileStorage, caseId: CaseId) {
  const strip = <T extends { updatedAt: string }>(row: T) => ({ ...row, updatedAt: '' });
  return {
    entities: (await s.db.entities.where('caseId').equals(caseId).sortBy('id')).map(strip),
    passages: (await s.db.passages.where('caseId').equals(caseId).sortBy('id')).map(strip),
    claims: (await s.db.claims.where('caseId').equals(caseId).sortBy('id')).map(strip),
  };
}

const unknownEntity = (): EntityId => asEntityId(globalThis.crypto.randomUUID());

describe('create, get', () => {
  test('stores a validated entity and records it', async () => {
    const f = await setUp();
    const entity = value(
      await f.s.entities.create(f.caseId, {
        type: 'Person',
        name: '  Mara   Kessel ',
        aliases: ['M. Kessel', 'm. kessel', 'Mara Kessel'],
        attributes: { dateOfBirth: '1971-05-10', nationality: 'DE', role: '' },
        notes: 'Depot manager.',
      }),
    );
    expect(entity).toEqual({
      id: entity.id,
      caseId: f.caseId,
      createdAt: entity.createdAt,
      updatedAt: entity.createdAt,
      type: 'Person',
      name: 'Mara Kessel',
      aliases: ['M. Kessel'],
      attributes: { dateOfBirth: '1971-05-10', nationality: 'DE' },
      notes: 'Depot manager.',
    });
    expect(await f.s.entities.get(entity.id)).toEqual(entity);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'entity.created',
      subject: entity.id,
      detail: { entityId: entity.id, type: 'Person', name: 'Mara Kessel' },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('user-defined types are entity types too', async () => {
    const f = await setUp();
    const vessel = value(
      await f.s.entities.create(f.caseId, { type: 'custom:Vessel', name: 'MV Aurora' }),
    );
    expect(vessel.type).toBe('custom:Vessel');
  });

  test.each([
    [{ type: 'Person', name: '   ' }, 'entity.nameEmpty'],
    [{ type: 'Person', name: '' }, 'entity.nameEmpty'],
    [{ type: 'Spaceship', name: 'Nostromo' }, 'entity.typeUnknown'],
    [{ type: '', name: 'Nostromo' }, 'entity.typeUnknown'],
    [{ type: 'custom:', name: 'Nostromo' }, 'entity.typeInvalid'],
    [{ type: 'Person', name: 'x'.repeat(301) }, 'entity.nameTooLong'],
    [{ type: 'Person', name: 'Kessel', aliases: [' '] }, 'entity.aliasInvalid'],
    [
      { type: 'Person', name: 'Kessel', attributes: { dateOfBirth: 'May 1971' } },
      'entity.attributeInvalid',
    ],
  ])('%j is refused with %s and nothing is written', async (input, code) => {
    const f = await setUp();
    await expectRefused(f.s, () => f.s.entities.create(f.caseId, input), code);
  });

  test('an unknown case is case.notFound', async () => {
    const f = await setUp();
    await expectRefused(
      f.s,
      () =>
        f.s.entities.create(globalThis.crypto.randomUUID() as CaseId, {
          type: 'Person',
          name: 'X',
        }),
      'case.notFound',
    );
  });
});

describe('list and findByName', () => {
  test('counts mentions and sources per entity; merged-away entities and other cases are left out', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const varga = await person(f, 'Varga');
    const merged = await person(f, 'Zed');
    const other = await newCase(f.s, 'Other');
    value(await f.s.entities.create(other, { type: 'Person', name: 'Elsewhere' }));
    await mention(f, kessel, f.note, 'M. Kessel');
    await mention(f, kessel, f.note, 'Kessel', 1);
    await mention(f, kessel, f.registry, 'Mara Kessel');
    // A highlight over a name is not a mention.
    value(
      await f.s.passages.create(f.caseId, {
        sourceId: f.note.id,
        kind: 'highlight',
        ...rangeOf(NOTE, 'Kessel later'),
      }),
    );
    value(await f.s.entities.merge(varga.id, merged.id));

    const listed = await f.s.entities.list(f.caseId);
    expect(listed.map((e) => [e.name, e.mentionCount, e.sourceCount])).toEqual([
      ['Mara Kessel', 3, 2],
      ['Varga', 0, 0],
    ]);
    expect(listed[0]).toMatchObject({ ...kessel });

    // What the extractor looks for: the same live entities, names first, merged names as aliases.
    const known = [...(await f.s.entities.known(f.caseId))].sort((a, b) =>
      a.names[0]!.localeCompare(b.names[0]!),
    );
    expect(known.map((k) => [k.id, k.type, k.names])).toEqual([
      [kessel.id, 'Person', ['Mara Kessel']],
      [varga.id, 'Person', ['Varga', 'Zed']],
    ]);
  });

  test('finds by name or alias as compared (case, dashes, spacing), live entities of the case only', async () => {
    const f = await setUp();
    const kim = value(
      await f.s.entities.create(f.caseId, {
        type: 'Person',
        name: 'Kim Jong-un',
        aliases: ['Kim Jong Eun'],
      }),
    );
    const place = value(
      await f.s.entities.create(f.caseId, { type: 'Location', name: 'Kim Jong Un' }),
    );
    const gone = await person(f, 'Kim Jong Un');
    const survivor = await person(f, 'Someone else');
    value(await f.s.entities.merge(survivor.id, gone.id));
    const other = await newCase(f.s, 'Other');
    value(await f.s.entities.create(other, { type: 'Person', name: 'Kim Jong Un' }));

    const found = await f.s.entities.findByName(f.caseId, 'KIM  JONG UN');
    expect(found.map((e) => e.id).sort()).toEqual([kim.id, place.id, survivor.id].sort());
    expect((await f.s.entities.findByName(f.caseId, 'kim jong-eun')).map((e) => e.id)).toEqual([
      kim.id,
    ]);
    expect(await f.s.entities.findByName(f.caseId, '  ')).toEqual([]);
    expect(await f.s.entities.findByName(f.caseId, 'Nobody')).toEqual([]);
  });
});

describe('update', () => {
  test('validates the whole entity, records the changed fields; a no-op writes nothing', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const updated = value(
      await f.s.entities.update(kessel.id, {
        name: 'Mara K. Kessel',
        aliases: ['M. Kessel'],
        notes: 'Signed the note.',
      }),
    );
    expect(updated).toMatchObject({
      name: 'Mara K. Kessel',
      aliases: ['M. Kessel'],
      notes: 'Signed the note.',
    });
    expect(await f.s.entities.get(kessel.id)).toEqual(updated);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'entity.updated',
      detail: { entityId: kessel.id, fields: ['aliases', 'name', 'notes'] },
    });
    value(
      await f.s.entities.update(kessel.id, { attributes: { role: 'manager', nationality: 'DE' } }),
    );
    const before = await countRows(f.s);
    const same = value(
      await f.s.entities.update(kessel.id, {
        name: 'Mara K. Kessel',
        attributes: { nationality: 'DE', role: 'manager' },
      }),
    );
    expect(await f.s.entities.get(kessel.id)).toEqual(same);
    expect(await countRows(f.s), 'same values in another key order: nothing written').toEqual(
      before,
    );
  });

  test('bad edits, unknown and merged-away entities are refused and change nothing', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    await expectRefused(
      f.s,
      () => f.s.entities.update(kessel.id, { name: '' }),
      'entity.nameEmpty',
    );
    await expectRefused(
      f.s,
      () => f.s.entities.update(kessel.id, { type: 'Planet' }),
      'entity.typeUnknown',
    );
    await expectRefused(
      f.s,
      () => f.s.entities.update(unknownEntity(), { name: 'X' }),
      'entity.notFound',
    );
    const merged = await person(f, 'M. Kessel');
    value(await f.s.entities.merge(kessel.id, merged.id));
    await expectRefused(
      f.s,
      () => f.s.entities.update(merged.id, { name: 'X' }),
      'entity.mergedAway',
    );
  });
});

describe('delete', () => {
  test('removes the entity and its mentions (and what was merged into it), and records it', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const keep = await person(f, 'Varga');
    const merged = await person(f, 'M. Kessel');
    await mention(f, kessel, f.note, 'M. Kessel');
    await mention(f, merged, f.registry, 'Mara Kessel');
    const kept = await mention(f, keep, f.note, 'Kessel', 1);
    const highlight = value(
      await f.s.passages.create(f.caseId, {
        sourceId: f.note.id,
        kind: 'highlight',
        ...rangeOf(NOTE, 'berth 7'),
      }),
    );
    value(await f.s.entities.merge(kessel.id, merged.id));
    const pending = aSuggestion({ caseId: f.caseId, sourceId: f.note.id, entityId: kessel.id });
    await f.s.db.suggestions.add(pending);

    const result = await f.s.entities.delete(kessel.id);
    // 2 mentions + 1 pending suggestion of it + 1 merge + 2 entities.
    expect(result).toEqual({ ok: true, value: { removedRecords: 6 } });
    expect(await f.s.entities.get(kessel.id)).toBeUndefined();
    expect(await f.s.entities.get(merged.id)).toBeUndefined();
    expect(await f.s.entities.merges(f.caseId)).toEqual([]);
    expect((await f.s.db.passages.toArray()).map((p) => p.id).sort()).toEqual(
      [kept.id, highlight.id].sort(),
    );
    expect(await f.s.db.suggestions.count()).toBe(0);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'entity.deleted',
      subject: kessel.id,
      detail: { entityId: kessel.id, mergedEntityIds: [merged.id], removedRecords: 6 },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('refused while a claim has it as subject or object: entity.usedByClaims', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const other = await person(f, 'Varga');
    await f.s.db.claims.add(aClaim({ caseId: f.caseId, subjectId: kessel.id }));
    await expectRefused(f.s, () => f.s.entities.delete(kessel.id), 'entity.usedByClaims');
    await f.s.db.claims.add(
      aClaim({
        caseId: f.caseId,
        subjectId: unknownEntity(),
        object: { kind: 'entity', entityId: other.id },
      }),
    );
    await expectRefused(f.s, () => f.s.entities.delete(other.id), 'entity.usedByClaims');
  });

  test('the refusal says how many claims; claims: delete takes them and the links to them', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const varga = await person(f, 'Varga');
    const cited = await mention(f, kessel, f.note, 'M. Kessel');
    const asSubject = aClaim({ caseId: f.caseId, subjectId: kessel.id, evidence: [cited.id] });
    const asObject = aClaim({
      caseId: f.caseId,
      subjectId: varga.id,
      object: { kind: 'entity', entityId: kessel.id },
    });
    const linking = aClaim({
      caseId: f.caseId,
      subjectId: varga.id,
      relations: [
        { kind: 'supports', claimId: asSubject.id },
        { kind: 'contradicts', claimId: asObject.id },
      ],
    });
    await f.s.db.claims.bulkAdd([asSubject, asObject, linking]);
    const refused = await f.s.entities.delete(kessel.id, { claims: 'refuse' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'entity.usedByClaims' } });
    expect(refused.ok ? '' : refused.error.message).toContain('2 claims');

    const result = await f.s.entities.delete(kessel.id, { claims: 'delete' });
    // 2 claims + 1 mention (cited only by a claim deleted with it) + the entity.
    expect(result).toEqual({ ok: true, value: { removedRecords: 4 } });
    const left = await f.s.db.claims.toArray();
    expect(left.map((claim) => ({ ...claim, updatedAt: linking.updatedAt }))).toEqual([
      { ...linking, relations: [] },
    ]);
    expect(await f.s.entities.claims(varga.id)).toHaveLength(1);
    const event = (await f.s.audit.list(f.caseId)).at(-1);
    expect(event).toMatchObject({ action: 'entity.deleted', detail: { unlinkedClaims: 1 } });
    expect([...(event?.detail['deletedClaimIds'] as string[])].sort()).toEqual(
      [asSubject.id, asObject.id].sort(),
    );
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('claims: delete still refuses while other claims cite its mentions, and changes nothing', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const cited = await mention(f, kessel, f.note, 'M. Kessel');
    await f.s.db.claims.bulkAdd([
      aClaim({ caseId: f.caseId, subjectId: kessel.id }),
      aClaim({ caseId: f.caseId, evidence: [cited.id] }),
    ]);
    await expectRefused(
      f.s,
      () => f.s.entities.delete(kessel.id, { claims: 'delete' }),
      'entity.mentionsCited',
    );
  });

  test('refused while one of its mentions is evidence for a claim: entity.mentionsCited', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const cited = await mention(f, kessel, f.note, 'M. Kessel');
    await f.s.db.claims.add(aClaim({ caseId: f.caseId, evidence: [cited.id] }));
    await expectRefused(f.s, () => f.s.entities.delete(kessel.id), 'entity.mentionsCited');
  });

  test('unknown and merged-away entities are refused', async () => {
    const f = await setUp();
    await expectRefused(f.s, () => f.s.entities.delete(unknownEntity()), 'entity.notFound');
    const a = await person(f, 'A');
    const b = await person(f, 'B');
    value(await f.s.entities.merge(a.id, b.id));
    await expectRefused(f.s, () => f.s.entities.delete(b.id), 'entity.mergedAway');
  });
});

describe('mentions and claims', () => {
  test('every mention in context: source title, page, text around it; by source title then position', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const second = await mention(f, kessel, f.note, 'Kessel', 1);
    const first = await mention(f, kessel, f.note, 'M. Kessel');
    const inRegistry = await mention(f, kessel, f.registry, 'Mara Kessel');
    const found = await f.s.entities.mentions(kessel.id);
    expect(found).toEqual([
      {
        passage: inRegistry,
        sourceTitle: 'Company registry',
        page: 2,
        before: 'orthgate Holdings Ltd, director ', // 32 characters of context
        after: '.',
      },
      {
        passage: first,
        sourceTitle: 'Delivery note 4471',
        before: 'litres signed for at berth 7 by ',
        after: '. Kessel later denied it.',
      },
      {
        passage: second,
        sourceTitle: 'Delivery note 4471',
        before: 'ed for at berth 7 by M. Kessel. ',
        after: ' later denied it.',
      },
    ]);
    expect(await f.s.entities.mentions(unknownEntity())).toEqual([]);
  });

  test('claims: those with the entity as subject or as object', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const varga = await person(f, 'Varga');
    const asSubject = aClaim({
      caseId: f.caseId,
      subjectId: kessel.id,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const asObject = aClaim({
      caseId: f.caseId,
      subjectId: varga.id,
      object: { kind: 'entity', entityId: kessel.id },
      createdAt: '2026-01-02T00:00:00.000Z',
    });
    const unrelated = aClaim({ caseId: f.caseId, subjectId: varga.id });
    await f.s.db.claims.bulkAdd([asObject, unrelated, asSubject]);
    expect(await f.s.entities.claims(kessel.id)).toEqual([asSubject, asObject]);
    expect(await f.s.entities.claims(unknownEntity())).toEqual([]);
  });
});

describe('merge and undo', () => {
  async function duplicates() {
    const f = await setUp();
    const survivor = value(
      await f.s.entities.create(f.caseId, {
        type: 'Person',
        name: 'Mara Kessel',
        aliases: ['M. Kessel'],
        attributes: { nationality: 'DE', role: 'depot manager' },
        notes: 'Signed the note.',
      }),
    );
    const merged = value(
      await f.s.entities.create(f.caseId, {
        type: 'Organization',
        name: 'Kessel',
        aliases: ['m. kessel', 'Mara K.'],
        attributes: { nationality: 'AT', passportNumber: 'P123' },
        notes: 'Denied it.',
      }),
    );
    const third = await person(f, 'Varga');
    const survivorMention = await mention(f, survivor, f.note, 'M. Kessel');
    const movedMentions = [
      await mention(f, merged, f.note, 'Kessel', 1),
      await mention(f, merged, f.registry, 'Mara Kessel'),
    ];
    const subjectClaim = aClaim({ caseId: f.caseId, subjectId: merged.id });
    const objectClaim = aClaim({
      caseId: f.caseId,
      subjectId: third.id,
      object: { kind: 'entity', entityId: merged.id },
    });
    const bothClaim = aClaim({
      caseId: f.caseId,
      subjectId: merged.id,
      object: { kind: 'entity', entityId: merged.id },
    });
    const untouched: Claim = aClaim({ caseId: f.caseId, subjectId: third.id });
    await f.s.db.claims.bulkAdd([subjectClaim, objectClaim, bothClaim, untouched]);
    return {
      ...f,
      survivor,
      merged,
      third,
      survivorMention,
      movedMentions,
      subjectClaim,
      objectClaim,
      bothClaim,
    };
  }

  test('combines names, aliases, attributes (a clash kept aside) and notes; repoints mentions and claims', async () => {
    const d = await duplicates();
    const record = value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    const survivor = await d.s.entities.get(d.survivor.id);
    expect(survivor).toMatchObject({
      type: 'Person',
      name: 'Mara Kessel',
      aliases: ['M. Kessel', 'Kessel', 'Mara K.'],
      attributes: {
        nationality: 'DE',
        role: 'depot manager',
        'nationality (merged)': 'AT',
        passportNumber: 'P123',
      },
      notes: 'Signed the note.\n\nDenied it.',
    });
    expect(await d.s.entities.get(d.merged.id)).toMatchObject({
      name: 'Kessel',
      mergedInto: d.survivor.id,
    });
    for (const moved of d.movedMentions) {
      expect((await d.s.passages.get(moved.id))?.entityId).toBe(d.survivor.id);
    }
    expect((await d.s.db.claims.get(d.subjectClaim.id))?.subjectId).toBe(d.survivor.id);
    expect((await d.s.db.claims.get(d.objectClaim.id))?.object).toEqual({
      kind: 'entity',
      entityId: d.survivor.id,
    });
    expect(await d.s.db.claims.get(d.bothClaim.id)).toMatchObject({
      subjectId: d.survivor.id,
      object: { kind: 'entity', entityId: d.survivor.id },
    });
    expect(record).toMatchObject({
      caseId: d.caseId,
      survivorId: d.survivor.id,
      mergedId: d.merged.id,
      survivorBefore: d.survivor,
      mergedBefore: d.merged,
    });
    expect([...record.movedPassageIds].sort()).toEqual(d.movedMentions.map((p) => p.id).sort());
    expect(
      [...record.movedClaims].sort((a, b) =>
        `${a.id}${a.field}`.localeCompare(`${b.id}${b.field}`),
      ),
    ).toEqual(
      [
        { id: d.subjectClaim.id, field: 'subject' },
        { id: d.objectClaim.id, field: 'object' },
        { id: d.bothClaim.id, field: 'subject' },
        { id: d.bothClaim.id, field: 'object' },
      ].sort((a, b) => `${a.id}${a.field}`.localeCompare(`${b.id}${b.field}`)),
    );
    expect(await d.s.entities.merges(d.caseId)).toEqual([record]);
    const listed = await d.s.entities.list(d.caseId);
    expect(listed.map((e) => [e.name, e.mentionCount, e.sourceCount])).toEqual([
      ['Mara Kessel', 3, 2],
      ['Varga', 0, 0],
    ]);
    expect((await d.s.entities.mentions(d.survivor.id)).map((m) => m.passage.id)).toHaveLength(3);
    expect((await d.s.audit.list(d.caseId)).at(-1)).toMatchObject({
      action: 'entity.merged',
      subject: d.survivor.id,
      detail: { mergeId: record.id, movedPassages: 2, movedClaims: 4 },
    });
    expect((await d.s.audit.verify(d.caseId)).ok).toBe(true);
  });

  test('undo puts everything back as it was: entities, mentions, claims', async () => {
    const d = await duplicates();
    const before = await snapshot(d.s, d.caseId);
    const record = value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    expect(await d.s.entities.undoMerge(record.id)).toEqual({ ok: true, value: undefined });
    expect(await snapshot(d.s, d.caseId)).toEqual(before);
    const [undone] = await d.s.entities.merges(d.caseId);
    expect(undone?.id).toBe(record.id);
    expect(undone?.undoneAt).toBe(undone?.updatedAt);
    expect((undone?.undoneAt ?? '') > record.createdAt).toBe(true);
    expect((await d.s.entities.list(d.caseId)).map((e) => e.name)).toEqual([
      'Kessel',
      'Mara Kessel',
      'Varga',
    ]);
    expect((await d.s.audit.list(d.caseId)).at(-1)).toMatchObject({
      action: 'entity.mergeUndone',
      detail: { mergeId: record.id, restoredPassages: 2, restoredClaims: 3 },
    });
    expect((await d.s.audit.verify(d.caseId)).ok).toBe(true);
  });

  test('undo keeps mentions made after the merge with the survivor, and a mention split off since stays put', async () => {
    const d = await duplicates();
    const record = value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    const later = await mention(d, d.survivor, d.registry, 'Northgate');
    const [splitOff] = d.movedMentions;
    value(await d.s.entities.splitMention(splitOff!.id, { entityId: d.third.id }));
    value(await d.s.entities.undoMerge(record.id));
    expect((await d.s.passages.get(later.id))?.entityId).toBe(d.survivor.id);
    expect((await d.s.passages.get(splitOff!.id))?.entityId).toBe(d.third.id);
    expect((await d.s.passages.get(d.movedMentions[1]!.id))?.entityId).toBe(d.merged.id);
    expect((await d.s.passages.get(d.survivorMention.id))?.entityId).toBe(d.survivor.id);
  });

  test('undo is refused when already undone, or while a later merge of either entity is in force', async () => {
    const d = await duplicates();
    const first = value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    const second = value(await d.s.entities.merge(d.survivor.id, d.third.id));
    await expectRefused(d.s, () => d.s.entities.undoMerge(first.id), 'entity.laterMergeInForce');
    value(await d.s.entities.undoMerge(second.id));
    await expectRefused(d.s, () => d.s.entities.undoMerge(second.id), 'entity.mergeAlreadyUndone');
    value(await d.s.entities.undoMerge(first.id));
    await expectRefused(d.s, () => d.s.entities.undoMerge(first.id), 'entity.mergeAlreadyUndone');
    expect((await d.s.entities.merges(d.caseId)).map((m) => m.id)).toEqual([second.id, first.id]);

    // The survivor merged into another entity later: that merge must be undone first.
    const again = value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    value(await d.s.entities.merge(d.third.id, d.survivor.id));
    await expectRefused(d.s, () => d.s.entities.undoMerge(again.id), 'entity.laterMergeInForce');
    await expectRefused(
      d.s,
      () => d.s.entities.undoMerge(asEntityMergeId(globalThis.crypto.randomUUID())),
      'entity.mergeNotFound',
    );
  });

  test('bad merges are refused and change nothing', async () => {
    const d = await duplicates();
    await expectRefused(
      d.s,
      () => d.s.entities.merge(d.survivor.id, d.survivor.id),
      'entity.mergeSelf',
    );
    await expectRefused(
      d.s,
      () => d.s.entities.merge(d.survivor.id, unknownEntity()),
      'entity.notFound',
    );
    await expectRefused(
      d.s,
      () => d.s.entities.merge(unknownEntity(), d.merged.id),
      'entity.notFound',
    );
    const other = await newCase(d.s, 'Other');
    const elsewhere = value(await d.s.entities.create(other, { type: 'Person', name: 'Kessel' }));
    await expectRefused(
      d.s,
      () => d.s.entities.merge(d.survivor.id, elsewhere.id),
      'entity.mergeOtherCase',
    );
    value(await d.s.entities.merge(d.survivor.id, d.merged.id));
    await expectRefused(
      d.s,
      () => d.s.entities.merge(d.third.id, d.merged.id),
      'entity.mergedAway',
    );
    await expectRefused(
      d.s,
      () => d.s.entities.merge(d.merged.id, d.third.id),
      'entity.mergedAway',
    );
  });

  test('is atomic: a failure at the last step leaves everything as it was', async () => {
    const d = await duplicates();
    const before = await dumpDatabase(d.s.db.name);
    // The merge record is written after entities, passages and claims: make that step fail.
    d.s.db.entityMerges.hook('creating', () => {
      throw new Error('disk unplugged');
    });
    const result = await d.s.entities.merge(d.survivor.id, d.merged.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.writeFailed' } });
    expect(await dumpDatabase(d.s.db.name)).toEqual(before);
  });

  test('a merge whose combined entity would be invalid (too many aliases) is refused', async () => {
    const f = await setUp();
    const many = (prefix: string) => Array.from({ length: 150 }, (_, i) => `${prefix} ${i}`);
    const a = await person(f, 'A', { aliases: many('a') });
    const b = await person(f, 'B', { aliases: many('b') });
    await expectRefused(f.s, () => f.s.entities.merge(a.id, b.id), 'entity.tooManyAliases');
  });
});

describe('splitMention', () => {
  test('moves a mention to another entity of the case, or to a new one', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const varga = await person(f, 'Varga');
    const one = await mention(f, kessel, f.note, 'M. Kessel');
    const two = await mention(f, kessel, f.note, 'Kessel', 1);
    const moved = value(await f.s.entities.splitMention(one.id, { entityId: varga.id }));
    expect(moved).toMatchObject({ id: one.id, entityId: varga.id, kind: 'mention' });
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'passage.split',
      detail: { passageId: one.id, fromEntityId: kessel.id, toEntityId: varga.id },
    });

    const toNew = value(
      await f.s.entities.splitMention(two.id, {
        newEntity: { type: 'Person', name: 'Kessel Sr.' },
      }),
    );
    const created = await f.s.entities.get(asEntityId(toNew.entityId!));
    expect(created).toMatchObject({ caseId: f.caseId, name: 'Kessel Sr.', type: 'Person' });
    expect((await f.s.entities.list(f.caseId)).map((e) => [e.name, e.mentionCount])).toEqual([
      ['Kessel Sr.', 1],
      ['Mara Kessel', 0],
      ['Varga', 1],
    ]);
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('refused for a non-mention, an unknown passage, a bad target; nothing changes', async () => {
    const f = await setUp();
    const kessel = await person(f, 'Mara Kessel');
    const one = await mention(f, kessel, f.note, 'M. Kessel');
    const highlight = value(
      await f.s.passages.create(f.caseId, {
        sourceId: f.note.id,
        kind: 'highlight',
        ...rangeOf(NOTE, 'berth 7'),
      }),
    );
    const other = await newCase(f.s, 'Other');
    const elsewhere = value(await f.s.entities.create(other, { type: 'Person', name: 'Kessel' }));
    const gone = await person(f, 'Gone');
    const survivor = await person(f, 'Survivor');
    value(await f.s.entities.merge(survivor.id, gone.id));
    const cases: [() => Promise<{ ok: boolean }>, string][] = [
      [
        () => f.s.entities.splitMention(highlight.id, { entityId: kessel.id }),
        'passage.notMention',
      ],
      [
        () =>
          f.s.entities.splitMention(asPassageId(globalThis.crypto.randomUUID()), {
            entityId: kessel.id,
          }),
        'passage.notFound',
      ],
      [() => f.s.entities.splitMention(one.id, { entityId: elsewhere.id }), 'entity.notFound'],
      [() => f.s.entities.splitMention(one.id, { entityId: gone.id }), 'entity.notFound'],
      [() => f.s.entities.splitMention(one.id, { entityId: kessel.id }), 'entity.splitSameEntity'],
      [
        () => f.s.entities.splitMention(one.id, { newEntity: { type: 'Person', name: '' } }),
        'entity.nameEmpty',
      ],
      [
        () => f.s.entities.splitMention(one.id, { newEntity: { type: 'Blob', name: 'X' } }),
        'entity.typeUnknown',
      ],
    ];
    for (const [action, code] of cases) await expectRefused(f.s, action, code);
    expect(await f.s.passages.get(one.id)).toEqual(one);
  });
});

describe('a database written by a newer app (read-only)', () => {
  test('every entity write is refused with storage.readOnly; reads still work', async () => {
    const f = await setUp();
    const a = await person(f, 'A');
    const b = await person(f, 'B');
    const m = await mention(f, a, f.note, 'M. Kessel');
    const merge = value(await f.s.entities.merge(a.id, b.id));
    const s = await reopenReadOnly(f.s, (name) => storage(name));
    const before = await countRows(s);
    const refused = { ok: false, error: { code: 'storage.readOnly' } };
    expect(await s.entities.create(f.caseId, { type: 'Person', name: 'C' })).toMatchObject(refused);
    expect(await s.entities.update(a.id, { name: 'AA' })).toMatchObject(refused);
    expect(await s.entities.delete(a.id)).toMatchObject(refused);
    expect(await s.entities.merge(a.id, b.id)).toMatchObject(refused);
    expect(await s.entities.undoMerge(merge.id)).toMatchObject(refused);
    expect(
      await s.entities.splitMention(m.id, { newEntity: { type: 'Person', name: 'D' } }),
    ).toMatchObject(refused);
    expect(await countRows(s)).toEqual(before);
    expect((await s.entities.list(f.caseId)).map((e) => e.name)).toEqual(['A']);
    expect(await s.entities.mentions(a.id)).toHaveLength(1);
  });
});
