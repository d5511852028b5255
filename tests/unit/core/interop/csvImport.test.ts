import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { caseJsonSchema, type CaseJson } from '../../../../src/core/bundle/bundle';
import {
  CSV_CHUNK_BYTES,
  mapCsv,
  sniffCsv,
  suggestMapping,
  validateCsvMapping,
} from '../../../../src/core/interop/csvImport';
import {
  CSV_ERROR_CODES,
  MAX_LISTED_PROBLEMS,
  type ClaimsCsvMapping,
  type CsvImportResult,
  type CsvImportTarget,
  type CsvMapOptions,
  type EntitiesCsvMapping,
} from '../../../../src/core/interop/csvImportTypes';
import type { Result } from '../../../../src/shared/result';
import { aCase, anEntity } from '../../../fixtures/builders';

const encoder = new TextEncoder();
const BOM = '\uFEFF';

function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Deterministic UUIDs, so failures are readable. */
function idMaker(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

const CASE = aCase();
const NOW = '2026-11-22T08:00:00.000Z';

function target(overrides: Partial<CsvImportTarget> = {}): CsvImportTarget {
  return { caseRecord: CASE, existingEntities: [], now: NOW, newId: idMaker(), ...overrides };
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

/** Every returned record set must be a valid case.json whose claims point inside it. */
function checked(result: Result<CsvImportResult>): CsvImportResult {
  const value = valueOf(result);
  const parsed = caseJsonSchema.safeParse(value.records);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues[0]));
  const ids = new Set(value.records.entities.map((e) => e.id));
  for (const claim of value.records.claims) {
    expect(ids.has(claim.subjectId)).toBe(true);
    if (claim.object.kind === 'entity') expect(ids.has(claim.object.entityId)).toBe(true);
    expect(claim.caseId).toBe(CASE.id);
  }
  return value;
}

function entitiesMapping(overrides: Partial<EntitiesCsvMapping> = {}): EntitiesCsvMapping {
  return {
    kind: 'entities',
    name: 0,
    type: { kind: 'column', column: 1, unknownType: 'problem' },
    attributes: [],
    ...overrides,
  };
}

const CLAIMS_HEADER =
  'subject,subject type,predicate,object,object type,valid from,valid to,credibility,status\r\n';

function byName(records: CaseJson, name: string) {
  const entity = records.entities.find((e) => e.name === name);
  if (!entity) throw new Error(`no entity ${name}`);
  return entity;
}

describe('sniffCsv', () => {
  test('strips the BOM, guesses the delimiter, reads the header and previews rows', () => {
    const text = `${BOM}name,type,attr:role\r\nMara Kessel,Person,manager\r\nNorthwind,Organization,\r\n`;
    const sniff = valueOf(sniffCsv(bytesOf(text)));
    expect(sniff).toMatchObject({
      encoding: 'utf-8',
      bom: true,
      delimiter: ',',
      delimiterGuessed: true,
      rowCount: 2,
      rowCountExact: true,
      warnings: [],
    });
    expect(sniff.columns.map((c) => c.name)).toEqual(['name', 'type', 'attr:role']);
    expect(sniff.preview).toEqual([
      { row: 2, cells: ['Mara Kessel', 'Person', 'manager'] },
      { row: 3, cells: ['Northwind', 'Organization', ''] },
    ]);
  });

  test('a BOM changes nothing but the flag', () => {
    const text = 'name,type\nMara,Person\n';
    const without = valueOf(sniffCsv(bytesOf(text)));
    const withBom = valueOf(sniffCsv(bytesOf(BOM + text)));
    expect(withBom).toEqual({ ...without, bom: true });
    expect(withBom.columns[0]!.name).toBe('name');
  });

  test.each([
    [';', 'name;type;note\nMara, K.;Person;a, b\nJo;Person;c\n'],
    ['\t', 'name\ttype\nMara, K.\tPerson\nJo\tPerson\n'],
    [',', 'name,type\nMara;K,Person\n'],
  ])('guesses the delimiter %j', (delimiter, text) => {
    expect(valueOf(sniffCsv(bytesOf(text))).delimiter).toBe(delimiter);
  });

  test('estimates the row count of a file larger than its sample', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Entity ${i},Person,some text here\n`);
    const sniff = valueOf(sniffCsv(bytesOf(`name,type,note\n${rows.join('')}`)));
    expect(sniff.rowCountExact).toBe(false);
    expect(sniff.rowCount).toBeGreaterThan(18_000);
    expect(sniff.rowCount).toBeLessThan(22_000);
    expect(sniff.preview).toHaveLength(20);
  });

  test('duplicate and empty header names get distinct labels and a warning', () => {
    const sniff = valueOf(sniffCsv(bytesOf('name,type,note,,note\nMara,Person,a,b,c\n')));
    expect(sniff.columns.map((c) => c.label)).toEqual([
      'name',
      'type',
      'note',
      'Column 4',
      'note (2)',
    ]);
    expect(sniff.warnings.join(' ')).toContain('note (2)');
    expect(sniff.warnings.join(' ')).toContain('Column 4');
  });
});

describe('bad input', () => {
  test('an empty file, a BOM alone and blank lines only are refused', () => {
    for (const text of ['', BOM, '\r\n\r\n\n']) {
      expect(errorOf(sniffCsv(bytesOf(text))).code).toBe(CSV_ERROR_CODES.empty);
    }
  });

  test('binary files, workbooks and UTF-16 text are refused as not text', async () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'ZIP archive'],
      [new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00]), 'UTF-16'],
      [bytesOf('name,type\nMara\u0000,Person\n'), 'byte 14 is a NUL byte'],
    ];
    for (const [bytes, message] of cases) {
      const error = errorOf(sniffCsv(bytes));
      expect(error.code).toBe(CSV_ERROR_CODES.notText);
      expect(error.message).toContain(message);
      expect(errorOf(await mapCsv(bytes, entitiesMapping(), target())).code).toBe(
        CSV_ERROR_CODES.notText,
      );
    }
  });

  test('an empty file is refused by mapCsv too', async () => {
    const result = await mapCsv(bytesOf(''), entitiesMapping(), target());
    expect(errorOf(result).code).toBe(CSV_ERROR_CODES.empty);
  });

  test('header only: a warning, then nothing imported', async () => {
    const text = 'name,type\r\n';
    const sniff = valueOf(sniffCsv(bytesOf(text)));
    expect(sniff.rowCount).toBe(0);
    expect(sniff.warnings).toEqual(['The file has a header but no data rows: nothing to import.']);
    const { records, report } = checked(await mapCsv(bytesOf(text), entitiesMapping(), target()));
    expect(records.entities).toEqual([]);
    expect(report).toMatchObject({ rowsRead: 0, imported: { entities: 0, claims: 0 } });
  });

  test('a file over the cap is refused on its size alone', async () => {
    // Not UTF-8 either: the size is checked first.
    const bytes = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0xff, 0x0a, 0x41, 0x0a]);
    const limits = { maxBytes: 7 };
    const sniffed = errorOf(sniffCsv(bytes, { limits }));
    expect(sniffed.code).toBe(CSV_ERROR_CODES.tooLarge);
    expect(sniffed.message).toContain('8 bytes');
    const mapped = await mapCsv(bytes, entitiesMapping(), target(), { limits });
    expect(errorOf(mapped).code).toBe(CSV_ERROR_CODES.tooLarge);
  });

  test('too many columns in the header', async () => {
    const text = 'a,b,c,d\n1,2,3,4\n';
    const limits = { maxColumns: 3 };
    const error = errorOf(sniffCsv(bytesOf(text), { limits }));
    expect(error.code).toBe(CSV_ERROR_CODES.tooManyColumns);
    expect(error.message).toContain('4 columns');
    const mapped = await mapCsv(bytesOf(text), entitiesMapping(), target(), { limits });
    expect(errorOf(mapped).code).toBe(CSV_ERROR_CODES.tooManyColumns);
  });

  test('a runaway row (an unclosed quote in a large file) stops the import', async () => {
    const text = `name,type\n"Mara,Person\n${'x'.repeat(200)}\n`;
    const limits = { maxRowChars: 100 };
    expect(errorOf(sniffCsv(bytesOf(text), { limits })).code).toBe(CSV_ERROR_CODES.rowTooLong);
    const mapped = await mapCsv(bytesOf(text), entitiesMapping(), target(), { limits });
    expect(errorOf(mapped)).toMatchObject({ code: CSV_ERROR_CODES.rowTooLong });
    expect(errorOf(mapped).message).toContain('Row 2');
  });

  test('an unterminated quote at the end of the file: that row is reported, the rest imported', async () => {
    const text = 'name,type\nMara,Person\nJonas,Person\n"Northwind,Organization\n';
    const sniff = valueOf(sniffCsv(bytesOf(text)));
    expect(sniff.warnings.join(' ')).toContain('row 4 is never closed');
    const { records, report } = checked(await mapCsv(bytesOf(text), entitiesMapping(), target()));
    expect(records.entities.map((e) => e.name)).toEqual(['Mara', 'Jonas']);
    expect(report.rowsRead).toBe(3);
    expect(report.rowsSkipped).toBe(1);
    expect(report.problems).toEqual([
      { row: 4, message: expect.stringContaining('opened in row 4 is never closed') as string },
    ]);
  });

  test('ragged rows: fewer cells, or more non-empty cells, than the header are not imported', async () => {
    const text =
      'name,type,note\nMara,Person,a\nJonas,Person\nNorthwind,Organization,b,c\nBerth 7,Location,d,,\n';
    const { records, report } = checked(
      await mapCsv(bytesOf(text), entitiesMapping({ notes: 2 }), target()),
    );
    expect(records.entities.map((e) => e.name)).toEqual(['Mara', 'Berth 7']);
    expect(report.problems.map((p) => [p.row, p.message.slice(0, 40)])).toEqual([
      [3, 'The row has 2 cells but the header has 3'],
      [4, 'The row has 4 cells but the header has 3'],
    ]);
  });

  test('quoted newlines, doubled quotes and CR/LF/CRLF line ends', async () => {
    const text =
      'name,type,note\r\n"Mara\r\nKessel",Person,"line 1\nline 2 ""quoted"", end"\rJonas,Person,x\n' +
      'Bad,Nonsense,y\r\n';
    const { records, report } = checked(
      await mapCsv(bytesOf(text), entitiesMapping({ notes: 2 }), target()),
    );
    expect(records.entities.map((e) => [e.name, e.notes])).toEqual([
      // Entity names collapse white space (as in the editor); notes keep it.
      ['Mara Kessel', 'line 1\nline 2 "quoted", end'],
      ['Jonas', 'x'],
    ]);
    // Row numbers count records, not physical lines.
    expect(report.problems).toEqual([
      {
        row: 4,
        column: 'type',
        message: expect.stringContaining('"Nonsense" is not an entity type') as string,
      },
    ]);
  });

  test('formula cells are kept as text; our own export’s apostrophe is removed', async () => {
    const cells = [
      ['=1+1', '=1+1'],
      ['+cmd', '+cmd'],
      ['-2+3', '-2+3'],
      ['@SUM(A1)', '@SUM(A1)'],
      ['"\tTAB"', '\tTAB'],
      ['"\'=HYPERLINK(""x"")"', '=HYPERLINK("x")'],
      ["'+1", '+1'],
      ["' =1", ' =1'],
      ["'plain", "'plain"],
      ["'-5", "'-5"],
      ['-5', '-5'],
    ];
    const text = `name,type,note\n${cells.map(([cell], i) => `E${i},Person,${cell}`).join('\n')}\n`;
    const { records } = checked(
      await mapCsv(bytesOf(text), entitiesMapping({ notes: 2 }), target()),
    );
    expect(records.entities.map((e) => e.notes)).toEqual(cells.map(([, stored]) => stored));
  });

  describe('encodings', () => {
    // "Café" in UTF-8 and in Windows-1252.
    const utf8Row = bytesOf('Café,Person\n');
    const cp1252Row = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x2c, 0x50, 0x65, 0x72, 0x73, 0x6f, 0x6e, 0x0a,
    ]);
    const header = bytesOf('name,type\n"Two\nlines",Person\n');
    const join = (...parts: Uint8Array[]): Uint8Array => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const part of parts) {
        out.set(part, at);
        at += part.length;
      }
      return out;
    };

    test('a Windows-1252 file: where, and the explicit choice', async () => {
      const bytes = join(header, cp1252Row);
      const error = errorOf(sniffCsv(bytes));
      expect(error.code).toBe(CSV_ERROR_CODES.notUtf8);
      expect(error.message).toContain(`byte ${header.length + 3} (row 3)`);
      expect(error.message).toContain('Windows-1252');
      expect(errorOf(await mapCsv(bytes, entitiesMapping(), target())).code).toBe(
        CSV_ERROR_CODES.notUtf8,
      );
      const sniff = valueOf(sniffCsv(bytes, { encoding: 'windows-1252' }));
      expect(sniff.preview[1]!.cells).toEqual(['Café', 'Person']);
      const { records } = checked(
        await mapCsv(bytes, entitiesMapping(), target(), { encoding: 'windows-1252' }),
      );
      expect(records.entities.map((e) => e.name)).toEqual(['Two lines', 'Café']);
    });

    test('a file mixing UTF-8 and Windows-1252 is refused under either encoding', async () => {
      const bytes = join(header, utf8Row, cp1252Row);
      for (const encoding of ['utf-8', 'windows-1252'] as const) {
        const error = errorOf(sniffCsv(bytes, { encoding }));
        expect(error.code).toBe(CSV_ERROR_CODES.mixedEncoding);
        expect(error.message).toContain(`byte ${header.length + 3} (row 3)`);
        expect(error.message).toContain(`byte ${header.length + utf8Row.length + 3} (row 4)`);
        const mapped = await mapCsv(bytes, entitiesMapping(), target(), { encoding });
        expect(errorOf(mapped).code).toBe(CSV_ERROR_CODES.mixedEncoding);
      }
    });

    test('a UTF-8 file read as Windows-1252 is refused, not garbled', () => {
      const error = errorOf(sniffCsv(join(header, utf8Row), { encoding: 'windows-1252' }));
      expect(error.code).toBe(CSV_ERROR_CODES.mixedEncoding);
      expect(error.message).toContain('read it as UTF-8');
    });

    test('a BOM followed by Windows-1252 bytes is a mix', () => {
      const bytes = join(bytesOf(BOM), header, cp1252Row);
      expect(errorOf(sniffCsv(bytes)).code).toBe(CSV_ERROR_CODES.mixedEncoding);
    });

    test('a multi-byte character split across chunk boundaries decodes', async () => {
      const name = 'é𝄞'.repeat(20);
      const rows = Array.from({ length: 25_000 }, (_, i) => `${name} ${i},Person\n`).join('');
      // Padding the header (its names are trimmed) so the first chunk ends inside a character.
      const padded = [0, 1, 2, 3, 4, 5].map((pad) =>
        bytesOf(`name,type${' '.repeat(pad)}\n${rows}`),
      );
      const bytes = padded.find((b) => (b[CSV_CHUNK_BYTES]! & 0xc0) === 0x80)!;
      expect(bytes).toBeDefined();
      const { records, report } = checked(await mapCsv(bytes, entitiesMapping(), target()));
      expect(report.rowsRead).toBe(25_000);
      expect(records.entities.every((e, i) => e.name === `${name} ${i}`)).toBe(true);
    }, 60_000);
  });

  test('a mapping outside the header is refused before any row', async () => {
    const text = 'name,type\nMara,Person\n';
    const result = await mapCsv(bytesOf(text), entitiesMapping({ notes: 5 }), target());
    expect(errorOf(result)).toMatchObject({
      code: CSV_ERROR_CODES.mappingInvalid,
      message: expect.stringContaining('column 6') as string,
    });
    const unchosen = await mapCsv(bytesOf(text), entitiesMapping({ name: -1 }), target());
    expect(errorOf(unchosen).message).toBe('Choose the column for the entity name.');
  });

  test('cancelling stops with csv.aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await mapCsv(bytesOf('name,type\nMara,Person\n'), entitiesMapping(), target(), {
      signal: controller.signal,
    });
    expect(errorOf(result).code).toBe(CSV_ERROR_CODES.aborted);
  });

  test('cancelling during the import stops at the next chunk', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `Entity number ${i} with a longer name,Person\n`,
    );
    const bytes = bytesOf(`name,type\n${rows.join('')}`);
    expect(bytes.length).toBeGreaterThan(CSV_CHUNK_BYTES);
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await mapCsv(bytes, entitiesMapping(), target(), {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.rowsRead);
        controller.abort();
      },
    });
    expect(errorOf(result).code).toBe(CSV_ERROR_CODES.aborted);
    expect(seen.at(-1)).toBeLessThan(40_000);
  });

  test('problems beyond the cap are counted, not listed', async () => {
    const rows = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, (_, i) => `E${i},Alien\n`).join(
      '',
    );
    const { report } = checked(
      await mapCsv(bytesOf(`name,type\n${rows}`), entitiesMapping(), target()),
    );
    expect(report.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(report.problemCount).toBe(MAX_LISTED_PROBLEMS + 5);
    expect(report.rowsSkipped).toBe(MAX_LISTED_PROBLEMS + 5);
  });
});

describe('100,000 rows', () => {
  test('are streamed in chunks with progress callbacks', async () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) =>
        `Entity ${i},${i % 2 === 0 ? 'Person' : 'Organization'},"alias ${i}; other ${i}",note ${i}\r\n`,
    ).join('');
    const bytes = bytesOf(`${BOM}name,type,aliases,notes\r\n${rows}`);
    const progress: number[] = [];
    const started = performance.now();
    const { records, report } = checked(
      await importTextBytes(bytes, (p) => progress.push(p.rowsRead)),
    );
    const elapsed = performance.now() - started;
    console.log(
      `csv import: 100,000 entity rows (${bytes.byteLength} bytes) in ${elapsed.toFixed(0)} ms`,
    );
    expect(report).toMatchObject({
      rowsRead: 100_000,
      imported: { entities: 100_000, claims: 0 },
      problemCount: 0,
    });
    expect(records.entities[99_999]).toMatchObject({
      name: 'Entity 99999',
      type: 'Organization',
      aliases: ['alias 99999', 'other 99999'],
      notes: 'note 99999',
    });
    expect(progress.length).toBeGreaterThanOrEqual(20);
    expect(progress.at(-1)).toBe(100_000);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  }, 120_000);
});

async function importTextBytes(
  bytes: Uint8Array,
  onProgress: NonNullable<CsvMapOptions['onProgress']>,
): Promise<Result<CsvImportResult>> {
  const sniff = valueOf(sniffCsv(bytes));
  const { mapping } = suggestMapping(sniff.columns, 'entities');
  return mapCsv(bytes, mapping, target(), { onProgress });
}

describe('entities', () => {
  test('the mapping: type column or fixed, unknown types, aliases, attributes', async () => {
    const text =
      'name,kind,aka,country,dateOfBirth\n' +
      'Mara Kessel,person,"M. K.; Mara K.",DE,1971-05-10\n' +
      'Fuel depot,Depot,,,\n' +
      'Jonas,custom:Broker,,,\n' +
      'Pier,Location,,NL,not a date\n';
    const mapping = entitiesMapping({
      type: { kind: 'column', column: 1, unknownType: 'custom' },
      aliases: { column: 2, separator: ';' },
      attributes: [
        { column: 3, key: 'country' },
        { column: 4, key: 'dateOfBirth' },
      ],
    });
    const { records, report } = checked(await mapCsv(bytesOf(text), mapping, target()));
    expect(records.entities.map((e) => [e.name, e.type, e.aliases, e.attributes])).toEqual([
      ['Mara Kessel', 'Person', ['M. K.', 'Mara K.'], { country: 'DE', dateOfBirth: '1971-05-10' }],
      ['Fuel depot', 'custom:Depot', [], {}],
      ['Jonas', 'custom:Broker', [], {}],
      ['Pier', 'Location', [], { country: 'NL', dateOfBirth: 'not a date' }],
    ]);
    expect(report.problemCount).toBe(0);
    expect(records.entities[0]).toMatchObject({ caseId: CASE.id, createdAt: NOW, updatedAt: NOW });

    const strict = checked(
      await mapCsv(
        bytesOf(text),
        { ...mapping, type: { kind: 'column', column: 1, unknownType: 'problem' } },
        target(),
      ),
    );
    expect(strict.report.problems).toEqual([
      {
        row: 3,
        column: 'kind',
        message: expect.stringContaining('"Depot" is not an entity type') as string,
      },
    ]);

    const fixed = checked(
      await mapCsv(
        bytesOf(text),
        { ...mapping, type: { kind: 'fixed', value: 'Organization' } },
        target(),
      ),
    );
    expect(fixed.records.entities.every((e) => e.type === 'Organization')).toBe(true);
  });

  test('an entity already in the case, or earlier in the file, is reused, not duplicated', async () => {
    const existing = anEntity({ caseId: CASE.id, name: 'Mara Kessel', type: 'Person' });
    const merged = anEntity({
      caseId: CASE.id,
      name: 'Jonas',
      type: 'Person',
      mergedInto: existing.id,
    });
    const text =
      'name,type\nMARA  kessel,Person\nMara Kessel,Organization\nJonas,Person\njonas,Person\n';
    const { records, report } = checked(
      await mapCsv(
        bytesOf(text),
        entitiesMapping(),
        target({ existingEntities: [existing, merged] }),
      ),
    );
    expect(records.entities.map((e) => [e.name, e.type])).toEqual([
      ['Mara Kessel', 'Organization'],
      ['Jonas', 'Person'],
    ]);
    expect(report).toMatchObject({ imported: { entities: 2 }, reusedEntities: 2, problemCount: 0 });
  });

  test('an invalid cell names its row and column', async () => {
    const text = 'name,type,note\n,Person,x\nMara,Person,ok\n';
    const { report } = checked(
      await mapCsv(bytesOf(text), entitiesMapping({ notes: 2 }), target()),
    );
    expect(report.problems).toEqual([
      { row: 2, column: 'name', message: 'An entity needs a name.' },
    ]);
  });
});

describe('claims', () => {
  function claimsMapping(overrides: Partial<ClaimsCsvMapping> = {}): ClaimsCsvMapping {
    return {
      kind: 'claims',
      subject: { name: 0, type: { kind: 'column', column: 1, unknownType: 'problem' } },
      predicate: { kind: 'column', column: 2 },
      object: {
        kind: 'entity',
        name: 3,
        type: { kind: 'column', column: 4, unknownType: 'problem' },
      },
      validFrom: 5,
      validTo: 6,
      credibility: { kind: 'column', column: 7 },
      status: { kind: 'column', column: 8 },
      ...overrides,
    };
  }

  test('the suggested mapping of a plain claims file', () => {
    const sniff = valueOf(sniffCsv(bytesOf(CLAIMS_HEADER)));
    const { mapping, ownExport } = suggestMapping(sniff.columns, 'claims');
    expect(ownExport).toBe(false);
    expect(mapping).toEqual(claimsMapping());
  });

  test('claim ends match the case’s entities by type and name, else are created once', async () => {
    const mara = anEntity({ caseId: CASE.id, name: 'Mara Kessel', type: 'Person' });
    const text =
      CLAIMS_HEADER +
      'mara kessel,Person,works for,Northwind,Organization,2024,2025-06,2,corroborated\n' +
      'Northwind,Organization,located in,Berth 7,Location,2025-03-01T10:00:00Z,2025-03-01,3,Asserted\n' +
      'Mara Kessel,Organization,owns,Berth 7,Location,,,6,disputed\n';
    const { records, report } = checked(
      await mapCsv(bytesOf(text), claimsMapping(), target({ existingEntities: [mara] })),
    );
    expect(records.entities.map((e) => [e.name, e.type])).toEqual([
      ['Mara Kessel', 'Person'],
      ['Northwind', 'Organization'],
      ['Berth 7', 'Location'],
      ['Mara Kessel', 'Organization'],
    ]);
    // The case's own entity comes back unchanged, so the records refer only inside themselves.
    expect(records.entities[0]).toEqual({ ...mara, aliases: [...mara.aliases] });
    const [works, located, owns] = records.claims;
    expect(works).toMatchObject({
      subjectId: mara.id,
      predicate: 'works for',
      object: { kind: 'entity', entityId: byName(records, 'Northwind').id },
      validTime: { kind: 'interval', start: '2024', end: '2025-06' },
      credibility: 2,
      status: 'corroborated',
      evidence: [],
      relations: [],
      note: '',
    });
    expect(located).toMatchObject({
      validTime: { kind: 'date', date: '2025-03-01' },
      status: 'asserted',
    });
    expect(owns).toMatchObject({ validTime: { kind: 'unknown' }, credibility: 6 });
    expect(report).toMatchObject({
      rowsRead: 3,
      imported: { entities: 3, claims: 3 },
      // mara (existing), Northwind (row 3), Berth 7 (row 4).
      reusedEntities: 3,
      problemCount: 0,
    });
  });

  test('an id column finds the case’s entity whatever the name cell says', async () => {
    const mara = anEntity({ caseId: CASE.id, name: 'Mara Kessel', type: 'Person' });
    const text = `subject,subject id,predicate,object\nM. K.,${mara.id},paid,Jonas\nM. K.,not-an-id,paid,Jonas\n`;
    const mapping = claimsMapping({
      subject: { name: 0, id: 1, type: { kind: 'fixed', value: 'Person' } },
      predicate: { kind: 'column', column: 2 },
      object: { kind: 'entity', name: 3, type: { kind: 'fixed', value: 'Person' } },
      validFrom: undefined,
      validTo: undefined,
      credibility: { kind: 'fixed', value: 6 },
      status: { kind: 'fixed', value: 'asserted' },
    });
    const { records } = checked(
      await mapCsv(bytesOf(text), mapping, target({ existingEntities: [mara] })),
    );
    expect(records.claims[0]!.subjectId).toBe(mara.id);
    // An id not in the case: matched by name (here: a new entity).
    expect(records.claims[1]!.subjectId).toBe(byName(records, 'M. K.').id);
  });

  test('a row with a problem adds nothing, not even its new entities', async () => {
    const text =
      CLAIMS_HEADER +
      'Ghost,Person,met with,Phantom,Person,2025-02,2025-01,2,asserted\n' +
      'Mara,Person,met with,Jonas,Person,2025,,7,asserted\n' +
      'Mara,Person,met with,Jonas,Person,2025,,2,pending\n' +
      'Mara,Person,met with,mara,Person,,,2,asserted\n' +
      'Mara,Person,,Jonas,Person,,,2,asserted\n' +
      'Mara,Alien,met with,Jonas,Person,,,2,asserted\n' +
      'Mara,Person,met with,Jonas,Person,2025-02-30,,2,asserted\n' +
      'Mara,Person,met with,Jonas,Person,,,2,asserted\n';
    const { records, report } = checked(await mapCsv(bytesOf(text), claimsMapping(), target()));
    expect(records.entities.map((e) => e.name)).toEqual(['Mara', 'Jonas']);
    expect(records.claims).toHaveLength(1);
    expect(report.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'valid to', 'The interval ends (2025-01) before it starts (2025-02).'],
      [3, 'credibility', '"7" is not a credibility from 1 to 6.'],
      [4, 'status', '"pending" is not a claim status (asserted, corroborated, disputed, refuted).'],
      [5, 'object', expect.stringContaining('same entity') as string],
      [6, 'predicate', '"" is not a predicate.'],
      [7, 'subject type', expect.stringContaining('"Alien" is not an entity type') as string],
      [8, 'valid from', '"2025-02-30": The date 2025-02-30 is not a calendar date.'],
    ]);
    expect(report).toMatchObject({
      rowsRead: 8,
      rowsSkipped: 7,
      imported: { entities: 2, claims: 1 },
    });
  });

  test('literal objects, fixed predicate, credibility and status', async () => {
    const text = 'who,value\nMara,+49 170 000\n';
    const mapping: ClaimsCsvMapping = {
      kind: 'claims',
      subject: { name: 0, type: { kind: 'fixed', value: 'Person' } },
      predicate: { kind: 'fixed', value: 'has phone' },
      object: { kind: 'literal', column: 1 },
      credibility: { kind: 'fixed', value: 3 },
      status: { kind: 'fixed', value: 'disputed' },
    };
    const { records } = checked(await mapCsv(bytesOf(text), mapping, target()));
    expect(records.claims[0]).toMatchObject({
      predicate: 'has phone',
      object: { kind: 'literal', value: '+49 170 000' },
      credibility: 3,
      status: 'disputed',
    });
  });

  test('names without types: one match of any type, else the fallback type, several is a problem', async () => {
    const existing = [
      anEntity({ caseId: CASE.id, name: 'Mara', type: 'Person' }),
      anEntity({ caseId: CASE.id, name: 'Delta', type: 'Person' }),
      anEntity({ caseId: CASE.id, name: 'Delta', type: 'Organization' }),
    ];
    const text =
      'subject,predicate,object\nMara,paid,Jonas\nDelta,paid,Mara\nJonas,met with,Mara\n';
    const mapping: ClaimsCsvMapping = {
      kind: 'claims',
      subject: { name: 0, type: { kind: 'match', fallback: 'custom:Unspecified' } },
      predicate: { kind: 'column', column: 1 },
      object: { kind: 'entity', name: 2, type: { kind: 'match', fallback: 'custom:Unspecified' } },
      credibility: { kind: 'fixed', value: 6 },
      status: { kind: 'fixed', value: 'asserted' },
    };
    const { records, report } = checked(
      await mapCsv(bytesOf(text), mapping, target({ existingEntities: existing })),
    );
    expect(records.entities.map((e) => [e.name, e.type])).toEqual([
      ['Mara', 'Person'],
      ['Jonas', 'custom:Unspecified'],
    ]);
    expect(records.claims).toHaveLength(2);
    expect(report.problems).toEqual([
      {
        row: 3,
        column: 'subject',
        message:
          '2 entities are named "Delta" (Person, Organization): map a subject type column to choose.',
      },
    ]);
  });

  test('relations between rows of the file; a relation to a row not imported drops its row too', async () => {
    const text =
      'id,subject,predicate,object,relations\n' +
      'c1,Mara,paid,Jonas,supports c2\n' +
      'c2,Jonas,met with,Mara,\n' +
      'c3,Mara,met with,,\n' +
      'c4,Jonas,paid,Mara,contradicts c3\n' +
      'c5,Jonas,owns,Boat,supports c4\n' +
      'c6,Jonas,owns,Car,supports c1; contradicts c2\n' +
      'c6,Jonas,owns,Car,\n';
    const sniff = valueOf(sniffCsv(bytesOf(text)));
    const { mapping } = suggestMapping(sniff.columns, 'claims');
    const { records, report } = checked(await mapCsv(bytesOf(text), mapping, target()));
    const claimOf = (predicate: string, object: string) =>
      records.claims.find(
        (c) =>
          c.predicate === predicate &&
          c.object.kind === 'entity' &&
          byName(records, object).id === c.object.entityId,
      )!;
    expect(records.claims).toHaveLength(3);
    expect(claimOf('paid', 'Jonas').relations).toEqual([
      { kind: 'supports', claimId: claimOf('met with', 'Mara').id },
    ]);
    // Boat was only named by the dropped row c5: not created.
    expect(records.entities.map((e) => e.name)).toEqual(['Mara', 'Jonas', 'Car']);
    expect(report.problems.map((p) => [p.row, p.column, p.message.slice(0, 50)])).toEqual([
      [4, 'object', 'The object is empty.'],
      [5, 'relations', 'contradicts c3: no claim with that id is imported '],
      [6, 'relations', 'supports c4: no claim with that id is imported fro'],
      [8, 'id', 'The claim id c6 is already used by row 7.'],
    ]);
  });
});

describe('mapping', () => {
  const columnsOf = (header: string) => valueOf(sniffCsv(bytesOf(`${header}\n`))).columns;

  test('our entities export maps in one click; other columns become attributes', () => {
    const own = suggestMapping(
      columnsOf('id,type,name,aliases,notes,created,updated,attr:age,attr:role'),
      'entities',
    );
    expect(own).toEqual({
      ownExport: true,
      mapping: {
        kind: 'entities',
        name: 2,
        type: { kind: 'column', column: 1, unknownType: 'problem' },
        aliases: { column: 3, separator: ';' },
        notes: 4,
        attributes: [
          { column: 7, key: 'age' },
          { column: 8, key: 'role' },
        ],
      },
    });
    const other = suggestMapping(columnsOf('Entity_Name,Country,Created At,Country'), 'entities');
    expect(other.ownExport).toBe(false);
    expect(other.mapping).toMatchObject({
      name: 0,
      type: { kind: 'column', column: -1 },
      attributes: [{ column: 1, key: 'Country' }],
    });
    expect(
      validateCsvMapping(other.mapping, columnsOf('Entity_Name,Country,Created At,Country')),
    ).toEqual({
      ok: false,
      error: {
        code: CSV_ERROR_CODES.mappingInvalid,
        message: 'Choose the column for the entity type.',
      },
    });
  });

  test('our claims export maps in one click', () => {
    const columns = columnsOf(
      'id,subject,subject id,predicate,object,object id,valid from,valid to,grade,credibility,status,single source,analyst assertion,attributed to,note,evidence,source sha256,relations,created,updated',
    );
    const { mapping, ownExport } = suggestMapping(columns, 'claims');
    expect(ownExport).toBe(true);
    expect(mapping).toEqual({
      kind: 'claims',
      subject: { name: 1, type: { kind: 'match', fallback: 'custom:Unspecified' }, id: 2 },
      predicate: { kind: 'column', column: 3 },
      object: {
        kind: 'entityOrLiteral',
        id: 5,
        name: 4,
        type: { kind: 'match', fallback: 'custom:Unspecified' },
      },
      validFrom: 6,
      validTo: 7,
      credibility: { kind: 'column', column: 9 },
      status: { kind: 'column', column: 10 },
      attributedTo: 13,
      note: 14,
      evidence: 15,
      id: 0,
      relations: 17,
    });
    expect(validateCsvMapping(mapping, columns)).toEqual({ ok: true, value: undefined });
  });

  test.each([
    [
      entitiesMapping({
        attributes: [
          { column: 0, key: 'a' },
          { column: 1, key: 'a' },
        ],
      }),
      'Two columns are mapped to the attribute "a".',
    ],
    [
      entitiesMapping({ attributes: [{ column: 0, key: '__proto__' }] }),
      'must be 1–100 characters',
    ],
    [
      entitiesMapping({ type: { kind: 'fixed', value: 'Alien' as never } }),
      '"Alien" is not an entity type',
    ],
    [entitiesMapping({ aliases: { column: 0, separator: ' ' } }), 'alias separator'],
    [
      {
        kind: 'claims',
        subject: { name: 0, type: { kind: 'fixed', value: 'Person' } },
        predicate: { kind: 'fixed', value: '  ' },
        object: { kind: 'literal', column: 1 },
        credibility: { kind: 'fixed', value: 6 },
        status: { kind: 'fixed', value: 'asserted' },
      } satisfies ClaimsCsvMapping,
      'The fixed predicate is not valid.',
    ],
    [
      {
        kind: 'claims',
        subject: { name: 0, type: { kind: 'fixed', value: 'Person' } },
        predicate: { kind: 'column', column: 1 },
        object: { kind: 'literal', column: 1 },
        credibility: { kind: 'fixed', value: 6 },
        status: { kind: 'fixed', value: 'asserted' },
        relations: 1,
      } satisfies ClaimsCsvMapping,
      'map the claim id column too',
    ],
  ])('a mapping the header cannot carry is refused (%#)', (mapping, message) => {
    const result = validateCsvMapping(mapping, columnsOf('a,b'));
    expect(errorOf(result).code).toBe(CSV_ERROR_CODES.mappingInvalid);
    expect(errorOf(result).message).toContain(message);
  });
});

describe('files as spreadsheets save them', () => {
  test('Excel in a Western European locale: Windows-1252, semicolons, CRLF in a quoted cell', async () => {
    const bytes = new Uint8Array(
      readFileSync(
        new URL('../../../fixtures/interop/csv-excel-windows1252-semicolon.csv', import.meta.url),
      ),
    );
    expect(errorOf(sniffCsv(bytes)).code).toBe(CSV_ERROR_CODES.notUtf8);
    const sniff = valueOf(sniffCsv(bytes, { encoding: 'windows-1252' }));
    expect(sniff).toMatchObject({ delimiter: ';', rowCount: 4, rowCountExact: true, warnings: [] });
    const { mapping } = suggestMapping(sniff.columns, 'entities');
    const { records, report } = checked(
      await mapCsv(bytes, mapping, target(), {
        encoding: 'windows-1252',
        delimiter: sniff.delimiter,
      }),
    );
    expect(report.problemCount).toBe(0);
    expect(records.entities.map((e) => [e.type, e.name, e.notes, e.attributes])).toEqual([
      [
        'Person',
        'Café Müller',
        'Owner; since 2019',
        { Country: 'DE', 'Date of birth': '1971-05-10' },
      ],
      [
        'Organization',
        'Société Générale Façade',
        'Shell company\r\nregistered twice',
        { Country: 'FR' },
      ],
      ['Organization', 'Smørrebrød ApS', '=1+1', { Country: 'DK' }],
      ['Location', 'Straße 7', '', { Country: 'DE' }],
    ]);
  });

  test('a claims file alone: its entities are created with the fallback type', async () => {
    const text = 'subject,predicate,object,object id\nMara,paid,Jonas,x\nMara,has phone,+49 170,\n';
    const sniff = valueOf(sniffCsv(bytesOf(text)));
    const { mapping } = suggestMapping(sniff.columns, 'claims');
    const progress: { rowsRead: number; bytesRead: number; totalBytes: number }[] = [];
    const { records, report } = checked(
      await mapCsv(bytesOf(text), mapping, target(), { onProgress: (p) => progress.push(p) }),
    );
    expect(records.entities.map((e) => [e.name, e.type])).toEqual([
      ['Mara', 'custom:Unspecified'],
      ['Jonas', 'custom:Unspecified'],
    ]);
    expect(records.claims.map((c) => c.object)).toEqual([
      { kind: 'entity', entityId: byName(records, 'Jonas').id },
      { kind: 'literal', value: '+49 170' },
    ]);
    expect(records.claims.every((c) => c.credibility === 6 && c.status === 'asserted')).toBe(true);
    expect(report).toMatchObject({ imported: { entities: 2, claims: 2 }, reusedEntities: 1 });
    expect(progress).toEqual([
      { rowsRead: 2, bytesRead: bytesOf(text).length, totalBytes: bytesOf(text).length },
    ]);
  });

  test('the preview shows cells as they will be imported', () => {
    const sniff = valueOf(sniffCsv(bytesOf("name,note\nMara,'=1+1\n")));
    expect(sniff.preview[0]!.cells).toEqual(['Mara', '=1+1']);
  });
});
