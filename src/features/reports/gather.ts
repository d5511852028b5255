import {
  parseNoteDocument,
  type Case,
  type NoteId,
  type Passage,
  type PassageId,
  type SourceId,
  type SourceStructure,
} from '../../core';
import type { ClaimSummary, EntitySummary, SourceSummary } from '../../core';
import type { ReportAuditSummary, ReportInput } from '../../core/report/types';
import { verifyAuditChain } from '../../core/audit/chain';
import { sha256Hex, type CasefileStorage } from '../../db';
import { err, ok, type Result } from '../../shared/result';

/** A report's records as read from storage: everything but the chart images and the stamp. */
export type GatheredReport = Omit<ReportInput, 'chartImages' | 'generatedAt' | 'generator'> & {
  readonly claims: readonly ClaimSummary[];
  readonly entities: readonly EntitySummary[];
  readonly sources: readonly SourceSummary[];
};

/**
 * Reads what a report of the case is built from. Only the passages cited by claims or quoted by
 * the narrative are read, and only the cited sources' contents (for page and paragraph numbers):
 * never every source text of a large case.
 */
export async function gatherReport(
  storage: CasefileStorage,
  current: Case,
  narrativeNoteId: NoteId | undefined,
): Promise<Result<GatheredReport>> {
  const caseId = current.id;
  const [claims, entities, sources, charts, note, auditEvents] = await Promise.all([
    storage.claims.list(caseId),
    storage.entities.list(caseId),
    storage.sources.list(caseId),
    storage.charts.list(caseId),
    narrativeNoteId ? storage.notes.get(narrativeNoteId) : Promise.resolve(undefined),
    storage.audit.list(caseId),
  ]);
  // The chain read once: verified here rather than read again by storage.audit.verify.
  const auditCheck = await verifyAuditChain(auditEvents, sha256Hex);
  const audit: ReportAuditSummary = auditCheck.ok
    ? { events: auditCheck.value.length, intact: true, headHash: auditCheck.value.headHash }
    : {
        events: auditEvents.length,
        intact: false,
        headHash: auditEvents.at(-1)?.hash ?? '',
        brokenAt: auditCheck.error.brokenSeq,
      };
  let narrative: ReportInput['note'];
  if (narrativeNoteId) {
    if (!note || note.caseId !== caseId) {
      return err('report.note.notFound', 'The narrative note no longer exists in this case.');
    }
    const document = parseNoteDocument(note.editorState);
    if (!document.ok) {
      return err(
        'report.note.unreadable',
        `The narrative note “${note.title}” cannot be read: ${document.error.message}`,
      );
    }
    narrative = { id: note.id, title: note.title, document: document.value };
  }

  const passageIds = new Set<PassageId>(claims.flatMap((c) => c.evidence));
  for (const id of note?.passageIds ?? []) passageIds.add(id);
  const passages = (
    await Promise.all([...passageIds].map((id) => storage.passages.get(id)))
  ).filter((p): p is Passage => p !== undefined && p.caseId === caseId);

  const citedSources = [...new Set<SourceId>(passages.map((p) => p.sourceId))];
  const structures: Record<string, SourceStructure> = {};
  const contents = await Promise.all(citedSources.map((id) => storage.sources.content(id)));
  for (const content of contents) if (content) structures[content.id] = content.structure;

  return ok({
    case: current,
    ...(narrative ? { note: narrative } : {}),
    claims,
    entities,
    sources,
    passages,
    structures,
    charts,
    audit,
  });
}
