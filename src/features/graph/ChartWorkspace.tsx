import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  betweennessCentrality,
  timelineItems,
  type CaseId,
  type Chart,
  type ChartLayout,
  type ClaimId,
  type EntityId,
  type NewClaimInput,
  type PassageId,
  type SourceId,
} from '../../core';
import {
  GraphCanvas,
  toElements,
  type GraphBudget,
  type GraphCanvasHandle,
  type GraphData,
  type LayoutProgress,
} from '../../graph';
import { BETWEENNESS_NODE_LIMIT } from '../../graph/toElements';
import { Banner, Button, useTheme } from '../../ui';
import { ClaimDialog } from '../claims';
import { EntityPicker } from '../entities';
import { useServices } from '../services';
import { Timeline } from '../timeline';
import { ChartToolbar, type CentralityMeasure } from './ChartToolbar';
import {
  budgetMessage,
  CENTRAL_NODE_COUNT,
  chartPath,
  elementsForRecords,
  expandNeighbourhood,
  fileNameOf,
  filteredMessage,
  indexElements,
  prunedForDrawing,
  scopedData,
  selectedClaimIds,
  selectedEntityIds,
  showOnly,
  topCentralNodes,
  withGroup,
  withGroupCollapsed,
  withoutGroup,
  type ChartView,
} from './chartState';
import { ElementList } from './ElementList';
import { FiltersPanel } from './FiltersPanel';
import { GroupDialog } from './GroupDialog';
import { SelectionPanel } from './SelectionPanel';
import { useChartSaver } from './useChartSaver';

export interface ChartWorkspaceProps {
  readonly caseId: CaseId;
  readonly chart: Chart;
  /** The chart as last edited in this session (newer than `chart` while a save is pending). */
  readonly initialView: ChartView;
  readonly data: GraphData;
  readonly readOnly: boolean;
  readonly budget: GraphBudget;
  readonly onBudgetChange: (budget: GraphBudget) => void;
  /** Every edit, so the area can duplicate the chart as it is now. */
  readonly onViewChange: (view: ChartView) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
}

interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

const NO_SELECTION: Selection = { nodes: [], edges: [] };

/** Positions are read from the canvas this long after the last move (a drag reports many). */
const POSITIONS_DELAY_MS = 300;

interface Highlight {
  readonly kind: 'path' | 'degree' | 'betweenness';
  readonly ids: readonly string[];
  readonly message: string;
}

/** One saved chart: toolbar, canvas, selection details, list view and timeline. */
export function ChartWorkspace({
  caseId,
  chart,
  initialView,
  data,
  readOnly,
  budget,
  onBudgetChange,
  onViewChange,
  onOpenClaim,
  onOpenEntity,
  onOpenPassage,
}: ChartWorkspaceProps) {
  const { host } = useServices();
  const theme = useTheme();
  const canvas = useRef<GraphCanvasHandle>(null);
  const { save, state: saveState } = useChartSaver(chart.id, !readOnly);
  const [storedView, setStoredView] = useState<ChartView>(initialView);
  // Deleted entities and gone elements are dropped on every read, so nothing dangles.
  const view: ChartView = useMemo(
    () => prunedForDrawing({ ...chart, ...storedView }, data),
    [chart, storedView, data],
  );
  const [selection, setSelectionState] = useState<Selection>(NO_SELECTION);
  const [highlight, setHighlight] = useState<Highlight | undefined>();
  const [progress, setProgress] = useState<LayoutProgress | undefined>();
  const [linkMode, setLinkMode] = useState(false);
  const [claimDraft, setClaimDraft] = useState<Partial<NewClaimInput> | undefined>();
  const [dialog, setDialog] = useState<'none' | 'group' | 'add'>('none');
  const [showFilters, setShowFilters] = useState(false);
  const [showList, setShowList] = useState(false);
  const [showTimeline, setShowTimeline] = useState(true);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | undefined>();
  const selectAfterLoad = useRef<ClaimId | undefined>(undefined);
  const positionsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const update = useCallback(
    (changes: Partial<ChartView>) => {
      setStoredView((current) => {
        const next = { ...current, ...changes };
        onViewChange(next);
        return next;
      });
      save(changes);
    },
    [onViewChange, save],
  );

  const elements = useMemo(
    () =>
      toElements(data, {
        filters: view.filters,
        scope: view.scope,
        entityIds: view.entityIds,
        groups: view.groups,
        sizeBy: view.sizeBy,
        budget,
      }),
    [data, view.filters, view.scope, view.entityIds, view.groups, view.sizeBy, budget],
  );
  const index = useMemo(() => indexElements(elements), [elements]);

  // The selection keeps only what is still drawn.
  const shownSelection = useMemo(
    () => ({
      nodes: selection.nodes.filter((id) => index.nodes.has(id)),
      edges: selection.edges.filter((id) => index.edges.has(id)),
    }),
    [selection, index],
  );
  const selectedIds = useMemo(
    () => new Set([...shownSelection.nodes, ...shownSelection.edges]),
    [shownSelection],
  );
  const highlightedIds = useMemo(() => new Set(highlight?.ids ?? []), [highlight]);

  // The canvas reports its selection in its own order: keep the order things were selected in,
  // so "shortest path" runs from the first entity chosen to the second.
  const setSelection = useCallback((next: Selection) => {
    setSelectionState((current) => {
      const nodes = inSelectionOrder(current.nodes, next.nodes);
      const edges = inSelectionOrder(current.edges, next.edges);
      return same(current.nodes, nodes) && same(current.edges, edges) ? current : { nodes, edges };
    });
  }, []);

  const select = useCallback(
    (ids: readonly string[]) => {
      const nodes = ids.filter((id) => index.nodes.has(id));
      const edges = ids.filter((id) => index.edges.has(id));
      setSelection({ nodes, edges });
      canvas.current?.select([...nodes, ...edges]);
    },
    [index, setSelection],
  );

  // A claim just drawn in link mode is selected once its edge exists.
  useEffect(() => {
    const claimId = selectAfterLoad.current;
    if (!claimId) return;
    const edge = elements.edges.find((e) => e.data.claimIds.includes(claimId));
    if (!edge) return;
    selectAfterLoad.current = undefined;
    select([edge.data.id]);
  }, [elements, select]);

  // The canvas is redrawn when the elements change: highlight again.
  useEffect(() => {
    canvas.current?.highlight(highlight?.ids ?? []);
  }, [highlight, elements]);

  useEffect(() => () => clearTimeout(positionsTimer.current), []);

  // Opening or closing a side panel resizes the canvas: bring the chart back into view once the
  // canvas has its new size (it learns it from a ResizeObserver, after the next frame's layout).
  const panelsShown = useRef({ showFilters, showList });
  useEffect(() => {
    const before = panelsShown.current;
    panelsShown.current = { showFilters, showList };
    if (before.showFilters === showFilters && before.showList === showList) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => canvas.current?.fit());
    });
    return () => cancelAnimationFrame(frame);
  }, [showFilters, showList]);

  // The latest view, for the positions timer (which outlives the render that set it).
  const latestView = useRef(storedView);
  useEffect(() => {
    latestView.current = storedView;
  }, [storedView]);

  const onPositionsChange = useCallback(() => {
    clearTimeout(positionsTimer.current);
    positionsTimer.current = setTimeout(() => {
      const drawn = canvas.current?.positions();
      if (!drawn) return;
      // Positions of nodes hidden by a filter right now are kept for when they come back.
      update({ positions: { ...latestView.current.positions, ...drawn } });
    }, POSITIONS_DELAY_MS);
  }, [update]);

  const entityIdsSelected = useMemo(
    () => selectedEntityIds(index, shownSelection.nodes),
    [index, shownSelection],
  );

  /**
   * A new layout is run by the canvas when the `layout` prop changes; the same one again is asked
   * for directly. Positions are taken from the canvas first: "Keep positions" keeps these, not
   * the last saved ones (a save may still be pending).
   */
  function runLayout(layout: ChartLayout) {
    const positions = { ...view.positions, ...canvas.current?.positions() };
    update({ layout, positions });
    if (layout === view.layout) canvas.current?.runLayout(layout);
  }

  function showPath() {
    const [from, to] = shownSelection.nodes;
    if (!from || !to) return;
    const name = (id: string) => index.nodes.get(id)?.label ?? id;
    const path = chartPath(elements, from, to);
    if (!path) {
      setHighlight({
        kind: 'path',
        ids: [],
        message: `No path between ${name(from)} and ${name(to)} on this chart.`,
      });
      return;
    }
    const links = path.nodeIds.length - 1;
    setHighlight({
      kind: 'path',
      ids: [...path.nodeIds, ...path.edgeIds],
      message:
        `Shortest path, ${links} ${links === 1 ? 'link' : 'links'}: ` +
        path.nodeIds.map(name).join(' → '),
    });
  }

  function showCentral(measure: CentralityMeasure) {
    if (measure === 'none') {
      setHighlight(undefined);
      return;
    }
    const name = (id: string) => index.nodes.get(id)?.label ?? id;
    let top: string[];
    if (
      measure === 'degree' ||
      elements.nodes.length <= BETWEENNESS_NODE_LIMIT ||
      view.sizeBy === 'betweenness'
    ) {
      // toElements computed these for what is drawn.
      top = topCentralNodes(elements, measure).map((node) => node.id);
    } else {
      // Not computed for large charts unless sizing by it: O(nodes × links), so only on request.
      const nodeIds = elements.nodes.map(({ data: n }) => n.id);
      const scores = betweennessCentrality(
        nodeIds,
        elements.edges.map(({ data: e }) => e),
      );
      top = [...scores]
        .filter(([, score]) => score > 0)
        .sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])))
        .slice(0, CENTRAL_NODE_COUNT)
        .map(([id]) => id);
    }
    setHighlight({
      kind: measure,
      ids: top,
      message:
        top.length === 0
          ? 'No entity stands out: nothing is linked yet.'
          : `${measure === 'degree' ? 'Most linked' : 'Most between others'}: ` +
            top.map(name).join(', '),
    });
  }

  async function exportAs(format: 'png' | 'svg') {
    const handle = canvas.current;
    if (!handle) return;
    try {
      const image =
        format === 'png'
          ? await handle.exportPng()
          : new Blob([handle.exportSvg()], { type: 'image/svg+xml' });
      const bytes = new Uint8Array(await image.arrayBuffer());
      const saved = await host.saveFile({
        suggestedName: `${fileNameOf(chart.title)}.${format}`,
        bytes,
        filters: [
          format === 'png'
            ? { name: 'PNG image', extensions: ['png'] }
            : { name: 'SVG image', extensions: ['svg'] },
        ],
      });
      if (!saved.ok) setNotice({ tone: 'error', text: saved.error.message });
      else if (!saved.value.canceled) {
        setNotice({
          tone: 'info',
          text: `Exported ${saved.value.fileName ?? format.toUpperCase()}.`,
        });
      }
    } catch (error) {
      setNotice({
        tone: 'error',
        text: `Could not export the chart: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  const timeline = useMemo(
    () =>
      showTimeline
        ? timelineItems(
            scopedData(data, { scope: view.scope, entityIds: view.entityIds }),
            view.filters,
          )
        : undefined,
    [showTimeline, data, view.scope, view.entityIds, view.filters],
  );
  const timelineSelected = useMemo(
    () => [...entityIdsSelected, ...selectedClaimIds(index, shownSelection.edges)],
    [entityIdsSelected, index, shownSelection],
  );

  const budgetText = budgetMessage(elements);
  const filteredText = filteredMessage(elements);
  const total = elements.nodes.length + elements.omitted.nodes;

  return (
    <div className="cf-chart" data-save-state={saveState.status}>
      <ChartToolbar
        view={view}
        readOnly={readOnly}
        elements={elements}
        data={data}
        selection={shownSelection}
        selectedEntityCount={entityIdsSelected.length}
        budget={budget}
        progress={progress}
        linkMode={linkMode}
        centrality={highlight && highlight.kind !== 'path' ? highlight.kind : 'none'}
        filtersShown={showFilters}
        listShown={showList}
        onLayout={runLayout}
        onSizeBy={(sizeBy) => update({ sizeBy })}
        onCancelLayout={() => canvas.current?.cancelLayout()}
        onFind={(nodeId) => {
          canvas.current?.focus(nodeId);
          setSelection({ nodes: [nodeId], edges: [] });
        }}
        onFit={() => canvas.current?.fit()}
        onLinkMode={setLinkMode}
        onNewLink={() => {
          const [subject, object] = entityIdsSelected;
          if (subject && object) {
            setClaimDraft({ subjectId: subject, object: { kind: 'entity', entityId: object } });
          }
        }}
        onShortestPath={showPath}
        onCentrality={showCentral}
        onExpand={() => update(expandNeighbourhood(view, data, entityIdsSelected))}
        onShowOnly={() => update(showOnly(entityIdsSelected))}
        onShowAll={() => update({ scope: 'all' })}
        onRemove={() => {
          const gone = new Set(entityIdsSelected);
          update({ entityIds: view.entityIds.filter((id) => !gone.has(id)) });
        }}
        onAddEntity={() => setDialog('add')}
        onGroup={() => setDialog('group')}
        onExport={(format) => void exportAs(format)}
        onToggleFilters={() => setShowFilters((v) => !v)}
        onToggleList={() => setShowList((v) => !v)}
        onBudgetChange={onBudgetChange}
      />
      <div className="cf-chart__status" role="status">
        {saveState.status === 'failed' ? null : (
          <span className="cf-chart__saved">
            {readOnly
              ? 'Read-only: changes to this chart are not saved'
              : saveState.status === 'saved'
                ? 'All changes saved'
                : 'Saving…'}
          </span>
        )}
        {filteredText ? (
          <span className="cf-chart__filtered">
            {filteredText}{' '}
            <Button variant="ghost" onClick={() => update({ filters: {} })}>
              Clear filters
            </Button>
          </span>
        ) : null}
      </div>
      {saveState.status === 'failed' ? (
        <Banner tone="error">Could not save the chart: {saveState.message}</Banner>
      ) : null}
      {budgetText ? (
        <Banner tone="warning">
          {budgetText}{' '}
          <Button
            onClick={() =>
              onBudgetChange({
                maxNodes: Math.max(budget.maxNodes, total),
                maxEdges: Math.max(budget.maxEdges, elements.edges.length + elements.omitted.edges),
              })
            }
          >
            Show all
          </Button>{' '}
          <Button onClick={() => setShowFilters(true)}>Filter…</Button>
        </Banner>
      ) : null}
      {highlight ? (
        <div className="cf-chart__highlight" role="status" aria-label="Highlight">
          <span>{highlight.message}</span>
          <Button variant="ghost" onClick={() => setHighlight(undefined)}>
            Clear highlight
          </Button>
        </div>
      ) : null}
      {notice ? (
        <Banner tone={notice.tone}>
          {notice.text}{' '}
          <Button variant="ghost" onClick={() => setNotice(undefined)}>
            Dismiss
          </Button>
        </Banner>
      ) : null}
      <div className="cf-chart__body">
        {showFilters ? (
          <FiltersPanel
            caseId={caseId}
            data={data}
            filters={view.filters}
            onChange={(filters) => update({ filters })}
          />
        ) : null}
        <div className="cf-chart__canvas">
          {view.scope === 'chosen' && view.entityIds.length === 0 ? (
            <div className="cf-empty cf-chart__empty">
              <h3>No entities on this chart yet</h3>
              <p>Add entities one by one, or show the whole case.</p>
              <Button variant="primary" onClick={() => setDialog('add')} disabled={readOnly}>
                Add entity…
              </Button>{' '}
              <Button onClick={() => update({ scope: 'all' })}>Show whole case</Button>
            </div>
          ) : null}
          {view.scope === 'all' && data.entities.length === 0 ? (
            <div className="cf-empty cf-chart__empty">
              <h3>Nothing to draw yet</h3>
              <p>
                The chart draws the case’s entities and the claims between them. Tag entities in the
                sources, then record claims from the reader, an entity’s page, or here with “Draw
                link”.
              </p>
            </div>
          ) : null}
          <GraphCanvas
            ref={canvas}
            elements={elements}
            layout={view.layout}
            positions={view.positions}
            linkMode={linkMode && !readOnly}
            label={`Link chart: ${chart.title}`}
            theme={theme}
            onSelectionChange={setSelection}
            onLinkRequest={(subjectId, objectId) =>
              setClaimDraft({ subjectId, object: { kind: 'entity', entityId: objectId } })
            }
            onLayoutProgress={setProgress}
            onPositionsChange={readOnly ? undefined : onPositionsChange}
          />
        </div>
        <div className="cf-chart__side">
          {showList ? (
            <ElementList
              elements={elements}
              selected={selectedIds}
              highlighted={highlightedIds}
              onSelectOnly={(id) => {
                select([id]);
                if (index.nodes.has(id)) canvas.current?.focus(id);
              }}
              onToggle={(id, on) =>
                select(on ? [...selectedIds, id] : [...selectedIds].filter((s) => s !== id))
              }
            />
          ) : null}
          <SelectionPanel
            data={data}
            index={index}
            selection={shownSelection}
            groups={view.groups}
            readOnly={readOnly}
            onSelect={select}
            onOpenEntity={onOpenEntity}
            onOpenClaim={onOpenClaim}
            onOpenPassage={onOpenPassage}
            onGroupCollapsed={(groupId, collapsed) =>
              update({ groups: withGroupCollapsed(view.groups, groupId, collapsed) })
            }
            onUngroup={(groupId) => update({ groups: withoutGroup(view.groups, groupId) })}
            onClaimDeleted={() => setSelection(NO_SELECTION)}
          />
        </div>
      </div>
      <section className="cf-chart__timeline" aria-label="Timeline panel">
        <Button
          variant="ghost"
          aria-expanded={showTimeline}
          onClick={() => setShowTimeline((v) => !v)}
        >
          {showTimeline ? 'Hide timeline' : 'Show timeline'}
        </Button>
        {timeline ? (
          <Timeline
            items={timeline.items}
            undatedCount={timeline.undatedCount}
            selectedIds={timelineSelected}
            label="Timeline of the chart’s claims"
            onSelect={(ids) => {
              const found = elementsForRecords(elements, ids);
              select([...found.nodes, ...found.edges]);
              const first = found.nodes[0];
              if (first && found.edges.length === 0) canvas.current?.focus(first);
            }}
          />
        ) : null}
      </section>
      {claimDraft ? (
        <ClaimDialog
          caseId={caseId}
          initial={claimDraft}
          onDone={(claimId) => {
            setClaimDraft(undefined);
            setLinkMode(false);
            // The dialog saved and called changed(): the edge appears when the case is re-read.
            if (claimId) selectAfterLoad.current = claimId;
          }}
        />
      ) : null}
      {dialog === 'group' ? (
        <GroupDialog
          count={entityIdsSelected.length}
          taken={view.groups.map((group) => group.label)}
          onCancel={() => setDialog('none')}
          onCreate={(label) => {
            update({
              groups: withGroup(view.groups, {
                id: crypto.randomUUID(),
                label,
                memberIds: entityIdsSelected,
                collapsed: false,
              }),
            });
            setDialog('none');
          }}
        />
      ) : null}
      {dialog === 'add' ? (
        <EntityPicker
          caseId={caseId}
          title="Add entity to the chart"
          allowCreate={false}
          exclude={view.entityIds}
          onCancel={() => setDialog('none')}
          onPick={(choice) => {
            if (!('entityId' in choice)) return;
            update({ scope: 'chosen', entityIds: [...view.entityIds, choice.entityId] });
            setDialog('none');
          }}
        />
      ) : null}
    </div>
  );
}

/** `next`, with the ids already selected first, in their order. */
function inSelectionOrder(current: readonly string[], next: readonly string[]): readonly string[] {
  const wanted = new Set(next);
  const kept = current.filter((id) => wanted.has(id));
  const known = new Set(kept);
  return [...kept, ...next.filter((id) => !known.has(id))];
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
