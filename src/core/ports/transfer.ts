import type { Result } from '../../shared/result';
import {
  CASE_RECORD_KINDS,
  type CaseJson,
  type CaseRecordKind,
  type CaseRecords,
} from '../bundle/bundle';
import type { CaseId, SourceId } from '../model/ids';

/**
 * Moving whole sets of records in and out of the case database: case bundles (export, import,
 * backups and restore) and the interop imports (STIX, CSV) all go through this port, so every
 * import follows the same rules: validate everything first, show a plan, then write it in ONE
 * transaction or not at all. Implemented in src/db/caseTransfer.ts.
 */

/** What a bundle export takes from the database. */
export interface CaseExtract {
  readonly records: CaseRecords;
  /** Each exported source's original bytes, by lower-case hex SHA-256. */
  readonly originals: ReadonlyMap<string, Uint8Array>;
}

/**
 * Which part of a case to extract. `all`: every record. `sources`: the chosen sources (with
 * their attachments), their passages, the entities those passages mention, the claims citing
 * those passages and the entities at both ends, the notes quoting a kept passage or embedding a
 * kept claim, and the charts, with references to left-out records dropped from them. No saved
 * searches and no audit chain: both describe the whole case, and event details name left-out
 * sources; the recipient's import records where the records came from.
 */
export type CaseExtractScope =
  { readonly kind: 'all' } | { readonly kind: 'sources'; readonly sourceIds: readonly SourceId[] };

/** Record kinds a plan counts, in case.json's order. */
export const TRANSFER_RECORD_KINDS = CASE_RECORD_KINDS;
export type TransferRecordKind = CaseRecordKind;

/** Per record kind: how many are new, the same as what is stored, or in conflict. */
export interface TransferCounts {
  readonly added: number;
  readonly identical: number;
  readonly conflicting: number;
}

/** One record that exists on both sides with different content. */
export interface TransferConflict {
  /** Stable key for the resolution map: `${kind}:${id}`. */
  readonly key: string;
  readonly kind: TransferRecordKind | 'case';
  readonly id: string;
  /** What the analyst recognises it by (source title, entity name, claim sentence …). */
  readonly label: string;
  /** Top-level fields that differ (`title`, `aliases` …), `updatedAt`/`createdAt` left out. */
  readonly fields: readonly string[];
  /** updatedAt on each side, so the analyst can see which is newer. */
  readonly mineUpdatedAt: string;
  readonly theirsUpdatedAt: string;
}

export type ConflictResolution = 'keep-mine' | 'take-theirs';

/**
 * How incoming records would land. Computed by reading only (nothing written).
 * `new-case`: the case id is not in the database; everything is added.
 * `merge`: the case exists; records are matched by id.
 */
export interface TransferPlan {
  readonly caseId: CaseId;
  readonly caseTitle: string;
  readonly mode: 'new-case' | 'merge';
  readonly counts: Readonly<Record<TransferRecordKind, TransferCounts>>;
  readonly conflicts: readonly TransferConflict[];
  /** Incoming audit chain checked (merge keeps the local chain; see commit). */
  readonly incomingAudit: {
    readonly length: number;
    readonly intact: boolean;
    readonly headHash: string;
  };
  /** Originals not yet in the blob table (bytes that will be written). */
  readonly newOriginalBytes: number;
}

/** What to do when committing a plan. */
export interface TransferCommitOptions {
  /**
   * `new-case` or `merge` must match the plan's mode; `replace` (restore from a backup) deletes
   * the stored case and writes the incoming one in the same transaction.
   */
  readonly target: 'new-case' | 'merge' | 'replace';
  /** One resolution per conflict key of the plan (merge only); a missing one is refused. */
  readonly resolutions?: Readonly<Record<string, ConflictResolution>>;
  /**
   * The audit event appended after the records (e.g. `bundle.imported`, `stix.imported`,
   * `backup.restored`), its detail saying where the records came from (file name, signer
   * fingerprint, bundle manifest hash, counts). Lands in the same transaction.
   */
  readonly audit: {
    readonly action: string;
    readonly subject: string;
    readonly detail: Readonly<Record<string, unknown>>;
  };
}

export interface TransferOutcome {
  readonly caseId: CaseId;
  readonly counts: Readonly<Record<TransferRecordKind, TransferCounts>>;
  /** Conflicts resolved with `take-theirs` (records overwritten at the analyst's choice). */
  readonly replaced: number;
}

export interface CaseTransfer {
  /** Reads a case (or part of it) for a bundle or backup. `case.notFound` when it is gone. */
  extract(caseId: CaseId, scope: CaseExtractScope): Promise<Result<CaseExtract>>;
  /**
   * Validates incoming records (case.json schema, references, every original present with the
   * right hash) and compares them with the database. Reads only.
   */
  plan(
    incoming: CaseJson,
    originals: ReadonlyMap<string, Uint8Array>,
  ): Promise<Result<TransferPlan>>;
  /**
   * Writes a plan in one transaction. Refused, with nothing written: read-only storage, a target
   * that does not match the plan, a missing resolution, or a database that changed since `plan`
   * (`transfer.stale`: plan again). Records are written as given (ids kept). Audit: a new case
   * stores the incoming events as they are (a broken incoming chain stays visibly broken, the
   * plan says so) and appends options.audit after them; a merge keeps the local chain, stores
   * none of the incoming events, and appends options.audit with the incoming chain's length and
   * head hash in its detail; `replace` is a new case after deleting the stored one.
   */
  commit(
    incoming: CaseJson,
    originals: ReadonlyMap<string, Uint8Array>,
    plan: TransferPlan,
    options: TransferCommitOptions,
  ): Promise<Result<TransferOutcome>>;
}
