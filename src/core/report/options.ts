/**
 * The report builder's choices: checked against the case they are for (validateReportOptions),
 * proposed when the builder opens (defaultReportOptions), and what of them survives redaction
 * (reportScope).
 */
import { err, ok, type Result } from '../../shared/result';
import { DEFAULT_MARKING, MAX_MARKING_LENGTH } from '../model/handling';
import type { ChartId, ClaimId, EntityId, NoteId, SourceId } from '../model/ids';
import { noteReferences } from '../model/note';
import type { Claim, Entity } from '../model/records';
import {
  MAX_REPORT_AUTHOR_LENGTH,
  MAX_REPORT_TITLE_LENGTH,
  type ReportInput,
  type ReportOptions,
  type SourceRedaction,
} from './types';

const REDACTIONS: readonly SourceRedaction[] = ['include', 'withhold', 'exclude'];
const SECTION_KEYS = ['entities', 'charts', 'timeline', 'appendix'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id in a message: quoted, and cut short if absurdly long. */
function quoteId(id: string): string {
  return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
}

/**
 * A list of ids that must all be in `known`: duplicates dropped keeping the first, anything
 * else refused with `code` naming the id.
 */
function idList<T extends string>(
  value: unknown,
  field: string,
  known: ReadonlySet<string>,
  code: string,
  what: string,
): Result<T[]> {
  if (value === undefined) return ok([]);
  if (!Array.isArray(value)) {
    return err('report.optionsInvalid', `The report's ${field} must be a list of ids.`);
  }
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of value as unknown[]) {
    if (typeof id !== 'string' || id === '') {
      return err('report.optionsInvalid', `The report's ${field} must be a list of ids.`);
    }
    if (!known.has(id)) {
      return err(code, `The ${what} ${quoteId(id)} is not in this case; it may have been deleted.`);
    }
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id as T);
  }
  return ok(out);
}

function text(
  value: unknown,
  field: string,
  max: number,
  codes: { empty?: string; tooLong: string },
): Result<string> {
  if (value === undefined && codes.empty === undefined) return ok('');
  if (typeof value !== 'string') {
    return err('report.optionsInvalid', `The report's ${field} must be text.`);
  }
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (trimmed === '' && codes.empty !== undefined) {
    return err(codes.empty, `A report needs a ${field}.`);
  }
  if (trimmed.length > max) {
    return err(
      codes.tooLong,
      `The report's ${field} can be at most ${max} characters; this one has ${trimmed.length}.`,
    );
  }
  return ok(trimmed);
}

/**
 * Checks what the report builder chose against the case: title, author and marking trimmed and
 * within bounds, every id one of the case's, redactions one of include / withhold / exclude,
 * duplicates dropped keeping the order. Returns the options as the builder uses them.
 */
export function validateReportOptions(options: unknown, input: ReportInput): Result<ReportOptions> {
  if (!isRecord(options)) return err('report.optionsInvalid', 'The report options are missing.');

  const title = text(options['title'], 'title', MAX_REPORT_TITLE_LENGTH, {
    empty: 'report.titleEmpty',
    tooLong: 'report.titleTooLong',
  });
  if (!title.ok) return title;
  const author = text(options['author'], 'author', MAX_REPORT_AUTHOR_LENGTH, {
    tooLong: 'report.authorTooLong',
  });
  if (!author.ok) return author;
  const marking = text(options['marking'], 'handling marking', MAX_MARKING_LENGTH, {
    empty: 'report.markingEmpty',
    tooLong: 'report.markingTooLong',
  });
  if (!marking.ok) return marking;

  const noteId = options['narrativeNoteId'];
  if (noteId !== undefined && noteId !== null) {
    if (typeof noteId !== 'string' || noteId === '') {
      return err('report.optionsInvalid', 'The narrative note must be given by its id.');
    }
    if (input.note?.id !== noteId) {
      return err(
        'report.unknownNote',
        `The note ${quoteId(noteId)} is not available for this report; it may have been deleted.`,
      );
    }
  }

  const claimIds = idList<ClaimId>(
    options['claimIds'],
    'claims',
    new Set(input.claims.map((c) => c.id)),
    'report.unknownClaim',
    'claim',
  );
  if (!claimIds.ok) return claimIds;
  const entityKeys = new Set<string>(input.entities.map((e) => e.id));
  const entityIds = idList<EntityId>(
    options['entityIds'],
    'entities',
    entityKeys,
    'report.unknownEntity',
    'entity',
  );
  if (!entityIds.ok) return entityIds;
  const chartIds = idList<ChartId>(
    options['chartIds'],
    'charts',
    new Set(input.charts.map((c) => c.id)),
    'report.unknownChart',
    'chart',
  );
  if (!chartIds.ok) return chartIds;
  const sourceKeys = new Set<string>(input.sources.map((s) => s.id));
  const sourceIds = idList<SourceId>(
    options['sourceIds'],
    'sources',
    sourceKeys,
    'report.unknownSource',
    'source',
  );
  if (!sourceIds.ok) return sourceIds;

  const redaction = options['redaction'] ?? {};
  if (!isRecord(redaction)) {
    return err('report.optionsInvalid', 'The report’s redaction settings are malformed.');
  }
  const bySource = redaction['sources'] ?? {};
  if (!isRecord(bySource)) {
    return err('report.optionsInvalid', 'The report’s source redactions are malformed.');
  }
  const sources: Record<string, SourceRedaction> = {};
  for (const [id, value] of Object.entries(bySource)) {
    if (!sourceKeys.has(id)) {
      return err(
        'report.unknownSource',
        `The source ${quoteId(id)} is not in this case; it may have been deleted.`,
      );
    }
    if (!REDACTIONS.includes(value as SourceRedaction)) {
      return err(
        'report.redactionInvalid',
        `A source is included, withheld or excluded, not ${JSON.stringify(String(value).slice(0, 40))}.`,
      );
    }
    // 'include' is the default: not stored, so equal options compare equal.
    if (value !== 'include') sources[id] = value as SourceRedaction;
  }
  const excludedEntityIds = idList<EntityId>(
    redaction['excludedEntityIds'],
    'excluded entities',
    entityKeys,
    'report.unknownEntity',
    'entity',
  );
  if (!excludedEntityIds.ok) return excludedEntityIds;

  const sectionsValue = options['sections'];
  let sections: Record<string, boolean> | undefined;
  if (sectionsValue !== undefined) {
    if (!isRecord(sectionsValue)) {
      return err('report.optionsInvalid', 'The report’s sections are malformed.');
    }
    sections = {};
    for (const [key, value] of Object.entries(sectionsValue)) {
      if (!(SECTION_KEYS as readonly string[]).includes(key)) {
        return err(
          'report.sectionUnknown',
          `“${key.slice(0, 40)}” is not a report section that can be left out; use ${SECTION_KEYS.join(', ')}.`,
        );
      }
      if (value === undefined) continue;
      if (typeof value !== 'boolean') {
        return err('report.optionsInvalid', `Whether to include the ${key} section is yes or no.`);
      }
      sections[key] = value;
    }
  }

  return ok({
    title: title.value,
    author: author.value,
    marking: marking.value,
    ...(typeof noteId === 'string' ? { narrativeNoteId: noteId as NoteId } : {}),
    claimIds: claimIds.value,
    entityIds: entityIds.value,
    chartIds: chartIds.value,
    sourceIds: sourceIds.value,
    redaction: { sources, excludedEntityIds: excludedEntityIds.value },
    ...(sections !== undefined ? { sections } : {}),
  });
}

function pushOnce<T>(list: T[], seen: Set<T>, value: T): void {
  if (seen.has(value)) return;
  seen.add(value);
  list.push(value);
}

/**
 * What the builder proposes: the case's title and marking, and "everything cited". With a
 * narrative note that embeds claims: those claims, the entities the note mentions and the claims
 * link, and the sources of its quotes and of the claims' evidence. Otherwise every claim of the
 * case (oldest first) and everything it cites, plus what the note mentions and quotes. The most
 * recently updated chart; nothing redacted.
 */
export function defaultReportOptions(input: ReportInput, narrativeNoteId?: NoteId): ReportOptions {
  const claimsById = new Map(input.claims.map((c) => [c.id as string, c]));
  const entityKeys = new Set<string>(input.entities.map((e) => e.id));
  const sourceKeys = new Set<string>(input.sources.map((s) => s.id));
  const passagesById = new Map(input.passages.map((p) => [p.id as string, p]));
  const note =
    narrativeNoteId !== undefined && input.note?.id === narrativeNoteId ? input.note : undefined;
  const refs = note ? noteReferences(note.document) : undefined;

  let claims: Claim[] = (refs?.claimIds ?? [])
    .map((id) => claimsById.get(id))
    .filter((c): c is Claim => c !== undefined);
  if (claims.length === 0) {
    claims = [...input.claims].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    );
  }

  const entityIds: EntityId[] = [];
  const seenEntities = new Set<EntityId>();
  const addEntity = (id: EntityId): void => {
    if (entityKeys.has(id)) pushOnce(entityIds, seenEntities, id);
  };
  for (const id of refs?.entityIds ?? []) addEntity(id);
  for (const claim of claims) {
    addEntity(claim.subjectId);
    if (claim.object.kind === 'entity') addEntity(claim.object.entityId);
  }

  const sourceIds: SourceId[] = [];
  const seenSources = new Set<SourceId>();
  const addPassageSource = (passageId: string): void => {
    const passage = passagesById.get(passageId);
    if (passage && sourceKeys.has(passage.sourceId)) {
      pushOnce(sourceIds, seenSources, passage.sourceId);
    }
  };
  for (const id of refs?.passageIds ?? []) addPassageSource(id);
  for (const claim of claims) for (const id of claim.evidence) addPassageSource(id);

  let chart: (typeof input.charts)[number] | undefined;
  for (const candidate of input.charts) {
    if (chart === undefined || candidate.updatedAt > chart.updatedAt) chart = candidate;
  }

  const title = input.case.title.trim().replace(/\s+/g, ' ').slice(0, MAX_REPORT_TITLE_LENGTH);
  const marking = input.case.marking.trim().slice(0, MAX_MARKING_LENGTH);
  return {
    title: title === '' ? 'Case report' : title,
    author: '',
    marking: marking === '' ? DEFAULT_MARKING : marking,
    ...(note ? { narrativeNoteId: note.id } : {}),
    claimIds: claims.map((c) => c.id),
    entityIds,
    chartIds: chart ? [chart.id] : [],
    sourceIds,
    redaction: { sources: {}, excludedEntityIds: [] },
  };
}

/** True when the claim names an excluded entity (as subject or object): it cannot appear. */
export function claimInvolvesExcluded(claim: Claim, excluded: ReadonlySet<string>): boolean {
  return (
    excluded.has(claim.subjectId) ||
    (claim.object.kind === 'entity' && excluded.has(claim.object.entityId))
  );
}

/**
 * What appears in the report after redaction: the chosen claims, in order, except those naming an
 * excluded entity; and the entities shown, those chosen for the tables and those a remaining
 * claim names, never an excluded one. The caller draws chart images from this.
 */
export function reportScope(
  input: ReportInput,
  options: ReportOptions,
): { claims: Claim[]; entities: Entity[] } {
  const excluded = new Set<string>(options.redaction.excludedEntityIds);
  const claimsById = new Map(input.claims.map((c) => [c.id as string, c]));
  const entitiesById = new Map(input.entities.map((e) => [e.id as string, e]));
  const claims: Claim[] = [];
  const seenClaims = new Set<string>();
  for (const id of options.claimIds) {
    const claim = claimsById.get(id);
    if (!claim || seenClaims.has(id) || claimInvolvesExcluded(claim, excluded)) continue;
    seenClaims.add(id);
    claims.push(claim);
  }
  const entities: Entity[] = [];
  const seenEntities = new Set<string>();
  const add = (id: string): void => {
    const entity = entitiesById.get(id);
    if (!entity || excluded.has(id) || seenEntities.has(id)) return;
    seenEntities.add(id);
    entities.push(entity);
  };
  for (const id of options.entityIds) add(id);
  for (const claim of claims) {
    add(claim.subjectId);
    if (claim.object.kind === 'entity') add(claim.object.entityId);
  }
  return { claims, entities };
}
