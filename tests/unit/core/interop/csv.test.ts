import { describe, expect, test } from 'vitest';
import {
  csvField,
  defuseCell,
  exportClaimsCsv,
  exportEntitiesCsv,
} from '../../../../src/core/interop/csv';
import { HOSTILE_STRINGS, SMALL_IDS } from '../../../fixtures/reports/smallCase';
import { EXTRA_IDS, filesInput, valueOf } from './filesInput';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
    i += 2;
    rows.push(row);
    row = [];
    if (i === text.length) return rows;
  }
}

function table(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

/** A cell as the investigator wrote it: the defusing apostrophe taken off again. */
const undefused = (cell: string): string =>
  cell.startsWith("'") && defuseCell(cell.slice(1)) === cell ? cell.slice(1) : cell;

describe('formula-injection protection', () => {
  test.each([
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    '-1+1',
    '@SUM(1)',
    '\t=1',
    '\r=1',
    '  =1+1',
    '\uFF1D1+1',
  ])('%j gets a leading apostrophe', (value) => {
    expect(defuseCell(value)).toBe(`'${value}`);
  });

  test.each(['-12', '-0.5', 'Mara', '1-2', 'a=b', ''])('%j is left alone', (value) => {
    expect(defuseCell(value)).toBe(value);
  });

  test('fields are quoted only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('entities CSV', () => {
  test('one row per entity, attributes as columns, BOM and CRLF', () => {
    const file = valueOf(exportEntitiesCsv(filesInput()));
    expect(file.fileName).toBe('harbour-fuel-diversion-entities.csv');
    expect(file.mediaType).toMatch(/^text\/csv/);
    const rows = table(file.text);
    expect(rows).toHaveLength(5);
    const mara = rows.find((r) => r['id'] === SMALL_IDS.mara)!;
    expect(mara).toMatchObject({
      type: 'Person',
      name: 'Mara Kessel',
      aliases: 'M. Kessel',
      'attr:role': 'Depot manager',
      'attr:nationality': 'NO',
      'attr:age': '41',
      created: '2026-01-05T09:00:00.000Z',
    });
    expect(rows.find((r) => r['id'] === SMALL_IDS.berth)!['attr:role']).toBe('');
  });

  test('hostile names round-trip literally once the apostrophe is removed, and none starts a formula', () => {
    const input = filesInput({ hostile: true });
    const rows = table(valueOf(exportEntitiesCsv(input)).text);
    for (const entity of input.entities) {
      const row = rows.find((r) => r['id'] === entity.id)!;
      expect(row['name']).toBe(`'${entity.name}`);
      expect(undefused(row['name']!)).toBe(entity.name);
      expect(row['notes']).toBe(entity.notes);
    }
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  test('is deterministic and independent of input order', () => {
    const input = filesInput({ hostile: true });
    const reversed = { ...input, entities: [...input.entities].reverse() };
    expect(valueOf(exportEntitiesCsv(reversed)).text).toBe(valueOf(exportEntitiesCsv(input)).text);
  });
});

describe('claims CSV', () => {
  test('one row per claim with grade, corroboration and evidence citations', () => {
    const input = filesInput();
    const rows = table(valueOf(exportClaimsCsv(input)).text);
    expect(rows).toHaveLength(input.claims.length);
    const employs = rows.find((r) => r['id'] === SMALL_IDS.cEmploys)!;
    expect(employs).toMatchObject({
      subject: 'Northwind Fuels Ltd',
      'subject id': SMALL_IDS.northwind,
      predicate: 'employs',
      object: 'Mara Kessel',
      'object id': SMALL_IDS.mara,
      'valid from': '2023',
      'valid to': '',
      grade: 'B2',
      credibility: '2',
      status: 'corroborated',
      'single source': 'false',
      'analyst assertion': 'false',
    });
    const citations = employs['evidence']!.split(' | ');
    expect(citations).toHaveLength(2);
    expect(citations[0]).toMatch(/^Fuel deliveries vanish at Port Halden: “Mara Kessel, who/);
    expect(employs['source sha256']!.split(' | ')).toEqual(['01'.repeat(32), '02'.repeat(32)]);

    const signed = rows.find((r) => r['id'] === SMALL_IDS.cSigned)!;
    expect(signed).toMatchObject({
      object: 'delivery 4471',
      'object id': '',
      'valid from': '2025-12-03',
      'valid to': '2025-12-03',
      grade: 'D3',
      'single source': 'true',
    });
    const paid = rows.find((r) => r['id'] === SMALL_IDS.cPaid)!;
    expect(paid['relations']).toBe(`supports ${SMALL_IDS.cSigned}`);
    const assertion = rows.find((r) => r['id'] === EXTRA_IDS.cAssertion)!;
    expect(assertion).toMatchObject({ grade: '', 'analyst assertion': 'true', evidence: '' });
  });

  test('hostile strings: quoted newlines survive, formulas are defused, all round-trip', () => {
    const input = filesInput({ hostile: true });
    const withNewline = input.claims.map((c) =>
      c.id === SMALL_IDS.cSigned ? { ...c, note: `line one\r\nline "two",\n=cmd` } : c,
    );
    const rows = table(valueOf(exportClaimsCsv({ ...input, claims: withNewline })).text);
    const signed = rows.find((r) => r['id'] === SMALL_IDS.cSigned)!;
    expect(signed['note']).toBe(`line one\r\nline "two",\n=cmd`);
    const claim = input.claims.find((c) => c.id === SMALL_IDS.cSigned)!;
    expect(undefused(signed['object']!)).toBe(
      claim.object.kind === 'literal' ? claim.object.value : '',
    );
    expect(signed['object']!.startsWith("'=")).toBe(true);
    const assertion = rows.find((r) => r['id'] === EXTRA_IDS.cAssertion)!;
    expect(assertion['predicate']!.startsWith(`'=HYPERLINK`)).toBe(true);
    expect(assertion['object']!.startsWith("'-1+1")).toBe(true);
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    for (const hostile of HOSTILE_STRINGS) {
      expect(rows.some((r) => Object.values(r).some((cell) => cell.includes(hostile)))).toBe(true);
    }
  });
});
