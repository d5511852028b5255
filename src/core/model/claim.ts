import { err, ok, type Result } from '../../shared/result';
import type { EntityId, PassageId, SourceId } from './ids';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  type Claim,
  type ClaimObject,
  type ClaimRelation,
  type ClaimStatus,
  type InformationCredibility,
  type SourceReliability,
  type ValidTime,
} from './records';

/** Admiralty information-credibility scale (AJP-2.1), shown next to the choice in the UI. */
export const INFORMATION_CREDIBILITY_DEFINITIONS: Readonly<
  Record<InformationCredibility, { readonly label: string; readonly definition: string }>
> = {
  1: {
    label: 'Confirmed by other sources',
    definition:
      'Confirmed by other independent sources; logical in itself; consistent with other information on the subject.',
  },
  2: {
    label: 'Probably true',
    definition:
      'Not confirmed; logical in itself; consistent with other information on the subject.',
  },
  3: {
    label: 'Possibly true',
    definition:
      'Not confirmed; reasonably logical in itself; agrees with some other information on the subject.',
  },
  4: {
    label: 'Doubtful',
    definition: 'Not confirmed; possible but not logical; no other information on the subject.',
  },
  5: {
    label: 'Improbable',
    definition:
      'Not confirmed; not logical in itself; contradicted by other information on the subject.',
  },
  6: {
    label: 'Truth cannot be judged',
    definition: 'No basis exists for evaluating the validity of the information.',
  },
};

/** Predicates every case starts with; investigators add their own to the case vocabulary. */
export const DEFAULT_PREDICATES = [
  'employs',
  'owns',
  'member of',
  'located in',
  'met with',
  'paid',
  'communicated with',
  'attacked',
  'attributed to',
  'alias of',
] as const;

/** The Admiralty code of one piece of evidence: source reliability letter + credibility digit. */
export function admiraltyCode(
  reliability: SourceReliability,
  credibility: InformationCredibility,
): string {
  return `${reliability}${credibility}`;
}

const RELIABILITY_ORDER: readonly SourceReliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The code displayed for a claim: its credibility with the best reliability among its evidence
 * sources (a claim is as well sourced as its best source; the others are listed beside it).
 * Undefined when the claim has no evidence (an analyst assertion has no source to grade).
 */
export function claimGrade(
  evidenceReliabilities: readonly SourceReliability[],
  credibility: InformationCredibility,
): string | undefined {
  let best: SourceReliability | undefined;
  for (const r of evidenceReliabilities) {
    if (best === undefined || RELIABILITY_ORDER.indexOf(r) < RELIABILITY_ORDER.indexOf(best)) {
      best = r;
    }
  }
  return best === undefined ? undefined : admiraltyCode(best, credibility);
}

/** True when all of a claim's evidence comes from one source (or none): it is uncorroborated. */
export function isSingleSource(evidenceSourceIds: readonly SourceId[]): boolean {
  return new Set(evidenceSourceIds).size <= 1;
}

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

function checkDate(value: string, what: string): Result<string> {
  const match = PARTIAL_DATE.exec(value.trim());
  if (!match) {
    return err('claim.dateInvalid', `The ${what} must be written YYYY, YYYY-MM or YYYY-MM-DD.`);
  }
  const [, y, m, d] = match;
  if (d !== undefined) {
    // Reject days a month does not have (2023-02-30).
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1) {
      return err('claim.dateInvalid', `The ${what} ${value.trim()} is not a calendar date.`);
    }
  }
  return ok(value.trim());
}

/** The first and last day a partial date covers, as YYYY-MM-DD, for ordering intervals. */
function dateBounds(value: string): { readonly first: string; readonly last: string } {
  const [y, m, d] = value.split('-');
  if (d !== undefined) return { first: value, last: value };
  if (m !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(days).padStart(2, '0')}` };
  }
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/**
 * Validates a claim's valid time. Dates may be partial (YYYY or YYYY-MM), as sources often are.
 * An interval needs at least one end, and its end may not lie wholly before its start.
 */
export function validateValidTime(time: ValidTime): Result<ValidTime> {
  if (time.kind === 'unknown') return ok(time);
  if (time.kind === 'date') {
    const date = checkDate(time.date, 'date');
    return date.ok ? ok({ kind: 'date', date: date.value }) : date;
  }
  if (time.start === undefined && time.end === undefined) {
    return err('claim.intervalEmpty', 'An interval needs a start, an end or both.');
  }
  const start = time.start === undefined ? undefined : checkDate(time.start, 'start');
  if (start && !start.ok) return start;
  const end = time.end === undefined ? undefined : checkDate(time.end, 'end');
  if (end && !end.ok) return end;
  if (start?.ok && end?.ok && dateBounds(end.value).last < dateBounds(start.value).first) {
    return err(
      'claim.intervalReversed',
      `The interval ends (${end.value}) before it starts (${start.value}).`,
    );
  }
  return ok({
    kind: 'interval',
    ...(start?.ok ? { start: start.value } : {}),
    ...(end?.ok ? { end: end.value } : {}),
  });
}

/** Longest predicate, literal object, attributed-to: a phrase, not a paragraph. */
export const MAX_CLAIM_PHRASE_LENGTH = 200;
/** Longest analyst note on a claim. */
export const MAX_CLAIM_NOTE_LENGTH = 20_000;

/** A passage to create as evidence in the same transaction as the claim (from the reader). */
export interface NewEvidenceInput {
  readonly sourceId: SourceId;
  /** UTF-16 offsets into the source's canonical text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** What an investigator enters to record a claim. */
export interface NewClaimInput {
  readonly subjectId: EntityId;
  /** From the case vocabulary, or a new one (added to the vocabulary with the claim). */
  readonly predicate: string;
  readonly object: ClaimObject;
  readonly validTime: ValidTime;
  /** Existing passages of the case (any kind, any source). */
  readonly evidence: readonly PassageId[];
  /** Passages to create, as kind `evidence`, with the claim. */
  readonly newEvidence?: readonly NewEvidenceInput[];
  readonly credibility: InformationCredibility;
  readonly status: ClaimStatus;
  readonly relations?: readonly ClaimRelation[];
  readonly attributedTo?: string;
  readonly note?: string;
  /**
   * Must be true when there is no evidence at all: the claim is the analyst's own assertion, and
   * is marked as such wherever it is shown (claim.noEvidence otherwise).
   */
  readonly analystAssertion?: boolean;
}

/** Edits to a claim; `undefined` leaves a field alone. Removing the last evidence needs `analystAssertion`. */
export type ClaimChanges = Partial<NewClaimInput>;

/** A claim's fields after validation: trimmed, de-duplicated, ready to store. */
export interface ValidClaimFields {
  readonly subjectId: EntityId;
  readonly predicate: string;
  readonly object: ClaimObject;
  readonly validTime: ValidTime;
  readonly evidence: readonly PassageId[];
  readonly newEvidence: readonly NewEvidenceInput[];
  readonly credibility: InformationCredibility;
  readonly status: ClaimStatus;
  readonly relations: readonly ClaimRelation[];
  readonly attributedTo?: string;
  readonly note: string;
}

/** True when a claim rests on no evidence: the analyst's own assertion. */
export function isAnalystAssertion(claim: Pick<Claim, 'evidence'>): boolean {
  return claim.evidence.length === 0;
}

/** The case's predicate vocabulary: defaults, then the case's own, then any used by claims. */
export function predicateVocabulary(
  casePredicates: readonly string[] | undefined,
  usedPredicates: Iterable<string> = [],
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...DEFAULT_PREDICATES, ...(casePredicates ?? []), ...usedPredicates]) {
    const key = p.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(p.trim());
  }
  return out;
}

/** Most evidence passages (existing and new) one claim may cite: a claim, not a bibliography. */
export const MAX_CLAIM_EVIDENCE = 1_000;
/** Most supports/contradicts links from one claim. */
export const MAX_CLAIM_RELATIONS = 1_000;

const RELATION_KINDS: readonly ClaimRelation['kind'][] = ['supports', 'contradicts'];

function checkPhrase(
  value: unknown,
  code: string,
  what: string,
  required: boolean,
): Result<string> {
  if (typeof value !== 'string') return err(`${code}Invalid`, `The ${what} must be text.`);
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (required && trimmed === '')
    return err(`${code}Empty`, `A claim needs ${what === 'object' ? 'an' : 'a'} ${what}.`);
  if (trimmed.length > MAX_CLAIM_PHRASE_LENGTH) {
    return err(
      `${code}TooLong`,
      `The ${what} can be at most ${MAX_CLAIM_PHRASE_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return ok(trimmed);
}

/** A predicate as stored: trimmed, inner white space collapsed, 1–MAX_CLAIM_PHRASE_LENGTH long. */
export function validatePredicate(predicate: unknown): Result<string> {
  return checkPhrase(predicate, 'claim.predicate', 'predicate', true);
}

function checkObject(object: unknown, subjectId: EntityId): Result<ClaimObject> {
  const o = object as Partial<{ kind: string; entityId: unknown; value: unknown }> | null;
  if (o?.kind === 'entity') {
    if (typeof o.entityId !== 'string' || o.entityId === '') {
      return err('claim.objectInvalid', 'Choose the entity the claim is about.');
    }
    if (o.entityId === subjectId) {
      return err(
        'claim.selfLink',
        'The subject and the object are the same entity; a claim links two different ones (or use a value).',
      );
    }
    return ok({ kind: 'entity', entityId: o.entityId as EntityId });
  }
  if (o?.kind === 'literal') {
    const value = checkPhrase(o.value, 'claim.object', 'object', true);
    return value.ok ? ok({ kind: 'literal', value: value.value }) : value;
  }
  return err('claim.objectInvalid', 'The object of a claim is an entity or a value.');
}

function checkNewEvidence(ranges: readonly NewEvidenceInput[]): Result<NewEvidenceInput[]> {
  const seen = new Set<string>();
  const out: NewEvidenceInput[] = [];
  for (const range of ranges) {
    const { sourceId, start, end } = range as Partial<NewEvidenceInput>;
    if (
      typeof sourceId !== 'string' ||
      sourceId === '' ||
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(end) ||
      (start as number) < 0 ||
      (end as number) <= (start as number)
    ) {
      return err(
        'claim.evidenceRangeInvalid',
        `A new evidence passage needs a source and a range of its text (start ${String(start)}, end ${String(end)} is not one).`,
      );
    }
    const key = `${sourceId}:${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sourceId, start: start as number, end: end as number });
  }
  return ok(out);
}

function checkRelations(relations: readonly ClaimRelation[]): Result<ClaimRelation[]> {
  const kinds = new Map<string, ClaimRelation['kind']>();
  const out: ClaimRelation[] = [];
  for (const relation of relations) {
    const { kind, claimId } = (relation ?? {}) as Partial<ClaimRelation>;
    if (!RELATION_KINDS.includes(kind as ClaimRelation['kind']) || typeof claimId !== 'string') {
      return err('claim.relationInvalid', 'A claim supports or contradicts another claim.');
    }
    const earlier = kinds.get(claimId);
    if (earlier === kind) continue;
    if (earlier !== undefined) {
      return err(
        'claim.relationConflict',
        'A claim cannot both support and contradict the same claim.',
      );
    }
    kinds.set(claimId, kind as ClaimRelation['kind']);
    out.push({ kind: kind as ClaimRelation['kind'], claimId });
  }
  return ok(out);
}

/**
 * Validates and normalises what an investigator entered for a claim: phrases trimmed (inner white
 * space collapsed), evidence and relations de-duplicated, the valid time checked. Whether the
 * entities, passages and related claims exist is the repository's business.
 */
export function validateNewClaim(input: NewClaimInput): Result<ValidClaimFields> {
  if (typeof input.subjectId !== 'string' || input.subjectId === '') {
    return err('claim.subjectInvalid', 'Choose the entity the claim is about.');
  }
  const predicate = validatePredicate(input.predicate);
  if (!predicate.ok) return predicate;
  const object = checkObject(input.object, input.subjectId);
  if (!object.ok) return object;
  const kind = (input.validTime as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'unknown' && kind !== 'date' && kind !== 'interval') {
    return err('claim.validTimeInvalid', 'The valid time is a date, an interval or unknown.');
  }
  const validTime = validateValidTime(input.validTime);
  if (!validTime.ok) return validTime;
  if (!Array.isArray(input.evidence) || input.evidence.some((id) => typeof id !== 'string')) {
    return err('claim.evidenceInvalid', 'The evidence of a claim is a list of passages.');
  }
  const evidence = [...new Set(input.evidence)];
  const newEvidence = checkNewEvidence(input.newEvidence ?? []);
  if (!newEvidence.ok) return newEvidence;
  const cited = evidence.length + newEvidence.value.length;
  if (cited === 0 && input.analystAssertion !== true) {
    return err(
      'claim.noEvidence',
      'A claim needs at least one evidence passage, or must be marked as your own assertion.',
    );
  }
  if (cited > MAX_CLAIM_EVIDENCE) {
    return err(
      'claim.tooMuchEvidence',
      `A claim can cite at most ${MAX_CLAIM_EVIDENCE.toLocaleString('en')} passages.`,
    );
  }
  if (!(INFORMATION_CREDIBILITY as readonly unknown[]).includes(input.credibility)) {
    return err(
      'claim.credibilityInvalid',
      `Information credibility is a grade from 1 to 6, not ${JSON.stringify(input.credibility)}.`,
    );
  }
  if (!(CLAIM_STATUSES as readonly unknown[]).includes(input.status)) {
    return err(
      'claim.statusInvalid',
      `"${String(input.status).slice(0, 40)}" is not a claim status; use ${CLAIM_STATUSES.join(', ')}.`,
    );
  }
  const relations = checkRelations(input.relations ?? []);
  if (!relations.ok) return relations;
  if (relations.value.length > MAX_CLAIM_RELATIONS) {
    return err(
      'claim.tooManyRelations',
      `A claim can support or contradict at most ${MAX_CLAIM_RELATIONS.toLocaleString('en')} claims.`,
    );
  }
  const attributedTo = checkPhrase(
    input.attributedTo ?? '',
    'claim.attributedTo',
    'attributed-to',
    false,
  );
  if (!attributedTo.ok) return attributedTo;
  const note = input.note ?? '';
  if (typeof note !== 'string') return err('claim.noteInvalid', 'A claim note must be text.');
  if (note.trim().length > MAX_CLAIM_NOTE_LENGTH) {
    return err(
      'claim.noteTooLong',
      `A claim note can be at most ${MAX_CLAIM_NOTE_LENGTH.toLocaleString('en')} characters; this one has ${note.trim().length.toLocaleString('en')}.`,
    );
  }
  return ok({
    subjectId: input.subjectId,
    predicate: predicate.value,
    object: object.value,
    validTime: validTime.value,
    evidence,
    newEvidence: newEvidence.value,
    credibility: input.credibility,
    status: input.status,
    relations: relations.value,
    ...(attributedTo.value !== '' ? { attributedTo: attributedTo.value } : {}),
    note: note.trim(),
  });
}

/**
 * Applies edits to a claim and validates the result as a whole. Taking away the last evidence
 * needs `analystAssertion: true`; a claim that already was an assertion stays valid untouched.
 * A claim may not support or contradict itself (claim.relationSelf).
 */
export function applyClaimChanges(claim: Claim, changes: ClaimChanges): Result<ValidClaimFields> {
  const evidenceUntouched = changes.evidence === undefined && changes.newEvidence === undefined;
  const { attributedTo } = changes.attributedTo !== undefined ? changes : claim;
  const validated = validateNewClaim({
    subjectId: changes.subjectId ?? claim.subjectId,
    predicate: changes.predicate ?? claim.predicate,
    object: changes.object ?? claim.object,
    validTime: changes.validTime ?? claim.validTime,
    evidence: changes.evidence ?? claim.evidence,
    ...(changes.newEvidence !== undefined ? { newEvidence: changes.newEvidence } : {}),
    credibility: changes.credibility ?? claim.credibility,
    status: changes.status ?? claim.status,
    relations: changes.relations ?? claim.relations,
    ...(attributedTo !== undefined ? { attributedTo } : {}),
    note: changes.note ?? claim.note,
    analystAssertion: changes.analystAssertion ?? (evidenceUntouched && isAnalystAssertion(claim)),
  });
  if (!validated.ok) return validated;
  if (validated.value.relations.some((relation) => relation.claimId === claim.id)) {
    return err('claim.relationSelf', 'A claim cannot support or contradict itself.');
  }
  return validated;
}

/** How each claim status is named in the UI (tables, filters, cards in notes). */
export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  asserted: 'Asserted',
  corroborated: 'Corroborated',
  disputed: 'Disputed',
  refuted: 'Refuted',
};
