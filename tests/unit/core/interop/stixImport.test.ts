import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchor } from '../../../../src/core/anchoring';
import {
  exportStix,
  stixConfidence,
  stixRelationshipType,
} from '../../../../src/core/interop/stix';
import {
  credibilityFromConfidence,
  partialDateOf,
  predicateFromRelationshipType,
  type StixImport,
} from '../../../../src/core/interop/stixImport';
import type { CaseExportInput } from '../../../../src/core/interop/types';
import { DEFAULT_PREDICATES } from '../../../../src/core/model/claim';
import { asEntityId } from '../../../../src/core/model/ids';
import { partialDateInstant } from '../../../../src/core/interop/stix';
import { INFORMATION_CREDIBILITY, type Entity } from '../../../../src/core/model/records';
import { aCase } from '../../../fixtures/builders';
import { roundTripInput } from '../../../fixtures/interop/stix-roundTripCase';
import { expectValidCaseRecords, IMPORTED_AT, importInto, valueOf } from './stixImportSupport';

type Records = StixImport['records'];

function exported(input: CaseExportInput): string {
  return valueOf(exportStix(input)).text;
}

interface EntityFields {
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly notes: string;
}

function entityFacts(entities: readonly EntityFields[]) {
  return entities
    .map((e) => ({
      type: e.type,
      name: e.name,
      aliases: [...e.aliases],
      attributes: { ...e.attributes },
      notes: e.notes,
    }))
    .sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : 1));
}

/** Claims by what they say, ids replaced by names (relations by the other claim's sentence). */
function claimFacts(records: Pick<Records, 'entities' | 'claims'> | CaseExportInput) {
  const names = new Map<string, string>(records.entities.map((e) => [e.id, e.name]));
  const sentence = new Map<string, string>();
  for (const c of records.claims) {
    const object = c.object.kind === 'entity' ? names.get(c.object.entityId) : c.object.value;
    sentence.set(c.id, `${names.get(c.subjectId)} | ${c.predicate} | ${object}`);
  }
  return records.claims
    .map((c) => ({
      sentence: sentence.get(c.id),
      objectKind: c.object.kind,
      validTime: c.validTime,
      credibility: c.credibility,
      status: c.status,
      attributedTo: c.attributedTo,
      note: c.note,
      hasEvidence: c.evidence.length > 0,
      relations: c.relations.map((r) => `${r.kind} ${sentence.get(r.claimId)}`).sort(),
    }))
    .sort((a, b) => (a.sentence! < b.sentence! ? -1 : 1));
}

describe('STIX import: round trip of our own export', () => {
  for (const hostile of [false, true]) {
    it(`gives back the same entities and claims, ids aside${hostile ? ' (hostile text)' : ''}`, async () => {
      const input = roundTripInput({ hostile });
      const imported = valueOf(await importInto(exported(input)));
      const { records, report } = imported;

      expect(entityFacts(records.entities)).toEqual(entityFacts(input.entities));
      expect(claimFacts(records)).toEqual(claimFacts(input));
      expect(report.imported.entities).toBe(input.entities.length);
      expect(report.imported.claims).toBe(input.claims.length);
      expect(report.reusedEntities).toBe(0);
      expect(report.markings).toEqual([input.case.marking]);
      // Only the Casefile identity and the TLP marking are left out.
      expect(report.skipped.map((s) => s.type).sort()).toEqual(['identity', 'marking-definition']);
      await expectValidCaseRecords(imported);
    });
  }

  it('brings each cited source back once, with its URL, grade and a passage per quote', async () => {
    const input = roundTripInput();
    const { records, originals } = valueOf(await importInto(exported(input)));

    expect(records.sources.map((s) => s.title).sort()).toEqual(
      input.sources.map((s) => s.title).sort(),
    );
    for (const source of input.sources) {
      const back = records.sources.find((s) => s.title === source.title)!;
      expect(back.kind).toBe('text');
      expect(back.reliability).toBe(source.reliability);
      expect(back.provenance.url).toBe(source.provenance.url);
      const content = records.sourceContents.find((c) => c.id === back.id)!;
      expect(content.text).toContain(source.sha256);
      const bytes = originals.get(back.sha256)!;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(back.sha256);
      expect(new TextDecoder().decode(bytes)).toBe(content.text);
      expect(back.byteLength).toBe(bytes.length);
    }
    // Every evidence passage anchors exactly and quotes what the original passage quoted.
    const passageById = new Map(records.passages.map((p) => [p.id, p]));
    for (const claim of records.claims) {
      for (const passageId of claim.evidence) {
        const passage = passageById.get(passageId)!;
        expect(passage.kind).toBe('evidence');
        const text = records.sourceContents.find((c) => c.id === passage.sourceId)!.text;
        expect(anchor(text, passage).status).toBe('exact');
      }
    }
    const quotes = new Set(records.passages.map((p) => p.quote.exact));
    for (const claim of input.claims) {
      for (const passageId of claim.evidence) {
        const original = input.passages.find((p) => p.id === passageId)!;
        expect([...quotes].some((q) => q.includes(original.quote.exact))).toBe(true);
      }
    }
  });

  it('does not duplicate entities when the same bundle is imported again', async () => {
    const input = roundTripInput();
    const text = exported(input);
    const caseRecord = aCase({ title: 'Target' });
    const first = valueOf(await importInto(text, { caseRecord }));
    const second = valueOf(
      await importInto(text, {
        caseRecord,
        // case.json records carry plain string ids; the database hands in branded ones.
        existing: first.records.entities as unknown as Entity[],
      }),
    );

    expect(second.report.imported.entities).toBe(0);
    expect(second.report.reusedEntities).toBe(first.records.entities.length);
    // The reused entities travel unchanged so the records stand by themselves.
    expect(second.records.entities).toEqual(first.records.entities);
    expect(claimFacts(second.records)).toEqual(claimFacts(first.records));
    await expectValidCaseRecords(second);
  });

  it('makes two entities with one observable value one entity, as the export did', async () => {
    const input = roundTripInput();
    const twin: Entity = {
      ...input.entities.find((e) => e.name === '1.2.3.4')!,
      id: asEntityId('00000e71-0000-4000-8000-0000000000ff'),
      attributes: {},
    };
    const withTwin = { ...input, entities: [...input.entities, twin] };
    const { records } = valueOf(await importInto(exported(withTwin)));
    expect(records.entities.filter((e) => e.name === '1.2.3.4')).toHaveLength(1);
  });

  it('takes records into the target case, stamped with the import time', async () => {
    const caseRecord = aCase({ title: 'Target', predicates: ['controls'] });
    const { records } = valueOf(await importInto(exported(roundTripInput()), { caseRecord }));
    expect(records.case).toEqual(caseRecord);
    for (const kind of ['sources', 'passages', 'entities', 'claims'] as const) {
      for (const record of records[kind]) {
        expect(record.caseId).toBe(caseRecord.id);
        expect(record.createdAt).toBe(IMPORTED_AT);
      }
    }
    expect(records.notes).toEqual([]);
    expect(records.audit).toEqual([]);
    expect(records.entityMerges).toEqual([]);
  });

  it('is deterministic for the same bundle and ids', async () => {
    const text = exported(roundTripInput());
    const caseRecord = aCase();
    const a = valueOf(await importInto(text, { caseRecord }));
    const b = valueOf(await importInto(text, { caseRecord }));
    expect(a.records).toEqual(b.records);
    expect([...a.originals.keys()]).toEqual([...b.originals.keys()]);
  });

  it('reports progress', async () => {
    const seen: string[] = [];
    valueOf(
      await importInto(exported(roundTripInput()), {
        onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`),
      }),
    );
    expect(seen[0]).toMatch(/^objects 0\//);
    expect(seen.at(-1)).toMatch(/^claims (\d+)\/\1$/);
  });

  it('gives new records the ids newId supplies, each once', async () => {
    const { records } = valueOf(await importInto(exported(roundTripInput())));
    const all = [...records.sources, ...records.passages, ...records.entities, ...records.claims];
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^00000f00-0000-4000-8000-/);
  });
});

describe('STIX import: a bundle written by another tool (OpenCTI-style)', () => {
  const fixture = readFileSync(
    new URL('../../../fixtures/interop/stix-opencti-bundle.json', import.meta.url),
  );

  async function imported() {
    return valueOf(await importInto(new Uint8Array(fixture)));
  }

  it('maps domain objects, observables and indicators to entities', async () => {
    const { records } = await imported();
    const byName = new Map(records.entities.map((e) => [e.name, e]));
    expect(Object.fromEntries(records.entities.map((e) => [e.name, e.type]))).toEqual({
      'CERT-Example': 'Organization',
      'APT-Example': 'Organization',
      'Fuel Bear': 'Organization',
      PlugX: 'Malware',
      'CVE-2021-44228': 'Vulnerability',
      Norway: 'Location',
      Bergen: 'Location',
      'evil.example': 'Domain',
      '198.51.100.7': 'IPAddress',
      'https://evil.example/gate.php': 'URL',
      'ops@evil.example': 'Email',
      '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f': 'Hash',
      bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh: 'CryptoWallet',
      DE89370400440532013000: 'BankAccount',
      '+4799887766': 'Phone',
      coldpipe: 'Account',
    });
    expect(byName.get('APT-Example')).toMatchObject({
      aliases: ['Cold Pipe', 'TEMP.Fjord'],
      attributes: {
        stixType: 'intrusion-set',
        first_seen: '2019-05-01T00:00:00.000Z',
        resource_level: 'government',
        primary_motivation: 'espionage',
      },
      notes: 'A state-sponsored group targeting energy companies in the Nordics.',
    });
    expect(byName.get('Fuel Bear')!.attributes).toMatchObject({ stixType: 'threat-actor' });
    expect(byName.get('CVE-2021-44228')!.attributes).toEqual({
      x_opencti_cvss_base_score: 10,
      cve: 'CVE-2021-44228',
    });
    expect(byName.get('Bergen')!.attributes).toEqual({ coordinates: '60.39, 5.32' });
    expect(byName.get('Norway')!.attributes).toEqual({ country: 'NO' });
    expect(byName.get('198.51.100.7')!.notes).toBe('C2 server');
    expect(
      byName.get('275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f')!.attributes,
    ).toEqual({
      fileName: 'eicar.com',
      MD5: '44d88612fea8a8f36de82e1278abb02f',
    });
    expect(byName.get('coldpipe')!.attributes).toEqual({ handle: 'coldpipe', platform: 'twitter' });
    expect(byName.get('DE89370400440532013000')!.attributes).toEqual({ bic: 'COBADEFFXXX' });
  });

  it('maps relationships to claims: predicate, credibility, valid time, author, note', async () => {
    const { records } = await imported();
    const facts = claimFacts(records);
    expect(facts.map((f) => f.sentence)).toEqual([
      'APT-Example | attributed to | Fuel Bear',
      'APT-Example | targets | CVE-2021-44228',
      'APT-Example | uses | PlugX',
      'Bergen | located at | Norway',
      'PlugX | communicates with | 198.51.100.7',
      'evil.example | indicates | PlugX',
      'evil.example | resolves to | 198.51.100.7',
      'ops@evil.example | belongs to | coldpipe',
    ]);
    const bySentence = new Map(facts.map((f) => [f.sentence, f]));
    expect(bySentence.get('APT-Example | uses | PlugX')).toMatchObject({
      credibility: 2,
      // OpenCTI's 1970 / 5138 stand for "no start" and "no end".
      validTime: { kind: 'unknown' },
      attributedTo: 'CERT-Example',
      note: 'Loader and implant seen in three intrusions.',
      status: 'asserted',
      hasEvidence: true,
    });
    expect(bySentence.get('APT-Example | attributed to | Fuel Bear')).toMatchObject({
      credibility: 3,
      validTime: { kind: 'interval', start: '2021-03', end: '2022' },
      hasEvidence: false,
    });
    expect(bySentence.get('evil.example | indicates | PlugX')!.credibility).toBe(5);
    expect(bySentence.get('Bergen | located at | Norway')!.credibility).toBe(6);
    // Relationships embedded in observables: stated by the bundle, not graded.
    const resolves = bySentence.get('evil.example | resolves to | 198.51.100.7')!;
    expect(resolves).toMatchObject({ credibility: 6, hasEvidence: false });
    expect(resolves.note).toMatch(/^From the resolves_to_refs of domain-name--/);
    expect(bySentence.get('PlugX | communicates with | 198.51.100.7')!.validTime).toEqual({
      kind: 'date',
      date: '2024-02-10',
    });
    // In the report without references of its own: the report is its evidence.
    expect(bySentence.get('APT-Example | targets | CVE-2021-44228')!.hasEvidence).toBe(true);
  });

  it('turns reports and external references into sources with evidence passages', async () => {
    const imported_ = await imported();
    const { records } = imported_;
    const titles = records.sources.map((s) => s.title).sort();
    expect(titles).toEqual([
      'APT-Example targets Nordic energy',
      'CERT-Example portal 2024-17',
      'Malpedia',
      'Nordic Energy Threat Report 2024',
      'mitre-attack G9999',
    ]);
    const report = records.sources.find((s) => s.title === 'APT-Example targets Nordic energy')!;
    expect(report.provenance).toEqual({
      author: 'CERT-Example',
      publishedAt: '2024-03-04T08:00:00.000Z',
    });
    expect(report.reliability).toBe('B');
    const threat = records.sources.find((s) => s.title === 'Nordic Energy Threat Report 2024')!;
    expect(threat.provenance.url).toBe('https://cert.example/reports/2024-nordic-energy');
    expect(threat.reliability).toBe('F');
    const uses = records.claims.find((c) => c.predicate === 'uses')!;
    const evidence = records.passages.find((p) => p.id === uses.evidence[0])!;
    expect(evidence.sourceId).toBe(threat.id);
    expect(evidence.quote.exact).toBe(
      'Section 3: the group deploys PlugX through a signed loader.',
    );
    // An entity's own linked reference is a source with a mention of it.
    const malpedia = records.sources.find((s) => s.title === 'Malpedia')!;
    const mention = records.passages.find((p) => p.sourceId === malpedia.id)!;
    expect(mention.kind).toBe('mention');
    expect(records.entities.find((e) => e.id === mention.entityId)!.name).toBe('PlugX');
    await expectValidCaseRecords(imported_);
  });

  it('reports every object it did not import, with the reason', async () => {
    const { report } = await imported();
    const skipped = report.skipped.map((s) => `${s.type}: ${s.reason}`);
    const expectSkipped = (type: string, reason: RegExp) =>
      expect(
        skipped.filter((s) => s.startsWith(`${type}: `) && reason.test(s)),
        `${type} ${reason}`,
      ).not.toHaveLength(0);
    expectSkipped('attack-pattern', /no mapping for the STIX type "attack-pattern"/);
    expectSkipped('campaign', /no mapping/);
    expectSkipped('x-mitre-tactic', /no mapping/);
    expectSkipped('sighting', /Sightings are not imported/);
    expectSkipped('note', /Notes are not imported/);
    expectSkipped('marking-definition', /handling marking/);
    expectSkipped('indicator', /not a single comparison/);
    expectSkipped('indicator', /written in "yara"/);
    expectSkipped('relationship', /attack-pattern.*was not imported as an entity/);
    expectSkipped('relationship', /not in the bundle \(a dangling reference\)/);
    expectSkipped('relationship', /lacks the required property "relationship_type"/);
    expectSkipped('domain-name', /resolves_to_refs ipv4-addr--.* is not in the bundle/);
    expect(report.skipped).toHaveLength(12);
    expect(report.notices.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/same type and name as indicator--/),
    );
    expect(report.imported).toEqual({ sources: 5, passages: 4, entities: 16, claims: 8 });
    expect(report.markings).toEqual(['TLP:AMBER']);
  });
});

describe('STIX import: field conversions invert the exporter', () => {
  it('confidence → credibility inverts stixConfidence, by the Appendix A ranges', () => {
    for (const credibility of INFORMATION_CREDIBILITY) {
      expect(credibilityFromConfidence(stixConfidence(credibility))).toBe(credibility);
    }
    expect([100, 80, 79, 60, 59, 40, 39, 20, 19, 0].map(credibilityFromConfidence)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    expect([-1, 101, '90', null, Number.NaN].map(credibilityFromConfidence)).toEqual([
      6, 6, 6, 6, 6,
    ]);
  });

  it('relationship type → predicate inverts stixRelationshipType for the vocabulary', () => {
    for (const predicate of DEFAULT_PREDICATES) {
      expect(
        predicateFromRelationshipType(stixRelationshipType(predicate)!, DEFAULT_PREDICATES),
      ).toBe(predicate);
    }
    expect(predicateFromRelationshipType('located-at', DEFAULT_PREDICATES)).toBe('located at');
    expect(predicateFromRelationshipType('uses', [])).toBe('uses');
  });

  it('instants → partial dates invert partialDateInstant', () => {
    for (const date of ['2023', '2023-02', '2023-02-27', '2024-02-28', '1999-12-30']) {
      expect(partialDateOf(partialDateInstant(date, 'first'), 'first')).toBe(date);
      expect(partialDateOf(partialDateInstant(date, 'last'), 'last')).toBe(date);
    }
    // The last instant of a month's last day is the month's: read as the (equal) month.
    expect(partialDateOf('2023-02-28T23:59:59.999Z', 'last')).toBe('2023-02');
    expect(partialDateOf('2024-02-10T14:00:00Z', 'first')).toBe('2024-02-10');
    expect(partialDateOf('1970-01-01T00:00:00.000Z', 'first')).toBeUndefined();
    expect(partialDateOf('5138-11-16T09:46:40.000Z', 'last')).toBeUndefined();
    expect(partialDateOf('not a date', 'first')).toBeUndefined();
  });
});
