/**
 * Running a layout on the live canvas. fcose runs in a Web Worker (draft positions first, then a
 * refinement pass with progress for small graphs; cancelling terminates the worker and keeps the
 * positions shown). The other layouts are fast enough for the UI thread.
 */
import type cytoscape from 'cytoscape';
import type { ChartLayout } from '../core';
import type { LayoutEvent, LayoutInput } from './layoutEngine';
import { pivotLayout, REFINE_NODE_LIMIT } from './pivotLayout';
import type { LayoutWorkerMessage } from './layout.worker';
import type { ChartElements, LayoutProgress } from './types';

export interface LayoutRun {
  /** Stops the run; positions already shown stay. */
  cancel(): void;
}

export interface LayoutCallbacks {
  readonly onProgress: (progress: LayoutProgress) => void;
  /** The layout moved nodes (draft or final positions). */
  readonly onPositions: () => void;
}

/** Nodes a layout places: not the link-mode helpers, not group frames (they follow members). */
export function layoutNodes(cy: cytoscape.Core): cytoscape.NodeCollection {
  return cy.nodes().filter((n) => !n.hasClass('link-cursor'));
}

/** Edges of the chart, without link mode's preview line. */
export function chartEdges(cy: cytoscape.Core): cytoscape.EdgeCollection {
  return cy.edges().not('.link-preview');
}

const FIT_PADDING = 30;
/** Room for the labels under the nodes, which fitView leaves out of its sums. */
const LABEL_ROOM = 24;

/**
 * Fits the view to the nodes from their positions and sizes. cy.fit() measures every label of
 * every element first: 2–3 s for 15,000 elements here, where this takes a few milliseconds.
 */
export function fitView(cy: cytoscape.Core, nodes = layoutNodes(cy)): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((node) => {
    if (node.isParent()) return;
    const { x, y } = node.position();
    const r = (Number(node.data('size')) || 40) / 2;
    x1 = Math.min(x1, x - r);
    y1 = Math.min(y1, y - r);
    x2 = Math.max(x2, x + r);
    y2 = Math.max(y2, y + r + LABEL_ROOM);
  });
  if (!Number.isFinite(x1)) return;
  const width = cy.width() - 2 * FIT_PADDING;
  const height = cy.height() - 2 * FIT_PADDING;
  if (width <= 0 || height <= 0) return;
  const zoom = Math.min(
    cy.maxZoom(),
    Math.max(cy.minZoom(), Math.min(width / (x2 - x1 || 1), height / (y2 - y1 || 1))),
  );
  cy.viewport({
    zoom,
    pan: {
      x: cy.width() / 2 - zoom * ((x1 + x2) / 2),
      y: cy.height() / 2 - zoom * ((y1 + y2) / 2),
    },
  });
}

function applyPositions(cy: cytoscape.Core, ids: readonly string[], positions: Float64Array): void {
  cy.batch(() => {
    ids.forEach((id, i) => {
      const node = cy.getElementById(id);
      // Frames of expanded groups are placed by their members.
      if (node.empty() || node.isParent()) return;
      node.position({ x: positions[i * 2]!, y: positions[i * 2 + 1]! });
    });
  });
}

/**
 * The layout input straight from the elements handed to the canvas, before they are added to it:
 * the worker can then start (and load its code) while the main thread adds and draws them.
 */
export function elementsLayoutInput(elements: ChartElements): LayoutInput {
  return {
    nodes: elements.nodes.map(({ data }) =>
      data.parent !== undefined
        ? { id: data.id, size: Number(data.size) || 40, parent: data.parent }
        : { id: data.id, size: Number(data.size) || 40 },
    ),
    edges: elements.edges.map(({ data }) => ({ source: data.source, target: data.target })),
  };
}

/**
 * The first force-directed placement of a chart too large to refine, computed on this thread:
 * pivot MDS takes tens of milliseconds, so the elements are drawn once, already placed, instead
 * of drawn, laid out in the worker and drawn again (two full drawings on two cores shared with
 * the worker). Undefined when the chart is small enough for fcose to refine (the worker's job).
 */
export function quickPlacement(input: LayoutInput): Float64Array | undefined {
  if (input.refine ?? input.nodes.length <= REFINE_NODE_LIMIT) return undefined;
  return pivotLayout(input);
}

function layoutInput(cy: cytoscape.Core): { ids: string[]; input: LayoutInput } {
  const nodes = layoutNodes(cy);
  const ids = nodes.map((n) => n.id());
  const input: LayoutInput = {
    nodes: nodes.map((n) => {
      const parent = n.parent().first();
      const size = Number(n.data('size')) || 40;
      return parent.nonempty() ? { id: n.id(), size, parent: parent.id() } : { id: n.id(), size };
    }),
    edges: chartEdges(cy).map((e) => ({ source: e.source().id(), target: e.target().id() })),
  };
  return { ids, input };
}

type Listener = (message: Exclude<LayoutWorkerMessage, { kind: 'ready' }>) => void;

function newWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-layout',
  });
}

/** A worker started ahead of the next layout, and whether it has loaded. */
let spare: { worker: Worker; ready: Promise<void> } | undefined;

/**
 * Starts a layout worker ahead of need (resolves once it has loaded). Starting a worker needs the
 * page's main thread: one started just before the first drawing of a large chart waited for it
 * (seconds) before it even received its graph.
 */
export function prepareLayoutWorker(): Promise<void> {
  if (typeof Worker === 'undefined') return Promise.resolve();
  if (!spare) {
    const worker = newWorker();
    const ready = new Promise<void>((resolve) => {
      const onMessage = (event: MessageEvent<LayoutWorkerMessage>) => {
        if (event.data.kind !== 'ready') return;
        worker.removeEventListener('message', onMessage);
        resolve();
      };
      worker.addEventListener('message', onMessage);
      // A worker that fails to load is reported by the layout that uses it.
      worker.addEventListener('error', () => resolve(), { once: true });
    });
    spare = { worker, ready };
  }
  return spare.ready;
}

function takeWorker(): Worker {
  const worker = spare?.worker ?? newWorker();
  spare = undefined;
  return worker;
}

/** Starts the layout worker, or (where there is no Worker, as in tests) runs on this thread. */
function startEngine(input: LayoutInput, listen: Listener): { stop(): void } {
  if (typeof Worker === 'undefined') {
    let stopped = false;
    void import('./layoutEngine')
      .then(({ computeLayout }) =>
        computeLayout(input, (event: LayoutEvent) => {
          if (!stopped) listen(event);
        }),
      )
      .catch((error: unknown) => {
        if (!stopped) listen({ kind: 'failed', message: String(error) });
      });
    return { stop: () => (stopped = true) };
  }
  const worker = takeWorker();
  worker.addEventListener('message', (event: MessageEvent<LayoutWorkerMessage>) => {
    if (event.data.kind !== 'ready') listen(event.data);
  });
  worker.addEventListener('error', (event) =>
    listen({ kind: 'failed', message: event.message || 'The layout worker stopped.' }),
  );
  worker.postMessage(input);
  return { stop: () => worker.terminate() };
}

function runFcose(
  cy: cytoscape.Core,
  callbacks: LayoutCallbacks,
  given: LayoutInput | undefined,
): LayoutRun {
  const { ids, input } = given
    ? { ids: given.nodes.map((n) => n.id), input: given }
    : layoutInput(cy);
  let finished = false;
  callbacks.onProgress({ phase: 'draft', fraction: 0, message: 'Laying out…' });
  const engine = startEngine(input, (message) => {
    if (finished || cy.destroyed()) return;
    if (message.kind === 'failed') {
      finished = true;
      engine.stop();
      callbacks.onProgress({ phase: 'failed', fraction: 0, message: message.message });
      return;
    }
    if (message.kind === 'progress') {
      callbacks.onProgress({ phase: 'refine', fraction: message.fraction, message: 'Refining…' });
      return;
    }
    applyPositions(cy, ids, message.positions);
    if (message.phase === 'draft') {
      fitView(cy);
      callbacks.onPositions();
      callbacks.onProgress({ phase: 'refine', fraction: 0, message: 'Refining…' });
      return;
    }
    finished = true;
    engine.stop();
    fitView(cy);
    callbacks.onPositions();
    callbacks.onProgress({ phase: 'done', fraction: 1 });
  });
  return {
    cancel() {
      if (finished) return;
      finished = true;
      engine.stop();
      callbacks.onProgress({ phase: 'cancelled', fraction: 0, message: 'Layout cancelled.' });
    },
  };
}

function mainThreadOptions(
  layout: 'concentric' | 'breadthfirst' | 'grid',
): cytoscape.LayoutOptions {
  switch (layout) {
    case 'concentric':
      return {
        name: 'concentric',
        animate: false,
        fit: false,
        minNodeSpacing: 24,
        // Most connected in the middle.
        concentric: (node: cytoscape.NodeSingular) => Number(node.data('degree')) || 0,
        levelWidth: () => 2,
      };
    case 'breadthfirst':
      return {
        name: 'breadthfirst',
        animate: false,
        fit: false,
        directed: false,
        spacingFactor: 1.1,
      };
    case 'grid':
      return { name: 'grid', animate: false, fit: false, avoidOverlap: true };
  }
}

/**
 * Saved positions for the nodes that have one; the others are laid out in a grid beside them
 * (a quick layout of just those), so a chart opened after new entities arrived stays as it was.
 */
function runPreset(
  cy: cytoscape.Core,
  saved: Readonly<Record<string, { readonly x: number; readonly y: number }>>,
  callbacks: LayoutCallbacks,
): LayoutRun | undefined {
  const nodes = layoutNodes(cy).filter((n) => !n.isParent());
  const placed = nodes.filter((n) => isPoint(saved[n.id()]));
  if (placed.empty() && nodes.nonempty()) return undefined;
  cy.batch(() => {
    placed.forEach((n) => {
      n.position(saved[n.id()]!);
    });
  });
  const unplaced = nodes.difference(placed);
  if (unplaced.nonempty()) {
    const box = { x1: Infinity, y1: Infinity, x2: -Infinity };
    placed.forEach((n) => {
      const { x, y } = n.position();
      box.x1 = Math.min(box.x1, x);
      box.y1 = Math.min(box.y1, y);
      box.x2 = Math.max(box.x2, x);
    });
    if (placed.empty()) Object.assign(box, { x1: 0, y1: 0, x2: 0 });
    const side = Math.ceil(Math.sqrt(unplaced.length)) * 90;
    unplaced
      .layout({
        name: 'grid',
        animate: false,
        fit: false,
        avoidOverlap: true,
        boundingBox: { x1: box.x2 + 120, y1: box.y1, w: side, h: side },
      })
      .run();
  }
  fitView(cy);
  callbacks.onPositions();
  callbacks.onProgress({ phase: 'done', fraction: 1 });
  return { cancel() {} };
}

function isPoint(value: unknown): value is { x: number; y: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

/**
 * Runs `layout` on the canvas; 'preset' with no saved position at all falls back to fcose.
 * `input` (fcose only) is the graph to lay out when the canvas does not hold it yet: the elements
 * must be on the canvas before the first positions come back (the worker answers in a later task).
 */
export function startLayout(
  cy: cytoscape.Core,
  layout: ChartLayout,
  saved: Readonly<Record<string, { readonly x: number; readonly y: number }>>,
  callbacks: LayoutCallbacks,
  input?: LayoutInput,
): LayoutRun {
  if (layout === 'preset' && input === undefined) {
    const run = runPreset(cy, saved, callbacks);
    if (run) return run;
  }
  if (layout === 'fcose' || layout === 'preset') return runFcose(cy, callbacks, input);
  callbacks.onProgress({ phase: 'draft', fraction: 0 });
  try {
    layoutNodes(cy).layout(mainThreadOptions(layout)).run();
    fitView(cy);
  } catch (error) {
    callbacks.onProgress({ phase: 'failed', fraction: 0, message: String(error) });
    return { cancel() {} };
  }
  callbacks.onPositions();
  callbacks.onProgress({ phase: 'done', fraction: 1 });
  return { cancel() {} };
}
