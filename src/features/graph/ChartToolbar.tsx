import { useId, useState, type KeyboardEvent } from 'react';
import { CHART_LAYOUTS, CHART_SIZE_BY, type ChartLayout, type ChartSizeBy } from '../../core';
import type { ChartElements, GraphBudget, GraphData, LayoutProgress } from '../../graph';
import { Button } from '../../ui';
import { activeFilterCount, findNodes, MAX_GRAPH_BUDGET, type ChartView } from './chartState';

export type CentralityMeasure = 'none' | 'degree' | 'betweenness';

export const LAYOUT_LABELS: Readonly<Record<ChartLayout, string>> = {
  fcose: 'Force-directed (fcose)',
  concentric: 'Concentric',
  breadthfirst: 'Hierarchy (breadth-first)',
  grid: 'Grid',
  preset: 'Keep positions',
};

export const SIZE_BY_LABELS: Readonly<Record<ChartSizeBy, string>> = {
  none: 'Same size',
  degree: 'Number of links',
  betweenness: 'Betweenness',
};

export interface ChartToolbarProps {
  readonly view: ChartView;
  readonly readOnly: boolean;
  readonly elements: ChartElements;
  readonly data: GraphData;
  readonly selection: { readonly nodes: readonly string[]; readonly edges: readonly string[] };
  /** Entities behind the selected nodes (group members included). */
  readonly selectedEntityCount: number;
  readonly budget: GraphBudget;
  readonly progress: LayoutProgress | undefined;
  readonly linkMode: boolean;
  /** What the Highlight menu shows: the centrality highlighted now, if any. */
  readonly centrality: CentralityMeasure;
  readonly filtersShown: boolean;
  readonly listShown: boolean;
  readonly onLayout: (layout: ChartLayout) => void;
  readonly onSizeBy: (sizeBy: ChartSizeBy) => void;
  readonly onCancelLayout: () => void;
  readonly onFind: (nodeId: string) => void;
  readonly onFit: () => void;
  readonly onLinkMode: (on: boolean) => void;
  readonly onNewLink: () => void;
  readonly onShortestPath: () => void;
  readonly onCentrality: (measure: CentralityMeasure) => void;
  readonly onExpand: () => void;
  readonly onShowOnly: () => void;
  readonly onShowAll: () => void;
  readonly onRemove: () => void;
  readonly onAddEntity: () => void;
  readonly onGroup: () => void;
  readonly onExport: (format: 'png' | 'svg') => void;
  readonly onToggleFilters: () => void;
  readonly onToggleList: () => void;
  readonly onBudgetChange: (budget: GraphBudget) => void;
}

/** The chart's tools, in three rows: view, analysis, and chart contents. */
export function ChartToolbar(props: ChartToolbarProps) {
  const { view, readOnly, selection, progress } = props;
  const layoutId = useId();
  const sizeId = useId();
  const centralId = useId();
  const running = progress?.phase === 'draft' || progress?.phase === 'refine';
  const twoNodes = selection.nodes.length === 2;
  const filters = activeFilterCount(view.filters);
  return (
    <div className="cf-chart-toolbar">
      <div role="toolbar" aria-label="Chart view" className="cf-chart-toolbar__row">
        <span className="cf-chart-toolbar__field">
          <label htmlFor={layoutId}>Layout</label>
          <select
            id={layoutId}
            value={view.layout}
            onChange={(event) => props.onLayout(event.target.value as ChartLayout)}
          >
            {CHART_LAYOUTS.map((layout) => (
              <option key={layout} value={layout}>
                {LAYOUT_LABELS[layout]}
              </option>
            ))}
          </select>
        </span>
        <Button onClick={() => props.onLayout(view.layout)} disabled={running}>
          Re-run layout
        </Button>
        {running ? (
          <span className="cf-chart-toolbar__progress">
            <progress aria-label="Layout progress" max={1} value={progress.fraction} />
            <span>
              {progress.message ?? (progress.phase === 'draft' ? 'Laying out…' : 'Refining…')}
            </span>
            <Button variant="ghost" onClick={props.onCancelLayout}>
              Cancel layout
            </Button>
          </span>
        ) : null}
        {progress?.phase === 'failed' ? (
          <span className="cf-field__error" role="alert">
            The layout failed{progress.message ? `: ${progress.message}` : ''}.
          </span>
        ) : null}
        <span className="cf-chart-toolbar__field">
          <label htmlFor={sizeId}>Size by</label>
          <select
            id={sizeId}
            value={view.sizeBy}
            onChange={(event) => props.onSizeBy(event.target.value as ChartSizeBy)}
          >
            {CHART_SIZE_BY.map((size) => (
              <option key={size} value={size}>
                {SIZE_BY_LABELS[size]}
              </option>
            ))}
          </select>
        </span>
        <FindEntity {...props} />
        <Button onClick={props.onFit}>Fit</Button>
        <Button aria-pressed={props.filtersShown} onClick={props.onToggleFilters}>
          Filters{filters > 0 ? ` (${filters})` : ''}
        </Button>
        <Button aria-pressed={props.listShown} onClick={props.onToggleList}>
          List view
        </Button>
        <BudgetSettings budget={props.budget} onChange={props.onBudgetChange} />
      </div>
      <div role="toolbar" aria-label="Chart analysis" className="cf-chart-toolbar__row">
        <Button
          aria-pressed={props.linkMode}
          disabled={readOnly}
          title="Then drag from one entity to another to record a claim between them"
          onClick={() => props.onLinkMode(!props.linkMode)}
        >
          Draw link
        </Button>
        <Button
          disabled={readOnly || props.selectedEntityCount !== 2}
          title="Record a claim between the two selected entities"
          onClick={props.onNewLink}
        >
          New claim…
        </Button>
        <Button
          disabled={!twoNodes}
          title="Select two entities, then find how they are connected"
          onClick={props.onShortestPath}
        >
          Shortest path
        </Button>
        <span className="cf-chart-toolbar__field">
          <label htmlFor={centralId}>Highlight</label>
          <select
            id={centralId}
            value={props.centrality}
            onChange={(event) => props.onCentrality(event.target.value as CentralityMeasure)}
          >
            <option value="none">Nothing</option>
            <option value="degree">Most linked</option>
            <option value="betweenness">Most between others</option>
          </select>
        </span>
        <Button onClick={() => props.onExport('png')}>Export PNG</Button>
        <Button onClick={() => props.onExport('svg')}>Export SVG</Button>
      </div>
      <div role="toolbar" aria-label="Chart contents" className="cf-chart-toolbar__row">
        {view.scope === 'chosen' ? (
          <>
            <Button disabled={readOnly || props.selectedEntityCount === 0} onClick={props.onExpand}>
              Expand neighbours
            </Button>
            <Button disabled={readOnly} onClick={props.onAddEntity}>
              Add entity…
            </Button>
            <Button disabled={readOnly || props.selectedEntityCount === 0} onClick={props.onRemove}>
              Remove from chart
            </Button>
            <Button disabled={readOnly} onClick={props.onShowAll}>
              Show whole case
            </Button>
          </>
        ) : (
          <Button
            disabled={readOnly || props.selectedEntityCount === 0}
            title="Draw only the selected entities; then expand their neighbourhood step by step"
            onClick={props.onShowOnly}
          >
            Show only selection
          </Button>
        )}
        <Button disabled={readOnly || props.selectedEntityCount === 0} onClick={props.onGroup}>
          Group…
        </Button>
        <span className="cf-chart-toolbar__scope">
          {view.scope === 'all'
            ? 'Whole case'
            : `${view.entityIds.length.toLocaleString('en')} chosen entities`}
        </span>
      </div>
    </div>
  );
}

/** A search box over the drawn entities' names and aliases; Enter focuses the best match. */
function FindEntity({ elements, data, onFind }: ChartToolbarProps) {
  const [query, setQuery] = useState('');
  const id = useId();
  const matches = query.trim() === '' ? [] : findNodes(elements, data, query);
  const notDrawn =
    query.trim() !== '' && matches.length === 0
      ? data.entities.some((e) => e.name.toLowerCase().includes(query.trim().toLowerCase()))
      : false;
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && matches[0]) {
      event.preventDefault();
      onFind(matches[0].id);
    }
    if (event.key === 'Escape') setQuery('');
  }
  return (
    <span className="cf-chart-find">
      <label htmlFor={id}>Find</label>
      <input
        id={id}
        type="search"
        placeholder="Entity name"
        aria-label="Find an entity on the chart"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' ? (
        <span className="cf-chart-find__results">
          {matches.length > 0 ? (
            <ul aria-label="Matching entities">
              {matches.map((node) => (
                <li key={node.id}>
                  <button
                    type="button"
                    className="cf-link"
                    onClick={() => {
                      onFind(node.id);
                      setQuery('');
                    }}
                  >
                    {node.label}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <span role="status">
              {notDrawn
                ? 'Not drawn: hidden by filters, the budget, or outside this chart.'
                : 'No entity on the chart matches.'}
            </span>
          )}
        </span>
      ) : null}
    </span>
  );
}

/** Most nodes and links drawn; over it the least connected are left out, and listed. */
function BudgetSettings({
  budget,
  onChange,
}: {
  readonly budget: GraphBudget;
  readonly onChange: (budget: GraphBudget) => void;
}) {
  return (
    <details className="cf-chart-budget">
      <summary>Budget</summary>
      <div className="cf-chart-budget__fields">
        <BudgetField
          label="Most entities drawn"
          value={budget.maxNodes}
          onChange={(maxNodes) => onChange({ ...budget, maxNodes })}
        />
        <BudgetField
          label="Most links drawn"
          value={budget.maxEdges}
          onChange={(maxEdges) => onChange({ ...budget, maxEdges })}
        />
      </div>
    </details>
  );
}

function BudgetField({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Raised from outside ("Show all"): show the new figure.
    setShown(value);
    setText(String(value));
  }
  const number = Number(text);
  const error =
    !/^\d+$/.test(text.trim()) || number < 1 || number > MAX_GRAPH_BUDGET
      ? `A whole number from 1 to ${MAX_GRAPH_BUDGET.toLocaleString('en')}.`
      : undefined;
  return (
    <div className="cf-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const n = Number(next);
          if (/^\d+$/.test(next.trim()) && n >= 1 && n <= MAX_GRAPH_BUDGET) {
            setShown(n);
            onChange(n);
          }
        }}
      />
      {error ? (
        <span id={`${id}-error`} className="cf-field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
