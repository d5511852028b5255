import { describeRange } from '../core/anchoring';
import {
  MAX_ENTITY_NAME_LENGTH,
  parseEntityType,
  suggestionKey,
  validateNewEntity,
} from '../core/model/entity';
import {
  asPassageId,
  asSuggestionId,
  isUuid,
  type CaseId,
  type EntityId,
  type SourceId,
  type SuggestionId,
} from '../core/model/ids';
import {
  SUGGESTION_ORIGINS,
  type Entity,
  type EntityType,
  type Passage,
  type Rejection,
  type Suggestion,
  type SuggestionCandidate,
} from '../core/model/records';
import type { AcceptedSuggestions, SuggestionRepository } from '../core/ports/repositories';
import { AppErrorException, ok, type Result } from '../shared/result';
import {
  entityRecord,
  guardedWrite,
  recordEvent,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase } from './schema';

export type SuggestionRepositoryOptions = RepositoryOptions;

/**
 * Most pending suggestions one source may hold. A review queue longer than this is no longer
 * reviewable, and each row costs storage: replaceForSource refuses a larger batch
 * (`suggestion.tooMany`) rather than silently keeping an arbitrary part of it. Counted after
 * rejected, accepted and already-tagged candidates are dropped.
 */
export const MAX_SUGGESTIONS_PER_SOURCE = 20_000;

/** Longest `detail` label kept with a suggestion. */
const MAX_DETAIL_LENGTH = 100;

function candidateInvalid(index: number, reason: string): AppErrorException {
  return new AppErrorException(
    'suggestion.candidateInvalid',
    `Extraction result ${index + 1} is malformed (${reason}); no suggestions were stored.`,
  );
}

function suggestionNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'suggestion.notFound',
    `There is no suggestion with id ${id}; the source may have been re-extracted or deleted.`,
  );
}

function notPending(row: Suggestion): AppErrorException {
  return new AppErrorException(
    'suggestion.notPending',
    `The suggestion “${row.raw.slice(0, 80)}” was already ${row.status}.`,
  );
}

/** Where and what: two candidates with the same place and type are the same proposal. */
function placeKey(type: EntityType, start: number, end: number): string {
  return `${type}\u0000${start}\u0000${end}`;
}

function byTextOrder(a: Suggestion, b: Suggestion): number {
  return a.start - b.start || a.end - b.end || a.type.localeCompare(b.type);
}

/**
 * Checks the shape of one extraction result (everything but its offsets, which need the text).
 * Returns the candidate as it will be stored, or undefined when its value is too long to become
 * an entity name (a real-world oddity, e.g. a huge URL, not a malformed result: it is skipped).
 */
function checkCandidate(candidate: unknown, index: number): SuggestionCandidate | undefined {
  if (typeof candidate !== 'object' || candidate === null) {
    throw candidateInvalid(index, 'not an object');
  }
  const c = candidate as Partial<Record<keyof SuggestionCandidate, unknown>>;
  if (!(SUGGESTION_ORIGINS as readonly unknown[]).includes(c.origin)) {
    throw candidateInvalid(index, `unknown origin ${JSON.stringify(c.origin)}`);
  }
  const type = parseEntityType(c.type);
  if (!type.ok) throw candidateInvalid(index, type.error.message);
  if (typeof c.value !== 'string' || c.value.trim() === '') {
    throw candidateInvalid(index, 'empty value');
  }
  if (!Number.isInteger(c.start) || !Number.isInteger(c.end)) {
    throw candidateInvalid(index, 'start and end must be whole numbers');
  }
  if (
    c.detail !== undefined &&
    (typeof c.detail !== 'string' || c.detail.length > MAX_DETAIL_LENGTH)
  ) {
    throw candidateInvalid(index, 'detail must be a short text');
  }
  if (c.entityId !== undefined && (typeof c.entityId !== 'string' || !isUuid(c.entityId))) {
    throw candidateInvalid(index, 'entityId is not an entity id');
  }
  const value = c.value.trim();
  if (value.length > MAX_ENTITY_NAME_LENGTH) return undefined;
  return {
    origin: c.origin as SuggestionCandidate['origin'],
    type: type.value,
    value,
    start: c.start as number,
    end: c.end as number,
    ...(c.detail !== undefined ? { detail: c.detail } : {}),
    ...(c.entityId !== undefined ? { entityId: c.entityId as EntityId } : {}),
  };
}

/** Reads suggestions by ids, checking they exist and belong to one case. */
async function suggestionsOfOneCase(
  db: CasefileDatabase,
  ids: readonly SuggestionId[],
): Promise<Suggestion[]> {
  const rows = await db.suggestions.bulkGet([...ids]);
  const found: Suggestion[] = [];
  for (const [index, row] of rows.entries()) {
    if (!row) throw suggestionNotFound(ids[index]!);
    found.push(row);
  }
  if (new Set(found.map((row) => row.caseId)).size > 1) {
    throw new AppErrorException(
      'suggestion.mixedCases',
      'These suggestions belong to different cases; review them one case at a time.',
    );
  }
  return found;
}

/**
 * SuggestionRepository over Dexie: each source's review queue of extraction results, and the
 * case-wide memory of rejected (type, value) pairs. Every write appends its audit event in the
 * same transaction.
 */
export function createSuggestionRepository(
  db: CasefileDatabase,
  options: SuggestionRepositoryOptions,
): SuggestionRepository {
  const { mode, now, newId } = options;

  return {
    async forSource(sourceId) {
      if (!db.hasTable('suggestions')) return [];
      return (await rowsWhere(db.suggestions, 'sourceId', sourceId)).sort(byTextOrder);
    },

    async pendingCounts(caseId) {
      const counts = new Map<SourceId, number>();
      if (!db.hasTable('suggestions')) return counts;
      const pending = db.suggestions.schema.idxByName['[caseId+status]']
        ? await db.suggestions.where('[caseId+status]').equals([caseId, 'pending']).toArray()
        : await db.suggestions
            .filter((row) => row.caseId === caseId && row.status === 'pending')
            .toArray();
      for (const row of pending) counts.set(row.sourceId, (counts.get(row.sourceId) ?? 0) + 1);
      return counts;
    },

    async replaceForSource(sourceId, candidates) {
      return guardedWrite(mode, 'store the suggestions', async () => {
        // Each kept candidate with its place in the batch, so an error can name it.
        const checked: { candidate: SuggestionCandidate; index: number }[] = [];
        for (const [index, candidate] of candidates.entries()) {
          const kept = checkCandidate(candidate, index);
          if (kept) checked.push({ candidate: kept, index });
        }
        const tables = [
          db.sources,
          db.sourceContents,
          db.suggestions,
          db.rejections,
          db.passages,
          db.entities,
          db.audit,
        ];
        return await db.transaction('rw', tables, async () => {
          const source = await db.sources.get(sourceId);
          if (!source) {
            throw new AppErrorException(
              'suggestion.sourceNotFound',
              `There is no source with id ${sourceId}; it may have been deleted.`,
            );
          }
          const text = (await db.sourceContents.get(sourceId))?.text ?? '';
          for (const { candidate, index } of checked) {
            if (
              candidate.start < 0 ||
              candidate.end > text.length ||
              candidate.start >= candidate.end
            ) {
              throw candidateInvalid(
                index,
                `range ${candidate.start}–${candidate.end} outside the text of ${text.length} characters`,
              );
            }
            if (text.slice(candidate.start, candidate.end).trim() === '') {
              throw candidateInvalid(index, 'its range is only white space');
            }
          }
          const { caseId } = source;
          const rejected = new Set(
            (await db.rejections.where('caseId').equals(caseId).toArray()).map((row) => row.key),
          );
          const taken = new Set(
            (
              await db.suggestions
                .where('[sourceId+status]')
                .equals([sourceId, 'accepted'])
                .toArray()
            ).map((row) => placeKey(row.type, row.start, row.end)),
          );
          // Ranges already tagged as a mention of an entity of that type.
          const mentions = (await db.passages.where('sourceId').equals(sourceId).toArray()).filter(
            (passage) =>
              passage.kind === 'mention' && passage.entityId !== undefined && !passage.orphaned,
          );
          const entityTypes = new Map<string, EntityType>();
          const entityIds = [...new Set(mentions.map((passage) => passage.entityId!))];
          for (const entity of await db.entities.bulkGet(entityIds)) {
            if (entity) entityTypes.set(entity.id, entity.type);
          }
          for (const passage of mentions) {
            const type = entityTypes.get(passage.entityId!);
            if (type) taken.add(placeKey(type, passage.position.start, passage.position.end));
          }

          const at = now();
          const rows: Suggestion[] = [];
          let skippedRejected = 0;
          for (const { candidate } of checked) {
            if (rejected.has(suggestionKey(candidate.type, candidate.value))) {
              skippedRejected += 1;
              continue;
            }
            const place = placeKey(candidate.type, candidate.start, candidate.end);
            if (taken.has(place)) continue;
            taken.add(place); // and the same proposal twice in one batch is stored once
            rows.push({
              ...candidate,
              id: asSuggestionId(newId()),
              caseId,
              sourceId,
              createdAt: at,
              updatedAt: at,
              raw: text.slice(candidate.start, candidate.end),
              status: 'pending',
            });
          }
          if (rows.length > MAX_SUGGESTIONS_PER_SOURCE) {
            throw new AppErrorException(
              'suggestion.tooMany',
              `Extraction found ${rows.length.toLocaleString('en')} suggestions in “${source.title}”; ` +
                `a source can hold at most ${MAX_SUGGESTIONS_PER_SOURCE.toLocaleString('en')}. Nothing was stored.`,
            );
          }
          const removedPending = await db.suggestions
            .where('[sourceId+status]')
            .equals([sourceId, 'pending'])
            .delete();
          if (rows.length === 0 && removedPending === 0) return ok({ added: 0, skippedRejected });
          await db.suggestions.bulkAdd(rows);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'suggestions.replaced',
            subject: sourceId,
            detail: { sourceId, added: rows.length, removedPending, skippedRejected },
          });
          return ok({ added: rows.length, skippedRejected });
        });
      });
    },

    async accept(ids) {
      return guardedWrite(mode, 'accept the suggestions', async () => {
        const unique = [...new Set(ids)];
        if (unique.length === 0) return ok({ passages: [], createdEntities: [] });
        const tables = [db.sourceContents, db.suggestions, db.passages, db.entities, db.audit];
        return await db.transaction(
          'rw',
          tables,
          async (): Promise<Result<AcceptedSuggestions>> => {
            const rows = await suggestionsOfOneCase(db, unique);
            for (const row of rows) if (row.status !== 'pending') throw notPending(row);
            const caseId = rows[0]!.caseId;
            const at = now();

            // Live entities of the case by type + comparable name or alias; the oldest wins a tie.
            const ofCase = await db.entities.where('caseId').equals(caseId).toArray();
            const byId = new Map(ofCase.map((entity) => [entity.id, entity] as const));
            const byKey = new Map<string, Entity>();
            const live = ofCase
              .filter((entity) => entity.mergedInto === undefined)
              .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
            for (const entity of live) {
              for (const name of [entity.name, ...entity.aliases]) {
                const key = suggestionKey(entity.type, name);
                if (!byKey.has(key)) byKey.set(key, entity);
              }
            }
            const texts = new Map<SourceId, string>();
            // Per source: its mentions by entity and place.
            const mentionsOf = new Map<SourceId, Map<string, Passage>>();
            const placeOf = (entityId: string, start: number, end: number) =>
              `${entityId}\u0000${start}\u0000${end}`;
            const created: Entity[] = [];
            const passages: Passage[] = [];
            const newPassages: Passage[] = [];
            const accepted: Suggestion[] = [];

            const targetOf = (row: Suggestion): Entity => {
              if (row.entityId !== undefined) {
                // A known entity merged away since extraction: its survivor is the same entity now.
                let entity = byId.get(row.entityId);
                for (let hops = 0; entity?.mergedInto !== undefined && hops < 100; hops += 1) {
                  entity = byId.get(entity.mergedInto);
                }
                if (!entity || entity.mergedInto !== undefined) {
                  throw new AppErrorException(
                    'suggestion.entityNotFound',
                    `The entity “${row.value.slice(0, 80)}” was proposed as a mention of no longer exists; run extraction again.`,
                  );
                }
                return entity;
              }
              const key = suggestionKey(row.type, row.value);
              const existing = byKey.get(key);
              if (existing) return existing;
              const fields = validateNewEntity({ type: row.type, name: row.value });
              if (!fields.ok) throw new AppErrorException(fields.error.code, fields.error.message);
              const entity = entityRecord(caseId, fields.value, newId(), at);
              // Recorded in the one `suggestions.accepted` event below: accepting a whole queue
              // may create thousands, and each event costs a hash and a read of the chain head.
              created.push(entity);
              byKey.set(key, entity);
              byId.set(entity.id, entity);
              return entity;
            };

            // Text order within each source, so the first occurrence names a new entity.
            const ordered = [...rows].sort(
              (a, b) => a.sourceId.localeCompare(b.sourceId) || byTextOrder(a, b),
            );
            for (const row of ordered) {
              let text = texts.get(row.sourceId);
              if (text === undefined) {
                text = (await db.sourceContents.get(row.sourceId))?.text ?? '';
                texts.set(row.sourceId, text);
                const mentions = new Map<string, Passage>();
                for (const passage of await db.passages
                  .where('sourceId')
                  .equals(row.sourceId)
                  .toArray()) {
                  if (passage.kind !== 'mention' || passage.entityId === undefined) continue;
                  mentions.set(
                    placeOf(passage.entityId, passage.position.start, passage.position.end),
                    passage,
                  );
                }
                mentionsOf.set(row.sourceId, mentions);
              }
              if (text.slice(row.start, row.end) !== row.raw) {
                throw new AppErrorException(
                  'suggestion.stale',
                  `The text of the source changed where “${row.raw.slice(0, 80)}” was found; run extraction again.`,
                );
              }
              const range = describeRange(text, row.start, row.end);
              if (!range.ok) throw new AppErrorException('suggestion.stale', range.error.message);
              const entity = targetOf(row);
              const known = mentionsOf.get(row.sourceId)!;
              const place = placeOf(
                entity.id,
                range.value.position.start,
                range.value.position.end,
              );
              // Tagged by hand meanwhile: accepting must not make a second, identical mention.
              let passage = known.get(place);
              if (!passage) {
                passage = {
                  id: asPassageId(newId()),
                  caseId,
                  createdAt: at,
                  updatedAt: at,
                  sourceId: row.sourceId,
                  kind: 'mention',
                  quote: range.value.quote,
                  position: range.value.position,
                  orphaned: false,
                  note: '',
                  entityId: entity.id,
                };
                newPassages.push(passage);
                known.set(place, passage);
              }
              passages.push(passage);
              accepted.push({ ...row, status: 'accepted', passageId: passage.id, updatedAt: at });
            }
            // One bulk write per table: accepting a whole queue is thousands of rows.
            await db.entities.bulkAdd(created);
            await db.passages.bulkAdd(newPassages);
            await db.suggestions.bulkPut(accepted);
            await recordEvent(db, options, {
              caseId,
              at,
              action: 'suggestions.accepted',
              subject: caseId,
              detail: {
                suggestionIds: accepted.map((row) => row.id),
                passageIds: passages.map((passage) => passage.id),
                createdEntities: created.map(({ id, type, name }) => ({
                  entityId: id,
                  type,
                  name,
                })),
              },
            });
            return ok({ passages, createdEntities: created });
          },
        );
      });
    },

    async reject(ids) {
      return guardedWrite(mode, 'reject the suggestions', async () => {
        const unique = [...new Set(ids)];
        if (unique.length === 0) return ok(undefined);
        await db.transaction('rw', [db.suggestions, db.rejections, db.audit], async () => {
          const rows = await suggestionsOfOneCase(db, unique);
          for (const row of rows) if (row.status === 'accepted') throw notPending(row);
          const caseId = rows[0]!.caseId;
          const at = now();
          const keys = new Map<string, { type: EntityType; value: string }>();
          for (const row of rows) keys.set(suggestionKey(row.type, row.value), row);
          const known = await db.rejections.bulkGet([...keys.keys()].map((key) => [caseId, key]));
          const remembered: Rejection[] = [...keys]
            .filter((_, index) => known[index] === undefined)
            .map(([key, { type, value }]) => ({ caseId, key, type, value, createdAt: at }));
          // The same value elsewhere in the case is rejected with it: it is the same judgement.
          // (toArray, then filter: a Dexie filter walks a cursor, one round trip per row.)
          const pending = (
            await db.suggestions.where('[caseId+status]').equals([caseId, 'pending']).toArray()
          ).filter((row) => keys.has(suggestionKey(row.type, row.value)));
          const changed = pending.map((row): Suggestion => ({
            ...row,
            status: 'rejected',
            updatedAt: at,
          }));
          if (remembered.length === 0 && changed.length === 0) return;
          await db.rejections.bulkPut(remembered);
          await db.suggestions.bulkPut(changed);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'suggestions.rejected',
            subject: caseId,
            detail: {
              suggestionIds: changed.map((row) => row.id),
              rejected: [...keys.values()].map(({ type, value }) => ({ type, value })),
            },
          });
        });
        return ok(undefined);
      });
    },

    async setType(id, type) {
      return guardedWrite(mode, 'change the suggestion’s type', async () => {
        const parsed = parseEntityType(type);
        if (!parsed.ok) return parsed;
        return await db.transaction('rw', [db.suggestions, db.audit], async () => {
          const row = await db.suggestions.get(id);
          if (!row) throw suggestionNotFound(id);
          if (row.status !== 'pending') throw notPending(row);
          if (row.type === parsed.value) return ok(row);
          // A proposed mention of a known entity is of that entity's type: a new type drops it.
          const { entityId: _known, ...rest } = row;
          const next: Suggestion = { ...rest, type: parsed.value, updatedAt: now() };
          await db.suggestions.put(next);
          await recordEvent(db, options, {
            caseId: row.caseId,
            at: next.updatedAt,
            action: 'suggestion.typeChanged',
            subject: id,
            detail: { suggestionId: id, from: row.type, to: parsed.value },
          });
          return ok(next);
        });
      });
    },

    async unreject(caseId: CaseId, key: string) {
      return guardedWrite(mode, 'forget the rejection', async () => {
        await db.transaction('rw', [db.suggestions, db.rejections, db.audit], async () => {
          const rejection = await db.rejections.get([caseId, key]);
          if (!rejection) {
            throw new AppErrorException(
              'suggestion.rejectionNotFound',
              'That value is not among the case’s rejected suggestions.',
            );
          }
          await db.rejections.delete([caseId, key]);
          // Its rejected suggestions go back to the review queue, as if never rejected.
          const at = now();
          const reopened = (
            await db.suggestions.where('[caseId+status]').equals([caseId, 'rejected']).toArray()
          )
            .filter((row) => suggestionKey(row.type, row.value) === key)
            .map((row): Suggestion => ({ ...row, status: 'pending', updatedAt: at }));
          await db.suggestions.bulkPut(reopened);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'suggestion.unrejected',
            subject: caseId,
            detail: {
              type: rejection.type,
              value: rejection.value,
              reopenedSuggestionIds: reopened.map((row) => row.id),
            },
          });
        });
        return ok(undefined);
      });
    },
  };
}
