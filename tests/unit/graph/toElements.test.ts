import { describe, expect, it } from 'vitest';
import type { EntitySummary } from '../../../src/core/ports/repositories';
import type { ChartFilters, ChartGroup, EntityType } from '../../../src/core/model/records';
import { darkTypeColour } from '../../../src/graph/palette';
import { toElements } from '../../../src/graph/toElements';
import {
  DEFAULT_GRAPH_BUDGET,
  type GraphData,
  type ToElementsOptions,
} from '../../../src/graph/types';
import { aClaimSummaryBetween, anEntitySummary } from '../../fixtures/builders';
import { filterSample } from '../../fixtures/chartSample';

const entity = (name: string, type: EntityType = 'Person'): EntitySummary =>
  anEntitySummary({ name, type });
const claim = aClaimSummaryBetween;

function options(overrides: Partial<ToElementsOptions> = {}): ToElementsOptions {
  return {
    filters: {},
    scope: 'all',
    entityIds: [],
    groups: [],
    sizeBy: 'none',
    budget: DEFAULT_GRAPH_BUDGET,
    ...overrides,
  };
}

const nodeIds = (els: ReturnType<typeof toElements>) => els.nodes.map((n) => n.data.id);
const edgeLabels = (els: ReturnType<typeof toElements>) =>
  els.edges.map((e) => e.data.label).sort();

describe('toElements', () => {
  const kim = entity('Kim', 'Person');
  const lazarus = entity('Lazarus Group', 'Organization');
  const bank = entity('Bangladesh Bank', 'Organization');
  const dhaka = entity('Dhaka', 'Location');

  it('maps entities to nodes and claims to directed, labelled edges', () => {
    const attacked = claim(lazarus, 'attacked', bank, { grade: 'B2', credibility: 2 });
    const els = toElements({ entities: [kim, lazarus, bank], claims: [attacked] }, options());
    expect(els.nodes).toHaveLength(3);
    const node = els.nodes.find((n) => n.data.id === lazarus.id)!.data;
    expect(node).toMatchObject({
      kind: 'entity',
      label: 'Lazarus Group',
      type: 'Organization',
      colour: '#7c3aed',
      darkColour: darkTypeColour('#7c3aed'),
      entityId: lazarus.id,
      degree: 1,
      size: 40,
    });
    expect(node.icon).toMatch(/^data:image\/svg\+xml;utf8,/);
    expect(decodeURIComponent(node.icon.slice(node.icon.indexOf(',') + 1))).toContain('<svg');
    expect(els.edges).toEqual([
      {
        data: {
          id: attacked.id,
          source: lazarus.id,
          target: bank.id,
          label: 'attacked',
          claimIds: [attacked.id],
          grade: 'B2',
          status: 'asserted',
          credibility: 2,
          analystAssertion: false,
          singleSource: true,
          orphanedEvidence: false,
        },
      },
    ]);
    expect(els.omitted).toEqual({ nodes: 0, edges: 0, sampleNames: [] });
    expect(els.filtered).toEqual({ entities: 0, claims: 0 });
  });

  it('carries the analyst-assertion, status and orphaned-evidence flags onto the edge', () => {
    const c = claim(kim, 'met with', lazarus, {
      grade: undefined,
      bestReliability: undefined,
      analystAssertion: true,
      singleSource: false,
      status: 'disputed',
      orphanedEvidence: 1,
      credibility: 5,
    });
    const edge = toElements({ entities: [kim, lazarus], claims: [c] }, options()).edges[0]!.data;
    expect(edge).toMatchObject({
      grade: '',
      status: 'disputed',
      credibility: 5,
      analystAssertion: true,
      singleSource: false,
      orphanedEvidence: true,
    });
  });

  it('draws a literal object as a literal node shared by the claims that name it', () => {
    const a = claim(kim, 'paid', '$81 million');
    const b = claim(lazarus, 'paid', '$81 million');
    const els = toElements({ entities: [kim, lazarus], claims: [a, b] }, options());
    const literal = els.nodes.find((n) => n.data.kind === 'literal')!.data;
    expect(literal).toMatchObject({ id: 'literal:$81 million', label: '$81 million', degree: 2 });
    expect(els.edges.map((e) => e.data.target)).toEqual([literal.id, literal.id]);
  });

  it('sizes nodes by degree and by betweenness within a readable range', () => {
    // A star around Kim plus a chain: Kim is most connected and lies on most shortest paths.
    const claims = [
      claim(kim, 'met with', lazarus),
      claim(kim, 'met with', bank),
      claim(kim, 'met with', dhaka),
      claim(dhaka, 'located in', '2016'),
    ];
    const data = { entities: [kim, lazarus, bank, dhaka], claims };
    for (const sizeBy of ['degree', 'betweenness'] as const) {
      const els = toElements(data, options({ sizeBy }));
      const size = (id: string) => els.nodes.find((n) => n.data.id === id)!.data.size;
      expect(size(kim.id)).toBe(72);
      expect(size(lazarus.id)).toBeGreaterThanOrEqual(28);
      expect(size(lazarus.id)).toBeLessThan(size(kim.id));
      for (const n of els.nodes) {
        expect(n.data.size).toBeGreaterThanOrEqual(28);
        expect(n.data.size).toBeLessThanOrEqual(72);
      }
    }
    const fixed = toElements(data, options({ sizeBy: 'none' }));
    expect(new Set(fixed.nodes.map((n) => n.data.size))).toEqual(new Set([40]));
    expect(fixed.nodes.find((n) => n.data.id === kim.id)!.data.betweenness).toBe(1);
  });

  describe('filters', () => {
    const { source1, source2, data } = filterSample({ kim, lazarus, bank, dhaka });
    const run = (filters: ChartFilters) => toElements(data, options({ filters }));

    it('filters entity types and hides their claims, counting both', () => {
      const els = run({ entityTypes: ['Person', 'Location'] });
      expect(nodeIds(els).sort()).toEqual([kim.id, dhaka.id, 'literal:$1'].sort());
      expect(edgeLabels(els)).toEqual(['paid']);
      expect(els.filtered).toEqual({ entities: 2, claims: 3 });
    });

    it('filters predicates, reliabilities (with none for ungraded), credibility and statuses', () => {
      expect(edgeLabels(run({ predicates: ['attacked', 'paid'] }))).toEqual(['attacked', 'paid']);
      expect(edgeLabels(run({ reliabilities: ['A', 'none'] }))).toEqual(['located in', 'met with']);
      expect(edgeLabels(run({ maxCredibility: 3 }))).toEqual(['met with', 'paid']);
      expect(edgeLabels(run({ statuses: ['disputed', 'refuted'] }))).toEqual(['attacked', 'paid']);
      expect(run({ statuses: ['disputed'] }).filtered).toEqual({ entities: 0, claims: 3 });
    });

    it('filters by any evidence source', () => {
      expect(edgeLabels(run({ sourceIds: [source1] }))).toEqual(['attacked', 'met with']);
      expect(edgeLabels(run({ sourceIds: [source2] }))).toEqual(['attacked', 'paid']);
    });

    it('filters by date range with partial dates and overlapping intervals', () => {
      // Undated claims stay unless the range excludes them explicitly.
      expect(edgeLabels(run({ dateFrom: '2016-02-15', dateTo: '2016-02-20' }))).toEqual([
        'attacked',
        'located in',
        'met with',
      ]);
      expect(edgeLabels(run({ dateFrom: '2016-03-02', includeUndated: false }))).toEqual(['paid']);
      expect(edgeLabels(run({ dateTo: '2015', includeUndated: false }))).toEqual(['attacked']);
      expect(edgeLabels(run({ dateTo: '2014', includeUndated: false }))).toEqual([]);
      expect(edgeLabels(run({ dateFrom: '2016-03', dateTo: '2016-03' }))).toEqual([
        'attacked',
        'located in',
      ]);
      expect(edgeLabels(run({ dateFrom: '2030' }))).toEqual(['located in', 'paid']);
    });
  });

  it('draws only the chosen entities and the claims between them', () => {
    const claims = [
      claim(kim, 'met with', lazarus),
      claim(lazarus, 'attacked', bank),
      claim(kim, 'paid', '$5'),
    ];
    const els = toElements(
      { entities: [kim, lazarus, bank, dhaka], claims },
      options({ scope: 'chosen', entityIds: [kim.id, lazarus.id] }),
    );
    expect(nodeIds(els).sort()).toEqual([kim.id, lazarus.id, 'literal:$5'].sort());
    expect(edgeLabels(els)).toEqual(['met with', 'paid']);
    // Out of scope is not "hidden by filters".
    expect(els.filtered).toEqual({ entities: 0, claims: 0 });
  });

  describe('groups', () => {
    const claims = [
      claim(kim, 'member of', lazarus, { credibility: 3, status: 'asserted' }),
      claim(kim, 'met with', bank, { credibility: 2, status: 'asserted' }),
      claim(lazarus, 'attacked', bank, { credibility: 4, status: 'disputed', orphanedEvidence: 2 }),
      claim(bank, 'located in', dhaka),
    ];
    const data = { entities: [kim, lazarus, bank, dhaka], claims };
    const group = (collapsed: boolean): ChartGroup => ({
      id: 'g1',
      label: 'DPRK cluster',
      memberIds: [kim.id, lazarus.id],
      collapsed,
    });

    it('draws an expanded group as a compound parent of its members', () => {
      const els = toElements(data, options({ groups: [group(false)] }));
      const parent = els.nodes[0]!.data;
      expect(parent).toMatchObject({ id: 'group:g1', kind: 'group', label: 'DPRK cluster' });
      expect(parent.memberIds).toEqual([kim.id, lazarus.id].sort());
      expect(els.nodes.filter((n) => n.data.parent === 'group:g1')).toHaveLength(2);
      expect(els.edges).toHaveLength(4);
    });

    it('folds a collapsed group into one node, merging its edges and hiding internal ones', () => {
      const els = toElements(data, options({ groups: [group(true)] }));
      expect(nodeIds(els).sort()).toEqual(['group:g1', bank.id, dhaka.id].sort());
      const folded = els.edges.find((e) => e.data.source === 'group:g1')!.data;
      expect(folded).toMatchObject({
        target: bank.id,
        label: '2 claims',
        status: 'mixed',
        credibility: 2,
        orphanedEvidence: true,
      });
      expect(folded.claimIds).toEqual([claims[1]!.id, claims[2]!.id].sort());
      // "member of" inside the group is not drawn; "located in" is untouched.
      expect(edgeLabels(els)).toEqual(['2 claims', 'located in']);
      const node = els.nodes.find((n) => n.data.id === 'group:g1')!.data;
      expect(node.kind).toBe('group');
      expect(node.degree).toBe(1);
    });
  });

  it('keeps the most connected nodes within the budget and reports what it left out', () => {
    const hub = entity('Hub');
    const spokes = Array.from({ length: 6 }, (_, i) => entity(`Spoke ${i}`));
    const loner = entity('Loner');
    const claims = spokes.map((s) => claim(hub, 'knows', s));
    claims.push(claim(spokes[0]!, 'knows', spokes[1]!));
    const data: GraphData = { entities: [loner, ...spokes, hub], claims };
    const els = toElements(data, options({ budget: { maxNodes: 4, maxEdges: 100 } }));
    expect(els.nodes).toHaveLength(4);
    expect(nodeIds(els)).toContain(hub.id);
    expect(nodeIds(els)).toContain(spokes[0]!.id);
    expect(nodeIds(els)).toContain(spokes[1]!.id);
    expect(els.omitted.nodes).toBe(4);
    expect(els.omitted.edges).toBe(claims.length - els.edges.length);
    expect(els.edges.every((e) => nodeIds(els).includes(e.data.target))).toBe(true);
    expect(els.omitted.sampleNames.at(-1)).toBe('Loner');

    const fewEdges = toElements(data, options({ budget: { maxNodes: 100, maxEdges: 2 } }));
    expect(fewEdges.edges).toHaveLength(2);
    expect(fewEdges.omitted).toMatchObject({ nodes: 0, edges: 5 });
  });

  it('returns the same elements in the same order whatever the input order', () => {
    const claims = [claim(kim, 'met with', lazarus), claim(lazarus, 'attacked', bank)];
    const a = toElements({ entities: [kim, lazarus, bank], claims }, options());
    const b = toElements(
      { entities: [bank, kim, lazarus], claims: [...claims].reverse() },
      options(),
    );
    expect(b).toEqual(a);
    expect(nodeIds(a)).toEqual([...nodeIds(a)].sort());
  });
});
