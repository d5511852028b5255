import { describe, expect, it } from 'vitest';
import type { EntitySummary, EntityType } from '../../../../src/core';
import {
  budgetMessage,
  chartPath,
  checkChartTitle,
  checkGroupLabel,
  copyTitle,
  elementsForRecords,
  expandNeighbourhood,
  fileNameOf,
  filteredMessage,
  findNodes,
  indexElements,
  newChartTitle,
  prunedForDrawing,
  scopedData,
  selectedClaimIds,
  selectedEntityIds,
  showOnly,
  toggledListFilter,
  topCentralNodes,
  withGroup,
  withGroupCollapsed,
  withoutGroup,
  type ChartView,
} from '../../../../src/features/graph/chartState';
import { groupNodeId, literalNodeId, toElements } from '../../../../src/graph/toElements';
import { DEFAULT_GRAPH_BUDGET, type GraphData } from '../../../../src/graph/types';
import {
  aChart,
  aClaimSummaryBetween,
  anEntitySummary,
  CHART_DEFAULTS,
} from '../../../fixtures/builders';

function entity(name: string, type: EntityType = 'Person', aliases: string[] = []): EntitySummary {
  return anEntitySummary({ name, type, aliases });
}

function view(overrides: Partial<ChartView> = {}): ChartView {
  return { ...CHART_DEFAULTS, sizeBy: 'none', ...overrides };
}

function draw(data: GraphData, v: ChartView = view()) {
  return toElements(data, { ...v, budget: DEFAULT_GRAPH_BUDGET });
}

// A – B – C – D in a line, plus E linked to A and a distractor pair F – G elsewhere.
const a = entity('Alpha Holdings', 'Organization', ['AH']);
const b = entity('Bruno Vale');
const c = entity('Cara Moss');
const d = entity('Delta Shipping', 'Organization');
const e = entity('Eli Stone');
const f = entity('Fay Lin');
const g = entity('Gus Ortiz');
const ab = aClaimSummaryBetween(a, 'employs', b);
const bc = aClaimSummaryBetween(b, 'met with', c);
const cd = aClaimSummaryBetween(c, 'owns', d);
const ea = aClaimSummaryBetween(e, 'paid', a);
const fg = aClaimSummaryBetween(f, 'communicated with', g);
const literal = aClaimSummaryBetween(a, 'located in', 'Rotterdam');
const data: GraphData = {
  entities: [a, b, c, d, e, f, g],
  claims: [ab, bc, cd, ea, fg, literal],
};

describe('prunedForDrawing', () => {
  it('drops deleted entities, empty groups and positions of elements that no longer exist', () => {
    const gone = entity('Gone Person');
    const saved = aChart({
      scope: 'chosen',
      entityIds: [a.id, gone.id, b.id],
      groups: [
        { id: 'g1', label: 'Mixed', memberIds: [a.id, gone.id], collapsed: false },
        { id: 'g2', label: 'Only gone', memberIds: [gone.id], collapsed: true },
      ],
      positions: {
        [a.id]: { x: 1, y: 2 },
        [gone.id]: { x: 3, y: 4 },
        [groupNodeId('g1')]: { x: 5, y: 6 },
        [groupNodeId('g2')]: { x: 7, y: 8 },
        [literalNodeId('Rotterdam')]: { x: 9, y: 10 },
        [literalNodeId('Atlantis')]: { x: 11, y: 12 },
        'not-an-element': { x: 0, y: 0 },
        [b.id]: { x: Number.NaN, y: 1 },
        [c.id]: null as unknown as { x: number; y: number },
      },
    });
    const pruned = prunedForDrawing(saved, data);
    expect(pruned.entityIds).toEqual([a.id, b.id]);
    expect(pruned.groups).toEqual([
      { id: 'g1', label: 'Mixed', memberIds: [a.id], collapsed: false },
    ]);
    expect(pruned.positions).toEqual({
      [a.id]: { x: 1, y: 2 },
      [groupNodeId('g1')]: { x: 5, y: 6 },
      [literalNodeId('Rotterdam')]: { x: 9, y: 10 },
    });
    // Drawing the pruned chart works and draws what is left.
    const drawn = draw(data, pruned);
    expect(drawn.nodes.map((n) => n.data.id)).toContain(a.id);
    expect(drawn.nodes.map((n) => n.data.id)).not.toContain(gone.id);
  });

  it('keeps the rest of the chart as it was, and a chart with nothing gone as it is', () => {
    const saved = aChart({
      title: 'Kept',
      layout: 'grid',
      sizeBy: 'degree',
      filters: { statuses: ['disputed'] },
      positions: { [a.id]: { x: 1, y: 2 } },
    });
    expect(prunedForDrawing(saved, data)).toBe(saved);
    const other = aChart({ ...saved, positions: { ...saved.positions, nowhere: { x: 0, y: 0 } } });
    expect(prunedForDrawing(other, data)).toMatchObject({
      title: 'Kept',
      layout: 'grid',
      sizeBy: 'degree',
      filters: { statuses: ['disputed'] },
      positions: { [a.id]: { x: 1, y: 2 } },
    });
  });
});

describe('shortest path and centrality on the drawn chart', () => {
  it('finds the three-hop path A–B–C–D and the edges along it', () => {
    const drawn = draw(data);
    const path = chartPath(drawn, a.id, d.id);
    expect(path?.nodeIds).toEqual([a.id, b.id, c.id, d.id]);
    expect([...(path?.edgeIds ?? [])].sort()).toEqual([ab.id, bc.id, cd.id].sort());
  });

  it('says there is no path between unconnected entities', () => {
    expect(chartPath(draw(data), a.id, g.id)).toBeUndefined();
  });

  it('follows links in either direction and only over what is drawn', () => {
    // E → A is drawn from E; D to E goes D–C–B–A–E.
    expect(chartPath(draw(data), d.id, e.id)?.nodeIds).toEqual([d.id, c.id, b.id, a.id, e.id]);
    // With B hidden by a filter there is no path from A to D.
    const hidden = draw(data, view({ scope: 'chosen', entityIds: [a.id, c.id, d.id] }));
    expect(chartPath(hidden, a.id, d.id)).toBeUndefined();
  });

  it('ranks the most linked and most between nodes', () => {
    const drawn = draw(data);
    // A has three links (B, E, Rotterdam); B and C lie on most paths.
    expect(topCentralNodes(drawn, 'degree', 1).map((n) => n.id)).toEqual([a.id]);
    const between = topCentralNodes(drawn, 'betweenness', 3).map((n) => n.id);
    expect(between).toContain(a.id);
    expect(between).toContain(b.id);
    expect(between).not.toContain(f.id);
  });
});

describe('selection, scope and groups', () => {
  it('turns selected nodes and edges back into entities and claims, and records into elements', () => {
    const grouped = view({
      groups: [{ id: 'g', label: 'F and G', memberIds: [f.id, g.id], collapsed: true }],
    });
    const drawn = draw(data, grouped);
    const index = indexElements(drawn);
    expect(selectedEntityIds(index, [a.id, groupNodeId('g')]).sort()).toEqual(
      [a.id, f.id, g.id].sort(),
    );
    expect(selectedClaimIds(index, [ab.id, 'nothing'])).toEqual([ab.id]);
    // The timeline selects by entity and claim id: a folded member maps to its collapsed group.
    expect(elementsForRecords(drawn, [f.id, bc.id])).toEqual({
      nodes: [groupNodeId('g')],
      edges: [bc.id],
    });
  });

  it('expands the neighbourhood of a chosen chart, and "show only" makes one', () => {
    const only = showOnly([b.id, b.id]);
    expect(only).toEqual({ scope: 'chosen', entityIds: [b.id] });
    const grown = expandNeighbourhood(view(only), data, [b.id]);
    expect([...grown.entityIds].sort()).toEqual([a.id, b.id, c.id].sort());
    // An 'all' chart draws everything already.
    expect(expandNeighbourhood(view(), data, [b.id]).entityIds).toEqual([]);
  });

  it('limits the timeline to a chosen chart’s entities', () => {
    const scoped = scopedData(data, { scope: 'chosen', entityIds: [a.id, b.id] });
    expect(scoped.entities.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(scoped.claims.map((x) => x.id).sort()).toEqual([ab.id, literal.id].sort());
    expect(scopedData(data, view())).toBe(data);
  });

  it('keeps each entity in one group, collapses, expands and ungroups', () => {
    let groups = withGroup([], {
      id: 'g1',
      label: 'One',
      memberIds: [a.id, b.id],
      collapsed: false,
    });
    groups = withGroup(groups, {
      id: 'g2',
      label: 'Two',
      memberIds: [b.id, c.id],
      collapsed: false,
    });
    expect(groups.map((x) => [x.id, x.memberIds])).toEqual([
      ['g1', [a.id]],
      ['g2', [b.id, c.id]],
    ]);
    groups = withGroup(groups, { id: 'g3', label: 'Three', memberIds: [a.id], collapsed: false });
    expect(groups.map((x) => x.id)).toEqual(['g2', 'g3']);
    groups = withGroupCollapsed(groups, 'g2', true);
    expect(groups.find((x) => x.id === 'g2')?.collapsed).toBe(true);
    expect(withoutGroup(groups, 'g2').map((x) => x.id)).toEqual(['g3']);
  });

  it('refuses an empty or overlong group name and a blank chart title', () => {
    expect(checkGroupLabel('  ')).toEqual({ ok: false, message: 'Name the group.' });
    expect(checkGroupLabel('x'.repeat(101)).ok).toBe(false);
    expect(checkGroupLabel('  Shell   companies ')).toEqual({ ok: true, value: 'Shell companies' });
    expect(checkGroupLabel('shell companies', ['Shell Companies'])).toEqual({
      ok: false,
      message: 'This chart already has a group called “shell companies”.',
    });
    expect(checkChartTitle(' ')).toEqual({ ok: false, message: 'Give the chart a title.' });
    expect(checkChartTitle('x'.repeat(201)).ok).toBe(false);
  });
});

describe('find, messages and names', () => {
  it('finds drawn entities by name or alias, exact matches first', () => {
    const drawn = draw(data);
    expect(findNodes(drawn, data, 'ah').map((n) => n.id)).toEqual([a.id]);
    expect(findNodes(drawn, data, 'cara').map((n) => n.id)).toEqual([c.id]);
    expect(findNodes(drawn, data, 'zzz')).toEqual([]);
    expect(findNodes(drawn, data, '  ')).toEqual([]);
  });

  it('says what the budget left out and what the filters hide', () => {
    const many = toElements(data, { ...view(), budget: { maxNodes: 3, maxEdges: 100 } });
    const text = budgetMessage(many);
    expect(text).toMatch(/^Showing 3 of 8 entities; 5 left out: /);
    expect(budgetMessage(draw(data))).toBeUndefined();
    const filtered = draw(data, view({ filters: { entityTypes: ['Organization'] } }));
    expect(filteredMessage(filtered)).toBe('5 entities and 5 claims hidden by filters');
    expect(filteredMessage(draw(data))).toBeUndefined();
  });

  it('stores "everything ticked" as no filter', () => {
    const all = ['a', 'b', 'c'];
    expect(toggledListFilter(undefined, all, 'b', false)).toEqual(['a', 'c']);
    expect(toggledListFilter(['a', 'c'], all, 'b', true)).toBeUndefined();
  });

  it('makes file names and titles for new and copied charts', () => {
    expect(fileNameOf('Lazarus / SWIFT: 2016?')).toBe('Lazarus SWIFT 2016');
    expect(fileNameOf('..')).toBe('chart');
    expect(copyTitle('Case chart', ['Case chart'])).toBe('Case chart (copy)');
    expect(copyTitle('Case chart (copy)', ['Case chart', 'Case chart (copy)'])).toBe(
      'Case chart (copy 2)',
    );
    expect(newChartTitle(['Case chart'])).toBe('Chart 2');
    expect(newChartTitle(['Case chart', 'Chart 2'])).toBe('Chart 3');
  });
});
