/**
 * CSV import (issue 10): entities or claims from a spreadsheet, in three steps the mapping screen
 * runs in a worker: sniffCsv (encoding, delimiter, header, preview, row count), suggestMapping,
 * mapCsv (every row through the mapping, streamed in chunks with progress). The records it
 * returns are committed through CaseTransfer.plan / commit: one transaction or nothing.
 * Types and caps: csvImportTypes.ts. Documented in docs/interop.md ("CSV import").
 */
import { err, ok, type Result } from '../../shared/result';
import {
  checkCsvBytes,
  csvDecoder,
  csvLimits,
  CsvReader,
  guessDelimiter,
  importedCell,
  type CsvDecoding,
  type CsvReaderEvent,
} from './csvImportParse';
import { csvColumns, validateCsvMapping } from './csvImportMapping';
import { CsvRowMapper } from './csvImportRows';
import {
  CSV_ERROR_CODES,
  CSV_PROGRESS_EVERY_ROWS,
  type CsvColumn,
  type CsvDelimiter,
  type CsvImportResult,
  type CsvImportTarget,
  type CsvLimits,
  type CsvMapOptions,
  type CsvMapping,
  type CsvPreviewRow,
  type CsvReadOptions,
  type CsvSniff,
  type CsvSniffOptions,
} from './csvImportTypes';

export { suggestMapping, validateCsvMapping } from './csvImportMapping';

/** Bytes the sniff reads for the preview, the delimiter guess and the row-count estimate. */
const SAMPLE_BYTES = 256 * 1024;
/** Bytes decoded and parsed between two yields to the event loop. */
export const CSV_CHUNK_BYTES = 1024 * 1024;
const DEFAULT_PREVIEW_ROWS = 20;

interface Opened {
  readonly decoding: CsvDecoding;
  readonly limits: CsvLimits;
  readonly delimiter: CsvDelimiter;
  readonly delimiterGuessed: boolean;
  /** The first SAMPLE_BYTES decoded, and whether that is the whole file. */
  readonly sample: string;
  readonly sampleIsWhole: boolean;
}

/** Cap, encoding and delimiter: everything before the rows. */
function openCsv(bytes: Uint8Array, options: CsvReadOptions): Result<Opened> {
  const limits = csvLimits(options.limits);
  const decoding = checkCsvBytes(bytes, options.encoding ?? 'utf-8', limits, options.delimiter);
  if (!decoding.ok) return decoding;
  const { start, encoding } = decoding.value;
  const end = Math.min(bytes.byteLength, start + SAMPLE_BYTES);
  const sampleIsWhole = end === bytes.byteLength;
  const sample = csvDecoder(encoding).decode(bytes.subarray(start, end), {
    stream: !sampleIsWhole,
  });
  return ok({
    decoding: decoding.value,
    limits,
    delimiter: options.delimiter ?? guessDelimiter(sample),
    delimiterGuessed: options.delimiter === undefined,
    sample,
    sampleIsWhole,
  });
}

/** The header's columns, or why it cannot be one. */
function headerColumns(cells: readonly string[], limits: CsvLimits): Result<CsvColumn[]> {
  if (cells.length > limits.maxColumns) {
    return err(
      CSV_ERROR_CODES.tooManyColumns,
      `The header has ${cells.length.toLocaleString('en')} columns; a CSV import takes at most ${limits.maxColumns.toLocaleString('en')}.`,
    );
  }
  return ok(csvColumns(cells.map(importedCell)));
}

function headerWarnings(columns: readonly CsvColumn[]): string[] {
  const warnings: string[] = [];
  const empty = columns.filter((c) => c.name === '').map((c) => c.label);
  if (empty.length > 0) warnings.push(`Columns without a name: ${empty.join(', ')}.`);
  const repeated = columns.filter((c) => c.name !== '' && c.label !== c.name).map((c) => c.label);
  if (repeated.length > 0) {
    warnings.push(
      `Repeated column names (told apart by number): ${repeated.join(', ')}. Check the mapping.`,
    );
  }
  return warnings;
}

/** Encoding, delimiter, header and the first rows, for the mapping screen. */
export function sniffCsv(bytes: Uint8Array, options: CsvSniffOptions = {}): Result<CsvSniff> {
  const opened = openCsv(bytes, options);
  if (!opened.ok) return opened;
  const { decoding, limits, delimiter, sample, sampleIsWhole } = opened.value;
  const previewRows = options.previewRows ?? DEFAULT_PREVIEW_ROWS;

  let header: string[] | undefined;
  const preview: CsvPreviewRow[] = [];
  let rows = 0;
  let unclosedQuoteRow: number | undefined;
  const reader = new CsvReader(delimiter, limits.maxRowChars, (event) => {
    if (event.kind === 'unclosedQuote') {
      unclosedQuoteRow = event.row;
      return;
    }
    rows += 1;
    if (header === undefined) header = event.cells;
    else if (preview.length < previewRows) {
      preview.push({ row: event.row, cells: event.cells.map(importedCell) });
    }
  });
  const read = reader.push(sample);
  if (!read.ok) return read;
  if (sampleIsWhole) {
    const finished = reader.finish();
    if (!finished.ok) return finished;
  }
  if (header === undefined && !sampleIsWhole) {
    return err(
      CSV_ERROR_CODES.rowTooLong,
      `The header row is longer than the ${SAMPLE_BYTES / 1024} KiB the preview reads: is this a CSV file with line breaks?`,
    );
  }
  if (header === undefined) {
    return unclosedQuoteRow === undefined
      ? err(CSV_ERROR_CODES.empty, 'The file has no header row: it holds only blank lines.')
      : err(
          CSV_ERROR_CODES.empty,
          `The file has no complete header row: the quoted cell opened in row ${unclosedQuoteRow} is never closed.`,
        );
  }
  const columns = headerColumns(header, limits);
  if (!columns.ok) return columns;

  const warnings = headerWarnings(columns.value);
  const ragged = preview.filter((r) => r.cells.length !== columns.value.length).map((r) => r.row);
  if (ragged.length > 0) {
    warnings.push(
      `Rows ${ragged.join(', ')} do not have ${columns.value.length} cells like the header; they will not be imported unless the extra cells are empty.`,
    );
  }
  if (unclosedQuoteRow !== undefined) {
    warnings.push(
      `The quoted cell opened in row ${unclosedQuoteRow} is never closed before the end of the file; that row will not be imported.`,
    );
  }
  const dataRows = rows - 1;
  if (sampleIsWhole && dataRows === 0 && unclosedQuoteRow === undefined) {
    warnings.push('The file has a header but no data rows: nothing to import.');
  }
  const sampledBytes = Math.min(SAMPLE_BYTES, bytes.byteLength - decoding.start);
  const rowCount = sampleIsWhole
    ? dataRows + (unclosedQuoteRow !== undefined ? 1 : 0)
    : Math.max(
        dataRows,
        Math.round((rows * (bytes.byteLength - decoding.start)) / sampledBytes) - 1,
      );
  return ok({
    encoding: decoding.encoding,
    bom: decoding.bom,
    delimiter,
    delimiterGuessed: opened.value.delimiterGuessed,
    columns: columns.value,
    preview,
    rowCount,
    rowCountExact: sampleIsWhole,
    warnings,
  });
}

/** Lets a worker take messages (an abort) between chunks; core has no timer types of its own. */
function yieldToEventLoop(): Promise<void> {
  const timers = globalThis as unknown as {
    readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  };
  return new Promise((resolve) => {
    if (timers.setTimeout) timers.setTimeout(resolve, 0);
    else resolve();
  });
}

function aborted(): Result<never> {
  return err(CSV_ERROR_CODES.aborted, 'The import was cancelled; nothing was imported.');
}

/**
 * Every row through the mapping. Rows are read in chunks of CSV_CHUNK_BYTES and mapped as they end
 * (only the records built are kept), yielding to the event loop between chunks. Errors of the
 * file as a whole (cap, encoding, header, mapping, a runaway row) return an error and no records;
 * problems of single rows leave those rows out and are listed in the report.
 */
export async function mapCsv(
  bytes: Uint8Array,
  mapping: CsvMapping,
  target: CsvImportTarget,
  options: CsvMapOptions = {},
): Promise<Result<CsvImportResult>> {
  const opened = openCsv(bytes, options);
  if (!opened.ok) return opened;
  const { decoding, limits, delimiter } = opened.value;
  const { onProgress, signal } = options;
  const totalBytes = bytes.byteLength;
  let position = decoding.start;
  let mapper: CsvRowMapper | undefined;
  let fatal: Result<never> | undefined;

  const onEvent = (event: CsvReaderEvent): void => {
    if (fatal !== undefined) return;
    if (mapper === undefined) {
      if (event.kind === 'unclosedQuote') {
        fatal = err(
          CSV_ERROR_CODES.empty,
          `The file has no complete header row: the quoted cell opened in row ${event.row} is never closed.`,
        );
        return;
      }
      const columns = headerColumns(event.cells, limits);
      if (!columns.ok) {
        fatal = columns;
        return;
      }
      const valid = validateCsvMapping(mapping, columns.value);
      if (!valid.ok) {
        fatal = valid;
        return;
      }
      mapper = new CsvRowMapper(mapping, columns.value, target);
      return;
    }
    if (event.kind === 'unclosedQuote') mapper.addUnclosedQuote(event.row);
    else mapper.addRow(event.row, event.cells);
    if (mapper.rowCount % CSV_PROGRESS_EVERY_ROWS === 0) {
      onProgress?.({ rowsRead: mapper.rowCount, bytesRead: position, totalBytes });
    }
  };

  const reader = new CsvReader(delimiter, limits.maxRowChars, onEvent);
  const decoder = csvDecoder(decoding.encoding);
  while (position < totalBytes) {
    if (signal?.aborted) return aborted();
    const end = Math.min(totalBytes, position + CSV_CHUNK_BYTES);
    const text = decoder.decode(bytes.subarray(position, end), { stream: end < totalBytes });
    position = end;
    const read = reader.push(text);
    if (!read.ok) return read;
    if (fatal !== undefined) return fatal;
    if (end < totalBytes) await yieldToEventLoop();
  }
  const finished = reader.finish();
  if (!finished.ok) return finished;
  if (fatal !== undefined) return fatal;
  if (signal?.aborted) return aborted();
  if (mapper === undefined) {
    return err(CSV_ERROR_CODES.empty, 'The file has no header row: it holds only blank lines.');
  }
  onProgress?.({ rowsRead: mapper.rowCount, bytesRead: totalBytes, totalBytes });
  return ok(mapper.finish());
}
