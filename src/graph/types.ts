import type {
  ChartFilters,
  ChartGroup,
  ChartLayout,
  ChartSizeBy,
  ClaimId,
  ClaimSummary,
  EntityId,
  EntitySummary,
} from '../core';
import type { ChartTheme } from './palette';

/** What the chart is drawn from: the case's live entities and claims (as the repositories list them). */
export interface GraphData {
  readonly entities: readonly EntitySummary[];
  readonly claims: readonly ClaimSummary[];
}

/** Most nodes and edges a view draws; over it, the least connected are left out (and listed). */
export interface GraphBudget {
  readonly maxNodes: number;
  readonly maxEdges: number;
}

export const DEFAULT_GRAPH_BUDGET: GraphBudget = { maxNodes: 5000, maxEdges: 10000 };

export interface ToElementsOptions {
  readonly filters: ChartFilters;
  /** `chosen` charts draw only these entities (and the claims between them). */
  readonly scope: 'all' | 'chosen';
  readonly entityIds: readonly EntityId[];
  readonly groups: readonly ChartGroup[];
  readonly sizeBy: ChartSizeBy;
  readonly budget: GraphBudget;
}

export type { ChartTheme };

/** Node data as drawn: an entity, a literal claim object, or a collapsed group. */
export interface ChartNodeData {
  readonly id: string;
  readonly kind: 'entity' | 'literal' | 'group';
  readonly label: string;
  /** Entity type (or 'Literal' / 'Group'), for icon and colour. */
  readonly type: string;
  readonly colour: string;
  /** `colour` made legible on the dark theme's chart (palette.ts `darkTypeColour`). */
  readonly darkColour: string;
  /** Data URI of the type's icon (SVG). */
  readonly icon: string;
  /** Diameter in px, from sizeBy. */
  readonly size: number;
  readonly degree: number;
  /** 0–1 betweenness centrality (normalised), for the highlight. */
  readonly betweenness: number;
  readonly entityId?: EntityId;
  /** For a group node: its members. */
  readonly memberIds?: readonly EntityId[];
  /** Expanded group this node is drawn inside (Cytoscape compound parent). */
  readonly parent?: string;
}

/** Edge data as drawn: one claim (or several claims folded into a collapsed group's edge). */
export interface ChartEdgeData {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
  readonly claimIds: readonly ClaimId[];
  readonly grade: string;
  readonly status: string;
  /** 1–6 (credibility); low credibility (4–6) is drawn faded. */
  readonly credibility: number;
  readonly analystAssertion: boolean;
  readonly singleSource: boolean;
  /** Some evidence passage is orphaned: flagged on the edge. */
  readonly orphanedEvidence: boolean;
}

export interface ChartElements {
  readonly nodes: readonly { readonly data: ChartNodeData }[];
  readonly edges: readonly { readonly data: ChartEdgeData }[];
  /** What the budget left out, so the UI can say so (never a silent truncation). */
  readonly omitted: {
    readonly nodes: number;
    readonly edges: number;
    /** A few of the left-out entity names, most connected first. */
    readonly sampleNames: readonly string[];
  };
  /** What the filters hid (shown as "n hidden by filters"). */
  readonly filtered: { readonly entities: number; readonly claims: number };
}

/** Progress of a layout run; `phase` draft = first positions shown, refine = background pass. */
export interface LayoutProgress {
  readonly phase: 'draft' | 'refine' | 'done' | 'cancelled' | 'failed';
  /** 0–1 within the phase. */
  readonly fraction: number;
  readonly message?: string;
}

/** Imperative control of the canvas, for toolbar actions. */
export interface GraphCanvasHandle {
  fit(): void;
  /** Centres and selects the node, zooming in if needed. */
  focus(nodeId: string): void;
  select(ids: readonly string[]): void;
  /** Highlights these nodes and edges (path, centrality), dimming the rest; [] clears. */
  highlight(ids: readonly string[]): void;
  runLayout(layout: ChartLayout): void;
  cancelLayout(): void;
  /** Current node positions, to save with the chart. */
  positions(): Record<string, { x: number; y: number }>;
  exportPng(): Promise<Blob>;
  exportSvg(): string;
}

export interface GraphCanvasProps {
  readonly elements: ChartElements;
  readonly layout: ChartLayout;
  /** Saved positions (only those of drawn nodes are used; others ignored). */
  readonly positions: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  /** Ids currently selected (nodes and edges). */
  readonly onSelectionChange: (ids: { nodes: string[]; edges: string[] }) => void;
  /** Link mode: the user dragged/clicked from one entity node to another. */
  readonly onLinkRequest?: (sourceEntityId: EntityId, targetEntityId: EntityId) => void;
  readonly linkMode?: boolean;
  readonly onLayoutProgress?: (progress: LayoutProgress) => void;
  /** Nodes moved by hand or by a layout: the caller may save positions. */
  readonly onPositionsChange?: () => void;
  /** Accessible name of the canvas region. */
  readonly label: string;
  /** The app theme: the chart is restyled in its palette (exports stay light). Default light. */
  readonly theme?: ChartTheme;
}
