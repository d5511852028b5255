/**
 * The chart area's logic that needs no canvas: pruning a saved chart against the case as it is
 * now, scope and group edits, shortest path and centrality over the drawn elements, find, and the
 * wording of what a view leaves out. Pure functions, tested in Node.
 */
import {
  comparableName,
  LITERAL_NODE_PREFIX,
  MAX_CHART_TITLE_LENGTH,
  prunedChart,
  shortestPath,
  type Chart,
  type ChartFilters,
  type ChartGroup,
  type ClaimId,
  type EntityId,
} from '../../core';
// The pure modules of src/graph, not its index: this file stays free of React and Cytoscape.
import { literalNodeId } from '../../graph/toElements';
import type { ChartEdgeData, ChartElements, ChartNodeData, GraphData } from '../../graph/types';

/** The parts of a chart the area edits and saves (everything but identity and title). */
export type ChartView = Pick<
  Chart,
  'scope' | 'entityIds' | 'positions' | 'filters' | 'layout' | 'sizeBy' | 'groups'
>;

/**
 * The chart as it can be drawn today. Core's `prunedChart` drops what refers to entities that
 * were deleted or merged away (chosen entities, group members, empty groups, positions); on top,
 * positions of value nodes no claim names any more and points that are not two finite numbers
 * (saved data is not trusted) go. A chart saved long ago therefore opens without error.
 */
export function prunedForDrawing(chart: Chart, data: GraphData): Chart {
  const pruned = prunedChart(chart, new Set<string>(data.entities.map((e) => e.id)));
  const literals = new Set<string>();
  for (const claim of data.claims) {
    if (claim.object.kind === 'literal') literals.add(literalNodeId(claim.object.value));
  }
  const positions: Record<string, { x: number; y: number }> = {};
  let dropped = false;
  for (const [id, point] of Object.entries(pruned.positions)) {
    const usable =
      (!id.startsWith(LITERAL_NODE_PREFIX) || literals.has(id)) &&
      typeof point === 'object' &&
      point !== null &&
      Number.isFinite(point.x) &&
      Number.isFinite(point.y);
    if (usable) positions[id] = { x: point.x, y: point.y };
    else dropped = true;
  }
  return dropped ? { ...pruned, positions } : pruned;
}

/** Node data by id and edge data by id, for turning selected ids back into entities and claims. */
export interface ElementIndex {
  readonly nodes: ReadonlyMap<string, ChartNodeData>;
  readonly edges: ReadonlyMap<string, ChartEdgeData>;
}

export function indexElements(elements: ChartElements): ElementIndex {
  return {
    nodes: new Map(elements.nodes.map((n) => [n.data.id, n.data])),
    edges: new Map(elements.edges.map((e) => [e.data.id, e.data])),
  };
}

/** The entities behind selected nodes (entity nodes, and the members of group nodes). */
export function selectedEntityIds(index: ElementIndex, nodeIds: readonly string[]): EntityId[] {
  const out = new Set<EntityId>();
  for (const id of nodeIds) {
    const node = index.nodes.get(id);
    if (node?.entityId) out.add(node.entityId);
    for (const member of node?.memberIds ?? []) out.add(member);
  }
  return [...out];
}

/** The claims behind selected edges. */
export function selectedClaimIds(index: ElementIndex, edgeIds: readonly string[]): ClaimId[] {
  const out = new Set<ClaimId>();
  for (const id of edgeIds) for (const claim of index.edges.get(id)?.claimIds ?? []) out.add(claim);
  return [...out];
}

/**
 * The drawn elements standing for these entity and claim ids (as the timeline selects them): an
 * entity's node (or the collapsed group it is folded into) and each claim's edge.
 */
export function elementsForRecords(
  elements: ChartElements,
  recordIds: readonly string[],
): { nodes: string[]; edges: string[] } {
  const wanted = new Set(recordIds);
  const nodes = elements.nodes
    .filter(
      ({ data }) =>
        (data.entityId !== undefined && wanted.has(data.entityId)) ||
        (data.kind === 'group' &&
          data.memberIds?.some((m) => wanted.has(m)) &&
          !hasChildren(elements, data.id)),
    )
    .map(({ data }) => data.id);
  const edges = elements.edges
    .filter(({ data }) => data.claimIds.some((c) => wanted.has(c)))
    .map(({ data }) => data.id);
  return { nodes, edges };
}

function hasChildren(elements: ChartElements, nodeId: string): boolean {
  return elements.nodes.some(({ data }) => data.parent === nodeId);
}

/** A path on the chart: its nodes in order and the edges joining them. */
export interface ChartPath {
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
}

/**
 * A shortest path between two drawn nodes over the drawn edges (links read both ways); undefined
 * when the chart does not connect them. Between two consecutive nodes every parallel edge is
 * highlighted: each is a claim linking them.
 */
export function chartPath(
  elements: ChartElements,
  from: string,
  to: string,
): ChartPath | undefined {
  // An expanded group's frame is not a node of the graph: its members are.
  const frames = new Set(elements.nodes.flatMap(({ data }) => (data.parent ? [data.parent] : [])));
  const nodeIds = elements.nodes
    .filter(({ data }) => !frames.has(data.id))
    .map(({ data }) => data.id);
  const links = elements.edges.map(({ data }) => data);
  const path = shortestPath(nodeIds, links, from, to);
  if (!path) return undefined;
  const steps = new Set<string>();
  for (let i = 1; i < path.length; i++) {
    steps.add(`${path[i - 1]}\n${path[i]}`);
    steps.add(`${path[i]}\n${path[i - 1]}`);
  }
  const edgeIds = links.filter((e) => steps.has(`${e.source}\n${e.target}`)).map((e) => e.id);
  return { nodeIds: path, edgeIds };
}

/** How many nodes the centrality highlight marks. */
export const CENTRAL_NODE_COUNT = 10;

/**
 * The most central drawn nodes by degree or betweenness (as toElements computed them), most
 * central first; nodes scoring 0 are never "central".
 */
export function topCentralNodes(
  elements: ChartElements,
  measure: 'degree' | 'betweenness',
  count = CENTRAL_NODE_COUNT,
): ChartNodeData[] {
  return elements.nodes
    .map(({ data }) => data)
    .filter((node) => node[measure] > 0)
    .sort((a, b) => b[measure] - a[measure] || a.label.localeCompare(b.label))
    .slice(0, count);
}

/** Entities linked by a claim to any of these (objects that are literals are not entities). */
export function neighbourIds(data: GraphData, of: readonly EntityId[]): EntityId[] {
  const from = new Set(of);
  const found = new Set<EntityId>();
  for (const claim of data.claims) {
    if (claim.object.kind !== 'entity') continue;
    const subject = claim.subjectId;
    const object = claim.object.entityId;
    if (from.has(subject) && !from.has(object)) found.add(object);
    if (from.has(object) && !from.has(subject)) found.add(subject);
  }
  const live = new Set<string>(data.entities.map((e) => e.id));
  return [...found].filter((id) => live.has(id));
}

/** Adds the neighbours of the chosen entities to a 'chosen' chart; an 'all' chart is unchanged. */
export function expandNeighbourhood(
  view: ChartView,
  data: GraphData,
  around: readonly EntityId[],
): Pick<ChartView, 'entityIds'> {
  if (view.scope === 'all') return { entityIds: view.entityIds };
  const have = new Set(view.entityIds);
  const added = neighbourIds(data, around).filter((id) => !have.has(id));
  return { entityIds: [...view.entityIds, ...added] };
}

/** Draws only these entities from now on (a 'chosen' chart); "expand" then grows it. */
export function showOnly(entityIds: readonly EntityId[]): Pick<ChartView, 'scope' | 'entityIds'> {
  return { scope: 'chosen', entityIds: [...new Set(entityIds)] };
}

/**
 * Adds a group of these entities. An entity is in one group at most (a node has one compound
 * parent), so it leaves any group it was in; groups left empty go.
 */
export function withGroup(groups: readonly ChartGroup[], group: ChartGroup): readonly ChartGroup[] {
  const members = new Set(group.memberIds);
  const others = groups
    .map((g) => ({ ...g, memberIds: g.memberIds.filter((id) => !members.has(id)) }))
    .filter((g) => g.memberIds.length > 0);
  return [...others, group];
}

export function withGroupCollapsed(
  groups: readonly ChartGroup[],
  groupId: string,
  collapsed: boolean,
): readonly ChartGroup[] {
  return groups.map((g) => (g.id === groupId ? { ...g, collapsed } : g));
}

export function withoutGroup(
  groups: readonly ChartGroup[],
  groupId: string,
): readonly ChartGroup[] {
  return groups.filter((g) => g.id !== groupId);
}

/** Longest group name. */
export const MAX_GROUP_LABEL_LENGTH = 100;

/** A group name as typed, or the reason it cannot be used (names are unique in a chart). */
export function checkGroupLabel(
  label: string,
  taken: readonly string[] = [],
): { ok: true; value: string } | { ok: false; message: string } {
  const value = label.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, message: 'Name the group.' };
  if (value.length > MAX_GROUP_LABEL_LENGTH) {
    return { ok: false, message: `A group name is at most ${MAX_GROUP_LABEL_LENGTH} characters.` };
  }
  if (taken.some((t) => t.toLowerCase() === value.toLowerCase())) {
    return { ok: false, message: `This chart already has a group called “${value}”.` };
  }
  return { ok: true, value };
}

/** Drawn entity nodes whose name or alias contains the query (compared as names are), best first. */
export function findNodes(
  elements: ChartElements,
  data: GraphData,
  query: string,
  limit = 8,
): ChartNodeData[] {
  const wanted = comparableName(query);
  if (wanted === '') return [];
  const aliases = new Map<string, readonly string[]>(data.entities.map((e) => [e.id, e.aliases]));
  const scored: { node: ChartNodeData; score: number }[] = [];
  for (const { data: node } of elements.nodes) {
    if (node.kind === 'group' && hasChildren(elements, node.id)) continue;
    const names = [node.label, ...(node.entityId ? (aliases.get(node.entityId) ?? []) : [])].map(
      comparableName,
    );
    let score = 0;
    for (const name of names) {
      if (name === wanted) score = Math.max(score, 3);
      else if (name.startsWith(wanted)) score = Math.max(score, 2);
      else if (name.includes(wanted)) score = Math.max(score, 1);
    }
    if (score > 0) scored.push({ node, score });
  }
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.node.degree - a.node.degree ||
        a.node.label.localeCompare(b.node.label),
    )
    .slice(0, limit)
    .map((s) => s.node);
}

/** "Showing n of m entities; k left out: names…", or undefined when nothing was left out. */
export function budgetMessage(elements: ChartElements): string | undefined {
  const { omitted } = elements;
  if (omitted.nodes === 0 && omitted.edges === 0) return undefined;
  const shown = elements.nodes.length;
  const parts: string[] = [];
  if (omitted.nodes > 0) {
    const names = omitted.sampleNames.join(', ');
    const more = omitted.sampleNames.length < omitted.nodes ? '…' : '';
    parts.push(
      `Showing ${count(shown)} of ${count(shown + omitted.nodes)} entities; ${count(omitted.nodes)} left out` +
        (names ? `: ${names}${more}` : ''),
    );
  }
  if (omitted.edges > 0) {
    parts.push(
      `${count(omitted.edges)} ${omitted.edges === 1 ? 'link' : 'links'} left out of ${count(elements.edges.length + omitted.edges)}`,
    );
  }
  return parts.join('. ') + '.';
}

/** "3 entities and 5 claims hidden by filters", or undefined when the filters hide nothing. */
export function filteredMessage(elements: ChartElements): string | undefined {
  const { entities, claims } = elements.filtered;
  const parts: string[] = [];
  if (entities > 0) parts.push(`${count(entities)} ${entities === 1 ? 'entity' : 'entities'}`);
  if (claims > 0) parts.push(`${count(claims)} ${claims === 1 ? 'claim' : 'claims'}`);
  if (parts.length === 0) return undefined;
  return `${parts.join(' and ')} hidden by filters`;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

/** How many filters are set (the Filters button shows it). */
export function activeFilterCount(filters: ChartFilters): number {
  let n = 0;
  for (const list of [
    filters.entityTypes,
    filters.predicates,
    filters.reliabilities,
    filters.statuses,
    filters.sourceIds,
  ]) {
    if (list && list.length > 0) n += 1;
  }
  if (filters.maxCredibility !== undefined) n += 1;
  if (filters.dateFrom !== undefined || filters.dateTo !== undefined) n += 1;
  return n;
}

/**
 * A list filter after ticking or unticking one value, where "all ticked" is stored as no filter
 * (so values that appear later are not hidden by a filter nobody set).
 */
export function toggledListFilter<T>(
  current: readonly T[] | undefined,
  all: readonly T[],
  value: T,
  shown: boolean,
): readonly T[] | undefined {
  const ticked = new Set(current && current.length > 0 ? current : all);
  if (shown) ticked.add(value);
  else ticked.delete(value);
  if (all.every((v) => ticked.has(v))) return undefined;
  // An empty list would mean "no filter" (show all): the panel keeps the last box ticked.
  return [...ticked];
}

/** Filters with `undefined` fields removed, as saved. */
export function cleanFilters(filters: ChartFilters): ChartFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/** Highest budget the toolbar accepts: beyond it the browser, not the budget, is the limit. */
export const MAX_GRAPH_BUDGET = 100_000;

/**
 * The case data a chart's scope covers (for the timeline): a 'chosen' chart only its entities
 * and the claims among them (literal objects included).
 */
export function scopedData(
  data: GraphData,
  view: Pick<ChartView, 'scope' | 'entityIds'>,
): GraphData {
  if (view.scope === 'all') return data;
  const chosen = new Set<string>(view.entityIds);
  return {
    entities: data.entities.filter((e) => chosen.has(e.id)),
    claims: data.claims.filter(
      (c) =>
        chosen.has(c.subjectId) && (c.object.kind === 'literal' || chosen.has(c.object.entityId)),
    ),
  };
}

/** A chart title as a file name: no path separators or characters file systems refuse. */
export function fileNameOf(title: string): string {
  const name = title
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return name === '' || /^\.+$/.test(name) ? 'chart' : name;
}

/** A chart title as typed, or the reason it cannot be used (the repository checks again). */
export function checkChartTitle(
  title: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = title.trim();
  if (value === '') return { ok: false, message: 'Give the chart a title.' };
  if (value.length > MAX_CHART_TITLE_LENGTH) {
    return { ok: false, message: `A chart title is at most ${MAX_CHART_TITLE_LENGTH} characters.` };
  }
  return { ok: true, value };
}

/** "Case chart (copy)", "Case chart (copy 2)", … : a title no chart of the case has yet. */
export function copyTitle(title: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const base = title.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = base.slice(0, MAX_CHART_TITLE_LENGTH - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

/** "Chart 2", "Chart 3", … : the first such title not taken. */
export function newChartTitle(taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = taken.length + 1; ; n++) if (!used.has(`Chart ${n}`)) return `Chart ${n}`;
}
