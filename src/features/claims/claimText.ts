import {
  CLAIM_STATUS_LABELS,
  comparableName,
  type ClaimObject,
  type ClaimStatus,
  type ClaimSummary,
  type EntityId,
  type InformationCredibility,
  type SourceReliability,
} from '../../core';
import { validTimeText } from './ValidTimeText';

/** Entity names by id, for writing claims as sentences. */
export type EntityNames = ReadonlyMap<EntityId, string>;

export const MISSING_ENTITY = 'an entity no longer in the case';

/** How each status is named (one list, in core). */
export const STATUS_LABELS = CLAIM_STATUS_LABELS;

export function entityName(names: EntityNames, id: EntityId): string {
  return names.get(id) ?? MISSING_ENTITY;
}

export function objectText(names: EntityNames, object: ClaimObject): string {
  return object.kind === 'entity' ? entityName(names, object.entityId) : object.value;
}

/** "Lazarus Group attacked Bangladesh Bank". */
export function claimSentence(
  names: EntityNames,
  claim: Pick<ClaimSummary, 'subjectId' | 'predicate' | 'object'>,
): string {
  return `${entityName(names, claim.subjectId)} ${claim.predicate} ${objectText(names, claim.object)}`;
}

/** What the claims table can be narrowed to; empty strings and false mean "any". */
export interface ClaimFilter {
  readonly text: string;
  readonly predicate: string;
  readonly status: ClaimStatus | '';
  /** The grade's letter, or 'none' for claims without a grade (analyst assertions). */
  readonly reliability: SourceReliability | 'none' | '';
  readonly credibility: InformationCredibility | 0;
  readonly singleSourceOnly: boolean;
  readonly analystAssertionsOnly: boolean;
  readonly orphanedOnly: boolean;
  /** Claims this entity takes part in, as subject or object. */
  readonly entityId: EntityId | '';
}

export const NO_FILTER: ClaimFilter = {
  text: '',
  predicate: '',
  status: '',
  reliability: '',
  credibility: 0,
  singleSourceOnly: false,
  analystAssertionsOnly: false,
  orphanedOnly: false,
  entityId: '',
};

function involves(claim: ClaimSummary, id: EntityId): boolean {
  return claim.subjectId === id || (claim.object.kind === 'entity' && claim.object.entityId === id);
}

/** The claims the filter keeps, in their given order. */
export function filterClaims(
  claims: readonly ClaimSummary[],
  filter: ClaimFilter,
  names: EntityNames,
): ClaimSummary[] {
  const needle = comparableName(filter.text);
  return claims.filter((claim) => {
    if (filter.predicate !== '' && claim.predicate !== filter.predicate) return false;
    if (filter.status !== '' && claim.status !== filter.status) return false;
    if (filter.reliability === 'none' && claim.grade !== undefined) return false;
    if (
      filter.reliability !== '' &&
      filter.reliability !== 'none' &&
      claim.bestReliability !== filter.reliability
    ) {
      return false;
    }
    if (filter.credibility !== 0 && claim.credibility !== filter.credibility) return false;
    if (filter.singleSourceOnly && !claim.singleSource) return false;
    if (filter.analystAssertionsOnly && !claim.analystAssertion) return false;
    if (filter.orphanedOnly && claim.orphanedEvidence === 0) return false;
    if (filter.entityId !== '' && !involves(claim, filter.entityId)) return false;
    if (needle === '') return true;
    const haystack = [
      claimSentence(names, claim),
      claim.attributedTo ?? '',
      claim.note,
      validTimeText(claim.validTime),
    ];
    return haystack.some((text) => comparableName(text).includes(needle));
  });
}
