import Dexie, { type Table } from 'dexie';
import type { CaseId, EntityId } from '../core/model/ids';
import type { Claim, Entity } from '../core/model/records';
import {
  SEARCH_RECORD_KINDS,
  type SearchCorpus,
  type SearchRecord,
  type SearchRecordKind,
  type SearchRecordRef,
  type SearchRecordStamp,
} from '../core/ports/search';
import type { CasefileDatabase } from './schema';

/** Records per readAll batch unless told otherwise: bounds how many source texts are in memory. */
export const DEFAULT_CORPUS_BATCH_SIZE = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any record table of the case
type AnyTable = Table<any, any>;

type EntityEnd = Pick<Entity, 'id' | 'name' | 'aliases' | 'type' | 'updatedAt' | 'mergedInto'>;

/** A claim's stamp: its own updatedAt and its ends' (their names are part of its text). */
function claimStamp(
  claim: Pick<Claim, 'updatedAt' | 'subjectId' | 'object'>,
  entityStamp: (id: EntityId) => string | undefined,
): string {
  const object = claim.object.kind === 'entity' ? entityStamp(claim.object.entityId) : undefined;
  return `${claim.updatedAt}|${entityStamp(claim.subjectId) ?? ''}|${object ?? ''}`;
}

function endOf(entity: EntityEnd | undefined): SearchRecordEnd | undefined {
  if (entity === undefined) return undefined;
  return { id: entity.id, name: entity.name, aliases: entity.aliases ?? [], type: entity.type };
}

type SearchRecordEnd = Pick<Entity, 'id' | 'name' | 'aliases' | 'type'>;

/**
 * SearchCorpus over Dexie: what the search index reads. Stamps come from [caseId+updatedAt] index
 * keys (no record is loaded) except for entities and claims, whose small records are read because
 * merged entities are left out and a claim's stamp includes its ends' updatedAt. Reads only: it
 * runs in the search worker, which never writes the case database.
 */
export function createSearchCorpus(db: CasefileDatabase): SearchCorpus {
  /** id → updatedAt of every row of `table` in the case, from index keys only. */
  async function keyStamps(
    table: AnyTable,
    kind: SearchRecordKind,
    caseId: CaseId,
    into: SearchRecordStamp[],
  ): Promise<void> {
    await table
      .where('[caseId+updatedAt]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey], true, true)
      .eachKey((key, cursor) => {
        const updatedAt = Array.isArray(key) ? key[1] : undefined;
        into.push({ kind, id: String(cursor.primaryKey), stamp: String(updatedAt) });
      });
  }

  async function entityEnds(ids: Iterable<EntityId>): Promise<Map<EntityId, EntityEnd>> {
    const unique = [...new Set(ids)];
    const found = await db.entities.bulkGet(unique);
    const ends = new Map<EntityId, EntityEnd>();
    for (const entity of found) if (entity) ends.set(entity.id, entity);
    return ends;
  }

  function claimIds(claim: Claim): EntityId[] {
    return claim.object.kind === 'entity'
      ? [claim.subjectId, claim.object.entityId]
      : [claim.subjectId];
  }

  /** Records of one kind by id, read inside the caller's transaction; missing ones left out. */
  async function readKind(
    caseId: CaseId,
    kind: SearchRecordKind,
    ids: readonly string[],
  ): Promise<SearchRecord[]> {
    const records: SearchRecord[] = [];
    const ofCase = <T extends { readonly caseId: CaseId }>(row: T | undefined): row is T =>
      row !== undefined && row.caseId === caseId;
    switch (kind) {
      case 'source': {
        const sources = await db.sources.bulkGet(ids as never[]);
        const contents = await db.sourceContents.bulkGet(ids as never[]);
        sources.forEach((source, index) => {
          if (!ofCase(source)) return;
          const text = contents[index]?.text;
          records.push({
            kind,
            stamp: source.updatedAt,
            source,
            text: typeof text === 'string' ? text : '',
          });
        });
        return records;
      }
      case 'passage': {
        for (const passage of await db.passages.bulkGet(ids as never[])) {
          if (ofCase(passage)) records.push({ kind, stamp: passage.updatedAt, passage });
        }
        return records;
      }
      case 'entity': {
        for (const entity of await db.entities.bulkGet(ids as never[])) {
          if (ofCase(entity) && entity.mergedInto === undefined) {
            records.push({ kind, stamp: entity.updatedAt, entity });
          }
        }
        return records;
      }
      case 'claim': {
        const claims = (await db.claims.bulkGet(ids as never[])).filter(ofCase);
        const ends = await entityEnds(claims.flatMap(claimIds));
        for (const claim of claims) {
          const subject = endOf(ends.get(claim.subjectId));
          const object =
            claim.object.kind === 'entity' ? endOf(ends.get(claim.object.entityId)) : undefined;
          records.push({
            kind,
            stamp: claimStamp(claim, (id) => ends.get(id)?.updatedAt),
            claim,
            ...(subject ? { subject } : {}),
            ...(object ? { object } : {}),
          });
        }
        return records;
      }
      case 'note': {
        const notes = await db.notes.bulkGet(ids as never[]);
        const contents = await db.noteContents.bulkGet(ids as never[]);
        notes.forEach((row, index) => {
          if (!ofCase(row)) return;
          const { editorState: _legacy, ...note } = row as typeof row & { editorState?: unknown };
          const content = contents[index]?.editorState;
          records.push({
            kind,
            stamp: note.updatedAt,
            note: {
              ...note,
              entityIds: Array.isArray(note.entityIds) ? note.entityIds : [],
              passageIds: Array.isArray(note.passageIds) ? note.passageIds : [],
              claimIds: Array.isArray(note.claimIds) ? note.claimIds : [],
            },
            editorState: typeof content === 'string' ? content : '',
          });
        });
        return records;
      }
    }
  }

  const tables = () => [
    db.sources,
    db.sourceContents,
    db.passages,
    db.entities,
    db.claims,
    db.notes,
    db.noteContents,
  ];

  function readRefs(caseId: CaseId, refs: readonly SearchRecordRef[]): Promise<SearchRecord[]> {
    const byKind = new Map<SearchRecordKind, string[]>();
    for (const ref of refs) {
      const list = byKind.get(ref.kind) ?? [];
      list.push(ref.id);
      byKind.set(ref.kind, list);
    }
    return db.transaction('r', tables(), async () => {
      const records: SearchRecord[] = [];
      for (const kind of SEARCH_RECORD_KINDS) {
        const ids = byKind.get(kind);
        if (ids && ids.length > 0) records.push(...(await readKind(caseId, kind, ids)));
      }
      return records;
    });
  }

  /** Primary keys of the case's rows of a kind (index keys only), for readAll's batches. */
  function idsOf(caseId: CaseId, kind: SearchRecordKind): Promise<string[]> {
    const tablesByKind: Record<SearchRecordKind, AnyTable> = {
      source: db.sources,
      passage: db.passages,
      entity: db.entities,
      claim: db.claims,
      note: db.notes,
    };
    return tablesByKind[kind]
      .where('caseId')
      .equals(caseId)
      .primaryKeys()
      .then((keys) => keys.map(String));
  }

  return {
    async stamps(caseId) {
      return db.transaction(
        'r',
        [db.sources, db.passages, db.notes, db.entities, db.claims],
        async () => {
          const stamps: SearchRecordStamp[] = [];
          // Entities and claims are small records: reading them is what lets merged entities be
          // left out and claims be stamped with their ends.
          const entities = await db.entities.where('caseId').equals(caseId).toArray();
          const entityStamps = new Map<EntityId, string>();
          for (const entity of entities) {
            entityStamps.set(entity.id, entity.updatedAt);
            if (entity.mergedInto === undefined) {
              stamps.push({ kind: 'entity', id: entity.id, stamp: entity.updatedAt });
            }
          }
          await db.claims
            .where('caseId')
            .equals(caseId)
            .each((claim) => {
              stamps.push({
                kind: 'claim',
                id: claim.id,
                stamp: claimStamp(claim, (id) => entityStamps.get(id)),
              });
            });
          await keyStamps(db.sources, 'source', caseId, stamps);
          await keyStamps(db.passages, 'passage', caseId, stamps);
          await keyStamps(db.notes, 'note', caseId, stamps);
          return stamps;
        },
      );
    },

    read(caseId, refs) {
      return readRefs(caseId, refs);
    },

    async readAll(caseId, onBatch, options = {}) {
      const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_CORPUS_BATCH_SIZE));
      for (const kind of SEARCH_RECORD_KINDS) {
        const ids = await idsOf(caseId, kind);
        for (let at = 0; at < ids.length; at += batchSize) {
          const slice = ids.slice(at, at + batchSize);
          // One read transaction per batch; onBatch runs outside it (it may yield to the event
          // loop, which would let IndexedDB commit the transaction under it).
          const records = await db.transaction('r', tables(), () => readKind(caseId, kind, slice));
          if (records.length > 0) await onBatch(records);
        }
      }
    },
  };
}

/** The case tables the search corpus reads: a change elsewhere never changes a search document. */
export const SEARCH_CORPUS_TABLES = [
  'sources',
  'sourceContents',
  'passages',
  'entities',
  'claims',
  'notes',
  'noteContents',
] as const;

/**
 * The tables of database `dbName` a Dexie `storagemutated` report names (its keys are
 * `idb://<database>/<table>/<index>`). Dexie broadcasts these reports to every context of the
 * origin (windows and workers), so the search worker hears the app's writes.
 */
export function mutatedTables(parts: Iterable<string>, dbName: string): Set<string> {
  const prefix = `idb://${dbName}/`;
  const tables = new Set<string>();
  for (const part of parts) {
    if (!part.startsWith(prefix)) continue;
    const table = part.slice(prefix.length).split('/')[0];
    if (table) tables.add(table);
  }
  return tables;
}

/** Whether such a report touches a table the corpus of database `dbName` reads. */
export function touchesSearchCorpus(parts: Iterable<string>, dbName: string): boolean {
  const tables = mutatedTables(parts, dbName);
  return SEARCH_CORPUS_TABLES.some((table) => tables.has(table));
}
