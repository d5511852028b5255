import { describe, expect, it } from 'vitest';
import { pivotLayout } from '../../../src/graph/pivotLayout';

function point(positions: Float64Array, i: number) {
  return { x: positions[i * 2]!, y: positions[i * 2 + 1]! };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

/** A w × h grid graph: each node linked to its right and lower neighbours. */
function grid(w: number, h: number) {
  const nodes = Array.from({ length: w * h }, (_, i) => ({ id: `n${i}`, size: 40 }));
  const edges: { source: string; target: string }[] = [];
  for (let i = 0; i < w * h; i += 1) {
    if (i % w < w - 1) edges.push({ source: `n${i}`, target: `n${i + 1}` });
    if (i + w < w * h) edges.push({ source: `n${i}`, target: `n${i + w}` });
  }
  return { nodes, edges };
}

describe('pivotLayout (pivot MDS)', () => {
  it('keeps linked nodes closer than distant ones, with room for the nodes', () => {
    const positions = pivotLayout(grid(30, 30));
    const corner = point(positions, 0);
    const next = point(positions, 1);
    const far = point(positions, 899);
    expect(distance(corner, next)).toBeLessThan(distance(corner, far) / 10);
    // The grid's diagonal spans about √n nodes × 40 px × 1.5.
    expect(distance(corner, far)).toBeGreaterThan(30 * 40);
    for (const value of positions) expect(Number.isFinite(value)).toBe(true);
  });

  it('is deterministic', () => {
    expect(pivotLayout(grid(12, 8))).toEqual(pivotLayout(grid(12, 8)));
  });

  it('packs components apart and leaves group frames to their members', () => {
    const positions = pivotLayout({
      nodes: [
        { id: 'a', size: 40 },
        { id: 'b', size: 40 },
        { id: 'c', size: 40 },
        { id: 'lonely', size: 40 },
        { id: 'group:g', size: 40 },
        { id: 'm', size: 40, parent: 'group:g' },
      ],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'a', target: 'gone' },
      ],
    });
    const points = [0, 1, 2, 3, 5].map((i) => point(positions, i));
    for (const p of points) {
      for (const q of points) if (p !== q) expect(distance(p, q)).toBeGreaterThan(40);
    }
    expect(point(positions, 4)).toEqual({ x: 0, y: 0 });
  });
});
