import cytoscape from 'cytoscape';
import { describe, expect, it, vi } from 'vitest';
import { tuneBoundingBoxes, tuneFirstStyling } from '../../../src/graph/cytoscapeTuning';
import { graphStyle, LABELLED } from '../../../src/graph/style';

const node = (id: string, extra: Record<string, unknown> = {}) => ({
  group: 'nodes' as const,
  data: { id, kind: 'entity', label: id, colour: '#123456', icon: 'none', size: 40, ...extra },
  position: { x: id.charCodeAt(0) * 37, y: id.length * 50 },
});
const edge = (id: string, source: string, target: string, extra: Record<string, unknown> = {}) => ({
  group: 'edges' as const,
  data: { id, source, target, label: id, credibility: 2, status: 'asserted', ...extra },
});

/** Group frame, literal, parallel edges, a loop, disputed and faded edges. */
const ELEMENTS = [
  node('g', { kind: 'group' }),
  node('a', { parent: 'g' }),
  node('b', { parent: 'g' }),
  node('c', { size: 60 }),
  node('lit', { kind: 'literal' }),
  edge('ab', 'a', 'b'),
  edge('ab2', 'a', 'b', { status: 'disputed' }),
  edge('bc', 'b', 'c', { credibility: 5 }),
  edge('cc', 'c', 'c'),
  edge('cl', 'c', 'lit', { analystAssertion: true }),
  edge('ca', 'c', 'a', { status: 'refuted', orphanedEvidence: true }),
];

const PROPERTIES = ['width', 'height', 'shape', 'background-color', 'border-width', 'opacity'];

function describeChart(cy: cytoscape.Core): string[] {
  return cy.elements().map((ele) => {
    const box = ele.boundingBox();
    // Asked again: answered from the cache (what tuneBoundingBoxes shortens).
    const again = ele.boundingBox();
    const styles = PROPERTIES.map((name) => String(ele.style(name)));
    const extra = ele.isEdge() ? [ele.style('line-style'), ele.style('curve-style')] : [];
    return [ele.id(), box.x1, box.y1, box.x2, box.y2, box.w, box.h, again.x1, again.y2, again.w]
      .concat([String(ele.visible()), ele.effectiveOpacity()])
      .concat(styles, extra)
      .join(' ');
  });
}

/** The chart's styles and bounds: first drawn, then after each kind of later change. */
function run(large: boolean): string[][] {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle({ large }) });
  // Cytoscape keeps (and changes) the data and position objects it is given.
  cy.batch(() => cy.add(structuredClone(ELEMENTS)));
  const states = [describeChart(cy)];
  cy.nodes().addClass(LABELLED);
  cy.edges().addClass(LABELLED);
  states.push(describeChart(cy));
  cy.getElementById('c').data('size', 30);
  cy.getElementById('a').position({ x: 400, y: 300 });
  states.push(describeChart(cy));
  cy.add([node('d'), edge('cd', 'c', 'd'), edge('da', 'd', 'a')]);
  cy.remove(cy.getElementById('ab2'));
  states.push(describeChart(cy));
  cy.getElementById('d').style('width', 90);
  cy.edges('#da').addClass('dimmed');
  states.push(describeChart(cy));
  // A new stylesheet restyles every element again (Cytoscape counts that as a first styling).
  cy.style(
    graphStyle({ large }).map((block) =>
      block.selector === 'node' && 'style' in block
        ? { ...block, style: { ...block.style, width: 12 } }
        : block,
    ),
  );
  states.push(describeChart(cy));
  // Positions set by a layout, and a node moved with its edges' boxes cached.
  cy.layout({ name: 'grid', animate: false }).run();
  states.push(describeChart(cy));
  cy.getElementById('c').position({ x: -250, y: 75 });
  states.push(describeChart(cy));
  states.push([
    JSON.stringify(cy.elements().boundingBox()),
    JSON.stringify(cy.edges().boundingBox({ includeLabels: false })),
  ]);
  cy.destroy();
  return states;
}

describe('tuneFirstStyling', () => {
  it('leaves every style and bounding box as Cytoscape computes them, first and after changes', () => {
    const before = [run(false), run(true)];
    // Fails when a Cytoscape upgrade changes the internals it adjusts (the chart still works).
    expect(tuneFirstStyling()).toBe(true);
    expect(tuneFirstStyling()).toBe(true);
    const after = [run(false), run(true)];
    expect(after).toEqual(before);
    // The states differ from each other: the checks above compare real changes.
    expect(new Set(before[1]!.map((state) => state.join('\n'))).size).toBe(before[1]!.length);
  });
});

describe('tuneBoundingBoxes', () => {
  it('leaves every bounding box as Cytoscape computes it, first and after changes', () => {
    const before = [run(false), run(true)];
    expect(tuneBoundingBoxes()).toBe(true);
    expect(tuneBoundingBoxes()).toBe(true);
    expect([run(false), run(true)]).toEqual(before);
  });

  it('answers a repeated question from the cache, and a moved element afresh', () => {
    tuneBoundingBoxes();
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: graphStyle({ large: true }),
    });
    cy.add(structuredClone(ELEMENTS));
    const link = cy.getElementById('bc');
    link.boundingBox();
    const cached = link.boundingBox();
    // Cytoscape's own check builds the edge's source and target collections on every call.
    const sources = vi.spyOn(Object.getPrototypeOf(link) as { source(): unknown }, 'source');
    expect(link.boundingBox()).toBe(cached);
    expect(sources).not.toHaveBeenCalled();
    sources.mockRestore();
    cy.getElementById('c').position({ x: 9000, y: 900 });
    const moved = link.boundingBox();
    expect(moved.x2).toBeGreaterThan(cached.x2);
    expect(link.boundingBox()).toEqual(moved);
    cy.destroy();
  });
});
