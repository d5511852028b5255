import type { Table } from 'dexie';
import {
  applyClaimChanges,
  claimGrade,
  isAnalystAssertion,
  isSingleSource,
  predicateVocabulary,
  validateNewClaim,
  validatePredicate,
  type NewEvidenceInput,
  type ValidClaimFields,
} from '../core/model/claim';
import {
  asClaimId,
  type CaseId,
  type ClaimId,
  type PassageId,
  type SourceId,
} from '../core/model/ids';
import type { Case, Claim, IsoTimestamp, Passage, SourceReliability } from '../core/model/records';
import type { ClaimRepository, ClaimSummary, EvidenceInContext } from '../core/ports/repositories';
import { AppErrorException, ok, type Result } from '../shared/result';
import { passagesInContext } from './passageContext';
import { addPassage, anchorNewPassage } from './passageRepository';
import {
  claimsOfCase,
  guardedWrite,
  liveEntityOfCase,
  recordEvent,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase } from './schema';

export type ClaimRepositoryOptions = RepositoryOptions;

function claimNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'claim.notFound',
    `There is no claim with id ${id}; it may have been deleted.`,
  );
}

function caseNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'case.notFound',
    `There is no case with id ${id}; it may have been deleted.`,
  );
}

/** Newest first; ties (same millisecond) by id so the order is stable. */
function newestFirst(a: Claim, b: Claim): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

/**
 * A claim with what its evidence says about it. A cited passage that no longer exists counts as
 * orphaned evidence: its quote is certainly not found any more.
 */
function summarise(
  claim: Claim,
  passages: ReadonlyMap<string, Passage>,
  reliabilities: ReadonlyMap<string, SourceReliability>,
): ClaimSummary {
  const sourceIds = new Set<SourceId>();
  let orphanedEvidence = 0;
  for (const id of claim.evidence) {
    const passage = passages.get(id);
    if (!passage || passage.orphaned) orphanedEvidence += 1;
    if (passage) sourceIds.add(passage.sourceId);
  }
  const evidenceSourceIds = [...sourceIds];
  const grades = evidenceSourceIds.flatMap((id) => {
    const reliability = reliabilities.get(id);
    return reliability === undefined ? [] : [reliability];
  });
  const grade = claimGrade(grades, claim.credibility);
  const analystAssertion = isAnalystAssertion(claim);
  return {
    ...claim,
    ...(grade !== undefined
      ? { grade, bestReliability: grade.charAt(0) as SourceReliability }
      : {}),
    evidenceSourceIds,
    singleSource: !analystAssertion && isSingleSource(evidenceSourceIds),
    analystAssertion,
    orphanedEvidence,
  };
}

/** Summaries of claims, reading each cited passage and each of their sources once. */
async function summaries(db: CasefileDatabase, claims: readonly Claim[]): Promise<ClaimSummary[]> {
  const passageIds = [...new Set(claims.flatMap((claim) => claim.evidence))];
  const passages = new Map<string, Passage>();
  if (db.hasTable('passages') && passageIds.length > 0) {
    for (const passage of await db.passages.bulkGet(passageIds)) {
      if (passage) passages.set(passage.id, passage);
    }
  }
  const sourceIds = [...new Set([...passages.values()].map((passage) => passage.sourceId))];
  const reliabilities = new Map<string, SourceReliability>();
  if (db.hasTable('sources') && sourceIds.length > 0) {
    for (const source of await db.sources.bulkGet(sourceIds)) {
      if (source) reliabilities.set(source.id, source.reliability);
    }
  }
  return claims.map((claim) => summarise(claim, passages, reliabilities));
}

/**
 * Throws `notFound(id)` for the first id whose row is missing or of another case: a claim may
 * only cite passages of, and relate to claims of, its own case.
 */
async function requireAllOfCase<Id extends string>(
  table: Table<{ readonly caseId: CaseId }, Id>,
  caseId: CaseId,
  ids: readonly Id[],
  notFound: (id: Id) => AppErrorException,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await table.bulkGet([...ids]);
  rows.forEach((row, i) => {
    if (row?.caseId !== caseId) throw notFound(ids[i]!);
  });
}

/**
 * What a claim records from its validated fields, the predicate as the case's vocabulary spells
 * it; its evidence gains the passages just created for it.
 */
function claimContent(
  f: ValidClaimFields,
  predicate: string,
  newPassageIds: readonly PassageId[],
): Omit<Claim, 'id' | 'caseId' | 'createdAt' | 'updatedAt'> {
  return {
    subjectId: f.subjectId,
    predicate,
    object: f.object,
    validTime: f.validTime,
    evidence: [...new Set([...f.evidence, ...newPassageIds])],
    credibility: f.credibility,
    status: f.status,
    relations: f.relations,
    ...(f.attributedTo !== undefined ? { attributedTo: f.attributedTo } : {}),
    note: f.note,
  };
}

/** Creates the new evidence passages (kind `evidence`), in order. Inside the claim's transaction. */
async function addEvidencePassages(
  db: CasefileDatabase,
  options: RepositoryOptions,
  caseId: CaseId,
  ranges: readonly NewEvidenceInput[],
  at: IsoTimestamp,
): Promise<PassageId[]> {
  // Anchor all first: a bad range refuses the claim before any passage is written.
  const anchors = [];
  for (const range of ranges) anchors.push(await anchorNewPassage(db, caseId, range));
  const ids: PassageId[] = [];
  for (const anchor of anchors) {
    const passage = await addPassage(db, options, caseId, anchor, {
      kind: 'evidence',
      colour: '',
      note: '',
      at,
    });
    ids.push(passage.id);
  }
  return ids;
}

/**
 * The predicate as the vocabulary spells it ("Employs" → "employs"), and the case with it added
 * when it is new to the case (to be written by the caller).
 */
function settlePredicate(
  caseRow: Case,
  predicate: string,
): { readonly predicate: string; readonly caseWithIt?: Case } {
  const wanted = predicate.toLowerCase();
  const known = predicateVocabulary(caseRow.predicates).find((p) => p.toLowerCase() === wanted);
  if (known !== undefined) return { predicate: known };
  return {
    predicate,
    caseWithIt: { ...caseRow, predicates: [...(caseRow.predicates ?? []), predicate] },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Removes claims and every supports/contradicts link to them from the case's other claims.
 * Must run inside a read-write transaction over claims; returns how many claims were unlinked.
 * The caller records the audit event.
 */
export async function removeClaims(
  db: CasefileDatabase,
  caseId: CaseId,
  ids: ReadonlySet<string>,
  at: IsoTimestamp,
): Promise<number> {
  if (ids.size === 0) return 0;
  await db.claims.bulkDelete([...ids] as ClaimId[]);
  const unlinked: Claim[] = [];
  for (const claim of await claimsOfCase(db, caseId)) {
    if (ids.has(claim.id) || !claim.relations.some((relation) => ids.has(relation.claimId))) {
      continue;
    }
    unlinked.push({
      ...claim,
      relations: claim.relations.filter((relation) => !ids.has(relation.claimId)),
      updatedAt: at,
    });
  }
  await db.claims.bulkPut(unlinked);
  return unlinked.length;
}

/**
 * ClaimRepository over Dexie. Grades and evidence facts are computed when read (a source's
 * reliability may change after the claim was made); every write appends its audit event in the
 * same transaction, and a refused write leaves nothing behind (new passages and vocabulary
 * included).
 */
export function createClaimRepository(
  db: CasefileDatabase,
  options: ClaimRepositoryOptions,
): ClaimRepository {
  const { mode, now, newId } = options;
  const writeTables = () => [
    db.cases,
    db.entities,
    db.sources,
    db.sourceContents,
    db.passages,
    db.claims,
    db.audit,
  ];

  /** Checks the references of validated fields that are new compared with `before`. */
  async function requireReferences(
    caseId: CaseId,
    fields: ValidClaimFields,
    before?: Claim,
  ): Promise<void> {
    if (fields.subjectId !== before?.subjectId) {
      await liveEntityOfCase(db, caseId, fields.subjectId, 'claim.entityNotFound');
    }
    const { object } = fields;
    if (object.kind === 'entity' && !sameValue(object, before?.object)) {
      await liveEntityOfCase(db, caseId, object.entityId, 'claim.entityNotFound');
    }
    const cited = new Set<string>(before?.evidence ?? []);
    await requireAllOfCase(
      db.passages,
      caseId,
      fields.evidence.filter((id) => !cited.has(id)),
      (id) =>
        new AppErrorException(
          'claim.passageNotFound',
          `There is no passage with id ${id} in this case; it may have been deleted.`,
        ),
    );
    const related = new Set<string>((before?.relations ?? []).map((r) => r.claimId));
    await requireAllOfCase(
      db.claims,
      caseId,
      fields.relations.map((r) => r.claimId).filter((id) => !related.has(id)),
      (id) =>
        new AppErrorException(
          'claim.relationNotFound',
          `There is no claim with id ${id} in this case to support or contradict; it may have been deleted.`,
        ),
    );
  }

  async function summaryOf(claim: Claim): Promise<ClaimSummary> {
    const [summary] = await summaries(db, [claim]);
    return summary!;
  }

  return {
    async list(caseId) {
      if (!db.hasTable('claims')) return [];
      const claims = await rowsWhere(db.claims, 'caseId', caseId);
      return summaries(db, claims.sort(newestFirst));
    },

    async get(id) {
      if (!db.hasTable('claims')) return undefined;
      const claim = await db.claims.get(id);
      return claim ? summaryOf(claim) : undefined;
    },

    async evidence(id) {
      if (!db.hasTable('claims') || !db.hasTable('passages')) return [];
      const claim = await db.claims.get(id);
      if (!claim) return [];
      const passages = (await db.passages.bulkGet([...claim.evidence])).filter(
        (passage): passage is Passage => passage !== undefined,
      );
      return (await passagesInContext(db, passages)).map(
        ({ passage, source, page, before, after }): EvidenceInContext => ({
          passage,
          sourceId: source.id,
          sourceTitle: source.title,
          reliability: source.reliability,
          ...(page !== undefined ? { page } : {}),
          before,
          after,
        }),
      );
    },

    async create(caseId, input) {
      return guardedWrite(mode, 'save the claim', async () => {
        const fields = validateNewClaim(input);
        if (!fields.ok) return fields;
        const f = fields.value;
        const claim = await db.transaction('rw', writeTables(), async () => {
          const caseRow = await db.cases.get(caseId);
          if (!caseRow) throw caseNotFound(caseId);
          await requireReferences(caseId, f);
          const at = now();
          const newPassageIds = await addEvidencePassages(db, options, caseId, f.newEvidence, at);
          const { predicate, caseWithIt } = settlePredicate(caseRow, f.predicate);
          if (caseWithIt) await db.cases.put(caseWithIt);
          const record: Claim = {
            id: asClaimId(newId()),
            caseId,
            createdAt: at,
            updatedAt: at,
            ...claimContent(f, predicate, newPassageIds),
          };
          await db.claims.add(record);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'claim.created',
            subject: record.id,
            detail: {
              claimId: record.id,
              subjectId: record.subjectId,
              predicate,
              object: record.object,
              evidence: record.evidence,
              ...(newPassageIds.length > 0 ? { newPassageIds } : {}),
              ...(caseWithIt ? { predicateAdded: predicate } : {}),
            },
          });
          return summaryOf(record);
        });
        return ok(claim);
      });
    },

    async update(id, changes) {
      return guardedWrite(mode, 'save the claim', async () => {
        const claim = await db.transaction('rw', writeTables(), async () => {
          const current = await db.claims.get(id);
          if (!current) throw claimNotFound(id);
          const applied = applyClaimChanges(current, changes);
          if (!applied.ok) throw new AppErrorException(applied.error.code, applied.error.message);
          const f = applied.value;
          const { caseId } = current;
          await requireReferences(caseId, f, current);
          const caseRow = await db.cases.get(caseId);
          if (!caseRow) throw caseNotFound(caseId);
          const settled =
            f.predicate === current.predicate
              ? { predicate: current.predicate }
              : settlePredicate(caseRow, f.predicate);
          const at = now();
          const newPassageIds = await addEvidencePassages(db, options, caseId, f.newEvidence, at);
          const { attributedTo: _dropped, ...kept } = current;
          const next: Claim = {
            ...kept,
            updatedAt: at,
            ...claimContent(f, settled.predicate, newPassageIds),
          };
          const fields = (
            [
              'subjectId',
              'predicate',
              'object',
              'validTime',
              'evidence',
              'credibility',
              'status',
              'relations',
              'attributedTo',
              'note',
            ] as const
          ).filter((field) => !sameValue(next[field], current[field]));
          // Saving without changes writes nothing: no new updatedAt, no empty audit event.
          if (fields.length === 0) return summaryOf(current);
          if (settled.caseWithIt) await db.cases.put(settled.caseWithIt);
          await db.claims.put(next);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'claim.updated',
            subject: id,
            detail: {
              claimId: id,
              fields: [...fields].sort(),
              ...(newPassageIds.length > 0 ? { newPassageIds } : {}),
              ...(settled.caseWithIt ? { predicateAdded: settled.predicate } : {}),
            },
          });
          return summaryOf(next);
        });
        return ok(claim);
      });
    },

    async delete(id) {
      return guardedWrite(mode, 'delete the claim', async () => {
        await db.transaction('rw', [db.claims, db.audit], async () => {
          const claim = await db.claims.get(id);
          if (!claim) throw claimNotFound(id);
          const at = now();
          const unlinked = await removeClaims(db, claim.caseId, new Set([id]), at);
          await recordEvent(db, options, {
            caseId: claim.caseId,
            at,
            action: 'claim.deleted',
            subject: id,
            detail: {
              claimId: id,
              subjectId: claim.subjectId,
              predicate: claim.predicate,
              unlinkedClaims: unlinked,
            },
          });
        });
        return ok(undefined);
      });
    },

    async predicates(caseId) {
      const caseRow = db.hasTable('cases') ? await db.cases.get(caseId) : undefined;
      const used = db.hasTable('claims')
        ? (await claimsOfCase(db, caseId)).map((claim) => claim.predicate)
        : [];
      return predicateVocabulary(caseRow?.predicates, used);
    },

    async addPredicate(caseId, predicate) {
      return guardedWrite(mode, 'add the predicate', async () => {
        const checked = validatePredicate(predicate);
        if (!checked.ok) return checked;
        return await db.transaction(
          'rw',
          [db.cases, db.claims, db.audit],
          async (): Promise<Result<readonly string[]>> => {
            const caseRow = await db.cases.get(caseId);
            if (!caseRow) throw caseNotFound(caseId);
            const used = (await claimsOfCase(db, caseId)).map((claim) => claim.predicate);
            const { predicate: settled, caseWithIt } = settlePredicate(caseRow, checked.value);
            if (caseWithIt) {
              await db.cases.put(caseWithIt);
              await recordEvent(db, options, {
                caseId,
                at: now(),
                action: 'case.predicateAdded',
                subject: caseId,
                detail: { predicate: settled },
              });
            }
            return ok(predicateVocabulary((caseWithIt ?? caseRow).predicates, used));
          },
        );
      });
    },
  };
}
