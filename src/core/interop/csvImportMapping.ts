/**
 * The column-mapping step of the CSV import: a default mapping from the header's names (our own
 * exports' columns map exactly, so they re-import in one click), and the check of a mapping
 * against the header before any row is read.
 */
import { err, ok, type Result } from '../../shared/result';
import { validatePredicate } from '../model/claim';
import { parseEntityType } from '../model/entity';
import { CLAIM_STATUSES, INFORMATION_CREDIBILITY, type EntityType } from '../model/records';
import { CLAIM_COLUMNS, ENTITY_COLUMNS } from './csv';
import {
  CSV_ERROR_CODES,
  type ClaimsCsvMapping,
  type CsvColumn,
  type CsvEntityRef,
  type CsvImportKind,
  type CsvMapping,
  type CsvMappingSuggestion,
  type CsvValueSource,
  type EntitiesCsvMapping,
} from './csvImportTypes';
import { ALIAS_SEPARATOR, ATTRIBUTE_PREFIX } from './graphModel';

/** Entity type given to a claim end created from a file that names no type (editable in the mapping). */
export const UNTYPED_ENTITY_FALLBACK: EntityType = 'custom:Unspecified';
/** Credibility and status of imported claims when the file has no such column. */
export const DEFAULT_IMPORT_CREDIBILITY = 6;
export const DEFAULT_IMPORT_STATUS = 'asserted';

/** A header name as compared: lower case, `_`/`-` read as spaces, white space collapsed. */
function headerKey(name: string): string {
  return name.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The unique labels of a header's columns (`Column 3` when empty, `name (2)` when repeated). */
export function csvColumns(header: readonly string[]): CsvColumn[] {
  const seen = new Map<string, number>();
  return header.map((cell, index) => {
    const name = cell.trim();
    const base = name === '' ? `Column ${index + 1}` : name;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { index, name, label: count === 1 ? base : `${base} (${count})` };
  });
}

/** Finds the first column whose name is one of `names` (compared by headerKey), else -1. */
function finder(columns: readonly CsvColumn[], used: Set<number>) {
  return (...names: string[]): number => {
    const keys = new Set(names.map(headerKey));
    const column = columns.find((c) => keys.has(headerKey(c.name)));
    if (column === undefined) return -1;
    used.add(column.index);
    return column.index;
  };
}

function isOwnHeader(columns: readonly CsvColumn[], expected: readonly string[]): boolean {
  return expected.every((name, i) => columns[i]?.name === name);
}

/** Columns no entity should get as an attribute: record ids and timestamps of other tools. */
const NOT_ATTRIBUTES = new Set(
  ['id', 'created', 'updated', 'created at', 'updated at', 'createdat', 'updatedat'].map(headerKey),
);

function suggestEntities(columns: readonly CsvColumn[]): CsvMappingSuggestion {
  const used = new Set<number>();
  const find = finder(columns, used);
  const name = find('name', 'entity', 'entity name', 'label', 'title', 'value');
  const type = find('type', 'entity type', 'kind', 'category', 'schema');
  const aliases = find('aliases', 'alias', 'aka', 'also known as');
  const notes = find('notes', 'note', 'description', 'comment');
  const ownExport = isOwnHeader(columns, ENTITY_COLUMNS);
  const keys = new Set<string>();
  const attributes: { column: number; key: string }[] = [];
  for (const column of columns) {
    if (used.has(column.index) || NOT_ATTRIBUTES.has(headerKey(column.name))) continue;
    const key = column.name.startsWith(ATTRIBUTE_PREFIX)
      ? column.name.slice(ATTRIBUTE_PREFIX.length)
      : column.name;
    if (key === '' || keys.has(key)) continue;
    keys.add(key);
    attributes.push({ column: column.index, key });
  }
  const mapping: EntitiesCsvMapping = {
    kind: 'entities',
    name,
    // Without a type column the investigator picks one fixed type; -1 makes them choose.
    type: { kind: 'column', column: type, unknownType: 'problem' },
    ...(aliases >= 0 ? { aliases: { column: aliases, separator: ALIAS_SEPARATOR.trim() } } : {}),
    ...(notes >= 0 ? { notes } : {}),
    attributes,
  };
  return { mapping, ownExport };
}

function entityRef(
  find: (...names: string[]) => number,
  role: 'subject' | 'object',
  names: readonly string[],
): CsvEntityRef {
  const name = find(role, ...names);
  const type = find(`${role} type`);
  const id = find(`${role} id`);
  return {
    name,
    type:
      type >= 0
        ? { kind: 'column', column: type, unknownType: 'problem' }
        : { kind: 'match', fallback: UNTYPED_ENTITY_FALLBACK },
    ...(id >= 0 ? { id } : {}),
  };
}

function valueSource<T>(column: number, fixed: T): CsvValueSource<T> {
  return column >= 0 ? { kind: 'column', column } : { kind: 'fixed', value: fixed };
}

function optional<K extends string>(key: K, column: number): Partial<Record<K, number>> {
  return column >= 0 ? ({ [key]: column } as Record<K, number>) : {};
}

function suggestClaims(columns: readonly CsvColumn[]): CsvMappingSuggestion {
  const find = finder(columns, new Set());
  const subject = entityRef(find, 'subject', ['from', 'source entity', 'source']);
  const objectRef = entityRef(find, 'object', ['to', 'target entity', 'target']);
  const { id: objectId, ...objectByName } = objectRef;
  const mapping: ClaimsCsvMapping = {
    kind: 'claims',
    subject,
    predicate: { kind: 'column', column: find('predicate', 'relation', 'relationship', 'verb') },
    object:
      objectId !== undefined
        ? { kind: 'entityOrLiteral', id: objectId, ...objectByName }
        : { kind: 'entity', ...objectByName },
    ...optional('validFrom', find('valid from', 'from date', 'start', 'start date')),
    ...optional('validTo', find('valid to', 'to date', 'end', 'end date')),
    credibility: valueSource(find('credibility'), DEFAULT_IMPORT_CREDIBILITY),
    status: valueSource(find('status'), DEFAULT_IMPORT_STATUS),
    ...optional('attributedTo', find('attributed to', 'attribution', 'according to')),
    ...optional('note', find('note', 'notes', 'comment', 'description')),
    ...optional('evidence', find('evidence', 'citations')),
    ...optional('id', find('id', 'claim id')),
    ...optional('relations', find('relations')),
  };
  return { mapping, ownExport: isOwnHeader(columns, CLAIM_COLUMNS) };
}

/** A default mapping from the column names. Unmatched required columns are -1. */
export function suggestMapping(
  columns: readonly CsvColumn[],
  kind: CsvImportKind,
): CsvMappingSuggestion {
  return kind === 'entities' ? suggestEntities(columns) : suggestClaims(columns);
}

// ---------------------------------------------------------------------------------------------
// Checking a mapping

function invalid(message: string): Result<never> {
  return err(CSV_ERROR_CODES.mappingInvalid, message);
}

function checkColumn(
  column: number | undefined,
  columns: readonly CsvColumn[],
  what: string,
): Result<void> {
  if (column === undefined) return ok(undefined);
  if (column === -1) return invalid(`Choose the column for the ${what}.`);
  if (!Number.isInteger(column) || column < 0 || column >= columns.length) {
    return invalid(
      `The ${what} is mapped to column ${column + 1}, but the file has ${columns.length} column(s).`,
    );
  }
  return ok(undefined);
}

function checkType(
  source: CsvEntityRef['type'],
  columns: readonly CsvColumn[],
  what: string,
): Result<void> {
  if (source.kind === 'column') return checkColumn(source.column, columns, `${what} type`);
  const type = parseEntityType(source.kind === 'fixed' ? source.value : source.fallback);
  return type.ok ? ok(undefined) : invalid(`The ${what} type: ${type.error.message}`);
}

function checkRef(ref: CsvEntityRef, columns: readonly CsvColumn[], what: string): Result<void> {
  const checks = [
    checkColumn(ref.name, columns, what),
    checkType(ref.type, columns, what),
    checkColumn(ref.id, columns, `${what} id`),
  ];
  return checks.find((c) => !c.ok) ?? ok(undefined);
}

function checkEntities(mapping: EntitiesCsvMapping, columns: readonly CsvColumn[]): Result<void> {
  const checks: Result<void>[] = [
    checkColumn(mapping.name, columns, 'entity name'),
    checkType(mapping.type, columns, 'entity'),
    checkColumn(mapping.aliases?.column, columns, 'aliases'),
    checkColumn(mapping.notes, columns, 'notes'),
  ];
  if (mapping.aliases !== undefined && mapping.aliases.separator.trim() === '') {
    checks.push(invalid('The alias separator cannot be empty or only spaces.'));
  }
  const keys = new Set<string>();
  for (const attribute of mapping.attributes) {
    const key = attribute.key.trim();
    checks.push(checkColumn(attribute.column, columns, `attribute "${key}"`));
    if (key === '' || key.length > 100 || key === '__proto__') {
      checks.push(invalid(`Attribute name "${key.slice(0, 40)}" must be 1–100 characters.`));
    } else if (keys.has(key)) {
      checks.push(invalid(`Two columns are mapped to the attribute "${key}".`));
    }
    keys.add(key);
  }
  return checks.find((c) => !c.ok) ?? ok(undefined);
}

function checkValue<T>(
  source: CsvValueSource<T>,
  columns: readonly CsvColumn[],
  what: string,
  valid: (value: T) => boolean,
): Result<void> {
  if (source.kind === 'column') return checkColumn(source.column, columns, what);
  return valid(source.value) ? ok(undefined) : invalid(`The fixed ${what} is not valid.`);
}

function checkClaims(mapping: ClaimsCsvMapping, columns: readonly CsvColumn[]): Result<void> {
  const object = mapping.object;
  const checks: Result<void>[] = [
    checkRef(mapping.subject, columns, 'subject'),
    checkValue(mapping.predicate, columns, 'predicate', (p) => validatePredicate(p).ok),
    object.kind === 'literal'
      ? checkColumn(object.column, columns, 'object')
      : checkRef(object, columns, 'object'),
    checkColumn(mapping.validFrom, columns, 'valid from date'),
    checkColumn(mapping.validTo, columns, 'valid to date'),
    checkValue(mapping.credibility, columns, 'credibility', (c) =>
      (INFORMATION_CREDIBILITY as readonly unknown[]).includes(c),
    ),
    checkValue(mapping.status, columns, 'status', (s) =>
      (CLAIM_STATUSES as readonly unknown[]).includes(s),
    ),
    checkColumn(mapping.attributedTo, columns, 'attributed-to'),
    checkColumn(mapping.note, columns, 'note'),
    checkColumn(mapping.evidence, columns, 'evidence'),
    checkColumn(mapping.id, columns, 'claim id'),
    checkColumn(mapping.relations, columns, 'relations'),
  ];
  if (mapping.relations !== undefined && mapping.id === undefined) {
    checks.push(invalid('Relations point at claims by id: map the claim id column too.'));
  }
  return checks.find((c) => !c.ok) ?? ok(undefined);
}

/** Every column index within the header, every required field chosen, fixed values valid. */
export function validateCsvMapping(
  mapping: CsvMapping,
  columns: readonly CsvColumn[],
): Result<void> {
  return mapping.kind === 'entities'
    ? checkEntities(mapping, columns)
    : checkClaims(mapping, columns);
}
