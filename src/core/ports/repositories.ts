import type { Result } from '../../shared/result';
import type { SourceDraft } from '../ingest/draft';
import type { CaseChanges, NewCaseInput } from '../model/case';
import type { CaseId, Sha256, SourceId } from '../model/ids';
import type {
  Case,
  IsoTimestamp,
  Source,
  SourceContent,
  SourceProvenance,
  SourceReliability,
} from '../model/records';

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

/** A row of the source list: metadata only (never the text), plus how many passages cite it. */
export interface SourceSummary extends Source {
  readonly passageCount: number;
}

export interface ImportSourceInput {
  /** What the parser made of the file. Its `attachments` are not imported by this call. */
  readonly draft: SourceDraft;
  /** The original file, byte for byte. */
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes` as the caller computed it; checked again before anything is written. */
  readonly sha256: Sha256;
  /** For an attachment: the source (of the same case) it came with. */
  readonly parentId?: SourceId;
  /** When the file was captured, if the draft does not say (provenance.capturedAt). */
  readonly capturedAt?: IsoTimestamp;
}

/**
 * Edits an investigator may make to a source. `undefined` leaves a field alone; in provenance,
 * '' clears it. The file name and e-mail headers are evidence and cannot be edited.
 */
export interface SourceChanges {
  readonly title?: string;
  readonly provenance?: Partial<Omit<SourceProvenance, 'email' | 'fileName'>>;
  readonly reliability?: SourceReliability;
}

export interface SourceRepository {
  /** The case's sources, most recently imported or edited first (updatedAt), without texts. */
  list(caseId: CaseId): Promise<readonly SourceSummary[]>;
  get(id: SourceId): Promise<Source | undefined>;
  /** The sources attached to this one (an e-mail's attachments), in import order. */
  children(id: SourceId): Promise<readonly Source[]>;
  /** The extracted text, structure and (untrusted) HTML of a source. */
  content(id: SourceId): Promise<SourceContent | undefined>;
  /** The original file's bytes. */
  original(sha256: Sha256): Promise<Uint8Array | undefined>;
  /** A source of this case with these exact bytes, if any: for duplicate detection. */
  findBySha256(caseId: CaseId, sha256: Sha256): Promise<Source | undefined>;
  /**
   * Stores the original (once per content, shared across cases), the source and its content, and
   * an audit event, in one transaction. Importing bytes the case already has is allowed: whether
   * a duplicate is wanted is the caller's decision (see findBySha256).
   */
  import(caseId: CaseId, input: ImportSourceInput): Promise<Result<Source>>;
  /** Imports several sources in one transaction (bulk import); one result per input, in order. */
  importMany(caseId: CaseId, inputs: readonly ImportSourceInput[]): Promise<Result<Source>[]>;
  update(id: SourceId, changes: SourceChanges): Promise<Result<Source>>;
  /**
   * Removes the source, its content and passages, its attachments (recursively) with theirs, and
   * each original no remaining source uses, in one transaction.
   */
  delete(id: SourceId): Promise<Result<{ readonly removedRecords: number }>>;
}
