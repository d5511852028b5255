import Dexie from 'dexie';
import {
  nextAuditEvent,
  verifyAuditChain,
  type AuditChainError,
  type AuditChainSummary,
  type AuditEventFields,
  type HashText,
} from '../core/audit/chain';
import { asAuditEventId, type CaseId } from '../core/model/ids';
import type { AuditEvent, IsoTimestamp } from '../core/model/records';
import type { StorageMode } from '../core/ports/repositories';
import { err, ok, type Result } from '../shared/result';
import { sha256Hex } from './hash';
import { guardedWrite } from './repositorySupport';
import type { CasefileDatabase } from './schema';

export interface AuditLog {
  /** The case's events in chain order (seq 0 first). */
  list(caseId: CaseId): Promise<readonly AuditEvent[]>;
  /** Recomputes every hash and link; reports the first broken seq. */
  verify(caseId: CaseId): Promise<Result<AuditChainSummary, AuditChainError>>;
  /**
   * Appends an event about something that changed no record (a report exported): refused when
   * read-only (`storage.readOnly`) or when the case does not exist (`case.notFound`).
   */
  record(
    caseId: CaseId,
    event: {
      readonly action: string;
      readonly subject: string;
      readonly detail: Readonly<Record<string, unknown>>;
    },
  ): Promise<Result<AuditEvent>>;
}

/** What `record` needs besides the database (openCasefileStorage passes its repository options). */
export interface AuditRecordOptions {
  readonly mode: StorageMode;
  readonly now: () => IsoTimestamp;
  readonly newId: () => string;
}

function caseEvents(db: CasefileDatabase, caseId: CaseId) {
  return db.audit.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
}

/** In seq order; also works on a newer database (opened as-is) that lacks the compound index. */
async function listCaseEvents(db: CasefileDatabase, caseId: CaseId): Promise<AuditEvent[]> {
  if (!db.hasTable('audit')) return [];
  if (db.audit.schema.idxByName['[caseId+seq]']) return caseEvents(db, caseId).toArray();
  return db.audit.filter((event) => event.caseId === caseId).sortBy('seq');
}

/**
 * Appends the next event of a case's chain. Must run inside a read-write transaction that
 * includes `audit`, together with the change it records, so both land or neither does.
 */
export async function appendAuditEvent(
  db: CasefileDatabase,
  fields: AuditEventFields,
  hash: HashText = sha256Hex,
): Promise<AuditEvent> {
  if (!Dexie.currentTransaction) {
    throw new Error('appendAuditEvent must run inside the transaction of the change it records');
  }
  const prev = await caseEvents(db, fields.caseId).last();
  // Web Crypto is not an IndexedDB request: without waitFor the transaction would auto-commit
  // while the digest is computed, and the add below would fail with TransactionInactiveError.
  const event = await nextAuditEvent(prev, fields, (text) => Dexie.waitFor(hash(text)));
  await db.audit.add(event);
  return event;
}

export function createAuditLog(
  db: CasefileDatabase,
  hash: HashText = sha256Hex,
  options: AuditRecordOptions = {
    mode: { kind: 'read-write' },
    now: () => new Date().toISOString(),
    newId: () => globalThis.crypto.randomUUID(),
  },
): AuditLog {
  return {
    record(caseId, event) {
      return guardedWrite(options.mode, 'record the audit event', () =>
        db.transaction('rw', db.cases, db.audit, async () => {
          if ((await db.cases.get(caseId)) === undefined) {
            return err('case.notFound', 'This case no longer exists.');
          }
          const at = options.now();
          return ok(
            await appendAuditEvent(
              db,
              { id: asAuditEventId(options.newId()), caseId, at, ...event },
              hash,
            ),
          );
        }),
      );
    },
    async list(caseId) {
      return listCaseEvents(db, caseId);
    },
    async verify(caseId) {
      return verifyAuditChain(await listCaseEvents(db, caseId), hash);
    },
  };
}
