/**
 * The chart as a standalone SVG document, drawn by us from a plain snapshot of the canvas
 * (positions and the elements' data), so it is a pure function tested in Node. Labels are
 * investigator text: every one is escaped, never markup. Always in the light palette (CHART_COLOURS,
 * node `colour`), whatever the app theme: exports are printed.
 */
import { CHART_COLOURS, LOW_CREDIBILITY } from './style';
import type { ChartEdgeData, ChartNodeData } from './types';

export interface SnapshotNode {
  readonly data: ChartNodeData;
  /** Centre of the node. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** An expanded group's frame (drawn beneath the rest). */
  readonly isParent?: boolean;
}

export interface SnapshotEdge {
  readonly data: ChartEdgeData;
  /** Where the line leaves the source and meets the target (node borders). */
  readonly from: { readonly x: number; readonly y: number };
  readonly to: { readonly x: number; readonly y: number };
  /** Quadratic control point, for a curved edge. */
  readonly control?: { readonly x: number; readonly y: number };
}

export interface ChartSnapshot {
  readonly nodes: readonly SnapshotNode[];
  readonly edges: readonly SnapshotEdge[];
  readonly background?: string;
  /** Accessible title of the document. */
  readonly title?: string;
}

const PADDING = 24;
const NODE_FONT = 12;
const EDGE_FONT = 10;
const MAX_LABEL_CHARS = 30;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_CHARS
    ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`
    : label;
}

const num = (value: number): string => String(Math.round(value * 10) / 10);

/** How an edge is drawn: the same rules as the canvas stylesheet (style.ts). */
export function edgeVisual(data: ChartEdgeData): {
  colour: string;
  opacity: number;
  width: number;
  dash?: string;
} {
  let colour: string = CHART_COLOURS.edge;
  let opacity = data.credibility >= LOW_CREDIBILITY ? 0.45 : 1;
  let width = 1.5;
  let dash: string | undefined;
  if (data.status === 'disputed') dash = '6 4';
  if (data.analystAssertion) dash = '2 4';
  if (data.status === 'refuted') {
    colour = CHART_COLOURS.danger;
    opacity = 0.5;
  }
  if (data.orphanedEvidence) {
    colour = CHART_COLOURS.warning;
    width = 2.5;
  }
  return { colour, opacity, width, dash };
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function grow(box: Box, x1: number, y1: number, x2: number, y2: number): void {
  box.x1 = Math.min(box.x1, x1);
  box.y1 = Math.min(box.y1, y1);
  box.x2 = Math.max(box.x2, x2);
  box.y2 = Math.max(box.y2, y2);
}

/** Rough text width (no font metrics in Node): enough to fit the view box around labels. */
const textWidth = (text: string, size: number): number => [...text].length * size * 0.6;

function edgeSvg(edge: SnapshotEdge, box: Box): string {
  const { from, to, control } = edge;
  const visual = edgeVisual(edge.data);
  const path = control
    ? `M${num(from.x)} ${num(from.y)} Q${num(control.x)} ${num(control.y)} ${num(to.x)} ${num(to.y)}`
    : `M${num(from.x)} ${num(from.y)} L${num(to.x)} ${num(to.y)}`;
  // Arrowhead along the direction the line arrives in.
  const before = control ?? from;
  const length = Math.hypot(to.x - before.x, to.y - before.y) || 1;
  const ux = (to.x - before.x) / length;
  const uy = (to.y - before.y) / length;
  const size = 8;
  const baseX = to.x - ux * size;
  const baseY = to.y - uy * size;
  const arrow = [
    [to.x, to.y],
    [baseX - uy * size * 0.5, baseY + ux * size * 0.5],
    [baseX + uy * size * 0.5, baseY - ux * size * 0.5],
  ]
    .map(([x, y]) => `${num(x!)},${num(y!)}`)
    .join(' ');
  const mid = control
    ? {
        x: 0.25 * from.x + 0.5 * control.x + 0.25 * to.x,
        y: 0.25 * from.y + 0.5 * control.y + 0.25 * to.y,
      }
    : { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  grow(
    box,
    Math.min(from.x, to.x),
    Math.min(from.y, to.y),
    Math.max(from.x, to.x),
    Math.max(from.y, to.y),
  );
  if (control) grow(box, mid.x, mid.y, mid.x, mid.y);
  const label = shortLabel(edge.data.label);
  const half = textWidth(label, EDGE_FONT) / 2;
  grow(box, mid.x - half, mid.y - EDGE_FONT, mid.x + half, mid.y + EDGE_FONT);
  const dash = visual.dash ? ` stroke-dasharray="${visual.dash}"` : '';
  return (
    `<g class="edge" opacity="${visual.opacity}">` +
    `<path d="${path}" fill="none" stroke="${visual.colour}" stroke-width="${visual.width}"${dash}/>` +
    `<polygon points="${arrow}" fill="${visual.colour}"/>` +
    (label
      ? `<text x="${num(mid.x)}" y="${num(mid.y)}" dy="0.35em" font-size="${EDGE_FONT}" fill="${visual.colour === CHART_COLOURS.edge ? CHART_COLOURS.edgeLabel : visual.colour}" text-anchor="middle" stroke="${CHART_COLOURS.textOutline}" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`
      : '') +
    `</g>`
  );
}

function nodeSvg(node: SnapshotNode, box: Box): string {
  const { x, y, width, height, data } = node;
  const label = shortLabel(data.label);
  const half = textWidth(label, NODE_FONT) / 2;
  if (node.isParent) {
    const x1 = x - width / 2;
    const y1 = y - height / 2;
    grow(box, x1, y1 - NODE_FONT - 6, x1 + width, y1 + height);
    grow(box, x - half, y1 - NODE_FONT - 6, x + half, y1);
    return (
      `<g class="group">` +
      `<rect x="${num(x1)}" y="${num(y1)}" width="${num(width)}" height="${num(height)}" rx="8" fill="${CHART_COLOURS.groupFill}" fill-opacity="0.7" stroke="${CHART_COLOURS.groupBorder}" stroke-dasharray="4 3"/>` +
      `<text x="${num(x)}" y="${num(y1 - 6)}" font-size="${NODE_FONT}" font-weight="bold" fill="${CHART_COLOURS.text}" text-anchor="middle">${escapeXml(label)}</text>` +
      `</g>`
    );
  }
  const r = Math.min(width, height) / 2;
  const labelY = y + r + 4 + NODE_FONT;
  grow(box, x - r, y - r, x + r, y + r);
  grow(box, x - half, labelY - NODE_FONT, x + half, labelY + 4);
  const shape =
    data.kind === 'entity'
      ? `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${escapeXml(data.colour)}" stroke="${CHART_COLOURS.nodeBorder}" stroke-width="2"/>`
      : `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" rx="${num(r / 3)}" fill="${escapeXml(data.colour)}" stroke="${CHART_COLOURS.nodeBorder}" stroke-width="2"/>`;
  const icon = r * 0.58;
  return (
    `<g class="node">` +
    shape +
    (data.icon
      ? `<image href="${escapeXml(data.icon)}" x="${num(x - icon)}" y="${num(y - icon)}" width="${num(2 * icon)}" height="${num(2 * icon)}"/>`
      : '') +
    (label
      ? `<text x="${num(x)}" y="${num(labelY)}" font-size="${NODE_FONT}" fill="${CHART_COLOURS.text}" text-anchor="middle" stroke="${CHART_COLOURS.textOutline}" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`
      : '') +
    `</g>`
  );
}

/** A standalone SVG document of the chart, its view box fitted to the content. */
export function chartToSvg(snapshot: ChartSnapshot): string {
  const box: Box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  const parents = snapshot.nodes.filter((n) => n.isParent).map((n) => nodeSvg(n, box));
  const edges = snapshot.edges.map((e) => edgeSvg(e, box));
  const nodes = snapshot.nodes.filter((n) => !n.isParent).map((n) => nodeSvg(n, box));
  if (!Number.isFinite(box.x1)) Object.assign(box, { x1: 0, y1: 0, x2: 0, y2: 0 });
  const x = box.x1 - PADDING;
  const y = box.y1 - PADDING;
  const width = box.x2 - box.x1 + 2 * PADDING;
  const height = box.y2 - box.y1 + 2 * PADDING;
  const background = snapshot.background ?? CHART_COLOURS.background;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(x)} ${num(y)} ${num(width)} ${num(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="${escapeXml(FONT)}" role="img">` +
    (snapshot.title ? `<title>${escapeXml(snapshot.title)}</title>` : '') +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${escapeXml(background)}"/>` +
    `<g class="groups">${parents.join('')}</g>` +
    `<g class="edges">${edges.join('')}</g>` +
    `<g class="nodes">${nodes.join('')}</g>` +
    `</svg>\n`
  );
}
