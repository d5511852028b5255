/**
 * Reading CSV bytes for the import: the encoding check and an RFC 4180 reader that takes decoded
 * text in chunks. A state machine of our own rather than papaparse: we decode the bytes ourselves
 * (fatal UTF-8 with the byte offset of the first bad byte, or windows-1252 by choice) and feed
 * the text chunk by chunk, and we need exact spreadsheet row numbers across quoted newlines, a
 * per-row size cap and an unclosed quote at the end reported as such; papaparse streams only
 * from its own File/stream readers and parses a string input in one go.
 */
import { err, ok, type Result } from '../../shared/result';
import { defuseCell } from './csv';
import {
  CSV_ERROR_CODES,
  MAX_CSV_COLUMNS,
  MAX_CSV_IMPORT_BYTES,
  MAX_CSV_ROW_CHARS,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvLimits,
} from './csvImportTypes';

export function csvLimits(limits: Partial<CsvLimits> | undefined): CsvLimits {
  return {
    maxBytes: limits?.maxBytes ?? MAX_CSV_IMPORT_BYTES,
    maxColumns: limits?.maxColumns ?? MAX_CSV_COLUMNS,
    maxRowChars: limits?.maxRowChars ?? MAX_CSV_ROW_CHARS,
  };
}

/**
 * A cell as imported. Our export puts an apostrophe before a cell a spreadsheet would read as a
 * formula (defuseCell); that apostrophe is removed so a round trip is exact. Any other cell,
 * formula-looking or not, is kept as written: it is stored as text and never evaluated.
 */
export function importedCell(cell: string): string {
  if (!cell.startsWith("'")) return cell;
  const rest = cell.slice(1);
  // Also past further apostrophes, so an exporter that defuses `'=x` as `''=x` reads back.
  const core = rest.replace(/^'+/, '');
  return defuseCell(core) !== core ? rest : cell;
}

// ---------------------------------------------------------------------------------------------
// Encoding

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), 0 when there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

interface Utf8Scan {
  /** Offset of the first byte that is not well-formed UTF-8. */
  readonly firstInvalid?: number;
  /** Offset of the first well-formed multi-byte sequence (non-ASCII UTF-8 text). */
  readonly firstMultiByte?: number;
}

function scanUtf8(bytes: Uint8Array, from: number): Utf8Scan {
  let firstInvalid: number | undefined;
  let firstMultiByte: number | undefined;
  let i = from;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      firstInvalid ??= i;
      i += 1;
    } else {
      firstMultiByte ??= i;
      i += length;
    }
    if (firstInvalid !== undefined && firstMultiByte !== undefined) break;
  }
  return {
    ...(firstInvalid !== undefined ? { firstInvalid } : {}),
    ...(firstMultiByte !== undefined ? { firstMultiByte } : {}),
  };
}

/** Why the file is not CSV text, judged from its first 64 KiB: NUL bytes never occur in CSV. */
function notText(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'The file is UTF-16 text ("Unicode text" in Excel): save it as "CSV UTF-8" and import that.';
  }
  const nul = bytes.subarray(0, 64 * 1024).indexOf(0);
  if (nul < 0) return undefined;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return zip
    ? 'The file is a ZIP archive (an Excel or LibreOffice workbook?), not CSV: save the sheet as "CSV UTF-8" and import that.'
    : `The file is not text: byte ${nul.toLocaleString('en')} is a NUL byte. Choose a CSV file.`;
}

/** How the bytes are decoded: where the text starts (after a BOM) and with which encoding. */
export interface CsvDecoding {
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  readonly start: number;
}

/**
 * The cap, emptiness and encoding checks, before any parsing. UTF-8 is checked whole (so a bad
 * byte near the end is found before anything is imported). Choosing windows-1252 for a file that
 * holds UTF-8 sequences is refused: that would garble them silently.
 */
export function checkCsvBytes(
  bytes: Uint8Array,
  encoding: CsvEncoding,
  limits: CsvLimits,
  delimiter: CsvDelimiter | undefined,
): Result<CsvDecoding> {
  if (bytes.byteLength > limits.maxBytes) {
    return err(
      CSV_ERROR_CODES.tooLarge,
      `The file is ${bytes.byteLength.toLocaleString('en')} bytes; a CSV import takes at most ${limits.maxBytes.toLocaleString('en')}.`,
    );
  }
  const bom = hasUtf8Bom(bytes);
  const start = bom && encoding === 'utf-8' ? UTF8_BOM.length : 0;
  if (bytes.byteLength - start === 0) return err(CSV_ERROR_CODES.empty, 'The file is empty.');
  const binary = notText(bytes);
  if (binary !== undefined) return err(CSV_ERROR_CODES.notText, binary);
  const scan = scanUtf8(bytes, start);
  const where = (offset: number): string =>
    `byte ${offset.toLocaleString('en')} (row ${rowAtOffset(bytes, start, offset, delimiter)})`;
  if (encoding === 'utf-8' && scan.firstInvalid !== undefined) {
    if (scan.firstMultiByte !== undefined || bom) {
      return err(
        CSV_ERROR_CODES.mixedEncoding,
        `The file mixes encodings: ${where(scan.firstInvalid)} is not UTF-8, but ${bom ? 'it starts with a UTF-8 byte-order mark' : `${where(scan.firstMultiByte!)} starts UTF-8 text`}. Re-save it in one encoding (UTF-8) and import it again.`,
      );
    }
    return err(
      CSV_ERROR_CODES.notUtf8,
      `The file is not UTF-8: ${where(scan.firstInvalid)} is not valid UTF-8. If it was saved as Windows-1252 (Western European, older Excel), choose that encoding.`,
    );
  }
  if (encoding === 'windows-1252' && scan.firstMultiByte !== undefined) {
    return err(
      CSV_ERROR_CODES.mixedEncoding,
      scan.firstInvalid === undefined
        ? `The file is UTF-8 (${where(scan.firstMultiByte)} is UTF-8 text): read it as UTF-8, not Windows-1252.`
        : `The file mixes encodings: ${where(scan.firstMultiByte)} is UTF-8 text, but ${where(scan.firstInvalid)} is not. Re-save it in one encoding (UTF-8) and import it again.`,
    );
  }
  return ok({ encoding, bom, start });
}

/** Spreadsheet row (header = 1) of a byte: the rows the reader completes before it, plus one. */
function rowAtOffset(
  bytes: Uint8Array,
  start: number,
  offset: number,
  delimiter: CsvDelimiter | undefined,
): number {
  // Bytes before the first bad one are valid; windows-1252 reads every byte, and ASCII (quotes,
  // delimiters, line breaks) is the same in both, so the row count is right either way.
  const text = new TextDecoder('windows-1252').decode(bytes.subarray(start, offset));
  const reader = new CsvReader(delimiter ?? ',', Number.MAX_SAFE_INTEGER, () => undefined);
  reader.push(text);
  return reader.currentRow;
}

export interface ChunkDecoder {
  decode(input?: Uint8Array, options?: { readonly stream?: boolean }): string;
}

/** A streaming decoder for the chosen encoding (fatal UTF-8: the bytes were checked already). */
export function csvDecoder(encoding: CsvEncoding): ChunkDecoder {
  return encoding === 'utf-8'
    ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
    : new TextDecoder('windows-1252');
}

// ---------------------------------------------------------------------------------------------
// RFC 4180 reader

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Reader states: at the start of a cell, inside an unquoted or a quoted one, after a quote in one. */
const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const;
type State = (typeof State)[keyof typeof State];

export type CsvReaderEvent =
  | { readonly kind: 'row'; readonly row: number; readonly cells: string[] }
  /** The file ended inside a quoted cell that opened in `row`. */
  | { readonly kind: 'unclosedQuote'; readonly row: number };

/**
 * RFC 4180 with the usual leniencies: CRLF, LF or CR line ends; a quote inside an unquoted cell
 * is literal; text after a closing quote is appended. Blank lines produce no row but count in
 * the row numbers (a spreadsheet shows them as rows). Emits each row as soon as it ends.
 */
export class CsvReader {
  private readonly delimiter: number;
  private state: State = State.FieldStart;
  private field = '';
  private cells: string[] = [];
  private rowChars = 0;
  private row = 1;
  private skipLf = false;
  private failed: Result<never> | undefined;

  constructor(
    delimiter: CsvDelimiter,
    private readonly maxRowChars: number,
    private readonly emit: (event: CsvReaderEvent) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Spreadsheet number of the row being read. */
  get currentRow(): number {
    return this.row;
  }

  /** Reads the next piece of text; an error (row too long) stops the reader for good. */
  push(text: string): Result<void> {
    if (this.failed) return this.failed;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i += 1;
          continue;
        }
      }
      const start = i;
      switch (this.state) {
        case State.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            i += 1;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === this.delimiter || c === CR || c === LF) break;
            j += 1;
          }
          this.field += text.slice(i, j);
          i = j;
          if (j < n) i = this.endCell(text.charCodeAt(j), j);
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          const end = j < 0 ? n : j;
          this.field += text.slice(i, end);
          if (j >= 0) this.state = State.QuoteInQuoted;
          i = j < 0 ? n : j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i += 1;
          } else if (c === this.delimiter || c === CR || c === LF) {
            i = this.endCell(c, i);
          } else {
            this.state = State.Unquoted;
          }
          break;
        }
      }
      this.rowChars += i - start;
      if (this.rowChars > this.maxRowChars) {
        this.failed = err(
          CSV_ERROR_CODES.rowTooLong,
          `Row ${this.row} is longer than ${this.maxRowChars.toLocaleString('en')} characters: most likely a quote that is never closed.`,
        );
        return this.failed;
      }
    }
    return ok(undefined);
  }

  /** The end of the text: the last row (without a line break) or an unclosed quote. */
  finish(): Result<void> {
    if (this.failed) return this.failed;
    if (this.state === State.Quoted) {
      this.emit({ kind: 'unclosedQuote', row: this.row });
    } else if (this.state !== State.FieldStart || this.cells.length > 0) {
      this.cells.push(this.field);
      this.endRow();
    }
    this.state = State.FieldStart;
    return ok(undefined);
  }

  /** Ends the cell at the delimiter or line break `c` at `i`; returns where to go on. */
  private endCell(c: number, i: number): number {
    this.cells.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
    if (c !== this.delimiter) {
      this.endRow();
      this.skipLf = c === CR;
    }
    return i + 1;
  }

  private endRow(): void {
    const cells = this.cells;
    this.cells = [];
    this.rowChars = 0;
    const row = this.row;
    this.row += 1;
    if (cells.length === 1 && cells[0] === '') return;
    this.emit({ kind: 'row', row, cells });
  }
}

// ---------------------------------------------------------------------------------------------
// Delimiter

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The delimiter that splits the sample's rows most consistently into more than one cell: most
 * rows with the header's cell count, then most cells. A comma when nothing splits.
 */
export function guessDelimiter(sample: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: number; columns: number } = {
    delimiter: ',',
    score: 0,
    columns: 1,
  };
  for (const delimiter of DELIMITERS) {
    const counts: number[] = [];
    const reader = new CsvReader(delimiter, Number.MAX_SAFE_INTEGER, (event) => {
      if (event.kind === 'row' && counts.length < 50) counts.push(event.cells.length);
    });
    reader.push(sample);
    reader.finish();
    const columns = counts[0] ?? 1;
    if (columns < 2) continue;
    const score = counts.filter((count) => count === columns).length / counts.length;
    if (score > best.score || (score === best.score && columns > best.columns)) {
      best = { delimiter, score, columns };
    }
  }
  return best.delimiter;
}
