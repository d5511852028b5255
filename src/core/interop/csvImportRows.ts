/**
 * The CSV import's rows → records step: each data row through the mapping into a new entity or
 * claim, checked by the same validation as the editor's (validateNewEntity, validateNewClaim). A
 * row with any problem adds nothing (not even the entities its claim would have created) and is
 * reported with its spreadsheet row number and column.
 */
import type { CaseJson } from '../bundle/bundle';
import { validateNewClaim, validatePredicate, validateValidTime } from '../model/claim';
import {
  comparableName,
  customEntityType,
  entityTypeInfo,
  parseEntityType,
  validateAttribute,
  validateNewEntity,
  type AttributeSpec,
} from '../model/entity';
import type { ClaimId, EntityId } from '../model/ids';
import {
  CLAIM_STATUSES,
  ENTITY_TYPES,
  type AttributeValue,
  type Case,
  type ClaimObject,
  type ClaimRelation,
  type Entity,
  type EntityType,
  type InformationCredibility,
  type ValidTime,
} from '../model/records';
import { importedCell } from './csvImportParse';
import {
  MAX_LISTED_PROBLEMS,
  type ClaimsCsvMapping,
  type CsvColumn,
  type CsvEntityRef,
  type CsvEntityTypeSource,
  type CsvImportProblem,
  type CsvImportResult,
  type CsvImportTarget,
  type CsvMapping,
  type CsvValueSource,
  type EntitiesCsvMapping,
} from './csvImportTypes';

type JsonEntity = CaseJson['entities'][number];
type JsonClaim = CaseJson['claims'][number];

/** The line before evidence citations kept in an imported claim's note. */
export const EVIDENCE_NOTE_PREFIX = 'Evidence cited in the imported CSV: ';

/** A step of mapping one row: a value, or the problem (and its column) that stops the row. */
type Step<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly column?: number; readonly message: string };

function done<T>(value: T): Step<T> {
  return { ok: true, value };
}

function fail(column: number | undefined, message: string): Step<never> {
  return { ok: false, ...(column !== undefined ? { column } : {}), message };
}

/** Type + normalised name: how entities are matched. */
function entityKey(type: string, comparable: string): string {
  return `${type}\u0000${comparable}`;
}

function toJsonEntity(entity: Entity): JsonEntity {
  return { ...entity, aliases: [...entity.aliases], attributes: { ...entity.attributes } };
}

function toJsonCase(record: Case): CaseJson['case'] {
  const { predicates, ...rest } = record;
  return { ...rest, ...(predicates !== undefined ? { predicates: [...predicates] } : {}) };
}

/**
 * An attribute cell without a known kind: a number exactly as JavaScript writes one (`41`,
 * `-2.5`) becomes a number and `true` / `false` a yes/no value, as our export writes them, so a
 * round trip keeps their type; anything else (`007`, `1e3`, `+49 …`) stays text.
 */
function typedCell(value: string): AttributeValue {
  if (value === 'true' || value === 'false') return value === 'true';
  const number = Number(value);
  return value !== '' && Number.isFinite(number) && String(number) === value ? number : value;
}

/** A claim waiting for the end of the file, where its relations to other rows are resolved. */
interface PendingClaim {
  readonly row: number;
  readonly claim: JsonClaim;
  readonly fileId: string;
  /** Relations by the file's claim ids. */
  readonly relations: readonly { readonly kind: ClaimRelation['kind']; readonly fileId: string }[];
  removed: boolean;
}

/** A claim end: an entity of the case or one this import creates. */
interface EndEntity {
  readonly entity: JsonEntity;
  readonly isNew: boolean;
  /** comparableName(entity.name), computed once (it is most of the time spent per row). */
  readonly comparable: string;
}

export class CsvRowMapper {
  private readonly problems: CsvImportProblem[] = [];
  private problemCount = 0;
  private rowsSkipped = 0;
  private rowsRead = 0;
  private reusedEntities = 0;
  private readonly existingById = new Map<string, EndEntity>();
  private readonly byKey = new Map<string, EndEntity>();
  private readonly byName = new Map<string, EndEntity[]>();
  private readonly newEntities: JsonEntity[] = [];
  private readonly newById = new Map<string, JsonEntity>();
  private readonly pendingClaims: PendingClaim[] = [];
  private readonly fileIds = new Map<string, number>();
  private readonly specsByType = new Map<EntityType, ReadonlyMap<string, AttributeSpec>>();

  constructor(
    private readonly mapping: CsvMapping,
    private readonly columns: readonly CsvColumn[],
    private readonly target: CsvImportTarget,
  ) {
    for (const entity of target.existingEntities) {
      if (entity.caseId !== target.caseRecord.id || entity.mergedInto !== undefined) continue;
      const end = {
        entity: toJsonEntity(entity),
        isNew: false,
        comparable: comparableName(entity.name),
      };
      this.existingById.set(entity.id, end);
      this.index(end);
    }
  }

  get rowCount(): number {
    return this.rowsRead;
  }

  addRow(row: number, rawCells: readonly string[]): void {
    this.rowsRead += 1;
    const width = this.columns.length;
    const extra = rawCells.slice(width);
    if (rawCells.length < width || extra.some((cell) => cell.trim() !== '')) {
      this.problem(
        row,
        undefined,
        `The row has ${rawCells.length} cells but the header has ${width}: a delimiter or line break inside an unquoted cell may have shifted its values.`,
      );
      return;
    }
    const cells = rawCells.slice(0, width).map(importedCell);
    const step =
      this.mapping.kind === 'entities'
        ? this.entityRow(this.mapping, cells)
        : this.claimRow(this.mapping, cells, row);
    if (!step.ok) this.problem(row, step.column, step.message);
  }

  addUnclosedQuote(row: number): void {
    this.rowsRead += 1;
    this.problem(
      row,
      undefined,
      `A quoted cell opened in row ${row} is never closed before the end of the file; this last row is not imported.`,
    );
  }

  finish(): CsvImportResult {
    const { entities, claims } =
      this.mapping.kind === 'entities'
        ? { entities: this.newEntities, claims: [] }
        : this.finishClaims(this.mapping);
    const newCount = entities.filter((e) => !this.existingById.has(e.id)).length;
    return {
      records: {
        format: 'casefile-case',
        version: 1,
        case: toJsonCase(this.target.caseRecord),
        sources: [],
        sourceContents: [],
        passages: [],
        entities,
        entityMerges: [],
        claims,
        notes: [],
        charts: [],
        savedSearches: [],
        audit: [],
      },
      report: {
        rowsRead: this.rowsRead,
        imported: { entities: newCount, claims: claims.length },
        reusedEntities: this.reusedEntities,
        rowsSkipped: this.rowsSkipped,
        problems: [...this.problems].sort((a, b) => a.row - b.row),
        problemCount: this.problemCount,
      },
    };
  }

  // -------------------------------------------------------------------------------------------

  private problem(row: number, column: number | undefined, message: string): void {
    this.rowsSkipped += 1;
    this.problemCount += 1;
    if (this.problems.length >= MAX_LISTED_PROBLEMS) return;
    const label = column === undefined ? undefined : this.columns[column]?.label;
    this.problems.push({ row, ...(label !== undefined ? { column: label } : {}), message });
  }

  private index(end: EndEntity): void {
    const { entity } = end;
    if (end.isNew) this.newById.set(entity.id, entity);
    const key = entityKey(entity.type, end.comparable);
    if (!this.byKey.has(key)) this.byKey.set(key, end);
    // By name alone only for claim ends of files without types.
    if (this.mapping.kind === 'entities') return;
    const named = this.byName.get(end.comparable);
    if (named === undefined) this.byName.set(end.comparable, [end]);
    else named.push(end);
  }

  private attributeSpecs(type: EntityType): ReadonlyMap<string, AttributeSpec> {
    let specs = this.specsByType.get(type);
    if (specs === undefined) {
      specs = new Map(entityTypeInfo(type).attributes.map((spec) => [spec.key, spec] as const));
      this.specsByType.set(type, specs);
    }
    return specs;
  }

  private newEntity(fields: Omit<JsonEntity, 'id' | 'caseId' | 'createdAt' | 'updatedAt'>) {
    const { now, caseRecord, newId } = this.target;
    const entity: JsonEntity = {
      id: newId(),
      caseId: caseRecord.id,
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    return entity;
  }

  private cell(cells: readonly string[], column: number | undefined): string {
    return column === undefined ? '' : (cells[column] ?? '');
  }

  private entityType(source: CsvEntityTypeSource, cells: readonly string[]): Step<EntityType> {
    if (source.kind === 'fixed') return done(source.value);
    const raw = this.cell(cells, source.column).trim();
    if (raw === '') return fail(source.column, 'The entity type is empty.');
    const builtIn = ENTITY_TYPES.find((t) => t.toLowerCase() === raw.toLowerCase());
    if (builtIn !== undefined) return done(builtIn);
    if (raw.toLowerCase().startsWith('custom:')) {
      const custom = parseEntityType(`custom:${raw.slice('custom:'.length).trim()}`);
      return custom.ok ? custom : fail(source.column, custom.error.message);
    }
    if (source.unknownType === 'custom') {
      const custom = customEntityType(raw);
      return custom.ok ? custom : fail(source.column, custom.error.message);
    }
    return fail(
      source.column,
      `"${raw.slice(0, 60)}" is not an entity type: use one of ${ENTITY_TYPES.join(', ')}, or custom:<name>.`,
    );
  }

  private entityRow(mapping: EntitiesCsvMapping, cells: readonly string[]): Step<void> {
    const type = this.entityType(mapping.type, cells);
    if (!type.ok) return type;
    const specs = this.attributeSpecs(type.value);
    const attributes: Record<string, AttributeValue> = {};
    for (const { column, key } of mapping.attributes) {
      const value = this.cell(cells, column);
      if (value.trim() === '') continue;
      const spec = specs.get(key.trim());
      const checked = validateAttribute(spec, key.trim(), spec ? value : typedCell(value));
      if (!checked.ok) return fail(column, checked.error.message);
      attributes[key.trim()] = checked.value;
    }
    const aliases = mapping.aliases;
    const fields = validateNewEntity({
      type: type.value,
      name: this.cell(cells, mapping.name),
      aliases:
        aliases === undefined
          ? []
          : this.cell(cells, aliases.column)
              .split(aliases.separator)
              .map((alias) => alias.trim())
              .filter((alias) => alias !== ''),
      attributes,
      notes: this.cell(cells, mapping.notes),
    });
    if (!fields.ok) {
      const code = fields.error.code;
      const column = code.startsWith('entity.name')
        ? mapping.name
        : code.startsWith('entity.alias') || code === 'entity.tooManyAliases'
          ? aliases?.column
          : code.startsWith('entity.notes')
            ? mapping.notes
            : undefined;
      return fail(column, fields.error.message);
    }
    const comparable = comparableName(fields.value.name);
    const known = this.byKey.get(entityKey(fields.value.type, comparable));
    if (known !== undefined) {
      // Already in the case (or earlier in the file): left as it is, the row adds nothing.
      this.reusedEntities += 1;
      return done(undefined);
    }
    const entity = this.newEntity({
      ...fields.value,
      aliases: [...fields.value.aliases],
      attributes: { ...fields.value.attributes },
    });
    this.newEntities.push(entity);
    this.index({ entity, isNew: true, comparable });
    return done(undefined);
  }

  // -------------------------------------------------------------------------------------------
  // Claims

  /**
   * The entity a claim end names. `rowNew` holds the ends created earlier in the same row (so a
   * subject and object with one new name are one entity); nothing is indexed until the row is
   * known to be good.
   */
  private entityEnd(
    ref: CsvEntityRef,
    cells: readonly string[],
    role: string,
    rowNew: EndEntity[],
  ): Step<EndEntity> {
    const id = this.cell(cells, ref.id).trim();
    const existing = id === '' ? undefined : this.existingById.get(id);
    if (existing !== undefined) return done(existing);

    const rawName = this.cell(cells, ref.name).trim().replace(/\s+/g, ' ');
    if (rawName === '') return fail(ref.name, `The ${role} is empty.`);
    const name = comparableName(rawName);
    const sameName = [
      ...(this.byName.get(name) ?? []),
      ...rowNew.filter((end) => end.comparable === name),
    ];
    let type: EntityType;
    if (ref.type.kind === 'match') {
      const distinct = [...new Map(sameName.map((end) => [end.entity.id, end])).values()];
      if (distinct.length === 1) return done(distinct[0]!);
      if (distinct.length > 1) {
        const types = distinct.map((end) => end.entity.type).join(', ');
        return fail(
          ref.name,
          `${distinct.length} entities are named "${rawName.slice(0, 80)}" (${types}): map a ${role} type column to choose.`,
        );
      }
      type = ref.type.fallback;
    } else {
      const checked = this.entityType(ref.type, cells);
      if (!checked.ok) return checked;
      type = checked.value;
      const found = sameName.find((end) => end.entity.type === type);
      if (found !== undefined) return done(found);
    }
    const fields = validateNewEntity({ type, name: rawName });
    if (!fields.ok) return fail(ref.name, `The ${role}: ${fields.error.message}`);
    const end = {
      entity: this.newEntity({ ...fields.value, aliases: [], attributes: {} }),
      isNew: true,
      comparable: comparableName(fields.value.name),
    };
    rowNew.push(end);
    return done(end);
  }

  private claimObject(
    mapping: ClaimsCsvMapping,
    cells: readonly string[],
    rowNew: EndEntity[],
  ): Step<{ readonly object: ClaimObject; readonly column: number }> {
    const object = mapping.object;
    if (object.kind === 'literal') return this.literal(cells, object.column);
    // Our claims export: an object without an id is a literal value.
    if (object.kind === 'entityOrLiteral' && this.cell(cells, object.id).trim() === '') {
      return this.literal(cells, object.name);
    }
    const end = this.entityEnd(object, cells, 'object', rowNew);
    if (!end.ok) return end;
    return done({
      object: { kind: 'entity', entityId: end.value.entity.id as EntityId },
      column: object.name,
    });
  }

  private literal(
    cells: readonly string[],
    column: number,
  ): Step<{ readonly object: ClaimObject; readonly column: number }> {
    return done({ object: { kind: 'literal', value: this.cell(cells, column) }, column });
  }

  private fixedOrCell<T>(
    source: CsvValueSource<T>,
    cells: readonly string[],
    parse: (raw: string) => T | undefined,
    what: string,
  ): Step<T> {
    if (source.kind === 'fixed') return done(source.value);
    const raw = this.cell(cells, source.column).trim();
    const value = parse(raw);
    return value === undefined
      ? fail(source.column, `"${raw.slice(0, 60)}" is not a ${what}.`)
      : done(value);
  }

  private validTime(mapping: ClaimsCsvMapping, cells: readonly string[]): Step<ValidTime> {
    const date = (column: number | undefined): string | undefined => {
      const raw = this.cell(cells, column).trim();
      // A date-time keeps its date: valid time is kept to the day.
      const value = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
      return value === '' ? undefined : value;
    };
    const from = date(mapping.validFrom);
    const to = date(mapping.validTo);
    for (const [value, column] of [
      [from, mapping.validFrom],
      [to, mapping.validTo],
    ] as const) {
      if (value === undefined) continue;
      const checked = validateValidTime({ kind: 'date', date: value });
      if (!checked.ok) return fail(column, `"${value.slice(0, 40)}": ${checked.error.message}`);
    }
    if (from === undefined && to === undefined) return done({ kind: 'unknown' });
    if (from === to) return done({ kind: 'date', date: from! });
    const interval = validateValidTime({
      kind: 'interval',
      ...(from !== undefined ? { start: from } : {}),
      ...(to !== undefined ? { end: to } : {}),
    });
    return interval.ok ? interval : fail(mapping.validTo, interval.error.message);
  }

  private relations(
    mapping: ClaimsCsvMapping,
    cells: readonly string[],
    fileId: string,
  ): Step<PendingClaim['relations']> {
    const raw = this.cell(cells, mapping.relations).trim();
    if (raw === '') return done([]);
    const out: { kind: ClaimRelation['kind']; fileId: string }[] = [];
    for (const part of raw.split(';')) {
      const text = part.trim();
      if (text === '') continue;
      const match = /^(supports|contradicts)\s+(\S+)$/i.exec(text);
      if (!match) {
        return fail(
          mapping.relations,
          `"${text.slice(0, 60)}" is not "supports <claim id>" or "contradicts <claim id>".`,
        );
      }
      if (match[2] === fileId) {
        return fail(mapping.relations, 'A claim cannot support or contradict itself.');
      }
      out.push({ kind: match[1]!.toLowerCase() as ClaimRelation['kind'], fileId: match[2]! });
    }
    return done(out);
  }

  private claimRow(mapping: ClaimsCsvMapping, cells: readonly string[], row: number): Step<void> {
    const fileId = this.cell(cells, mapping.id).trim();
    if (fileId !== '' && this.fileIds.has(fileId)) {
      return fail(
        mapping.id,
        `The claim id ${fileId} is already used by row ${this.fileIds.get(fileId)}.`,
      );
    }
    const rowNew: EndEntity[] = [];
    const subject = this.entityEnd(mapping.subject, cells, 'subject', rowNew);
    if (!subject.ok) return subject;
    const predicate = this.fixedOrCell(
      mapping.predicate,
      cells,
      (raw) => (validatePredicate(raw).ok ? raw : undefined),
      'predicate',
    );
    if (!predicate.ok) return predicate;
    const object = this.claimObject(mapping, cells, rowNew);
    if (!object.ok) return object;
    const validTime = this.validTime(mapping, cells);
    if (!validTime.ok) return validTime;
    const credibility = this.fixedOrCell(
      mapping.credibility,
      cells,
      (raw) => (/^[1-6]$/.test(raw) ? (Number(raw) as InformationCredibility) : undefined),
      'credibility from 1 to 6',
    );
    if (!credibility.ok) return credibility;
    const status = this.fixedOrCell(
      mapping.status,
      cells,
      (raw) => CLAIM_STATUSES.find((s) => s === raw.toLowerCase()),
      `claim status (${CLAIM_STATUSES.join(', ')})`,
    );
    if (!status.ok) return status;
    const relations = this.relations(mapping, cells, fileId);
    if (!relations.ok) return relations;
    const evidence = this.cell(cells, mapping.evidence).trim();
    const note = [
      this.cell(cells, mapping.note).trim(),
      evidence === '' ? '' : EVIDENCE_NOTE_PREFIX + evidence,
    ]
      .filter((part) => part !== '')
      .join('\n\n');
    const attributedTo = this.cell(cells, mapping.attributedTo);
    const fields = validateNewClaim({
      subjectId: subject.value.entity.id as EntityId,
      predicate: predicate.value,
      object: object.value.object,
      validTime: validTime.value,
      evidence: [],
      credibility: credibility.value,
      status: status.value,
      // Checked here by the file's ids (a claim cannot both support and contradict another).
      relations: relations.value.map((r) => ({ kind: r.kind, claimId: r.fileId as ClaimId })),
      ...(attributedTo.trim() !== '' ? { attributedTo } : {}),
      note,
      analystAssertion: true,
    });
    if (!fields.ok) {
      const code = fields.error.code;
      const column =
        code.startsWith('claim.object') || code === 'claim.selfLink'
          ? object.value.column
          : code.startsWith('claim.attributedTo')
            ? mapping.attributedTo
            : code.startsWith('claim.note')
              ? (mapping.note ?? mapping.evidence)
              : code.startsWith('claim.relation')
                ? mapping.relations
                : undefined;
      return fail(column, fields.error.message);
    }
    for (const end of rowNew) this.index(end);
    if (fileId !== '') this.fileIds.set(fileId, row);
    const { now, caseRecord, newId } = this.target;
    const valid = fields.value;
    this.pendingClaims.push({
      row,
      fileId,
      relations: relations.value,
      removed: false,
      claim: {
        id: newId(),
        caseId: caseRecord.id,
        createdAt: now,
        updatedAt: now,
        subjectId: valid.subjectId,
        predicate: valid.predicate,
        object: valid.object,
        validTime: valid.validTime,
        evidence: [],
        credibility: valid.credibility,
        status: valid.status,
        relations: [],
        ...(valid.attributedTo !== undefined ? { attributedTo: valid.attributedTo } : {}),
        note: valid.note,
      },
    });
    return done(undefined);
  }

  /**
   * Relations resolved now that every row is read: a claim whose relation points at a claim id
   * no imported row has is not imported (and, in turn, neither are the claims pointing at it).
   * Then the entities the kept claims use: new ones once, the case's own ones unchanged.
   */
  private finishClaims(mapping: ClaimsCsvMapping): { entities: JsonEntity[]; claims: JsonClaim[] } {
    const byFileId = new Map<string, PendingClaim>();
    for (const pending of this.pendingClaims) {
      if (pending.fileId !== '') byFileId.set(pending.fileId, pending);
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const pending of this.pendingClaims) {
        if (pending.removed) continue;
        const missing = pending.relations.find((r) => !byFileId.has(r.fileId));
        if (missing === undefined) continue;
        pending.removed = true;
        byFileId.delete(pending.fileId);
        changed = true;
        this.problem(
          pending.row,
          mapping.relations,
          `${missing.kind} ${missing.fileId}: no claim with that id is imported from this file, so this row is not imported either.`,
        );
      }
    }
    const entities = new Map<string, JsonEntity>();
    const claims: JsonClaim[] = [];
    for (const pending of this.pendingClaims) {
      if (pending.removed) continue;
      const { claim } = pending;
      const ends = [
        claim.subjectId,
        ...(claim.object.kind === 'entity' ? [claim.object.entityId] : []),
      ];
      for (const id of ends) {
        if (entities.has(id)) {
          this.reusedEntities += 1;
          continue;
        }
        const existing = this.existingById.get(id);
        if (existing !== undefined) this.reusedEntities += 1;
        entities.set(id, existing?.entity ?? this.newById.get(id)!);
      }
      claims.push({
        ...claim,
        relations: pending.relations.map((r) => ({
          kind: r.kind,
          claimId: byFileId.get(r.fileId)!.claim.id,
        })),
      });
    }
    return { entities: [...entities.values()], claims };
  }
}
