import type { Result } from '../../shared/result';
import type { CaseChanges, NewCaseInput } from '../model/case';
import type { CaseId } from '../model/ids';
import type { Case } from '../model/records';

/** How the database was opened: `read-only` when it was written by a newer app. */
export type StorageMode =
  | { readonly kind: 'read-write' }
  | { readonly kind: 'read-only'; readonly reason: string; readonly storedFormatVersion: number };

export interface CaseRepository {
  list(): Promise<readonly Case[]>;
  get(id: CaseId): Promise<Case | undefined>;
  create(input: NewCaseInput): Promise<Result<Case>>;
  update(id: CaseId, changes: CaseChanges): Promise<Result<Case>>;
  /** Removes the case and every record that belongs to it, in one transaction. */
  delete(id: CaseId): Promise<Result<{ readonly removedRecords: number }>>;
}

/** Counts of a case's records per table: used by the workspace overview and by delete. */
export type CaseRecordCounts = Readonly<Record<string, number>>;
