/**
 * Force-directed layout (fcose) on a headless Cytoscape: the work the layout worker does, kept
 * free of worker plumbing so it runs in Node tests too. A quick 'draft' pass (spectral) gives
 * first positions; small graphs then get a 'default' refinement pass, which reports progress.
 */
// The test project compiles only what tests import, so it must be pointed at these declarations.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./modules.d.ts" />
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import coseBase from 'cose-base';
import { pivotLayout, REFINE_NODE_LIMIT } from './pivotLayout';

cytoscape.use(fcose);

/**
 * Refinement iterations at most. cose-base runs at least 5 × nodes iterations (≈ 20 s for 1,000
 * nodes here); the layout has settled long before that.
 */
export const REFINE_MAX_ITERATIONS = 800;
const CONVERGENCE_CHECK_PERIOD = 100;
/**
 * Spacing of the refinement pass (fcose defaults: repulsion 4500, edge length 50): room for the
 * labels under the nodes of charts small enough to read at once. Measured on a 200-node, 300-link
 * chart: 68 overlapping node pairs with the defaults, 1 with these; 7-node charts get ~190 px links.
 */
export const READABLE_SPACING = { nodeRepulsion: 200000, idealEdgeLength: 150 };

export interface LayoutInputNode {
  readonly id: string;
  readonly size: number;
  readonly parent?: string;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutInputNode[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  /** Refine after the draft (default: when the graph has at most REFINE_NODE_LIMIT nodes). */
  readonly refine?: boolean;
}

/** Positions in node order: x0, y0, x1, y1, … */
export type PositionArray = Float64Array;

export type LayoutEvent =
  | {
      readonly kind: 'positions';
      readonly phase: 'draft' | 'done';
      readonly positions: PositionArray;
    }
  | { readonly kind: 'progress'; readonly fraction: number };

// Progress hook: fcose runs cose-base's loop synchronously, so its tick is the only place to
// observe it. One hook for the module, pointed at the run in progress.
let onTick: ((done: number, total: number) => void) | undefined;
let hooked = false;

function hookCoseBase(): void {
  if (hooked) return;
  hooked = true;
  const proto = coseBase.CoSELayout.prototype;
  const init = proto.initSpringEmbedder;
  proto.initSpringEmbedder = function (this) {
    init.call(this);
    if (this.maxIterations > REFINE_MAX_ITERATIONS) {
      this.maxIterations = REFINE_MAX_ITERATIONS;
      // The cooling schedule is derived from the iteration budget: keep them consistent.
      this.maxCoolingCycle = this.maxIterations / CONVERGENCE_CHECK_PERIOD;
    }
  };
  const tick = proto.tick;
  proto.tick = function (this) {
    const ended = tick.call(this);
    if (this.totalIterations % 20 === 0) onTick?.(this.totalIterations, this.maxIterations);
    return ended;
  };
}

function positionsOf(cy: cytoscape.Core, ids: readonly string[]): PositionArray {
  const out = new Float64Array(ids.length * 2);
  ids.forEach((id, i) => {
    const p = cy.getElementById(id).position();
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  return out;
}

function run(cy: cytoscape.Core, options: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const layout = cy.layout({ name: 'fcose', animate: false, fit: false, ...options } as never);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

/** Lays the graph out, reporting draft positions, progress and final positions through `emit`. */
export async function computeLayout(
  input: LayoutInput,
  emit: (event: LayoutEvent) => void,
): Promise<void> {
  const refine = input.refine ?? input.nodes.length <= REFINE_NODE_LIMIT;
  if (!refine) {
    // Too large to refine: the draft is what the chart shows. Pivot MDS makes the same kind of
    // placement as fcose's draft in a fraction of the time (see pivotLayout.ts).
    emit({ kind: 'positions', phase: 'done', positions: pivotLayout(input) });
    return;
  }
  hookCoseBase();
  const ids = input.nodes.map((n) => n.id);
  const known = new Set(ids);
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    elements: [
      ...input.nodes.map((n) => ({
        data: n.parent !== undefined && known.has(n.parent) ? n : { id: n.id, size: n.size },
      })),
      ...input.edges
        .filter((e) => known.has(e.source) && known.has(e.target))
        .map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
  });
  // fcose's own spacing defaults: measured faster than wider spacing (1.5 s vs 2.0 s at 5k/10k).
  await run(cy, { quality: 'draft', randomize: true });
  emit({ kind: 'positions', phase: 'draft', positions: positionsOf(cy, ids) });
  onTick = (done, total) => emit({ kind: 'progress', fraction: Math.min(1, done / total) });
  try {
    await run(cy, { quality: 'default', randomize: false, ...READABLE_SPACING });
  } finally {
    onTick = undefined;
  }
  emit({ kind: 'positions', phase: 'done', positions: positionsOf(cy, ids) });
}
