// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { chartToSvg, type ChartSnapshot } from '../../../src/graph/chartToSvg';
import { iconDataUri } from '../../../src/graph/icons';
import type { ChartEdgeData, ChartNodeData } from '../../../src/graph/types';

function node(id: string, label: string, extra: Partial<ChartNodeData> = {}): ChartNodeData {
  return {
    id,
    kind: 'entity',
    label,
    type: 'Person',
    colour: '#1d4ed8',
    darkColour: '#7d9ff0',
    icon: iconDataUri('person'),
    size: 40,
    degree: 1,
    betweenness: 0,
    ...extra,
  };
}

function edge(id: string, extra: Partial<ChartEdgeData> = {}): ChartEdgeData {
  return {
    id,
    source: 'a',
    target: 'b',
    label: 'met with',
    claimIds: [],
    grade: 'B2',
    status: 'asserted',
    credibility: 2,
    analystAssertion: false,
    singleSource: true,
    orphanedEvidence: false,
    ...extra,
  };
}

const snapshot: ChartSnapshot = {
  title: 'Case <1> & "friends"',
  nodes: [
    {
      data: node('g', 'Cell & co', { kind: 'group' }),
      x: 0,
      y: 0,
      width: 300,
      height: 200,
      isParent: true,
    },
    { data: node('a', '<script>alert(1)</script>'), x: -50, y: 0, width: 40, height: 40 },
    { data: node('b', 'Tom & Jerry'), x: 150, y: 80, width: 60, height: 60 },
    {
      data: node('literal:x', '"quoted"', { kind: 'literal' }),
      x: 400,
      y: -200,
      width: 40,
      height: 40,
    },
  ],
  edges: [
    { data: edge('e1', { label: 'paid <b>' }), from: { x: -30, y: 0 }, to: { x: 120, y: 80 } },
    {
      data: edge('e2', { status: 'disputed' }),
      from: { x: -30, y: 5 },
      to: { x: 120, y: 85 },
      control: { x: 40, y: 90 },
    },
    { data: edge('e3', { analystAssertion: true }), from: { x: 0, y: 0 }, to: { x: 400, y: -200 } },
    {
      data: edge('e4', { status: 'refuted', credibility: 5 }),
      from: { x: 0, y: 0 },
      to: { x: 1, y: 1 },
    },
  ],
};

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('chartToSvg', () => {
  it('writes well-formed SVG with every label escaped as text', () => {
    const svg = chartToSvg(snapshot);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Tom &amp; Jerry');
    const doc = parse(svg);
    expect(doc.documentElement.tagName).toBe('svg');
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining([
        '<script>alert(1)</script>',
        'Tom & Jerry',
        '"quoted"',
        'Cell & co',
        'paid <b>',
      ]),
    );
    expect(doc.getElementsByTagName('title')[0]!.textContent).toBe('Case <1> & "friends"');
  });

  it('draws nodes with icons, straight and curved edges with arrowheads, and styles by claim', () => {
    const doc = parse(chartToSvg(snapshot));
    expect(doc.getElementsByTagName('circle')).toHaveLength(2);
    expect(doc.getElementsByTagName('image')).toHaveLength(3);
    expect(doc.getElementsByTagName('image')[0]!.getAttribute('href')).toMatch(
      /^data:image\/svg\+xml/,
    );
    const paths = [...doc.getElementsByTagName('path')];
    expect(paths).toHaveLength(4);
    expect(paths[1]!.getAttribute('d')).toMatch(/Q/);
    expect(paths[0]!.getAttribute('stroke-dasharray')).toBeNull();
    expect(paths[1]!.getAttribute('stroke-dasharray')).toBe('6 4');
    expect(paths[2]!.getAttribute('stroke-dasharray')).toBe('2 4');
    expect(paths[3]!.getAttribute('stroke')).toBe('#b3261e');
    expect(doc.getElementsByTagName('polygon')).toHaveLength(4);
    const edges = [...doc.querySelectorAll('g.edge')];
    expect(edges[3]!.getAttribute('opacity')).toBe('0.5');
  });

  it('fits the view box to the content, labels included', () => {
    const doc = parse(chartToSvg(snapshot));
    const [x, y, width, height] = doc.documentElement
      .getAttribute('viewBox')!
      .split(' ')
      .map(Number);
    expect(x).toBeLessThanOrEqual(-150 - 24);
    expect(y).toBeLessThanOrEqual(-220);
    expect(x! + width!).toBeGreaterThanOrEqual(420);
    expect(y! + height!).toBeGreaterThanOrEqual(140);
  });

  it('writes an empty chart as a valid document', () => {
    parse(chartToSvg({ nodes: [], edges: [] }));
  });
});
