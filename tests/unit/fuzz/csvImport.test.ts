/**
 * Fuzzing the CSV import (issue 10's sniffCsv / mapCsv): arbitrary bytes and spreadsheet-like
 * text (quotes, delimiters, line ends, formulas, types, dates), any encoding, delimiter and caps,
 * mapped with the suggested mapping or an arbitrary (often wrong) one.
 * Invariant: ok (records a CaseTransfer plan accepts) or a `csv.*` error; never a throw.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mapCsv, sniffCsv, suggestMapping } from '../../../src/core/interop/csvImport';
import type {
  CsvImportTarget,
  CsvMapping,
  CsvReadOptions,
} from '../../../src/core/interop/csvImportTypes';
import { aCase, anEntity } from '../../fixtures/builders';
import { anyBytes, expectImportableRecords, expectOkOrTyped } from '../../fuzz/arbitraries';
import { fuzzParameters } from '../../fuzz/runs';

const CSV_ERRORS = ['csv.'];
const CASE = aCase();
const EXISTING = [
  anEntity({ caseId: CASE.id, name: 'Mara Kessel' }),
  anEntity({ caseId: CASE.id, name: 'Northwind', type: 'Organization' }),
  anEntity({ caseId: CASE.id, name: 'Mara Kessel', type: 'Organization' }),
];

function target(): CsvImportTarget {
  let n = 0;
  return {
    caseRecord: CASE,
    existingEntities: EXISTING,
    now: '2026-11-22T08:00:00.000Z',
    newId: () => {
      n += 1;
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    },
  };
}

/** Cells a spreadsheet of entities or claims holds, and the characters CSV cares about. */
const CELL_PIECES = [
  'Mara Kessel',
  'Northwind',
  'person',
  'Organization',
  'custom:Shell company',
  'custom:',
  'paid',
  'supports 1',
  'contradicts 2; supports x',
  '2024',
  '2024-02-30',
  '2024-01-01T10:00:00Z',
  '1',
  '6',
  '9',
  'asserted',
  'REFUTED',
  '=SUM(A1)',
  '+1',
  '@x',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r\n',
  '\n',
  '\r',
  ' ',
  '\u00e9',
  '\ufeff',
  '\ud800',
];
/** Per header name: values that import, then values that make a row problem. */
const NAMES = [
  ['Mara Kessel', 'Northwind', 'Vessel 7'],
  ['mara  kessel', '', '=HYPERLINK("x")'],
];
const TYPES = [
  ['Person', 'organization', 'custom:Shell company'],
  ['custom:', 'Boat', ''],
];
const COLUMN_VALUES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  name: NAMES,
  subject: NAMES,
  object: NAMES,
  type: TYPES,
  'subject type': TYPES,
  'object type': TYPES,
  aliases: [['M. Kessel; Mara', ''], [';;']],
  predicate: [
    ['paid', 'met'],
    ['', ' Paid '],
  ],
  'valid from': [
    ['2024', '2024-01', '2024-01-01T10:00:00Z', ''],
    ['2024-02-30', 'soon'],
  ],
  'valid to': [
    ['2024-12-31', ''],
    ['2023', '0000'],
  ],
  credibility: [
    ['1', '6'],
    ['0', '9', 'high', ''],
  ],
  status: [
    ['asserted', 'REFUTED'],
    ['maybe', ''],
  ],
  id: [
    ['1', '2', '3'],
    ['x', ''],
  ],
  subject_id: [[''], ['00000000-0000-4000-8000-000000000001', 'nope']],
  object_id: [[''], ['nope']],
  relations: [
    ['supports 1', '', 'contradicts 2; supports 3'],
    ['supports', 'supports x'],
  ],
  evidence: [['ledger p. 2', ''], []],
};
const HEADERS = [
  ['name', 'type', 'aliases', 'notes', 'attr:role'],
  ['name', 'type', 'name', ''],
  [
    'subject',
    'subject type',
    'predicate',
    'object',
    'object type',
    'valid from',
    'valid to',
    'credibility',
    'status',
  ],
  [
    'id',
    'subject',
    'subject_id',
    'predicate',
    'object',
    'object_id',
    'credibility',
    'status',
    'evidence',
    'relations',
    'note',
  ],
  ['a', 'b', 'c'],
  [],
];
/** Text that stresses the reader: quotes, delimiters, line ends, formulas, BOMs, broken UTF-16. */
const noisyCell = fc
  .array(fc.oneof(fc.constantFrom(...CELL_PIECES), fc.string({ maxLength: 8 })), { maxLength: 4 })
  .map((pieces) => pieces.join(''));
const rowFor = (header: readonly string[]) =>
  fc.tuple(
    ...header.map((name) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...(COLUMN_VALUES[name]?.[0] ?? CELL_PIECES)) },
        { weight: 1, arbitrary: fc.constantFrom(...(COLUMN_VALUES[name]?.[1] ?? ['']), '') },
        { weight: 1, arbitrary: noisyCell },
      ),
    ),
    // Ragged rows: cells past the header.
    fc.array(noisyCell, { maxLength: 2 }),
  );
const spreadsheet = fc
  .tuple(
    // The four real headers three times as often as the odd ones.
    fc.constantFrom(...HEADERS, ...HEADERS.slice(0, 4), ...HEADERS.slice(0, 4)),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\r\n', '\n', ''),
    fc.boolean(),
  )
  .chain(([header, delimiter, end, bom]) =>
    fc.array(rowFor(header), { maxLength: 12 }).map((rows) => {
      const lines = [header, ...rows.map((row) => row.flat())].map((cells) =>
        cells
          .map((c) =>
            /[",;\t\r\n]/.test(c) && c.length % 2 === 0 ? `"${c.replaceAll('"', '""')}"` : c,
          )
          .join(delimiter),
      );
      return (bom ? '\ufeff' : '') + lines.join('\r\n') + end;
    }),
  );
/** Spreadsheet text as UTF-8, as Latin-1 bytes (what Excel's "CSV" often is), or any bytes. */
const csvBytes = fc.oneof(
  { weight: 4, arbitrary: spreadsheet.map((text) => new TextEncoder().encode(text)) },
  {
    weight: 1,
    arbitrary: spreadsheet.map((text) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)),
  },
  { weight: 1, arbitrary: anyBytes() },
);
const someReadOptions: fc.Arbitrary<CsvReadOptions> = fc.record(
  {
    encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    limits: fc.record(
      {
        maxBytes: fc.integer({ min: 0, max: 4096 }),
        maxColumns: fc.integer({ min: 0, max: 12 }),
        maxRowChars: fc.integer({ min: 0, max: 400 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
/** Usually the defaults (what the mapping screen starts with). */
const readOptions = fc.oneof(
  { weight: 2, arbitrary: fc.constant<CsvReadOptions>({}) },
  { weight: 1, arbitrary: someReadOptions },
);

/** Column indices in and out of range, types and fixed values valid and not. */
const column = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 11, 1000) },
);
const typeSource = fc.oneof(
  fc.record({
    kind: fc.constant('column'),
    column,
    unknownType: fc.constantFrom('problem', 'custom'),
  }),
  fc.record({
    kind: fc.constant('fixed'),
    value: fc.constantFrom('Person', 'Organization', 'custom:Vessel', 'custom:', 'Nonsense'),
  }),
);
const entityRef = fc.record(
  {
    name: column,
    type: fc.oneof(
      typeSource,
      fc.record({
        kind: fc.constant('match'),
        fallback: fc.constantFrom('Person', 'custom:Unspecified', 'bad'),
      }),
    ),
    id: column,
  },
  { requiredKeys: ['name', 'type'] },
);
const valueSource = <T>(values: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.record({ kind: fc.constant('column'), column }),
    fc.record({ kind: fc.constant('fixed'), value: values }),
  );
const arbitraryMapping = fc.oneof(
  fc.record(
    {
      kind: fc.constant('entities'),
      name: column,
      type: typeSource,
      aliases: fc.record({ column, separator: fc.constantFrom('; ', ',', '') }),
      notes: column,
      attributes: fc.array(
        fc.record({ column, key: fc.constantFrom('role', 'role', '', '__proto__', 'x') }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['kind', 'name', 'type', 'attributes'] },
  ),
  fc.record(
    {
      kind: fc.constant('claims'),
      subject: entityRef,
      predicate: valueSource(fc.constantFrom('paid', '', ' ')),
      object: fc.oneof(
        entityRef.map((ref) => ({ kind: 'entity', ...ref })),
        fc.record({ kind: fc.constant('literal'), column }),
        entityRef.chain((ref) => column.map((id) => ({ ...ref, kind: 'entityOrLiteral', id }))),
      ),
      validFrom: column,
      validTo: column,
      credibility: valueSource(fc.integer({ min: 0, max: 7 })),
      status: valueSource(fc.constantFrom('asserted', 'refuted', 'maybe')),
      attributedTo: column,
      note: column,
      evidence: column,
      id: column,
      relations: column,
    },
    { requiredKeys: ['kind', 'subject', 'predicate', 'object', 'credibility', 'status'] },
  ),
) as unknown as fc.Arbitrary<CsvMapping>;

describe('fuzz: CSV import', () => {
  test('sniffCsv: any bytes, encoding, delimiter and caps give ok or a csv.* error', () => {
    fc.assert(
      fc.property(csvBytes, readOptions, (bytes, options) => {
        const sniff = expectOkOrTyped(sniffCsv(bytes, options), CSV_ERRORS);
        if (sniff.ok) {
          const maxColumns = options.limits?.maxColumns;
          if (maxColumns !== undefined) {
            expect(sniff.value.columns.length).toBeLessThanOrEqual(maxColumns);
          }
        }
      }),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('mapCsv with the suggested mapping gives importable records or a csv.* error', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvBytes,
        readOptions,
        fc.integer({ min: 0, max: 3 }),
        async (bytes, options, flip) => {
          const sniff = sniffCsv(bytes, options);
          const columns = sniff.ok ? sniff.value.columns : [];
          // The kind the header suggests, and now and then the other one.
          const claims = columns.some((c) => c.name === 'subject') !== (flip === 0);
          const { mapping } = suggestMapping(columns, claims ? 'claims' : 'entities');
          const mapped = expectOkOrTyped(
            await mapCsv(bytes, mapping, target(), options),
            CSV_ERRORS,
          );
          if (mapped.ok) {
            expect(mapped.value.records.case).toEqual(CASE);
            expectImportableRecords(mapped.value.records);
          }
        },
      ),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('mapCsv with an arbitrary mapping gives importable records or a csv.* error', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, arbitraryMapping, async (bytes, mapping) => {
        const mapped = expectOkOrTyped(await mapCsv(bytes, mapping, target()), CSV_ERRORS);
        if (mapped.ok) expectImportableRecords(mapped.value.records);
      }),
      fuzzParameters({ weight: 2 }),
    );
  });
});
