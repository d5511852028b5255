import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CASEFILE_IDENTITY_ID,
  exportStix,
  observableId,
  partialDateInstant,
  STIX_MEDIA_TYPE,
  STIX_SCO_NAMESPACE,
  stixConfidence,
  stixRelationshipType,
  TLP2_AMBER_STRICT_ID,
  uuidV5,
} from '../../../../src/core/interop/stix';
import type { CaseExportInput, ExportFile } from '../../../../src/core/interop/types';
import { asClaimId, asEntityId, asPassageId } from '../../../../src/core/model/ids';
import type { Claim, Entity, EntityType } from '../../../../src/core/model/records';
import {
  STIX_BUNDLE_REQUIRED,
  STIX_ONE_OF,
  STIX_CUSTOM_PROPERTY,
  STIX_REF_PROPERTIES,
  STIX_REFS_PROPERTIES,
  STIX_REQUIRED,
  STIX_STANDARD_PROPERTIES,
  STIX_TIMESTAMP_PROPERTIES,
} from '../../../fixtures/interop/stixRequired';
import {
  HOSTILE,
  HOSTILE_FORMULA_FIRST,
  SMALL_GENERATED_AT,
  SMALL_GENERATOR,
  SMALL_IDS,
  smallReportInput,
} from '../../../fixtures/reports/smallCase';

type StixObject = Record<string, unknown> & { type: string; id: string };
interface Bundle {
  type: string;
  id: string;
  objects: StixObject[];
}

const ID_PATTERN =
  /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** RFC 3339, UTC, millisecond precision. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The TLP 1.0 marking definitions of STIX 2.1 §7.2.1.4. */
const TLP = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};
/** Control characters, a lone surrogate, CDATA end and formula starts, on top of HOSTILE. */
const NASTY = ']]> & "q" \'a\' \\ \u0000\u0001\u0008\u001f\u2028\uD800 -1+1 @SUM(A1) =1+1 +cmd';

const n = (k: number): string => `00000e70-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
const ID = {
  ip4: asEntityId(n(1)),
  ip6: asEntityId(n(2)),
  domain: asEntityId(n(3)),
  url: asEntityId(n(4)),
  email: asEntityId(n(5)),
  md5: asEntityId(n(6)),
  sha1: asEntityId(n(7)),
  sha256: asEntityId(n(8)),
  badHash: asEntityId(n(9)),
  wallet: asEntityId(n(10)),
  bank: asEntityId(n(11)),
  malware: asEntityId(n(12)),
  cve: asEntityId(n(13)),
  oslo: asEntityId(n(14)),
  actor: asEntityId(n(15)),
  set: asEntityId(n(16)),
  phone: asEntityId(n(17)),
  account: asEntityId(n(18)),
  vehicle: asEntityId(n(19)),
  custom: asEntityId(n(20)),
  ip4Again: asEntityId(n(21)),
  money: asEntityId(n(22)),
  date: asEntityId(n(23)),
  document: asEntityId(n(24)),
  outside: asEntityId(n(99)),
  cUses: asClaimId('00000c1a-0000-4000-8000-000000000101'),
  cAssertion: asClaimId('00000c1a-0000-4000-8000-000000000102'),
  cUnicode: asClaimId('00000c1a-0000-4000-8000-000000000103'),
  cOutside: asClaimId('00000c1a-0000-4000-8000-000000000104'),
  cMissingEvidence: asClaimId('00000c1a-0000-4000-8000-000000000105'),
  cHostile: asClaimId('00000c1a-0000-4000-8000-000000000106'),
};

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function input(
  options: { hostile?: boolean; marking?: string } = {},
): CaseExportInput & { entities: Entity[]; claims: Claim[] } {
  const base = smallReportInput({ hostile: options.hostile === true });
  const owned = {
    caseId: SMALL_IDS.case,
    createdAt: base.case.createdAt,
    updatedAt: base.case.updatedAt,
  };
  const entity = (
    id: Entity['id'],
    type: EntityType,
    name: string,
    attributes: Entity['attributes'] = {},
  ): Entity => ({ ...owned, id, type, name, aliases: [], attributes, notes: '' });
  const entities: Entity[] = [
    ...base.entities,
    entity(ID.ip4, 'IPAddress', '1.2.3.4', { country: 'NL' }),
    entity(ID.ip6, 'IPAddress', '2001:db8::1'),
    entity(ID.domain, 'Domain', 'example.com'),
    entity(ID.url, 'URL', 'http://evil.example/x?a=1&b=<2>'),
    entity(ID.email, 'Email', 'mara.kessel@northwind-fuels.example'),
    entity(ID.md5, 'Hash', 'd41d8cd98f00b204e9800998ecf8427e'),
    entity(ID.sha1, 'Hash', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', { fileName: 'empty.bin' }),
    entity(ID.sha256, 'Hash', SHA256),
    entity(ID.badHash, 'Hash', 'not-a-hash'),
    entity(ID.wallet, 'CryptoWallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', {
      chain: 'bitcoin',
    }),
    entity(ID.bank, 'BankAccount', 'NO9386011117947', { bank: 'DNB' }),
    { ...entity(ID.malware, 'Malware', 'PlugX'), aliases: ['Korplug'] },
    entity(ID.cve, 'Vulnerability', 'cve-2021-44228'),
    entity(ID.oslo, 'Location', 'Oslo', { country: 'NO', coordinates: '59.91, 10.75' }),
    entity(ID.actor, 'Organization', 'Fuel Bear', { stixType: 'Threat actor' }),
    entity(ID.set, 'Organization', 'Operation Siphon', { 'STIX type': 'intrusion-set' }),
    entity(ID.phone, 'Phone', '+4722334455'),
    entity(ID.account, 'Account', 'Mara on Telegram', { platform: 'Telegram', handle: '@mara' }),
    entity(ID.vehicle, 'Vehicle', 'Tanker AB 12345'),
    entity(ID.custom, 'custom:Vessel', 'MV Halden Star'),
    entity(ID.ip4Again, 'IPAddress', '1.2.3.4'),
    entity(ID.money, 'Money', 'EUR 12,000'),
    entity(ID.date, 'Date', '2025-12-03'),
    entity(ID.document, 'Document', 'Delivery note 4471'),
  ];
  const claimOwned = {
    ...owned,
    createdAt: '2026-01-10T09:00:00Z',
    updatedAt: '2026-01-11T10:30:00.5Z',
  };
  const claim = (
    fields: Partial<Claim> & Pick<Claim, 'id' | 'subjectId' | 'predicate' | 'object'>,
  ): Claim => ({
    ...claimOwned,
    validTime: { kind: 'unknown' },
    evidence: [],
    credibility: 3,
    status: 'asserted',
    relations: [],
    note: '',
    ...fields,
  });
  const claims: Claim[] = [
    ...base.claims,
    claim({
      id: ID.cUses,
      subjectId: ID.actor,
      predicate: 'Uses',
      object: { kind: 'entity', entityId: ID.malware },
      validTime: { kind: 'interval', start: '2024-02', end: '2024' },
      evidence: [SMALL_IDS.pWebBerth],
      credibility: 5,
    }),
    claim({
      id: ID.cAssertion,
      subjectId: ID.actor,
      predicate: 'controls',
      object: { kind: 'entity', entityId: ID.ip4 },
      credibility: 6,
      note: 'My own reading of the logs.',
      relations: [{ kind: 'contradicts', claimId: ID.cOutside }],
    }),
    claim({
      id: ID.cUnicode,
      subjectId: ID.ip4Again,
      predicate: 'является',
      object: { kind: 'entity', entityId: ID.domain },
      evidence: [SMALL_IDS.pEmailSigned],
      credibility: 4,
    }),
    claim({
      id: ID.cOutside,
      subjectId: ID.outside,
      predicate: 'owns',
      object: { kind: 'entity', entityId: ID.domain },
    }),
    claim({
      id: ID.cMissingEvidence,
      subjectId: ID.phone,
      predicate: 'registered to',
      object: { kind: 'entity', entityId: SMALL_IDS.mara },
      evidence: [asPassageId('00000a55-0000-4000-8000-0000000000ff'), SMALL_IDS.pWebEmploy],
      credibility: 1,
    }),
    claim({
      id: ID.cHostile,
      subjectId: ID.custom,
      predicate: options.hostile ? `carries ${NASTY}` : 'carries',
      object: {
        kind: 'literal',
        value: options.hostile ? `${HOSTILE_FORMULA_FIRST} ${NASTY}` : 'fuel',
      },
      attributedTo: options.hostile ? `harbour master ${NASTY}` : 'harbour master',
      evidence: [SMALL_IDS.pNewsBerth],
      credibility: 2,
    }),
  ];
  return {
    case: options.marking === undefined ? base.case : { ...base.case, marking: options.marking },
    entities: options.hostile
      ? entities.map((e) => ({
          ...e,
          notes: `${e.notes} ${NASTY}`,
          aliases: [...e.aliases, NASTY],
        }))
      : entities,
    claims,
    sources: base.sources,
    passages: base.passages,
    exportedAt: SMALL_GENERATED_AT,
    generator: SMALL_GENERATOR,
  };
}

function exported(i: CaseExportInput): { file: ExportFile; bundle: Bundle } {
  const result = exportStix(i);
  if (!result.ok) throw new Error(result.error.message);
  return { file: result.value, bundle: JSON.parse(result.value.text) as Bundle };
}

function objectOf(bundle: Bundle, recordId: string): StixObject {
  const found = bundle.objects.filter((o) => o['x_casefile_id'] === recordId);
  expect(found, `one STIX object for ${recordId}`).toHaveLength(1);
  return found[0]!;
}

describe('uuidV5 and observable ids', () => {
  it('matches RFC 4122 test vectors and Python uuid.uuid5', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('gives observables the ids other STIX tools give them', () => {
    // Computed independently: uuid.uuid5(UUID(STIX_SCO_NAMESPACE), '{"value":"1.2.3.4"}'), and
    // the id OpenCTI and the stix2 library give the same ipv4-addr.
    expect(observableId('ipv4-addr', { value: '1.2.3.4' })).toBe(
      'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4',
    );
    expect(observableId('domain-name', { value: 'example.com' })).toBe(
      'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
    );
    expect(STIX_SCO_NAMESPACE).toBe('00abedb4-aa42-466c-9c01-fed23315a9b7');
  });

  it('computes the name bytes as canonical JSON with sorted keys', () => {
    const hashes = { 'SHA-256': SHA256 };
    expect(observableId('file', { name: 'a', hashes })).toBe(
      `file--${uuidV5(STIX_SCO_NAMESPACE, `{"hashes":{"SHA-256":"${SHA256}"},"name":"a"}`)}`,
    );
  });

  it('agrees with a SHA-1 computed by node:crypto', () => {
    const ns = Buffer.from(STIX_SCO_NAMESPACE.replace(/-/g, ''), 'hex');
    const digest = createHash('sha1')
      .update(Buffer.concat([ns, Buffer.from('é ✓', 'utf8')]))
      .digest();
    digest[6] = (digest[6]! & 0x0f) | 0x50;
    digest[8] = (digest[8]! & 0x3f) | 0x80;
    const hex = digest.subarray(0, 16).toString('hex');
    expect(uuidV5(STIX_SCO_NAMESPACE, 'é ✓').replace(/-/g, '')).toBe(hex);
  });
});

describe('helpers', () => {
  it('maps Admiralty credibility to STIX confidence (STIX 2.1 Appendix A)', () => {
    expect([1, 2, 3, 4, 5, 6].map((c) => stixConfidence(c as 1))).toEqual([
      90,
      70,
      50,
      30,
      10,
      undefined,
    ]);
  });

  it('turns predicates into STIX relationship types', () => {
    expect(stixRelationshipType('member of')).toBe('member-of');
    expect(stixRelationshipType('  Attributed   To ')).toBe('attributed-to');
    expect(stixRelationshipType('Paid (twice!)')).toBe('paid-twice');
    expect(stixRelationshipType('Café owner_of')).toBe('cafe-owner-of');
    expect(stixRelationshipType('is')).toBeUndefined();
    expect(stixRelationshipType('является')).toBeUndefined();
    expect(stixRelationshipType('<script>')).toBe('script');
  });

  it('gives partial dates their first and last instants', () => {
    expect(partialDateInstant('2024', 'first')).toBe('2024-01-01T00:00:00.000Z');
    expect(partialDateInstant('2024', 'last')).toBe('2024-12-31T23:59:59.999Z');
    expect(partialDateInstant('2024-02', 'last')).toBe('2024-02-29T23:59:59.999Z');
    expect(partialDateInstant('2025-12-03', 'first')).toBe('2025-12-03T00:00:00.000Z');
    expect(partialDateInstant('2025-12-03', 'last')).toBe('2025-12-03T23:59:59.999Z');
    expect(partialDateInstant('someday', 'first')).toBeUndefined();
  });
});

describe('exportStix', () => {
  const { file, bundle } = exported(input());
  const ids = new Set(bundle.objects.map((o) => o.id));

  it('writes a STIX bundle file named after the case', () => {
    expect(file.mediaType).toBe(STIX_MEDIA_TYPE);
    expect(file.mediaType).toBe('application/stix+json;version=2.1');
    expect(file.fileName).toBe('harbour-fuel-diversion.stix.json');
    for (const key of STIX_BUNDLE_REQUIRED) expect(bundle).toHaveProperty(key);
    expect(bundle.type).toBe('bundle');
    expect(bundle).not.toHaveProperty('spec_version');
    expect(file.text.endsWith('}\n')).toBe(true);
  });

  it('gives every object the required properties of its type', () => {
    for (const object of bundle.objects) {
      const required = STIX_REQUIRED[object.type];
      expect(required, `a known type: ${object.type}`).toBeDefined();
      for (const key of required!) expect(object, `${object.type}.${key}`).toHaveProperty(key);
      const alternatives = STIX_ONE_OF[object.type];
      if (alternatives) {
        expect(
          alternatives.some((keys) => keys.every((k) => k in object)),
          `${object.id} has one of ${JSON.stringify(alternatives)}`,
        ).toBe(true);
      }
      expect(object['spec_version'], object.id).toBe('2.1');
      for (const [key, value] of Object.entries(object)) {
        // The STIX JSON schemas reject empty lists anywhere at the top level.
        if (Array.isArray(value)) expect(value.length, `${object.id}.${key}`).toBeGreaterThan(0);
      }
      for (const key of Object.keys(object)) {
        if (!STIX_STANDARD_PROPERTIES.has(key)) {
          expect(key, `${object.id}.${key}`).toMatch(STIX_CUSTOM_PROPERTY);
        }
      }
    }
  });

  it('writes type, spec_version and id first, then the other keys sorted', () => {
    for (const object of bundle.objects) {
      const keys = Object.keys(object);
      const rest = keys.filter((k) => !['type', 'spec_version', 'id'].includes(k));
      expect(keys.slice(0, 3), object.id).toEqual(['type', 'spec_version', 'id']);
      expect(rest, object.id).toEqual([...rest].sort());
    }
    expect(Object.keys(bundle)).toEqual(['type', 'id', 'objects']);
  });

  it('uses UUIDv5 ids, each once, and sorts objects by id', () => {
    expect(bundle.id).toMatch(ID_PATTERN);
    for (const object of bundle.objects) {
      // The TLP marking definitions' published ids are UUIDv4.
      if (object.type !== 'marking-definition') expect(object.id).toMatch(ID_PATTERN);
      expect(object.id.startsWith(`${object.type}--`)).toBe(true);
    }
    expect(ids.size).toBe(bundle.objects.length);
    const sorted = [...bundle.objects].map((o) => o.id).sort();
    expect(bundle.objects.map((o) => o.id)).toEqual(sorted);
  });

  it('writes timestamps in RFC 3339 UTC with milliseconds', () => {
    for (const object of bundle.objects) {
      for (const key of STIX_TIMESTAMP_PROPERTIES) {
        if (key in object) expect(object[key], `${object.id}.${key}`).toMatch(TIMESTAMP);
      }
      if ('created' in object && 'modified' in object) {
        expect(String(object['modified']) >= String(object['created'])).toBe(true);
      }
    }
    const uses = objectOf(bundle, ID.cUses);
    expect(uses['created']).toBe('2026-01-10T09:00:00.000Z');
    expect(uses['modified']).toBe('2026-01-11T10:30:00.500Z');
  });

  it('resolves every reference to an object in the bundle', () => {
    for (const object of bundle.objects) {
      for (const key of STIX_REF_PROPERTIES) {
        if (key in object) expect(ids.has(object[key] as string), `${object.id}.${key}`).toBe(true);
      }
      for (const key of STIX_REFS_PROPERTIES) {
        if (!(key in object)) continue;
        const refs = object[key] as string[];
        expect(refs.length, `${object.id}.${key} not empty`).toBeGreaterThan(0);
        for (const ref of refs) expect(ids.has(ref), `${object.id}.${key} → ${ref}`).toBe(true);
      }
    }
  });

  it('maps entity types to STIX objects', () => {
    const typeOf = (id: string) => objectOf(bundle, id).type;
    expect(objectOf(bundle, SMALL_IDS.mara)).toMatchObject({
      type: 'identity',
      identity_class: 'individual',
      name: 'Mara Kessel',
      description: 'Signed every delivery note in December.',
      x_casefile_type: 'Person',
      x_casefile_aliases: ['M. Kessel'],
      x_casefile_attributes: { nationality: 'NO', role: 'Depot manager' },
      created_by_ref: CASEFILE_IDENTITY_ID,
    });
    expect(objectOf(bundle, SMALL_IDS.northwind)).toMatchObject({
      type: 'identity',
      identity_class: 'organization',
    });
    expect(objectOf(bundle, ID.actor)).toMatchObject({ type: 'threat-actor', name: 'Fuel Bear' });
    expect(typeOf(ID.set)).toBe('intrusion-set');
    expect(objectOf(bundle, ID.malware)).toMatchObject({
      type: 'malware',
      is_family: true,
      aliases: ['Korplug'],
    });
    expect(objectOf(bundle, ID.cve)).toMatchObject({
      type: 'vulnerability',
      name: 'cve-2021-44228',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228' }],
    });
    expect(objectOf(bundle, ID.oslo)).toMatchObject({
      type: 'location',
      country: 'NO',
      latitude: 59.91,
      longitude: 10.75,
    });
    expect(objectOf(bundle, ID.ip4)).toMatchObject({
      type: 'ipv4-addr',
      id: 'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4',
      value: '1.2.3.4',
    });
    expect(objectOf(bundle, ID.ip4)).not.toHaveProperty('created');
    expect(typeOf(ID.ip6)).toBe('ipv6-addr');
    expect(objectOf(bundle, ID.domain)['id']).toBe(
      'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
    );
    expect(objectOf(bundle, ID.url)).toMatchObject({
      type: 'url',
      value: 'http://evil.example/x?a=1&b=<2>',
    });
    expect(typeOf(ID.email)).toBe('email-addr');
    expect(objectOf(bundle, ID.md5)['hashes']).toEqual({ MD5: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(objectOf(bundle, ID.sha1)).toMatchObject({
      type: 'file',
      name: 'empty.bin',
      hashes: { 'SHA-1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
    });
    expect(objectOf(bundle, ID.sha256)).toMatchObject({
      id: observableId('file', { hashes: { 'SHA-256': SHA256 } }),
      hashes: { 'SHA-256': SHA256 },
    });
    expect(objectOf(bundle, ID.wallet)).toMatchObject({
      type: 'x-casefile-cryptocurrency-wallet',
      value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      x_casefile_attributes: { chain: 'bitcoin' },
    });
    expect(objectOf(bundle, ID.wallet)['id']).toMatch(ID_PATTERN);
    expect(typeOf(ID.bank)).toBe('x-casefile-bank-account');
    expect(objectOf(bundle, ID.account)).toMatchObject({
      type: 'user-account',
      user_id: '@mara',
      account_type: 'telegram',
      display_name: 'Mara on Telegram',
    });
    for (const id of [ID.phone, ID.vehicle, ID.custom, ID.badHash, ID.money, ID.date]) {
      expect(typeOf(id)).toBe('x-casefile-entity');
    }
    expect(typeOf(SMALL_IDS.delivery)).toBe('x-casefile-entity');
    expect(objectOf(bundle, SMALL_IDS.delivery)['x_casefile_attributes']).toEqual({
      startedOn: '2025-12-03',
    });
    // A place without country or coordinates cannot be a STIX location.
    expect(typeOf(SMALL_IDS.berth)).toBe('x-casefile-entity');
    expect(objectOf(bundle, ID.custom)['x_casefile_type']).toBe('custom:Vessel');
  });

  it('tells the investigator about every entity STIX cannot represent', () => {
    const noticed = new Set(file.notices.map((n) => n.recordId));
    for (const id of [
      ID.phone,
      ID.vehicle,
      ID.custom,
      ID.badHash,
      ID.money,
      ID.date,
      ID.document,
      SMALL_IDS.delivery,
      SMALL_IDS.berth,
    ]) {
      expect(noticed.has(id), id).toBe(true);
    }
    for (const id of [ID.ip4, ID.malware, ID.oslo, SMALL_IDS.mara, ID.wallet]) {
      expect(noticed.has(id), id).toBe(false);
    }
    expect(file.notices.find((n) => n.recordId === ID.phone)?.message).toMatch(/no object/);
  });

  it('exports two entities with one observable value as one object, with a notice', () => {
    const ip = bundle.objects.filter(
      (o) => o.id === 'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4',
    );
    expect(ip).toHaveLength(1);
    expect(
      file.notices.some((n) => n.recordId === ID.ip4Again && /same value/.test(n.message)),
    ).toBe(true);
    // A claim about the second entity points at the shared object.
    expect(objectOf(bundle, ID.cUnicode)['source_ref']).toBe(ip[0]!.id);
  });

  it('turns claims between entities into relationships', () => {
    const employs = objectOf(bundle, SMALL_IDS.cEmploys);
    expect(employs).toMatchObject({
      type: 'relationship',
      relationship_type: 'employs',
      source_ref: objectOf(bundle, SMALL_IDS.northwind).id,
      target_ref: objectOf(bundle, SMALL_IDS.mara).id,
      confidence: 70,
      start_time: '2023-01-01T00:00:00.000Z',
      x_casefile_predicate: 'employs',
      x_casefile_status: 'corroborated',
      x_casefile_credibility: 2,
      x_casefile_grade: 'B2',
      x_casefile_valid_time: { kind: 'interval', start: '2023' },
      x_casefile_analyst_assertion: false,
    });
    expect(employs).not.toHaveProperty('stop_time');
    expect(employs['description']).toBe(
      'Status: corroborated.\nGrade B2 (source: Usually reliable; information: Probably true).',
    );
    expect(objectOf(bundle, SMALL_IDS.cLocated)['relationship_type']).toBe('located-in');
    expect(objectOf(bundle, SMALL_IDS.cPaid)).toMatchObject({
      start_time: '2025-12-01T00:00:00.000Z',
      stop_time: '2025-12-31T23:59:59.999Z',
    });
    expect(objectOf(bundle, ID.cUses)).toMatchObject({
      relationship_type: 'uses',
      confidence: 10,
      start_time: '2024-02-01T00:00:00.000Z',
      stop_time: '2024-12-31T23:59:59.999Z',
    });
  });

  it('derives confidence from the Admiralty credibility, leaving it out for 6', () => {
    expect(objectOf(bundle, SMALL_IDS.cLocated)['confidence']).toBe(90);
    expect(objectOf(bundle, SMALL_IDS.cSigned)['confidence']).toBe(50);
    expect(objectOf(bundle, ID.cUnicode)['confidence']).toBe(30);
    expect(objectOf(bundle, ID.cUses)['confidence']).toBe(10);
    expect(objectOf(bundle, ID.cAssertion)).not.toHaveProperty('confidence');
  });

  it('cites evidence as external references to the sources', () => {
    const employs = objectOf(bundle, SMALL_IDS.cEmploys);
    const refs = employs['external_references'] as Record<string, unknown>[];
    expect(refs).toHaveLength(2);
    expect(refs[0]).toEqual({
      source_name: 'Fuel deliveries vanish at Port Halden',
      hashes: { 'SHA-256': '01'.repeat(32) },
      description:
        '“Mara Kessel, who has run the Northwind Fuels depot since 2023, declined to comment.”',
    });
    expect(refs[1]).toMatchObject({
      source_name: 'Northwind Fuels — About us',
      url: 'https://northwind-fuels.example/about',
      hashes: { 'SHA-256': '02'.repeat(32) },
    });
  });

  it('says an analyst assertion is one, with no external reference', () => {
    const assertion = objectOf(bundle, ID.cAssertion);
    expect(assertion).not.toHaveProperty('external_references');
    expect(assertion['description']).toMatch(/Analyst assertion/);
    expect(assertion['description']).toMatch(
      /Information credibility 6 \(Truth cannot be judged\)/,
    );
    expect(assertion['description']).toMatch(/Note: My own reading of the logs\./);
    expect(assertion['x_casefile_analyst_assertion']).toBe(true);
    expect(assertion).not.toHaveProperty('x_casefile_grade');
  });

  it('turns a claim about a value into a note on its subject', () => {
    const signed = objectOf(bundle, SMALL_IDS.cSigned);
    expect(signed).toMatchObject({
      type: 'note',
      object_refs: [objectOf(bundle, SMALL_IDS.mara).id],
      abstract: 'Mara Kessel signed for delivery 4471',
      x_casefile_literal: 'delivery 4471',
      x_casefile_predicate: 'signed for',
      x_casefile_attributed_to: 'Mara Kessel (own e-mail)',
      confidence: 50,
    });
    expect(signed['content']).toBe(
      [
        'Status: asserted.',
        'Grade D3 (source: Not usually reliable; information: Possibly true).',
        'Single source: not corroborated by another source.',
        'Attributed to: Mara Kessel (own e-mail).',
        'Note: Only her own e-mail says so.',
      ].join('\n'),
    );
    expect((signed['external_references'] as unknown[]).length).toBe(1);
  });

  it('keeps supports and contradicts links as references to the other claim', () => {
    expect(objectOf(bundle, SMALL_IDS.cPaid)['x_casefile_relations']).toEqual([
      { kind: 'supports', claim: SMALL_IDS.cSigned, ref: objectOf(bundle, SMALL_IDS.cSigned).id },
    ]);
  });

  it('names the other claim but gives no STIX ref when it is not exported', () => {
    expect(objectOf(bundle, ID.cAssertion)['x_casefile_relations']).toEqual([
      { kind: 'contradicts', claim: ID.cOutside },
    ]);
  });

  it('uses related-to for a predicate STIX cannot spell, with a notice', () => {
    expect(objectOf(bundle, ID.cUnicode)).toMatchObject({
      relationship_type: 'related-to',
      x_casefile_predicate: 'является',
    });
    expect(
      file.notices.some((n) => n.recordId === ID.cUnicode && /related-to/.test(n.message)),
    ).toBe(true);
  });

  it('leaves out claims to entities outside the export, and missing evidence, with notices', () => {
    expect(bundle.objects.some((o) => o['x_casefile_id'] === ID.cOutside)).toBe(false);
    expect(file.notices.some((n) => n.recordId === ID.cOutside)).toBe(true);
    const registered = objectOf(bundle, ID.cMissingEvidence);
    expect((registered['external_references'] as unknown[]).length).toBe(1);
    expect(
      file.notices.some((n) => n.recordId === ID.cMissingEvidence && /Evidence/.test(n.message)),
    ).toBe(true);
  });

  it('describes the case as a report containing everything', () => {
    const report = objectOf(bundle, SMALL_IDS.case);
    expect(report).toMatchObject({
      type: 'report',
      name: 'Harbour fuel diversion',
      description: 'Fuel deliveries that never reached the harbour depot.',
      published: SMALL_GENERATED_AT,
      modified: SMALL_GENERATED_AT,
      created: '2026-01-05T09:00:00.000Z',
      x_casefile_marking: 'TLP:AMBER',
      x_casefile_generator: SMALL_GENERATOR,
    });
    const contained = bundle.objects
      .filter((o) => o.type !== 'marking-definition' && o.id !== report.id)
      .map((o) => o.id);
    expect(report['object_refs']).toEqual(contained);
    const sources = report['external_references'] as Record<string, unknown>[];
    expect(sources.map((s) => s['source_name'])).toEqual([
      'Fuel deliveries vanish at Port Halden',
      'Northwind Fuels — About us',
      'Re: delivery 4471',
    ]);
    expect(sources[0]!['description']).toBe(
      'Source reliability B (Usually reliable). Kind: pdf. Author: Ines Varga. Publisher: Halden Gazette. Published: 2025-12-09. Captured: 2026-01-05T08:40:00.000Z. File: halden-gazette-2025-12-09.pdf.',
    );
  });

  it('names Casefile as the creator of every object it made', () => {
    const creator = bundle.objects.find((o) => o.id === CASEFILE_IDENTITY_ID)!;
    expect(creator).toMatchObject({ type: 'identity', name: 'Casefile', identity_class: 'system' });
    for (const object of bundle.objects) {
      if (object.type === 'marking-definition' || object.id === CASEFILE_IDENTITY_ID) continue;
      if (!('created' in object)) continue; // observables have no creator property
      expect(object['created_by_ref'], object.id).toBe(CASEFILE_IDENTITY_ID);
    }
  });

  it('is deterministic: the same input gives the same text, whatever the input order', () => {
    const again = exportStix(input());
    expect(again.ok && again.value.text).toBe(file.text);
    const i = input();
    const shuffled = exportStix({
      ...i,
      entities: [...i.entities].reverse(),
      claims: [...i.claims].reverse(),
      sources: [...i.sources].reverse(),
      passages: [...i.passages].reverse(),
    });
    expect(shuffled.ok && shuffled.value.text).toBe(file.text);
    const ids1 = bundle.objects.map((o) => o.id);
    const later = exported({ ...input(), exportedAt: '2026-12-01T00:00:00.000Z' }).bundle;
    // Another export changes the bundle and report version, not the ids of what it contains.
    expect(later.id).not.toBe(bundle.id);
    expect(later.objects.map((o) => o.id)).toEqual(ids1);
  });
});

describe('exportStix refuses', () => {
  it('an export time that is not a timestamp', () => {
    const result = exportStix({ ...input(), exportedAt: 'yesterday' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('interop.exportedAtInvalid');
  });
});

describe('markings', () => {
  const refsOf = (marking: string) => {
    const { bundle, file } = exported(input({ marking }));
    const definitions = bundle.objects.filter((o) => o.type === 'marking-definition');
    const marked = bundle.objects.filter((o) => o.type !== 'marking-definition');
    const refs = new Set(marked.map((o) => JSON.stringify(o['object_marking_refs'] ?? null)));
    return { definitions, refs: [...refs], notices: file.notices };
  };

  it.each([
    ['TLP:CLEAR', TLP.white, 'white'],
    ['TLP:WHITE', TLP.white, 'white'],
    ['TLP:GREEN', TLP.green, 'green'],
    ['tlp:amber', TLP.amber, 'amber'],
    ['TLP:RED', TLP.red, 'red'],
  ])('marks every object %s with the STIX 2.1 TLP definition', (marking, id, level) => {
    const { definitions, refs, notices } = refsOf(marking);
    expect(definitions).toEqual([
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id,
        created: '2017-01-20T00:00:00.000Z',
        definition_type: 'tlp',
        name: `TLP:${level.toUpperCase()}`,
        definition: { tlp: level },
      },
    ]);
    expect(refs).toEqual([JSON.stringify([id])]);
    expect(notices.some((n) => n.recordId === SMALL_IDS.case)).toBe(false);
  });

  it('marks TLP:AMBER+STRICT with the published TLP 2.0 definition', () => {
    const { definitions, refs } = refsOf('TLP:AMBER+STRICT');
    expect(definitions).toEqual([
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id: TLP2_AMBER_STRICT_ID,
        created: '2022-10-01T00:00:00.000Z',
        name: 'TLP:AMBER+STRICT',
        extensions: {
          'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
            extension_type: 'property-extension',
            tlp_2_0: 'amber+strict',
          },
        },
      },
    ]);
    expect(TLP2_AMBER_STRICT_ID).toBe('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
    expect(refs).toEqual([JSON.stringify([TLP2_AMBER_STRICT_ID])]);
  });

  it('exports any other marking as a statement, with a notice', () => {
    const { definitions, refs, notices } = refsOf('OFFICIAL-SENSITIVE <b>');
    expect(definitions).toHaveLength(1);
    expect(definitions[0]).toMatchObject({
      definition_type: 'statement',
      definition: { statement: 'OFFICIAL-SENSITIVE <b>' },
    });
    expect(definitions[0]!.id).toMatch(ID_PATTERN);
    expect(refs).toEqual([JSON.stringify([definitions[0]!.id])]);
    expect(notices.some((n) => n.recordId === SMALL_IDS.case && /statement/.test(n.message))).toBe(
      true,
    );
  });

  it('marks nothing when the case has no marking, and says so', () => {
    const { definitions, refs, notices } = refsOf('  ');
    expect(definitions).toEqual([]);
    expect(refs).toEqual(['null']);
    expect(notices.some((n) => n.recordId === SMALL_IDS.case)).toBe(true);
  });
});

describe('hostile strings', () => {
  const i = input({ hostile: true });
  const { file, bundle } = exported(i);

  it('survive the JSON round trip literally', () => {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(bundle);
    const all = strings.join('\n');
    expect(all).toContain(HOSTILE);
    expect(all).toContain(NASTY);
    expect(objectOf(bundle, SMALL_IDS.mara)['name']).toBe(
      i.entities.find((e) => e.id === SMALL_IDS.mara)!.name,
    );
    expect(objectOf(bundle, SMALL_IDS.mara)['description']).toContain(NASTY);
    const literal = objectOf(bundle, ID.cHostile);
    expect(literal['x_casefile_literal']).toBe(`${HOSTILE_FORMULA_FIRST} ${NASTY}`);
    expect(literal['x_casefile_attributed_to']).toBe(`harbour master ${NASTY}`);
    expect(objectOf(bundle, SMALL_IDS.case)['name']).toBe(i.case.title);
  });

  it('escapes control characters and lone surrogates in the JSON text', () => {
    // eslint-disable-next-line no-control-regex -- the raw characters must not appear
    expect(file.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(file.text).toContain('\\u0000');
    expect(file.text).toContain('\\ud800');
  });

  it('keeps relationship types to STIX characters whatever the predicate', () => {
    for (const object of bundle.objects) {
      if (object.type === 'relationship') {
        expect(object['relationship_type']).toMatch(/^[a-z0-9-]{3,250}$/);
      }
    }
  });

  it('makes a safe file name from a hostile title', () => {
    expect(file.fileName).toMatch(/\.stix\.json$/);
    // eslint-disable-next-line no-control-regex -- nor may they in a file name
    expect(file.fileName).not.toMatch(/[/\\<>:"|?*\u0000-\u001f]/);
    const dots = exportStix({ ...i, case: { ...i.case, title: '../../etc/passwd' } });
    expect(dots.ok && dots.value.fileName).toBe('etc-passwd.stix.json');
    const empty = exportStix({ ...i, case: { ...i.case, title: '///' } });
    expect(empty.ok && empty.value.fileName).toBe('case.stix.json');
  });
});
