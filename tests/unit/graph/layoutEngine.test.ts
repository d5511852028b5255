import { describe, expect, it } from 'vitest';
import { computeLayout, type LayoutEvent } from '../../../src/graph/layoutEngine';

function ring(n: number) {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, size: 40 }));
  const edges = nodes.map((node, i) => ({ source: node.id, target: `n${(i + 1) % n}` }));
  return { nodes, edges };
}

async function events(input: Parameters<typeof computeLayout>[0]): Promise<LayoutEvent[]> {
  const seen: LayoutEvent[] = [];
  await computeLayout(input, (event) => seen.push(event));
  return seen;
}

function distinctPoints(positions: Float64Array): number {
  const points = new Set<string>();
  for (let i = 0; i < positions.length; i += 2) {
    expect(Number.isFinite(positions[i])).toBe(true);
    expect(Number.isFinite(positions[i + 1])).toBe(true);
    points.add(`${Math.round(positions[i]!)},${Math.round(positions[i + 1]!)}`);
  }
  return points.size;
}

describe('computeLayout (fcose, headless)', () => {
  it('reports draft positions, refinement progress, then final positions', async () => {
    const seen = await events(ring(30));
    expect(seen[0]).toMatchObject({ kind: 'positions', phase: 'draft' });
    expect(seen.at(-1)).toMatchObject({ kind: 'positions', phase: 'done' });
    const progress = seen.flatMap((e) => (e.kind === 'progress' ? [e.fraction] : []));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const final = seen.at(-1) as Extract<LayoutEvent, { kind: 'positions' }>;
    expect(final.positions).toHaveLength(60);
    expect(distinctPoints(final.positions)).toBe(30);
  });

  it('stops after the draft when asked not to refine, and ignores edges to unknown nodes', async () => {
    const input = ring(10);
    const seen = await events({
      ...input,
      edges: [...input.edges, { source: 'n1', target: 'gone' }],
      refine: false,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'positions', phase: 'done' });
  });

  it('lays out members of a compound parent', async () => {
    const seen = await events({
      nodes: [
        { id: 'group:g', size: 40 },
        { id: 'a', size: 40, parent: 'group:g' },
        { id: 'b', size: 40, parent: 'group:g' },
        { id: 'c', size: 40 },
      ],
      edges: [{ source: 'a', target: 'c' }],
      refine: false,
    });
    expect(seen).toHaveLength(1);
  });
});
