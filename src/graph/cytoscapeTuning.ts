/**
 * One change to how Cytoscape (pinned at 3.34.4) applies styles, for large charts.
 *
 * Each style property Cytoscape applies to an element runs "triggers": it clears the style caches
 * of the element and of every edge connected to it (building a collection of those edges, per
 * property), and dirties bounding boxes and the z-order. The first time an element is styled
 * there is nothing to clear: its caches are empty, its bounding box and those of its edges are
 * computed from its style (which styles it first), and `restore` (cy.add) dirties the bounds and
 * z-order of what it adds. Skipping the triggers then was ~40% of styling 15,000 elements, the
 * largest part of the first drawing of a large chart. Later style changes run them as before.
 */
import cytoscape from 'cytoscape';

/** Cytoscape's style internals this changes (not in its types). */
interface ElementInternals {
  _private: {
    appliedInitStyle?: boolean;
    /** Set while the element's first styling runs. */
    casefileFirstStyling?: boolean;
    /** Set once the element has been styled (Cytoscape resets appliedInitStyle on a new stylesheet). */
    casefileStyled?: boolean;
  };
}

interface StyleInternals {
  applyContextStyle(meta: unknown, style: unknown, ele: ElementInternals): unknown;
  checkTriggers(ele: ElementInternals, ...rest: unknown[]): void;
  casefileTuned?: boolean;
}

let tuned: boolean | undefined;

/**
 * Makes Cytoscape skip the style triggers during an element's first styling (once, for every
 * instance). Returns whether it could: false if Cytoscape's internals are not as expected.
 */
export function tuneFirstStyling(): boolean {
  if (tuned !== undefined) return tuned;
  const probe = cytoscape({ headless: true, styleEnabled: true });
  const style = Object.getPrototypeOf(probe.style()) as Partial<StyleInternals>;
  probe.destroy();
  const { applyContextStyle, checkTriggers } = style;
  tuned = typeof applyContextStyle === 'function' && typeof checkTriggers === 'function';
  if (!tuned || style.casefileTuned) return tuned;
  style.casefileTuned = true;
  style.applyContextStyle = function (this: StyleInternals, meta, cxtStyle, ele) {
    const internals = ele._private;
    const first = !internals.appliedInitStyle && !internals.casefileStyled;
    internals.casefileFirstStyling = first;
    try {
      return applyContextStyle!.call(this, meta, cxtStyle, ele);
    } finally {
      internals.casefileFirstStyling = false;
      internals.casefileStyled = true;
    }
  };
  style.checkTriggers = function (this: StyleInternals, ele, ...rest) {
    if (ele._private.casefileFirstStyling) return;
    checkTriggers!.call(this, ele, ...rest);
  };
  return tuned;
}

/** Cytoscape's bounding box internals this reads (not in its types). */
interface BoundsInternals {
  _private: {
    group: 'nodes' | 'edges';
    bbCache?: BoundingBox | null;
    bbCachePosKey?: number | null;
    styleDirty?: boolean;
    position: { x: number; y: number };
    source?: BoundsInternals;
    target?: BoundsInternals;
  };
}

interface BoundingBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
}

interface CollectionInternals {
  length: number;
  [index: number]: BoundsInternals;
  boundingBox(options?: unknown): BoundingBox;
  casefileTunedBounds?: boolean;
}

/** Cytoscape's hashIntsArray (sdbm over the rounded coordinates), for its position key. */
function positionKey(ele: BoundsInternals): number {
  const p = ele._private;
  const points =
    p.group === 'edges' ? [p.source!._private.position, p.target!._private.position] : [p.position];
  let hash = 9261;
  for (const point of points) {
    hash = (hash * 65599 + Math.round(point.x)) | 0;
    hash = (hash * 65599 + Math.round(point.y)) | 0;
  }
  return hash;
}

const finite = (x: number): number => (x === Infinity || x === -Infinity ? 0 : x);

let boundsTuned: boolean | undefined;

/**
 * Makes `ele.boundingBox()` (one element, default options) return a cached, still valid box
 * directly. Cytoscape's check of the cache builds a memoised function (and a property on a new
 * object, per element id) on every call, and an edge's check two collections (its source and
 * target): the renderer asks for every element's box several times a frame, about a sixth of
 * the first drawing of 15,000 elements. Anything else (no cache, a style or position change,
 * options, several elements) goes to Cytoscape's own. Returns whether it could (once, for every
 * instance): false if Cytoscape's internals are not as expected.
 */
export function tuneBoundingBoxes(): boolean {
  if (boundsTuned !== undefined) return boundsTuned;
  const probe = cytoscape({ headless: true, styleEnabled: true });
  const proto = Object.getPrototypeOf(probe.collection()) as Partial<CollectionInternals>;
  const node = probe.add({ group: 'nodes', data: { id: 'n' }, position: { x: 1, y: 2 } });
  node.boundingBox();
  const element = (node as unknown as CollectionInternals)[0];
  const original = proto.boundingBox;
  // The position key must match Cytoscape's own, or every cached box would look stale.
  boundsTuned =
    typeof original === 'function' &&
    element?._private.bbCache !== undefined &&
    element._private.bbCache !== null &&
    element._private.bbCachePosKey === positionKey(element);
  probe.destroy();
  if (!boundsTuned || proto.casefileTunedBounds) return boundsTuned;
  proto.casefileTunedBounds = true;
  const boundingBox = function (this: CollectionInternals, options?: unknown): BoundingBox {
    if (options === undefined && this.length === 1) {
      const ele = this[0]!;
      const p = ele._private;
      const box = p.bbCache;
      if (
        box !== undefined &&
        box !== null &&
        !p.styleDirty &&
        p.bbCachePosKey === positionKey(ele)
      ) {
        // What Cytoscape's own does to a cached box before returning it.
        box.x1 = finite(box.x1);
        box.y1 = finite(box.y1);
        box.x2 = finite(box.x2);
        box.y2 = finite(box.y2);
        box.w = finite(box.x2 - box.x1);
        box.h = finite(box.y2 - box.y1);
        return box;
      }
    }
    return original!.call(this, options);
  };
  const aliases = proto as unknown as Record<string, unknown>;
  for (const name of ['boundingBox', 'boundingbox', 'bb']) {
    if (aliases[name] === original) aliases[name] = boundingBox;
  }
  return boundsTuned;
}
