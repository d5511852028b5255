/**
 * The link chart's data as Cytoscape elements: entities become nodes, claims directed edges.
 * Pure (no Cytoscape, no DOM) so it is tested in Node. Filters, scope, groups and the budget are
 * all applied here, and everything they leave out is counted, never silently dropped.
 */
import {
  betweennessCentrality,
  chartFilter,
  degreeCentrality,
  entityTypeInfo,
  type ClaimSummary,
  type EntityId,
  type EntitySummary,
} from '../core';
import { iconDataUri } from './icons';
import { darkTypeColour } from './palette';
import type {
  ChartEdgeData,
  ChartElements,
  ChartNodeData,
  GraphData,
  ToElementsOptions,
} from './types';

/** Node diameters in px: fixed size, and the range sizes by degree or centrality map onto. */
export const NODE_SIZE = { fixed: 40, min: 28, max: 72 } as const;

/** Betweenness is O(nodes × edges): computed for sizing when asked, otherwise only for small views. */
export const BETWEENNESS_NODE_LIMIT = 1000;

const SAMPLE_NAMES = 5;
const LITERAL_COLOUR = '#57606a';
const GROUP_COLOUR = '#334155';

export const literalNodeId = (value: string): string => `literal:${value}`;
export const groupNodeId = (groupId: string): string => `group:${groupId}`;

// --- Filters --------------------------------------------------------------------------

// One reading of the filters, shared with the timeline (core/graph/chartFilters.ts).
export { claimPassesFilters, validTimeSpan } from '../core';

// --- Mapping ----------------------------------------------------------------------------

interface DraftEdge {
  id: string;
  source: string;
  target: string;
  claims: ClaimSummary[];
}

const byId = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function entityNode(entity: EntitySummary): ChartNodeData {
  const info = entityTypeInfo(entity.type);
  return {
    id: entity.id,
    kind: 'entity',
    label: entity.name,
    type: entity.type,
    colour: info.colour,
    darkColour: darkTypeColour(info.colour),
    icon: iconDataUri(info.icon),
    size: NODE_SIZE.fixed,
    degree: 0,
    betweenness: 0,
    entityId: entity.id,
  };
}

function edgeData(edge: DraftEdge): ChartEdgeData {
  const claims = [...edge.claims].sort(byId);
  const first = claims[0]!;
  const same = <T>(pick: (c: ClaimSummary) => T, mixed: T): T =>
    claims.every((c) => pick(c) === pick(first)) ? pick(first) : mixed;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: claims.length === 1 ? first.predicate : `${claims.length} claims`,
    claimIds: claims.map((c) => c.id),
    grade: same((c) => c.grade ?? '', ''),
    status: same((c) => c.status, 'mixed'),
    // A folded edge is drawn as well as its best-supported claim.
    credibility: Math.min(...claims.map((c) => c.credibility)),
    analystAssertion: claims.every((c) => c.analystAssertion),
    singleSource: claims.every((c) => c.singleSource),
    orphanedEvidence: claims.some((c) => c.orphanedEvidence > 0),
  };
}

/** Scales value/max onto the node size range; square root so a few hubs don't dwarf the rest. */
function scaled(value: number, max: number): number {
  if (max <= 0) return NODE_SIZE.min;
  return Math.round(NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * Math.sqrt(value / max));
}

export function toElements(data: GraphData, options: ToElementsOptions): ChartElements {
  const { groups, budget } = options;
  const filter = chartFilter(options.filters);

  // Scope, then the entity-type filter.
  const chosen = options.scope === 'chosen' ? new Set<string>(options.entityIds) : undefined;
  const inScope = data.entities.filter((e) => chosen === undefined || chosen.has(e.id));
  const scopeIds = new Set<string>(inScope.map((e) => e.id));
  const visible = new Map<string, EntitySummary>();
  let filteredEntities = 0;
  for (const entity of inScope) {
    if (!filter.entity(entity)) filteredEntities += 1;
    else visible.set(entity.id, entity);
  }

  // Claims: outside the scope they are not counted; hidden by a filter (theirs or an endpoint's) they are.
  const shownClaims: ClaimSummary[] = [];
  let filteredClaims = 0;
  for (const claim of data.claims) {
    const objectId = claim.object.kind === 'entity' ? claim.object.entityId : undefined;
    if (!scopeIds.has(claim.subjectId)) continue;
    if (objectId !== undefined && !scopeIds.has(objectId)) continue;
    const endpointsVisible =
      visible.has(claim.subjectId) && (objectId === undefined || visible.has(objectId));
    if (endpointsVisible && filter.claim(claim)) shownClaims.push(claim);
    else filteredClaims += 1;
  }

  // Groups: each visible entity belongs to at most one (the first that lists it).
  const groupOf = new Map<string, { id: string; collapsed: boolean }>();
  const groupMembers = new Map<string, EntityId[]>();
  for (const group of groups) {
    const nodeId = groupNodeId(group.id);
    for (const member of group.memberIds) {
      if (!visible.has(member) || groupOf.has(member)) continue;
      groupOf.set(member, { id: nodeId, collapsed: group.collapsed });
      const list = groupMembers.get(nodeId) ?? [];
      list.push(member);
      groupMembers.set(nodeId, list);
    }
  }
  const drawnAs = (entityId: string): string => {
    const group = groupOf.get(entityId);
    return group?.collapsed ? group.id : entityId;
  };

  // Nodes (before the budget): entities not folded away, collapsed groups, literals.
  const nodes = new Map<string, ChartNodeData>();
  for (const entity of visible.values()) {
    const group = groupOf.get(entity.id);
    if (group?.collapsed) continue;
    const node = entityNode(entity);
    nodes.set(entity.id, group ? { ...node, parent: group.id } : node);
  }
  const parents = new Map<string, ChartNodeData>();
  for (const group of groups) {
    const id = groupNodeId(group.id);
    const memberIds = groupMembers.get(id);
    if (memberIds === undefined || parents.has(id) || nodes.has(id)) continue;
    const node: ChartNodeData = {
      id,
      kind: 'group',
      label: group.label,
      type: 'Group',
      colour: GROUP_COLOUR,
      darkColour: darkTypeColour(GROUP_COLOUR),
      icon: iconDataUri('group'),
      size: NODE_SIZE.fixed,
      degree: 0,
      betweenness: 0,
      memberIds: [...memberIds].sort(),
    };
    // A collapsed group is a node of the graph; an expanded one only a frame around its members.
    if (group.collapsed) nodes.set(id, node);
    else parents.set(id, node);
  }

  // Edges: one per claim, except that claims touching a collapsed group fold onto one edge per
  // direction and claims inside one collapsed group are not drawn.
  const edges = new Map<string, DraftEdge>();
  for (const claim of shownClaims) {
    const source = drawnAs(claim.subjectId);
    let target: string;
    if (claim.object.kind === 'entity') {
      target = drawnAs(claim.object.entityId);
    } else {
      target = literalNodeId(claim.object.value);
      if (!nodes.has(target)) {
        nodes.set(target, {
          id: target,
          kind: 'literal',
          label: claim.object.value,
          type: 'Literal',
          colour: LITERAL_COLOUR,
          darkColour: darkTypeColour(LITERAL_COLOUR),
          icon: iconDataUri('literal'),
          size: NODE_SIZE.fixed,
          degree: 0,
          betweenness: 0,
        });
      }
    }
    const folded =
      source !== claim.subjectId ||
      (claim.object.kind === 'entity' && target !== claim.object.entityId);
    if (folded && source === target) continue;
    const id = folded ? `fold:${source}->${target}` : claim.id;
    const edge = edges.get(id);
    if (edge) edge.claims.push(claim);
    else edges.set(id, { id, source, target, claims: [claim] });
  }

  // Budget: keep the most connected nodes, then the edges between the best connected of them.
  const allNodeIds = [...nodes.keys()];
  const allEdges = [...edges.values()];
  const fullDegree = degreeCentrality(allNodeIds, allEdges);
  const rank = (a: ChartNodeData, b: ChartNodeData): number =>
    fullDegree.get(b.id)! - fullDegree.get(a.id)! || a.label.localeCompare(b.label) || byId(a, b);
  let keptNodes = [...nodes.values()];
  let omittedNodes: ChartNodeData[] = [];
  if (keptNodes.length > budget.maxNodes) {
    keptNodes.sort(rank);
    omittedNodes = keptNodes.slice(budget.maxNodes);
    keptNodes = keptNodes.slice(0, Math.max(0, budget.maxNodes));
  }
  const keptIds = new Set(keptNodes.map((n) => n.id));
  let keptEdges = allEdges.filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
  if (keptEdges.length > budget.maxEdges) {
    const weight = (e: DraftEdge): number => fullDegree.get(e.source)! + fullDegree.get(e.target)!;
    keptEdges = [...keptEdges]
      .sort((a, b) => weight(b) - weight(a) || byId(a, b))
      .slice(0, Math.max(0, budget.maxEdges));
  }

  // Sizes and centralities over what is drawn.
  const keptIdList = keptNodes.map((n) => n.id);
  // Nothing cut by the budget: the same graph as fullDegree's, no second pass over it.
  const cut = omittedNodes.length > 0 || keptEdges.length < allEdges.length;
  const degree = cut ? degreeCentrality(keptIdList, keptEdges) : fullDegree;
  const wantBetweenness =
    options.sizeBy === 'betweenness' || keptIdList.length <= BETWEENNESS_NODE_LIMIT;
  const betweenness = wantBetweenness
    ? betweennessCentrality(keptIdList, keptEdges)
    : new Map<string, number>();
  const maxDegree = Math.max(0, ...degree.values());
  const maxBetweenness = Math.max(0, ...betweenness.values());
  const sized = keptNodes.map((node): ChartNodeData => {
    const d = degree.get(node.id) ?? 0;
    const b = maxBetweenness > 0 ? (betweenness.get(node.id) ?? 0) / maxBetweenness : 0;
    const size =
      options.sizeBy === 'degree'
        ? scaled(d, maxDegree)
        : options.sizeBy === 'betweenness'
          ? scaled(b, 1)
          : NODE_SIZE.fixed;
    return { ...node, degree: d, betweenness: b, size };
  });

  // Expanded groups whose members all fell to the budget are not drawn either.
  const drawnParents = [...parents.values()].filter((p) => sized.some((n) => n.parent === p.id));
  const drawnParentIds = new Set(drawnParents.map((p) => p.id));
  const finalNodes = [
    ...drawnParents.sort(byId),
    ...sized
      .map((n) => {
        if (n.parent === undefined || drawnParentIds.has(n.parent)) return n;
        const { parent: _parent, ...rest } = n;
        return rest;
      })
      .sort(byId),
  ];

  return {
    nodes: finalNodes.map((data) => ({ data })),
    edges: keptEdges.sort(byId).map((edge) => ({ data: edgeData(edge) })),
    omitted: {
      nodes: omittedNodes.length,
      edges: allEdges.length - keptEdges.length,
      sampleNames: omittedNodes.slice(0, SAMPLE_NAMES).map((n) => n.label),
    },
    filtered: { entities: filteredEntities, claims: filteredClaims },
  };
}
