import type { Result } from '../../shared/result';
import type { CaseId, SavedSearchId } from '../model/ids';
import type { Claim, Entity, Note, Passage, SavedSearch, Source } from '../model/records';

/**
 * What the case-wide search index (src/search) needs from storage, so the index can live in a Web
 * Worker and be tested in Node without knowing Dexie. Implemented in src/db.
 */

/** The record kinds the search index covers, in the order results are shown. */
export const SEARCH_RECORD_KINDS = ['entity', 'claim', 'source', 'passage', 'note'] as const;
export type SearchRecordKind = (typeof SEARCH_RECORD_KINDS)[number];

export interface SearchRecordRef {
  readonly kind: SearchRecordKind;
  readonly id: string;
}

/**
 * A record's version as far as its indexed text is concerned. Equal stamps mean equal text, so a
 * stamp changes whenever anything that goes into the record's search document changes: the
 * record's `updatedAt`, and for a claim also the `updatedAt` of its subject and object entities
 * (their names are part of the claim's text), joined with `|`.
 */
export interface SearchRecordStamp extends SearchRecordRef {
  readonly stamp: string;
}

/**
 * One record as the index reads it, with what its search document needs from other tables.
 * Merged entities (`mergedInto` set) are not part of the corpus: they are neither stamped nor read.
 */
export type SearchRecord =
  | {
      readonly kind: 'source';
      readonly stamp: string;
      readonly source: Source;
      /** The canonical text (sourceContents.text); offsets of hits are offsets into it. */
      readonly text: string;
    }
  | { readonly kind: 'passage'; readonly stamp: string; readonly passage: Passage }
  | { readonly kind: 'entity'; readonly stamp: string; readonly entity: Entity }
  | {
      readonly kind: 'claim';
      readonly stamp: string;
      readonly claim: Claim;
      /** Current names (and aliases) of the subject and of the object entity, when there is one. */
      readonly subject?: Pick<Entity, 'id' | 'name' | 'aliases' | 'type'>;
      readonly object?: Pick<Entity, 'id' | 'name' | 'aliases' | 'type'>;
    }
  | {
      readonly kind: 'note';
      readonly stamp: string;
      readonly note: Omit<Note, 'editorState'>;
      /** The stored content (a NoteDocument as JSON text); may be malformed: index the title only. */
      readonly editorState: string;
    };

export interface SearchCorpus {
  /**
   * The stamp of every record of the case the index covers. Cheap: reads index keys where the
   * schema allows ([caseId+updatedAt]), never source texts or note contents.
   */
  stamps(caseId: CaseId): Promise<readonly SearchRecordStamp[]>;
  /** The records asked for, in one read transaction; records that no longer exist are left out. */
  read(caseId: CaseId, refs: readonly SearchRecordRef[]): Promise<readonly SearchRecord[]>;
  /**
   * Every record of the case, `batchSize` at a time (so only one batch of source texts is in
   * memory), kind by kind in SEARCH_RECORD_KINDS order. Resolves after the last batch has been
   * handled (`onBatch` is awaited).
   */
  readAll(
    caseId: CaseId,
    onBatch: (records: readonly SearchRecord[]) => void | Promise<void>,
    options?: { readonly batchSize?: number },
  ): Promise<void>;
}

/**
 * A persisted search index, opaque to storage: a manifest (JSON text naming the format, versions,
 * what was indexed and each chunk's length and checksum) and the chunks it lists.
 */
export interface StoredSearchSnapshot {
  readonly manifest: string;
  readonly chunks: readonly { readonly key: string; readonly data: string }[];
}

/**
 * Where persisted indexes live: derived data, kept apart from the case database (a separate
 * IndexedDB database), so losing it costs a rebuild and never evidence.
 */
export interface SearchSnapshotStore {
  load(caseId: CaseId): Promise<StoredSearchSnapshot | undefined>;
  /** Replaces the case's snapshot atomically (one transaction): a reader sees the old or the new. */
  save(caseId: CaseId, snapshot: StoredSearchSnapshot): Promise<void>;
  remove(caseId: CaseId): Promise<void>;
}

/** Longest saved-search name. */
export const MAX_SAVED_SEARCH_NAME_LENGTH = 200;

/**
 * Longest search query, in characters: the query language refuses longer ones (src/search/query.ts)
 * and a saved search cannot hold one (src/db), so both read it from here.
 */
export const MAX_SEARCH_QUERY_LENGTH = 1_000;

export interface SavedSearchRepository {
  /** The case's saved searches, most recently used or changed first. */
  list(caseId: CaseId): Promise<readonly SavedSearch[]>;
  get(id: SavedSearchId): Promise<SavedSearch | undefined>;
  /**
   * Saves a named query. Refused (`savedSearch.invalid`, nothing written): an empty or over-long
   * name, a name already used in the case (any case, accents ignored), a query the search language
   * refuses (the caller validates it with parseSearchQuery and passes only valid text).
   */
  create(
    caseId: CaseId,
    input: { readonly name: string; readonly query: string },
  ): Promise<Result<SavedSearch>>;
  /** Renames and/or changes the query, with the same checks. */
  update(
    id: SavedSearchId,
    changes: { readonly name?: string; readonly query?: string },
  ): Promise<Result<SavedSearch>>;
  /** Marks it as just run, so it moves to the top of the list. No audit event. */
  touch(id: SavedSearchId): Promise<Result<SavedSearch>>;
  delete(id: SavedSearchId): Promise<Result<void>>;
}
