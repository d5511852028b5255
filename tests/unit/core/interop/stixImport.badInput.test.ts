import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_STIX_IMPORT_LIMITS,
  MAX_STIX_IMPORT_BYTES,
  STIX_IMPORT_ERRORS,
  type StixImport,
} from '../../../../src/core/interop/stixImport';
import type { Result } from '../../../../src/shared/result';
import { anEntity, aCase } from '../../../fixtures/builders';
import {
  bundleOf,
  expectValidCaseRecords,
  importInto,
  relationship,
  sdo,
  utf8,
  valueOf,
} from './stixImportSupport';

/** Refused as a whole: a specific code, a message naming the problem, and no records at all. */
function expectRefused(result: Result<StixImport>, code: string, message: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(message);
  expect('value' in result).toBe(false);
}

const person = sdo('identity', 1, { name: 'Mara Kessel', identity_class: 'individual' });
const company = sdo('identity', 2, { name: 'Northwind Fuels', identity_class: 'organization' });

describe('STIX import: files refused as a whole', () => {
  it('refuses a file over the cap on its length, before decoding it', async () => {
    // The default cap, with a claimed length (nothing of that size is allocated).
    const huge = new Uint8Array(4);
    Object.defineProperty(huge, 'byteLength', { value: MAX_STIX_IMPORT_BYTES + 1 });
    expectRefused(await importInto(huge), STIX_IMPORT_ERRORS.tooLarge, /1,073,741,825 bytes/);
    // A lower injected cap, with real bytes.
    const text = bundleOf([person]);
    expectRefused(
      await importInto(text, {
        limits: { ...DEFAULT_STIX_IMPORT_LIMITS, maxBytes: text.length - 1 },
      }),
      STIX_IMPORT_ERRORS.tooLarge,
      /at most/,
    );
    expect(MAX_STIX_IMPORT_BYTES).toBe(1024 ** 3);
  });

  it('says "too large", not "not UTF-8", when valid text is too long to decode', async () => {
    // What TextDecoder does past V8's longest string (about 512 MiB), without allocating it.
    vi.stubGlobal(
      'TextDecoder',
      class {
        decode(): string {
          throw new RangeError('Invalid string length');
        }
      },
    );
    try {
      expectRefused(
        await importInto(bundleOf([person])),
        STIX_IMPORT_ERRORS.tooLarge,
        /more text than can be decoded at once/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses malformed JSON, saying where', async () => {
    expectRefused(
      await importInto('{"type": "bundle", "objects": [}'),
      STIX_IMPORT_ERRORS.syntax,
      /not valid JSON.*character 31/,
    );
    expectRefused(await importInto(''), STIX_IMPORT_ERRORS.syntax, /not valid JSON/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([...utf8('{"type":"bundle","id":"'), 0xff, ...utf8('"}')]);
    expectRefused(
      await importInto(bytes),
      STIX_IMPORT_ERRORS.encoding,
      /not valid UTF-8 \(at byte 23\)/,
    );
  });

  it('accepts a byte order mark, which other tools write', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(bundleOf([person]))]);
    expect(valueOf(await importInto(bytes)).report.imported.entities).toBe(1);
  });

  it('refuses deep nesting before parsing it', async () => {
    const deep = `{"type":"bundle","objects":[{"x":${'['.repeat(100)}${']'.repeat(100)}}]}`;
    expectRefused(await importInto(deep), STIX_IMPORT_ERRORS.tooDeep, /more than 64 levels/);
  });

  it('refuses prototype keys anywhere', async () => {
    const text = bundleOf([person]).replace(
      '"name":',
      '"x_opencti":{"__proto__":{"polluted":1}},"name":',
    );
    expectRefused(await importInto(text), STIX_IMPORT_ERRORS.forbiddenKey, /__proto__/);
  });

  it('refuses JSON that is not a STIX bundle', async () => {
    expectRefused(
      await importInto(JSON.stringify(person)),
      STIX_IMPORT_ERRORS.notBundle,
      /"type" is identity/,
    );
    expectRefused(await importInto('[1, 2]'), STIX_IMPORT_ERRORS.notBundle, /not an object/);
    expectRefused(
      await importInto('{"type":"bundle","objects":{}}'),
      STIX_IMPORT_ERRORS.notBundle,
      /"objects" is not a list/,
    );
  });

  it('refuses STIX 2.0 and other versions', async () => {
    // A 2.0 bundle names its version on the bundle, and its objects have none.
    const { spec_version: _, ...person20 } = person;
    expectRefused(
      await importInto(bundleOf([person20], { spec_version: '2.0' })),
      STIX_IMPORT_ERRORS.versionUnsupported,
      /STIX 2\.0; only STIX 2\.1/,
    );
    expectRefused(
      await importInto(bundleOf([person20])),
      STIX_IMPORT_ERRORS.versionUnsupported,
      /identity--.* has no "spec_version"/,
    );
    expectRefused(
      await importInto(bundleOf([person, { ...company, spec_version: '2.2' }])),
      STIX_IMPORT_ERRORS.versionUnsupported,
      /identity--0+-0000-4000-8000-0+2 is STIX 2\.2/,
    );
  });

  it('refuses more objects than the cap, before looking at them', async () => {
    expectRefused(
      await importInto(bundleOf([person, company, 1]), {
        limits: { ...DEFAULT_STIX_IMPORT_LIMITS, maxObjects: 2 },
      }),
      STIX_IMPORT_ERRORS.tooManyObjects,
      /holds 3 objects; at most 2/,
    );
  });

  it('refuses one id twice, unless they are versions told apart by "modified"', async () => {
    expectRefused(
      await importInto(bundleOf([person, company, { ...person, name: 'Someone else' }])),
      STIX_IMPORT_ERRORS.duplicateId,
      /identity--.*1 more than once \(objects\[0\] and objects\[2\]\)/,
    );
    const newer = { ...person, name: 'Mara Kessel-Brandt', modified: '2025-01-01T00:00:00.000Z' };
    const { records, report } = valueOf(await importInto(bundleOf([newer, person])));
    expect(records.entities.map((e) => e.name)).toEqual(['Mara Kessel-Brandt']);
    expect(report.skipped.map((s) => [s.stixId, s.type])).toEqual([[person.id, 'identity']]);
    expect(report.skipped[0]!.reason).toMatch(/older version \(modified 2024-01-01/);
  });
});

describe('STIX import: objects reported and left out, the rest imported', () => {
  async function importObjects(objects: unknown[]) {
    const imported = valueOf(await importInto(bundleOf(objects)));
    await expectValidCaseRecords(imported);
    return imported;
  }

  it('never makes a claim with a dangling reference', async () => {
    const missing = 'identity--00000000-0000-4000-8000-00000000dead';
    const { records, report } = await importObjects([
      person,
      company,
      relationship(10, company, person, { relationship_type: 'employs' }),
      relationship(11, company, missing),
      relationship(12, { id: missing }, person),
    ]);
    expect(records.claims.map((c) => c.predicate)).toEqual(['employs']);
    expect(report.skipped).toEqual([
      {
        stixId: sdo('relationship', 11).id,
        type: 'relationship',
        reason: `Its target_ref ${missing} is not in the bundle (a dangling reference); no claim is made.`,
      },
      {
        stixId: sdo('relationship', 12).id,
        type: 'relationship',
        reason: `Its source_ref ${missing} is not in the bundle (a dangling reference); no claim is made.`,
      },
    ]);
  });

  it('reports objects missing required properties', async () => {
    const { records, report } = await importObjects([
      person,
      sdo('identity', 3, { identity_class: 'organization' }),
      sdo('malware', 4, { name: 'PlugX' }),
      sdo('indicator', 5, { pattern: "[url:value = 'http://x.example']", pattern_type: 'stix' }),
      { type: 'domain-name', id: 'domain-name--00000000-0000-4000-8000-000000000006' },
      relationship(7, person, person, { relationship_type: undefined }),
      sdo('report', 8, { name: 'No date' }),
    ]);
    expect(records.entities.map((e) => e.name)).toEqual(['Mara Kessel']);
    expect(report.skipped.map((s) => [s.type, s.reason])).toEqual([
      ['identity', 'It lacks the required property "name".'],
      ['malware', 'It lacks the required property "is_family".'],
      ['indicator', 'It lacks the required property "valid_from".'],
      ['domain-name', 'It lacks the required property "value".'],
      ['report', 'It lacks the required properties "published", "object_refs".'],
      ['relationship', 'It lacks the required property "relationship_type".'],
    ]);
  });

  it('reports objects that are not objects, or have no type or a malformed id', async () => {
    const { report } = await importObjects([
      'text',
      { id: 'identity--00000000-0000-4000-8000-000000000009' },
      { ...person, id: 'malware--00000000-0000-4000-8000-000000000001' },
      person,
    ]);
    expect(report.skipped).toEqual([
      { stixId: 'objects[0]', type: '', reason: 'It is not a JSON object.' },
      {
        stixId: 'identity--00000000-0000-4000-8000-000000000009',
        type: '',
        reason: 'It has no "type" (required for every STIX object).',
      },
      {
        stixId: 'malware--00000000-0000-4000-8000-000000000001',
        type: 'identity',
        reason: 'Its "id" is missing or does not have the form "identity--<UUID>".',
      },
    ]);
  });

  it('reports unknown types, revoked objects, and claims to objects not imported', async () => {
    const pattern = sdo('attack-pattern', 20, { name: 'Phishing' });
    const { records, report } = await importObjects([
      person,
      pattern,
      sdo('x-acme-widget', 21, { name: 'Widget' }),
      { ...company, revoked: true },
      relationship(22, person, pattern, { relationship_type: 'uses' }),
      relationship(23, person, company),
    ]);
    expect(records.claims).toEqual([]);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      'Casefile has no mapping for the STIX type "attack-pattern"; the object is not imported.',
      'Casefile has no mapping for the STIX type "x-acme-widget"; the object is not imported.',
      'It is revoked (withdrawn by its creator).',
      `Its target_ref ${pattern.id} (attack-pattern) was not imported as an entity; no claim is made.`,
      `Its target_ref ${company.id} (identity) was not imported as an entity; no claim is made.`,
    ]);
  });

  it('reports a relationship between two objects that are one entity', async () => {
    const twin = sdo('identity', 30, { name: 'MARA  KESSEL', identity_class: 'individual' });
    const { records, report } = await importObjects([
      person,
      twin,
      relationship(31, person, twin, { relationship_type: 'alias-of' }),
    ]);
    expect(records.entities).toHaveLength(1);
    expect(records.claims).toEqual([]);
    expect(report.skipped[0]!.reason).toMatch(/same entity/);
  });

  it('matches existing entities by type and normalised name instead of duplicating them', async () => {
    const caseRecord = aCase();
    const existing = anEntity({
      caseId: caseRecord.id,
      type: 'Person',
      name: 'mara kessel',
      aliases: [],
      attributes: {},
    });
    const other = anEntity({ caseId: caseRecord.id, type: 'Organization', name: 'Mara Kessel' });
    const imported = valueOf(
      await importInto(
        bundleOf([
          person,
          company,
          relationship(40, company, person, { relationship_type: 'employs' }),
        ]),
        { caseRecord, existing: [existing, other] },
      ),
    );
    expect(imported.report.reusedEntities).toBe(1);
    expect(imported.report.imported.entities).toBe(1);
    expect(imported.records.claims[0]!.object).toEqual({ kind: 'entity', entityId: existing.id });
    expect(imported.records.entities).toContainEqual(existing);
    expect(imported.records.entities).not.toContainEqual(other);
    await expectValidCaseRecords(imported);
  });

  it('shortens or drops values validation would refuse, with notices', async () => {
    const { records, report } = await importObjects([
      sdo('intrusion-set', 50, {
        name: 'APT-Long',
        description: 'x'.repeat(25_000),
        aliases: ['ok', '', 42, 'y'.repeat(400)],
        goals: 'z'.repeat(3_000),
      }),
      relationship(51, sdo('intrusion-set', 50), person, {
        relationship_type: 'targets',
        description: 'n'.repeat(30_000),
        start_time: '2025-05-01T00:00:00.000Z',
        stop_time: '2024-01-01T00:00:00.000Z',
      }),
      person,
    ]);
    const set = records.entities.find((e) => e.name === 'APT-Long')!;
    expect(set.notes).toHaveLength(20_000);
    expect(set.aliases).toEqual(['ok']);
    expect(set.attributes['goals']).toBeUndefined();
    const claim = records.claims[0]!;
    expect(claim.note).toHaveLength(20_000);
    expect(claim.validTime).toEqual({ kind: 'unknown' });
    expect(report.notices.map((n) => n.message)).toEqual([
      '3 alias(es) that are empty, not text or too long were left out.',
      expect.stringMatching(/^Its attribute goals \(z+…\) is not valid and was left out\.$/),
      'Its description has 25,000 characters; the first 20,000 are kept.',
      'Its description has 30,000 characters; the first 20,000 are kept.',
      expect.stringMatching(/^Its start_time and stop_time do not make a valid time/),
    ]);
  });

  it('lists the markings the objects carry, well-known TLP ids included', async () => {
    const statement = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--00000000-0000-4000-8000-0000000000aa',
      created: '2024-01-01T00:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 'Copyright ACME' },
    };
    const red = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
    const { report } = await importObjects([
      { ...person, object_marking_refs: [red, statement.id] },
      statement,
    ]);
    expect(report.markings).toEqual(['Copyright ACME', 'TLP:RED']);
  });

  it('imports an empty bundle as nothing', async () => {
    const { records, report } = await importObjects([]);
    expect(records.entities).toEqual([]);
    expect(report.imported).toEqual({ sources: 0, passages: 0, entities: 0, claims: 0 });
  });
});
