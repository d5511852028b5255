/**
 * CSV import (issue 10): the contract between the pure importer (csvImport*.ts, run in a worker)
 * and the mapping screen. Three steps: `sniffCsv` (encoding, delimiter, header, preview),
 * `suggestMapping` (a default mapping from the column names), `mapCsv` (every row through the
 * mapping into records for CaseTransfer.plan / commit). Column references are 0-based indexes
 * into the header, never names: header names may repeat or be empty.
 */
import type { Result } from '../../shared/result';
import type { CaseJson } from '../bundle/bundle';
import type {
  Case,
  ClaimStatus,
  Entity,
  EntityType,
  InformationCredibility,
  IsoTimestamp,
} from '../model/records';

/** Largest file accepted, checked on byteLength before any work. */
export const MAX_CSV_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Most columns a header (or any row) may have. */
export const MAX_CSV_COLUMNS = 1000;
/** Longest single row in characters: past it the file is refused (usually an unclosed quote). */
export const MAX_CSV_ROW_CHARS = 1_000_000;
/** Problems listed one by one in a report; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;
/** Rows between two progress callbacks. */
export const CSV_PROGRESS_EVERY_ROWS = 5000;

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';
export type CsvImportKind = 'entities' | 'claims';

/**
 * Error codes the mapping screen acts on (every error also has a message naming the byte offset,
 * row or column). `csv.encoding.notUtf8`: offer `windows-1252` as an explicit choice.
 * `csv.encoding.mixed`: no choice fixes it (part UTF-8, part something else): the file must be
 * re-saved in one encoding.
 */
export const CSV_ERROR_CODES = {
  tooLarge: 'csv.tooLarge',
  empty: 'csv.empty',
  /** Not text: NUL bytes (a spreadsheet workbook, UTF-16 text, a binary file). */
  notText: 'csv.notText',
  notUtf8: 'csv.encoding.notUtf8',
  mixedEncoding: 'csv.encoding.mixed',
  tooManyColumns: 'csv.tooManyColumns',
  rowTooLong: 'csv.rowTooLong',
  mappingInvalid: 'csv.mapping.invalid',
  aborted: 'csv.aborted',
} as const;

/** Caps, lowered in tests. */
export interface CsvLimits {
  readonly maxBytes: number;
  readonly maxColumns: number;
  readonly maxRowChars: number;
}

export interface CsvReadOptions {
  /** Default `utf-8`; `windows-1252` only when the investigator chooses it. */
  readonly encoding?: CsvEncoding;
  /** Default: guessed from the first rows. */
  readonly delimiter?: CsvDelimiter;
  readonly limits?: Partial<CsvLimits>;
}

export interface CsvSniffOptions extends CsvReadOptions {
  /** Data rows in the preview (default 20). */
  readonly previewRows?: number;
}

export interface CsvColumn {
  /** 0-based position in the header. */
  readonly index: number;
  /** The header cell as written (trimmed). */
  readonly name: string;
  /** Unique label for the mapping screen: `Column 3` for an empty name, `name (2)` for a repeat. */
  readonly label: string;
}

/** One data row of the preview, cells as they will be imported (our export's `'` removed). */
export interface CsvPreviewRow {
  /** Spreadsheet row number: the header is row 1. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface CsvSniff {
  readonly encoding: CsvEncoding;
  /** A UTF-8 byte-order mark was present (and stripped). */
  readonly bom: boolean;
  readonly delimiter: CsvDelimiter;
  /** False when the caller fixed the delimiter. */
  readonly delimiterGuessed: boolean;
  /** The first row, always read as the header. */
  readonly columns: readonly CsvColumn[];
  readonly preview: readonly CsvPreviewRow[];
  /** Data rows (header excluded): exact when `rowCountExact`, else estimated from the sample. */
  readonly rowCount: number;
  readonly rowCountExact: boolean;
  /** Duplicate or empty header names, ragged preview rows, no data rows. */
  readonly warnings: readonly string[];
}

/** Where a value comes from: a column (0-based index) or one value for every row. */
export type CsvValueSource<T> =
  | { readonly kind: 'column'; readonly column: number }
  | { readonly kind: 'fixed'; readonly value: T };

/**
 * An entity type from a column or fixed. A column's cell is a built-in type (any letter case),
 * `custom:<name>`, or else: `unknownType: 'problem'` (the row is not imported) or `'custom'`
 * (the cell becomes `custom:<cell>`).
 */
export type CsvEntityTypeSource =
  | {
      readonly kind: 'column';
      readonly column: number;
      readonly unknownType: 'problem' | 'custom';
    }
  | { readonly kind: 'fixed'; readonly value: EntityType };

export interface EntitiesCsvMapping {
  readonly kind: 'entities';
  readonly name: number;
  readonly type: CsvEntityTypeSource;
  /** A column holding several aliases, split on `separator` (our export: `; `). */
  readonly aliases?: { readonly column: number; readonly separator: string };
  readonly notes?: number;
  /** Columns that become attributes (empty cells add nothing). Keys must be distinct. */
  readonly attributes: readonly { readonly column: number; readonly key: string }[];
}

/**
 * How a claim's subject or object entity is found. `id`: a column of entity ids: an id of an
 * entity already in the case is used as is. Otherwise the name is matched, by type + normalised
 * name (comparableName), among the case's entities and those created earlier in the same file;
 * no match creates the entity. Type `match` (for files without types, like our claims export):
 * the one entity of any type with that name; none: created with type `fallback`; several: a
 * problem (map a type column instead).
 */
export interface CsvEntityRef {
  readonly name: number;
  readonly type: CsvEntityTypeSource | { readonly kind: 'match'; readonly fallback: EntityType };
  readonly id?: number;
}

/**
 * The claim's object. `entityOrLiteral` (our claims export): an entity when the `id` column's
 * cell is filled, else the name column's cell as a literal value.
 */
export type CsvClaimObject =
  | ({ readonly kind: 'entity' } & CsvEntityRef)
  | { readonly kind: 'literal'; readonly column: number }
  | ({ readonly kind: 'entityOrLiteral'; readonly id: number } & Omit<CsvEntityRef, 'id'>);

export interface ClaimsCsvMapping {
  readonly kind: 'claims';
  readonly subject: CsvEntityRef;
  readonly predicate: CsvValueSource<string>;
  readonly object: CsvClaimObject;
  /** ISO dates (YYYY, YYYY-MM, YYYY-MM-DD; a date-time keeps its date). Equal ends: one date. */
  readonly validFrom?: number;
  readonly validTo?: number;
  /** Cells 1–6. */
  readonly credibility: CsvValueSource<InformationCredibility>;
  /** Cells asserted, corroborated, disputed, refuted (any letter case). */
  readonly status: CsvValueSource<ClaimStatus>;
  readonly attributedTo?: number;
  readonly note?: number;
  /**
   * Evidence citations (our claims export's `evidence` column): not passages (their sources are
   * not in a CSV), so they are kept in the claim's note, after a line `Evidence cited in the
   * imported CSV:`. Imported claims have no evidence passages: they are analyst assertions.
   */
  readonly evidence?: number;
  /** The file's own claim ids (our export's `id`), so `relations` can point at rows of the file. */
  readonly id?: number;
  /** `supports <id>` / `contradicts <id>` joined by `; `, ids from the `id` column. */
  readonly relations?: number;
}

export type CsvMapping = EntitiesCsvMapping | ClaimsCsvMapping;

export interface CsvImportTarget {
  /** The case the records go into (returned unchanged as CaseJson.case). */
  readonly caseRecord: Case;
  /** The case's live entities (merged ones are ignored), for matching claim ends and duplicates. */
  readonly existingEntities: readonly Entity[];
  /** createdAt / updatedAt of every new record. */
  readonly now: IsoTimestamp;
  /** A fresh UUID per call (core has no random source). */
  readonly newId: () => string;
}

export interface CsvImportProgress {
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface CsvImportProblem {
  /** Spreadsheet row number (header = row 1); 0 for a problem of the file as a whole. */
  readonly row: number;
  /** The column's label (CsvColumn.label), when one cell is at fault. */
  readonly column?: string;
  readonly message: string;
}

export interface CsvImportReport {
  /** Data rows read (header and blank lines excluded). */
  readonly rowsRead: number;
  /** New records. */
  readonly imported: { readonly entities: number; readonly claims: number };
  /**
   * Entity rows, or claim ends, that matched an entity already in the case (left unchanged) or
   * one created earlier in the same file.
   */
  readonly reusedEntities: number;
  /** Rows not imported (each has at least one problem). */
  readonly rowsSkipped: number;
  /** The first MAX_LISTED_PROBLEMS problems, in row order. */
  readonly problems: readonly CsvImportProblem[];
  /** All problems, listed or not. */
  readonly problemCount: number;
}

export interface CsvImportResult {
  /**
   * The target case, the new entities and claims, and the existing entities the new claims
   * point at (unchanged, so the records refer only to records inside them: a merge plan counts
   * those as identical). Every other list is empty. Satisfies caseJsonSchema.
   */
  readonly records: CaseJson;
  readonly report: CsvImportReport;
}

export interface CsvMapOptions extends CsvReadOptions {
  /** Called every CSV_PROGRESS_EVERY_ROWS rows and once at the end. */
  readonly onProgress?: (progress: CsvImportProgress) => void;
  /** Aborting stops between chunks with `csv.aborted` (nothing returned). */
  readonly signal?: AbortSignal;
}

/**
 * A default mapping. Required columns it could not find are -1 (`validateCsvMapping` names
 * them); `ownExport` is true when the header is exactly our own entities or claims export.
 */
export interface CsvMappingSuggestion {
  readonly mapping: CsvMapping;
  readonly ownExport: boolean;
}

/** The functions of csvImport.ts, as the worker calls them. */
export type SniffCsv = (bytes: Uint8Array, options?: CsvSniffOptions) => Result<CsvSniff>;
export type SuggestCsvMapping = (
  columns: readonly CsvColumn[],
  kind: CsvImportKind,
) => CsvMappingSuggestion;
/** Checks every column index against the header and the required fields (code csv.mapping.invalid). */
export type ValidateCsvMapping = (
  mapping: CsvMapping,
  columns: readonly CsvColumn[],
) => Result<void>;
export type MapCsv = (
  bytes: Uint8Array,
  mapping: CsvMapping,
  target: CsvImportTarget,
  options?: CsvMapOptions,
) => Promise<Result<CsvImportResult>>;
