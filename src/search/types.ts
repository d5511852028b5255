import type { EntityType } from '../core/model/records';
import type { SearchRecordKind } from '../core/ports/search';
import type { Result } from '../shared/result';
import type { SearchQuery, SearchWarning } from './query';

/**
 * Contracts between the parts of case-wide search (README.md): the documents the index holds, the
 * engine that answers a parsed query, and the client the UI talks to (the engine runs in a worker).
 */

// ---------------------------------------------------------------- documents

/** A date range a record is about, as ISO dates (YYYY-MM-DD), for `before:` / `after:`. */
export interface SearchDateRange {
  readonly first: string;
  readonly last: string;
}

/**
 * One record as the index sees it: text to search, and the metadata filters and result rows need.
 * Built from a SearchRecord by documents.ts; nothing here is read back from storage at query time.
 */
export interface SearchDocument {
  readonly kind: SearchRecordKind;
  /** The record's id (a source, passage, entity, claim or note id). */
  readonly id: string;
  /** SearchRecordStamp.stamp of the record this was built from. */
  readonly stamp: string;
  /** Shown as the result's heading, and searched (a hit here ranks above one in the body). */
  readonly title: string;
  /**
   * The body searched and shown in snippets. For a source it is exactly the canonical text, so
   * a hit's offsets are offsets the reader can scroll to.
   */
  readonly text: string;
  /**
   * Also searched, never part of `text`'s offsets: a source's provenance (author, publisher, URL,
   * file name, e-mail headers), an entity's attributes. A hit only here gets a snippet of `extra`.
   */
  readonly extra?: string;
  /** Sources: publication (else capture) date; claims: valid time; notes: last edit day. */
  readonly date?: SearchDateRange;
  /** Passages: their source. */
  readonly sourceId?: string;
  /** Passages: the tagged entity; claims: subject and object; notes: mentioned entities. */
  readonly entityIds?: readonly string[];
  /** Claims: evidence passages; notes: quoted passages. */
  readonly passageIds?: readonly string[];
  /** Entities: their type, for `type:person` and the result row's badge. */
  readonly entityType?: EntityType;
  /** Entities: name and aliases, for `entity:` filters. Sources: nothing (`source:` uses the title). */
  readonly names?: readonly string[];
  /** Passages: where they sit in their source's canonical text. */
  readonly position?: { readonly start: number; readonly end: number };
}

// ---------------------------------------------------------------- results

/** UTF-16 offsets into the string they belong to (a snippet's text or a title). */
export interface SearchRange {
  readonly start: number;
  readonly end: number;
}

export interface SearchSnippet {
  /** A window of the document's text (about 200 characters), whitespace runs collapsed to one space. */
  readonly text: string;
  /** The matched words within `text`. */
  readonly highlights: readonly SearchRange[];
  /** Whether text was cut before / after the window (the UI shows an ellipsis). */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

export interface SearchHit {
  readonly kind: SearchRecordKind;
  readonly id: string;
  readonly title: string;
  readonly titleHighlights: readonly SearchRange[];
  /** Absent when the match is in the title only. */
  readonly snippet?: SearchSnippet;
  /**
   * The first match in the document's `text` (document offsets, not snippet offsets). For a source
   * this is where the reader scrolls to; for a passage it is inside the passage's text.
   */
  readonly firstMatch?: SearchRange;
  /**
   * The index terms this hit matched (folded words and indicator values, after prefix and typo
   * expansion), so a view can highlight exactly what the index matched (the reader does).
   */
  readonly matchedTerms: readonly string[];
  /** True when every match needed typo tolerance (shown as "similar spelling"). */
  readonly fuzzyOnly: boolean;
  readonly score: number;
  /** Passages: their source (to open the reader); also their position there. */
  readonly sourceId?: string;
  readonly position?: SearchRange;
  /** Entities: their type. */
  readonly entityType?: EntityType;
}

export interface SearchGroup {
  readonly kind: SearchRecordKind;
  /** Every matching record of this kind (not only those in `hits`). */
  readonly total: number;
  /** Best first, `offset` … `offset + limit` of them. */
  readonly hits: readonly SearchHit[];
}

export interface SearchOptions {
  /** Kinds to return hits for (totals are counted for every kind). Default: all. */
  readonly kinds?: readonly SearchRecordKind[];
  /** Hits per group. Default 5; at most MAX_SEARCH_LIMIT. */
  readonly limit?: number;
  /** Skip this many hits of each group (paging "show more"). Default 0. */
  readonly offset?: number;
}

export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 200;

/** What the engine answers for one parsed query. */
export interface SearchResult {
  /** One group per SEARCH_RECORD_KINDS entry, in that order, even when empty. */
  readonly groups: readonly SearchGroup[];
  /** Sum of the groups' totals. */
  readonly total: number;
  /**
   * Index terms the query's words were expanded to (prefix and typo tolerance), per query word,
   * for "also matched: nam, nom" and for highlighting.
   */
  readonly expansions: Readonly<Record<string, readonly string[]>>;
}

// ---------------------------------------------------------------- engine

/**
 * The in-memory index of one case (engine.ts). Synchronous and DOM-free: it runs in the search
 * worker and in Node tests and benches.
 */
export interface SearchEngine {
  /** Number of documents indexed (live ones). */
  readonly size: number;
  /**
   * Adds a document, or replaces the one with the same kind and id. When the indexed one has the
   * same stamp, nothing is re-indexed: only the text kept for snippets and phrases is attached
   * (an imported snapshot holds no texts; loading attaches them this way).
   */
  upsert(document: SearchDocument): void;
  /** Removes a document; unknown ones are ignored. */
  remove(kind: SearchRecordKind, id: string): void;
  /** The stamp of the indexed document, undefined when not indexed. */
  stampOf(kind: SearchRecordKind, id: string): string | undefined;
  /** Every indexed document's kind, id and stamp. */
  stamps(): Iterable<{
    readonly kind: SearchRecordKind;
    readonly id: string;
    readonly stamp: string;
  }>;
  search(query: SearchQuery, options?: SearchOptions): SearchResult;
  /**
   * Prepares, for about `budgetMs`, what an imported index builds after loading (the documents'
   * forward indexes for phrase checks); true when nothing is left. Answers stay exact meanwhile,
   * only slower.
   */
  warm(budgetMs: number): boolean;
  /**
   * The index as a snapshot to persist (without the documents' texts, which stay in the case
   * database). The manifest records the snapshot format, the engine and tokenizer versions, the
   * case id, every document's kind, id and stamp, and each chunk's length and checksum.
   */
  exportSnapshot(caseId: string): {
    readonly manifest: string;
    readonly chunks: readonly { readonly key: string; readonly data: string }[];
  };
}

// ---------------------------------------------------------------- client (UI side)

export type SearchIndexState = 'loading' | 'building' | 'updating' | 'ready' | 'failed';

/** What the index of the open case is doing, for the search area's status line. */
export interface SearchIndexStatus {
  readonly caseId: string;
  readonly state: SearchIndexState;
  /** Records indexed so far / records to index, while loading, building or updating. */
  readonly done: number;
  readonly total: number;
  /** Documents in the index. */
  readonly documents: number;
  /**
   * Why the index was rebuilt instead of loaded, when it was (e.g. "The saved index was damaged
   * (checksum mismatch in chunk 3); it was rebuilt."). Shown once, not an error.
   */
  readonly notice?: string;
  /** When state is 'failed': what went wrong. */
  readonly error?: string;
}

/** What the UI receives for a query. */
export interface SearchResponse extends SearchResult {
  /** The "Searching for …" line (describeSearchQuery). */
  readonly description: string;
  readonly warnings: readonly SearchWarning[];
  /** False while the index is still being built: the results cover only what is indexed so far. */
  readonly complete: boolean;
  readonly status: SearchIndexStatus;
  /** Time the worker spent on the query, in milliseconds. */
  readonly tookMs: number;
}

export interface SearchClient {
  /**
   * Parses and runs `query` over the case's index, opening (loading or building) the index first
   * when needed. Query errors (empty, too long…) come back as the parser's Result error; index
   * failures as `search.index.*` errors. Never rejects.
   */
  search(caseId: string, query: string, options?: SearchOptions): Promise<Result<SearchResponse>>;
  /** Starts loading the case's index in the background (when a case opens), without a query. */
  prepare(caseId: string): void;
  /**
   * Opens the case's index and keeps it in memory until the returned function is called (while
   * the Search area is shown). Unheld, an index is released a short while after its last use and
   * loaded again from its persisted copy by the next call.
   */
  retain(caseId: string): () => void;
  /**
   * Something in storage changed: the index re-reads stamps and re-indexes what changed before it
   * answers the next query (coalesced; cheap when nothing relevant changed).
   */
  invalidate(caseId: string): void;
  /** Drops the persisted index and builds it again from the case database. */
  rebuild(caseId: string): Promise<Result<void>>;
  /**
   * The case was deleted: its index and persisted snapshot are dropped (starting the worker if it
   * was released, since a stopped worker hears no deletions).
   */
  forget(caseId: string): void;
  /** Status changes of any case's index; returns the unsubscribe function. */
  subscribe(listener: (status: SearchIndexStatus) => void): () => void;
  dispose(): void;
}
