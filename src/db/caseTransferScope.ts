import type { CaseRecords } from '../core/bundle/bundle';
import { prunedChart } from '../core/model/chart';
import type { SourceId } from '../core/model/ids';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  MAX_NOTE_DEPTH,
  noteReferences,
  parseNoteDocument,
  serializeNoteDocument,
  type NoteJsonNode,
} from '../core/model/note';
import type { Chart, Claim, EntityMerge, Note, Source } from '../core/model/records';

/**
 * Which records of a case an extract keeps (pure: works on records already read). `all` keeps
 * every record and only drops references to records that no longer exist (a deleted entity may
 * still be named by a note or a chart), so the extract passes writeBundle's reference checks.
 * `sources` keeps the closure described on CaseExtractScope.
 */

interface Kept {
  readonly sources: ReadonlySet<string>;
  readonly passages: ReadonlySet<string>;
  readonly entities: ReadonlySet<string>;
  readonly claims: ReadonlySet<string>;
}

const idsOf = (records: readonly { readonly id: string }[]): Set<string> =>
  new Set(records.map((record) => record.id));

/** The records with every reference to something not kept dropped; `rewriteNotes` see below. */
function withoutDangling(
  records: CaseRecords,
  kept: Kept,
  rewriteNotes: boolean,
): Pick<CaseRecords, 'notes' | 'charts'> {
  return {
    notes: records.notes.map((note) => prunedNote(note, kept, rewriteNotes)),
    charts: records.charts.map((chart) => prunedChartOf(chart, kept)),
  };
}

function prunedChartOf(chart: Chart, kept: Kept): Chart {
  const dangling =
    chart.entityIds.some((id) => !kept.entities.has(id)) ||
    chart.groups.some((group) => group.memberIds.some((id) => !kept.entities.has(id))) ||
    (chart.filters.sourceIds ?? []).some((id) => !kept.sources.has(id));
  // Untouched unless something dangles: a chart that refers only to kept records goes as stored.
  if (!dangling) return chart;
  const pruned = prunedChart(chart, kept.entities);
  const { sourceIds, ...otherFilters } = pruned.filters;
  const keptSourceIds = (sourceIds ?? []).filter((id) => kept.sources.has(id));
  // An emptied source filter would show nothing; without it the chart shows what is there.
  const filters =
    keptSourceIds.length > 0 ? { ...otherFilters, sourceIds: keptSourceIds } : otherFilters;
  return { ...pruned, filters };
}

/**
 * A note without references to records not kept. With `rewriteNotes` (a selection of sources)
 * its content loses them too, since a quote or an embedded claim carries the left-out text:
 * quotes and claims of left-out records go, a mention of a left-out entity becomes its label as
 * plain text. Content that cannot be read is kept as it is (it then refers to nothing).
 */
function prunedNote(note: Note, kept: Kept, rewriteNotes: boolean): Note {
  const entityIds = note.entityIds.filter((id) => kept.entities.has(id));
  const passageIds = note.passageIds.filter((id) => kept.passages.has(id));
  const claimIds = note.claimIds.filter((id) => kept.claims.has(id));
  const listsChanged =
    entityIds.length !== note.entityIds.length ||
    passageIds.length !== note.passageIds.length ||
    claimIds.length !== note.claimIds.length;
  if (rewriteNotes) {
    const parsed = parseNoteDocument(note.editorState);
    if (parsed.ok) {
      const references = noteReferences(parsed.value);
      const contentDangles =
        references.entityIds.some((id) => !kept.entities.has(id)) ||
        references.passageIds.some((id) => !kept.passages.has(id)) ||
        references.claimIds.some((id) => !kept.claims.has(id));
      if (contentDangles) {
        const root = keptNode(parsed.value.editorState.root, kept, 0);
        const document = {
          ...parsed.value,
          editorState: { ...parsed.value.editorState, root: root ?? emptyRoot(parsed.value) },
        };
        const editorState = serializeNoteDocument(document);
        if (editorState.ok) {
          const after = noteReferences(document);
          return {
            ...note,
            editorState: editorState.value,
            entityIds: [...after.entityIds],
            passageIds: [...after.passageIds],
            claimIds: [...after.claimIds],
          };
        }
      }
    }
  }
  return listsChanged ? { ...note, entityIds, passageIds, claimIds } : note;
}

function emptyRoot(document: { editorState: { root: NoteJsonNode } }): NoteJsonNode {
  return { ...document.editorState.root, children: [] };
}

function textNode(text: string): NoteJsonNode {
  return { type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' };
}

/** The node without left-out references (undefined: the node goes). */
function keptNode(node: NoteJsonNode, kept: Kept, depth: number): NoteJsonNode | undefined {
  const id = (field: string): string => {
    const value = node[field];
    return typeof value === 'string' ? value : '';
  };
  if (node.type === EVIDENCE_QUOTE_NODE_TYPE && !kept.passages.has(id('passageId')))
    return undefined;
  if (node.type === CLAIM_NODE_TYPE && !kept.claims.has(id('claimId'))) return undefined;
  if (node.type === ENTITY_MENTION_NODE_TYPE && !kept.entities.has(id('entityId'))) {
    return textNode(id('label'));
  }
  // parseNoteDocument refused anything deeper, so this bound is only a guard.
  if (!Array.isArray(node.children) || depth > MAX_NOTE_DEPTH) return node;
  const children: NoteJsonNode[] = [];
  for (const child of node.children as readonly NoteJsonNode[]) {
    const keptChild = keptNode(child, kept, depth + 1);
    if (keptChild !== undefined) children.push(keptChild);
  }
  return { ...node, children };
}

/** Every record; only references to records that no longer exist are dropped. */
export function wholeCase(records: CaseRecords): CaseRecords {
  const kept: Kept = {
    sources: idsOf(records.sources),
    passages: idsOf(records.passages),
    entities: idsOf(records.entities),
    claims: idsOf(records.claims),
  };
  return { ...records, ...withoutDangling(records, kept, false) };
}

/**
 * The chosen sources, their attachments (and theirs), their passages, the entities those mention,
 * the claims citing the passages and the entities at both ends (and, for a merged entity, the one
 * it was merged into), entity merges between kept entities; the notes that quote a kept passage or
 * embed a kept claim and every chart, without references to what is left out; no saved searches
 * and no audit chain (both describe the whole case). A chosen attachment whose
 * message is left out loses its parentId; a claim keeps only evidence and relations that are kept.
 * Returns the id of the first chosen source that is not in the case, if any.
 */
export function sourcesSelection(
  records: CaseRecords,
  chosen: readonly SourceId[],
):
  | { readonly ok: true; readonly records: CaseRecords }
  | { readonly ok: false; readonly missing: string } {
  const byId = new Map(records.sources.map((source) => [source.id as string, source]));
  const missing = chosen.find((id) => !byId.has(id));
  if (missing !== undefined) return { ok: false, missing };

  const sourceIds = new Set<string>(chosen);
  const children = new Map<string, Source[]>();
  for (const source of records.sources) {
    if (source.parentId === undefined) continue;
    const list = children.get(source.parentId) ?? [];
    list.push(source);
    children.set(source.parentId, list);
  }
  const queue = [...sourceIds];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!sourceIds.has(child.id)) {
        sourceIds.add(child.id);
        queue.push(child.id);
      }
    }
  }

  const passages = records.passages.filter((passage) => sourceIds.has(passage.sourceId));
  const passageIds = idsOf(passages);
  const entityIds = new Set<string>();
  for (const passage of passages)
    if (passage.entityId !== undefined) entityIds.add(passage.entityId);
  const claims = records.claims.filter((claim) => claim.evidence.some((id) => passageIds.has(id)));
  const claimIds = idsOf(claims);
  for (const claim of claims) {
    entityIds.add(claim.subjectId);
    if (claim.object.kind === 'entity') entityIds.add(claim.object.entityId);
  }
  const entitiesById = new Map(records.entities.map((entity) => [entity.id as string, entity]));
  for (const start of [...entityIds]) {
    // A merged entity stands for its survivor: keep the chain up to the live one.
    let next = entitiesById.get(start)?.mergedInto;
    while (next !== undefined && !entityIds.has(next)) {
      entityIds.add(next);
      next = entitiesById.get(next)?.mergedInto;
    }
  }
  const kept: Kept = {
    sources: sourceIds,
    passages: passageIds,
    entities: entityIds,
    claims: claimIds,
  };

  return {
    ok: true,
    records: {
      ...records,
      sources: records.sources
        .filter((source) => sourceIds.has(source.id))
        .map((source) => {
          if (source.parentId === undefined || sourceIds.has(source.parentId)) return source;
          const { parentId: _leftOut, ...rest } = source;
          return rest;
        }),
      sourceContents: records.sourceContents.filter((content) => sourceIds.has(content.id)),
      passages,
      entities: records.entities.filter((entity) => entityIds.has(entity.id)),
      entityMerges: records.entityMerges
        .filter((merge) => entityIds.has(merge.survivorId) && entityIds.has(merge.mergedId))
        .map((merge) => keptMerge(merge, kept)),
      claims: claims.map((claim) => keptClaim(claim, kept)),
      ...withoutDangling(
        {
          ...records,
          // Only notes about the selection: another note's prose may discuss what was left out.
          notes: records.notes.filter(
            (note) =>
              note.passageIds.some((id) => passageIds.has(id)) ||
              note.claimIds.some((id) => claimIds.has(id)),
          ),
        },
        kept,
        true,
      ),
      // Saved queries and the audit history describe the whole case, left-out sources included
      // (their titles and file names are in event details): a selection carries neither.
      savedSearches: [],
      audit: [],
    },
  };
}

function keptClaim(claim: Claim, kept: Kept): Claim {
  const evidence = claim.evidence.filter((id) => kept.passages.has(id));
  const relations = claim.relations.filter((relation) => kept.claims.has(relation.claimId));
  if (evidence.length === claim.evidence.length && relations.length === claim.relations.length) {
    return claim;
  }
  return { ...claim, evidence, relations };
}

function keptMerge(merge: EntityMerge, kept: Kept): EntityMerge {
  const movedPassageIds = merge.movedPassageIds.filter((id) => kept.passages.has(id));
  const movedClaims = merge.movedClaims.filter((moved) => kept.claims.has(moved.id));
  if (
    movedPassageIds.length === merge.movedPassageIds.length &&
    movedClaims.length === merge.movedClaims.length
  ) {
    return merge;
  }
  return { ...merge, movedPassageIds, movedClaims };
}
