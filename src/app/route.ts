import {
  asCaseId,
  asChartId,
  asClaimId,
  asEntityId,
  asNoteId,
  asPassageId,
  asSourceId,
  isUuid,
  type CaseId,
  type ChartId,
  type ClaimId,
  type EntityId,
  type NoteId,
  type PassageId,
  type SourceId,
} from '../core';
import { CASE_AREAS, type CaseArea, type CaseTarget } from '../features/cases';

/** Where the investigator is. Kept in the URL hash so a reload returns to the same place. */
export type Route =
  | { readonly page: 'cases' }
  | ({
      readonly page: 'case';
      readonly caseId: CaseId;
      readonly area: CaseArea;
    } & CaseTarget);

const AREAS = new Set<string>(CASE_AREAS.map((a) => a.id));

/**
 * `#/case/<id>/<area>`, plus for sources `/<sourceId>[/<passageId>]` (a passage to scroll to) and
 * for entities `/<entityId>`, claims `/<claimId>`, the chart `/<chartId>` and notes `/<noteId>`. Anything malformed
 * falls back to the nearest valid place.
 */
export function parseRoute(hash: string): Route {
  const [, page, id, area, itemId, focusId] = hash.replace(/^#/, '').split('/');
  if (page === 'case' && id && isUuid(id)) {
    const caseArea = area && AREAS.has(area) ? (area as CaseArea) : 'overview';
    const item = itemId && isUuid(itemId) ? itemId : undefined;
    const target: {
      sourceId?: SourceId;
      passageId?: PassageId;
      entityId?: EntityId;
      claimId?: ClaimId;
      chartId?: ChartId;
      noteId?: NoteId;
    } = {};
    if (caseArea === 'sources' && item) {
      target.sourceId = asSourceId(item);
      if (focusId && isUuid(focusId)) target.passageId = asPassageId(focusId);
    }
    if (caseArea === 'entities' && item) target.entityId = asEntityId(item);
    if (caseArea === 'claims' && item) target.claimId = asClaimId(item);
    if (caseArea === 'chart' && item) target.chartId = asChartId(item);
    if (caseArea === 'notes' && item) target.noteId = asNoteId(item);
    return { page: 'case', caseId: asCaseId(id), area: caseArea, ...target };
  }
  return { page: 'cases' };
}

export function formatRoute(route: Route): string {
  if (route.page === 'cases') return '#/cases';
  const base = `#/case/${route.caseId}/${route.area}`;
  if (route.area === 'sources' && route.sourceId) {
    return route.passageId
      ? `${base}/${route.sourceId}/${route.passageId}`
      : `${base}/${route.sourceId}`;
  }
  if (route.area === 'entities' && route.entityId) return `${base}/${route.entityId}`;
  if (route.area === 'claims' && route.claimId) return `${base}/${route.claimId}`;
  if (route.area === 'chart' && route.chartId) return `${base}/${route.chartId}`;
  if (route.area === 'notes' && route.noteId) return `${base}/${route.noteId}`;
  return base;
}
