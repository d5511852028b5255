import { describe, expect, test } from 'vitest';
import { exportFollowTheMoney } from '../../../../src/core/interop/ftm';
import { asEntityId, asClaimId } from '../../../../src/core/model/ids';
import { HOSTILE, SMALL_IDS } from '../../../fixtures/reports/smallCase';
import { anEntity, aClaim } from '../../../fixtures/builders';
import { EXTRA_IDS, XML_HOSTILE, filesInput, valueOf } from './filesInput';
import type { CaseExportInput } from '../../../../src/core/interop/types';

/** Schemata of FollowTheMoney's model (followthemoney/schema/*.yaml) this exporter may write. */
const FTM_SCHEMATA = new Set([
  'Address',
  'BankAccount',
  'Company',
  'CryptoWallet',
  'Document',
  'Employment',
  'Event',
  'Membership',
  'Organization',
  'Ownership',
  'Payment',
  'Person',
  'UnknownLink',
  'UserAccount',
  'Vehicle',
]);

/** Each link schema's two entity properties. */
const LINK_ENDS: Record<string, [string, string]> = {
  Payment: ['payer', 'beneficiary'],
  Ownership: ['owner', 'asset'],
  Membership: ['member', 'organization'],
  Employment: ['employer', 'employee'],
  UnknownLink: ['subject', 'object'],
};

interface FtmLine {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

function linesOf(input: CaseExportInput) {
  const file = valueOf(exportFollowTheMoney(input));
  expect(file.text.endsWith('\n')).toBe(true);
  const lines = file.text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as FtmLine);
  return { file, lines };
}

describe('FollowTheMoney export', () => {
  test('every line is an FtM entity with a known schema and string-list properties', () => {
    const { file, lines } = linesOf(filesInput());
    expect(file.fileName).toBe('harbour-fuel-diversion.ftm.json');
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'schema', 'properties']);
      expect(line.id).toMatch(/^[0-9a-f]{40}$/);
      expect(FTM_SCHEMATA.has(line.schema)).toBe(true);
      for (const values of Object.values(line.properties)) {
        expect(values.length).toBeGreaterThan(0);
        for (const value of values) expect(value).toBeTypeOf('string');
      }
    }
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  });

  test('entities map by type; a registered organisation is a Company', () => {
    const { lines } = linesOf(filesInput());
    const schemaOf = (name: string) => lines.find((l) => l.properties['name']?.[0] === name);
    expect(schemaOf('Mara Kessel')).toMatchObject({
      schema: 'Person',
      properties: { alias: ['M. Kessel'], position: ['Depot manager'], nationality: ['NO'] },
    });
    expect(schemaOf('Mara Kessel')!.properties['notes']).toContain('age: 41');
    expect(schemaOf('Northwind Fuels Ltd')).toMatchObject({
      schema: 'Company',
      properties: { registrationNumber: ['918 273 645'], jurisdiction: ['NO'] },
    });
    expect(schemaOf('Berth 7, Port Halden')).toMatchObject({
      schema: 'Address',
      properties: { full: ['Berth 7, Port Halden'] },
    });
    expect(schemaOf('Fuel delivery 4471')).toMatchObject({
      schema: 'Event',
      properties: { startDate: ['2025-12-03'] },
    });
  });

  test('claims become links whose ends reference exported entities', () => {
    const input = filesInput();
    const { file, lines } = linesOf(input);
    const ids = new Set(lines.filter((l) => !(l.schema in LINK_ENDS)).map((l) => l.id));
    const links = lines.filter((l) => l.schema in LINK_ENDS);
    for (const link of links) {
      const [from, to] = LINK_ENDS[link.schema]!;
      expect(link.properties[from]).toHaveLength(1);
      expect(ids.has(link.properties[from]![0]!)).toBe(true);
      expect(ids.has(link.properties[to]![0]!)).toBe(true);
    }
    expect(links.map((l) => l.schema).sort()).toEqual([
      'Employment',
      'Payment',
      'Payment',
      'UnknownLink',
    ]);
    const employment = links.find((l) => l.schema === 'Employment')!;
    expect(employment.properties).toMatchObject({
      startDate: ['2023'],
      summary: ['employs: grade B2, credibility 2, corroborated, 2 sources'],
      publisher: ['Halden Gazette', 'Northwind Fuels Ltd'],
      sourceUrl: ['https://northwind-fuels.example/about'],
    });
    const located = links.find((l) => l.schema === 'UnknownLink')!;
    expect(located.properties['role']).toEqual(['located in']);
    // Claims to literal values cannot be FtM links: reported.
    const notices = file.notices.map((n) => n.recordId);
    expect(notices).toContain(SMALL_IDS.cSigned);
    expect(notices).toContain(EXTRA_IDS.cAssertion);
  });

  test('e-mail addresses fold onto the linked person; unlinked ones and unmapped types are reported', () => {
    const base = filesInput();
    const owned = { caseId: base.case.id };
    const email = anEntity({
      ...owned,
      id: asEntityId('000000e7-0000-4000-8000-0000000000a1'),
      type: 'Email',
      name: 'mara@example.net',
      aliases: [],
      attributes: {},
    });
    const stray = anEntity({
      ...owned,
      id: asEntityId('000000e7-0000-4000-8000-0000000000a2'),
      type: 'Phone',
      name: '+4712345678',
      aliases: [],
      attributes: {},
    });
    const ip = anEntity({
      ...owned,
      id: asEntityId('000000e7-0000-4000-8000-0000000000a3'),
      type: 'IPAddress',
      name: '192.0.2.1',
      aliases: [],
      attributes: {},
    });
    const uses = aClaim({
      ...owned,
      id: asClaimId('00000c1a-0000-4000-8000-0000000000a1'),
      subjectId: SMALL_IDS.mara,
      predicate: 'communicated with',
      object: { kind: 'entity', entityId: email.id },
    });
    const { file, lines } = linesOf({
      ...base,
      entities: [...base.entities, email, stray, ip],
      claims: [...base.claims, uses],
    });
    const mara = lines.find((l) => l.properties['name']?.[0] === 'Mara Kessel')!;
    expect(mara.properties['email']).toEqual(['mara@example.net']);
    expect(lines.some((l) => l.properties['name']?.[0] === '192.0.2.1')).toBe(false);
    const notices = file.notices.map((n) => n.recordId);
    expect(notices).toContain(stray.id);
    expect(notices).toContain(ip.id);
    expect(notices).not.toContain(email.id);
  });

  test('hostile strings are literal after parsing; ids and output are deterministic', () => {
    const input = filesInput({ hostile: true });
    const { file, lines } = linesOf(input);
    const mara = input.entities.find((e) => e.id === SMALL_IDS.mara)!;
    expect(lines.some((l) => l.properties['name']?.[0] === mara.name)).toBe(true);
    expect(mara.name).toContain(XML_HOSTILE);
    expect(mara.name).toContain('=HYPERLINK');
    expect(lines.some((l) => l.properties['notes']?.some((n) => n.includes(HOSTILE)))).toBe(true);
    const reversed = {
      ...input,
      entities: [...input.entities].reverse(),
      claims: [...input.claims].reverse(),
    };
    expect(valueOf(exportFollowTheMoney(reversed)).text).toBe(file.text);
    const again = linesOf(filesInput()).lines;
    expect(again.map((l) => l.id)).toEqual(linesOf(filesInput()).lines.map((l) => l.id));
  });
});
