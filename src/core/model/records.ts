import type {
  AuditEventId,
  CaseId,
  ChartId,
  ClaimId,
  EntityId,
  EntityMergeId,
  NoteId,
  PassageId,
  SavedSearchId,
  Sha256,
  SourceId,
  SuggestionId,
} from './ids';

/** ISO-8601 UTC timestamp, e.g. 2026-11-21T12:00:00.000Z. */
export type IsoTimestamp = string;

/** Every case-owned record carries these (ARCHITECTURE.md §3). */
export interface CaseOwned {
  readonly caseId: CaseId;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

export const CASE_STATUSES = ['open', 'closed', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Case {
  readonly id: CaseId;
  readonly title: string;
  readonly summary: string;
  /** Handling marking such as TLP:AMBER; see core/model/handling.ts. */
  readonly marking: string;
  readonly status: CaseStatus;
  /**
   * Predicates the investigators added to the case's claim vocabulary, on top of
   * DEFAULT_PREDICATES (core/model/claim.ts). Absent on cases that never added one.
   */
  readonly predicates?: readonly string[];
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

export const SOURCE_KINDS = [
  'text',
  'markdown',
  'html',
  'pdf',
  'docx',
  'eml',
  'attachment',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** NATO/Admiralty source reliability: A completely reliable … F cannot be judged. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/** Admiralty information credibility: 1 confirmed … 6 cannot be judged. */
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export type InformationCredibility = (typeof INFORMATION_CREDIBILITY)[number];

/** Headers of an e-mail source, kept as evidence of where it came from. */
export interface EmailHeaders {
  readonly from?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject?: string;
  readonly date?: string;
  readonly messageId?: string;
}

export interface SourceProvenance {
  readonly fileName?: string;
  readonly url?: string;
  readonly author?: string;
  readonly publisher?: string;
  /** ISO-8601 date or date-time, as precise as the document states it. */
  readonly publishedAt?: string;
  readonly capturedAt?: string;
  readonly modifiedAt?: string;
  readonly email?: EmailHeaders;
}

/** Offsets into the canonical text, so passages can be cited by page or paragraph. */
export interface SourceStructure {
  readonly pages?: readonly { readonly start: number; readonly end: number }[];
  readonly paragraphs?: readonly { readonly start: number; readonly end: number }[];
}

/** A source's metadata. Its text, structure and HTML are in its SourceContent (same id). */
export interface Source extends CaseOwned {
  readonly id: SourceId;
  readonly title: string;
  readonly kind: SourceKind;
  /** Key of the immutable original in the blob table. */
  readonly sha256: Sha256;
  readonly byteLength: number;
  readonly mediaType: string;
  readonly provenance: SourceProvenance;
  readonly reliability: SourceReliability;
  /** Problems met while extracting text (e.g. invalid bytes); the original is kept regardless. */
  readonly warnings: readonly string[];
  /** For an e-mail attachment: the message it came with. */
  readonly parentId?: SourceId;
}

/**
 * What was extracted from a source: kept apart from its metadata (Source) so that listing
 * thousands of sources never reads their texts. One per source, under the same id.
 */
export interface SourceContent {
  /** The id of the source this is the content of. */
  readonly id: SourceId;
  readonly caseId: CaseId;
  /** Canonical text: paragraphs separated by a blank line ("\n\n"); see core/text/canonical.ts. */
  readonly text: string;
  readonly structure: SourceStructure;
  /**
   * The document's own HTML rendering (HTML, Markdown, Word, e-mail), UNTRUSTED: it is sanitised
   * each time it is shown, and only ever inside a sandboxed frame.
   */
  readonly html?: string;
}

/** An original file, byte for byte. Shared by key: two cases importing one file store it once. */
export interface Blob {
  readonly sha256: Sha256;
  readonly bytes: Uint8Array;
  readonly byteLength: number;
  readonly createdAt: IsoTimestamp;
}

export interface TextQuoteSelector {
  readonly type: 'TextQuoteSelector';
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}
export interface TextPositionSelector {
  readonly type: 'TextPositionSelector';
  readonly start: number;
  readonly end: number;
}

export const PASSAGE_KINDS = ['highlight', 'comment', 'mention', 'evidence'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

export interface Passage extends CaseOwned {
  readonly id: PassageId;
  readonly sourceId: SourceId;
  readonly kind: PassageKind;
  readonly quote: TextQuoteSelector;
  readonly position: TextPositionSelector;
  /** Set when the quote can no longer be found in the source text; never silently dropped. */
  readonly orphaned: boolean;
  readonly colour?: string;
  readonly note: string;
  /** For mentions: the entity this passage mentions. */
  readonly entityId?: EntityId;
}

export const ENTITY_TYPES = [
  'Person',
  'Organization',
  'Location',
  'Event',
  'Date',
  'Money',
  'Email',
  'Phone',
  'URL',
  'Domain',
  'IPAddress',
  'Hash',
  'CryptoWallet',
  'BankAccount',
  'Malware',
  'Vulnerability',
  'Account',
  'Vehicle',
  'Document',
] as const;
export type BuiltInEntityType = (typeof ENTITY_TYPES)[number];
/** A built-in type or a user-defined one (`custom:<name>`). */
export type EntityType = BuiltInEntityType | `custom:${string}`;

export type AttributeValue = string | number | boolean;

export interface Entity extends CaseOwned {
  readonly id: EntityId;
  readonly type: EntityType;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly notes: string;
  /** Set when merged into another entity; kept so the merge can be undone. */
  readonly mergedInto?: EntityId;
}

/**
 * One entity merged into another, recorded so it can be undone: both entities as they were just
 * before, and every record the merge repointed from the merged entity to the survivor.
 */
export interface EntityMerge extends CaseOwned {
  readonly id: EntityMergeId;
  readonly survivorId: EntityId;
  readonly mergedId: EntityId;
  readonly survivorBefore: Entity;
  readonly mergedBefore: Entity;
  /** Mention passages moved from the merged entity to the survivor. */
  readonly movedPassageIds: readonly PassageId[];
  /** Claims whose subject or object was repointed to the survivor. */
  readonly movedClaims: readonly { readonly id: ClaimId; readonly field: 'subject' | 'object' }[];
  /** Set when the merge was undone; the record is kept as history. */
  readonly undoneAt?: IsoTimestamp;
}

/** How a suggestion was found: an indicator pattern, the name recogniser, or a known entity. */
export const SUGGESTION_ORIGINS = ['indicator', 'name', 'known'] as const;
export type SuggestionOrigin = (typeof SUGGESTION_ORIGINS)[number];

export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * What the extractor found at one place in a source's canonical text, before it is stored:
 * the output of extraction (core + the worker's name recogniser).
 */
export interface SuggestionCandidate {
  readonly origin: SuggestionOrigin;
  /** The proposed entity type; the investigator may change it before accepting. */
  readonly type: EntityType;
  /** The entity's name or value: refanged and normalised (e.g. "http://evil.example/x"). */
  readonly value: string;
  /** UTF-16 offsets into the canonical text; `text.slice(start, end)` is the text as written. */
  readonly start: number;
  readonly end: number;
  /** Finer kind shown in the review queue, e.g. "sha256", "ipv4", "bitcoin", "defanged". */
  readonly detail?: string;
  /** For origin `known`: the existing entity this would be a mention of. */
  readonly entityId?: EntityId;
}

/** A stored suggestion in a source's review queue. */
export interface Suggestion extends CaseOwned, SuggestionCandidate {
  readonly id: SuggestionId;
  readonly sourceId: SourceId;
  /** The text as written at [start, end) when it was found (maybe defanged). */
  readonly raw: string;
  readonly status: SuggestionStatus;
  /** After accepting: the mention passage that was created. */
  readonly passageId?: PassageId;
}

/**
 * A rejected (type, value): remembered case-wide so extraction never proposes it again.
 * `key` is suggestionKey(type, value) (core/model/entityTypes.ts).
 */
export interface Rejection {
  readonly caseId: CaseId;
  readonly key: string;
  readonly type: EntityType;
  readonly value: string;
  readonly createdAt: IsoTimestamp;
}

/**
 * A named search of one case, re-runnable from the search area (issue 7). `query` is the text the
 * investigator typed, in the search language of src/search/query.ts, stored as typed so it is
 * re-parsed (and re-validated) every time it runs.
 */
export interface SavedSearch extends CaseOwned {
  readonly id: SavedSearchId;
  readonly name: string;
  readonly query: string;
}

export const CLAIM_STATUSES = ['asserted', 'corroborated', 'disputed', 'refuted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type ValidTime =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'interval'; readonly start?: string; readonly end?: string };

export type ClaimObject =
  | { readonly kind: 'entity'; readonly entityId: EntityId }
  | { readonly kind: 'literal'; readonly value: string };

export interface ClaimRelation {
  readonly kind: 'supports' | 'contradicts';
  readonly claimId: ClaimId;
}

export interface Claim extends CaseOwned {
  readonly id: ClaimId;
  readonly subjectId: EntityId;
  readonly predicate: string;
  readonly object: ClaimObject;
  readonly validTime: ValidTime;
  readonly evidence: readonly PassageId[];
  readonly credibility: InformationCredibility;
  readonly status: ClaimStatus;
  readonly relations: readonly ClaimRelation[];
  readonly attributedTo?: string;
  readonly note: string;
}

/**
 * A note as the repository returns it: its metadata and references (stored in `notes`) joined
 * with its content (stored in `noteContents`, see NoteContent).
 */
export interface Note extends CaseOwned {
  readonly id: NoteId;
  readonly title: string;
  /**
   * The note's content as JSON text: a NoteDocument (core/model/note.ts, versioned). Notes written
   * before schema v5 hold a bare Lexical editor state (note format 1), migrated when read.
   */
  readonly editorState: string;
  /** Entities the note mentions, derived from the content on every save (backlinks index). */
  readonly entityIds: readonly EntityId[];
  /** Passages the note quotes, derived likewise. */
  readonly passageIds: readonly PassageId[];
  /** Claims the note embeds, derived likewise. */
  readonly claimIds: readonly ClaimId[];
}

/**
 * A note's content: one row per note, under the note's id, kept apart from its metadata so that
 * listing notes (and finding backlinks) never reads their content, which may run to megabytes.
 */
export interface NoteContent extends CaseOwned {
  /** The id of the note this is the content of. */
  readonly id: NoteId;
  /** As Note.editorState. */
  readonly editorState: string;
}

/** How a chart lays out its nodes; `preset` keeps the positions saved with the chart. */
export const CHART_LAYOUTS = ['fcose', 'concentric', 'breadthfirst', 'grid', 'preset'] as const;
export type ChartLayout = (typeof CHART_LAYOUTS)[number];

/** What node size shows: nothing, number of links, or betweenness centrality. */
export const CHART_SIZE_BY = ['none', 'degree', 'betweenness'] as const;
export type ChartSizeBy = (typeof CHART_SIZE_BY)[number];

/**
 * Which claims and entities a chart shows. Every field is optional: absent means "no filter".
 * Dates are partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) compared with claims' valid time.
 */
export interface ChartFilters {
  readonly entityTypes?: readonly EntityType[];
  readonly predicates?: readonly string[];
  /** Admiralty source reliability letters of the claim's grade (claims without grade: 'none'). */
  readonly reliabilities?: readonly (SourceReliability | 'none')[];
  /** Highest (worst) information credibility shown: 3 hides 4, 5 and 6. */
  readonly maxCredibility?: InformationCredibility;
  readonly statuses?: readonly ClaimStatus[];
  /** Claims with evidence from at least one of these sources. */
  readonly sourceIds?: readonly SourceId[];
  readonly dateFrom?: string;
  readonly dateTo?: string;
  /** Undated claims are shown unless a date range is set and this is false. */
  readonly includeUndated?: boolean;
}

/** Nodes drawn together; a collapsed group is one node standing for its members. */
export interface ChartGroup {
  readonly id: string;
  readonly label: string;
  readonly memberIds: readonly EntityId[];
  readonly collapsed: boolean;
}

export interface Chart extends CaseOwned {
  readonly id: ChartId;
  readonly title: string;
  /**
   * `all`: every entity and claim of the case that passes the filters. `chosen`: only the entities
   * in `entityIds` (and the claims between them); "expand neighbourhood" adds to them.
   */
  readonly scope: 'all' | 'chosen';
  readonly entityIds: readonly EntityId[];
  /** Node positions by element id; ids that no longer exist are ignored when the chart opens. */
  readonly positions: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  readonly filters: ChartFilters;
  readonly layout: ChartLayout;
  readonly sizeBy: ChartSizeBy;
  readonly groups: readonly ChartGroup[];
}

export interface AuditEvent {
  readonly id: AuditEventId;
  readonly caseId: CaseId;
  /** Position in the case's chain, from 0. */
  readonly seq: number;
  readonly at: IsoTimestamp;
  readonly action: string;
  readonly subject: string;
  readonly detail: Readonly<Record<string, unknown>>;
  /** SHA-256 of the previous event's canonical form ('' for the first). */
  readonly prevHash: string;
  readonly hash: string;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

/** Database-wide facts, keyed by name. `formatVersion` guards against older apps writing. */
export interface MetaEntry {
  readonly key: string;
  readonly value: unknown;
}
