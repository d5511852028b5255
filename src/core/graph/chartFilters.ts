import type { EntityId } from '../model/ids';
import type { ChartFilters, Entity, EntityType, ValidTime } from '../model/records';
import type { ClaimSummary } from '../ports/repositories';

/**
 * The one reading of a chart's filters (ChartFilters), shared by the link chart (toElements) and
 * the timeline so that both always show the same claims.
 *
 * - A list filter that is absent or empty does not filter (an empty list never hides everything).
 * - `entityTypes` hides entities of other types, and every claim whose subject or object entity is
 *   hidden: an edge needs both its ends. Literal objects have no type and are never hidden by it.
 * - `predicates` compares trimmed and case-insensitively, as the case vocabulary does.
 * - `reliabilities`: the claim's best evidence reliability (its grade's letter), or 'none' for a
 *   claim without a grade (an analyst assertion).
 * - `sourceIds`: claims with evidence from at least one of the sources (so never an analyst
 *   assertion).
 * - `dateFrom` / `dateTo` (partial ISO dates): a dated claim is shown when its valid time overlaps
 *   the range, a partial date standing for every day it covers (2016-02 overlaps 2016-02-29) and a
 *   missing interval end reaching indefinitely. Undated claims stay shown unless
 *   `includeUndated === false` (their count is shown apart by the timeline).
 * Entities are filtered by type only: dates and the rest apply to claims.
 */

/** A span of whole days as YYYY-MM-DD strings (they order like dates); undefined end = unbounded. */
export interface DaySpan {
  readonly first?: string;
  readonly last?: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True for a date written YYYY, YYYY-MM or YYYY-MM-DD (the forms claims and attributes use). */
export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value);
}

/** Days in a month (1–12) of the proleptic Gregorian calendar, years 0–9999 included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The first and last day a partial date covers (2016 → 2016-01-01…2016-12-31, 2016-02 →
 * 2016-02-01…2016-02-29); undefined when the value is not a partial ISO date.
 */
export function partialDateBounds(
  value: string,
): { readonly first: string; readonly last: string } | undefined {
  // Cases reuse few distinct dates across thousands of claims: remember the answers.
  let bounds = boundsCache.get(value);
  if (bounds === undefined && !boundsCache.has(value)) {
    if (boundsCache.size >= BOUNDS_CACHE_SIZE) boundsCache.clear();
    bounds = readBounds(value);
    boundsCache.set(value, bounds);
  }
  return bounds;
}

const BOUNDS_CACHE_SIZE = 10_000;
const boundsCache = new Map<
  string,
  { readonly first: string; readonly last: string } | undefined
>();

function readBounds(value: string): { readonly first: string; readonly last: string } | undefined {
  const match = PARTIAL_DATE.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  if (d !== undefined) return { first: `${y}-${m}-${d}`, last: `${y}-${m}-${d}` };
  if (m !== undefined) {
    const days = daysInMonth(Number(y), Number(m));
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(days).padStart(2, '0')}` };
  }
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** The days a claim's valid time covers; undefined when it is unknown (or unreadable). */
export function validTimeSpan(time: ValidTime): DaySpan | undefined {
  if (time.kind === 'unknown') return undefined;
  if (time.kind === 'date') {
    return partialDateBounds(time.date);
  }
  const start = time.start === undefined ? undefined : partialDateBounds(time.start);
  const end = time.end === undefined ? undefined : partialDateBounds(time.end);
  if (start === undefined && end === undefined) return undefined;
  return { first: start?.first, last: end?.last };
}

/** A chart's filters prepared once (sets, date bounds) and applied to many entities and claims. */
export interface ChartFilter {
  /** Whether an entity is shown (its type). */
  entity(entity: Pick<Entity, 'type'>): boolean;
  /**
   * Whether a claim passes the filters on the claim itself (predicate, grade, credibility,
   * status, sources, dates). Its ends are checked by `claimEnds`: the chart applies its scope first.
   */
  claim(claim: ClaimSummary): boolean;
  /**
   * Whether a claim's subject and object entity both exist and pass the entity-type filter.
   * `entityTypeById` has the type of every entity that exists: a claim whose subject or object is
   * missing is never shown (no dangling edge).
   */
  claimEnds(claim: ClaimSummary, entityTypeById: ReadonlyMap<EntityId, EntityType>): boolean;
  /** Whether a span of days overlaps the date range (always, when none is set). */
  span(span: DaySpan): boolean;
}

function listSet<T>(list: readonly T[] | undefined): ReadonlySet<T> | undefined {
  return list !== undefined && list.length > 0 ? new Set(list) : undefined;
}

/** Prepares the filters for use on a whole case (see the rules at the top of this file). */
export function chartFilter(filters: ChartFilters): ChartFilter {
  const types = listSet(filters.entityTypes);
  const predicates = listSet(filters.predicates?.map((p) => p.trim().toLowerCase()));
  const reliabilities = listSet(filters.reliabilities);
  const statuses = listSet(filters.statuses);
  const sources = listSet(filters.sourceIds);
  const from = filters.dateFrom === undefined ? undefined : partialDateBounds(filters.dateFrom);
  const to = filters.dateTo === undefined ? undefined : partialDateBounds(filters.dateTo);
  const hideUndated = (from !== undefined || to !== undefined) && filters.includeUndated === false;
  const { maxCredibility } = filters;

  const entity = (e: Pick<Entity, 'type'>) => types === undefined || types.has(e.type);
  const span = (days: DaySpan) =>
    !(from && days.last !== undefined && days.last < from.first) &&
    !(to && days.first !== undefined && days.first > to.last);

  return {
    entity,
    span,
    claim(claim) {
      if (predicates && !predicates.has(claim.predicate.trim().toLowerCase())) return false;
      if (reliabilities && !reliabilities.has(claim.bestReliability ?? 'none')) return false;
      if (maxCredibility !== undefined && claim.credibility > maxCredibility) return false;
      if (statuses && !statuses.has(claim.status)) return false;
      if (sources && !claim.evidenceSourceIds.some((id) => sources.has(id))) return false;
      if (from === undefined && to === undefined) return true;
      const days = validTimeSpan(claim.validTime);
      return days === undefined ? !hideUndated : span(days);
    },
    claimEnds(claim, entityTypeById) {
      const subjectType = entityTypeById.get(claim.subjectId);
      if (subjectType === undefined || (types && !types.has(subjectType))) return false;
      if (claim.object.kind === 'literal') return true;
      const objectType = entityTypeById.get(claim.object.entityId);
      return objectType !== undefined && (types === undefined || types.has(objectType));
    },
  };
}

/** True when the span overlaps the filters' date range (always true when no range is set). */
export function spanInDateRange(span: DaySpan, filters: ChartFilters): boolean {
  return chartFilter(filters).span(span);
}

/** Whether an entity is shown under the filters (its type). For many, use chartFilter once. */
export function entityPassesFilters(entity: Pick<Entity, 'type'>, filters: ChartFilters): boolean {
  return chartFilter(filters).entity(entity);
}

/** ChartFilter.claim for one claim. For many, use chartFilter(filters) once. */
export function claimPassesFilters(claim: ClaimSummary, filters: ChartFilters): boolean {
  return chartFilter(filters).claim(claim);
}

/** ChartFilter.claimEnds for one claim. For many, use chartFilter(filters) once. */
export function claimEndsPassFilters(
  claim: ClaimSummary,
  filters: ChartFilters,
  entityTypeById: ReadonlyMap<EntityId, EntityType>,
): boolean {
  return chartFilter(filters).claimEnds(claim, entityTypeById);
}

/** The entities and claims a chart (or timeline) shows, and how many the filters hid. */
export interface FilteredGraph<E extends Pick<Entity, 'id' | 'type'>, C extends ClaimSummary> {
  readonly entities: readonly E[];
  readonly claims: readonly C[];
  readonly hidden: { readonly entities: number; readonly claims: number };
}

/** Applies the filters to a case's entities and claims (see the rules above). */
export function applyChartFilters<E extends Pick<Entity, 'id' | 'type'>, C extends ClaimSummary>(
  data: { readonly entities: readonly E[]; readonly claims: readonly C[] },
  filters: ChartFilters,
): FilteredGraph<E, C> {
  const filter = chartFilter(filters);
  const entityTypeById = new Map<EntityId, EntityType>();
  for (const entity of data.entities) entityTypeById.set(entity.id, entity.type);
  const entities = data.entities.filter((e) => filter.entity(e));
  const claims = data.claims.filter((c) => filter.claimEnds(c, entityTypeById) && filter.claim(c));
  return {
    entities,
    claims,
    hidden: {
      entities: data.entities.length - entities.length,
      claims: data.claims.length - claims.length,
    },
  };
}
