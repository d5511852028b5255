import {
  noteText,
  parseNoteDocument,
  partialDateBounds,
  validTimeSpan,
  type AttributeValue,
  type Claim,
  type Entity,
  type Passage,
  type Source,
} from '../core';
import type { SearchRecord } from '../core/ports/search';
import type { SearchDateRange, SearchDocument } from './types';

/**
 * SearchRecord (what storage hands the index) → SearchDocument (what the index holds), one rule
 * per kind. Pure: the same record always gives the same document, which is what makes a stamp
 * stand for its document's text.
 */

/** A passage's quote is its result heading: long quotes are cut (the reader shows the rest). */
export const MAX_PASSAGE_TITLE_LENGTH = 300;

/** Shown when a claim's subject or object entity no longer exists. */
export const MISSING_ENTITY_NAME = 'Unknown entity';

/** Bounds standing for "no limit" on an open valid-time interval (ISO dates order as strings). */
const EARLIEST_DAY = '0000-01-01';
const LATEST_DAY = '9999-12-31';

const DATE_TIME_DAY = /^(\d{4}-\d{2}-\d{2})T/;

/** The day range an ISO date or date-time stands for; undefined when it is not one. */
export function dayRangeOf(value: string | undefined): SearchDateRange | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  // A date-time counts as the day it was written in (its own offset, as the document states it).
  const day = DATE_TIME_DAY.exec(trimmed)?.[1] ?? trimmed;
  return partialDateBounds(day);
}

function joinLines(parts: readonly (string | undefined)[]): string {
  return parts
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join('\n');
}

function capped(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function sourceDocument(stamp: string, source: Source, text: string): SearchDocument {
  const p = source.provenance;
  const email = p.email;
  const extra = joinLines([
    p.author,
    p.publisher,
    p.url,
    p.fileName,
    email?.from,
    ...(email?.to ?? []),
    ...(email?.cc ?? []),
    email?.subject,
    email?.messageId,
  ]);
  const date = dayRangeOf(p.publishedAt) ?? dayRangeOf(p.capturedAt);
  return {
    kind: 'source',
    id: source.id,
    stamp,
    title: source.title,
    text,
    ...(extra === '' ? {} : { extra }),
    ...(date ? { date } : {}),
  };
}

function passageDocument(stamp: string, passage: Passage): SearchDocument {
  return {
    kind: 'passage',
    id: passage.id,
    stamp,
    title: capped(passage.quote.exact, MAX_PASSAGE_TITLE_LENGTH),
    text: passage.note,
    sourceId: passage.sourceId,
    entityIds: passage.entityId === undefined ? [] : [passage.entityId],
    position: { start: passage.position.start, end: passage.position.end },
  };
}

function attributeText(value: AttributeValue): string {
  return typeof value === 'string' ? value : String(value);
}

function entityDocument(stamp: string, entity: Entity): SearchDocument {
  // Attribute values only: keys ("country", "startedOn") would make every entity of a type match.
  const attributes = Object.values(entity.attributes).map(attributeText);
  return {
    kind: 'entity',
    id: entity.id,
    stamp,
    title: entity.name,
    text: joinLines([...entity.aliases, ...attributes, entity.notes]),
    entityType: entity.type,
    names: [entity.name, ...entity.aliases],
  };
}

type ClaimEnd = Pick<Entity, 'id' | 'name' | 'aliases' | 'type'>;

function claimDocument(
  stamp: string,
  claim: Claim,
  subject: ClaimEnd | undefined,
  object: ClaimEnd | undefined,
): SearchDocument {
  const objectLabel =
    claim.object.kind === 'literal' ? claim.object.value : (object?.name ?? MISSING_ENTITY_NAME);
  const title = `${subject?.name ?? MISSING_ENTITY_NAME} – ${claim.predicate} – ${objectLabel}`;
  // Aliases make "Kim" find a claim about "Kim Jong-un" filed under another name.
  const extra = joinLines([...(subject?.aliases ?? []), ...(object?.aliases ?? [])]);
  const span = validTimeSpan(claim.validTime);
  const entityIds = [claim.subjectId];
  if (claim.object.kind === 'entity') entityIds.push(claim.object.entityId);
  return {
    kind: 'claim',
    id: claim.id,
    stamp,
    title,
    text: joinLines([claim.note, claim.attributedTo]),
    ...(extra === '' ? {} : { extra }),
    ...(span ? { date: { first: span.first ?? EARLIEST_DAY, last: span.last ?? LATEST_DAY } } : {}),
    entityIds,
    passageIds: [...claim.evidence],
  };
}

function noteDocument(
  stamp: string,
  note: Extract<SearchRecord, { kind: 'note' }>['note'],
  editorState: string,
): SearchDocument {
  const parsed = parseNoteDocument(editorState);
  const date = dayRangeOf(note.updatedAt);
  return {
    kind: 'note',
    id: note.id,
    stamp,
    title: note.title,
    // Content that cannot be read is not guessed at: the note is found by its title only.
    text: parsed.ok ? noteText(parsed.value) : '',
    ...(date ? { date } : {}),
    entityIds: [...(note.entityIds ?? [])],
    passageIds: [...(note.passageIds ?? [])],
  };
}

export function toSearchDocument(record: SearchRecord): SearchDocument {
  switch (record.kind) {
    case 'source':
      return sourceDocument(record.stamp, record.source, record.text);
    case 'passage':
      return passageDocument(record.stamp, record.passage);
    case 'entity':
      return entityDocument(record.stamp, record.entity);
    case 'claim':
      return claimDocument(record.stamp, record.claim, record.subject, record.object);
    case 'note':
      return noteDocument(record.stamp, record.note, record.editorState);
  }
}
