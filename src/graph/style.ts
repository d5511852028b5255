/**
 * The chart's Cytoscape stylesheet, as data, in the light or dark palette (palette.ts); type
 * colours come from core's ENTITY_TYPE_INFO through each node's data (`colour`, or `darkColour`
 * for the dark theme).
 */
import type cytoscape from 'cytoscape';
import { chartPalette, LIGHT_CHART_PALETTE, type ChartPalette, type ChartTheme } from './palette';

/** The printable (light) chart colours: what exports and reports are drawn with. */
export const CHART_COLOURS = LIGHT_CHART_PALETTE;

/** Credibility 4–6 ("doubtful" to "cannot be judged") is drawn faded. */
export const LOW_CREDIBILITY = 4;

/**
 * Large graphs get their label properties only on elements with this class, which the canvas
 * gives to the elements in view once zoomed in far enough to read them. Styling 15,000 elements
 * costs Cytoscape per property per element: the label properties were about a third of it.
 */
export const LABELLED = 'labelled';

/** Zoom from which large graphs' node labels (12 px, shown from 10 px on screen) are drawn. */
export const LARGE_LABEL_ZOOM = 10 / 12;

function nodeLabel(large: boolean, colours: ChartPalette): cytoscape.Css.Node {
  return {
    label: 'data(label)',
    color: colours.text,
    'font-family': 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    'font-size': 12,
    'text-valign': 'bottom',
    'text-halign': 'center',
    'text-margin-y': 4,
    'text-wrap': 'ellipsis',
    'text-max-width': '160px',
    'text-outline-color': colours.textOutline,
    'text-outline-width': 2,
    // Labels vanish when they would be too small to read (and cost the most to draw).
    'min-zoomed-font-size': large ? 10 : 7,
  };
}

function edgeLabel(large: boolean, colours: ChartPalette): cytoscape.Css.Edge {
  return {
    label: 'data(label)',
    color: colours.edgeLabel,
    'font-size': 10,
    'text-rotation': 'autorotate',
    'text-outline-color': colours.textOutline,
    'text-outline-width': 2,
    'min-zoomed-font-size': large ? 10 : 8,
  };
}

/** The type icon on the node. */
const nodeIcon: cytoscape.Css.Node = {
  'background-image': 'data(icon)',
  'background-width': '58%',
  'background-height': '58%',
  'background-fit': 'none',
  'background-clip': 'none',
};

/** Large graphs draw straight arrows (much cheaper than curves) only up close, see below. */
const edgeArrow = (large: boolean): cytoscape.Css.Edge => ({
  'curve-style': large ? 'straight' : 'bezier',
  'target-arrow-shape': 'triangle',
  'arrow-scale': 0.9,
});

export interface GraphStyleOptions {
  /** Large graphs draw straight edges (much cheaper than curves) and hide labels sooner. */
  readonly large?: boolean;
  /** The app theme to draw for (light by default; exports always draw light). */
  readonly theme?: ChartTheme;
}

export function graphStyle(options: GraphStyleOptions = {}): cytoscape.StylesheetJson {
  const large = options.large ?? false;
  const colours = chartPalette(options.theme ?? 'light');
  const patterned = large ? `edge.${LABELLED}` : 'edge';
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        shape: 'ellipse',
        'background-color': `data(${colours.typeColourField})`,
        'border-width': 2,
        'border-color': colours.nodeBorder,
        ...(large ? {} : { ...nodeIcon, ...nodeLabel(false, colours) }),
      },
    },
    // Before the blocks that override label properties (literals, group frames).
    ...(large
      ? [{ selector: `node.${LABELLED}`, style: { ...nodeIcon, ...nodeLabel(true, colours) } }]
      : []),
    {
      selector: 'node[kind = "literal"]',
      style: { shape: 'round-rectangle', 'font-style': 'italic' },
    },
    {
      selector: 'node[kind = "group"]',
      style: { shape: 'round-rectangle', 'border-color': colours.groupBorder },
    },
    {
      // An expanded group: a frame around its members, labelled at the top.
      selector: ':parent',
      style: {
        shape: 'round-rectangle',
        'background-color': colours.groupFill,
        'background-image': 'none',
        'background-opacity': 0.7,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': colours.groupBorder,
        padding: '16px',
        'text-valign': 'top',
        'text-margin-y': -4,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': colours.edge,
        // Large graphs: arrows (and their colour, one property less to style) up close only.
        ...(large
          ? { 'curve-style': 'haystack' }
          : {
              'target-arrow-color': colours.edge,
              ...edgeArrow(false),
              ...edgeLabel(false, colours),
            }),
      },
    },
    ...(large
      ? [
          {
            selector: `edge.${LABELLED}`,
            style: {
              'target-arrow-color': colours.edge,
              ...edgeArrow(true),
              ...edgeLabel(true, colours),
            },
          },
        ]
      : []),
    // Large graphs draw line patterns up close only (see LABELLED): zoomed out, dashes shrink
    // below a pixel, and the software canvas took seconds to stroke 10,000 dotted lines.
    { selector: `${patterned}[status = "disputed"]`, style: { 'line-style': 'dashed' } },
    {
      selector: `${patterned}[?analystAssertion]`,
      style: { 'line-style': 'dotted', 'line-dash-pattern': [2, 4] },
    },
    { selector: `edge[credibility >= ${LOW_CREDIBILITY}]`, style: { opacity: 0.45 } },
    {
      selector: 'edge[status = "refuted"]',
      style: {
        'line-color': colours.danger,
        'target-arrow-color': colours.danger,
        color: colours.danger,
        opacity: 0.5,
      },
    },
    {
      // Evidence no longer found in its source: the edge is flagged, not hidden.
      selector: 'edge[?orphanedEvidence]',
      style: {
        'line-color': colours.warning,
        'target-arrow-color': colours.warning,
        color: colours.warning,
        width: 2.5,
      },
    },
    { selector: '.dimmed', style: { opacity: 0.12 } },
    {
      selector: 'node.highlighted',
      style: {
        'border-width': 4,
        'border-color': colours.accent,
        opacity: 1,
        'z-index': 20,
      },
    },
    {
      selector: 'edge.highlighted',
      style: {
        width: 4,
        'line-color': colours.accent,
        'target-arrow-color': colours.accent,
        opacity: 1,
        'z-index': 20,
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 4,
        'border-color': colours.focus,
        'overlay-color': colours.focus,
        'overlay-opacity': 0.15,
        'overlay-padding': 4,
      },
    },
    {
      selector: 'edge:selected',
      style: {
        width: 4,
        'line-color': colours.accent,
        'target-arrow-color': colours.accent,
        'overlay-color': colours.focus,
        'overlay-opacity': 0.25,
        'overlay-padding': 3,
        opacity: 1,
      },
    },
    // Link mode: the node the new link starts from, and the line following the pointer.
    {
      selector: 'node.link-source',
      style: { 'border-width': 4, 'border-color': colours.accent },
    },
    {
      selector: 'node.link-cursor',
      style: { width: 1, height: 1, opacity: 0, label: '', events: 'no' },
    },
    {
      selector: 'edge.link-preview',
      style: {
        'line-style': 'dashed',
        'line-color': colours.accent,
        'target-arrow-color': colours.accent,
        label: '',
        events: 'no',
        opacity: 1,
      },
    },
  ];
}

/**
 * Runs `draw` (an export) with the chart styled in the light, printable palette, then puts the
 * `theme` stylesheet back. Synchronous: Cytoscape draws the screen in a later animation frame,
 * so the light styling never shows.
 */
export function withPrintableStyle<T>(
  cy: cytoscape.Core,
  options: GraphStyleOptions,
  draw: () => T,
): T {
  if ((options.theme ?? 'light') === 'light') return draw();
  cy.style(graphStyle({ ...options, theme: 'light' }));
  try {
    return draw();
  } finally {
    cy.style(graphStyle(options));
  }
}
