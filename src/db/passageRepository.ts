import { describeRange, reanchorPassages } from '../core/anchoring';
import { validateNewEntity, type ValidEntityFields } from '../core/model/entity';
import {
  asPassageId,
  type CaseId,
  type EntityId,
  type PassageId,
  type SourceId,
} from '../core/model/ids';
import type {
  IsoTimestamp,
  Passage,
  PassageKind,
  TextPositionSelector,
  TextQuoteSelector,
} from '../core/model/records';
import type { PassageChanges, PassageRepository } from '../core/ports/repositories';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { failure } from './failure';
import { validatePassageColour, validatePassageKind, validatePassageNote } from './passageRules';
import {
  addEntity,
  byPosition,
  claimsCiting,
  entityRecord,
  forgetAcceptedSuggestions,
  liveEntityOfCase,
  passageNotFound,
  guardedWrite,
  recordEvent,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase } from './schema';

export type PassageRepositoryOptions = RepositoryOptions;

function sourceNotFound(id: SourceId): AppErrorException {
  return new AppErrorException(
    'passage.sourceNotFound',
    `There is no source with id ${id} in this case; it may have been deleted.`,
  );
}

/** Where a new passage is: the W3C selectors of a range of its source's stored text. */
export interface PassageAnchor {
  readonly sourceId: SourceId;
  readonly quote: TextQuoteSelector;
  readonly position: TextPositionSelector;
}

/**
 * Builds a new passage's selectors from the source's stored text (describeRange), so they are
 * never hand-made. Throws `passage.sourceNotFound` (missing, of another case, or without text)
 * and the anchor.* errors of describeRange. Runs inside a transaction over sources and contents.
 */
export async function anchorNewPassage(
  db: CasefileDatabase,
  caseId: CaseId,
  range: { readonly sourceId: SourceId; readonly start: number; readonly end: number },
): Promise<PassageAnchor> {
  const source = await db.sources.get(range.sourceId);
  if (source?.caseId !== caseId) throw sourceNotFound(range.sourceId);
  const content = await db.sourceContents.get(source.id);
  if (!content) {
    throw new AppErrorException(
      'passage.sourceNotFound',
      `“${source.title}” has no extracted text to mark passages in.`,
    );
  }
  const described = describeRange(content.text, range.start, range.end);
  if (!described.ok) throw new AppErrorException(described.error.code, described.error.message);
  return { sourceId: source.id, ...described.value };
}

/**
 * Stores a new passage at `anchor` with its `passage.created` event. Must run inside a read-write
 * transaction over passages and audit; the fields are already validated (passageRules).
 */
export async function addPassage(
  db: CasefileDatabase,
  options: RepositoryOptions,
  caseId: CaseId,
  anchor: PassageAnchor,
  fields: {
    readonly kind: PassageKind;
    /** '' for none. */
    readonly colour: string;
    readonly note: string;
    readonly entityId?: EntityId;
    readonly at: IsoTimestamp;
  },
): Promise<Passage> {
  const { at, entityId } = fields;
  const record: Passage = {
    id: asPassageId(options.newId()),
    caseId,
    createdAt: at,
    updatedAt: at,
    sourceId: anchor.sourceId,
    kind: fields.kind,
    quote: anchor.quote,
    position: anchor.position,
    orphaned: false,
    ...(fields.colour !== '' ? { colour: fields.colour } : {}),
    note: fields.note,
    ...(entityId !== undefined ? { entityId } : {}),
  };
  await db.passages.add(record);
  await recordEvent(db, options, {
    caseId,
    at,
    action: 'passage.created',
    subject: record.id,
    detail: {
      passageId: record.id,
      sourceId: record.sourceId,
      kind: record.kind,
      start: record.position.start,
      end: record.position.end,
      ...(entityId !== undefined ? { entityId } : {}),
    },
  });
  return record;
}

/** What re-anchoring a source's passages against its current text changes. */
interface ReanchorPlan {
  /** Every passage, as it is after re-anchoring. */
  readonly passages: Passage[];
  /** Only those whose row must be written. */
  readonly changed: Passage[];
  readonly moved: PassageId[];
  readonly orphaned: PassageId[];
  readonly restored: PassageId[];
}

/**
 * Re-anchors passages against `text`. A passage still at its position costs one comparison
 * (anchor's fast path), so the usual case — nothing moved — is linear in the passages, not in
 * passages × text. Moved passages get fresh selectors from the text (new position, and context
 * that describes the current text, so they hit the fast path next time); lost ones are flagged
 * `orphaned`, keeping their old selectors so the quote is recognised if it comes back.
 */
function planReanchor(text: string, passages: readonly Passage[], at: IsoTimestamp): ReanchorPlan {
  const plan: ReanchorPlan = { passages: [], changed: [], moved: [], orphaned: [], restored: [] };
  const change = (next: Passage) => {
    plan.passages.push(next);
    plan.changed.push(next);
  };
  for (const { passage, result } of reanchorPassages(text, passages)) {
    if (result.status === 'exact') {
      if (!passage.orphaned) {
        plan.passages.push(passage);
        continue;
      }
      plan.restored.push(passage.id);
      change({ ...passage, orphaned: false, updatedAt: at });
      continue;
    }
    const described =
      result.status === 'moved' ? describeRange(text, result.start, result.end) : undefined;
    if (described?.ok) {
      plan.moved.push(passage.id);
      if (passage.orphaned) plan.restored.push(passage.id);
      change({
        ...passage,
        quote: described.value.quote,
        position: described.value.position,
        orphaned: false,
        updatedAt: at,
      });
    } else if (passage.orphaned) {
      plan.passages.push(passage);
    } else {
      plan.orphaned.push(passage.id);
      change({ ...passage, orphaned: true, updatedAt: at });
    }
  }
  return plan;
}

/** Whether two reads of a source's passages found exactly the same rows. */
function sameRows(current: readonly Passage[], before: readonly Passage[]): boolean {
  if (current.length !== before.length) return false;
  const earlier = new Map(before.map((passage) => [passage.id, passage] as const));
  return current.every((passage) => {
    const then = earlier.get(passage.id);
    return then !== undefined && JSON.stringify(then) === JSON.stringify(passage);
  });
}

/**
 * PassageRepository over Dexie. A passage's selectors are always built here, from the stored
 * text (describeRange); every write appends its audit event in the same transaction.
 */
export function createPassageRepository(
  db: CasefileDatabase,
  options: PassageRepositoryOptions,
): PassageRepository {
  const { mode, now, newId } = options;

  async function passagesOf(sourceId: SourceId): Promise<Passage[]> {
    return db.hasTable('passages') ? rowsWhere(db.passages, 'sourceId', sourceId) : [];
  }

  return {
    async get(id) {
      if (!db.hasTable('passages')) return undefined;
      return db.passages.get(id);
    },

    async forSource(sourceId) {
      const source = db.hasTable('sources') ? await db.sources.get(sourceId) : undefined;
      if (!source) {
        const missing = sourceNotFound(sourceId);
        return err(missing.code, missing.message);
      }
      const content = db.hasTable('sourceContents')
        ? await db.sourceContents.get(sourceId)
        : undefined;
      const stored = await passagesOf(sourceId);
      // Without a text there is nothing to anchor against: show the passages as stored.
      if (!content) return ok(stored.sort(byPosition));
      const plan = planReanchor(content.text, stored, now());
      // Read-only: show where the passages are now, but write nothing.
      if (plan.changed.length === 0 || mode.kind === 'read-only') {
        return ok(plan.passages.sort(byPosition));
      }
      try {
        return await db.transaction(
          'rw',
          [db.sourceContents, db.passages, db.audit],
          async (): Promise<Result<readonly Passage[]>> => {
            // Again inside the transaction: the text or the passages may have changed meanwhile.
            // Usually they have not, and the plan made outside stands (no second search).
            const text = (await db.sourceContents.get(sourceId))?.text;
            const current = await db.passages.where('sourceId').equals(sourceId).toArray();
            if (text === undefined) return ok(current.sort(byPosition));
            const fresh =
              text === content.text && sameRows(current, stored)
                ? plan
                : planReanchor(text, current, now());
            if (fresh.changed.length > 0) {
              await db.passages.bulkPut(fresh.changed);
              await recordEvent(db, options, {
                caseId: source.caseId,
                at: fresh.changed[0]!.updatedAt,
                action: 'passages.reanchored',
                subject: sourceId,
                detail: {
                  sourceId,
                  moved: fresh.moved,
                  orphaned: fresh.orphaned,
                  restored: fresh.restored,
                },
              });
            }
            return ok(fresh.passages.sort(byPosition));
          },
        );
      } catch (error) {
        return failure(error, 're-anchor the passages');
      }
    },

    async create(caseId: CaseId, input) {
      return guardedWrite(mode, 'save the passage', async () => {
        const kind = validatePassageKind(input.kind);
        if (!kind.ok) return kind;
        const colour = validatePassageColour(input.colour ?? '');
        if (!colour.ok) return colour;
        const note = validatePassageNote(input.note ?? '');
        if (!note.ok) return note;
        const { entityId, newEntity } = input;
        let newEntityFields: ValidEntityFields | undefined;
        if (kind.value === 'mention') {
          if (entityId !== undefined && newEntity !== undefined) {
            return err(
              'passage.entityConflict',
              'A mention points at one entity: give an existing entity or a new one, not both.',
            );
          }
          if (entityId === undefined && newEntity === undefined) {
            return err(
              'passage.entityRequired',
              'A mention needs an entity: pick an existing one or create a new one.',
            );
          }
          if (newEntity !== undefined) {
            const checked = validateNewEntity(newEntity);
            if (!checked.ok) return checked;
            newEntityFields = checked.value;
          }
        } else if (entityId !== undefined || newEntity !== undefined) {
          return err(
            'passage.entityNotAllowed',
            `Only a mention points at an entity; a ${kind.value} does not.`,
          );
        }

        const passage = await db.transaction(
          'rw',
          [db.sources, db.sourceContents, db.entities, db.passages, db.audit],
          async () => {
            const anchor = await anchorNewPassage(db, caseId, input);
            const at = now();
            let mentioned = entityId;
            if (entityId !== undefined) {
              await liveEntityOfCase(db, caseId, entityId, 'passage.entityNotFound');
            } else if (newEntityFields !== undefined) {
              const entity = entityRecord(caseId, newEntityFields, newId(), at);
              await addEntity(db, options, entity, 'mention');
              mentioned = entity.id;
            }
            return addPassage(db, options, caseId, anchor, {
              kind: kind.value,
              colour: colour.value,
              note: note.value,
              ...(mentioned !== undefined ? { entityId: mentioned } : {}),
              at,
            });
          },
        );
        return ok(passage);
      });
    },

    async update(id: PassageId, changes: PassageChanges) {
      return guardedWrite(mode, 'save the passage', async () => {
        const kind = changes.kind === undefined ? undefined : validatePassageKind(changes.kind);
        if (kind && !kind.ok) return kind;
        const colour =
          changes.colour === undefined ? undefined : validatePassageColour(changes.colour);
        if (colour && !colour.ok) return colour;
        const note = changes.note === undefined ? undefined : validatePassageNote(changes.note);
        if (note && !note.ok) return note;
        return await db.transaction('rw', [db.passages, db.audit], async () => {
          const current = await db.passages.get(id);
          if (!current) throw passageNotFound(id);
          const nextKind = kind?.value ?? current.kind;
          if (nextKind === 'mention' && current.kind !== 'mention') {
            // PassageChanges carries no entity: tagging is creating a mention of an entity.
            return err(
              'passage.entityRequired',
              'To tag this text as a mention, create a mention of an entity for it.',
            );
          }
          const nextColour = colour ? colour.value : (current.colour ?? '');
          const { colour: _colour, entityId: _entityId, ...rest } = current;
          const next: Passage = {
            ...rest,
            kind: nextKind,
            note: note?.value ?? current.note,
            updatedAt: now(),
            ...(nextColour !== '' ? { colour: nextColour } : {}),
            // A passage that stops being a mention stops pointing at the entity.
            ...(nextKind === 'mention' && current.entityId !== undefined
              ? { entityId: current.entityId }
              : {}),
          };
          const fields = (['kind', 'colour', 'note', 'entityId'] as const).filter(
            (field) => next[field] !== current[field],
          );
          // Saving without changes writes nothing: no new updatedAt, no empty audit event.
          if (fields.length === 0) return ok(current);
          await db.passages.put(next);
          await recordEvent(db, options, {
            caseId: current.caseId,
            at: next.updatedAt,
            action: 'passage.updated',
            subject: id,
            detail: {
              passageId: id,
              fields: [...fields],
              ...(fields.includes('entityId') ? { untaggedEntityId: current.entityId } : {}),
            },
          });
          return ok(next);
        });
      });
    },

    async delete(id: PassageId) {
      return guardedWrite(mode, 'delete the passage', async () => {
        await db.transaction('rw', [db.passages, db.claims, db.suggestions, db.audit], async () => {
          const passage = await db.passages.get(id);
          if (!passage) throw passageNotFound(id);
          const citing = await claimsCiting(db, passage.caseId, [id]);
          if (citing.length > 0) {
            throw new AppErrorException(
              'passage.citedByClaim',
              `This passage is evidence for ${citing.length === 1 ? 'a claim' : `${citing.length} claims`}; ` +
                'remove it from their evidence first.',
            );
          }
          await db.passages.delete(id);
          await forgetAcceptedSuggestions(db, [passage]);
          await recordEvent(db, options, {
            caseId: passage.caseId,
            at: now(),
            action: 'passage.deleted',
            subject: id,
            detail: {
              passageId: id,
              sourceId: passage.sourceId,
              kind: passage.kind,
              ...(passage.entityId !== undefined ? { entityId: passage.entityId } : {}),
            },
          });
        });
        return ok(undefined);
      });
    },
  };
}
