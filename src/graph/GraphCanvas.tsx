/**
 * The link chart canvas: one Cytoscape instance for the component's life, updated by diffing
 * the elements it is given (a selection change never rebuilds it). Large graphs are drawn with
 * Cytoscape's WebGL renderer where the browser has WebGL 2.
 */
import cytoscape from 'cytoscape';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { ChartLayout, EntityId } from '../core';
import { chartToSvg, type ChartSnapshot, type SnapshotEdge, type SnapshotNode } from './chartToSvg';
import {
  chartEdges,
  elementsLayoutInput,
  fitView,
  layoutNodes,
  prepareLayoutWorker,
  quickPlacement,
  startLayout,
  type LayoutRun,
} from './layout';
import type { LayoutInput } from './layoutEngine';
import { tuneBoundingBoxes, tuneFirstStyling } from './cytoscapeTuning';
import type { ChartTheme } from './palette';
import { CHART_COLOURS, graphStyle, LABELLED, LARGE_LABEL_ZOOM, withPrintableStyle } from './style';
import type {
  ChartEdgeData,
  ChartElements,
  ChartNodeData,
  GraphCanvasHandle,
  GraphCanvasProps,
  LayoutProgress,
} from './types';

/** From this many nodes the WebGL renderer (and cheaper styles) are used. */
export const LARGE_GRAPH_NODES = 1000;
/** Longest wait for the layout worker to load before a large chart is drawn anyway. */
const WORKER_WAIT_MS = 1000;
/** Pause in panning and zooming after which a large graph's labels in view are styled. */
const LABEL_DELAY_MS = 150;
/** Model units around the view whose nodes get labels too (their labels reach into it). */
const LABEL_MARGIN = 200;
const PAN_STEP = 60;
const ZOOM_STEP = 1.25;
const LINK_CURSOR = 'link-cursor';
const LINK_PREVIEW = 'link-preview';

type Phase = LayoutProgress['phase'] | 'idle';

let webglSupport: boolean | undefined;

/** Renderers that emulate WebGL on the CPU: slower than Cytoscape's 2D canvas renderer. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/**
 * Whether this browser can give Cytoscape a hardware WebGL 2 context (checked once). Measured in
 * headless Chromium (SwiftShader): WebGL drew 5,000 nodes + 10,000 edges in ~10 s, canvas in far less.
 */
export function webglAvailable(): boolean {
  if (webglSupport === undefined) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = info ? String(gl?.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
      webglSupport = gl !== null && !SOFTWARE_GL.test(renderer);
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webglSupport = false;
    }
  }
  return webglSupport;
}

/**
 * Cytoscape adds a <style> to <head> unless an element with this id exists; the app's CSP
 * (style-src 'self') refuses it and logs an error. The rule it adds (position: relative on the
 * container, for its absolutely placed canvases) is met by our container's own position, so an
 * inert placeholder takes its place.
 */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

function createCy(
  container: HTMLElement,
  large: boolean,
  webgl: boolean,
  theme: ChartTheme,
): cytoscape.Core {
  tuneFirstStyling();
  tuneBoundingBoxes();
  if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
    const placeholder = document.createElement('meta');
    placeholder.id = CYTOSCAPE_STYLESHEET_ID;
    document.head.append(placeholder);
  }
  const options: cytoscape.CytoscapeOptions = {
    container,
    style: graphStyle({ large, theme }),
    boxSelectionEnabled: true,
    selectionType: 'additive',
    minZoom: 0.02,
    maxZoom: 4,
    // Large canvas-drawn graphs pan a cached bitmap rather than redrawing every frame.
    textureOnViewport: large && !webgl,
    hideEdgesOnViewport: large && !webgl,
    pixelRatio: large ? 1 : 'auto',
  };
  if (webgl) {
    try {
      return cytoscape({ ...options, webgl: true, webglTexSize: 4096, webglBatchSize: 4096 });
    } catch (error) {
      console.warn('WebGL rendering failed; drawing with canvas.', error);
    }
  }
  return cytoscape(options);
}

const isHelper = (ele: cytoscape.SingularElementArgument): boolean =>
  ele.hasClass(LINK_CURSOR) || ele.hasClass(LINK_PREVIEW);

function sameData(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.join('\u0000') === y.join('\u0000')) continue;
    return false;
  }
  return true;
}

/**
 * Brings the canvas to `elements`: removes what went, updates what changed, adds what is new.
 * Returns the nodes added (to place them).
 */
function applyElements(
  cy: cytoscape.Core,
  elements: ChartElements,
  placement?: Float64Array,
): cytoscape.NodeCollection {
  if (cy.elements().empty()) return addAll(cy, elements, placement);
  const nodeData = new Map(elements.nodes.map((n) => [n.data.id, n.data]));
  const edgeData = new Map(elements.edges.map((e) => [e.data.id, e.data]));
  let added = cy.collection() as cytoscape.NodeCollection;
  cy.batch(() => {
    const stale = cy.elements().filter((ele) => {
      if (isHelper(ele)) return false;
      if (ele.isNode()) return !nodeData.has(ele.id());
      const next = edgeData.get(ele.id());
      return (
        next === undefined || next.source !== ele.source().id() || next.target !== ele.target().id()
      );
    });
    cy.remove(stale);
    const newNodes: cytoscape.ElementDefinition[] = [];
    for (const data of nodeData.values()) {
      const node = cy.getElementById(data.id);
      if (node.empty()) {
        newNodes.push({ group: 'nodes', data: { ...data } });
        continue;
      }
      const parent = node.parent().first();
      const parentId = parent.nonempty() ? parent.id() : undefined;
      if (parentId !== data.parent) node.move({ parent: data.parent ?? null });
      if (!sameData(node.data() as object, data)) node.data({ ...data });
    }
    const newEdges: cytoscape.ElementDefinition[] = [];
    for (const data of edgeData.values()) {
      const edge = cy.getElementById(data.id);
      if (edge.empty()) newEdges.push({ group: 'edges', data: { ...data } });
      else if (!sameData(edge.data() as object, data)) edge.data({ ...data });
    }
    // Parents before children (toElements orders them so), nodes before edges.
    added = cy.add(newNodes).nodes();
    cy.add(newEdges);
  });
  return added;
}

/**
 * The first elements on an empty canvas: nothing to compare with, so no lookups of ids that are
 * not there (each makes an empty collection). A first drawing with every node at the origin would
 * draw all labels on top of each other at full size (the costliest frame there is): placed
 * already (a chart too large to refine), or on a spiral until the layout runs.
 */
function addAll(
  cy: cytoscape.Core,
  elements: ChartElements,
  placement?: Float64Array,
): cytoscape.NodeCollection {
  const nodes: cytoscape.ElementDefinition[] = elements.nodes.map((n, i) => ({
    group: 'nodes',
    data: { ...n.data },
    ...(placement ? { position: { x: placement[i * 2]!, y: placement[i * 2 + 1]! } } : {}),
  }));
  const edges: cytoscape.ElementDefinition[] = elements.edges.map((e) => ({
    group: 'edges',
    data: { ...e.data },
  }));
  if (!placement) spreadOut(nodes, edges);
  let added = cy.collection() as cytoscape.NodeCollection;
  cy.batch(() => {
    added = cy.add(nodes).nodes();
    cy.add(edges);
  });
  return added;
}

/**
 * Initial positions on a golden-angle spiral (deterministic, no overlaps), in breadth-first order
 * so that linked nodes sit near each other: long lines criss-crossing the whole chart made the
 * first drawing of a large chart cost seconds on a software canvas.
 */
function spreadOut(
  nodes: cytoscape.ElementDefinition[],
  edges: readonly cytoscape.ElementDefinition[],
): void {
  const index = new Map(nodes.map((node, i) => [node.data.id as string, i]));
  const neighbours: number[][] = nodes.map(() => []);
  for (const edge of edges) {
    const a = index.get(edge.data.source as string);
    const b = index.get(edge.data.target as string);
    if (a === undefined || b === undefined) continue;
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  }
  const order: number[] = [];
  const seen = new Uint8Array(nodes.length);
  for (let start = 0; start < nodes.length; start += 1) {
    if (seen[start]) continue;
    seen[start] = 1;
    order.push(start);
    for (let head = order.length - 1; head < order.length; head += 1) {
      for (const next of neighbours[order[head]!]!) {
        if (seen[next]) continue;
        seen[next] = 1;
        order.push(next);
      }
    }
  }
  order.forEach((nodeIndex, i) => {
    const radius = 60 * Math.sqrt(i);
    nodes[nodeIndex]!.position = {
      x: radius * Math.cos(i * 2.399963),
      y: radius * Math.sin(i * 2.399963),
    };
  });
}

/** Puts nodes added to a drawn chart next to a neighbour already placed (or at the centre). */
function placeNear(cy: cytoscape.Core, added: cytoscape.NodeCollection): void {
  const extent = cy.extent();
  const centre = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  const addedIds = new Set(added.map((n) => n.id()));
  cy.batch(() => {
    added.forEach((node, i) => {
      if (node.isParent()) return;
      const anchor = node.neighborhood('node').filter((n) => !addedIds.has(n.id()))[0];
      const base = anchor ? anchor.position() : centre;
      const angle = i * 2.399963; // golden angle: successive nodes spread out
      const radius = 80 + 12 * Math.sqrt(i);
      node.position({ x: base.x + radius * Math.cos(angle), y: base.y + radius * Math.sin(angle) });
    });
  });
}

/**
 * Gives the label class (see LABELLED in style.ts) to a large graph's nodes in view, their
 * frames and their edges, once zoomed in far enough for labels to show. Classes stay on: the
 * next visit to the same place costs nothing.
 */
function labelInView(cy: cytoscape.Core): void {
  if (cy.zoom() < LARGE_LABEL_ZOOM) return;
  const { x1, y1, x2, y2 } = cy.extent();
  const inView = cy.nodes().filter((node) => {
    if (node.hasClass(LABELLED)) return false;
    const { x, y } = node.position();
    return (
      x > x1 - LABEL_MARGIN &&
      x < x2 + LABEL_MARGIN &&
      y > y1 - LABEL_MARGIN &&
      y < y2 + LABEL_MARGIN
    );
  });
  if (inView.empty()) return;
  cy.batch(() => {
    // Cytoscape restyles every element it adds a class to, had it the class already or not.
    inView
      .union(inView.parents())
      .union(inView.connectedEdges())
      .filter((ele) => !ele.hasClass(LABELLED))
      .addClass(LABELLED);
  });
}

function everyNodePlaced(cy: cytoscape.Core, positions: GraphCanvasProps['positions']): boolean {
  return layoutNodes(cy)
    .filter((n) => !n.isParent() && positions[n.id()] === undefined)
    .empty();
}

/** everyNodePlaced before the elements are on the canvas (group frames follow their members). */
function everyElementPlaced(
  elements: ChartElements,
  positions: GraphCanvasProps['positions'],
): boolean {
  const frames = new Set(elements.nodes.map((n) => n.data.parent));
  return elements.nodes.every((n) => frames.has(n.data.id) || positions[n.data.id] !== undefined);
}

function snapshot(cy: cytoscape.Core): ChartSnapshot {
  const nodes: SnapshotNode[] = layoutNodes(cy).map((n) => {
    const position = n.position();
    return {
      data: n.data() as ChartNodeData,
      x: position.x,
      y: position.y,
      width: n.isParent() ? n.outerWidth() : Number(n.data('size')) || n.width(),
      height: n.isParent() ? n.outerHeight() : Number(n.data('size')) || n.height(),
      isParent: n.isParent(),
    };
  });
  const edges: SnapshotEdge[] = chartEdges(cy).map((e) => {
    const control = (e.controlPoints() as cytoscape.Position[] | undefined)?.[0];
    return {
      data: e.data() as ChartEdgeData,
      from: e.sourceEndpoint(),
      to: e.targetEndpoint(),
      ...(control ? { control } : {}),
    };
  });
  return { nodes, edges, background: CHART_COLOURS.background };
}

export const GraphCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(
  function GraphCanvas(props, ref) {
    const { elements, label } = props;
    const containerRef = useRef<HTMLDivElement>(null);
    const [cy, setCy] = useState<cytoscape.Core>();
    const [phase, setPhase] = useState<Phase>('idle');
    const [counts, setCounts] = useState<{ nodes: number; edges: number }>();
    const [renderer, setRenderer] = useState<'webgl' | 'canvas'>('canvas');
    const layoutRun = useRef<LayoutRun | undefined>(undefined);
    const scheduleLabels = useRef<() => void>(() => {});
    // Latest props for Cytoscape's event handlers, which are bound once.
    const latest = useRef(props);
    latest.current = props;

    const large = elements.nodes.length >= LARGE_GRAPH_NODES;
    const webgl = large && webglAvailable();
    const theme = props.theme ?? 'light';
    // The theme the Cytoscape instance is styled in now (set at creation, then by restyling).
    const styledTheme = useRef<ChartTheme>(theme);

    // One Cytoscape per canvas; recreated only when the graph crosses the large-graph threshold.
    useEffect(() => {
      const container = containerRef.current;
      if (!container) return;
      // The chart will be laid out: have a worker loading while the chart's data is read.
      void prepareLayoutWorker();
      styledTheme.current = latest.current.theme ?? 'light';
      const instance = createCy(container, large, webgl, styledTheme.current);
      // renderer() is not in Cytoscape's types; its `webgl` flag says which renderer is drawing.
      const drawing = (
        instance as unknown as {
          renderer(): { webgl?: boolean; path2dEnabled?: (on: boolean) => void };
        }
      ).renderer();
      const usesWebgl = Boolean(drawing.webgl);
      // Path2D caching makes each arrowhead and edge a transformed path fill, which the software
      // canvas draws slowly: 10,000 edges took ~700 ms a frame with it, ~120 ms without.
      if (large && !usesWebgl) drawing.path2dEnabled?.(false);
      setRenderer(usesWebgl ? 'webgl' : 'canvas');
      let labelTimer: ReturnType<typeof setTimeout> | undefined;
      if (large) {
        scheduleLabels.current = () => {
          clearTimeout(labelTimer);
          labelTimer = setTimeout(() => {
            if (!instance.destroyed()) labelInView(instance);
          }, LABEL_DELAY_MS);
        };
        instance.on('viewport dragfree', scheduleLabels.current);
      }
      setCy(instance);
      // Absent in jsdom (component tests).
      const resize =
        typeof ResizeObserver === 'undefined'
          ? undefined
          : new ResizeObserver(() => instance.resize());
      resize?.observe(container);
      return () => {
        clearTimeout(labelTimer);
        scheduleLabels.current = () => {};
        resize?.disconnect();
        layoutRun.current?.cancel();
        layoutRun.current = undefined;
        instance.destroy();
        setCy(undefined);
        setCounts(undefined);
      };
    }, [large, webgl]);

    const reportProgress = useCallback((progress: LayoutProgress) => {
      setPhase(progress.phase);
      latest.current.onLayoutProgress?.(progress);
    }, []);

    const runLayout = useCallback(
      (instance: cytoscape.Core, layout: ChartLayout, input?: LayoutInput) => {
        layoutRun.current?.cancel();
        layoutRun.current = startLayout(
          instance,
          layout,
          latest.current.positions,
          {
            onProgress: reportProgress,
            onPositions: () => latest.current.onPositionsChange?.(),
          },
          input,
        );
      },
      [reportProgress],
    );

    // Elements: diffed onto the canvas. The first non-empty set is laid out with the chart's layout.
    useEffect(() => {
      if (!cy) return;
      const wasEmpty = layoutNodes(cy).empty();
      const { layout, positions } = latest.current;
      // A first force-directed layout starts before the elements are added and drawn (seconds of
      // work on this thread for a large chart), so that the worker computes while they are drawn.
      const early =
        wasEmpty &&
        elements.nodes.length > 0 &&
        !everyElementPlaced(elements, positions) &&
        (layout === 'fcose' ||
          (layout === 'preset' && !elements.nodes.some((n) => positions[n.data.id])));
      // User-timing marks: the bench tells the canvas's share from the data loading before it.
      performance.mark('graph-canvas:elements');
      const input = early ? elementsLayoutInput(elements) : undefined;
      // Too large to refine: placed before the first drawing, on this thread (no worker).
      const placement = input && quickPlacement(input);
      const startEarly = () => {
        if (input && !placement) runLayout(cy, 'fcose', input);
      };
      const apply = () => {
        if (placement) {
          layoutRun.current?.cancel();
          layoutRun.current = undefined;
          reportProgress({ phase: 'draft', fraction: 0, message: 'Laying out…' });
        }
        const added = applyElements(cy, elements, placement);
        performance.mark('graph-canvas:elements-applied');
        if (placement) {
          latest.current.onPositionsChange?.();
          reportProgress({ phase: 'done', fraction: 1 });
        }
        if (added.nonempty()) {
          if (wasEmpty) fitView(cy);
          if (!wasEmpty) placeNear(cy, added);
          // A chart saved with a position for every node opens as it was left, whatever its layout.
          else if (!early && everyNodePlaced(cy, positions)) runLayout(cy, 'preset');
          else if (!early) runLayout(cy, layout);
        }
        scheduleLabels.current();
        setCounts({ nodes: elements.nodes.length, edges: elements.edges.length });
        // Cytoscape draws in its own animation frame: the bench reads when that frame was drawn.
        cy.one('render', () => performance.mark('graph-canvas:drawn'));
      };
      if (!early || placement || elements.nodes.length < LARGE_GRAPH_NODES) {
        startEarly();
        apply();
        return;
      }
      // A worker starts, and receives messages, only when this thread is free between tasks: wait
      // for it to load (briefly), hand it the graph, and add and draw the elements in a later task.
      let cancelled = false;
      let started = false;
      let drawTimer: ReturnType<typeof setTimeout> | undefined;
      const startOnce = () => {
        if (cancelled || started || cy.destroyed()) return;
        started = true;
        startEarly();
        drawTimer = setTimeout(() => {
          if (!cancelled && !cy.destroyed()) apply();
        }, 0);
      };
      const waitTimer = setTimeout(startOnce, WORKER_WAIT_MS);
      void prepareLayoutWorker().then(startOnce);
      return () => {
        cancelled = true;
        clearTimeout(waitTimer);
        clearTimeout(drawTimer);
      };
    }, [cy, elements, runLayout, reportProgress]);

    // The app theme changed: one new stylesheet, the elements and their positions stay.
    useEffect(() => {
      if (!cy || styledTheme.current === theme) return;
      styledTheme.current = theme;
      cy.style(graphStyle({ large, theme }));
    }, [cy, large, theme]);

    // A different layout chosen for the chart: run it (the first one runs with the elements).
    const previousLayout = useRef(props.layout);
    useEffect(() => {
      if (!cy || previousLayout.current === props.layout) return;
      previousLayout.current = props.layout;
      if (layoutNodes(cy).nonempty()) runLayout(cy, props.layout);
    }, [cy, props.layout, runLayout]);

    // Selection, drag and link mode: bound once per Cytoscape instance.
    useEffect(() => {
      if (!cy) return;
      let pendingSelection = false;
      const reportSelection = () => {
        // Box selection selects one element at a time: report once per batch.
        if (pendingSelection) return;
        pendingSelection = true;
        queueMicrotask(() => {
          pendingSelection = false;
          if (cy.destroyed()) return;
          const selected = cy.$(':selected').filter((e) => !isHelper(e));
          latest.current.onSelectionChange({
            nodes: selected.nodes().map((n) => n.id()),
            edges: selected.edges().map((e) => e.id()),
          });
        });
      };
      const moved = () => latest.current.onPositionsChange?.();

      let linkSource: cytoscape.NodeSingular | undefined;
      const clearLink = () => {
        linkSource?.removeClass('link-source');
        linkSource = undefined;
        cy.remove(`.${LINK_CURSOR}, .${LINK_PREVIEW}`);
      };
      const isEntity = (node: cytoscape.NodeSingular) => node.data('kind') === 'entity';
      const startLink = (event: cytoscape.EventObject) => {
        if (!latest.current.linkMode || linkSource) return;
        const node = event.target as cytoscape.NodeSingular;
        if (!isEntity(node)) return;
        linkSource = node.addClass('link-source');
        const cursor = cy.add({
          group: 'nodes',
          data: { id: '__link-cursor' },
          classes: LINK_CURSOR,
          position: { ...event.position },
        });
        cy.add({
          group: 'edges',
          data: { id: '__link-preview', source: node.id(), target: cursor.id() },
          classes: LINK_PREVIEW,
        });
      };
      const dragLink = (event: cytoscape.EventObject) => {
        if (!linkSource) return;
        cy.getElementById('__link-cursor').position({ ...event.position });
      };
      const finishLink = (event: cytoscape.EventObject) => {
        if (!linkSource) return;
        const target = event.target as cytoscape.NodeSingular | cytoscape.Core;
        if (target === cy) return clearLink(); // released on the background
        const node = target as cytoscape.NodeSingular;
        // Released on the node it started from: a click; wait for a click on the other end.
        if (node.same(linkSource)) return;
        if (node.isNode() && isEntity(node)) {
          const from = linkSource.data('entityId') as EntityId;
          const to = node.data('entityId') as EntityId;
          clearLink();
          latest.current.onLinkRequest?.(from, to);
          return;
        }
        clearLink();
      };

      cy.on('select unselect', reportSelection);
      cy.on('dragfree', 'node', moved);
      cy.on('tapstart', 'node', startLink);
      cy.on('tapdrag mousemove', dragLink);
      cy.on('tapend', finishLink);
      cy.on('tapend', 'node', finishLink);
      return () => {
        cy.removeListener('select unselect', reportSelection);
        cy.removeListener('dragfree', 'node', moved);
        cy.removeListener('tapstart', 'node', startLink);
        cy.removeListener('tapdrag mousemove', dragLink);
        cy.removeListener('tapend', finishLink);
        cy.removeListener('tapend', 'node', finishLink);
        if (!cy.destroyed()) clearLink();
      };
    }, [cy]);

    // Link mode: nodes stop being draggable and a drag starts a link instead of panning.
    const linkMode = props.linkMode ?? false;
    useEffect(() => {
      if (!cy) return;
      cy.autoungrabify(linkMode);
      cy.userPanningEnabled(!linkMode);
      cy.boxSelectionEnabled(!linkMode);
      if (!linkMode) cy.remove(`.${LINK_CURSOR}, .${LINK_PREVIEW}`);
      if (!linkMode) cy.nodes('.link-source').removeClass('link-source');
    }, [cy, linkMode]);

    useImperativeHandle(
      ref,
      (): GraphCanvasHandle => ({
        fit() {
          if (cy) fitView(cy);
        },
        focus(nodeId) {
          const node = cy?.getElementById(nodeId);
          if (!cy || !node || node.empty()) return;
          cy.$(':selected').unselect();
          node.select();
          cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
        },
        select(ids) {
          if (!cy) return;
          cy.batch(() => {
            cy.$(':selected').unselect();
            for (const id of ids) cy.getElementById(id).select();
          });
        },
        highlight(ids) {
          if (!cy) return;
          cy.batch(() => {
            // Only from the elements that have them: Cytoscape restyles every element it is asked
            // to remove a class from, had it or not (15,000 on each elements change, measured).
            cy.elements('.highlighted, .dimmed').removeClass('highlighted dimmed');
            if (ids.length === 0) return;
            const lit = cy.collection();
            for (const id of ids) lit.merge(cy.getElementById(id));
            cy.elements().difference(lit).addClass('dimmed');
            lit.addClass('highlighted');
          });
        },
        runLayout(layout) {
          if (cy) runLayout(cy, layout);
        },
        cancelLayout() {
          layoutRun.current?.cancel();
        },
        positions() {
          const out: Record<string, { x: number; y: number }> = {};
          if (!cy) return out;
          layoutNodes(cy).forEach((n) => {
            if (n.isParent()) return;
            const { x, y } = n.position();
            out[n.id()] = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
          });
          return out;
        },
        exportPng() {
          if (!cy) return Promise.reject(new Error('The chart is not drawn yet.'));
          // Twice the on-screen resolution, but no side over 8,000 px (a browser canvas limit).
          // A large graph's labels are styled only where it was viewed up close: all of them here.
          if (large) cy.elements().addClass(LABELLED);
          const box = cy.elements().boundingBox();
          const scale = Math.min(2, 8000 / Math.max(box.w, box.h, 1));
          // Printable whatever the app theme: cy.png draws at once (only the encoding is async).
          return withPrintableStyle(cy, { large, theme: styledTheme.current }, () =>
            cy.png({
              output: 'blob-promise',
              full: true,
              scale,
              bg: CHART_COLOURS.background,
            }),
          );
        },
        exportSvg() {
          if (!cy) return chartToSvg({ nodes: [], edges: [] });
          // Zoomed out, a large graph's links are drawn centre to centre without arrows: the
          // export takes the arrows' endpoints, on the nodes' rims.
          if (large) cy.elements().addClass(LABELLED);
          return chartToSvg({ ...snapshot(cy), title: label });
        },
      }),
      [cy, label, large, runLayout],
    );

    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      if (!cy || event.altKey || event.ctrlKey || event.metaKey) return;
      const centre = { x: cy.width() / 2, y: cy.height() / 2 };
      const zoomBy = (factor: number) =>
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: centre });
      const actions: Record<string, () => void> = {
        ArrowLeft: () => cy.panBy({ x: PAN_STEP, y: 0 }),
        ArrowRight: () => cy.panBy({ x: -PAN_STEP, y: 0 }),
        ArrowUp: () => cy.panBy({ x: 0, y: PAN_STEP }),
        ArrowDown: () => cy.panBy({ x: 0, y: -PAN_STEP }),
        '+': () => zoomBy(ZOOM_STEP),
        '=': () => zoomBy(ZOOM_STEP),
        '-': () => zoomBy(1 / ZOOM_STEP),
        '0': () => fitView(cy),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };

    // The state attributes sit on a wrapper: Cytoscape watches its container's attributes and
    // resizes (redraws every element) on any change, as on each layout phase here.
    return (
      <div
        className="graph-canvas"
        data-testid="graph-canvas"
        data-node-count={counts?.nodes}
        data-edge-count={counts?.edges}
        data-layout-phase={phase}
        data-renderer={renderer}
        data-chart-theme={cy ? theme : undefined}
        role="application"
        aria-label={label}
        aria-roledescription="link chart"
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ position: 'relative', width: '100%', height: '100%', minHeight: 240 }}
      >
        <div ref={containerRef} style={{ position: 'absolute', inset: 0 }} />
      </div>
    );
  },
);
