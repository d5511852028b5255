/**
 * The chart's Cytoscape stylesheet, as data. Colours follow src/ui/theme.css (the app has one,
 * light, theme); type colours come from core's ENTITY_TYPE_INFO through each node's data.
 */
import type cytoscape from 'cytoscape';

/** Theme colours the chart uses (mirrors src/ui/theme.css; the canvas cannot read CSS variables). */
export const CHART_COLOURS = {
  background: '#ffffff',
  text: '#1b1f24',
  textOutline: '#ffffff',
  edge: '#6b7480',
  edgeLabel: '#3d4550',
  accent: '#1f5fbf',
  danger: '#b3261e',
  warning: '#c26a00',
  focus: '#ffbf47',
  groupFill: '#eef1f5',
  groupBorder: '#8b95a3',
} as const;

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

function nodeLabel(large: boolean): cytoscape.Css.Node {
  return {
    label: 'data(label)',
    color: CHART_COLOURS.text,
    'font-family': 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    'font-size': 12,
    'text-valign': 'bottom',
    'text-halign': 'center',
    'text-margin-y': 4,
    'text-wrap': 'ellipsis',
    'text-max-width': '160px',
    'text-outline-color': CHART_COLOURS.textOutline,
    'text-outline-width': 2,
    // Labels vanish when they would be too small to read (and cost the most to draw).
    'min-zoomed-font-size': large ? 10 : 7,
  };
}

function edgeLabel(large: boolean): cytoscape.Css.Edge {
  return {
    label: 'data(label)',
    color: CHART_COLOURS.edgeLabel,
    'font-size': 10,
    'text-rotation': 'autorotate',
    'text-outline-color': CHART_COLOURS.textOutline,
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
}

export function graphStyle(options: GraphStyleOptions = {}): cytoscape.StylesheetJson {
  const large = options.large ?? false;
  const patterned = large ? `edge.${LABELLED}` : 'edge';
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        shape: 'ellipse',
        'background-color': 'data(colour)',
        'border-width': 2,
        'border-color': '#ffffff',
        ...(large ? {} : { ...nodeIcon, ...nodeLabel(false) }),
      },
    },
    // Before the blocks that override label properties (literals, group frames).
    ...(large
      ? [{ selector: `node.${LABELLED}`, style: { ...nodeIcon, ...nodeLabel(true) } }]
      : []),
    {
      selector: 'node[kind = "literal"]',
      style: { shape: 'round-rectangle', 'font-style': 'italic' },
    },
    {
      selector: 'node[kind = "group"]',
      style: { shape: 'round-rectangle', 'border-color': CHART_COLOURS.groupBorder },
    },
    {
      // An expanded group: a frame around its members, labelled at the top.
      selector: ':parent',
      style: {
        shape: 'round-rectangle',
        'background-color': CHART_COLOURS.groupFill,
        'background-image': 'none',
        'background-opacity': 0.7,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': CHART_COLOURS.groupBorder,
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
        'line-color': CHART_COLOURS.edge,
        'target-arrow-color': CHART_COLOURS.edge,
        ...(large ? { 'curve-style': 'haystack' } : { ...edgeArrow(false), ...edgeLabel(false) }),
      },
    },
    ...(large
      ? [{ selector: `edge.${LABELLED}`, style: { ...edgeArrow(true), ...edgeLabel(true) } }]
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
        'line-color': CHART_COLOURS.danger,
        'target-arrow-color': CHART_COLOURS.danger,
        color: CHART_COLOURS.danger,
        opacity: 0.5,
      },
    },
    {
      // Evidence no longer found in its source: the edge is flagged, not hidden.
      selector: 'edge[?orphanedEvidence]',
      style: {
        'line-color': CHART_COLOURS.warning,
        'target-arrow-color': CHART_COLOURS.warning,
        color: CHART_COLOURS.warning,
        width: 2.5,
      },
    },
    { selector: '.dimmed', style: { opacity: 0.12 } },
    {
      selector: 'node.highlighted',
      style: {
        'border-width': 4,
        'border-color': CHART_COLOURS.accent,
        opacity: 1,
        'z-index': 20,
      },
    },
    {
      selector: 'edge.highlighted',
      style: {
        width: 4,
        'line-color': CHART_COLOURS.accent,
        'target-arrow-color': CHART_COLOURS.accent,
        opacity: 1,
        'z-index': 20,
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 4,
        'border-color': CHART_COLOURS.focus,
        'overlay-color': CHART_COLOURS.focus,
        'overlay-opacity': 0.15,
        'overlay-padding': 4,
      },
    },
    {
      selector: 'edge:selected',
      style: {
        width: 4,
        'line-color': CHART_COLOURS.accent,
        'target-arrow-color': CHART_COLOURS.accent,
        'overlay-color': CHART_COLOURS.focus,
        'overlay-opacity': 0.25,
        'overlay-padding': 3,
        opacity: 1,
      },
    },
    // Link mode: the node the new link starts from, and the line following the pointer.
    {
      selector: 'node.link-source',
      style: { 'border-width': 4, 'border-color': CHART_COLOURS.accent },
    },
    {
      selector: 'node.link-cursor',
      style: { width: 1, height: 1, opacity: 0, label: '', events: 'no' },
    },
    {
      selector: 'edge.link-preview',
      style: {
        'line-style': 'dashed',
        'line-color': CHART_COLOURS.accent,
        'target-arrow-color': CHART_COLOURS.accent,
        label: '',
        events: 'no',
        opacity: 1,
      },
    },
  ];
}
