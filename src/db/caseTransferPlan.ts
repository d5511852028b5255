import Dexie from 'dexie';
import type { CaseJson } from '../core/bundle/bundle';
import type { CaseId } from '../core/model/ids';
import type { Claim, EntityMerge, Passage } from '../core/model/records';
import {
  TRANSFER_RECORD_KINDS,
  type TransferConflict,
  type TransferCounts,
  type TransferPlan,
  type TransferRecordKind,
} from '../core/ports/transfer';
import { err, ok, type Result } from '../shared/result';
import type { CasefileDatabase } from './schema';

/**
 * The database half of a transfer plan: incoming records (already validated) matched by id with
 * what is stored. Reads only; runs inside the caller's transaction (plan's read transaction, or
 * commit's write transaction, where it is recomputed to detect a stale plan).
 */

export type RecordStatus = 'added' | 'identical' | 'conflicting';

/** What the incoming audit chain checked out as (TransferPlan.incomingAudit). */
export type IncomingAudit = TransferPlan['incomingAudit'];

export interface Comparison {
  readonly plan: TransferPlan;
  /** Status of every incoming record by `${kind}:${id}` (the conflict key), and `case:${id}`. */
  readonly status: ReadonlyMap<string, RecordStatus>;
}

const TIMESTAMPS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export function conflictKey(kind: TransferRecordKind | 'case', id: string): string {
  return `${kind}:${id}`;
}

/** Structural equality of stored values; a property holding undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (
      a instanceof Uint8Array &&
      b instanceof Uint8Array &&
      a.length === b.length &&
      a.every((byte, index) => byte === b[index])
    );
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}

/** Top-level fields that differ, timestamps left out, sorted. */
export function differingFields(mine: object, theirs: object): string[] {
  const left = mine as Record<string, unknown>;
  const right = theirs as Record<string, unknown>;
  return [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .filter((key) => !TIMESTAMPS.has(key) && !sameValue(left[key], right[key]))
    .sort();
}

type StoredRow = Record<string, unknown> | undefined;

/**
 * Stored rows of one kind by id (undefined where absent); notes joined with their content.
 * Returns Dexie's own promise, never a native one: inside a transaction, awaiting a promise Dexie
 * did not make (an async helper that had nothing to read) can leave the transaction's zone, and
 * the reads or writes after it would run outside the transaction.
 */
function storedRows(
  db: CasefileDatabase,
  kind: TransferRecordKind,
  ids: readonly string[],
): PromiseLike<StoredRow[]> {
  if (kind !== 'notes') return db.table<Record<string, unknown>, string>(kind).bulkGet([...ids]);
  return Dexie.Promise.all([
    db.notes.bulkGet(ids as never[]),
    db.noteContents.bulkGet(ids as never[]),
  ]).then(([rows, contents]) =>
    // As NoteRepository.get joins them: missing content reads as ''.
    rows.map((row, index) => row && { ...row, editorState: contents[index]?.editorState ?? '' }),
  );
}

/** What the analyst recognises a record by. */
function labeller(data: CaseJson): (kind: TransferRecordKind, record: object) => string {
  const sourceTitles = new Map(data.sources.map((source) => [source.id, source.title]));
  const entityNames = new Map(data.entities.map((entity) => [entity.id, entity.name]));
  const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  return (kind, record) => {
    const row = record as Record<string, unknown>;
    const id = String(row['id']);
    switch (kind) {
      case 'sources':
      case 'notes':
      case 'charts':
        return String(row['title']);
      case 'sourceContents':
        return `Text of ${sourceTitles.get(id) ?? id}`;
      case 'passages':
        return clip(`“${(record as Passage).quote.exact}”`);
      case 'entities':
        return String(row['name']);
      case 'entityMerges': {
        const merge = record as EntityMerge;
        return `Merge of ${merge.mergedBefore.name} into ${merge.survivorBefore.name}`;
      }
      case 'claims': {
        const claim = record as Claim;
        const object =
          claim.object.kind === 'entity'
            ? (entityNames.get(claim.object.entityId) ?? claim.object.entityId)
            : claim.object.value;
        const subject = entityNames.get(claim.subjectId) ?? claim.subjectId;
        return clip(`${subject} ${claim.predicate} ${object}`);
      }
      case 'savedSearches':
        return String(row['name']);
      case 'audit':
        return `Audit event ${String(row['seq'])} (${String(row['action'])})`;
    }
  };
}

/**
 * Matches validated incoming records with the database. Refused: a record id already used by
 * another case (`transfer.idTaken`: writing it would take the record from that case). Saved-search
 * names are checked by commit, on the merged result (a restore replaces them all).
 */
export async function compareWithDatabase(
  db: CasefileDatabase,
  data: CaseJson,
  incomingAudit: IncomingAudit,
): Promise<Result<Comparison>> {
  const caseId = data.case.id as CaseId;
  const storedCase = await db.cases.get(caseId);
  const status = new Map<string, RecordStatus>();
  const conflicts: TransferConflict[] = [];
  const counts = {} as Record<TransferRecordKind, TransferCounts>;
  const label = labeller(data);
  const sourceUpdatedAt = new Map<string, { mine: string; theirs: string }>();

  const caseFields = storedCase === undefined ? [] : differingFields(storedCase, data.case);
  if (storedCase !== undefined && caseFields.length > 0) {
    status.set(conflictKey('case', caseId), 'conflicting');
    conflicts.push({
      key: conflictKey('case', caseId),
      kind: 'case',
      id: caseId,
      label: data.case.title,
      fields: caseFields,
      mineUpdatedAt: storedCase.updatedAt,
      theirsUpdatedAt: data.case.updatedAt,
    });
  }

  // Every kind's reads are issued together, each a Dexie promise (see storedRows).
  const storedByKind = await Dexie.Promise.all(
    TRANSFER_RECORD_KINDS.map((kind) =>
      storedRows(
        db,
        kind,
        data[kind].map((record: { readonly id: string }) => record.id),
      ),
    ),
  );
  for (const [kindIndex, kind] of TRANSFER_RECORD_KINDS.entries()) {
    const incoming: readonly Record<string, unknown>[] = data[kind];
    const stored = storedByKind[kindIndex] ?? [];
    let added = 0;
    let identical = 0;
    let conflicting = 0;
    for (const [index, theirs] of incoming.entries()) {
      const id = String(theirs['id']);
      const mine = stored[index];
      const key = conflictKey(kind, id);
      if (mine === undefined) {
        added += 1;
        status.set(key, 'added');
        continue;
      }
      if (mine['caseId'] !== caseId) {
        return err(
          'transfer.idTaken',
          `The incoming ${kind} record "${label(kind, theirs)}" (${id}) has the id of a record of another case in this database; it cannot be imported into case "${data.case.title}".`,
        );
      }
      if (kind === 'sources') {
        sourceUpdatedAt.set(id, {
          mine: textOf(mine['updatedAt']),
          theirs: textOf(theirs['updatedAt']),
        });
      }
      const fields = differingFields(mine, theirs);
      if (fields.length === 0) {
        identical += 1;
        status.set(key, 'identical');
        continue;
      }
      conflicting += 1;
      status.set(key, 'conflicting');
      // The audit chain is never merged (see commit): a differing event is counted, not resolved.
      if (kind === 'audit') continue;
      const dates =
        kind === 'sourceContents'
          ? (sourceUpdatedAt.get(id) ?? { mine: '', theirs: '' })
          : { mine: textOf(mine['updatedAt']), theirs: textOf(theirs['updatedAt']) };
      conflicts.push({
        key,
        kind,
        id,
        label: label(kind, theirs),
        fields,
        mineUpdatedAt: dates.mine,
        theirsUpdatedAt: dates.theirs,
      });
    }
    counts[kind] = { added, identical, conflicting };
  }

  // Bytes of originals the blob table does not hold yet (identical sources already have theirs).
  const wanted = new Map<string, number>();
  for (const source of data.sources) {
    if (status.get(conflictKey('sources', source.id)) !== 'identical') {
      wanted.set(source.sha256, source.byteLength);
    }
  }
  const present = await storedBlobHashes(db, [...wanted.keys()]);
  let newOriginalBytes = 0;
  for (const [hash, size] of wanted) if (!present.has(hash)) newOriginalBytes += size;

  return ok({
    plan: {
      caseId,
      caseTitle: data.case.title,
      mode: storedCase === undefined ? 'new-case' : 'merge',
      counts,
      conflicts,
      incomingAudit,
      newOriginalBytes,
    },
    status,
  });
}

/** Which of these hashes the blob table holds, by primary key (no bytes); a Dexie promise. */
export function storedBlobHashes(
  db: CasefileDatabase,
  hashes: readonly string[],
): PromiseLike<ReadonlySet<string>> {
  if (hashes.length === 0) return Dexie.Promise.resolve(new Set<string>());
  return db.blobs
    .where('sha256')
    .anyOf([...hashes])
    .primaryKeys()
    .then((keys) => new Set<string>(keys));
}
