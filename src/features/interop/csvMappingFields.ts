import {
  CLAIM_STATUSES,
  ENTITY_TYPES,
  INFORMATION_CREDIBILITY,
  type ClaimStatus,
  type EntityType,
  type InformationCredibility,
} from '../../core';
import type {
  ClaimsCsvMapping,
  CsvColumn,
  CsvEntityRef,
  CsvMapping,
  CsvPreviewRow,
  EntitiesCsvMapping,
} from '../../core/interop/csvImportTypes';

/**
 * The mapping screen's fields: one select per thing a row can fill, read from and written to the
 * core mapping. Option values are strings: `col:<index>` (a column), `none` (not imported),
 * `fixed:<value>` (the same for every row), `match` (a claim end of any type with that name),
 * `literal` (a claim object that is a value, not an entity).
 */
export interface MappingOption {
  readonly value: string;
  readonly label: string;
}

export interface MappingOptionGroup {
  readonly label: string;
  readonly options: readonly MappingOption[];
}

export interface MappingField<M extends CsvMapping> {
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  /** Shown in the preview table. */
  readonly previewed: boolean;
  readonly groups: (columns: readonly CsvColumn[]) => readonly MappingOptionGroup[];
  readonly get: (mapping: M) => string;
  readonly set: (mapping: M, value: string) => M;
}

/** The value shown while a required field has no column yet. */
export const UNCHOSEN = '';
const NONE = 'none';
const MATCH = 'match';
const LITERAL = 'literal';

function columnOf(value: string): number {
  return value.startsWith('col:') ? Number(value.slice(4)) : -1;
}

function fixedOf(value: string): string | undefined {
  return value.startsWith('fixed:') ? value.slice(6) : undefined;
}

const col = (column: number | undefined): string =>
  column === undefined ? NONE : column < 0 ? UNCHOSEN : `col:${column}`;

function columnGroup(columns: readonly CsvColumn[]): MappingOptionGroup {
  return {
    label: 'Column',
    options: columns.map((c) => ({ value: `col:${c.index}`, label: c.label })),
  };
}

const columnsOnly = (columns: readonly CsvColumn[]) => [columnGroup(columns)];
const optionalColumns = (columns: readonly CsvColumn[]) => [
  { label: 'Not imported', options: [{ value: NONE, label: 'Not imported' }] },
  columnGroup(columns),
];

function fixedGroup(label: string, values: readonly (string | number)[]): MappingOptionGroup {
  return {
    label,
    options: values.map((v) => ({ value: `fixed:${v}`, label: String(v) })),
  };
}

const typeGroups = (columns: readonly CsvColumn[]) => [
  columnGroup(columns),
  fixedGroup('Every row', ENTITY_TYPES),
];

/** An optional column field; `undefined` when not imported. */
function optionalColumnField<M extends CsvMapping>(
  id: string,
  label: string,
  read: (mapping: M) => number | undefined,
  write: (mapping: M, column: number | undefined) => M,
  previewed = false,
): MappingField<M> {
  return {
    id,
    label,
    required: false,
    previewed,
    groups: optionalColumns,
    get: (m) => col(read(m)),
    set: (m, value) => write(m, value === NONE ? undefined : columnOf(value)),
  };
}

/** Sets or removes an optional numeric key. */
function withOptional<M extends object, K extends keyof M>(mapping: M, key: K, value: M[K]): M {
  const next = { ...mapping };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

// ---------------------------------------------------------------------------------------------
// Entities

export const ENTITY_FIELDS: readonly MappingField<EntitiesCsvMapping>[] = [
  {
    id: 'name',
    label: 'Name',
    required: true,
    previewed: true,
    groups: columnsOnly,
    get: (m) => col(m.name),
    set: (m, value) => ({ ...m, name: columnOf(value) }),
  },
  {
    id: 'type',
    label: 'Type',
    required: true,
    previewed: true,
    groups: typeGroups,
    get: (m) => (m.type.kind === 'column' ? col(m.type.column) : `fixed:${m.type.value}`),
    set: (m, value) => {
      const fixed = fixedOf(value);
      if (fixed !== undefined) return { ...m, type: { kind: 'fixed', value: fixed as EntityType } };
      const unknownType = m.type.kind === 'column' ? m.type.unknownType : 'problem';
      return { ...m, type: { kind: 'column', column: columnOf(value), unknownType } };
    },
  },
  optionalColumnField<EntitiesCsvMapping>(
    'aliases',
    'Aliases',
    (m) => m.aliases?.column,
    (m, column) =>
      withOptional(
        m,
        'aliases',
        column === undefined ? undefined : { column, separator: m.aliases?.separator ?? ';' },
      ),
    true,
  ),
  optionalColumnField<EntitiesCsvMapping>(
    'notes',
    'Notes',
    (m) => m.notes,
    (m, column) => withOptional(m, 'notes', column),
    true,
  ),
];

// ---------------------------------------------------------------------------------------------
// Claims

type End = 'subject' | 'object';

function refOf(m: ClaimsCsvMapping, end: End): CsvEntityRef | undefined {
  if (end === 'subject') return m.subject;
  const o = m.object;
  return o.kind === 'literal' ? undefined : o;
}

function endTypeValue(m: ClaimsCsvMapping, end: End): string {
  const ref = refOf(m, end);
  if (!ref) return LITERAL;
  if (ref.type.kind === 'column') return col(ref.type.column);
  if (ref.type.kind === 'match') return MATCH;
  return `fixed:${ref.type.value}`;
}

function endType(value: string, previous: CsvEntityRef['type'] | undefined): CsvEntityRef['type'] {
  if (value === MATCH) {
    const fallback = previous?.kind === 'match' ? previous.fallback : 'custom:Unspecified';
    return { kind: 'match', fallback };
  }
  const fixed = fixedOf(value);
  if (fixed !== undefined) return { kind: 'fixed', value: fixed as EntityType };
  const unknownType = previous?.kind === 'column' ? previous.unknownType : 'problem';
  return { kind: 'column', column: columnOf(value), unknownType };
}

/** The object from its parts: a literal, an entity, or (with an id column) either. */
function objectOf(
  name: number,
  type: CsvEntityRef['type'] | 'literal',
  id: number | undefined,
): ClaimsCsvMapping['object'] {
  if (type === 'literal') return { kind: 'literal', column: name };
  return id === undefined
    ? { kind: 'entity', name, type }
    : { kind: 'entityOrLiteral', name, type, id };
}

function objectName(m: ClaimsCsvMapping): number {
  return m.object.kind === 'literal' ? m.object.column : m.object.name;
}

function setEnd(
  m: ClaimsCsvMapping,
  end: End,
  change: { name?: number; type?: string; id?: number | null },
): ClaimsCsvMapping {
  const ref = refOf(m, end);
  const name = change.name ?? (end === 'subject' ? m.subject.name : objectName(m));
  const id = change.id === null ? undefined : (change.id ?? ref?.id);
  if (end === 'subject') {
    const type = change.type === undefined ? m.subject.type : endType(change.type, m.subject.type);
    return { ...m, subject: { name, type, ...(id === undefined ? {} : { id }) } };
  }
  const typeValue = change.type ?? endTypeValue(m, 'object');
  const type = typeValue === LITERAL ? LITERAL : endType(typeValue, ref?.type);
  return { ...m, object: objectOf(name, type, type === LITERAL ? undefined : id) };
}

function endFields(end: End, label: string): MappingField<ClaimsCsvMapping>[] {
  const matchLabel = 'Any type, matched by name';
  return [
    {
      id: `${end}`,
      label,
      required: true,
      previewed: true,
      groups: columnsOnly,
      get: (m) => col(end === 'subject' ? m.subject.name : objectName(m)),
      set: (m, value) => setEnd(m, end, { name: columnOf(value) }),
    },
    {
      id: `${end}-type`,
      label: `${label} type`,
      required: true,
      previewed: false,
      groups: (columns) => [
        ...(end === 'object'
          ? [
              {
                label: 'Not an entity',
                options: [{ value: LITERAL, label: 'A value, not an entity' }],
              },
            ]
          : []),
        { label: 'Match', options: [{ value: MATCH, label: matchLabel }] },
        ...typeGroups(columns),
      ],
      get: (m) => endTypeValue(m, end),
      set: (m, value) => setEnd(m, end, { type: value }),
    },
    {
      id: `${end}-id`,
      label: `${label} id`,
      required: false,
      previewed: false,
      groups: optionalColumns,
      get: (m) => col(refOf(m, end)?.id),
      set: (m, value) => setEnd(m, end, { id: value === NONE ? null : columnOf(value) }),
    },
  ];
}

function valueField<T extends string | number>(
  id: 'credibility' | 'status',
  label: string,
  values: readonly T[],
): MappingField<ClaimsCsvMapping> {
  return {
    id,
    label,
    required: true,
    previewed: true,
    groups: (columns) => [columnGroup(columns), fixedGroup('Every row', values)],
    get: (m) => {
      const source = m[id];
      return source.kind === 'column' ? col(source.column) : `fixed:${source.value}`;
    },
    set: (m, value) => {
      const fixed = fixedOf(value);
      if (fixed === undefined) return { ...m, [id]: { kind: 'column', column: columnOf(value) } };
      const parsed = id === 'credibility' ? (Number(fixed) as InformationCredibility) : fixed;
      return { ...m, [id]: { kind: 'fixed', value: parsed } };
    },
  };
}

type OptionalClaimColumn =
  'validFrom' | 'validTo' | 'attributedTo' | 'note' | 'evidence' | 'id' | 'relations';

function claimColumn(key: OptionalClaimColumn, label: string): MappingField<ClaimsCsvMapping> {
  return optionalColumnField<ClaimsCsvMapping>(
    key,
    label,
    (m) => m[key],
    (m, column) => withOptional(m, key, column),
  );
}

export const CLAIM_FIELDS: readonly MappingField<ClaimsCsvMapping>[] = [
  ...endFields('subject', 'Subject'),
  {
    id: 'predicate',
    label: 'Predicate',
    required: true,
    previewed: true,
    groups: columnsOnly,
    get: (m) => (m.predicate.kind === 'column' ? col(m.predicate.column) : UNCHOSEN),
    set: (m, value) => ({ ...m, predicate: { kind: 'column', column: columnOf(value) } }),
  },
  ...endFields('object', 'Object'),
  claimColumn('validFrom', 'Valid from'),
  claimColumn('validTo', 'Valid to'),
  valueField<InformationCredibility>('credibility', 'Credibility', INFORMATION_CREDIBILITY),
  valueField<ClaimStatus>('status', 'Status', CLAIM_STATUSES),
  claimColumn('attributedTo', 'Attributed to'),
  claimColumn('note', 'Note'),
  claimColumn('evidence', 'Evidence'),
  claimColumn('id', 'Claim id'),
  claimColumn('relations', 'Relations'),
];

/** Entity columns not taken by another field, each offered as an attribute. */
export function attributeCandidates(
  mapping: EntitiesCsvMapping,
  columns: readonly CsvColumn[],
): readonly CsvColumn[] {
  const taken = new Set<number>([mapping.name, mapping.aliases?.column ?? -1, mapping.notes ?? -1]);
  if (mapping.type.kind === 'column') taken.add(mapping.type.column);
  return columns.filter((c) => !taken.has(c.index));
}

/** What a field reads for one preview row: the cell, a fixed value, or nothing. */
export function previewValue(value: string, row: CsvPreviewRow): string {
  const column = columnOf(value);
  if (column >= 0) return row.cells[column] ?? '';
  const fixed = fixedOf(value);
  if (fixed !== undefined) return fixed;
  if (value === MATCH) return '';
  return '';
}
