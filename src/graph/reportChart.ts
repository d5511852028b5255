/**
 * A saved chart drawn for a case report, with no canvas on screen: the elements the chart shows
 * (toElements: scope, filters, groups, sizes, literal nodes), at the chart's saved positions, the
 * nodes without one laid out on a headless Cytoscape, written by our own SVG writer (chartToSvg).
 * No DOM: runs in Node tests and in workers. The caller passes only what the report includes,
 * after redaction, so a redacted entity is simply not in `data`.
 */
// The test project compiles only what tests import, so it must be pointed at these declarations.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./modules.d.ts" />
import cytoscape from 'cytoscape';
import type { Chart, ChartLayout } from '../core';
import { chartToSvg, type SnapshotEdge, type SnapshotNode } from './chartToSvg';
// layoutEngine registers fcose with Cytoscape.
import { READABLE_SPACING, REFINE_MAX_ITERATIONS, type LayoutInput } from './layoutEngine';
import { pivotLayout } from './pivotLayout';
import { CHART_COLOURS } from './style';
import { toElements } from './toElements';
import {
  DEFAULT_GRAPH_BUDGET,
  type ChartEdgeData,
  type ChartElements,
  type ChartNodeData,
  type GraphData,
} from './types';

/** Widest image drawn unless the caller asks otherwise, in CSS pixels. */
export const REPORT_CHART_MAX_WIDTH = 1600;

/**
 * Most nodes fcose refines here. The report waits for the drawing, and cose-base runs at least
 * 5 × nodes iterations; a chart larger than this is unreadable on a page anyway, so pivot MDS
 * (the kind of placement fcose's draft makes) places it alone.
 */
export const REPORT_REFINE_NODE_LIMIT = 400;

/** What of a chart the drawing uses (a whole Chart record will do). */
export type ReportChartSettings = Pick<
  Chart,
  'positions' | 'filters' | 'layout' | 'sizeBy' | 'groups' | 'scope' | 'entityIds'
>;

export interface ReportChartInput {
  /** The entities and claim summaries the report includes (redaction already applied). */
  readonly data: GraphData;
  readonly chart: ReportChartSettings;
  /** Accessible title of the SVG document. */
  readonly title: string;
  /** Widest the image may be, in CSS pixels (default REPORT_CHART_MAX_WIDTH). */
  readonly maxWidth?: number;
}

export interface ReportChartDrawing {
  /** A standalone SVG document, every label escaped. */
  readonly svg: string;
  /** Its size in CSS pixels (the width at most maxWidth). */
  readonly width: number;
  readonly height: number;
}

interface Point {
  x: number;
  y: number;
}

/** Node labels are drawn below nodes (chartToSvg): room for one line of them. */
const LABEL_ROOM = 20;
/** Frame padding of an expanded group, as on the canvas (style.ts). */
const GROUP_PADDING = 16;
/** Smallest gap between the labels of two parallel edges, across the edges. */
const PARALLEL_LABEL_GAP = 6;
const EDGE_LABEL_HEIGHT = 12;
const EDGE_FONT = 10;
const NODE_FONT = 12;
const MAX_LABEL_CHARS = 30;
/** Golden angle: successive nodes placed around one anchor spread out. */
const GOLDEN_ANGLE = 2.399963;

function isPoint(value: unknown): value is Point {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

/** Rough text width (no font metrics without a DOM), as chartToSvg estimates it. */
function textWidth(label: string, size: number): number {
  return Math.min([...label].length, MAX_LABEL_CHARS) * size * 0.6;
}

const radius = (node: ChartNodeData): number => (Number(node.size) || 40) / 2;

// --- Placement ------------------------------------------------------------------------------

function layoutInput(elements: ChartElements): LayoutInput {
  return {
    nodes: elements.nodes.map(({ data }) =>
      data.parent !== undefined
        ? { id: data.id, size: Number(data.size) || 40, parent: data.parent }
        : { id: data.id, size: Number(data.size) || 40 },
    ),
    edges: elements.edges.map(({ data }) => ({ source: data.source, target: data.target })),
  };
}

/** Runs a Cytoscape layout on a headless instance and reads the leaves' positions back. */
function headlessLayout(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  options: Record<string, unknown>,
  start?: ReadonlyMap<string, Point>,
): Map<string, Point> {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    // Without it, a headless Cytoscape starts every node at the origin.
    layout: { name: 'preset' },
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    elements: [
      ...elements.nodes.map(({ data }) => {
        const position = start?.get(data.id);
        return position ? { data: { ...data }, position: { ...position } } : { data: { ...data } };
      }),
      ...elements.edges.map(({ data }) => ({
        data: { id: data.id, source: data.source, target: data.target },
      })),
    ],
  });
  try {
    // Every layout runs synchronously when not animated, headless included.
    cy.layout({ animate: false, fit: false, ...options } as cytoscape.LayoutOptions).run();
    const out = new Map<string, Point>();
    for (const leaf of leaves) {
      const { x, y } = cy.getElementById(leaf.id).position();
      out.set(leaf.id, { x, y });
    }
    return out;
  } finally {
    // A headless Cytoscape keeps a timer running until destroyed.
    cy.destroy();
  }
}

/**
 * The canvas's layouts on the UI thread (layout.ts), spaced for reading on a page rather than
 * zooming in: room for the labels under the nodes. A headless Cytoscape has no viewport, so the
 * layouts that fill one are given a box to fill.
 */
function simpleLayoutOptions(
  layout: 'concentric' | 'breadthfirst' | 'grid',
  count: number,
): Record<string, unknown> {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  switch (layout) {
    case 'concentric':
      return {
        name: 'concentric',
        minNodeSpacing: 80,
        // Most connected in the middle.
        concentric: (node: cytoscape.NodeSingular) => Number(node.data('degree')) || 0,
        levelWidth: () => 2,
      };
    case 'breadthfirst':
      return {
        name: 'breadthfirst',
        directed: false,
        spacingFactor: 1.1,
        boundingBox: { x1: 0, y1: 0, w: columns * 180, h: rows * 150 },
      };
    case 'grid':
      return {
        name: 'grid',
        avoidOverlap: true,
        boundingBox: { x1: 0, y1: 0, w: columns * 170, h: rows * 120 },
      };
  }
}

/**
 * fcose from a deterministic start (pivot MDS, or the seeds given), so the same chart always
 * gives the same image; `fixed` nodes keep their positions.
 */
function forceLayout(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  start: ReadonlyMap<string, Point>,
  fixed?: ReadonlyMap<string, Point>,
): Map<string, Point> {
  if (leaves.length < 2 || leaves.length > REPORT_REFINE_NODE_LIMIT) return new Map(start);
  const constraint = fixed
    ? [...fixed].map(([nodeId, position]) => ({ nodeId, position: { ...position } }))
    : undefined;
  return headlessLayout(
    elements,
    leaves,
    {
      name: 'fcose',
      quality: 'default',
      randomize: false,
      // As the canvas's refinement is capped (layoutEngine.ts); fcose keeps it for later runs too.
      numIter: REFINE_MAX_ITERATIONS,
      ...READABLE_SPACING,
      ...(constraint && constraint.length > 0 ? { fixedNodeConstraint: constraint } : {}),
    },
    start,
  );
}

function pivotStart(elements: ChartElements): Map<string, Point> {
  const input = layoutInput(elements);
  const positions = pivotLayout(input);
  const out = new Map<string, Point>();
  input.nodes.forEach((node, i) =>
    out.set(node.id, { x: positions[i * 2]!, y: positions[i * 2 + 1]! }),
  );
  return out;
}

/**
 * Starting places for nodes without a saved position: around a placed neighbour, else in a grid
 * beside the placed nodes (as the canvas places them when a preset chart gained nodes).
 */
function seedUnplaced(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  saved: ReadonlyMap<string, Point>,
): Map<string, Point> {
  const placed = new Map(saved);
  const neighbours = new Map<string, string[]>();
  for (const { data } of elements.edges) {
    if (data.source === data.target) continue;
    neighbours.set(data.source, [...(neighbours.get(data.source) ?? []), data.target]);
    neighbours.set(data.target, [...(neighbours.get(data.target) ?? []), data.source]);
  }
  const around = new Map<string, number>();
  let waiting = leaves.filter((leaf) => !placed.has(leaf.id));
  for (let progress = true; progress && waiting.length > 0;) {
    progress = false;
    const still: ChartNodeData[] = [];
    for (const leaf of waiting) {
      const anchor = (neighbours.get(leaf.id) ?? []).find((id) => placed.has(id));
      if (anchor === undefined) {
        still.push(leaf);
        continue;
      }
      const base = placed.get(anchor)!;
      const k = around.get(anchor) ?? 0;
      around.set(anchor, k + 1);
      const distance = 120 + 20 * Math.sqrt(k);
      placed.set(leaf.id, {
        x: base.x + distance * Math.cos(k * GOLDEN_ANGLE + 0.5),
        y: base.y + distance * Math.sin(k * GOLDEN_ANGLE + 0.5),
      });
      progress = true;
    }
    waiting = still;
  }
  if (waiting.length > 0) {
    let right = -Infinity;
    let top = Infinity;
    for (const { x, y } of placed.values()) {
      right = Math.max(right, x);
      top = Math.min(top, y);
    }
    if (!Number.isFinite(right)) [right, top] = [0, 0];
    const columns = Math.ceil(Math.sqrt(waiting.length));
    waiting.forEach((leaf, i) => {
      placed.set(leaf.id, {
        x: right + 160 + (i % columns) * 140,
        y: top + Math.floor(i / columns) * 110,
      });
    });
  }
  return placed;
}

function allFinite(
  positions: ReadonlyMap<string, Point>,
  leaves: readonly ChartNodeData[],
): boolean {
  return leaves.every((leaf) => isPoint(positions.get(leaf.id)));
}

/** Positions of a chart never laid out: its own layout, else concentric, else a grid. */
function layOut(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  layout: ChartLayout,
): Map<string, Point> {
  const attempts: (() => Map<string, Point>)[] = [];
  if (layout === 'fcose' || layout === 'preset') {
    attempts.push(() => forceLayout(elements, leaves, pivotStart(elements)));
  } else {
    attempts.push(() =>
      headlessLayout(elements, leaves, simpleLayoutOptions(layout, leaves.length)),
    );
  }
  attempts.push(() =>
    headlessLayout(elements, leaves, simpleLayoutOptions('concentric', leaves.length)),
  );
  attempts.push(() => headlessLayout(elements, leaves, simpleLayoutOptions('grid', leaves.length)));
  for (const attempt of attempts) {
    try {
      const positions = attempt();
      if (allFinite(positions, leaves)) return positions;
    } catch {
      // A layout that fails headless: the next one.
    }
  }
  // Grid by hand: the last resort cannot fail.
  const columns = Math.ceil(Math.sqrt(leaves.length));
  return new Map(
    leaves.map((leaf, i) => [
      leaf.id,
      { x: (i % columns) * 140, y: Math.floor(i / columns) * 110 },
    ]),
  );
}

/**
 * Where each drawn node goes: the saved position when there is one (positions of elements no
 * longer drawn are ignored); the others laid out around the saved ones, or all of them laid out
 * when none is saved. Then brought within `maxWidth` where the nodes allow (compress).
 */
function placeNodes(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  chart: ReportChartSettings,
  maxWidth: number,
): Map<string, Point> {
  const saved = new Map<string, Point>();
  for (const leaf of leaves) {
    const position: unknown = chart.positions[leaf.id];
    if (isPoint(position)) saved.set(leaf.id, { x: position.x, y: position.y });
  }
  let positions: Map<string, Point>;
  if (saved.size === leaves.length) {
    positions = saved;
  } else if (saved.size === 0) {
    positions = layOut(elements, leaves, chart.layout);
  } else {
    // The saved part first, so that the nodes placed next to it are placed at readable distances.
    compress(
      saved,
      leaves.filter((leaf) => saved.has(leaf.id)),
      maxWidth,
    );
    positions = placeAround(elements, leaves, saved);
  }
  compress(positions, leaves, maxWidth);
  return positions;
}

function placeAround(
  elements: ChartElements,
  leaves: readonly ChartNodeData[],
  saved: ReadonlyMap<string, Point>,
): Map<string, Point> {
  const seeds = seedUnplaced(elements, leaves, saved);
  try {
    const positions = forceLayout(elements, leaves, seeds, saved);
    // The saved nodes stay exactly where the investigator left them.
    for (const [id, point] of saved) positions.set(id, point);
    if (allFinite(positions, leaves)) return positions;
  } catch {
    // The seeds are a fair placement on their own.
  }
  return seeds;
}

// --- Fitting ----------------------------------------------------------------------------------

/** Half the width a node takes on the page: its disc or its label, whichever is wider. */
const halfWidth = (node: ChartNodeData): number =>
  Math.max(radius(node), textWidth(node.label, NODE_FONT) / 2);

/**
 * Brings nodes spread wider than the page closer together, keeping node and label sizes (a
 * scaled-down image would shrink the labels with them) but never so close that two nodes or
 * their labels would meet where they did not before. Positions are scaled about the centre;
 * what still does not fit is scaled down as an image (sized).
 */
function compress(
  positions: Map<string, Point>,
  leaves: readonly ChartNodeData[],
  maxWidth: number,
): void {
  if (leaves.length < 2) return;
  let x1 = Infinity;
  let x2 = -Infinity;
  let y1 = Infinity;
  let y2 = -Infinity;
  let margin = 0;
  for (const leaf of leaves) {
    const { x, y } = positions.get(leaf.id)!;
    x1 = Math.min(x1, x);
    x2 = Math.max(x2, x);
    y1 = Math.min(y1, y);
    y2 = Math.max(y2, y);
    margin = Math.max(margin, halfWidth(leaf), radius(leaf) + LABEL_ROOM);
  }
  // Height aimed at is the width: a page is taller than wide, but the caption and text need room.
  const room = maxWidth - 2 * margin - 48;
  const fit = Math.min(room / (x2 - x1 || 1), room / (y2 - y1 || 1));
  if (fit >= 1 || room <= 0) return;
  // O(n²): a chart this large is too dense to read however it is scaled.
  if (leaves.length > 1500) return;
  let floor = fit;
  for (let i = 0; i < leaves.length; i += 1) {
    const a = leaves[i]!;
    const pa = positions.get(a.id)!;
    for (let j = i + 1; j < leaves.length; j += 1) {
      const b = leaves[j]!;
      const pb = positions.get(b.id)!;
      const dx = Math.abs(pa.x - pb.x);
      const dy = Math.abs(pa.y - pb.y);
      // Apart on one axis is enough: side by side (labels' widths) or one above the other.
      const labels = Math.min(
        dx > 0 ? (halfWidth(a) + halfWidth(b) + 8) / dx : Infinity,
        dy > 0 ? (radius(a) + radius(b) + LABEL_ROOM + 4) / dy : Infinity,
      );
      // Labels that meet already (placed so by hand) must not stop the whole chart from fitting:
      // such a pair only keeps its discs apart; discs that overlap already are left as they are.
      const discs = (radius(a) + radius(b) + 4) / Math.hypot(dx, dy);
      const need = labels < 1 ? labels : discs;
      if (need < 1) floor = Math.max(floor, need);
    }
  }
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  for (const leaf of leaves) {
    const p = positions.get(leaf.id)!;
    positions.set(leaf.id, { x: cx + (p.x - cx) * floor, y: cy + (p.y - cy) * floor });
  }
}

// --- Geometry ---------------------------------------------------------------------------------

/**
 * Where the ray from the node's centre towards `toward` leaves the node as chartToSvg draws it:
 * a circle for entities, a rounded square (corner radius r / 3) for literals and groups.
 */
export function borderPoint(node: ChartNodeData, centre: Point, toward: Point): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  const length = Math.hypot(dx, dy);
  // The white outline is 2 px wide, centred on the border.
  const r = radius(node) + 1;
  if (length === 0) return { ...centre };
  const ux = dx / length;
  const uy = dy / length;
  if (node.kind === 'entity') return { x: centre.x + ux * r, y: centre.y + uy * r };
  const t = r / Math.max(Math.abs(ux), Math.abs(uy));
  const hit = { x: ux * t, y: uy * t };
  const corner = (radius(node) / 3) * (r / radius(node));
  const inner = r - corner;
  if (Math.abs(hit.x) <= inner || Math.abs(hit.y) <= inner) {
    return { x: centre.x + hit.x, y: centre.y + hit.y };
  }
  // In a rounded corner: meet the corner's circle instead.
  const ox = Math.sign(hit.x) * inner;
  const oy = Math.sign(hit.y) * inner;
  const b = ux * ox + uy * oy;
  const c = ox * ox + oy * oy - corner * corner;
  const s = b + Math.sqrt(Math.max(0, b * b - c));
  return { x: centre.x + ux * s, y: centre.y + uy * s };
}

interface Placed {
  readonly data: ChartNodeData;
  readonly at: Point;
}

function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_CHARS
    ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`
    : label;
}

/** A claim from a node to itself: a loop above the node, each further one larger. */
function loopEdge(data: ChartEdgeData, node: Placed, index: number): SnapshotEdge {
  const { at } = node;
  const reach = radius(node.data) + 50 + 30 * index;
  const side = (angle: number): Point => ({
    x: at.x + Math.cos(angle) * 100,
    y: at.y + Math.sin(angle) * 100,
  });
  return {
    data,
    from: borderPoint(node.data, at, side(-Math.PI / 2 - 0.45)),
    to: borderPoint(node.data, at, side(-Math.PI / 2 + 0.45)),
    control: { x: at.x, y: at.y - 2 * reach },
  };
}

/**
 * Edge paths between node borders. Several claims between the same two nodes (either way) get
 * curves bowed apart far enough that their labels, drawn at the curves' middles, do not meet.
 */
function edgeGeometry(
  edges: readonly ChartEdgeData[],
  nodes: ReadonlyMap<string, Placed>,
): SnapshotEdge[] {
  const pairs = new Map<string, ChartEdgeData[]>();
  for (const edge of edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    const key =
      edge.source < edge.target
        ? `${edge.source}\u0000${edge.target}`
        : `${edge.target}\u0000${edge.source}`;
    pairs.set(key, [...(pairs.get(key) ?? []), edge]);
  }
  const out: SnapshotEdge[] = [];
  for (const group of pairs.values()) {
    const first = group[0]!;
    if (first.source === first.target) {
      group.forEach((edge, i) => out.push(loopEdge(edge, nodes.get(edge.source)!, i)));
      continue;
    }
    // One direction for the whole pair, so claims each way bow to distinct sides.
    const [lowId, highId] =
      first.source < first.target ? [first.source, first.target] : [first.target, first.source];
    const low = nodes.get(lowId)!.at;
    const high = nodes.get(highId)!.at;
    const length = Math.hypot(high.x - low.x, high.y - low.y);
    const ux = length > 0 ? (high.x - low.x) / length : 1;
    const uy = length > 0 ? (high.y - low.y) / length : 0;
    const normal = { x: -uy, y: ux };
    // A label's extent across the edge: its box projected on the normal.
    const across = Math.max(
      ...group.map(
        (edge) =>
          Math.abs(normal.x) * textWidth(shortLabel(edge.label), EDGE_FONT) +
          Math.abs(normal.y) * EDGE_LABEL_HEIGHT,
      ),
    );
    const step = across + PARALLEL_LABEL_GAP;
    const middle = { x: (low.x + high.x) / 2, y: (low.y + high.y) / 2 };
    group.forEach((edge, i) => {
      const source = nodes.get(edge.source)!;
      const target = nodes.get(edge.target)!;
      // The middle of a quadratic curve lies halfway between the chord and the control point.
      const offset = 2 * (i - (group.length - 1) / 2) * step;
      if (offset === 0) {
        out.push({
          data: edge,
          from: borderPoint(source.data, source.at, target.at),
          to: borderPoint(target.data, target.at, source.at),
        });
        return;
      }
      const control = { x: middle.x + normal.x * offset, y: middle.y + normal.y * offset };
      // A curve leaves and enters its nodes heading for the control point.
      out.push({
        data: edge,
        from: borderPoint(source.data, source.at, control),
        to: borderPoint(target.data, target.at, control),
        control,
      });
    });
  }
  return out;
}

/** Frames of expanded groups around their members, labels included, as Cytoscape sizes them. */
function groupFrames(parents: readonly ChartNodeData[], leaves: readonly Placed[]): SnapshotNode[] {
  const frames: SnapshotNode[] = [];
  for (const parent of parents) {
    const members = leaves.filter((leaf) => leaf.data.parent === parent.id);
    if (members.length === 0) continue;
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const { data, at } of members) {
      const r = radius(data);
      const half = halfWidth(data);
      x1 = Math.min(x1, at.x - half);
      x2 = Math.max(x2, at.x + half);
      y1 = Math.min(y1, at.y - r);
      y2 = Math.max(y2, at.y + r + LABEL_ROOM);
    }
    frames.push({
      data: parent,
      x: (x1 + x2) / 2,
      y: (y1 + y2) / 2,
      width: x2 - x1 + 2 * GROUP_PADDING,
      height: y2 - y1 + 2 * GROUP_PADDING,
      isParent: true,
    });
  }
  return frames;
}

// --- Drawing ----------------------------------------------------------------------------------

/** Sets the displayed size of chartToSvg's document (its view box stays: the drawing scales). */
function sized(svg: string, maxWidth: number): ReportChartDrawing {
  const root = /<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg);
  const naturalWidth = Number(root?.[1] ?? 0);
  const naturalHeight = Number(root?.[2] ?? 0);
  if (!root || naturalWidth <= maxWidth) {
    return { svg, width: naturalWidth, height: naturalHeight };
  }
  const width = Math.floor(maxWidth);
  const height = Math.max(1, Math.round((naturalHeight * width) / naturalWidth));
  const tag = root[0].replace(
    `width="${naturalWidth}" height="${naturalHeight}"`,
    `width="${width}" height="${height}"`,
  );
  return { svg: svg.replace(root[0], tag), width, height };
}

/**
 * Draws a saved chart as a standalone SVG for a report: what the chart shows on screen (its
 * scope, filters, groups and sizes) at its saved positions, nodes without one laid out headless.
 * Throws a RangeError for a maxWidth that is not a positive number (a programming error).
 */
export function drawChartForReport(input: ReportChartInput): ReportChartDrawing {
  const maxWidth = input.maxWidth ?? REPORT_CHART_MAX_WIDTH;
  if (!Number.isFinite(maxWidth) || maxWidth < 100) {
    throw new RangeError(`maxWidth must be at least 100 pixels, not ${String(maxWidth)}.`);
  }
  const { chart } = input;
  const elements = toElements(input.data, {
    filters: chart.filters,
    scope: chart.scope,
    entityIds: chart.entityIds,
    groups: chart.groups,
    sizeBy: chart.sizeBy,
    budget: DEFAULT_GRAPH_BUDGET,
  });
  const frameIds = new Set(
    elements.nodes.flatMap(({ data }) => (data.parent ? [data.parent] : [])),
  );
  const parents = elements.nodes.filter(({ data }) => frameIds.has(data.id)).map((n) => n.data);
  const leaves = elements.nodes.filter(({ data }) => !frameIds.has(data.id)).map((n) => n.data);

  const positions = placeNodes(elements, leaves, chart, maxWidth);

  const placed = new Map<string, Placed>(
    leaves.map((data) => [data.id, { data, at: positions.get(data.id)! }]),
  );
  const nodes: SnapshotNode[] = [
    ...groupFrames(parents, [...placed.values()]),
    ...[...placed.values()].map(({ data, at }) => ({
      data,
      x: at.x,
      y: at.y,
      width: Number(data.size) || 40,
      height: Number(data.size) || 40,
    })),
  ];
  const edges = edgeGeometry(
    elements.edges.map((e) => e.data),
    placed,
  );
  const svg = chartToSvg({
    nodes,
    edges,
    background: CHART_COLOURS.background,
    title: input.title,
  });
  return sized(svg, maxWidth);
}
