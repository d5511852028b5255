import type { CaseId, ChartId, ClaimId, EntityId, NoteId, PassageId, SourceId } from '../model/ids';
import type { Chart, Claim, Entity, Note, Passage, Source } from '../model/records';

/** Every fault the check can find. */
export const INTEGRITY_PROBLEM_KINDS = [
  'record.caseMissing',
  'source.contentMissing',
  'source.blobMissing',
  'source.parentMissing',
  'passage.sourceMissing',
  'passage.entityMissing',
  'entity.mergedIntoMissing',
  'claim.entityMissing',
  'claim.evidenceMissing',
  'claim.relationMissing',
  'note.contentMissing',
  'note.referenceMissing',
  'chart.entityMissing',
  'blob.orphan',
  'blob.hashMismatch',
  'audit.chainBroken',
] as const;
export type IntegrityProblemKind = (typeof INTEGRITY_PROBLEM_KINDS)[number];

/**
 * A repair, as data: what the database side writes when the investigator chooses it. None of
 * them deletes a source, blob, passage or claim; a missing record is stood in for, a dangling id
 * in a list is dropped, a passage without its source is marked orphaned.
 */
export type IntegrityRepair =
  | { readonly kind: 'case.recreate'; readonly caseId: CaseId }
  | { readonly kind: 'entity.placeholder'; readonly caseId: CaseId; readonly entityId: EntityId }
  | { readonly kind: 'source.emptyContent'; readonly caseId: CaseId; readonly sourceId: SourceId }
  | { readonly kind: 'source.clearParent'; readonly sourceId: SourceId }
  | { readonly kind: 'passage.markOrphaned'; readonly passageId: PassageId }
  | { readonly kind: 'entity.clearMergedInto'; readonly entityId: EntityId }
  | {
      readonly kind: 'claim.dropReferences';
      readonly claimId: ClaimId;
      readonly evidence: readonly PassageId[];
      readonly relations: readonly ClaimId[];
    }
  | {
      readonly kind: 'note.dropReferences';
      readonly noteId: NoteId;
      readonly ids: readonly string[];
    }
  | {
      readonly kind: 'chart.dropEntities';
      readonly chartId: ChartId;
      readonly ids: readonly string[];
    };

export interface IntegrityProblem {
  /** Stable for one report: what a chosen repair is named by. */
  readonly key: string;
  readonly kind: IntegrityProblemKind;
  /** The case the faulty record belongs to; absent for a blob (blobs are shared by hash). */
  readonly caseId?: CaseId;
  readonly record: { readonly table: string; readonly id: string };
  readonly message: string;
  /** What choosing the repair does; absent when nothing may be changed (report only). */
  readonly repair?: { readonly description: string; readonly action: IntegrityRepair };
}

/** A stored original, as the database side found it (bytes hashed there, not here). */
export interface BlobSummary {
  readonly sha256: string;
  readonly byteLength: number;
  /** SHA-256 of the stored bytes, recomputed. */
  readonly actualSha256: string;
}

/** A case's audit chain as verified by the database side (src/db/auditLog.ts). */
export interface AuditChainState {
  readonly caseId: CaseId;
  readonly intact: boolean;
  readonly brokenSeq?: number;
  readonly reason?: string;
}

/** A notes row: the note without its content, which lives in `noteContents`. */
export type NoteReferences = Omit<Note, 'editorState'>;

/**
 * The rows to check, raw as stored (dangling references included): one case, or every case.
 * `blobs` are the ones the check may judge: when checking one case, only those its sources name
 * (a blob no source of THIS case uses may belong to another case), so orphans are looked for only
 * when `allCases`.
 */
export interface IntegrityInput {
  readonly caseIds: readonly CaseId[];
  readonly allCases: boolean;
  readonly sources: readonly Source[];
  readonly sourceContentIds: readonly string[];
  readonly passages: readonly Passage[];
  readonly entities: readonly Entity[];
  readonly claims: readonly Claim[];
  readonly notes: readonly NoteReferences[];
  readonly noteContentIds: readonly string[];
  readonly charts: readonly Chart[];
  /** Rows of other tables that carry a caseId (entityMerges, audit, …), for `record.caseMissing`. */
  readonly otherRecords: readonly {
    readonly table: string;
    readonly id: string;
    readonly caseId: CaseId;
  }[];
  readonly blobs: readonly BlobSummary[];
  readonly auditChains: readonly AuditChainState[];
}

export interface IntegrityReport {
  /** The case checked, or undefined for every case. */
  readonly caseId?: CaseId;
  readonly problems: readonly IntegrityProblem[];
  /** Records looked at, by table (for "checked N records"). */
  readonly checked: Readonly<Record<string, number>>;
}

/** The placeholder's name, so an investigator can find it and see what it stands for. */
export function placeholderEntityName(entityId: string): string {
  return `(missing entity ${entityId})`;
}

/** The recovered case's title. */
export function recoveredCaseTitle(caseId: string): string {
  return `(recovered case ${caseId})`;
}

/** Verifies referential integrity, blob hashes and audit chains. Pure: reads only `input`. */
export function checkCaseIntegrity(input: IntegrityInput, caseId?: CaseId): IntegrityReport {
  const problems: IntegrityProblem[] = [];
  const keys = new Set<string>();
  const add = (problem: Omit<IntegrityProblem, 'key'>) => {
    const base = `${problem.kind}:${problem.record.table}:${problem.record.id}`;
    let key = base;
    // A claim may name two missing entities: the second problem gets its own key.
    for (let n = 2; keys.has(key); n++) key = `${base}#${n}`;
    keys.add(key);
    problems.push({ ...problem, key });
  };

  const cases = new Set<string>(input.caseIds);
  const sources = new Map(input.sources.map((source) => [source.id as string, source]));
  const contents = new Set(input.sourceContentIds);
  const passages = new Set<string>(input.passages.map((passage) => passage.id));
  const entities = new Set<string>(input.entities.map((entity) => entity.id));
  const claims = new Set<string>(input.claims.map((claim) => claim.id));
  const noteContents = new Set(input.noteContentIds);
  const blobs = new Map(input.blobs.map((blob) => [blob.sha256, blob]));

  // A placeholder entity is offered once per missing id, on the first record that names it.
  const placeholders = new Set<string>();
  const placeholderRepair = (owner: CaseId, entityId: EntityId) => {
    if (placeholders.has(`${owner}/${entityId}`)) return undefined;
    placeholders.add(`${owner}/${entityId}`);
    return {
      description: `Add a placeholder entity "${placeholderEntityName(entityId)}"`,
      action: { kind: 'entity.placeholder', caseId: owner, entityId } as const,
    };
  };

  const recovered = new Set<string>();
  const caseOwned: { table: string; id: string; caseId: CaseId }[] = [
    ...input.sources.map((r) => ({ table: 'sources', id: r.id, caseId: r.caseId })),
    ...input.passages.map((r) => ({ table: 'passages', id: r.id, caseId: r.caseId })),
    ...input.entities.map((r) => ({ table: 'entities', id: r.id, caseId: r.caseId })),
    ...input.claims.map((r) => ({ table: 'claims', id: r.id, caseId: r.caseId })),
    ...input.notes.map((r) => ({ table: 'notes', id: r.id, caseId: r.caseId })),
    ...input.charts.map((r) => ({ table: 'charts', id: r.id, caseId: r.caseId })),
    ...input.otherRecords,
  ];
  for (const record of caseOwned) {
    if (cases.has(record.caseId)) continue;
    const first = !recovered.has(record.caseId);
    recovered.add(record.caseId);
    add({
      kind: 'record.caseMissing',
      caseId: record.caseId,
      record: { table: record.table, id: record.id },
      message: `This ${singular(record.table)} belongs to case ${record.caseId}, which no longer exists.`,
      ...(first
        ? {
            repair: {
              description: `Recreate the case as "${recoveredCaseTitle(record.caseId)}" so its records can be opened`,
              action: { kind: 'case.recreate', caseId: record.caseId },
            },
          }
        : {}),
    });
  }

  for (const source of input.sources) {
    const record = { table: 'sources', id: source.id };
    if (!contents.has(source.id)) {
      add({
        kind: 'source.contentMissing',
        caseId: source.caseId,
        record,
        message: `Source "${source.title}" has no extracted text.`,
        repair: {
          description: 'Give it an empty text, so it opens (its original is not changed)',
          action: { kind: 'source.emptyContent', caseId: source.caseId, sourceId: source.id },
        },
      });
    }
    if (!blobs.has(source.sha256)) {
      add({
        kind: 'source.blobMissing',
        caseId: source.caseId,
        record,
        message: `The original file of source "${source.title}" (SHA-256 ${source.sha256}) is missing. Restore it from a backup or bundle.`,
      });
    }
    if (source.parentId !== undefined && !sources.has(source.parentId)) {
      add({
        kind: 'source.parentMissing',
        caseId: source.caseId,
        record,
        message: `Source "${source.title}" is an attachment of source ${source.parentId}, which no longer exists.`,
        repair: {
          description: 'Make it a source of its own',
          action: { kind: 'source.clearParent', sourceId: source.id },
        },
      });
    }
  }

  for (const passage of input.passages) {
    const record = { table: 'passages', id: passage.id };
    if (!sources.has(passage.sourceId)) {
      add({
        kind: 'passage.sourceMissing',
        caseId: passage.caseId,
        record,
        message:
          `Passage "${excerpt(passage.quote.exact)}" quotes source ${passage.sourceId}, which no longer exists.` +
          (passage.orphaned ? ' It is marked orphaned and keeps its quoted text.' : ''),
        ...(passage.orphaned
          ? {}
          : {
              repair: {
                description: 'Mark it orphaned (kept, with its quoted text)',
                action: { kind: 'passage.markOrphaned', passageId: passage.id },
              },
            }),
      });
    }
    if (passage.entityId !== undefined && !entities.has(passage.entityId)) {
      const repair = placeholderRepair(passage.caseId, passage.entityId);
      add({
        kind: 'passage.entityMissing',
        caseId: passage.caseId,
        record,
        message: `Passage "${excerpt(passage.quote.exact)}" mentions entity ${passage.entityId}, which no longer exists.`,
        ...(repair ? { repair } : {}),
      });
    }
  }

  for (const entity of input.entities) {
    if (entity.mergedInto !== undefined && !entities.has(entity.mergedInto)) {
      add({
        kind: 'entity.mergedIntoMissing',
        caseId: entity.caseId,
        record: { table: 'entities', id: entity.id },
        message: `Entity "${entity.name}" was merged into entity ${entity.mergedInto}, which no longer exists, so it is hidden.`,
        repair: {
          description: 'Undo the merge mark, so the entity shows again',
          action: { kind: 'entity.clearMergedInto', entityId: entity.id },
        },
      });
    }
  }

  for (const claim of input.claims) {
    const record = { table: 'claims', id: claim.id };
    const ends = [claim.subjectId];
    if (claim.object.kind === 'entity') ends.push(claim.object.entityId);
    for (const entityId of new Set(ends)) {
      if (entities.has(entityId)) continue;
      const repair = placeholderRepair(claim.caseId, entityId);
      add({
        kind: 'claim.entityMissing',
        caseId: claim.caseId,
        record,
        message: `Claim "${claim.predicate}" links entity ${entityId}, which no longer exists.`,
        ...(repair ? { repair } : {}),
      });
    }
    const evidence = claim.evidence.filter((id) => !passages.has(id));
    const relations = claim.relations
      .map((relation) => relation.claimId)
      .filter((id) => !claims.has(id));
    const drop = {
      description: 'Drop the ids of records that no longer exist from the claim (the claim stays)',
      action: { kind: 'claim.dropReferences', claimId: claim.id, evidence, relations } as const,
    };
    if (evidence.length > 0) {
      add({
        kind: 'claim.evidenceMissing',
        caseId: claim.caseId,
        record,
        message: `Claim "${claim.predicate}" cites ${count(evidence.length, 'passage')} that ${exist(evidence.length)}: ${evidence.join(', ')}.`,
        repair: drop,
      });
    }
    if (relations.length > 0) {
      add({
        kind: 'claim.relationMissing',
        caseId: claim.caseId,
        record,
        message: `Claim "${claim.predicate}" relates to ${count(relations.length, 'claim')} that ${exist(relations.length)}: ${relations.join(', ')}.`,
        // One repair drops both kinds; offered once.
        ...(evidence.length > 0 ? {} : { repair: drop }),
      });
    }
  }

  for (const note of input.notes) {
    const record = { table: 'notes', id: note.id };
    if (!noteContents.has(note.id)) {
      add({
        kind: 'note.contentMissing',
        caseId: note.caseId,
        record,
        message: `Note "${note.title}" has no content. Restore it from a backup.`,
      });
    }
    const ids = [
      ...note.entityIds.filter((id) => !entities.has(id)),
      ...note.passageIds.filter((id) => !passages.has(id)),
      ...note.claimIds.filter((id) => !claims.has(id)),
    ];
    if (ids.length > 0) {
      add({
        kind: 'note.referenceMissing',
        caseId: note.caseId,
        record,
        message: `Note "${note.title}" lists ${count(ids.length, 'record')} that ${exist(ids.length)}: ${ids.join(', ')}.`,
        repair: {
          description: "Drop them from the note's lists (its text is not changed)",
          action: { kind: 'note.dropReferences', noteId: note.id, ids },
        },
      });
    }
  }

  for (const chart of input.charts) {
    const named = [...chart.entityIds, ...chart.groups.flatMap((group) => group.memberIds)];
    const ids = [...new Set(named.filter((id) => !entities.has(id)))];
    if (ids.length > 0) {
      add({
        kind: 'chart.entityMissing',
        caseId: chart.caseId,
        record: { table: 'charts', id: chart.id },
        message: `Chart "${chart.title}" shows ${count(ids.length, 'entity', 'entities')} that ${exist(ids.length)}: ${ids.join(', ')}.`,
        repair: {
          description: 'Drop them from the chart',
          action: { kind: 'chart.dropEntities', chartId: chart.id, ids },
        },
      });
    }
  }

  const used = new Set(input.sources.map((source) => source.sha256 as string));
  for (const blob of input.blobs) {
    const record = { table: 'blobs', id: blob.sha256 };
    if (blob.actualSha256 !== blob.sha256) {
      // Evidence tampering or disk corruption: reported, never "fixed".
      add({
        kind: 'blob.hashMismatch',
        record,
        message: `The stored original ${blob.sha256} no longer has that SHA-256 (its bytes hash to ${blob.actualSha256}). It was altered or damaged; restore it from a backup or bundle.`,
      });
    }
    if (input.allCases && !used.has(blob.sha256)) {
      add({
        kind: 'blob.orphan',
        record,
        message: `The stored original ${blob.sha256} (${blob.byteLength} bytes) belongs to no source. It is kept.`,
      });
    }
  }

  for (const chain of input.auditChains) {
    if (chain.intact) continue;
    add({
      kind: 'audit.chainBroken',
      caseId: chain.caseId,
      record: { table: 'audit', id: `${chain.caseId}#${chain.brokenSeq ?? 0}` },
      message: `The audit trail of case ${chain.caseId} is broken at event ${chain.brokenSeq ?? 0}${chain.reason ? `: ${chain.reason}` : ''}. It is never rewritten; restore the case from a backup if it was tampered with.`,
    });
  }

  const checked: Record<string, number> = {
    cases: input.caseIds.length,
    sources: input.sources.length,
    passages: input.passages.length,
    entities: input.entities.length,
    claims: input.claims.length,
    notes: input.notes.length,
    charts: input.charts.length,
    blobs: input.blobs.length,
  };
  return { ...(caseId === undefined ? {} : { caseId }), problems, checked };
}

/** Problems grouped by kind, in INTEGRITY_PROBLEM_KINDS order (for the dialog). */
export function problemsByKind(
  problems: readonly IntegrityProblem[],
): { readonly kind: IntegrityProblemKind; readonly problems: readonly IntegrityProblem[] }[] {
  return INTEGRITY_PROBLEM_KINDS.map((kind) => ({
    kind,
    problems: problems.filter((problem) => problem.kind === kind),
  })).filter((group) => group.problems.length > 0);
}

/** A heading for each kind of problem. */
export const INTEGRITY_KIND_LABELS: Readonly<Record<IntegrityProblemKind, string>> = {
  'record.caseMissing': 'Records of a case that no longer exists',
  'source.contentMissing': 'Sources without their text',
  'source.blobMissing': 'Sources whose original file is missing',
  'source.parentMissing': 'Attachments whose message is gone',
  'passage.sourceMissing': 'Passages whose source is gone',
  'passage.entityMissing': 'Mentions of entities that are gone',
  'entity.mergedIntoMissing': 'Entities merged into an entity that is gone',
  'claim.entityMissing': 'Claims linking entities that are gone',
  'claim.evidenceMissing': 'Claims citing passages that are gone',
  'claim.relationMissing': 'Claims related to claims that are gone',
  'note.contentMissing': 'Notes without content',
  'note.referenceMissing': 'Notes listing records that are gone',
  'chart.entityMissing': 'Charts showing entities that are gone',
  'blob.orphan': 'Original files no source uses (kept)',
  'blob.hashMismatch': 'Original files altered or damaged',
  'audit.chainBroken': 'Broken audit trails',
};

function singular(table: string): string {
  if (table === 'entities') return 'entity';
  if (table === 'audit') return 'audit event';
  if (table === 'entityMerges') return 'entity merge';
  return table.endsWith('s') ? table.slice(0, -1) : table;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function exist(n: number): string {
  return n === 1 ? 'no longer exists' : 'no longer exist';
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
