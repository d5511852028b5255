/**
 * Branded identifiers: a CaseId cannot be passed where an EntityId is expected. Ids are made only
 * by these factories, from a UUID the caller supplies (core has no random source of its own).
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type CaseId = Brand<string, 'CaseId'>;
export type SourceId = Brand<string, 'SourceId'>;
export type PassageId = Brand<string, 'PassageId'>;
export type EntityId = Brand<string, 'EntityId'>;
export type ClaimId = Brand<string, 'ClaimId'>;
export type NoteId = Brand<string, 'NoteId'>;
export type ChartId = Brand<string, 'ChartId'>;
export type AuditEventId = Brand<string, 'AuditEventId'>;
export type EntityMergeId = Brand<string, 'EntityMergeId'>;
export type SuggestionId = Brand<string, 'SuggestionId'>;
export type SavedSearchId = Brand<string, 'SavedSearchId'>;
/** Lower-case hex SHA-256 of a blob's bytes: the blob's key. */
export type Sha256 = Brand<string, 'Sha256'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function idFactory<T extends string>(kind: string) {
  return (value: string): T => {
    if (!UUID.test(value)) throw new TypeError(`Not a valid ${kind} id: ${JSON.stringify(value)}`);
    return value as T;
  };
}

export const asCaseId = idFactory<CaseId>('case');
export const asSourceId = idFactory<SourceId>('source');
export const asPassageId = idFactory<PassageId>('passage');
export const asEntityId = idFactory<EntityId>('entity');
export const asClaimId = idFactory<ClaimId>('claim');
export const asNoteId = idFactory<NoteId>('note');
export const asChartId = idFactory<ChartId>('chart');
export const asAuditEventId = idFactory<AuditEventId>('audit event');
export const asEntityMergeId = idFactory<EntityMergeId>('entity merge');
export const asSuggestionId = idFactory<SuggestionId>('suggestion');
export const asSavedSearchId = idFactory<SavedSearchId>('saved search');

export function asSha256(value: string): Sha256 {
  if (!SHA256.test(value))
    throw new TypeError(`Not a SHA-256 hex digest: ${JSON.stringify(value)}`);
  return value as Sha256;
}
