import Dexie from 'dexie';
import type { HashText } from '../core/audit/chain';
import {
  asAuditEventId,
  asSourceId,
  type CaseId,
  type PassageId,
  type Sha256,
  type SourceId,
} from '../core/model/ids';
import type {
  Blob as BlobRecord,
  IsoTimestamp,
  Source,
  SourceContent,
  SourceProvenance,
} from '../core/model/records';
import type {
  ImportSourceInput,
  SourceChanges,
  SourceRepository,
  SourceSummary,
  StorageMode,
} from '../core/ports/repositories';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { appendAuditEvent } from './auditLog';
import { failure } from './failure';
import { sha256BytesHex, sha256Hex } from './hash';
import { claimsCiting, guardedWrite, readOnlyRefusal, requireCase } from './repositorySupport';
import type { CasefileDatabase } from './schema';
import { applySourceChanges, importedSourceTitle } from './sourceRules';

export interface SourceRepositoryOptions {
  readonly mode: StorageMode;
  readonly now: () => IsoTimestamp;
  /** Source of UUIDs for new sources and audit events. */
  readonly newId: () => string;
  /** Hash for the audit chain. */
  readonly hash?: HashText;
  /** SHA-256 (lower-case hex) of a file's bytes, to check ImportSourceInput.sha256. */
  readonly hashBytes?: (bytes: Uint8Array) => Promise<string>;
}

function sourceNotFound(id: SourceId): AppErrorException {
  return new AppErrorException(
    'source.notFound',
    `There is no source with id ${id}; it may have been deleted.`,
  );
}

function parentNotFound(id: SourceId): AppErrorException {
  return new AppErrorException(
    'source.parent.notFound',
    `The source this attachment belongs to (${id}) is not in this case; it may have been deleted.`,
  );
}

function byUpdatedDesc(a: Source, b: Source): number {
  if (a.updatedAt === b.updatedAt) return 0;
  return a.updatedAt < b.updatedAt ? 1 : -1;
}

/**
 * The bytes to store. IndexedDB clones a typed array together with its WHOLE buffer, so a view
 * into a larger buffer (an attachment cut out of its message) is copied to exactly its bytes.
 */
function exactBytes(bytes: Uint8Array): Uint8Array {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    Object.prototype.toString.call(bytes.buffer) === '[object ArrayBuffer]';
  return whole ? bytes : bytes.slice();
}

/** Provenance without keys set to undefined, so stored rows only carry what is known. */
function definedProvenance(provenance: SourceProvenance): SourceProvenance {
  return Object.fromEntries(Object.entries(provenance).filter(([, value]) => value !== undefined));
}

/**
 * SourceRepository over Dexie. Metadata (sources) and extracted content (sourceContents) are
 * separate rows under the same id, so listing never reads texts. Every write appends its audit
 * event in the same transaction.
 */
export function createSourceRepository(
  db: CasefileDatabase,
  options: SourceRepositoryOptions,
): SourceRepository {
  const { mode, now, newId } = options;
  const hash = options.hash ?? sha256Hex;
  const hashBytes = options.hashBytes ?? sha256BytesHex;

  function has(index: string): boolean {
    return db.hasTable('sources') && db.sources.schema.idxByName[index] !== undefined;
  }

  /** Passages per source of a case, from index keys only ([caseId, sourceId]), never the rows. */
  async function passageCounts(caseId: CaseId): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!db.hasTable('passages')) return counts;
    const add = (sourceId: unknown) => {
      if (typeof sourceId === 'string') counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1);
    };
    if (db.passages.schema.idxByName['[caseId+sourceId]']) {
      const keys = await db.passages
        .where('[caseId+sourceId]')
        .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
        .keys();
      for (const key of keys) add(Array.isArray(key) ? key[1] : undefined);
    } else {
      // A newer schema (read-only) without the index: a scan is slower but still correct.
      await db.passages.filter((passage) => passage.caseId === caseId).each((p) => add(p.sourceId));
    }
    return counts;
  }

  /** The records one import writes, built and checked before any transaction opens. */
  async function recordsFor(
    caseId: CaseId,
    input: ImportSourceInput,
    at: string,
  ): Promise<Result<{ source: Source; content: SourceContent; blob: BlobRecord }>> {
    // Hash before the transaction: Web Crypto is not an IndexedDB request, and awaiting it
    // inside would let the transaction auto-commit.
    let actual: string;
    try {
      actual = await hashBytes(input.bytes);
    } catch (error) {
      return failure(error, 'check the file’s SHA-256');
    }
    if (actual !== input.sha256) {
      return err(
        'source.hash.mismatch',
        'The file’s content does not match its SHA-256 (it may have changed while being read). ' +
          'Nothing was stored; import it again.',
      );
    }
    const { draft } = input;
    const provenance = definedProvenance(draft.provenance);
    let source: Source;
    try {
      source = {
        id: asSourceId(newId()),
        caseId,
        createdAt: at,
        updatedAt: at,
        title: importedSourceTitle(draft),
        kind: draft.kind,
        sha256: input.sha256,
        byteLength: input.bytes.byteLength,
        mediaType: draft.mediaType,
        provenance:
          provenance.capturedAt === undefined && input.capturedAt !== undefined
            ? { ...provenance, capturedAt: input.capturedAt }
            : provenance,
        // F: reliability cannot be judged until the investigator grades it.
        reliability: 'F',
        warnings: [...draft.warnings],
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      };
    } catch (error) {
      return failure(error, 'import the source');
    }
    return ok({
      source,
      content: {
        id: source.id,
        caseId,
        text: draft.text,
        structure: draft.structure,
        ...(draft.html !== undefined ? { html: draft.html } : {}),
      },
      blob: {
        sha256: input.sha256,
        bytes: exactBytes(input.bytes),
        byteLength: input.bytes.byteLength,
        createdAt: at,
      },
    });
  }

  /**
   * Imports a batch in ONE strict transaction (one disk flush for the lot: bulk imports are
   * bound by flushes, not by parsing). Inputs that fail their checks are refused one by one; if
   * the transaction itself fails, every input of the batch is refused and nothing is stored.
   */
  async function importBatch(
    caseId: CaseId,
    inputs: readonly ImportSourceInput[],
  ): Promise<Result<Source>[]> {
    const refused = readOnlyRefusal(mode);
    if (refused) return inputs.map(() => refused);
    const at = now();
    const results: Result<{ source: Source; content: SourceContent; blob: BlobRecord }>[] = [];
    for (const input of inputs) results.push(await recordsFor(caseId, input, at));
    const tables = [db.cases, db.sources, db.sourceContents, db.blobs, db.audit];
    try {
      await db.transaction('rw', tables, async () => {
        await requireCase(db, caseId);
        for (const [index, built] of results.entries()) {
          if (!built.ok) continue;
          const { source, content, blob } = built.value;
          const parentId = inputs[index]!.parentId;
          if (parentId !== undefined) {
            const parent = await db.sources.get(parentId);
            if (parent?.caseId !== caseId) throw parentNotFound(parentId);
          }
          // One copy of each original, shared by every source (in any case) with these bytes.
          if ((await db.blobs.where(':id').equals(blob.sha256).count()) === 0) {
            await db.blobs.add(blob);
          }
          await db.sources.add(source);
          await db.sourceContents.add(content);
          await appendAuditEvent(
            db,
            {
              id: asAuditEventId(newId()),
              caseId,
              at,
              action: 'source.imported',
              subject: source.id,
              detail: {
                sourceId: source.id,
                sha256: source.sha256,
                title: source.title,
                kind: source.kind,
                ...(source.provenance.fileName !== undefined
                  ? { fileName: source.provenance.fileName }
                  : {}),
                ...(source.parentId !== undefined ? { parentId: source.parentId } : {}),
              },
            },
            hash,
          );
        }
      });
    } catch (error) {
      const failed = failure(error, 'import the source');
      return inputs.map(() => failed);
    }
    return results.map((built) => (built.ok ? ok(built.value.source) : built));
  }

  return {
    async list(caseId) {
      if (!db.hasTable('sources')) return [];
      const rows = has('[caseId+updatedAt]')
        ? await db.sources
            .where('[caseId+updatedAt]')
            .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
            .reverse()
            .toArray()
        : (await db.sources.filter((source) => source.caseId === caseId).toArray()).sort(
            byUpdatedDesc,
          );
      const counts = await passageCounts(caseId);
      return rows.map((row): SourceSummary => ({ ...row, passageCount: counts.get(row.id) ?? 0 }));
    },

    async get(id) {
      if (!db.hasTable('sources')) return undefined;
      return db.sources.get(id);
    },

    async children(id) {
      if (!db.hasTable('sources')) return [];
      const rows = has('parentId')
        ? await db.sources.where('parentId').equals(id).toArray()
        : // A newer schema (read-only) without the index: a scan is slower but still correct.
          await db.sources.filter((source) => source.parentId === id).toArray();
      return rows.sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title),
      );
    },

    async content(id) {
      if (!db.hasTable('sourceContents')) return undefined;
      return db.sourceContents.get(id);
    },

    async original(sha256) {
      if (!db.hasTable('blobs')) return undefined;
      return (await db.blobs.get(sha256))?.bytes;
    },

    async findBySha256(caseId, sha256) {
      if (!db.hasTable('sources')) return undefined;
      if (has('[caseId+sha256]')) {
        return db.sources.where('[caseId+sha256]').equals([caseId, sha256]).first();
      }
      return db.sources
        .filter((source) => source.caseId === caseId && source.sha256 === sha256)
        .first();
    },

    async import(caseId: CaseId, input: ImportSourceInput) {
      const [result] = await importBatch(caseId, [input]);
      return result!;
    },

    importMany(caseId: CaseId, inputs: readonly ImportSourceInput[]) {
      return importBatch(caseId, inputs);
    },

    async update(id: SourceId, changes: SourceChanges) {
      return guardedWrite(mode, 'save the source', async () => {
        return await db.transaction(
          'rw',
          db.sources,
          db.audit,
          async (): Promise<Result<Source>> => {
            const current = await db.sources.get(id);
            if (!current) throw sourceNotFound(id);
            const applied = applySourceChanges(current, changes, now());
            if (!applied.ok) return applied;
            const { next, fields } = applied.value;
            // Saving without changes writes nothing: no new updatedAt, no empty audit event.
            if (fields.length === 0) return ok(current);
            await db.sources.put(next);
            await appendAuditEvent(
              db,
              {
                id: asAuditEventId(newId()),
                caseId: current.caseId,
                at: next.updatedAt,
                action: 'source.updated',
                subject: id,
                detail: { sourceId: id, fields: [...fields] },
              },
              hash,
            );
            return ok(next);
          },
        );
      });
    },

    async delete(id: SourceId) {
      return guardedWrite(mode, 'delete the source', async () => {
        const tables = [
          db.sources,
          db.sourceContents,
          db.passages,
          db.claims,
          db.suggestions,
          db.blobs,
          db.audit,
        ];
        const removedRecords = await db.transaction('rw', tables, async () => {
          const root = await db.sources.get(id);
          if (!root) throw sourceNotFound(id);
          // The source and its attachments, recursively (breadth first). `seen` guards against a
          // damaged parent cycle; children of another case are never touched.
          const doomed: Source[] = [root];
          const seen = new Set<SourceId>([root.id]);
          for (let i = 0; i < doomed.length; i += 1) {
            const parent = doomed[i];
            if (!parent) break;
            const children = await db.sources.where('parentId').equals(parent.id).toArray();
            for (const child of children) {
              if (child.caseId === root.caseId && !seen.has(child.id)) {
                seen.add(child.id);
                doomed.push(child);
              }
            }
          }
          const ids = doomed.map((source) => source.id);
          // Evidence is what a claim rests on: deleting it would leave claims without their basis.
          const passageIds: PassageId[] = [];
          for (const sourceId of ids) {
            passageIds.push(
              ...(await db.passages
                .where('[caseId+sourceId]')
                .equals([root.caseId, sourceId])
                .primaryKeys()),
            );
          }
          const citing = await claimsCiting(db, root.caseId, passageIds);
          if (citing.length > 0) {
            throw new AppErrorException(
              'source.evidenceCited',
              `Passages of “${root.title}”${ids.length > 1 ? ' or its attachments' : ''} are evidence for ` +
                `${citing.length === 1 ? 'a claim' : `${citing.length} claims`}; ` +
                'remove them from those claims’ evidence (or delete the claims) first.',
            );
          }
          let removed = 0;
          for (const sourceId of ids) {
            removed += await db.passages
              .where('[caseId+sourceId]')
              .equals([root.caseId, sourceId])
              .delete();
          }
          // The review queues go too; rejections stay: they are remembered for the whole case.
          removed += await db.suggestions.where('sourceId').anyOf(ids).delete();
          removed += await db.sourceContents.where(':id').anyOf(ids).delete();
          removed += await db.sources.where(':id').anyOf(ids).delete();
          // Originals are shared by content across sources and cases: remove only the unused.
          for (const sha of new Set<Sha256>(doomed.map((source) => source.sha256))) {
            const stillUsed = await db.sources.where('sha256').equals(sha).count();
            if (stillUsed === 0 && (await db.blobs.where(':id').equals(sha).count()) > 0) {
              await db.blobs.delete(sha);
              removed += 1;
            }
          }
          await appendAuditEvent(
            db,
            {
              id: asAuditEventId(newId()),
              caseId: root.caseId,
              at: now(),
              action: 'source.deleted',
              subject: id,
              detail: {
                sourceId: id,
                title: root.title,
                sha256: root.sha256,
                attachmentIds: ids.slice(1),
                removedRecords: removed,
              },
            },
            hash,
          );
          return removed;
        });
        return ok({ removedRecords });
      });
    },
  };
}
