import type { IndexableType, Table } from 'dexie';
import type { HashText } from '../core/audit/chain';
import type { ValidEntityFields } from '../core/model/entity';
import {
  asAuditEventId,
  asEntityId,
  type CaseId,
  type EntityId,
  type PassageId,
} from '../core/model/ids';
import type { Claim, Entity, IsoTimestamp, Passage } from '../core/model/records';
import type { StorageMode } from '../core/ports/repositories';
import { AppErrorException, err, type Result } from '../shared/result';
import { appendAuditEvent } from './auditLog';
import { failure } from './failure';
import type { CasefileDatabase } from './schema';

/** What every repository over the case's records is given by openCasefileStorage. */
export interface RepositoryOptions {
  readonly mode: StorageMode;
  readonly now: () => IsoTimestamp;
  /** Source of UUIDs for new records and audit events. */
  readonly newId: () => string;
  /** Hash for the audit chain. */
  readonly hash?: HashText;
}

/** `storage.readOnly` when the database was written by a newer app, else undefined. */
export function readOnlyRefusal(mode: StorageMode): Result<never> | undefined {
  return mode.kind === 'read-only' ? err('storage.readOnly', mode.reason) : undefined;
}

/**
 * Runs a write method: refused with `storage.readOnly` when the database was written by a newer
 * app; a throw (its transaction aborted, so nothing was written) comes back as failure(error, what).
 */
export async function guardedWrite<T>(
  mode: StorageMode,
  what: string,
  write: () => Promise<Result<T>>,
): Promise<Result<T>> {
  const refused = readOnlyRefusal(mode);
  if (refused) return refused;
  try {
    return await write();
  } catch (error) {
    return failure(error, what);
  }
}

/**
 * Rows whose `index` equals `value`; a scan when the index is missing (a newer schema opened
 * read-only may have dropped it), slower but still correct.
 */
export function rowsWhere<T, K>(
  table: Table<T, K>,
  index: string,
  value: IndexableType,
): Promise<T[]> {
  if (table.schema.idxByName[index]) return table.where(index).equals(value).toArray();
  return table.filter((row) => (row as Record<string, unknown>)[index] === value).toArray();
}

/** Appends the case's next audit event, inside the running transaction (see appendAuditEvent). */
export async function recordEvent(
  db: CasefileDatabase,
  options: RepositoryOptions,
  event: {
    readonly caseId: CaseId;
    readonly at: IsoTimestamp;
    readonly action: string;
    readonly subject: string;
    readonly detail: Readonly<Record<string, unknown>>;
  },
): Promise<void> {
  await appendAuditEvent(db, { id: asAuditEventId(options.newId()), ...event }, options.hash);
}

/** Throws `case.notFound` unless the case exists (inside a transaction over cases). */
export async function requireCase(db: CasefileDatabase, caseId: CaseId): Promise<void> {
  if ((await db.cases.where(':id').equals(caseId).count()) === 0) {
    throw new AppErrorException(
      'case.notFound',
      `There is no case with id ${caseId}; it may have been deleted.`,
    );
  }
}

export function entityNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'entity.notFound',
    `There is no entity with id ${id} in this case; it may have been deleted.`,
  );
}

export function passageNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'passage.notFound',
    `There is no passage with id ${id}; it may have been deleted.`,
  );
}

/** A new entity record from validated fields (validateNewEntity). */
export function entityRecord(
  caseId: CaseId,
  fields: ValidEntityFields,
  id: string,
  at: IsoTimestamp,
): Entity {
  return {
    id: asEntityId(id),
    caseId,
    createdAt: at,
    updatedAt: at,
    type: fields.type,
    name: fields.name,
    aliases: [...fields.aliases],
    attributes: { ...fields.attributes },
    notes: fields.notes,
  };
}

/**
 * Stores a new entity with its `entity.created` event. Must run inside a read-write transaction
 * over entities and audit; `via` says what created it (e.g. a mention, a suggestion).
 */
export async function addEntity(
  db: CasefileDatabase,
  options: RepositoryOptions,
  entity: Entity,
  via?: string,
): Promise<void> {
  await db.entities.add(entity);
  await recordEvent(db, options, {
    caseId: entity.caseId,
    at: entity.createdAt,
    action: 'entity.created',
    subject: entity.id,
    detail: {
      entityId: entity.id,
      type: entity.type,
      name: entity.name,
      ...(via !== undefined ? { via } : {}),
    },
  });
}

/**
 * The entity a mention may point at: of this case and not merged away. Throws `code` (with a
 * message that says why) otherwise.
 */
export async function liveEntityOfCase(
  db: CasefileDatabase,
  caseId: CaseId,
  id: EntityId,
  code = 'entity.notFound',
): Promise<Entity> {
  const entity = await db.entities.get(id);
  if (!entity || entity.caseId !== caseId) {
    throw new AppErrorException(
      code,
      `There is no entity with id ${id} in this case; it may have been deleted.`,
    );
  }
  if (entity.mergedInto !== undefined) {
    throw new AppErrorException(
      code,
      `“${entity.name}” was merged into another entity; use that one (or undo the merge).`,
    );
  }
  return entity;
}

/** Text order: by start, then end; orphaned passages (positions no longer valid) last. */
export function byPosition(a: Passage, b: Passage): number {
  if (a.orphaned !== b.orphaned) return a.orphaned ? 1 : -1;
  return (
    a.position.start - b.position.start ||
    a.position.end - b.position.end ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Returns the claims of a case. */
export function claimsOfCase(db: CasefileDatabase, caseId: CaseId) {
  return rowsWhere(db.claims, 'caseId', caseId);
}

/**
 * The claims of the case that cite any of these passages as evidence: through the `*evidence`
 * index (schema v4), else by scanning the case's claims.
 */
export async function claimsCiting(
  db: CasefileDatabase,
  caseId: CaseId,
  passageIds: readonly PassageId[],
): Promise<Claim[]> {
  if (passageIds.length === 0) return [];
  if (db.claims.schema.idxByName['evidence']) {
    const found = await db.claims
      .where('evidence')
      .anyOf([...passageIds])
      .distinct()
      .toArray();
    return found.filter((claim) => claim.caseId === caseId);
  }
  const wanted = new Set<string>(passageIds);
  return (await claimsOfCase(db, caseId)).filter((claim) =>
    claim.evidence.some((id) => wanted.has(id)),
  );
}

/**
 * Removes the accepted suggestions that led to these (deleted) passages, so a later extraction
 * run may propose that text again. Must run inside a read-write transaction over suggestions.
 */
export async function forgetAcceptedSuggestions(
  db: CasefileDatabase,
  passages: readonly Passage[],
): Promise<number> {
  const doomed = new Set<string>(passages.map((passage) => passage.id));
  let removed = 0;
  for (const sourceId of new Set(passages.map((passage) => passage.sourceId))) {
    const accepted = await db.suggestions
      .where('[sourceId+status]')
      .equals([sourceId, 'accepted'])
      .toArray();
    const ids = accepted
      .filter((row) => row.passageId !== undefined && doomed.has(row.passageId))
      .map((row) => row.id);
    if (ids.length > 0) {
      await db.suggestions.bulkDelete(ids);
      removed += ids.length;
    }
  }
  return removed;
}
