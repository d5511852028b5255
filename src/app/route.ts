import { asCaseId, asSourceId, isUuid, type CaseId, type SourceId } from '../core';
import { CASE_AREAS, type CaseArea } from '../features/cases';

/** Where the investigator is. Kept in the URL hash so a reload returns to the same place. */
export type Route =
  | { readonly page: 'cases' }
  | {
      readonly page: 'case';
      readonly caseId: CaseId;
      readonly area: CaseArea;
      readonly sourceId?: SourceId | undefined;
    };

const AREAS = new Set<string>(CASE_AREAS.map((a) => a.id));

export function parseRoute(hash: string): Route {
  const [, page, id, area, sourceId] = hash.replace(/^#/, '').split('/');
  if (page === 'case' && id && isUuid(id)) {
    const caseArea = area && AREAS.has(area) ? (area as CaseArea) : 'overview';
    const source =
      caseArea === 'sources' && sourceId && isUuid(sourceId) ? asSourceId(sourceId) : undefined;
    return {
      page: 'case',
      caseId: asCaseId(id),
      area: caseArea,
      ...(source ? { sourceId: source } : {}),
    };
  }
  return { page: 'cases' };
}

export function formatRoute(route: Route): string {
  if (route.page === 'cases') return '#/cases';
  const base = `#/case/${route.caseId}/${route.area}`;
  return route.sourceId ? `${base}/${route.sourceId}` : base;
}
