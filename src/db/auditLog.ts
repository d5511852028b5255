import Dexie from 'dexie';
import {
  nextAuditEvent,
  verifyAuditChain,
  type AuditChainError,
  type AuditChainSummary,
  type AuditEventFields,
  type HashText,
} from '../core/audit/chain';
import type { CaseId } from '../core/model/ids';
import type { AuditEvent } from '../core/model/records';
import type { Result } from '../shared/result';
import { sha256Hex } from './hash';
import type { CasefileDatabase } from './schema';

export interface AuditLog {
  /** The case's events in chain order (seq 0 first). */
  list(caseId: CaseId): Promise<readonly AuditEvent[]>;
  /** Recomputes every hash and link; reports the first broken seq. */
  verify(caseId: CaseId): Promise<Result<AuditChainSummary, AuditChainError>>;
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

export function createAuditLog(db: CasefileDatabase, hash: HashText = sha256Hex): AuditLog {
  return {
    async list(caseId) {
      return listCaseEvents(db, caseId);
    },
    async verify(caseId) {
      return verifyAuditChain(await listCaseEvents(db, caseId), hash);
    },
  };
}
