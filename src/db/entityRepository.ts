import {
  applyEntityChanges,
  comparableName,
  mergedEntityFields,
  validateNewEntity,
  type EntityChanges,
  type ValidEntityFields,
} from '../core/model/entity';
import {
  asEntityMergeId,
  type CaseId,
  type ClaimId,
  type EntityId,
  type EntityMergeId,
  type PassageId,
  type SourceId,
} from '../core/model/ids';
import type { Claim, Entity, EntityMerge, Passage } from '../core/model/records';
import type { EntityRepository, EntitySummary, MentionInContext } from '../core/ports/repositories';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import {
  addEntity,
  byPosition,
  claimsOfCase,
  entityNotFound,
  entityRecord,
  forgetAcceptedSuggestions,
  liveEntityOfCase,
  passageNotFound,
  guardedWrite,
  recordEvent,
  requireCase,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import { removeClaims } from './claimRepository';
import { passagesInContext } from './passageContext';
import type { CasefileDatabase } from './schema';

export type EntityRepositoryOptions = RepositoryOptions;

function mergedAway(entity: Entity): AppErrorException {
  return new AppErrorException(
    'entity.mergedAway',
    `“${entity.name}” was merged into another entity; change that one (or undo the merge).`,
  );
}

/** An entity of the case that is still live (not merged away), or the error that says why not. */
async function liveEntity(db: CasefileDatabase, id: EntityId): Promise<Entity> {
  const entity = await db.entities.get(id);
  if (!entity) throw entityNotFound(id);
  if (entity.mergedInto !== undefined) throw mergedAway(entity);
  return entity;
}

function involves(claim: Claim, ids: ReadonlySet<string>): boolean {
  return (
    ids.has(claim.subjectId) || (claim.object.kind === 'entity' && ids.has(claim.object.entityId))
  );
}

/** Field equality for entity values (strings, alias lists, attribute maps in any key order). */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): string =>
    JSON.stringify(
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        : value,
    );
  return canonical(a) === canonical(b);
}

/** One collator for every sort: localeCompare with options builds one per call (slow for 10⁴). */
const TITLE_ORDER = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function byName(a: Entity, b: Entity): number {
  return (
    TITLE_ORDER.compare(a.name, b.name) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id)
  );
}

function newestFirst(a: EntityMerge, b: EntityMerge): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

/**
 * EntityRepository over Dexie. A merge keeps the merged entity (with `mergedInto`) and records
 * everything it repointed in an EntityMerge, so it can be undone. Every write appends its audit
 * event in the same transaction.
 */
export function createEntityRepository(
  db: CasefileDatabase,
  options: EntityRepositoryOptions,
): EntityRepository {
  const { mode, now, newId } = options;

  async function liveEntitiesOf(caseId: CaseId): Promise<Entity[]> {
    if (!db.hasTable('entities')) return [];
    return (await rowsWhere(db.entities, 'caseId', caseId)).filter(
      (entity) => entity.mergedInto === undefined,
    );
  }

  return {
    async list(caseId) {
      // One read of the case's passages, counted in memory: no query per entity. Both reads at
      // once: a case's chart waits for this list.
      const [entities, passages] = await Promise.all([
        liveEntitiesOf(caseId),
        db.hasTable('passages') ? rowsWhere(db.passages, 'caseId', caseId) : [],
      ]);
      const mentions = new Map<string, { count: number; sources: Set<SourceId> }>();
      for (const passage of passages) {
        if (passage.kind !== 'mention' || passage.entityId === undefined) continue;
        let tally = mentions.get(passage.entityId);
        if (!tally) {
          tally = { count: 0, sources: new Set() };
          mentions.set(passage.entityId, tally);
        }
        tally.count += 1;
        tally.sources.add(passage.sourceId);
      }
      return entities.sort(byName).map((entity): EntitySummary => ({
        ...entity,
        mentionCount: mentions.get(entity.id)?.count ?? 0,
        sourceCount: mentions.get(entity.id)?.sources.size ?? 0,
      }));
    },

    async known(caseId) {
      return (await liveEntitiesOf(caseId)).map((e) => ({
        id: e.id,
        type: e.type,
        names: [e.name, ...e.aliases],
      }));
    },

    async get(id) {
      if (!db.hasTable('entities')) return undefined;
      return db.entities.get(id);
    },

    async findByName(caseId, name) {
      const wanted = comparableName(name);
      if (wanted === '') return [];
      return (await liveEntitiesOf(caseId))
        .filter(
          (entity) =>
            comparableName(entity.name) === wanted ||
            entity.aliases.some((alias) => comparableName(alias) === wanted),
        )
        .sort(byName);
    },

    async create(caseId, input) {
      return guardedWrite(mode, 'create the entity', async () => {
        const fields = validateNewEntity(input);
        if (!fields.ok) return fields;
        return await db.transaction('rw', [db.cases, db.entities, db.audit], async () => {
          await requireCase(db, caseId);
          const entity = entityRecord(caseId, fields.value, newId(), now());
          await addEntity(db, options, entity);
          return ok(entity);
        });
      });
    },

    async update(id: EntityId, changes: EntityChanges) {
      return guardedWrite(mode, 'save the entity', async () => {
        return await db.transaction(
          'rw',
          [db.entities, db.audit],
          async (): Promise<Result<Entity>> => {
            const current = await liveEntity(db, id);
            const applied = applyEntityChanges(current, changes);
            if (!applied.ok) return applied;
            const fields = (Object.keys(applied.value) as (keyof ValidEntityFields)[]).filter(
              (field) => !sameValue(applied.value[field], current[field]),
            );
            // Saving without changes writes nothing: no new updatedAt, no empty audit event.
            if (fields.length === 0) return ok(current);
            const next: Entity = { ...current, ...applied.value, updatedAt: now() };
            await db.entities.put(next);
            await recordEvent(db, options, {
              caseId: current.caseId,
              at: next.updatedAt,
              action: 'entity.updated',
              subject: id,
              detail: { entityId: id, fields: fields.sort() },
            });
            return ok(next);
          },
        );
      });
    },

    async delete(id: EntityId, deleteOptions = {}) {
      return guardedWrite(mode, 'delete the entity', async () => {
        const tables = [
          db.entities,
          db.passages,
          db.claims,
          db.entityMerges,
          db.suggestions,
          db.audit,
        ];
        const removedRecords = await db.transaction('rw', tables, async () => {
          const entity = await liveEntity(db, id);
          const { caseId } = entity;
          // Entities merged into this one (and into those, …) are its history: they go with it.
          const ofCase = await db.entities.where('caseId').equals(caseId).toArray();
          const doomed = new Set<EntityId>([id]);
          for (let grew = true; grew;) {
            grew = false;
            for (const other of ofCase) {
              if (other.mergedInto && doomed.has(other.mergedInto) && !doomed.has(other.id)) {
                doomed.add(other.id);
                grew = true;
              }
            }
          }
          const claims = await claimsOfCase(db, caseId);
          const users = new Set<string>(
            claims.filter((claim) => involves(claim, doomed)).map((claim) => claim.id),
          );
          if (users.size > 0 && deleteOptions.claims !== 'delete') {
            throw new AppErrorException(
              'entity.usedByClaims',
              `“${entity.name}” takes part in ${users.size === 1 ? 'a claim' : `${users.size} claims`}; ` +
                'change or delete those claims first, or delete them with the entity.',
            );
          }
          const mentions = await db.passages
            .where('entityId')
            .anyOf([...doomed])
            .toArray();
          const mentionIds = new Set<string>(mentions.map((passage) => passage.id));
          // Claims deleted with the entity do not hold on to its mentions.
          const citing = claims.filter(
            (claim) => !users.has(claim.id) && claim.evidence.some((p) => mentionIds.has(p)),
          );
          if (citing.length > 0) {
            throw new AppErrorException(
              'entity.mentionsCited',
              `Mentions of “${entity.name}” are evidence for ${citing.length === 1 ? 'a claim' : `${citing.length} claims`}; ` +
                'remove them from the evidence first.',
            );
          }
          let removed = 0;
          const at = now();
          // Never a dangling edge: the claims go, and so do supports/contradicts links to them.
          const unlinkedClaims = await removeClaims(db, caseId, users, at);
          removed += users.size;
          await db.passages.bulkDelete(mentions.map((passage) => passage.id));
          removed += mentions.length;
          removed += await forgetAcceptedSuggestions(db, mentions);
          // Pending suggestions that would be mentions of it would point at nothing.
          // (toArray, then filter: a Dexie filter walks a cursor, one round trip per row.)
          const pending = (
            await db.suggestions.where('[caseId+status]').equals([caseId, 'pending']).toArray()
          )
            .filter((row) => row.entityId !== undefined && doomed.has(row.entityId))
            .map((row) => row.id);
          await db.suggestions.bulkDelete(pending);
          removed += pending.length;
          const ids = [...doomed];
          const mergeIds = new Set([
            ...(await db.entityMerges.where('survivorId').anyOf(ids).primaryKeys()),
            ...(await db.entityMerges.where('mergedId').anyOf(ids).primaryKeys()),
          ]);
          await db.entityMerges.bulkDelete([...mergeIds]);
          removed += mergeIds.size;
          await db.entities.bulkDelete(ids);
          removed += ids.length;
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'entity.deleted',
            subject: id,
            detail: {
              entityId: id,
              type: entity.type,
              name: entity.name,
              mergedEntityIds: ids.slice(1),
              ...(users.size > 0 ? { deletedClaimIds: [...users], unlinkedClaims } : {}),
              removedRecords: removed,
            },
          });
          return removed;
        });
        return ok({ removedRecords });
      });
    },

    async mentions(id) {
      if (!db.hasTable('passages')) return [];
      const passages = (await rowsWhere(db.passages, 'entityId', id)).filter(
        (passage) => passage.kind === 'mention',
      );
      const found: MentionInContext[] = (await passagesInContext(db, passages)).map(
        ({ passage, source, page, before, after }) => ({
          passage,
          sourceTitle: source.title,
          ...(page !== undefined ? { page } : {}),
          before,
          after,
        }),
      );
      return found.sort(
        (a, b) =>
          TITLE_ORDER.compare(a.sourceTitle, b.sourceTitle) ||
          a.passage.sourceId.localeCompare(b.passage.sourceId) ||
          byPosition(a.passage, b.passage),
      );
    },

    async claims(id) {
      const entity = db.hasTable('entities') ? await db.entities.get(id) : undefined;
      if (!entity || !db.hasTable('claims')) return [];
      const only = new Set<string>([id]);
      // Schema v4 indexes subject and object entity: two lookups instead of a scan of the case.
      const found = db.claims.schema.idxByName['object.entityId']
        ? [
            ...new Map(
              [
                ...(await db.claims.where('subjectId').equals(id).toArray()),
                ...(await db.claims.where('object.entityId').equals(id).toArray()),
              ].map((claim) => [claim.id, claim] as const),
            ).values(),
          ]
        : (await claimsOfCase(db, entity.caseId)).filter((claim) => involves(claim, only));
      return found.sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      );
    },

    async merge(survivorId: EntityId, mergedId: EntityId) {
      return guardedWrite(mode, 'merge the entities', async () => {
        if (survivorId === mergedId) {
          return err('entity.mergeSelf', 'An entity cannot be merged into itself.');
        }
        const tables = [db.entities, db.passages, db.claims, db.entityMerges, db.audit];
        const record = await db.transaction('rw', tables, async () => {
          const survivor = await liveEntity(db, survivorId);
          const merged = await liveEntity(db, mergedId);
          if (survivor.caseId !== merged.caseId) {
            throw new AppErrorException(
              'entity.mergeOtherCase',
              'Only entities of the same case can be merged.',
            );
          }
          const checked = validateNewEntity(mergedEntityFields(survivor, merged));
          if (!checked.ok) {
            throw new AppErrorException(
              checked.error.code,
              `The merged entity would not be valid: ${checked.error.message}`,
            );
          }
          const at = now();
          const { caseId } = survivor;
          const moved = await db.passages.where('entityId').equals(mergedId).toArray();
          const movedClaims: { id: ClaimId; field: 'subject' | 'object' }[] = [];
          const repointed: Claim[] = [];
          for (const claim of await claimsOfCase(db, caseId)) {
            const subject = claim.subjectId === mergedId;
            const object = claim.object.kind === 'entity' && claim.object.entityId === mergedId;
            if (!subject && !object) continue;
            if (subject) movedClaims.push({ id: claim.id, field: 'subject' });
            if (object) movedClaims.push({ id: claim.id, field: 'object' });
            repointed.push({
              ...claim,
              subjectId: subject ? survivorId : claim.subjectId,
              object: object ? { kind: 'entity', entityId: survivorId } : claim.object,
              updatedAt: at,
            });
          }
          const merge: EntityMerge = {
            id: asEntityMergeId(newId()),
            caseId,
            createdAt: at,
            updatedAt: at,
            survivorId,
            mergedId,
            survivorBefore: survivor,
            mergedBefore: merged,
            movedPassageIds: moved.map((passage) => passage.id),
            movedClaims,
          };
          await db.entities.bulkPut([
            { ...survivor, ...checked.value, updatedAt: at },
            { ...merged, mergedInto: survivorId, updatedAt: at },
          ]);
          await db.passages.bulkPut(
            moved.map((passage) => ({ ...passage, entityId: survivorId, updatedAt: at })),
          );
          await db.claims.bulkPut(repointed);
          await db.entityMerges.add(merge);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'entity.merged',
            subject: survivorId,
            detail: {
              mergeId: merge.id,
              survivorId,
              mergedId,
              survivorName: survivor.name,
              mergedName: merged.name,
              movedPassages: moved.length,
              movedClaims: movedClaims.length,
            },
          });
          return merge;
        });
        return ok(record);
      });
    },

    async undoMerge(id: EntityMergeId) {
      return guardedWrite(mode, 'undo the merge', async () => {
        const tables = [db.entities, db.passages, db.claims, db.entityMerges, db.audit];
        await db.transaction('rw', tables, async () => {
          const merge = await db.entityMerges.get(id);
          if (!merge) {
            throw new AppErrorException(
              'entity.mergeNotFound',
              `There is no merge with id ${id}; it may have been removed with its entities.`,
            );
          }
          if (merge.undoneAt !== undefined) {
            throw new AppErrorException(
              'entity.mergeAlreadyUndone',
              'This merge was already undone.',
            );
          }
          const { survivorId, mergedId } = merge;
          const pair = [survivorId, mergedId];
          const related = [
            ...(await db.entityMerges.where('survivorId').anyOf(pair).toArray()),
            ...(await db.entityMerges.where('mergedId').anyOf(pair).toArray()),
          ];
          const later = related.some(
            (other) =>
              other.id !== merge.id &&
              other.undoneAt === undefined &&
              other.createdAt > merge.createdAt,
          );
          const survivor = await db.entities.get(survivorId);
          const merged = await db.entities.get(mergedId);
          if (!survivor || !merged) throw entityNotFound(survivor ? mergedId : survivorId);
          // The state check also catches a later merge recorded within the same millisecond.
          if (later || survivor.mergedInto !== undefined || merged.mergedInto !== survivorId) {
            throw new AppErrorException(
              'entity.laterMergeInForce',
              'A later merge involving these entities is still in force; undo that one first.',
            );
          }
          const at = now();
          const { mergedInto: _ignored, ...mergedBefore } = merge.mergedBefore;
          await db.entities.bulkPut([
            { ...merge.survivorBefore, updatedAt: at },
            { ...mergedBefore, updatedAt: at },
          ]);
          // Only what still points at the survivor goes back: a mention split off since stays put.
          const passages = (await db.passages.bulkGet([...merge.movedPassageIds])).filter(
            (passage): passage is Passage => passage?.entityId === survivorId,
          );
          await db.passages.bulkPut(
            passages.map((passage) => ({ ...passage, entityId: mergedId, updatedAt: at })),
          );
          const claimIds = [...new Set(merge.movedClaims.map((moved) => moved.id))];
          const claims = new Map<string, Claim>();
          for (const claim of await db.claims.bulkGet(claimIds)) {
            if (claim) claims.set(claim.id, claim);
          }
          const restored = new Set<string>();
          for (const { id: claimId, field } of merge.movedClaims) {
            const claim = claims.get(claimId);
            if (!claim) continue;
            if (field === 'subject' && claim.subjectId === survivorId) {
              claims.set(claimId, { ...claim, subjectId: mergedId, updatedAt: at });
              restored.add(claimId);
            }
            if (
              field === 'object' &&
              claim.object.kind === 'entity' &&
              claim.object.entityId === survivorId
            ) {
              claims.set(claimId, {
                ...claim,
                object: { kind: 'entity', entityId: mergedId },
                updatedAt: at,
              });
              restored.add(claimId);
            }
          }
          await db.claims.bulkPut([...restored].map((claimId) => claims.get(claimId)!));
          await db.entityMerges.put({ ...merge, undoneAt: at, updatedAt: at });
          await recordEvent(db, options, {
            caseId: merge.caseId,
            at,
            action: 'entity.mergeUndone',
            subject: survivorId,
            detail: {
              mergeId: id,
              survivorId,
              mergedId,
              restoredPassages: passages.length,
              restoredClaims: restored.size,
            },
          });
        });
        return ok(undefined);
      });
    },

    async merges(caseId) {
      if (!db.hasTable('entityMerges')) return [];
      return (await rowsWhere(db.entityMerges, 'caseId', caseId)).sort(newestFirst);
    },

    async splitMention(passageId: PassageId, target) {
      return guardedWrite(mode, 'split the mention', async () => {
        let fields: ValidEntityFields | undefined;
        if ('newEntity' in target) {
          const checked = validateNewEntity(target.newEntity);
          if (!checked.ok) return checked;
          fields = checked.value;
        }
        const next = await db.transaction('rw', [db.passages, db.entities, db.audit], async () => {
          const passage = await db.passages.get(passageId);
          if (!passage) throw passageNotFound(passageId);
          if (passage.kind !== 'mention') {
            throw new AppErrorException(
              'passage.notMention',
              'Only a mention of an entity can be split off into another entity.',
            );
          }
          const at = now();
          let toEntityId: EntityId;
          if ('entityId' in target) {
            await liveEntityOfCase(db, passage.caseId, target.entityId);
            if (target.entityId === passage.entityId) {
              throw new AppErrorException(
                'entity.splitSameEntity',
                'This is already a mention of that entity; choose another one.',
              );
            }
            toEntityId = target.entityId;
          } else {
            const entity = entityRecord(passage.caseId, fields!, newId(), at);
            await addEntity(db, options, entity, 'split');
            toEntityId = entity.id;
          }
          const moved: Passage = { ...passage, entityId: toEntityId, updatedAt: at };
          await db.passages.put(moved);
          await recordEvent(db, options, {
            caseId: passage.caseId,
            at,
            action: 'passage.split',
            subject: passageId,
            detail: {
              passageId,
              ...(passage.entityId !== undefined ? { fromEntityId: passage.entityId } : {}),
              toEntityId,
            },
          });
          return moved;
        });
        return ok(next);
      });
    },
  };
}
