import { isUuid, asCaseId, type CaseId } from '../core';
import { CASE_AREAS, type CaseArea } from '../features/cases';

/** Where the investigator is. Kept in the URL hash so a reload returns to the same place. */
export type Route =
  | { readonly page: 'cases' }
  | { readonly page: 'case'; readonly caseId: CaseId; readonly area: CaseArea };

const AREAS = new Set<string>(CASE_AREAS.map((a) => a.id));

export function parseRoute(hash: string): Route {
  const [, page, id, area] = hash.replace(/^#/, '').split('/');
  if (page === 'case' && id && isUuid(id)) {
    return {
      page: 'case',
      caseId: asCaseId(id),
      area: area && AREAS.has(area) ? (area as CaseArea) : 'overview',
    };
  }
  return { page: 'cases' };
}

export function formatRoute(route: Route): string {
  return route.page === 'cases' ? '#/cases' : `#/case/${route.caseId}/${route.area}`;
}
