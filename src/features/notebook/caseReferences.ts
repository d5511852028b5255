import {
  comparableName,
  pageAt,
  type CaseId,
  type ClaimId,
  type ClaimSummary,
  type Entity,
  type EntityId,
  type NoteReferenceRecords,
  type PassageId,
} from '../../core';
import type { CasefileStorage } from '../../db';
import type { ClaimTarget, MentionTarget, QuoteTarget } from '../../editor';

/**
 * What a case's notes can refer to, read in one go: every entity (merged ones answer with their
 * survivor, so a mention made before a merge follows it), every passage with its source's title,
 * page and reliability, and every claim as a sentence. The resolver answers from these maps
 * synchronously, which is what the editor's nodes need while they render.
 */
export interface CaseReferences {
  readonly entities: ReadonlyMap<EntityId, MentionTarget>;
  /** Live entities (not merged away), for the @ type-ahead, with their comparable names. */
  readonly searchable: readonly SearchableEntity[];
  readonly passages: ReadonlyMap<PassageId, QuoteTarget>;
  /** Passages worth quoting (mentions are left out: they quote an entity's name), in source order. */
  readonly quotable: readonly QuoteTarget[];
  readonly claims: ReadonlyMap<ClaimId, ClaimTarget>;
  /** Claims newest first, as the claims table lists them. */
  readonly claimList: readonly ClaimTarget[];
}

export interface SearchableEntity {
  readonly target: MentionTarget;
  /** comparableName of the name, then of each alias. */
  readonly keys: readonly string[];
}

/** What the references are built from: plain records, so tests can build them without storage. */
export interface CaseRecords extends NoteReferenceRecords {
  readonly claims: readonly ClaimSummary[];
}

/** The entity a merged one now lives on (following merges of merges), or itself. */
function survivorOf(byId: ReadonlyMap<EntityId, Entity>, entity: Entity): Entity | undefined {
  let current: Entity | undefined = entity;
  const seen = new Set<EntityId>();
  while (current?.mergedInto !== undefined) {
    // A loop would be a corrupt database; answer "missing" rather than spin.
    if (seen.has(current.id)) return undefined;
    seen.add(current.id);
    current = byId.get(current.mergedInto);
  }
  return current;
}

export function buildCaseReferences(records: CaseRecords): CaseReferences {
  const byId = new Map(records.entities.map((e) => [e.id, e] as const));
  const entities = new Map<EntityId, MentionTarget>();
  const searchable: SearchableEntity[] = [];
  for (const entity of records.entities) {
    const survivor = survivorOf(byId, entity);
    if (!survivor) continue;
    const target: MentionTarget = { id: survivor.id, name: survivor.name, type: survivor.type };
    entities.set(entity.id, target);
    if (survivor === entity) {
      searchable.push({
        target,
        keys: [entity.name, ...entity.aliases].map(comparableName),
      });
    }
  }

  const sources = new Map(records.sources.map((s) => [s.id, s] as const));
  const passages = new Map<PassageId, QuoteTarget>();
  const quotable: QuoteTarget[] = [];
  for (const passage of records.passages) {
    const source = sources.get(passage.sourceId);
    if (!source) continue;
    const structure = records.structures.get(passage.sourceId);
    const page =
      structure && !passage.orphaned ? pageAt(structure, passage.position.start) : undefined;
    const target: QuoteTarget = {
      passageId: passage.id,
      sourceId: passage.sourceId,
      quote: passage.quote.exact,
      sourceTitle: source.title,
      ...(page !== undefined ? { page } : {}),
      reliability: source.reliability,
      orphaned: passage.orphaned,
    };
    passages.set(passage.id, target);
    if (passage.kind !== 'mention') quotable.push(target);
  }
  const startOf = new Map(records.passages.map((p) => [p.id, p.position.start] as const));
  quotable.sort(
    (a, b) =>
      a.sourceTitle.localeCompare(b.sourceTitle) ||
      a.sourceId.localeCompare(b.sourceId) ||
      (startOf.get(a.passageId) ?? 0) - (startOf.get(b.passageId) ?? 0),
  );

  const nameOf = (id: EntityId) => entities.get(id)?.name ?? 'an entity no longer in the case';
  const claims = new Map<ClaimId, ClaimTarget>();
  const claimList: ClaimTarget[] = [];
  for (const claim of records.claims) {
    const target: ClaimTarget = {
      id: claim.id,
      subject: nameOf(claim.subjectId),
      predicate: claim.predicate,
      object: claim.object.kind === 'entity' ? nameOf(claim.object.entityId) : claim.object.value,
      ...(claim.grade !== undefined ? { grade: claim.grade } : {}),
      status: claim.status,
    };
    claims.set(claim.id, target);
    claimList.push(target);
  }
  return { entities, searchable, passages, quotable, claims, claimList };
}

/** "Lazarus Group attacked Bangladesh Bank": a claim's label in a note. */
export function claimLabel(claim: Pick<ClaimTarget, 'subject' | 'predicate' | 'object'>): string {
  return `${claim.subject} ${claim.predicate} ${claim.object}`;
}

/**
 * Entities whose name or an alias matches the query (comparableName), best first: the name
 * starting with it, an alias starting with it, a word starting with it, containing it.
 */
export function searchEntities(
  entities: readonly SearchableEntity[],
  query: string,
  limit: number,
): MentionTarget[] {
  const wanted = comparableName(query);
  const scored: { target: MentionTarget; score: number }[] = [];
  for (const { target, keys } of entities) {
    let best = Infinity;
    keys.forEach((key, index) => {
      const isName = index === 0;
      let score = Infinity;
      if (wanted === '') score = 0;
      else if (key.startsWith(wanted)) score = isName ? 0 : 1;
      else if (key.includes(` ${wanted}`)) score = 2;
      else if (key.includes(wanted)) score = 3;
      best = Math.min(best, score);
    });
    if (best !== Infinity) scored.push({ target, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.target.name.localeCompare(b.target.name));
  return scored.slice(0, Math.max(0, limit)).map((s) => s.target);
}

/** Reads a case's reference records: the notes repository's, plus the claims as the table shows them. */
export async function readCaseRecords(
  storage: CasefileStorage,
  caseId: CaseId,
): Promise<CaseRecords> {
  const [records, claims] = await Promise.all([
    storage.notes.referenceRecords(caseId),
    storage.claims.list(caseId),
  ]);
  return { ...records, claims };
}
