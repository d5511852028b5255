/**
 * CSV of entities and of claims for spreadsheets: RFC 4180 (CRLF, fields with a comma, quote, CR
 * or LF quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads it as UTF-8, and
 * formula-injection protection after OWASP: a cell that a spreadsheet would read as a formula
 * gets a leading apostrophe. Mapping: docs/interop.md.
 */
import { ok, type Result } from '../../shared/result';
import { byId, claimFacts, compareIds, fileStem, indexInput, objectLabel } from './claimFacts';
import { ALIAS_SEPARATOR, ATTRIBUTE_PREFIX } from './graphModel';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';

const BOM = '\uFEFF';
const CRLF = '\r\n';
const MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';
/** Between evidence citations and between source hashes in one cell. */
export const CITATION_SEPARATOR = ' | ';

/**
 * Cells a spreadsheet may evaluate: starting with = + - @ (or their full-width forms, which
 * some locales convert), tab or CR, also after leading spaces. Plain negative numbers are left
 * alone: they are data, and no formula can hide in one.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const PLAIN_NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;

/** The cell made inert: a leading apostrophe when it could start a formula. */
export function defuseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field. */
export function csvField(value: string): string {
  const cell = defuseCell(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csvText(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
}

function cellValue(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Our entities export's fixed columns (the CSV import recognises them). */
export const ENTITY_COLUMNS = [
  'id',
  'type',
  'name',
  'aliases',
  'notes',
  'created',
  'updated',
] as const;

/**
 * One row per entity; each attribute key used by any entity is a column of its own
 * (`attr:<key>`, sorted, after the fixed columns), empty where an entity lacks it.
 */
export function exportEntitiesCsv(input: CaseExportInput): Result<ExportFile> {
  const keys = [...new Set(input.entities.flatMap((e) => Object.keys(e.attributes)))].sort(
    compareIds,
  );
  const rows: string[][] = [[...ENTITY_COLUMNS, ...keys.map((k) => ATTRIBUTE_PREFIX + k)]];
  for (const entity of byId(input.entities)) {
    rows.push([
      entity.id,
      entity.type,
      entity.name,
      entity.aliases.join(ALIAS_SEPARATOR),
      entity.notes,
      entity.createdAt,
      entity.updatedAt,
      ...keys.map((k) =>
        cellValue(
          Object.prototype.hasOwnProperty.call(entity.attributes, k)
            ? entity.attributes[k]
            : undefined,
        ),
      ),
    ]);
  }
  return ok({
    fileName: `${fileStem(input.case.title)}-entities.csv`,
    mediaType: MEDIA_TYPE,
    text: csvText(rows),
    notices: [],
  });
}

/** Our claims export's columns (the CSV import recognises them). */
export const CLAIM_COLUMNS = [
  'id',
  'subject',
  'subject id',
  'predicate',
  'object',
  'object id',
  'valid from',
  'valid to',
  'grade',
  'credibility',
  'status',
  'single source',
  'analyst assertion',
  'attributed to',
  'note',
  'evidence',
  'source sha256',
  'relations',
  'created',
  'updated',
] as const;

/**
 * One row per claim. Evidence is cited as `Source title: “quote”` (marked when the passage no
 * longer anchors), citations joined by " | "; the sources' SHA-256s likewise, sorted.
 */
export function exportClaimsCsv(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const index = indexInput(input);
  const rows: string[][] = [[...CLAIM_COLUMNS]];
  for (const claim of byId(input.claims)) {
    const facts = claimFacts(claim, index, notices);
    const citations = facts.evidence.map((passage) => {
      const title = index.sources.get(passage.sourceId)?.title ?? passage.sourceId;
      const orphan = passage.orphaned ? ' (no longer found in the source)' : '';
      return `${title}: “${passage.quote.exact}”${orphan}`;
    });
    rows.push([
      claim.id,
      index.entities.get(claim.subjectId)?.name ?? claim.subjectId,
      claim.subjectId,
      claim.predicate,
      objectLabel(claim, index),
      claim.object.kind === 'entity' ? claim.object.entityId : '',
      cellValue(facts.validFrom),
      cellValue(facts.validTo),
      cellValue(facts.grade),
      cellValue(claim.credibility),
      claim.status,
      cellValue(facts.singleSource),
      cellValue(facts.analystAssertion),
      claim.attributedTo ?? '',
      claim.note,
      citations.join(CITATION_SEPARATOR),
      facts.sources.map((s) => s.sha256).join(CITATION_SEPARATOR),
      claim.relations.map((r) => `${r.kind} ${r.claimId}`).join(ALIAS_SEPARATOR),
      claim.createdAt,
      claim.updatedAt,
    ]);
  }
  return ok({
    fileName: `${fileStem(input.case.title)}-claims.csv`,
    mediaType: MEDIA_TYPE,
    text: csvText(rows),
    notices,
  });
}
