import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  DEFAULT_CHART_TITLE,
  type CaseId,
  type Chart,
  type ChartId,
  type ClaimId,
  type ClaimSummary,
  type EntityId,
  type EntitySummary,
  type PassageId,
  type SourceId,
} from '../../core';
import { DEFAULT_GRAPH_BUDGET, type GraphBudget, type GraphData } from '../../graph';
import { Banner, Button, ConfirmDialog } from '../../ui';
import { useStorage, useStorageQuery, type QueryState } from '../storage';
import { ChartTitleDialog } from './ChartTitleDialog';
import { ChartWorkspace } from './ChartWorkspace';
import { copyTitle, newChartTitle, type ChartView } from './chartState';

export interface ChartAreaProps {
  readonly caseId: CaseId;
  /** The chart to show; the case's first chart when undefined. */
  readonly chartId: ChartId | undefined;
  readonly readOnly: boolean;
  readonly onOpenChart: (id: ChartId | undefined) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
}

function viewOf(chart: Chart): ChartView {
  const { scope, entityIds, positions, filters, layout, sizeBy, groups } = chart;
  return { scope, entityIds, positions, filters, layout, sizeBy, groups };
}

/**
 * The case's link charts: the saved charts (choose, create, rename, duplicate, delete) and the
 * open one. A case without a chart gets one, drawing the whole case, the first time this opens.
 */
export function ChartArea({
  caseId,
  chartId,
  readOnly,
  onOpenChart,
  onOpenClaim,
  onOpenEntity,
  onOpenPassage,
}: ChartAreaProps) {
  const { storage, changed } = useStorage();
  const stored = useStorageQuery((s) => s.charts.list(caseId), [caseId]);
  const entities = useStorageQuery((s) => s.entities.list(caseId), [caseId]);
  const claims = useStorageQuery((s) => s.claims.list(caseId), [caseId]);
  const data = useStableGraphData(entities, claims);
  // Charts created or deleted here, until the list is read again.
  const [created, setCreated] = useState<readonly Chart[]>([]);
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());
  // Each chart's view as last edited here: newer than the stored chart while a save is pending,
  // so switching back to a chart or duplicating it never loses an edit. A cache, not state.
  const [liveViews] = useState(() => new Map<ChartId, ChartView>());
  const [budget, setBudget] = useState<GraphBudget>(DEFAULT_GRAPH_BUDGET);
  const [dialog, setDialog] = useState<'none' | 'new' | 'rename' | 'delete'>('none');
  const [problem, setProblem] = useState<string | undefined>();
  const defaultFor = useRef<CaseId | undefined>(undefined);

  const charts = useMemo(() => {
    if (stored.status !== 'ready') return undefined;
    const ids = new Set(stored.value.map((c) => c.id));
    // (`created` may hold another case's charts if the area stayed open while the case changed.)
    const fresh = created.filter((c) => c.caseId === caseId && !ids.has(c.id));
    return [...stored.value, ...fresh]
      .filter((c) => !deleted.has(c.id))
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  }, [stored, created, deleted, caseId]);

  // The first visit to a case's chart area creates its chart; once (not again after a delete).
  useEffect(() => {
    if (readOnly || stored.status !== 'ready' || stored.value.length > 0) return;
    if (defaultFor.current === caseId) return;
    defaultFor.current = caseId;
    void storage.charts
      .create(caseId, { title: DEFAULT_CHART_TITLE, scope: 'all' })
      .then((made) => {
        if (!made.ok) {
          setProblem(`Could not create the case’s chart: ${made.error.message}`);
          return;
        }
        setCreated((list) => [...list, made.value]);
        changed();
      });
  }, [readOnly, stored, caseId, storage, changed]);

  const onViewChange = useCallback(
    (id: ChartId, view: ChartView) => {
      liveViews.set(id, view);
    },
    [liveViews],
  );

  if (stored.status === 'failed') {
    return (
      <ChartRegion>
        <Banner tone="error">Could not read the case’s charts: {stored.message}</Banner>
      </ChartRegion>
    );
  }
  if (entities.status === 'failed' || claims.status === 'failed') {
    const message =
      entities.status === 'failed' ? entities.message : (claims as { message: string }).message;
    return (
      <ChartRegion>
        <Banner tone="error">Could not read the case’s entities and claims: {message}</Banner>
      </ChartRegion>
    );
  }
  if (!charts || !data) {
    return (
      <ChartRegion>
        <p role="status">Loading the chart…</p>
      </ChartRegion>
    );
  }

  // Read-only and no chart yet: show the whole case without saving anything.
  const unsaved: Chart | undefined =
    charts.length === 0 && readOnly ? readOnlyChart(caseId) : undefined;
  const current = unsaved ?? (chartId ? charts.find((c) => c.id === chartId) : charts[0]);
  const titles = charts.map((c) => c.title);

  async function createChart(title: string, scope: Chart['scope']): Promise<string | null> {
    const made = await storage.charts.create(caseId, { title, scope });
    if (!made.ok) return made.error.message;
    setCreated((list) => [...list, made.value]);
    changed();
    setDialog('none');
    onOpenChart(made.value.id);
    return null;
  }

  async function duplicate(chart: Chart) {
    const view = liveViews.get(chart.id) ?? viewOf(chart);
    const made = await storage.charts.create(caseId, {
      ...view,
      title: copyTitle(chart.title, titles),
    });
    if (!made.ok) {
      setProblem(`Could not duplicate the chart: ${made.error.message}`);
      return;
    }
    setCreated((list) => [...list, made.value]);
    changed();
    onOpenChart(made.value.id);
  }

  return (
    <ChartRegion>
      <header className="cf-page__header cf-chart-area__header">
        <h2>{current?.title ?? 'Link chart'}</h2>
        <div className="cf-page__actions">
          {charts.length > 0 ? (
            <label className="cf-chart-area__picker">
              <span>Saved charts</span>
              <select
                value={current?.id ?? ''}
                onChange={(event) => onOpenChart(event.target.value as ChartId)}
              >
                {current ? null : <option value="">Choose a chart</option>}
                {charts.map((chart) => (
                  <option key={chart.id} value={chart.id}>
                    {chart.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <Button onClick={() => setDialog('new')} disabled={readOnly}>
            New chart…
          </Button>
          <Button onClick={() => setDialog('rename')} disabled={readOnly || !current || !!unsaved}>
            Rename…
          </Button>
          <Button
            onClick={() => current && void duplicate(current)}
            disabled={readOnly || !current || !!unsaved}
          >
            Duplicate
          </Button>
          <Button
            variant="danger"
            onClick={() => setDialog('delete')}
            disabled={readOnly || !current || !!unsaved}
          >
            Delete…
          </Button>
        </div>
      </header>
      {problem ? (
        <Banner tone="error">
          {problem}{' '}
          <Button variant="ghost" onClick={() => setProblem(undefined)}>
            Dismiss
          </Button>
        </Banner>
      ) : null}
      {chartId && !current && charts.length > 0 ? (
        <Banner tone="warning">This chart no longer exists. Choose another one above.</Banner>
      ) : null}
      {charts.length === 0 && !unsaved ? (
        <div className="cf-empty">
          <h3>No charts</h3>
          <p>A chart draws the case’s entities as nodes and its claims as links between them.</p>
          <Button variant="primary" onClick={() => setDialog('new')} disabled={readOnly}>
            New chart…
          </Button>
        </div>
      ) : null}
      {current ? (
        <ChartWorkspace
          key={current.id}
          caseId={caseId}
          chart={current}
          initialView={liveViews.get(current.id) ?? viewOf(current)}
          data={data}
          readOnly={readOnly || !!unsaved}
          budget={budget}
          onBudgetChange={setBudget}
          onViewChange={(view) => onViewChange(current.id, view)}
          onOpenClaim={onOpenClaim}
          onOpenEntity={onOpenEntity}
          onOpenPassage={onOpenPassage}
        />
      ) : null}
      {dialog === 'new' ? (
        <ChartTitleDialog
          mode="new"
          initialTitle={newChartTitle(titles)}
          onCancel={() => setDialog('none')}
          onSubmit={createChart}
        />
      ) : null}
      {dialog === 'rename' && current ? (
        <ChartTitleDialog
          mode="rename"
          initialTitle={current.title}
          onCancel={() => setDialog('none')}
          onSubmit={async (title) => {
            const renamed = await storage.charts.update(current.id, { title });
            if (!renamed.ok) return renamed.error.message;
            setCreated((list) => list.map((c) => (c.id === current.id ? { ...c, title } : c)));
            changed();
            setDialog('none');
            return null;
          }}
        />
      ) : null}
      {dialog === 'delete' && current ? (
        <ConfirmDialog
          title="Delete chart?"
          confirmLabel="Delete chart"
          onClose={() => setDialog('none')}
          onConfirm={async () => {
            const gone = await storage.charts.delete(current.id);
            if (!gone.ok) return gone.error.message;
            liveViews.delete(current.id);
            setDeleted((set) => new Set([...set, current.id]));
            changed();
            setDialog('none');
            onOpenChart(undefined);
            return null;
          }}
        >
          <p>
            “{current.title}” will be deleted: its layout, positions, filters and groups. The
            entities and claims it draws stay in the case.
          </p>
        </ConfirmDialog>
      ) : null}
    </ChartRegion>
  );
}

function ChartRegion({ children }: { readonly children: ReactNode }) {
  return (
    <div className="cf-chart-area" role="region" aria-label="Link chart">
      {children}
    </div>
  );
}

function readOnlyChart(caseId: CaseId): Chart {
  return {
    id: 'unsaved' as ChartId,
    caseId,
    title: DEFAULT_CHART_TITLE,
    scope: 'all',
    entityIds: [],
    positions: {},
    filters: {},
    layout: 'fcose',
    sizeBy: 'none',
    groups: [],
    createdAt: '',
    updatedAt: '',
  };
}

/**
 * The case's entities and claims as one GraphData that keeps its identity while their content
 * is unchanged: every write anywhere re-reads them, and a new object would redraw the chart.
 */
function useStableGraphData(
  entities: QueryState<readonly EntitySummary[]>,
  claims: QueryState<readonly ClaimSummary[]>,
): GraphData | undefined {
  const next = useMemo(() => {
    if (entities.status !== 'ready' || claims.status !== 'ready') return undefined;
    const data: GraphData = { entities: entities.value, claims: claims.value };
    return { key: contentKey(data), data };
  }, [entities, claims]);
  const [stable, setStable] = useState(next);
  if (next && next.key !== stable?.key) setStable(next);
  return next && next.key === stable?.key ? stable.data : next?.data;
}

function contentKey(data: GraphData): string {
  const parts: string[] = [];
  for (const e of data.entities)
    parts.push(`${e.id}|${e.updatedAt}|${e.mentionCount}|${e.sourceCount}`);
  parts.push('#');
  for (const c of data.claims) {
    parts.push(
      `${c.id}|${c.updatedAt}|${c.grade ?? ''}|${c.orphanedEvidence}|${c.evidenceSourceIds.join(',')}`,
    );
  }
  return parts.join('\n');
}
