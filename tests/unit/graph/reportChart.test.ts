// @vitest-environment jsdom
// jsdom for its strict XML parser (DOMParser reports malformed SVG); Cytoscape runs headless.
import { describe, expect, it } from 'vitest';
import type { Chart, EntityType } from '../../../src/core/model/records';
import type { EntitySummary } from '../../../src/core/ports/repositories';
import { literalNodeId } from '../../../src/graph/toElements';
import { borderPoint, drawChartForReport } from '../../../src/graph/reportChart';
import type { ChartNodeData, GraphData } from '../../../src/graph/types';
import { aChart, aClaimSummaryBetween, anEntitySummary } from '../../fixtures/builders';

const entity = (name: string, type: EntityType = 'Person'): EntitySummary =>
  anEntitySummary({ name, type });

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(doc.documentElement.tagName).toBe('svg');
  return doc;
}

/** Node centres by label, read from the drawing. */
function nodeCentres(doc: Document): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const g of doc.querySelectorAll('g.node')) {
    const label = g.querySelector('text')?.textContent ?? '';
    const circle = g.querySelector('circle');
    const rect = g.querySelector('rect');
    const point = circle
      ? { x: Number(circle.getAttribute('cx')), y: Number(circle.getAttribute('cy')) }
      : {
          x: Number(rect!.getAttribute('x')) + Number(rect!.getAttribute('width')) / 2,
          y: Number(rect!.getAttribute('y')) + Number(rect!.getAttribute('height')) / 2,
        };
    out.set(label, point);
  }
  return out;
}

const edgeLabels = (doc: Document) =>
  [...doc.querySelectorAll('g.edge text')].map((t) => t.textContent);

function viewBox(doc: Document): number[] {
  return doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
}

function chart(overrides: Partial<Chart> = {}): Chart {
  return aChart({ sizeBy: 'none', ...overrides });
}

describe('drawChartForReport', () => {
  const kim = entity('Kim');
  const lazarus = entity('Lazarus Group', 'Organization');
  const bank = entity('Bangladesh Bank', 'Organization');
  const attacked = aClaimSummaryBetween(lazarus, 'attacked', bank);
  const metWith = aClaimSummaryBetween(kim, 'met with', lazarus, { status: 'disputed' });
  const paid = aClaimSummaryBetween(kim, 'paid', lazarus);
  const recruited = aClaimSummaryBetween(lazarus, 'recruited', kim);
  const alias = aClaimSummaryBetween(kim, 'uses alias', 'K. Jong');
  const data: GraphData = {
    entities: [kim, lazarus, bank],
    claims: [attacked, metWith, paid, recruited, alias],
  };
  const positions = {
    [kim.id]: { x: 0, y: 0 },
    [lazarus.id]: { x: 300, y: 0 },
    [bank.id]: { x: 300, y: 250 },
    [literalNodeId('K. Jong')]: { x: 0, y: 250 },
  };

  it('draws a saved chart at its positions: every label, one path per claim, claim styles', () => {
    const drawing = drawChartForReport({ data, chart: chart({ positions }), title: 'Network' });
    const doc = parse(drawing.svg);
    expect(doc.querySelector('title')!.textContent).toBe('Network');
    const centres = nodeCentres(doc);
    expect(Object.fromEntries(centres)).toEqual({
      Kim: { x: 0, y: 0 },
      'Lazarus Group': { x: 300, y: 0 },
      'Bangladesh Bank': { x: 300, y: 250 },
      'K. Jong': { x: 0, y: 250 },
    });
    expect(doc.querySelectorAll('g.edge path')).toHaveLength(5);
    expect(doc.querySelectorAll('g.edge polygon')).toHaveLength(5);
    expect(edgeLabels(doc).sort()).toEqual(
      ['attacked', 'met with', 'paid', 'recruited', 'uses alias'].sort(),
    );
    const disputed = [...doc.querySelectorAll('g.edge')].find(
      (g) => g.querySelector('text')?.textContent === 'met with',
    )!;
    expect(disputed.querySelector('path')!.getAttribute('stroke-dasharray')).toBe('6 4');
    // Icons of the entity types and the literal.
    expect(doc.querySelectorAll('g.node image')).toHaveLength(4);
    expect(drawing.width).toBe(Number(doc.documentElement.getAttribute('width')));
    expect(drawing.height).toBe(Number(doc.documentElement.getAttribute('height')));
  });

  it('starts and ends straight edges on the node borders', () => {
    const doc = parse(drawChartForReport({ data, chart: chart({ positions }), title: 'x' }).svg);
    const path = [...doc.querySelectorAll('g.edge')]
      .find((g) => g.querySelector('text')?.textContent === 'attacked')!
      .querySelector('path')!
      .getAttribute('d');
    // Lazarus (300, 0) to the bank (300, 250), both 40 px discs (+1 px for the outline).
    expect(path).toBe('M300 21 L300 229');
  });

  it('bows parallel claims apart so that their labels do not overlap', () => {
    const doc = parse(drawChartForReport({ data, chart: chart({ positions }), title: 'x' }).svg);
    const between = [...doc.querySelectorAll('g.edge')].filter((g) =>
      ['met with', 'paid', 'recruited'].includes(g.querySelector('text')!.textContent),
    );
    expect(between).toHaveLength(3);
    const labels = between.map((g) => {
      const text = g.querySelector('text')!;
      const y = Number(text.getAttribute('y'));
      return { y, d: g.querySelector('path')!.getAttribute('d')! };
    });
    // Kim and Lazarus are side by side: the labels (12 px high) must be stacked apart.
    const ys = labels.map((l) => l.y).sort((a, b) => a - b);
    expect(ys[1]! - ys[0]!).toBeGreaterThanOrEqual(12);
    expect(ys[2]! - ys[1]!).toBeGreaterThanOrEqual(12);
    // Three distinct paths: one straight, two curves bowed to either side.
    expect(new Set(labels.map((l) => l.d)).size).toBe(3);
    expect(labels.filter((l) => l.d.includes('Q'))).toHaveLength(2);
  });

  it('bows parallel claims on a vertical line sideways by the labels’ width', () => {
    const a = entity('Top');
    const b = entity('Bottom');
    const claims = [
      aClaimSummaryBetween(a, 'transferred money to', b),
      aClaimSummaryBetween(a, 'sent messages to', b),
    ];
    const doc = parse(
      drawChartForReport({
        data: { entities: [a, b], claims },
        chart: chart({ positions: { [a.id]: { x: 0, y: 0 }, [b.id]: { x: 0, y: 300 } } }),
        title: 'x',
      }).svg,
    );
    const xs = [...doc.querySelectorAll('g.edge text')].map((t) => Number(t.getAttribute('x')));
    // "transferred money to" is 20 characters: ~120 px wide at 10 px.
    expect(Math.abs(xs[0]! - xs[1]!)).toBeGreaterThanOrEqual(120);
  });

  it('lays out a chart with no saved positions: finite, distinct points', () => {
    const people = Array.from({ length: 12 }, (_, i) => entity(`Person ${i}`));
    const claims = people.map((p, i) => aClaimSummaryBetween(p, 'knows', people[(i + 1) % 12]!));
    claims.push(aClaimSummaryBetween(people[0]!, 'knows', people[6]!));
    for (const layout of ['fcose', 'preset', 'concentric', 'breadthfirst', 'grid'] as const) {
      const drawing = drawChartForReport({
        data: { entities: people, claims },
        chart: chart({ layout }),
        title: layout,
      });
      const doc = parse(drawing.svg);
      const centres = [...nodeCentres(doc).values()];
      expect(centres, layout).toHaveLength(12);
      for (const { x, y } of centres) {
        expect(Number.isFinite(x) && Number.isFinite(y), layout).toBe(true);
      }
      // Apart by at least a node's diameter.
      for (let i = 0; i < centres.length; i += 1) {
        for (let j = i + 1; j < centres.length; j += 1) {
          const d = Math.hypot(centres[i]!.x - centres[j]!.x, centres[i]!.y - centres[j]!.y);
          expect(d, layout).toBeGreaterThanOrEqual(40);
        }
      }
      expect(doc.querySelectorAll('g.edge path')).toHaveLength(13);
      expect(drawing.width).toBeGreaterThan(0);
      expect(drawing.width).toBeLessThanOrEqual(1600);
    }
  });

  it('gives the same image for the same chart (the layout is deterministic)', () => {
    const input = { data, chart: chart(), title: 'x' };
    expect(drawChartForReport(input).svg).toBe(drawChartForReport(input).svg);
  });

  it('keeps saved positions and places nodes added since next to the others', () => {
    const newcomer = entity('Newcomer');
    const drawing = drawChartForReport({
      data: {
        entities: [...data.entities, newcomer],
        claims: [...data.claims, aClaimSummaryBetween(newcomer, 'works for', lazarus)],
      },
      chart: chart({ positions }),
      title: 'x',
    });
    const centres = nodeCentres(parse(drawing.svg));
    expect(centres.get('Kim')).toEqual({ x: 0, y: 0 });
    expect(centres.get('Lazarus Group')).toEqual({ x: 300, y: 0 });
    expect(centres.get('Bangladesh Bank')).toEqual({ x: 300, y: 250 });
    const placed = centres.get('Newcomer')!;
    expect(Number.isFinite(placed.x) && Number.isFinite(placed.y)).toBe(true);
    for (const [label, other] of centres) {
      if (label === 'Newcomer') continue;
      expect(Math.hypot(placed.x - other.x, placed.y - other.y)).toBeGreaterThanOrEqual(40);
    }
    // Near its neighbour rather than far off.
    expect(Math.hypot(placed.x - 300, placed.y)).toBeLessThan(600);
  });

  it('places new nodes with no placed neighbour beside the chart, inside groups too', () => {
    const loner = entity('Loner');
    const member = entity('New member');
    const drawing = drawChartForReport({
      data: {
        entities: [...data.entities, loner, member],
        claims: [...data.claims, aClaimSummaryBetween(member, 'knows', loner)],
      },
      chart: chart({
        positions,
        groups: [{ id: 'g', label: 'Cell', memberIds: [kim.id, member.id], collapsed: false }],
      }),
      title: 'x',
    });
    const centres = nodeCentres(parse(drawing.svg));
    expect(centres.get('Kim')).toEqual({ x: 0, y: 0 });
    const points = [...centres.values()];
    expect(points).toHaveLength(6);
    for (let i = 0; i < points.length; i += 1) {
      expect(Number.isFinite(points[i]!.x) && Number.isFinite(points[i]!.y)).toBe(true);
      for (let j = i + 1; j < points.length; j += 1) {
        const d = Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y);
        expect(d).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('ignores positions of elements that are no longer drawn', () => {
    const stale = {
      ...positions,
      'gone-entity': { x: 90000, y: -90000 },
      [literalNodeId('old value')]: { x: -50000, y: 50000 },
    };
    const doc = parse(
      drawChartForReport({ data, chart: chart({ positions: stale }), title: 'x' }).svg,
    );
    const [x, y, width, height] = viewBox(doc);
    expect(x).toBeGreaterThan(-1000);
    expect(y).toBeGreaterThan(-1000);
    expect(x! + width!).toBeLessThan(1000);
    expect(y! + height!).toBeLessThan(1000);
    expect(nodeCentres(doc).size).toBe(4);
  });

  it('leaves out a redacted entity and its claims, even when the chart chose and placed it', () => {
    // The caller passes what the report includes: Bangladesh Bank redacted away.
    const redacted: GraphData = {
      entities: [kim, lazarus],
      claims: [metWith, paid, recruited, alias],
    };
    const svg = drawChartForReport({
      data: redacted,
      chart: chart({ positions, scope: 'chosen', entityIds: [kim.id, lazarus.id, bank.id] }),
      title: 'x',
    }).svg;
    const doc = parse(svg);
    expect(svg).not.toContain('Bangladesh Bank');
    expect(svg).not.toContain('attacked');
    expect([...nodeCentres(doc).keys()].sort()).toEqual(['K. Jong', 'Kim', 'Lazarus Group']);
  });

  it('draws what the chart shows: scope and filters hide nodes and claims', () => {
    const scoped = parse(
      drawChartForReport({
        data,
        chart: chart({ positions, scope: 'chosen', entityIds: [lazarus.id, bank.id] }),
        title: 'x',
      }).svg,
    );
    expect([...nodeCentres(scoped).keys()].sort()).toEqual(['Bangladesh Bank', 'Lazarus Group']);
    expect(edgeLabels(scoped)).toEqual(['attacked']);

    const filtered = parse(
      drawChartForReport({
        data,
        chart: chart({ positions, filters: { entityTypes: ['Organization'] } }),
        title: 'x',
      }).svg,
    );
    expect([...nodeCentres(filtered).keys()].sort()).toEqual(['Bangladesh Bank', 'Lazarus Group']);
    const undisputed = parse(
      drawChartForReport({
        data,
        chart: chart({ positions, filters: { statuses: ['asserted'] } }),
        title: 'x',
      }).svg,
    );
    expect(edgeLabels(undisputed)).not.toContain('met with');
  });

  it('draws groups: a frame around expanded ones, one node for collapsed ones', () => {
    const expanded = parse(
      drawChartForReport({
        data,
        chart: chart({
          positions,
          groups: [{ id: 'g1', label: 'Cell', memberIds: [kim.id, lazarus.id], collapsed: false }],
        }),
        title: 'x',
      }).svg,
    );
    const frame = expanded.querySelector('g.group rect')!;
    expect(expanded.querySelector('g.group text')!.textContent).toBe('Cell');
    const left = Number(frame.getAttribute('x'));
    const right = left + Number(frame.getAttribute('width'));
    expect(left).toBeLessThan(-20);
    expect(right).toBeGreaterThan(320);

    const collapsed = parse(
      drawChartForReport({
        data,
        chart: chart({
          positions,
          groups: [{ id: 'g1', label: 'Cell', memberIds: [kim.id, lazarus.id], collapsed: true }],
        }),
        title: 'x',
      }).svg,
    );
    const labels = [...nodeCentres(collapsed).keys()].sort();
    expect(labels).toEqual(['Bangladesh Bank', 'Cell', 'K. Jong']);
  });

  it('escapes hostile labels and titles', () => {
    const hostile = entity('<script>alert(1)</script>');
    const quote = entity(`O'Brien & "Sons"`, 'Organization');
    const claim = aClaimSummaryBetween(hostile, 'paid <b>&amp;</b>', quote);
    const svg = drawChartForReport({
      data: { entities: [hostile, quote], claims: [claim] },
      chart: chart(),
      title: '</title><script>x</script>',
    }).svg;
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    const doc = parse(svg);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.querySelector('title')!.textContent).toBe('</title><script>x</script>');
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining([
        '<script>alert(1)</script>',
        `O'Brien & "Sons"`,
        'paid <b>&amp;</b>',
      ]),
    );
  });

  it('fits a widely spread chart within maxWidth, bringing nodes closer before shrinking text', () => {
    const people = Array.from({ length: 6 }, (_, i) => entity(`P${i}`));
    const spread = Object.fromEntries(people.map((p, i) => [p.id, { x: i * 3000, y: 0 }]));
    const drawing = drawChartForReport({
      data: { entities: people, claims: [] },
      chart: chart({ positions: spread }),
      title: 'x',
      maxWidth: 800,
    });
    const doc = parse(drawing.svg);
    expect(drawing.width).toBeLessThanOrEqual(800);
    const [, , vbWidth, vbHeight] = viewBox(doc);
    // Brought closer: drawn at full size, not shrunk.
    expect(drawing.width).toBe(Math.ceil(vbWidth!));
    expect(drawing.height).toBe(Math.ceil(vbHeight!));
    const xs = [...nodeCentres(doc).values()].map((p) => p.x).sort((a, b) => a - b);
    expect(xs[1]! - xs[0]!).toBeGreaterThan(40);
  });

  it('shrinks the image, keeping its aspect ratio, when nodes cannot come closer', () => {
    const people = Array.from({ length: 30 }, (_, i) => entity(`Person number ${i}`));
    const row = Object.fromEntries(people.map((p, i) => [p.id, { x: i * 100, y: 0 }]));
    const drawing = drawChartForReport({
      data: { entities: people, claims: [] },
      chart: chart({ positions: row }),
      title: 'x',
      maxWidth: 600,
    });
    const doc = parse(drawing.svg);
    const [, , vbWidth, vbHeight] = viewBox(doc);
    expect(drawing.width).toBe(600);
    expect(drawing.height / drawing.width).toBeCloseTo(vbHeight! / vbWidth!, 2);
    expect(doc.documentElement.getAttribute('width')).toBe('600');
  });

  it('draws an empty chart as a valid document', () => {
    const drawing = drawChartForReport({
      data: { entities: [], claims: [] },
      chart: chart(),
      title: 'Empty',
    });
    parse(drawing.svg);
    expect(drawing.width).toBeGreaterThan(0);
  });

  it('refuses a maxWidth that is not a usable number of pixels', () => {
    for (const maxWidth of [0, -5, Number.NaN, Infinity, 99]) {
      expect(() => drawChartForReport({ data, chart: chart(), title: 'x', maxWidth })).toThrow(
        /maxWidth must be at least 100 pixels/,
      );
    }
  });
});

describe('borderPoint', () => {
  const node = (kind: ChartNodeData['kind'], size = 40): ChartNodeData => ({
    id: 'n',
    kind,
    label: 'n',
    type: 'Person',
    colour: '#000',
    darkColour: '#888',
    icon: '',
    size,
    degree: 0,
    betweenness: 0,
  });

  it('meets a disc at its radius (plus the outline) and a rounded square at its side', () => {
    const p = borderPoint(node('entity'), { x: 0, y: 0 }, { x: 100, y: 100 });
    expect(Math.hypot(p.x, p.y)).toBeCloseTo(21, 5);
    expect(borderPoint(node('literal'), { x: 0, y: 0 }, { x: 100, y: 10 })).toEqual({
      x: 21,
      y: 2.1,
    });
    // Diagonally, the rounded corner is inside the square's corner.
    const corner = borderPoint(node('literal'), { x: 0, y: 0 }, { x: 100, y: 100 });
    expect(corner.x).toBeLessThan(21);
    expect(corner.x).toBeGreaterThan(15);
    expect(corner.x).toBeCloseTo(corner.y, 5);
  });
});
