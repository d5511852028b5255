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
