import Dexie, { type Table } from 'dexie';
import type { CaseId } from '../core/model/ids';
import type { SearchSnapshotStore, StoredSearchSnapshot } from '../core/ports/search';

/**
 * Name of the IndexedDB database holding persisted search indexes. Kept apart from the case
 * database: it is derived data (rebuilt from the case database whenever it is missing, damaged or
 * out of date), never part of backups or bundles, and losing it costs a rebuild, never evidence.
 */
export const SEARCH_DB_NAME = 'casefile-search';

interface SnapshotRow {
  readonly caseId: string;
  readonly manifest: string;
  /** Chunk keys in the order the snapshot listed them. */
  readonly keys: readonly string[];
  readonly savedAt: string;
}

interface ChunkRow {
  readonly caseId: string;
  readonly key: string;
  readonly data: string;
}

class SearchSnapshotDatabase extends Dexie {
  declare readonly snapshots: Table<SnapshotRow, string>;
  declare readonly chunks: Table<ChunkRow, [string, string]>;

  constructor(name: string, options: SearchSnapshotStoreOptions) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores({
      snapshots: 'caseId',
      chunks: '[caseId+key], caseId',
    });
  }
}

export interface SearchSnapshotStoreOptions {
  /** Database name (tests use a fresh one); default SEARCH_DB_NAME. */
  readonly name?: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly now?: () => string;
}

/**
 * SearchSnapshotStore in its own IndexedDB database: one `snapshots` row per case (the manifest
 * and its chunk keys) and one `chunks` row per chunk. A save replaces the case's rows in one
 * transaction, so a reader sees the old snapshot or the new one, never a mix. What load returns is
 * not checked here: the engine verifies the manifest and every chunk's checksum.
 */
export function createSearchSnapshotStore(
  options: SearchSnapshotStoreOptions = {},
): SearchSnapshotStore & {
  /** Every case that has a stored snapshot (to forget those whose case was deleted). */
  caseIds(): Promise<string[]>;
  close(): void;
} {
  const db = new SearchSnapshotDatabase(options.name ?? SEARCH_DB_NAME, options);
  const now = options.now ?? (() => new Date().toISOString());

  return {
    async load(caseId: CaseId): Promise<StoredSearchSnapshot | undefined> {
      return db.transaction('r', db.snapshots, db.chunks, async () => {
        const row = await db.snapshots.get(caseId);
        if (row === undefined) return undefined;
        const chunks = await db.chunks.where('caseId').equals(caseId).toArray();
        const byKey = new Map(chunks.map((chunk) => [chunk.key, chunk.data]));
        // Listed order first; a chunk missing from the rows is simply absent (the engine notices).
        const ordered = row.keys.flatMap((key) => {
          const data = byKey.get(key);
          return data === undefined ? [] : [{ key, data }];
        });
        return { manifest: row.manifest, chunks: ordered };
      });
    },

    async save(caseId, snapshot) {
      await db.transaction('rw', db.snapshots, db.chunks, async () => {
        await db.chunks.where('caseId').equals(caseId).delete();
        await db.chunks.bulkPut(
          snapshot.chunks.map((chunk) => ({ caseId, key: chunk.key, data: chunk.data })),
        );
        await db.snapshots.put({
          caseId,
          manifest: snapshot.manifest,
          keys: snapshot.chunks.map((chunk) => chunk.key),
          savedAt: now(),
        });
      });
    },

    async remove(caseId) {
      await db.transaction('rw', db.snapshots, db.chunks, async () => {
        await db.chunks.where('caseId').equals(caseId).delete();
        await db.snapshots.delete(caseId);
      });
    },

    async caseIds() {
      return (await db.snapshots.toCollection().primaryKeys()).map(String);
    },

    close() {
      db.close();
    },
  };
}
