import type { Result } from '../../shared/result';
import type { SourceDraft } from '../ingest/draft';
import type { CaseChanges, NewCaseInput } from '../model/case';
import type { ChartChanges, NewChartInput } from '../model/chart';
import type { ClaimChanges, NewClaimInput } from '../model/claim';
import type { EntityChanges, KnownEntity, NewEntityInput } from '../model/entity';
import type { NewNoteInput, NoteDocument } from '../model/note';
import type {
  CaseId,
  ChartId,
  ClaimId,
  EntityId,
  EntityMergeId,
  NoteId,
  PassageId,
  Sha256,
  SourceId,
  SuggestionId,
} from '../model/ids';
import type {
  Case,
  Chart,
  Claim,
  Entity,
  EntityMerge,
  EntityType,
  IsoTimestamp,
  Note,
  Passage,
  PassageKind,
  Source,
  SourceStructure,
  SourceContent,
  SourceProvenance,
  SourceReliability,
  Suggestion,
  SuggestionCandidate,
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

/**
 * A new passage: a range of the source's current canonical text. The repository builds the W3C
 * selectors from the stored text (describeRange), so callers never hand-make selectors.
 */
export interface NewPassageInput {
  readonly sourceId: SourceId;
  readonly kind: PassageKind;
  /** UTF-16 offsets into the canonical text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly colour?: string;
  readonly note?: string;
  /**
   * Mentions only, exactly one of: an existing entity of the case, or a new entity to create in
   * the same transaction (so a failed mention never leaves a stray entity behind).
   */
  readonly entityId?: EntityId;
  readonly newEntity?: NewEntityInput;
}

/** Edits to a passage; `undefined` leaves a field alone. */
export interface PassageChanges {
  readonly kind?: PassageKind;
  readonly colour?: string;
  readonly note?: string;
}

/** A mention shown in context: on the entity page, with its source's title and page. */
export interface MentionInContext {
  readonly passage: Passage;
  readonly sourceTitle: string;
  /** 1-based page, for paged sources (PDF). */
  readonly page?: number;
  /** Text just before and after the quote, as stored in the quote selector. */
  readonly before: string;
  readonly after: string;
}

export interface PassageRepository {
  get(id: PassageId): Promise<Passage | undefined>;
  /**
   * The source's passages, re-anchored against its current text first: moved passages get their
   * new positions and lost ones are flagged `orphaned` (kept, never dropped), persisted in one
   * transaction. Ordered by position; orphaned passages last.
   */
  forSource(sourceId: SourceId): Promise<Result<readonly Passage[]>>;
  create(caseId: CaseId, input: NewPassageInput): Promise<Result<Passage>>;
  update(id: PassageId, changes: PassageChanges): Promise<Result<Passage>>;
  delete(id: PassageId): Promise<Result<void>>;
}

/** A row of the entity table: the entity and how often and where it is mentioned. */
export interface EntitySummary extends Entity {
  readonly mentionCount: number;
  readonly sourceCount: number;
}

export interface EntityRepository {
  /** The case's entities (not those merged away), with mention counts. */
  list(caseId: CaseId): Promise<readonly EntitySummary[]>;
  /**
   * The case's live entities as the extractor looks for them (id, type, name and aliases): no
   * mention counting, so it stays cheap when called once per extracted source.
   */
  known(caseId: CaseId): Promise<readonly KnownEntity[]>;
  get(id: EntityId): Promise<Entity | undefined>;
  /** Entities of the case whose name or an alias reads the same (comparableName). */
  findByName(caseId: CaseId, name: string): Promise<readonly Entity[]>;
  create(caseId: CaseId, input: NewEntityInput): Promise<Result<Entity>>;
  update(id: EntityId, changes: EntityChanges): Promise<Result<Entity>>;
  /**
   * Removes the entity and its mention passages. While claims use it (as subject or object), it is
   * refused (`entity.usedByClaims`) unless `claims: 'delete'`, which deletes those claims too in the
   * same transaction (and drops supports/contradicts links to them): never a dangling edge.
   */
  delete(
    id: EntityId,
    options?: { readonly claims?: 'refuse' | 'delete' },
  ): Promise<Result<{ readonly removedRecords: number }>>;
  /** Every mention across the case's sources, in context, by source then position. */
  mentions(id: EntityId): Promise<readonly MentionInContext[]>;
  /** The claims the entity takes part in, as subject or object. */
  claims(id: EntityId): Promise<readonly Claim[]>;
  /**
   * Merges `mergedId` into `survivorId` (same case): names/aliases, attributes and notes combined
   * (mergedEntityFields), mentions and claims repointed, the merged entity kept with `mergedInto`.
   * Recorded as an EntityMerge so it can be undone.
   */
  merge(survivorId: EntityId, mergedId: EntityId): Promise<Result<EntityMerge>>;
  /**
   * Undoes a merge: both entities restored to their recorded state and every repointed record
   * that still points at the survivor pointed back. Refused if the merge was already undone, or
   * if a later merge involving either entity is still in force (undo that one first).
   */
  undoMerge(id: EntityMergeId): Promise<Result<void>>;
  /** The case's merges, newest first, undone ones included. */
  merges(caseId: CaseId): Promise<readonly EntityMerge[]>;
  /**
   * Splits a mention off into another entity: an existing one of the case, or a new one created
   * in the same transaction.
   */
  splitMention(
    passageId: PassageId,
    target: { readonly entityId: EntityId } | { readonly newEntity: NewEntityInput },
  ): Promise<Result<Passage>>;
}

/** What accepting suggestions did. */
export interface AcceptedSuggestions {
  readonly passages: readonly Passage[];
  /** Entities created by this accept (others were mentions of entities that already existed). */
  readonly createdEntities: readonly Entity[];
}

export interface SuggestionRepository {
  /** The source's suggestions in text order, every status. */
  forSource(sourceId: SourceId): Promise<readonly Suggestion[]>;
  /** Pending suggestions per source of the case (for badges in the source list). */
  pendingCounts(caseId: CaseId): Promise<ReadonlyMap<SourceId, number>>;
  /**
   * Replaces the source's pending suggestions with fresh extraction results, in one transaction.
   * Dropped: candidates the case has rejected (by suggestionKey), ones already accepted at the same
   * place, and ranges already tagged as a mention of an entity of that type.
   */
  replaceForSource(
    sourceId: SourceId,
    candidates: readonly SuggestionCandidate[],
  ): Promise<Result<{ readonly added: number; readonly skippedRejected: number }>>;
  /**
   * Accepts pending suggestions in one transaction: each becomes a mention passage of an entity of
   * its type whose name or alias matches its value (or of its known entity), creating the entity
   * when none exists. All or nothing.
   */
  accept(ids: readonly SuggestionId[]): Promise<Result<AcceptedSuggestions>>;
  /** Rejects suggestions and remembers each (type, value) for the whole case. */
  reject(ids: readonly SuggestionId[]): Promise<Result<void>>;
  /** Changes the proposed type of a pending suggestion before it is accepted. */
  setType(id: SuggestionId, type: EntityType): Promise<Result<Suggestion>>;
  /** Forgets a rejection, so extraction may propose that value again. */
  unreject(caseId: CaseId, key: string): Promise<Result<void>>;
}

/** A claim's evidence passage shown in context, with the source it comes from. */
export interface EvidenceInContext {
  readonly passage: Passage;
  readonly sourceId: SourceId;
  readonly sourceTitle: string;
  readonly reliability: SourceReliability;
  /** 1-based page, for paged sources (PDF). */
  readonly page?: number;
  readonly before: string;
  readonly after: string;
}

/**
 * A row of the claims table and an edge of the chart: the claim with what is derived from its
 * evidence, computed when read (a source's reliability may change after the claim was made).
 */
export interface ClaimSummary extends Claim {
  /** Admiralty code, e.g. "B2" (claimGrade); undefined for an analyst assertion. */
  readonly grade?: string;
  /** Reliability letter of the best evidence source (the grade's letter). */
  readonly bestReliability?: SourceReliability;
  /** Distinct sources of the evidence, in evidence order. */
  readonly evidenceSourceIds: readonly SourceId[];
  /** Evidence from one source only (isSingleSource); false for an analyst assertion. */
  readonly singleSource: boolean;
  /** No evidence at all (isAnalystAssertion). */
  readonly analystAssertion: boolean;
  /** Evidence passages whose quote is no longer found in their source. */
  readonly orphanedEvidence: number;
}

export interface ClaimRepository {
  /** The case's claims with grades and evidence facts, newest first. */
  list(caseId: CaseId): Promise<readonly ClaimSummary[]>;
  get(id: ClaimId): Promise<ClaimSummary | undefined>;
  /** The claim's evidence passages in context, in evidence order (orphaned ones included). */
  evidence(id: ClaimId): Promise<readonly EvidenceInContext[]>;
  /**
   * Records a claim (validateNewClaim), creating its `newEvidence` passages and adding a new
   * predicate to the case vocabulary, in one transaction with an audit event. Refused: unknown or
   * merged-away entities, passages of another case, subject = object, no evidence without
   * `analystAssertion`, relations to unknown claims.
   */
  create(caseId: CaseId, input: NewClaimInput): Promise<Result<ClaimSummary>>;
  update(id: ClaimId, changes: ClaimChanges): Promise<Result<ClaimSummary>>;
  /** Removes the claim and every supports/contradicts link to it. Its evidence passages stay. */
  delete(id: ClaimId): Promise<Result<void>>;
  /** The case's predicate vocabulary (predicateVocabulary). */
  predicates(caseId: CaseId): Promise<readonly string[]>;
  /** Adds a predicate to the case vocabulary; returns the new vocabulary. */
  addPredicate(caseId: CaseId, predicate: string): Promise<Result<readonly string[]>>;
}

export interface ChartRepository {
  /** The case's saved charts, by title. */
  list(caseId: CaseId): Promise<readonly Chart[]>;
  get(id: ChartId): Promise<Chart | undefined>;
  create(caseId: CaseId, input: NewChartInput): Promise<Result<Chart>>;
  /** Saves changes (title, scope, entities, positions, filters, layout, sizing, groups). */
  update(id: ChartId, changes: ChartChanges): Promise<Result<Chart>>;
  delete(id: ChartId): Promise<Result<void>>;
}

/**
 * What a case's notes can refer to, read in one go for the editor's live chips and cards: every
 * entity (merged ones included, so mentions can follow merges), every passage with its source's
 * title and reliability, and page boundaries of paged sources that have passages.
 */
export interface NoteReferenceRecords {
  readonly entities: readonly Entity[];
  readonly sources: readonly Pick<Source, 'id' | 'title' | 'reliability'>[];
  readonly passages: readonly Passage[];
  readonly structures: ReadonlyMap<SourceId, SourceStructure>;
}

/** A row of the notes list: a note without its content. */
export type NoteSummary = Omit<Note, 'editorState'>;

export interface NoteRepository {
  /** The case's notes, most recently updated first; `titleQuery` keeps titles containing it (any case, accents ignored). */
  list(caseId: CaseId, options?: { readonly titleQuery?: string }): Promise<readonly NoteSummary[]>;
  get(id: NoteId): Promise<Note | undefined>;
  /** A new note (DEFAULT_NOTE_TITLE when untitled, empty content when none), with an audit event. */
  create(caseId: CaseId, input?: NewNoteInput): Promise<Result<Note>>;
  rename(id: NoteId, title: string): Promise<Result<Note>>;
  /** A copy titled "<title> (copy)" with the same content, with an audit event. */
  duplicate(id: NoteId): Promise<Result<Note>>;
  /**
   * Stores the note's content and the references derived from it (noteReferences) in one
   * transaction. Resolves only after the transaction has committed (the editor's "saved" state
   * depends on it). Refused: unknown or read-only note, a document over the size cap.
   */
  saveContent(id: NoteId, document: NoteDocument): Promise<Result<Note>>;
  delete(id: NoteId): Promise<Result<void>>;
  /** Notes that mention the entity, most recently updated first. */
  mentioning(entityId: EntityId): Promise<readonly NoteSummary[]>;
  /** Notes that quote the passage, most recently updated first. */
  quoting(passageId: PassageId): Promise<readonly NoteSummary[]>;
  /** Notes that embed the claim, most recently updated first. */
  embedding(claimId: ClaimId): Promise<readonly NoteSummary[]>;
  /**
   * Everything the case's notes can refer to, read as stored (passages are not re-anchored, which
   * would write), in one read transaction.
   */
  referenceRecords(caseId: CaseId): Promise<NoteReferenceRecords>;
}
