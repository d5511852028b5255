import Dexie from 'dexie';
import { verifyAuditChain } from '../core/audit/chain';
import {
  checkCaseIntegrity,
  placeholderEntityName,
  recoveredCaseTitle,
  type AuditChainState,
  type BlobSummary,
  type IntegrityInput,
  type IntegrityProblem,
  type IntegrityRepair,
  type IntegrityReport,
} from '../core/integrity/integrity';
import { prunedChart } from '../core/model/chart';
import { asAuditEventId, type CaseId, type Sha256 } from '../core/model/ids';
import type { AuditEvent, Entity, IsoTimestamp } from '../core/model/records';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { appendAuditEvent } from './auditLog';
import { sha256BytesHex, sha256Hex } from './hash';
import { guardedWrite } from './repositorySupport';
import { CASE_OWNED_TABLES, type CasefileDatabase, type TableName } from './schema';
import type { CasefileStorage } from './open';

export interface CheckIntegrityOptions {
  /** Called before each original is hashed (hashing is the slow part). */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

type Row = Record<string, unknown>;

/** Tables whose rows the core checks one by one; the rest only for `record.caseMissing`. */
const CHECKED_TABLES = new Set(['sources', 'passages', 'entities', 'claims', 'notes', 'charts']);

/**
 * Checks one case (or every case): referential integrity, each original's SHA-256 and each audit
 * chain. Records are read raw (dangling references included) in one read transaction; originals
 * are then read and hashed one at a time (Web Crypto cannot run inside an IndexedDB transaction,
 * and a case's originals may not fit in memory together). Never writes.
 */
export async function checkIntegrity(
  storage: Pick<CasefileStorage, 'db'>,
  caseId?: CaseId,
  options: CheckIntegrityOptions = {},
): Promise<Result<IntegrityReport>> {
  const db = storage.db;
  const read = await readRows(db, caseId);
  if (!read.ok) return read;
  const { input, blobKeys, events } = read.value;

  const blobs: BlobSummary[] = [];
  for (const [index, sha256] of blobKeys.entries()) {
    options.onProgress?.({ done: index, total: blobKeys.length });
    const blob = await db.blobs.get(sha256);
    if (!blob) continue; // Deleted since the records were read; reported as missing next time.
    blobs.push({
      sha256: blob.sha256,
      byteLength: blob.byteLength,
      actualSha256: await sha256BytesHex(blob.bytes),
    });
  }
  options.onProgress?.({ done: blobKeys.length, total: blobKeys.length });

  const auditChains: AuditChainState[] = [];
  for (const [chainCaseId, chain] of events) {
    chain.sort((a, b) => a.seq - b.seq);
    const verified = await verifyAuditChain(chain, sha256Hex);
    auditChains.push(
      verified.ok
        ? { caseId: chainCaseId, intact: true }
        : {
            caseId: chainCaseId,
            intact: false,
            brokenSeq: verified.error.brokenSeq,
            reason: verified.error.message,
          },
    );
  }
  return ok(checkCaseIntegrity({ ...input, blobs, auditChains }, caseId));
}

async function readRows(
  db: CasefileDatabase,
  caseId: CaseId | undefined,
): Promise<
  Result<{
    input: Omit<IntegrityInput, 'blobs' | 'auditChains'>;
    blobKeys: Sha256[];
    events: Map<CaseId, AuditEvent[]>;
  }>
> {
  const tables: TableName[] = ['cases', 'blobs', ...CASE_OWNED_TABLES];
  return db.transaction(
    'r',
    tables.filter((name) => db.hasTable(name)),
    async () => {
      if (caseId !== undefined && (await db.cases.get(caseId)) === undefined) {
        return err(
          'case.notFound',
          `There is no case with id ${caseId}; it may have been deleted.`,
        );
      }
      const rowsOf = (name: string): Promise<Row[]> => {
        const table = db.table<Row>(name);
        return caseId === undefined
          ? table.toArray()
          : table.where('caseId').equals(caseId).toArray();
      };
      // Texts and note contents can be large: only their ids and caseIds are read, from keys.
      const idsOf = async (name: 'sourceContents' | 'noteContents') => {
        if (!db.hasTable(name)) return [];
        const byCase = db.table<Row, string>(name).orderBy('caseId');
        const collection =
          caseId === undefined
            ? byCase
            : db.table<Row, string>(name).where('caseId').equals(caseId);
        // Both lists come in the same (caseId, id) order.
        const [caseIds, ids] = await Dexie.Promise.all([
          collection.keys(),
          collection.primaryKeys(),
        ]);
        return ids.map((id, index) => ({ id, caseId: caseIds[index] as CaseId }));
      };
      const contentKeys = {
        sourceContents: await idsOf('sourceContents'),
        noteContents: await idsOf('noteContents'),
      };
      const byTable = new Map<string, Row[]>();
      for (const name of CASE_OWNED_TABLES) {
        if (name === 'sourceContents' || name === 'noteContents') continue;
        if (db.hasTable(name)) byTable.set(name, await rowsOf(name));
      }
      const rows = <T>(name: string) => (byTable.get(name) ?? []) as unknown as T[];
      const caseIds = caseId === undefined ? await db.cases.toCollection().primaryKeys() : [caseId];

      const sources = rows<IntegrityInput['sources'][number]>('sources');
      const blobKeys =
        caseId === undefined
          ? await db.blobs.toCollection().primaryKeys()
          : // Only the originals this case's sources name: others may be another case's.
            await db.blobs
              .where('sha256')
              .anyOf([...new Set(sources.map((source) => source.sha256))])
              .primaryKeys();

      const events = new Map<CaseId, AuditEvent[]>();
      for (const event of rows<AuditEvent>('audit')) {
        const chain = events.get(event.caseId) ?? [];
        chain.push(event);
        events.set(event.caseId, chain);
      }

      const otherRecords: { table: string; id: string; caseId: CaseId }[] = [
        ...contentKeys.sourceContents.map((key) => ({ table: 'sourceContents', ...key })),
        ...contentKeys.noteContents.map((key) => ({ table: 'noteContents', ...key })),
      ];
      for (const [name, tableRows] of byTable) {
        if (CHECKED_TABLES.has(name)) continue;
        for (const row of tableRows) {
          otherRecords.push({
            table: name,
            // rejections are keyed [caseId+key].
            id: String(row['id'] ?? row['key']),
            caseId: row['caseId'] as CaseId,
          });
        }
      }
      const input: Omit<IntegrityInput, 'blobs' | 'auditChains'> = {
        caseIds,
        allCases: caseId === undefined,
        sources,
        sourceContentIds: contentKeys.sourceContents.map((key) => key.id),
        passages: rows('passages'),
        entities: rows('entities'),
        claims: rows('claims'),
        notes: rows('notes'),
        noteContentIds: contentKeys.noteContents.map((key) => key.id),
        charts: rows('charts'),
        otherRecords,
      };
      return ok({ input, blobKeys, events });
    },
  );
}

/** A custom type, so a placeholder never passes for a real person or organisation. */
const PLACEHOLDER_ENTITY_TYPE = 'custom:Missing';

export interface RepairIntegrityOptions {
  readonly now?: () => IsoTimestamp;
  readonly newId?: () => string;
}

export interface RepairSummary {
  /** Repairs applied (a repair whose fault was gone by then is skipped). */
  readonly repaired: number;
  readonly skipped: number;
}

/**
 * Applies the chosen repairs (by problem key) in ONE read-write transaction, with an
 * `integrity.repaired` audit event per case listing what was repaired. Nothing is deleted: see
 * IntegrityRepair. Each repair checks its fault is still there, so a stale report repairs nothing
 * twice. `storage.readOnly` when the database is read-only; unknown keys are
 * `integrity.repairUnknown` (nothing written).
 */
export async function repairIntegrity(
  storage: Pick<CasefileStorage, 'db' | 'mode'>,
  report: IntegrityReport,
  chosenKeys: readonly string[],
  options: RepairIntegrityOptions = {},
): Promise<Result<RepairSummary>> {
  const now = options.now ?? (() => new Date().toISOString());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const byKey = new Map(report.problems.map((problem) => [problem.key, problem]));
  const chosen: { problem: IntegrityProblem; action: IntegrityRepair }[] = [];
  for (const key of new Set(chosenKeys)) {
    const problem = byKey.get(key);
    if (!problem?.repair) {
      return err('integrity.repairUnknown', `The report offers no repair "${key}".`);
    }
    chosen.push({ problem, action: problem.repair.action });
  }
  const db = storage.db;
  return guardedWrite(storage.mode, 'repair the case database', () =>
    db.transaction('rw', ['cases', ...CASE_OWNED_TABLES], async () => {
      const at = now();
      const done = new Map<CaseId, { kind: string; table: string; id: string }[]>();
      let skipped = 0;
      for (const { problem, action } of chosen) {
        const caseId = await applyRepair(db, action, at);
        if (caseId === undefined) {
          skipped += 1;
          continue;
        }
        const list = done.get(caseId) ?? [];
        list.push({ kind: action.kind, table: problem.record.table, id: problem.record.id });
        done.set(caseId, list);
      }
      for (const [caseId, repairs] of done) {
        await appendAuditEvent(
          db,
          {
            id: asAuditEventId(newId()),
            caseId,
            at,
            action: 'integrity.repaired',
            subject: caseId,
            detail: { repairs },
          },
          sha256Hex,
        );
      }
      const repaired = [...done.values()].reduce((sum, list) => sum + list.length, 0);
      return ok({ repaired, skipped });
    }),
  );
}

/** Writes one repair if its fault is still there; returns the case it changed, else undefined. */
async function applyRepair(
  db: CasefileDatabase,
  action: IntegrityRepair,
  at: IsoTimestamp,
): Promise<CaseId | undefined> {
  switch (action.kind) {
    case 'case.recreate': {
      if (await db.cases.get(action.caseId)) return undefined;
      await db.cases.add({
        id: action.caseId,
        title: recoveredCaseTitle(action.caseId),
        summary: 'Recreated by the integrity check: records of this case were found without it.',
        marking: 'TLP:CLEAR',
        status: 'open',
        createdAt: at,
        updatedAt: at,
      });
      return action.caseId;
    }
    case 'entity.placeholder': {
      if (await db.entities.get(action.entityId)) return undefined;
      const entity: Entity = {
        id: action.entityId,
        caseId: action.caseId,
        createdAt: at,
        updatedAt: at,
        type: PLACEHOLDER_ENTITY_TYPE,
        name: placeholderEntityName(action.entityId),
        aliases: [],
        attributes: {},
        notes: 'Added by the integrity check: records named this entity, which was missing.',
      };
      await db.entities.add(entity);
      return action.caseId;
    }
    case 'source.emptyContent': {
      if (await db.sourceContents.get(action.sourceId)) return undefined;
      if (!(await db.sources.get(action.sourceId))) return undefined;
      await db.sourceContents.add({
        id: action.sourceId,
        caseId: action.caseId,
        text: '',
        structure: {},
      });
      return action.caseId;
    }
    case 'source.clearParent': {
      const source = await db.sources.get(action.sourceId);
      if (!source?.parentId || (await db.sources.get(source.parentId))) return undefined;
      const { parentId: _gone, ...rest } = source;
      await db.sources.put({ ...rest, updatedAt: at });
      return source.caseId;
    }
    case 'passage.markOrphaned': {
      const passage = await db.passages.get(action.passageId);
      if (!passage || passage.orphaned || (await db.sources.get(passage.sourceId))) {
        return undefined;
      }
      await db.passages.put({ ...passage, orphaned: true, updatedAt: at });
      return passage.caseId;
    }
    case 'entity.clearMergedInto': {
      const entity = await db.entities.get(action.entityId);
      if (!entity?.mergedInto || (await db.entities.get(entity.mergedInto))) return undefined;
      const { mergedInto: _gone, ...rest } = entity;
      await db.entities.put({ ...rest, updatedAt: at });
      return entity.caseId;
    }
    case 'claim.dropReferences': {
      const claim = await db.claims.get(action.claimId);
      if (!claim) return undefined;
      const gone = new Set<string>();
      for (const id of [...action.evidence, ...action.relations]) {
        const still = (await db.passages.get(id as never)) ?? (await db.claims.get(id as never));
        if (!still) gone.add(id);
      }
      const evidence = claim.evidence.filter((id) => !gone.has(id));
      const relations = claim.relations.filter((relation) => !gone.has(relation.claimId));
      if (
        evidence.length === claim.evidence.length &&
        relations.length === claim.relations.length
      ) {
        return undefined;
      }
      await db.claims.put({ ...claim, evidence, relations, updatedAt: at });
      return claim.caseId;
    }
    case 'note.dropReferences': {
      const note = await db.notes.get(action.noteId);
      if (!note) return undefined;
      const entityIds = await stillMissing(db.entities, note.entityIds, action.ids);
      const passageIds = await stillMissing(db.passages, note.passageIds, action.ids);
      const claimIds = await stillMissing(db.claims, note.claimIds, action.ids);
      const changed =
        entityIds.length + passageIds.length + claimIds.length !==
        note.entityIds.length + note.passageIds.length + note.claimIds.length;
      if (!changed) return undefined;
      // The note's content is not touched: its dangling mentions read as missing, as before.
      await db.notes.put({ ...note, entityIds, passageIds, claimIds });
      return note.caseId;
    }
    case 'chart.dropEntities': {
      const chart = await db.charts.get(action.chartId);
      if (!chart) return undefined;
      const drop = new Set<string>();
      for (const id of action.ids) if (!(await db.entities.get(id as never))) drop.add(id);
      if (drop.size === 0) return undefined;
      // Everything the chart names but the dropped ids counts as live for core's pruning.
      const named = [
        ...chart.entityIds,
        ...chart.groups.flatMap((group) => group.memberIds),
        ...Object.keys(chart.positions),
      ];
      const pruned = prunedChart(chart, new Set(named.filter((id) => !drop.has(id))));
      await db.charts.put({ ...pruned, updatedAt: at });
      return chart.caseId;
    }
    default:
      throw new AppErrorException('integrity.repairUnknown', 'Unknown repair.');
  }
}

/** `listed` without the ids in `candidates` that still name no row of `table`. */
async function stillMissing<T extends string>(
  table: { get(id: never): PromiseLike<unknown> },
  listed: readonly T[],
  candidates: readonly string[],
): Promise<T[]> {
  const kept: T[] = [];
  for (const id of listed) {
    if (candidates.includes(id) && !(await table.get(id as never))) continue;
    kept.push(id);
  }
  return kept;
}
