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
  /** Identity and address book (case bundles). */
  | { readonly page: 'keys' }
  /** Local backups of every case (issue 9). */
  | { readonly page: 'backups' }
  /** Help: every command with its shortcut (issue 12). */
  | { readonly page: 'help' }
  | ({
      readonly page: 'case';
      readonly caseId: CaseId;
      readonly area: CaseArea;
    } & CaseTarget);

const AREAS = new Set<string>(CASE_AREAS.map((a) => a.id));

/** Longest query carried in a route (the search language's own cap is 1,000 characters). */
const MAX_ROUTE_QUERY = 2_000;

/** A `?name=value&…` part: decoded values, malformed escapes skipped, over-long values dropped. */
function routeParams(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (value.length <= MAX_ROUTE_QUERY) params.set(pair.slice(0, eq), value);
    } catch {
      // A malformed escape: ignore that parameter, keep the rest of the route.
    }
  }
  return params;
}

/**
 * `#/case/<id>/<area>`, plus for sources `/<sourceId>[/<passageId>]` (a passage to scroll to) and
 * `?find=<query>&at=<offset>` (find in the source, the match at that offset first), for entities
 * `/<entityId>`, claims `/<claimId>`, the chart `/<chartId>`, notes `/<noteId>` and the search
 * area `?q=<query>`. Anything malformed falls back to the nearest valid place.
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const params = routeParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const [, page, id, area, itemId, focusId] = path.split('/');
  if (page === 'keys') return { page: 'keys' };
  if (page === 'backups') return { page: 'backups' };
  if (page === 'help') return { page: 'help' };
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
      searchQuery?: string;
      find?: string;
      findAt?: number;
    } = {};
    if (caseArea === 'sources' && item) {
      target.sourceId = asSourceId(item);
      if (focusId && isUuid(focusId)) target.passageId = asPassageId(focusId);
      const find = params.get('find');
      if (find) {
        target.find = find;
        const at = params.get('at') ?? '';
        if (/^\d{1,15}$/.test(at)) target.findAt = Number(at);
      }
    }
    if (caseArea === 'search' && params.get('q')) target.searchQuery = params.get('q');
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
  if (route.page === 'keys') return '#/keys';
  if (route.page === 'backups') return '#/backups';
  if (route.page === 'help') return '#/help';
  const base = `#/case/${route.caseId}/${route.area}`;
  if (route.area === 'sources' && route.sourceId) {
    const path = route.passageId
      ? `${base}/${route.sourceId}/${route.passageId}`
      : `${base}/${route.sourceId}`;
    if (!route.find) return path;
    const at = route.findAt === undefined ? '' : `&at=${route.findAt}`;
    return `${path}?find=${encodeURIComponent(route.find)}${at}`;
  }
  if (route.area === 'search' && route.searchQuery) {
    return `${base}?q=${encodeURIComponent(route.searchQuery)}`;
  }
  if (route.area === 'entities' && route.entityId) return `${base}/${route.entityId}`;
  if (route.area === 'claims' && route.claimId) return `${base}/${route.claimId}`;
  if (route.area === 'chart' && route.chartId) return `${base}/${route.chartId}`;
  if (route.area === 'notes' && route.noteId) return `${base}/${route.noteId}`;
  return base;
}
