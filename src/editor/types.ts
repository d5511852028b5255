import type {
  ClaimId,
  ClaimStatus,
  EntityId,
  EntityType,
  NoteDocument,
  PassageId,
  SerializedEvidenceQuote,
  SourceId,
} from '../core';
import type { Result } from '../shared/result';

/** What an @mention chip shows: the entity as it is now (so renames follow). */
export interface MentionTarget {
  readonly id: EntityId;
  readonly name: string;
  readonly type: EntityType;
}

/** What a quote card shows about its passage, read live. */
export interface QuoteTarget {
  readonly passageId: PassageId;
  readonly sourceId: SourceId;
  readonly quote: string;
  readonly sourceTitle: string;
  /** 1-based page, for paged sources. */
  readonly page?: number;
  /** Admiralty reliability of the source (A–F). */
  readonly reliability: string;
  /** The quote is no longer found in its source's text. */
  readonly orphaned: boolean;
}

/** What a claim card shows, read live. */
export interface ClaimTarget {
  readonly id: ClaimId;
  readonly subject: string;
  readonly predicate: string;
  readonly object: string;
  /** Admiralty code such as "B2"; undefined for an analyst assertion. */
  readonly grade?: string;
  readonly status: ClaimStatus;
}

/**
 * How the editor's evidence-aware nodes look things up and act, supplied by the notebook feature
 * (src/editor may not import storage). A lookup returns `undefined` while loading and `'missing'`
 * once it is known that the record no longer exists.
 */
export interface NoteReferenceResolver {
  entity(id: EntityId): MentionTarget | 'missing' | undefined;
  passage(id: PassageId): QuoteTarget | 'missing' | undefined;
  claim(id: ClaimId): ClaimTarget | 'missing' | undefined;
  /** Entities for the @ type-ahead, best matches first (names and aliases), at most `limit`. */
  searchEntities(query: string, limit: number): readonly MentionTarget[];
  /** Creates an entity from the type-ahead ("Create “name” as …"). */
  createEntity(name: string, type: EntityType): Promise<Result<MentionTarget>>;
  /** The quote node JSON for a passage dropped or inserted into the editor. */
  quoteFor(passageId: PassageId): Promise<Result<SerializedEvidenceQuote>>;
  openEntity(id: EntityId): void;
  openPassage(sourceId: SourceId, passageId: PassageId): void;
  openClaim(id: ClaimId): void;
}

/** The save state shown next to the editor. `saved` is reported only after the write committed. */
export type NoteSaveStatus =
  | { readonly state: 'saved' }
  | { readonly state: 'unsaved' }
  | { readonly state: 'saving' }
  | { readonly state: 'failed'; readonly message: string };

export interface NoteEditorProps {
  readonly noteId: string;
  /** The stored note's updatedAt: a recovery journal written before it is applied on open. */
  readonly storedUpdatedAt: string;
  readonly initialDocument: NoteDocument;
  readonly readOnly: boolean;
  readonly resolver: NoteReferenceResolver;
  /** Persists the document; resolves after the transaction committed. */
  readonly onSave: (document: NoteDocument) => Promise<Result<unknown>>;
  readonly onStatusChange?: (status: NoteSaveStatus) => void;
  /** A message for the investigator (e.g. a refused paste). */
  readonly onNotice?: (message: string) => void;
}

/** Imperative handle of the NoteEditor (React ref). */
export interface NoteEditorHandle {
  insertQuote(quote: SerializedEvidenceQuote): void;
  insertClaim(claimId: ClaimId, label: string): void;
  insertMention(target: MentionTarget): void;
  /** Saves pending edits now; resolves when stored (or at once when nothing is pending). */
  flush(): Promise<void>;
  focus(): void;
}

/** Drag-and-drop payload type for a passage dragged into the editor (value: the passage id). */
export const PASSAGE_DRAG_TYPE = 'application/x-casefile-passage';
