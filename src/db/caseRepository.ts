import Dexie from 'dexie';
import type { HashText } from '../core/audit/chain';
import { createCase, updateCase, type CaseChanges, type NewCaseInput } from '../core/model/case';
import { asAuditEventId, asCaseId, type CaseId, type Sha256 } from '../core/model/ids';
import type { Case, IsoTimestamp } from '../core/model/records';
import type { CaseRepository, StorageMode } from '../core/ports/repositories';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { appendAuditEvent } from './auditLog';
import { failure } from './failure';
import { sha256Hex } from './hash';
import { CASE_OWNED_TABLES, type CasefileDatabase } from './schema';

export interface CaseRepositoryOptions {
  readonly mode: StorageMode;
  readonly now: () => IsoTimestamp;
  /** Source of UUIDs for new cases and audit events. */
  readonly newId: () => string;
  readonly hash?: HashText;
}

function notFound(id: CaseId): AppErrorException {
  return new AppErrorException(
    'case.notFound',
    `There is no case with id ${id}; it may have been deleted.`,
  );
}

/** Names of the fields that differ, ignoring the timestamp every update bumps. */
function changedFields(before: Case, after: Case): string[] {
  return (Object.keys(after) as (keyof Case)[])
    .filter((key) => key !== 'updatedAt' && after[key] !== before[key])
    .sort();
}

function byUpdatedDesc(a: Case, b: Case): number {
  if (a.updatedAt === b.updatedAt) return 0;
  return a.updatedAt < b.updatedAt ? 1 : -1;
}

/** CaseRepository over Dexie. Every write appends its audit event in the same transaction. */
export function createCaseRepository(
  db: CasefileDatabase,
  options: CaseRepositoryOptions,
): CaseRepository {
  const { mode, now, newId } = options;
  const hash = options.hash ?? sha256Hex;

  function refusal(): Result<never> | undefined {
    return mode.kind === 'read-only' ? err('storage.readOnly', mode.reason) : undefined;
  }

  return {
    async list() {
      // A database from a newer app (opened with its own schema) may lack the table or index.
      if (!db.hasTable('cases')) return [];
      if (db.cases.schema.idxByName['updatedAt']) {
        return db.cases.orderBy('updatedAt').reverse().toArray();
      }
      return (await db.cases.toArray()).sort(byUpdatedDesc);
    },

    async get(id) {
      if (!db.hasTable('cases')) return undefined;
      return db.cases.get(id);
    },

    async create(input: NewCaseInput) {
      const refused = refusal();
      if (refused) return refused;
      const built = createCase(input, asCaseId(newId()), now());
      if (!built.ok) return built;
      const record = built.value;
      try {
        await db.transaction('rw', db.cases, db.audit, async () => {
          await db.cases.add(record);
          await appendAuditEvent(
            db,
            {
              id: asAuditEventId(newId()),
              caseId: record.id,
              at: record.createdAt,
              action: 'case.created',
              subject: record.id,
              detail: { title: record.title },
            },
            hash,
          );
        });
      } catch (error) {
        return failure(error, 'create the case');
      }
      return ok(record);
    },

    async update(id: CaseId, changes: CaseChanges) {
      const refused = refusal();
      if (refused) return refused;
      try {
        return await db.transaction('rw', db.cases, db.audit, async (): Promise<Result<Case>> => {
          const current = await db.cases.get(id);
          if (!current) throw notFound(id);
          const next = updateCase(current, changes, now());
          if (!next.ok) return next;
          const fields = changedFields(current, next.value);
          // Saving without changes writes nothing: no new updatedAt, no empty audit event.
          if (fields.length === 0) return ok(current);
          await db.cases.put(next.value);
          await appendAuditEvent(
            db,
            {
              id: asAuditEventId(newId()),
              caseId: id,
              at: next.value.updatedAt,
              action: 'case.updated',
              subject: id,
              detail: { fields },
            },
            hash,
          );
          return next;
        });
      } catch (error) {
        return failure(error, 'save the case');
      }
    },

    async delete(id: CaseId) {
      const refused = refusal();
      if (refused) return refused;
      const tables = [db.cases, db.blobs, ...CASE_OWNED_TABLES.map((name) => db.table(name))];
      try {
        const removedRecords = await db.transaction('rw', tables, async () => {
          if (!(await db.cases.get(id))) throw notFound(id);
          // Keys only ([caseId, sha256]): the source rows themselves are not needed here.
          const keys = await db.sources
            .where('[caseId+sha256]')
            .between([id, Dexie.minKey], [id, Dexie.maxKey])
            .keys();
          const hashes = new Set<Sha256>();
          for (const key of keys) {
            const sha: unknown = Array.isArray(key) ? key[1] : undefined;
            if (typeof sha === 'string') hashes.add(sha as Sha256);
          }
          let removed = 0;
          for (const name of CASE_OWNED_TABLES) {
            removed += await db.table(name).where('caseId').equals(id).delete();
          }
          await db.cases.delete(id);
          removed += 1;
          // Blobs are shared by content across cases: remove only those nothing references now.
          for (const sha of hashes) {
            const stillUsed = await db.sources.where('sha256').equals(sha).count();
            // count() on the primary key: checks the blob exists without loading its bytes.
            if (stillUsed === 0 && (await db.blobs.where('sha256').equals(sha).count()) > 0) {
              await db.blobs.delete(sha);
              removed += 1;
            }
          }
          // The case's audit chain went with it: a deletion cannot be recorded in a chain that
          // no longer exists (a workspace-level log would be a separate table).
          return removed;
        });
        return ok({ removedRecords });
      } catch (error) {
        return failure(error, 'delete the case');
      }
    },
  };
}
