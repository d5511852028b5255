import { applyChartFilters, prunedChart, type Case, type Chart, type Passage } from '../../core';
import type { CaseExportInput } from '../../core/interop/types';
import type { CasefileStorage } from '../../db';

/** What is exported: the whole case, or what one saved chart shows. */
export type ExportScope =
  { readonly kind: 'case' } | { readonly kind: 'chart'; readonly chart: Chart };

/**
 * Reads a case's records for an exporter. `allPassages` (annotations) reads every passage of the
 * case as stored (not re-anchored, which would write); otherwise only the claims' evidence.
 * A chart scope keeps the chart's entities (its chosen ones, after its filters) and the claims
 * among them, and passes the chart, pruned of deleted entities, for node positions.
 */
export async function gatherExport(
  storage: CasefileStorage,
  current: Case,
  scope: ExportScope,
  allPassages: boolean,
  stamp: { readonly exportedAt: CaseExportInput['exportedAt']; readonly generator: string },
): Promise<CaseExportInput> {
  const caseId = current.id;
  const [allClaims, allEntities, allSources] = await Promise.all([
    storage.claims.list(caseId),
    storage.entities.list(caseId),
    storage.sources.list(caseId),
  ]);
  let entities = allEntities;
  let claims = allClaims;
  let chart: Chart | undefined;
  if (scope.kind === 'chart') {
    chart = prunedChart(scope.chart, new Set(allEntities.map((e) => e.id)));
    const chosen = new Set<string>(chart.entityIds);
    const scoped =
      chart.scope === 'all'
        ? { entities: allEntities, claims: allClaims }
        : {
            entities: allEntities.filter((e) => chosen.has(e.id)),
            claims: allClaims.filter(
              (c) =>
                chosen.has(c.subjectId) &&
                (c.object.kind === 'literal' || chosen.has(c.object.entityId)),
            ),
          };
    const shown = applyChartFilters(scoped, chart.filters);
    entities = shown.entities;
    claims = shown.claims;
  }

  let passages: readonly Passage[];
  if (allPassages) {
    const records = await storage.notes.referenceRecords(caseId);
    const entityIds = new Set<string>(entities.map((e) => e.id));
    const cited = new Set<string>(claims.flatMap((c) => c.evidence));
    // A chart's annotations: its claims' evidence and the mentions of its entities.
    passages =
      scope.kind === 'case'
        ? records.passages
        : records.passages.filter(
            (p) => cited.has(p.id) || (p.entityId !== undefined && entityIds.has(p.entityId)),
          );
  } else {
    const ids = [...new Set(claims.flatMap((c) => c.evidence))];
    passages = (await Promise.all(ids.map((id) => storage.passages.get(id)))).filter(
      (p): p is Passage => p !== undefined && p.caseId === caseId,
    );
  }
  const sourceIds = new Set<string>(passages.map((p) => p.sourceId));
  const sources =
    scope.kind === 'case' ? allSources : allSources.filter((s) => sourceIds.has(s.id));

  return {
    case: current,
    entities,
    claims,
    sources,
    passages,
    ...(chart ? { chart } : {}),
    exportedAt: stamp.exportedAt,
    generator: stamp.generator,
  };
}
