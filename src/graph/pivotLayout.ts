/**
 * Pivot MDS (Brandes & Pich, "Eigensolver methods for progressive multidimensional scaling of
 * large data", 2006) on plain arrays: the kind of placement fcose's draft pass makes (breadth-first
 * distances from a few greedily chosen pivot nodes, projected on their two main axes), without
 * Cytoscape collections. fcose's draft spends ~1.5 s of its ~2 s at 5,000 nodes on collection
 * operations; this takes tens of milliseconds, so a chart too large to refine is placed before
 * its first drawing.
 */
import type { LayoutInput, PositionArray } from './layoutEngine';

/**
 * Above this many nodes fcose's refinement would take minutes: such charts are placed by pivot
 * MDS alone, quick enough to run on the page before the first drawing.
 */
export const REFINE_NODE_LIMIT = 1500;

/** Pivots (breadth-first searches) per component: fcose's default sample size. */
const PIVOTS = 25;
const POWER_ITERATIONS = 200;
/** Mean room per node, in node diameters (centre to centre). */
const SPACING = 1.5;
/** Gap between packed components, in model units. */
const COMPONENT_GAP = 80;

interface Component {
  readonly members: number[];
  /** Positions relative to the component's top-left corner. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly width: number;
  readonly height: number;
}

function adjacency(input: LayoutInput, index: Map<string, number>, placed: Uint8Array): number[][] {
  const neighbours: number[][] = input.nodes.map(() => []);
  for (const edge of input.edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined || a === b || !placed[a] || !placed[b]) continue;
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  }
  return neighbours;
}

/** Breadth-first distances from `from` within one component (members' local indexes). */
function bfs(
  from: number,
  local: Int32Array,
  members: number[],
  neighbours: number[][],
): Int32Array {
  const dist = new Int32Array(members.length).fill(-1);
  const queue = new Int32Array(members.length);
  let head = 0;
  let tail = 0;
  queue[tail++] = from;
  dist[from] = 0;
  while (head < tail) {
    const current = queue[head++]!;
    for (const next of neighbours[members[current]!]!) {
      const j = local[next]!;
      if (dist[j] !== -1) continue;
      dist[j] = dist[current]! + 1;
      queue[tail++] = j;
    }
  }
  return dist;
}

/**
 * The top eigenvector of the symmetric k × k matrix `m` by power iteration, kept orthogonal to
 * `against` (to find the second one), and its eigenvalue.
 */
function eigenvector(
  m: Float64Array,
  k: number,
  start: (i: number) => number,
  against?: Float64Array,
): { vector: Float64Array; value: number } {
  const v = new Float64Array(k).map((_, i) => start(i));
  const next = new Float64Array(k);
  let value = 0;
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration += 1) {
    if (against) {
      let dot = 0;
      for (let i = 0; i < k; i += 1) dot += v[i]! * against[i]!;
      for (let i = 0; i < k; i += 1) v[i] = v[i]! - dot * against[i]!;
    }
    for (let i = 0; i < k; i += 1) {
      let sum = 0;
      for (let j = 0; j < k; j += 1) sum += m[i * k + j]! * v[j]!;
      next[i] = sum;
    }
    let norm = 0;
    for (let i = 0; i < k; i += 1) norm += next[i]! * next[i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    for (let i = 0; i < k; i += 1) v[i] = next[i]! / norm;
    value = norm;
  }
  return { vector: v, value };
}

/** One connected component laid out by pivot MDS, scaled to give its nodes room. */
function layoutComponent(
  members: number[],
  local: Int32Array,
  neighbours: number[][],
  sizes: readonly number[],
): Component {
  const n = members.length;
  const meanSize = members.reduce((sum, i) => sum + sizes[i]!, 0) / n;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n <= 2) {
    if (n === 2) x[1] = meanSize * SPACING;
    return { members, x, y, width: x[n - 1]!, height: 0 };
  }
  // Pivots: the best-connected node first, then each time the node farthest from those chosen.
  const k = Math.min(PIVOTS, n);
  let first = 0;
  for (let i = 1; i < n; i += 1) {
    if (neighbours[members[i]!]!.length > neighbours[members[first]!]!.length) first = i;
  }
  const b = new Float64Array(n * k);
  const nearest = new Int32Array(n).fill(2 ** 30);
  let pivot = first;
  for (let p = 0; p < k; p += 1) {
    const dist = bfs(pivot, local, members, neighbours);
    let farthest = 0;
    for (let i = 0; i < n; i += 1) {
      b[i * k + p] = dist[i]! * dist[i]!;
      nearest[i] = Math.min(nearest[i]!, dist[i]!);
      if (nearest[i]! > nearest[farthest]!) farthest = i;
    }
    pivot = farthest;
  }
  // Double centring, -½ (d² - row mean - column mean + grand mean): rows first, then columns.
  const columnMean = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    let row = 0;
    for (let p = 0; p < k; p += 1) row += b[i * k + p]!;
    row /= k;
    for (let p = 0; p < k; p += 1) {
      b[i * k + p] = b[i * k + p]! - row;
      columnMean[p] = columnMean[p]! + b[i * k + p]! / n;
    }
  }
  for (let i = 0; i < n; i += 1) {
    for (let p = 0; p < k; p += 1) b[i * k + p] = -0.5 * (b[i * k + p]! - columnMean[p]!);
  }
  // The two main axes: the top eigenvectors of bᵀb (k × k).
  // Symmetric: the upper triangle summed (half the work, on the page before the first drawing),
  // then mirrored (the same sums, bit for bit).
  const m = new Float64Array(k * k);
  for (let i = 0; i < n; i += 1) {
    const row = i * k;
    for (let p = 0; p < k; p += 1) {
      const bp = b[row + p]!;
      for (let q = p; q < k; q += 1) m[p * k + q] = m[p * k + q]! + bp * b[row + q]!;
    }
  }
  for (let p = 0; p < k; p += 1) {
    for (let q = 0; q < p; q += 1) m[p * k + q] = m[q * k + p]!;
  }
  const first1 = eigenvector(m, k, (i) => Math.sin(1 + i * 1.618) + 1.1);
  const second = eigenvector(m, k, (i) => Math.cos(2 + i * 2.718), first1.vector);
  const axes = [first1, second] as const;
  axes.forEach(({ vector, value }, a) => {
    const out = a === 0 ? x : y;
    // Scaled as classical MDS scales its axes (by the square root of b's singular value).
    const scale = value > 0 ? 1 / Math.sqrt(Math.sqrt(value)) : 0;
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      for (let p = 0; p < k; p += 1) sum += b[i * k + p]! * vector[p]!;
      out[i] = sum * scale;
    }
  });
  // Room for the nodes: the extent of √n mean nodes, SPACING apart.
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i < n; i += 1) {
    x1 = Math.min(x1, x[i]!);
    x2 = Math.max(x2, x[i]!);
    y1 = Math.min(y1, y[i]!);
    y2 = Math.max(y2, y[i]!);
  }
  const factor = (Math.sqrt(n) * meanSize * SPACING) / Math.max(x2 - x1, y2 - y1, 1e-9);
  for (let i = 0; i < n; i += 1) {
    x[i] = (x[i]! - x1) * factor;
    y[i] = (y[i]! - y1) * factor;
  }
  return { members, x, y, width: (x2 - x1) * factor, height: (y2 - y1) * factor };
}

/**
 * Positions (x0, y0, x1, y1, … in input order) for every node; group frames (parents) are left
 * at the origin, as their members place them. Components are laid out one by one and packed in
 * rows, largest first. Deterministic: the same graph gets the same picture.
 */
export function pivotLayout(input: LayoutInput): PositionArray {
  const count = input.nodes.length;
  const positions = new Float64Array(count * 2);
  const index = new Map(input.nodes.map((node, i) => [node.id, i]));
  const frames = new Set(input.nodes.flatMap((node) => (node.parent ? [node.parent] : [])));
  const placed = new Uint8Array(count).map((_, i) => (frames.has(input.nodes[i]!.id) ? 0 : 1));
  const neighbours = adjacency(input, index, placed);
  const sizes = input.nodes.map((node) => node.size);
  const local = new Int32Array(count).fill(-1);
  const components: Component[] = [];
  for (let start = 0; start < count; start += 1) {
    if (!placed[start] || local[start] !== -1) continue;
    const members = [start];
    local[start] = 0;
    for (let head = 0; head < members.length; head += 1) {
      for (const next of neighbours[members[head]!]!) {
        if (local[next] !== -1) continue;
        local[next] = members.length;
        members.push(next);
      }
    }
    components.push(layoutComponent(members, local, neighbours, sizes));
  }
  components.sort((a, b) => b.members.length - a.members.length);
  const area = components.reduce(
    (sum, c) => sum + (c.width + COMPONENT_GAP) * (c.height + COMPONENT_GAP),
    0,
  );
  const rowWidth = Math.max(components[0]?.width ?? 0, Math.sqrt(area));
  let left = 0;
  let top = 0;
  let rowHeight = 0;
  for (const component of components) {
    if (left > 0 && left + component.width > rowWidth) {
      left = 0;
      top += rowHeight + COMPONENT_GAP;
      rowHeight = 0;
    }
    component.members.forEach((node, i) => {
      positions[node * 2] = left + component.x[i]!;
      positions[node * 2 + 1] = top + component.y[i]!;
    });
    left += component.width + COMPONENT_GAP;
    rowHeight = Math.max(rowHeight, component.height);
  }
  return positions;
}
