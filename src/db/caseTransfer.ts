import Dexie from 'dexie';
import { verifyAuditChain, type HashText } from '../core/audit/chain';
import {
  CASE_JSON_FORMAT,
  caseJsonSchema,
  checkCaseReferences,
  schemaError,
  type CaseJson,
  type CaseRecords,
} from '../core/bundle/bundle';
import { asAuditEventId, type CaseId, type Sha256 } from '../core/model/ids';
import type { AuditEvent, Blob as BlobRecord, Note } from '../core/model/records';
import {
  TRANSFER_RECORD_KINDS,
  type CaseExtract,
  type CaseExtractScope,
  type CaseTransfer,
  type ConflictResolution,
  type TransferCommitOptions,
  type TransferCounts,
  type TransferOutcome,
  type TransferPlan,
  type TransferRecordKind,
} from '../core/ports/transfer';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { appendAuditEvent } from './auditLog';
import { createCaseRepository } from './caseRepository';
import {
  compareWithDatabase,
  conflictKey,
  sameValue,
  storedBlobHashes,
  type Comparison,
  type IncomingAudit,
} from './caseTransferPlan';
import { sourcesSelection, wholeCase } from './caseTransferScope';
import { failure } from './failure';
import { sha256BytesHex, sha256Hex } from './hash';
import { guardedWrite, rowsWhere, type RepositoryOptions } from './repositorySupport';
import { CASE_OWNED_TABLES, type CasefileDatabase, type NoteRow } from './schema';

export interface CaseTransferOptions extends RepositoryOptions {
  /** SHA-256 (lower-case hex) of an original's bytes; Web Crypto unless given. */
  readonly hashBytes?: (bytes: Uint8Array) => Promise<string>;
}

/** Incoming records that passed every check that needs no database. */
interface Validated {
  readonly data: CaseJson;
  /** The incoming audit events in seq order. */
  readonly events: readonly AuditEvent[];
  readonly incomingAudit: IncomingAudit;
}

/** A byte view into a larger buffer, copied to exactly its bytes (IndexedDB stores the buffer). */
function exactBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

/** Saved-search names compare without case or accents, as SavedSearchRepository compares them. */
function savedSearchNameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** CaseTransfer over Dexie (core/ports/transfer.ts): every import lands through here. */
export function createCaseTransfer(
  db: CasefileDatabase,
  options: CaseTransferOptions,
): CaseTransfer {
  const { mode, now, newId } = options;
  const hash: HashText = options.hash ?? sha256Hex;
  const hashBytes = options.hashBytes ?? sha256BytesHex;
  // Its cascade delete is what `replace` runs, nested in the commit's transaction.
  const cases = createCaseRepository(db, options);
  const writeTables = () => [
    db.cases,
    db.blobs,
    ...CASE_OWNED_TABLES.map((name) => db.table(name)),
  ];

  /**
   * Incoming objects already checked by this instance (plan, then commit of the same object), with
   * their checked copy: the schema check of a large case takes seconds, and commit writes the
   * copy plan checked. Originals are hashed again every time (they may be other bytes).
   */
  const checkedRecords = new WeakMap<object, Validated>();

  /** Schema, references, audit positions and chain: everything about the records themselves. */
  async function checkRecords(incoming: CaseJson): Promise<Result<Validated>> {
    const known = checkedRecords.get(incoming);
    if (known !== undefined) return ok(known);
    const parsed = caseJsonSchema.safeParse(incoming);
    if (!parsed.success) return schemaError(parsed.error, 'transfer.invalid', 'The incoming case');
    const data = parsed.data;
    const references = checkCaseReferences(data);
    if (!references.ok) return references;

    const events = [...data.audit].sort((a, b) => a.seq - b.seq) as AuditEvent[];
    for (let index = 1; index < events.length; index += 1) {
      if (events[index]!.seq === events[index - 1]!.seq) {
        // The database keeps one event per position ([caseId+seq] is unique).
        return err(
          'transfer.audit.duplicateSeq',
          `The incoming audit trail has two events at position ${events[index]!.seq}; it cannot be stored.`,
        );
      }
    }
    const verified = await verifyAuditChain(events, hash);
    const incomingAudit: IncomingAudit = verified.ok
      ? { length: events.length, intact: true, headHash: verified.value.headHash }
      : { length: events.length, intact: false, headHash: events.at(-1)?.hash ?? '' };
    const checked = { data, events, incomingAudit };
    checkedRecords.set(incoming, checked);
    return ok(checked);
  }

  /** The records checked, and every source's original given with its SHA-256 (Web Crypto). */
  async function validate(
    incoming: CaseJson,
    originals: ReadonlyMap<string, Uint8Array>,
  ): Promise<Result<Validated>> {
    const checked = await checkRecords(incoming);
    if (!checked.ok) return checked;
    const hashed = new Set<string>();
    for (const source of checked.value.data.sources) {
      if (hashed.has(source.sha256)) continue;
      hashed.add(source.sha256);
      const bytes = originals.get(source.sha256);
      if (bytes === undefined) {
        return err(
          'transfer.originalMissing',
          `The original of source "${source.title}" (${source.sha256}) was not given.`,
        );
      }
      if ((await hashBytes(bytes)) !== source.sha256) {
        return err(
          'transfer.originalMismatch',
          `The original given for source "${source.title}" does not have its SHA-256 ${source.sha256}.`,
        );
      }
    }
    return checked;
  }

  function compareInReadTransaction(validated: Validated): Promise<Result<Comparison>> {
    return db.transaction('r', writeTables(), () =>
      compareWithDatabase(db, validated.data, validated.incomingAudit),
    );
  }

  /** Throws `transfer.resolutionMissing` unless every conflict of a merge has a valid choice. */
  function requireResolutions(plan: TransferPlan, options: TransferCommitOptions): void {
    for (const conflict of plan.conflicts) {
      const choice: unknown = options.resolutions?.[conflict.key];
      if (choice !== 'keep-mine' && choice !== 'take-theirs') {
        throw new AppErrorException(
          'transfer.resolutionMissing',
          `Choose whether to keep your version or take theirs for ${conflict.kind === 'case' ? 'the case' : conflict.kind} “${conflict.label}” (${conflict.id}).`,
        );
      }
    }
  }

  async function writeRecords(
    validated: Validated,
    comparison: Comparison,
    originals: ReadonlyMap<string, Uint8Array>,
    target: TransferCommitOptions['target'],
    resolutions: Readonly<Record<string, ConflictResolution>>,
  ): Promise<number> {
    const { data } = validated;
    const merging = target === 'merge';
    let replaced = 0;
    /** Whether the incoming record of this key is written. */
    const writes = (key: string): boolean => {
      if (!merging) return true;
      const status = comparison.status.get(key);
      if (status === 'added') return true;
      if (status === 'conflicting' && resolutions[key] === 'take-theirs') {
        replaced += 1;
        return true;
      }
      return false;
    };

    if (writes(conflictKey('case', data.case.id))) await db.cases.put(data.case as never);
    const chosen = <K extends Exclude<TransferRecordKind, 'audit'>>(kind: K): CaseJson[K] =>
      (data[kind] as readonly { id: string }[]).filter((record) =>
        writes(conflictKey(kind, record.id)),
      ) as CaseJson[K];

    const sources = chosen('sources');
    await db.sources.bulkPut(sources as never[]);
    await db.sourceContents.bulkPut(chosen('sourceContents') as never[]);
    await db.passages.bulkPut(chosen('passages') as never[]);
    await db.entities.bulkPut(chosen('entities') as never[]);
    await db.entityMerges.bulkPut(chosen('entityMerges') as never[]);
    await db.claims.bulkPut(chosen('claims') as never[]);
    const notes = chosen('notes') as unknown as readonly Note[];
    // As NoteRepository stores a note: metadata and references apart from the content.
    await db.notes.bulkPut(notes.map(({ editorState: _content, ...row }): NoteRow => row));
    await db.noteContents.bulkPut(
      notes.map((note) => ({
        id: note.id,
        caseId: note.caseId,
        createdAt: note.createdAt,
        updatedAt: note.updatedAt,
        editorState: note.editorState,
      })),
    );
    await db.charts.bulkPut(chosen('charts') as never[]);
    const savedSearches = chosen('savedSearches');
    await db.savedSearches.bulkPut(savedSearches as never[]);
    if (merging && savedSearches.length > 0) {
      // An added or taken-over saved search may share its name with another one of the case.
      const seen = new Set<string>();
      for (const row of await db.savedSearches.where('caseId').equals(data.case.id).toArray()) {
        const key = savedSearchNameKey(row.name);
        if (seen.has(key)) {
          throw new AppErrorException(
            'transfer.savedSearchNameTaken',
            `Case “${data.case.title}” would have two saved searches named “${row.name}”; rename one of them before importing.`,
          );
        }
        seen.add(key);
      }
    }

    // One copy of each original, shared by every source (in any case) with these bytes; dated
    // like its first source, as the source import dates it.
    const firstUse = new Map<string, string>();
    for (const source of sources) {
      const earlier = firstUse.get(source.sha256);
      if (earlier === undefined || source.createdAt < earlier) {
        firstUse.set(source.sha256, source.createdAt);
      }
    }
    const present = await storedBlobHashes(db, [...firstUse.keys()]);
    const blobs: BlobRecord[] = [];
    for (const [sha256, createdAt] of firstUse) {
      if (present.has(sha256)) continue;
      const bytes = exactBytes(originals.get(sha256)!);
      blobs.push({ sha256: sha256 as Sha256, bytes, byteLength: bytes.byteLength, createdAt });
    }
    await db.blobs.bulkAdd(blobs);

    // A new case keeps its history as it came (a broken chain stays visibly broken).
    if (!merging) await db.audit.bulkAdd([...validated.events]);
    return replaced;
  }

  return {
    async extract(caseId: CaseId, scope: CaseExtractScope): Promise<Result<CaseExtract>> {
      try {
        return await db.transaction('r', writeTables(), async (): Promise<Result<CaseExtract>> => {
          const stored = await db.cases.get(caseId);
          if (stored === undefined) {
            return err(
              'case.notFound',
              `There is no case with id ${caseId}; it may have been deleted.`,
            );
          }
          const [sources, sourceContents, passages, entities, entityMerges, claims] =
            await Dexie.Promise.all([
              rowsWhere(db.sources, 'caseId', caseId),
              rowsWhere(db.sourceContents, 'caseId', caseId),
              rowsWhere(db.passages, 'caseId', caseId),
              rowsWhere(db.entities, 'caseId', caseId),
              rowsWhere(db.entityMerges, 'caseId', caseId),
              rowsWhere(db.claims, 'caseId', caseId),
            ]);
          const [noteRows, noteContents, charts, savedSearches, audit] = await Dexie.Promise.all([
            rowsWhere(db.notes, 'caseId', caseId),
            rowsWhere(db.noteContents, 'caseId', caseId),
            rowsWhere(db.charts, 'caseId', caseId),
            rowsWhere(db.savedSearches, 'caseId', caseId),
            rowsWhere(db.audit, 'caseId', caseId),
          ]);
          const contents = new Map(
            noteContents.map((content) => [content.id, content.editorState]),
          );
          const whole: CaseRecords = {
            format: CASE_JSON_FORMAT,
            version: 1,
            case: stored,
            sources,
            sourceContents,
            passages,
            entities,
            entityMerges,
            claims,
            // Joined as NoteRepository.get joins them: missing content reads as ''.
            notes: noteRows.map((row) => ({ ...row, editorState: contents.get(row.id) ?? '' })),
            charts,
            savedSearches,
            audit: audit.sort((a, b) => a.seq - b.seq),
          };
          let records: CaseRecords;
          if (scope.kind === 'all') {
            records = wholeCase(whole);
          } else {
            const selected = sourcesSelection(whole, scope.sourceIds);
            if (!selected.ok) {
              return err(
                'source.notFound',
                `There is no source with id ${selected.missing} in this case; it may have been deleted.`,
              );
            }
            records = selected.records;
          }
          const hashes = [...new Set(records.sources.map((source) => source.sha256))];
          const blobs = await db.blobs.bulkGet(hashes);
          const originals = new Map<string, Uint8Array>();
          for (const [index, sha256] of hashes.entries()) {
            const blob = blobs[index];
            if (blob === undefined) {
              const source = records.sources.find((candidate) => candidate.sha256 === sha256);
              return err(
                'transfer.originalMissing',
                `The original of source "${source?.title ?? sha256}" (${sha256}) is missing from the database.`,
              );
            }
            originals.set(sha256, blob.bytes);
          }
          return ok({ records, originals });
        });
      } catch (error) {
        return failure(error, 'read the case');
      }
    },

    async plan(incoming, originals) {
      try {
        const validated = await validate(incoming, originals);
        if (!validated.ok) return validated;
        const comparison = await compareInReadTransaction(validated.value);
        return comparison.ok ? ok(comparison.value.plan) : comparison;
      } catch (error) {
        return failure(error, 'compare the incoming case with this database');
      }
    },

    async commit(incoming, originals, plan, commitOptions): Promise<Result<TransferOutcome>> {
      return guardedWrite(mode, 'import the case', async () => {
        const { target } = commitOptions;
        if (target !== 'replace' && target !== plan.mode) {
          return err(
            'transfer.targetMismatch',
            target === 'merge'
              ? `Case “${plan.caseTitle}” is not in this database: it can only be added as a new case.`
              : `Case “${plan.caseTitle}” is already in this database: merge it, or replace it.`,
          );
        }
        if (target === 'merge') requireResolutions(plan, commitOptions);
        const validated = await validate(incoming, originals);
        if (!validated.ok) return validated;
        const { data } = validated.value;
        const caseId = data.case.id as CaseId;
        return db.transaction('rw', writeTables(), async (): Promise<Result<TransferOutcome>> => {
          const comparison = await compareWithDatabase(db, data, validated.value.incomingAudit);
          if (!comparison.ok)
            throw new AppErrorException(comparison.error.code, comparison.error.message);
          if (!sameValue(comparison.value.plan, plan)) {
            throw new AppErrorException(
              'transfer.stale',
              `The database changed since the import of “${plan.caseTitle}” was planned; look at the plan again.`,
            );
          }
          if (target === 'replace' && comparison.value.plan.mode === 'merge') {
            const removed = await cases.delete(caseId);
            if (!removed.ok) throw new AppErrorException(removed.error.code, removed.error.message);
          }
          const replaced = await writeRecords(
            validated.value,
            comparison.value,
            originals,
            target,
            commitOptions.resolutions ?? {},
          );
          const { incomingAudit } = validated.value;
          await appendAuditEvent(
            db,
            {
              id: asAuditEventId(newId()),
              caseId,
              at: now(),
              action: commitOptions.audit.action,
              subject: commitOptions.audit.subject,
              detail:
                target === 'merge'
                  ? { ...commitOptions.audit.detail, incomingAudit: { ...incomingAudit } }
                  : commitOptions.audit.detail,
            },
            hash,
          );
          const counts = target === 'merge' ? comparison.value.plan.counts : allAdded(data);
          return ok({ caseId, counts, replaced });
        });
      });
    },
  };
}

function allAdded(data: CaseJson): Record<TransferRecordKind, TransferCounts> {
  const counts = {} as Record<TransferRecordKind, TransferCounts>;
  for (const kind of TRANSFER_RECORD_KINDS) {
    counts[kind] = { added: data[kind].length, identical: 0, conflicting: 0 };
  }
  return counts;
}
