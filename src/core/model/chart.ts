import { err, ok, type Result } from '../../shared/result';
import { validateValidTime } from './claim';
import { parseEntityType } from './entity';
import type { EntityId, SourceId } from './ids';
import {
  CHART_LAYOUTS,
  CHART_SIZE_BY,
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  SOURCE_RELIABILITY,
  type Chart,
  type ChartFilters,
  type ChartGroup,
  type ChartLayout,
  type ChartSizeBy,
  type ClaimStatus,
  type EntityType,
  type InformationCredibility,
  type SourceReliability,
} from './records';

/** Longest chart title. */
export const MAX_CHART_TITLE_LENGTH = 200;

/** Title of the chart every case gets the first time its chart is opened. */
export const DEFAULT_CHART_TITLE = 'Case chart';

/** A new saved chart; omitted fields take the defaults (whole case, fcose, no filters). */
export interface NewChartInput {
  readonly title: string;
  readonly scope?: Chart['scope'];
  readonly entityIds?: readonly EntityId[];
  readonly positions?: Chart['positions'];
  readonly filters?: ChartFilters;
  readonly layout?: ChartLayout;
  readonly sizeBy?: ChartSizeBy;
  readonly groups?: readonly ChartGroup[];
}

/** Edits to a chart; `undefined` leaves a field alone. */
export type ChartChanges = Partial<NewChartInput>;

/** Most node positions one chart keeps (the large-graph budget is far below this). */
export const MAX_CHART_POSITIONS = 100_000;
/** Most entities a chart with scope `chosen` names. */
export const MAX_CHART_ENTITIES = 100_000;
/** Most groups on one chart. */
export const MAX_CHART_GROUPS = 1_000;

/** A chart's fields after validation, ready to store. */
export type ValidChartFields = Pick<
  Chart,
  'title' | 'scope' | 'entityIds' | 'positions' | 'filters' | 'layout' | 'sizeBy' | 'groups'
>;

const CHART_SCOPES: readonly Chart['scope'][] = ['all', 'chosen'];
const RELIABILITY_FILTERS: readonly string[] = [...SOURCE_RELIABILITY, 'none'];

function checkTitle(title: unknown): Result<string> {
  if (typeof title !== 'string' || title.trim() === '') {
    return err('chart.titleEmpty', 'A chart needs a title.');
  }
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (trimmed.length > MAX_CHART_TITLE_LENGTH) {
    return err(
      'chart.titleTooLong',
      `A chart title can be at most ${MAX_CHART_TITLE_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return ok(trimmed);
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function checkEntityIds(ids: unknown): Result<EntityId[]> {
  if (!isStringList(ids) || ids.some((id) => id === '')) {
    return err('chart.entityIdsInvalid', 'The chart’s entities must be a list of entity ids.');
  }
  const unique = [...new Set(ids)] as EntityId[];
  if (unique.length > MAX_CHART_ENTITIES) {
    return err(
      'chart.entityIdsInvalid',
      `A chart can show at most ${MAX_CHART_ENTITIES.toLocaleString('en')} chosen entities.`,
    );
  }
  return ok(unique);
}

function checkPositions(positions: unknown): Result<Chart['positions']> {
  if (typeof positions !== 'object' || positions === null || Array.isArray(positions)) {
    return err('chart.positionInvalid', 'Node positions must map node ids to { x, y }.');
  }
  const entries = Object.entries(positions as Record<string, unknown>);
  if (entries.length > MAX_CHART_POSITIONS) {
    return err(
      'chart.positionInvalid',
      `A chart can keep at most ${MAX_CHART_POSITIONS.toLocaleString('en')} node positions.`,
    );
  }
  // A null-prototype map: a node id such as "__proto__" stays an ordinary key.
  const out: Record<string, { x: number; y: number }> = Object.create(null) as Record<
    string,
    { x: number; y: number }
  >;
  for (const [id, point] of entries) {
    const { x, y } = (point ?? {}) as { x?: unknown; y?: unknown };
    if (id === '' || typeof x !== 'number' || typeof y !== 'number') {
      return err(
        'chart.positionInvalid',
        `The position of node "${id.slice(0, 60)}" is not { x, y }.`,
      );
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return err(
        'chart.positionInvalid',
        `The position of node "${id.slice(0, 60)}" is not a finite point (${x}, ${y}).`,
      );
    }
    out[id] = { x, y };
  }
  return ok({ ...out });
}

function filterError(what: string): Result<never> {
  return err('chart.filterInvalid', `The chart filter ${what}.`);
}

function checkFilterDate(value: unknown, name: string): Result<string | undefined> {
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'string') return filterError(`${name} must be a date`);
  if (value.trim() === '') return ok(undefined);
  const checked = validateValidTime({ kind: 'date', date: value });
  if (!checked.ok) return filterError(`${name}: ${checked.error.message}`);
  return ok(checked.value.kind === 'date' ? checked.value.date : undefined);
}

const FILTER_KEYS = new Set<string>([
  'entityTypes',
  'predicates',
  'reliabilities',
  'maxCredibility',
  'statuses',
  'sourceIds',
  'dateFrom',
  'dateTo',
  'includeUndated',
]);

/** Checks a chart's filters; absent fields mean "no filter" and are left out. */
export function validateChartFilters(filters: unknown): Result<ChartFilters> {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    return filterError('settings must be an object');
  }
  const f = filters as Record<string, unknown>;
  const unknownKey = Object.keys(f).find((key) => !FILTER_KEYS.has(key));
  if (unknownKey !== undefined) return filterError(`"${unknownKey.slice(0, 40)}" is not known`);
  const out: {
    -readonly [K in keyof ChartFilters]: ChartFilters[K];
  } = {};
  if (f['entityTypes'] !== undefined) {
    if (!Array.isArray(f['entityTypes'])) return filterError('of entity types must be a list');
    const types: EntityType[] = [];
    for (const raw of f['entityTypes'] as unknown[]) {
      const type = parseEntityType(raw);
      if (!type.ok) return filterError(`of entity types: ${type.error.message}`);
      if (!types.includes(type.value)) types.push(type.value);
    }
    out.entityTypes = types;
  }
  if (f['predicates'] !== undefined) {
    if (!isStringList(f['predicates'])) return filterError('of predicates must be a list of text');
    const predicates = [...new Set(f['predicates'].map((p) => p.trim()))];
    if (predicates.includes('')) return filterError('of predicates has an empty predicate');
    out.predicates = predicates;
  }
  if (f['reliabilities'] !== undefined) {
    const list = f['reliabilities'];
    if (!isStringList(list) || list.some((r) => !RELIABILITY_FILTERS.includes(r))) {
      return filterError('of grades takes the letters A–F and "none"');
    }
    out.reliabilities = [...new Set(list)] as (SourceReliability | 'none')[];
  }
  if (f['maxCredibility'] !== undefined) {
    if (!(INFORMATION_CREDIBILITY as readonly unknown[]).includes(f['maxCredibility'])) {
      return filterError('of credibility takes a grade from 1 to 6');
    }
    out.maxCredibility = f['maxCredibility'] as InformationCredibility;
  }
  if (f['statuses'] !== undefined) {
    const list = f['statuses'];
    if (
      !isStringList(list) ||
      list.some((s) => !(CLAIM_STATUSES as readonly string[]).includes(s))
    ) {
      return filterError(`of statuses takes ${CLAIM_STATUSES.join(', ')}`);
    }
    out.statuses = [...new Set(list)] as ClaimStatus[];
  }
  if (f['sourceIds'] !== undefined) {
    if (!isStringList(f['sourceIds']) || f['sourceIds'].includes('')) {
      return filterError('of sources must be a list of source ids');
    }
    out.sourceIds = [...new Set(f['sourceIds'])] as SourceId[];
  }
  const dateFrom = checkFilterDate(f['dateFrom'], 'from-date');
  if (!dateFrom.ok) return dateFrom;
  const dateTo = checkFilterDate(f['dateTo'], 'to-date');
  if (!dateTo.ok) return dateTo;
  if (dateFrom.value !== undefined && dateTo.value !== undefined) {
    const range = validateValidTime({ kind: 'interval', start: dateFrom.value, end: dateTo.value });
    if (!range.ok) return filterError(`dates: ${range.error.message}`);
  }
  if (dateFrom.value !== undefined) out.dateFrom = dateFrom.value;
  if (dateTo.value !== undefined) out.dateTo = dateTo.value;
  if (f['includeUndated'] !== undefined) {
    if (typeof f['includeUndated'] !== 'boolean') {
      return filterError('for undated claims must be yes or no');
    }
    out.includeUndated = f['includeUndated'];
  }
  return ok(out);
}

function checkGroups(groups: unknown): Result<ChartGroup[]> {
  if (!Array.isArray(groups)) return err('chart.groupInvalid', 'Chart groups must be a list.');
  if (groups.length > MAX_CHART_GROUPS) {
    return err('chart.groupInvalid', `A chart can have at most ${MAX_CHART_GROUPS} groups.`);
  }
  const ids = new Set<string>();
  const labels = new Set<string>();
  const grouped = new Set<string>();
  const out: ChartGroup[] = [];
  for (const group of groups as unknown[]) {
    const { id, label, memberIds, collapsed } = (group ?? {}) as Partial<Record<string, unknown>>;
    if (typeof id !== 'string' || id.trim() === '') {
      return err('chart.groupInvalid', 'Every group needs an id.');
    }
    if (typeof label !== 'string' || label.trim() === '') {
      return err('chart.groupInvalid', 'Every group needs a label.');
    }
    const name = label.trim().replace(/\s+/g, ' ');
    if (name.length > MAX_CHART_TITLE_LENGTH) {
      return err(
        'chart.groupInvalid',
        `A group label can be at most ${MAX_CHART_TITLE_LENGTH} characters.`,
      );
    }
    if (
      !isStringList(memberIds) ||
      memberIds.includes('') ||
      typeof (collapsed ?? false) !== 'boolean'
    ) {
      return err('chart.groupInvalid', `Group “${name}” needs a list of member entities.`);
    }
    if (ids.has(id)) return err('chart.groupDuplicate', `Two groups have the id ${id}.`);
    if (labels.has(name.toLowerCase())) {
      return err(
        'chart.groupDuplicate',
        `Two groups are called “${name}”; give each its own label.`,
      );
    }
    ids.add(id);
    labels.add(name.toLowerCase());
    const members = [...new Set(memberIds)] as EntityId[];
    // A node is drawn inside one group (one compound parent): membership cannot overlap.
    const shared = members.find((member) => grouped.has(member));
    if (shared !== undefined) {
      return err(
        'chart.groupOverlap',
        `Entity ${shared} is in two groups; a node can be in one group only.`,
      );
    }
    for (const member of members) grouped.add(member);
    out.push({ id, label: name, memberIds: members, collapsed: collapsed === true });
  }
  return ok(out);
}

/**
 * Validates a new chart; omitted fields take the defaults (whole case, fcose layout, size by
 * degree, no filters, no groups). Errors name the field: chart.titleEmpty, chart.layoutInvalid…
 */
export function validateNewChart(input: NewChartInput): Result<ValidChartFields> {
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const scope = input.scope ?? 'all';
  if (!CHART_SCOPES.includes(scope)) {
    return err('chart.scopeInvalid', 'A chart shows the whole case (all) or chosen entities.');
  }
  const entityIds = checkEntityIds(input.entityIds ?? []);
  if (!entityIds.ok) return entityIds;
  const positions = checkPositions(input.positions ?? {});
  if (!positions.ok) return positions;
  const filters = validateChartFilters(input.filters ?? {});
  if (!filters.ok) return filters;
  const layout = input.layout ?? 'fcose';
  if (!(CHART_LAYOUTS as readonly unknown[]).includes(layout)) {
    return err(
      'chart.layoutInvalid',
      `"${String(layout).slice(0, 40)}" is not a chart layout; use ${CHART_LAYOUTS.join(', ')}.`,
    );
  }
  const sizeBy = input.sizeBy ?? 'degree';
  if (!(CHART_SIZE_BY as readonly unknown[]).includes(sizeBy)) {
    return err(
      'chart.sizeByInvalid',
      `"${String(sizeBy).slice(0, 40)}" is not a node sizing; use ${CHART_SIZE_BY.join(', ')}.`,
    );
  }
  const groups = checkGroups(input.groups ?? []);
  if (!groups.ok) return groups;
  return ok({
    title: title.value,
    scope,
    entityIds: entityIds.value,
    positions: positions.value,
    filters: filters.value,
    layout,
    sizeBy,
    groups: groups.value,
  });
}

/** Applies edits to a chart, validating the result as a whole. */
export function applyChartChanges(chart: Chart, changes: ChartChanges): Result<ValidChartFields> {
  return validateNewChart({
    title: changes.title ?? chart.title,
    scope: changes.scope ?? chart.scope,
    entityIds: changes.entityIds ?? chart.entityIds,
    positions: changes.positions ?? chart.positions,
    filters: changes.filters ?? chart.filters,
    layout: changes.layout ?? chart.layout,
    sizeBy: changes.sizeBy ?? chart.sizeBy,
    groups: changes.groups ?? chart.groups,
  });
}

/** Prefix of the id of a literal-value node (claims whose object is a value, not an entity). */
export const LITERAL_NODE_PREFIX = 'literal:';
/** Prefix of the node id of a group (`group:<group id>`) on the drawn chart. */
export const GROUP_NODE_PREFIX = 'group:';

/**
 * The chart without what refers to entities that no longer exist: chosen entities, group members
 * (a group left empty goes too) and positions. Positions of literal-value nodes (`literal:…`) and
 * of remaining groups (by group id or `group:<id>`) are kept. Returns `chart` itself when nothing had to go, so a caller can
 * tell whether there is anything to save.
 */
export function prunedChart(chart: Chart, liveEntityIds: ReadonlySet<string>): Chart {
  const entityIds = chart.entityIds.filter((id) => liveEntityIds.has(id));
  let groupsChanged = false;
  const groups: ChartGroup[] = [];
  for (const group of chart.groups) {
    const memberIds = group.memberIds.filter((id) => liveEntityIds.has(id));
    if (memberIds.length === 0) {
      groupsChanged = true;
      continue;
    }
    if (memberIds.length !== group.memberIds.length) groupsChanged = true;
    groups.push(memberIds.length === group.memberIds.length ? group : { ...group, memberIds });
  }
  // A group's position may be saved under its id or its node id (`group:<id>`).
  const groupIds = new Set(
    groups.flatMap((group) => [group.id, `${GROUP_NODE_PREFIX}${group.id}`]),
  );
  const positions: Record<string, { readonly x: number; readonly y: number }> = {};
  let positionsChanged = false;
  for (const [id, point] of Object.entries(chart.positions)) {
    if (liveEntityIds.has(id) || id.startsWith(LITERAL_NODE_PREFIX) || groupIds.has(id)) {
      positions[id] = point;
    } else {
      positionsChanged = true;
    }
  }
  if (!groupsChanged && !positionsChanged && entityIds.length === chart.entityIds.length) {
    return chart;
  }
  return { ...chart, entityIds, positions, groups };
}
