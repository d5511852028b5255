import Dexie, { type DBCore, type Table, type Transaction } from 'dexie';
import type {
  AuditEvent,
  Blob as BlobRecord,
  Case,
  Chart,
  Claim,
  Entity,
  EntityMerge,
  MetaEntry,
  Note,
  NoteContent,
  Passage,
  Rejection,
  SavedSearch,
  Source,
  SourceContent,
  Suggestion,
} from '../core/model/records';
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
} from '../core/model/ids';
import { noteReferences, parseNoteDocument } from '../core/model/note';
import { AppErrorException } from '../shared/result';

/** IndexedDB database name. Pinned by a test: renaming it would strand every user's data. */
export const CASEFILE_DB_NAME = 'casefile';

/** The newest Dexie schema version this app declares (Dexie stores it natively ×10). */
export const CURRENT_SCHEMA_VERSION = 6;

/**
 * Version of the data written into the tables, stored in `meta` under FORMAT_VERSION_KEY.
 * A database whose format is newer than this is opened read-only (see open.ts).
 *
 * History: 1 = Casefile 0.1, a sources row holds its text. 2 = schema v2: text, structure and
 * HTML live in `sourceContents`, so a v1 app would find sources without text. A v1 app never
 * writes a v2 database: its guard (open.ts) sees a native schema (20) newer than its own and
 * opens the database as-is, read-only, before it reads this marker. The marker is bumped all the
 * same, because the rows changed meaning. 3 = schema v3: entity merges (with `mergedInto` on
 * entities), extraction suggestions and remembered rejections, record kinds a v2 app would neither
 * show nor carry along (it would export and copy cases without them). 4 = schema v4: charts have
 * a new shape (scope, entityIds, typed filters, layout from CHART_LAYOUTS, sizeBy, groups) and
 * cases may carry a predicate vocabulary; a v3 app would misread the charts. 5 = schema v5: a
 * note's content moves to `noteContents` (a v4 app would find notes without content), notes carry
 * derived entityIds/passageIds/claimIds (backlinks) that every save must keep in step with the
 * content, and new content is a versioned note document. 6 = schema v6: saved searches, a record
 * kind a v5 app would neither show nor carry along.
 */
export const DATA_FORMAT_VERSION = 6;
export const FORMAT_VERSION_KEY = 'formatVersion';

/** Dexie stores spec: table name → "primaryKey, index, [compound+index], *multiEntry" (null drops). */
export type StoresSpec = Readonly<Record<string, string | null>>;

export interface SchemaVersion {
  readonly version: number;
  readonly stores: StoresSpec;
  /** Data migration Dexie runs, inside the upgrade transaction, when moving to this version. */
  readonly upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

/** Tables whose rows carry a caseId and are removed with their case. */
export const CASE_OWNED_TABLES = [
  'sources',
  'sourceContents',
  'passages',
  'entities',
  'claims',
  'notes',
  'noteContents',
  'charts',
  'audit',
  'entityMerges',
  'suggestions',
  'rejections',
  'savedSearches',
] as const;
export type CaseOwnedTable = (typeof CASE_OWNED_TABLES)[number];

type Row = Record<string, unknown>;

/**
 * Pages through `from` by primary key, `batch` rows at a time (so only one batch of large fields
 * is in memory), putting what `split` takes out of each row into `to` and the rest back. Runs
 * inside Dexie's upgrade transaction: all or nothing.
 */
async function splitRows(
  tx: Transaction,
  from: string,
  to: string,
  batch: number,
  split: (row: Row) => { readonly moved?: Row; readonly kept: Row },
): Promise<void> {
  const source = tx.table<Row, string>(from);
  const target = tx.table<Row, string>(to);
  let after: string | undefined;
  for (;;) {
    const page = after === undefined ? source.orderBy(':id') : source.where(':id').above(after);
    const rows = await page.limit(batch).toArray();
    if (rows.length === 0) return;
    const moved: Row[] = [];
    const kept: Row[] = [];
    for (const row of rows) {
      const parts = split(row);
      if (parts.moved) moved.push(parts.moved);
      kept.push(parts.kept);
    }
    await target.bulkPut(moved);
    await source.bulkPut(kept);
    after = String(rows[rows.length - 1]?.['id']);
  }
}

/** Rows per batch when the v2 upgrade moves source texts: bounds memory on large databases. */
const SOURCE_CONTENT_BATCH = 200;

/**
 * Schema v2 upgrade: moves `text`, `structure` and `html` out of every sources row into a
 * sourceContents row with the same id and caseId.
 */
function moveSourceContents(tx: Transaction): Promise<void> {
  return splitRows(tx, 'sources', 'sourceContents', SOURCE_CONTENT_BATCH, (row) => {
    const { text, structure, html, ...metadata } = row;
    return {
      moved: {
        id: row['id'],
        caseId: row['caseId'],
        // v1 always wrote text and structure; defaults only guard against a damaged row.
        text: typeof text === 'string' ? text : '',
        structure: typeof structure === 'object' && structure !== null ? structure : {},
        ...(typeof html === 'string' ? { html } : {}),
      },
      kept: metadata,
    };
  });
}

/** Chart layouts of schema v4 (CHART_LAYOUTS); written out here because a released upgrade is frozen. */
const V4_CHART_LAYOUTS: readonly string[] = [
  'fcose',
  'concentric',
  'breadthfirst',
  'grid',
  'preset',
];

/**
 * Schema v4 upgrade: rewrites every chart row of the old shape ({ elementIds, filters as a free
 * record, layout as any string }) into the v4 Chart. Chosen elements become scope `chosen` with
 * those entity ids (else the whole case); an unknown layout becomes `fcose`; the old filters had
 * no defined meaning and are dropped; positions are kept. Charts are few and small: one pass.
 */
async function reshapeCharts(tx: Transaction): Promise<void> {
  await tx
    .table<Record<string, unknown>, string>('charts')
    .toCollection()
    .modify((row, ctx) => {
      const { elementIds, filters: _oldFilters, layout, ...rest } = row;
      const ids = Array.isArray(elementIds)
        ? elementIds.filter((id): id is string => typeof id === 'string' && id !== '')
        : [];
      const positions = row['positions'];
      const next: Record<string, unknown> = {
        ...rest,
        scope: ids.length > 0 ? 'chosen' : 'all',
        entityIds: [...new Set(ids)],
        positions:
          typeof positions === 'object' && positions !== null && !Array.isArray(positions)
            ? positions
            : {},
        filters: {},
        layout: typeof layout === 'string' && V4_CHART_LAYOUTS.includes(layout) ? layout : 'fcose',
        sizeBy: 'degree',
        groups: [],
      };
      ctx.value = next;
    });
}

/** Notes per batch when the v5 upgrade moves their content: a note may hold megabytes of JSON. */
const NOTE_BATCH = 50;

/**
 * Schema v5 upgrade: moves `editorState` out of every notes row into a noteContents row with the
 * same id (and caseId, createdAt, updatedAt), and gives the notes row the references its content
 * makes (entityIds, passageIds, claimIds), which the new multi-entry indexes serve as backlinks.
 * The content is moved exactly as stored (format 1 is migrated when read); content that cannot be
 * read is kept all the same, with empty lists, so no note is lost. A row without any content gets
 * no content row (the repository reports it missing). Pages by primary key like the v2 upgrade.
 */
function moveNoteContents(tx: Transaction): Promise<void> {
  return splitRows(tx, 'notes', 'noteContents', NOTE_BATCH, (row) => {
    const { editorState, ...metadata } = row;
    const parsed = typeof editorState === 'string' ? parseNoteDocument(editorState) : undefined;
    const references = parsed?.ok
      ? noteReferences(parsed.value)
      : { entityIds: [], passageIds: [], claimIds: [] };
    const kept = {
      ...metadata,
      entityIds: [...references.entityIds],
      passageIds: [...references.passageIds],
      claimIds: [...references.claimIds],
    };
    if (!('editorState' in row)) return { kept };
    const moved = {
      id: row['id'],
      caseId: row['caseId'],
      createdAt: row['createdAt'],
      updatedAt: row['updatedAt'],
      editorState,
    };
    return { moved, kept };
  });
}

/**
 * Every released schema, oldest first. Released entries are never edited (a test pins them):
 * a change is a new entry with the full stores spec and, if rows must change, an `upgrade`.
 * Every case-owned table indexes `caseId`, so listing and deleting a case's records is a range scan.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      cases: 'id, updatedAt, title',
      // [caseId+sha256] lets delete find a case's blob keys without loading source texts.
      sources: 'id, caseId, sha256, [caseId+updatedAt], [caseId+sha256]',
      // Shared by content hash across cases; no caseId: reference-counted through sources.sha256.
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type]',
      claims: 'id, caseId, subjectId, predicate, [caseId+status]',
      notes: 'id, caseId, updatedAt',
      charts: 'id, caseId',
      // Unique: two writers can never both append event N to the same case's chain.
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
    },
  },
  {
    // Casefile 0.2: source texts move out of `sources` (see moveSourceContents).
    version: 2,
    stores: {
      cases: 'id, updatedAt, title',
      // Metadata only, so listing thousands of sources reads no texts. parentId: attachments.
      sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
      // Text, structure and HTML of a source, under its source's id.
      sourceContents: 'id, caseId',
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type]',
      claims: 'id, caseId, subjectId, predicate, [caseId+status]',
      notes: 'id, caseId, updatedAt',
      charts: 'id, caseId',
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
    },
    upgrade: moveSourceContents,
  },
  {
    // Casefile 0.3: entity merges (undoable), extraction suggestions and remembered rejections.
    // New tables only: no row of v2 changes, so there is no upgrade function.
    version: 3,
    stores: {
      cases: 'id, updatedAt, title',
      sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
      sourceContents: 'id, caseId',
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type]',
      claims: 'id, caseId, subjectId, predicate, [caseId+status]',
      notes: 'id, caseId, updatedAt',
      charts: 'id, caseId',
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
      // survivorId/mergedId: "is a later merge of this entity still in force?" without a scan.
      entityMerges: 'id, caseId, survivorId, mergedId',
      // [caseId+status]: pending counts per case; [sourceId+status]: a source's review queue.
      suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
      // One row per rejected (type, value) per case: the key is suggestionKey(type, value).
      rejections: '[caseId+key], caseId',
    },
  },
  {
    // Casefile 0.4: claims and link charts. Claims are found by object entity and by cited
    // passage (entity and source deletes, merges) without a scan; charts take their new shape.
    version: 4,
    stores: {
      cases: 'id, updatedAt, title',
      sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
      sourceContents: 'id, caseId',
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type]',
      claims: 'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status]',
      notes: 'id, caseId, updatedAt',
      charts: 'id, caseId',
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
      entityMerges: 'id, caseId, survivorId, mergedId',
      suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
      rejections: '[caseId+key], caseId',
    },
    upgrade: reshapeCharts,
  },
  {
    // Casefile 0.5: the case notebook. Notes are listed by case, newest first, and found by the
    // entities they mention, passages they quote and claims they embed (backlinks). Their content
    // moves out of `notes` (see moveNoteContents), as source texts did in v2.
    version: 5,
    stores: {
      cases: 'id, updatedAt, title',
      sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
      sourceContents: 'id, caseId',
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type]',
      claims: 'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status]',
      // Metadata and references only, so listing notes and finding backlinks read no content.
      notes: 'id, caseId, updatedAt, [caseId+updatedAt], *entityIds, *passageIds, *claimIds',
      // A note's content (editorState), under its note's id.
      noteContents: 'id, caseId',
      charts: 'id, caseId',
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
      entityMerges: 'id, caseId, survivorId, mergedId',
      suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
      rejections: '[caseId+key], caseId',
    },
    upgrade: moveNoteContents,
  },
  {
    // Casefile 0.6: case-wide search. Saved searches per case; passages, entities and claims gain
    // [caseId+updatedAt] so the search index can see what changed by reading keys, not records.
    // New table and indexes only, so there is no upgrade function.
    version: 6,
    stores: {
      cases: 'id, updatedAt, title',
      sources: 'id, caseId, sha256, parentId, [caseId+updatedAt], [caseId+sha256]',
      sourceContents: 'id, caseId',
      blobs: 'sha256',
      passages: 'id, caseId, sourceId, entityId, [caseId+sourceId], [caseId+updatedAt]',
      entities: 'id, caseId, type, name, *aliases, [caseId+type], [caseId+updatedAt]',
      claims:
        'id, caseId, subjectId, object.entityId, *evidence, predicate, [caseId+status], [caseId+updatedAt]',
      notes: 'id, caseId, updatedAt, [caseId+updatedAt], *entityIds, *passageIds, *claimIds',
      noteContents: 'id, caseId',
      charts: 'id, caseId',
      audit: 'id, caseId, &[caseId+seq]',
      meta: 'key',
      entityMerges: 'id, caseId, survivorId, mergedId',
      suggestions: 'id, caseId, sourceId, [caseId+status], [sourceId+status]',
      rejections: '[caseId+key], caseId',
      // Listed per case, most recently used first.
      savedSearches: 'id, caseId, [caseId+updatedAt]',
    },
  },
];

/** A notes row: a note without its content, which lives in `noteContents` (schema v5). */
export type NoteRow = Omit<Note, 'editorState'>;

export interface CasefileDatabaseOptions {
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /**
   * 'declared' (default) declares SCHEMA_VERSIONS and upgrades older databases.
   * 'existing' declares nothing and opens whatever schema is on disk without changing it; used to
   * read a database written by a newer app.
   */
  readonly schema?: 'declared' | 'existing';
}

export const TABLE_NAMES = [
  'cases',
  'sources',
  'sourceContents',
  'blobs',
  'passages',
  'entities',
  'claims',
  'notes',
  'noteContents',
  'charts',
  'audit',
  'meta',
  'entityMerges',
  'suggestions',
  'rejections',
  'savedSearches',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export class CasefileDatabase extends Dexie {
  // `declare`: no class-field initialisers, which would overwrite the tables Dexie sets up.
  declare readonly cases: Table<Case, CaseId>;
  declare readonly sources: Table<Source, SourceId>;
  declare readonly sourceContents: Table<SourceContent, SourceId>;
  declare readonly blobs: Table<BlobRecord, Sha256>;
  declare readonly passages: Table<Passage, PassageId>;
  declare readonly entities: Table<Entity, EntityId>;
  declare readonly claims: Table<Claim, ClaimId>;
  declare readonly notes: Table<NoteRow, NoteId>;
  declare readonly noteContents: Table<NoteContent, NoteId>;
  declare readonly charts: Table<Chart, ChartId>;
  declare readonly audit: Table<AuditEvent, AuditEventId>;
  declare readonly meta: Table<MetaEntry, string>;
  declare readonly entityMerges: Table<EntityMerge, EntityMergeId>;
  declare readonly suggestions: Table<Suggestion, SuggestionId>;
  declare readonly rejections: Table<Rejection, [string, string]>;
  declare readonly savedSearches: Table<SavedSearch, SavedSearchId>;

  // A plain field, not #private: Dexie hands out prototype-derived views of the instance (vip).
  private readOnlyReasonValue: string | undefined = undefined;

  constructor(name: string = CASEFILE_DB_NAME, options: CasefileDatabaseOptions = {}) {
    super(name, {
      // User saves must reach disk before the promise resolves (IndexedDB durability 'strict').
      chromeTransactionDurability: 'strict',
      // Only pass what was given: an explicit undefined would replace Dexie's global defaults.
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    // Last line of defence for read-only mode: no read-write transaction can start at all.
    this.use({
      stack: 'dbcore',
      name: 'casefile-read-only-guard',
      create: (down: DBCore): DBCore => ({
        ...down,
        transaction: (stores, mode, txOptions) => {
          if (mode === 'readwrite' && this.readOnlyReasonValue !== undefined) {
            throw new AppErrorException('storage.readOnly', this.readOnlyReasonValue);
          }
          return down.transaction(stores, mode, txOptions);
        },
      }),
    });
    if ((options.schema ?? 'declared') === 'declared') {
      for (const entry of SCHEMA_VERSIONS) {
        const version = this.version(entry.version).stores({ ...entry.stores });
        if (entry.upgrade) version.upgrade(entry.upgrade);
      }
    }
  }

  /** Refuses every later read-write transaction with `storage.readOnly` and this reason. */
  setReadOnly(reason: string): void {
    this.readOnlyReasonValue = reason;
  }

  get readOnlyReason(): string | undefined {
    return this.readOnlyReasonValue;
  }

  /**
   * In 'existing' mode Dexie knows the tables only by name; expose the ones we know as
   * properties so repositories can use `db.cases` as usual. Tables a newer schema dropped stay
   * absent.
   */
  bindExistingTables(): void {
    const present = new Set(this.tables.map((table) => table.name));
    for (const name of TABLE_NAMES) {
      if (present.has(name) && !Object.prototype.hasOwnProperty.call(this, name)) {
        Object.defineProperty(this, name, { value: this.table(name), enumerable: true });
      }
    }
  }

  /** Whether this connection has a table (false for tables a newer schema dropped). */
  hasTable(name: TableName): boolean {
    return this.tables.some((table) => table.name === name);
  }
}
