import type {
  Case,
  CaseId,
  ChartId,
  ClaimId,
  EntityId,
  NoteId,
  PassageId,
  SourceId,
} from '../../core';
import { ClaimsArea } from '../claims';
import { EntitiesArea } from '../entities';
import { ChartArea } from '../graph';
import { NotebookArea } from '../notebook';
import { ReportsArea } from '../reports';
import { CaseSearchBox, SearchArea } from '../search';
import { SourceReader, SourcesArea } from '../sources';
import { Banner, Button, MarkingBadge } from '../../ui';
import { useStorageQuery } from '../storage';
import { ActivityArea } from './ActivityArea';
import { OverviewArea } from './OverviewArea';

/** The areas of a case that work today. Later features add theirs here. */
export const CASE_AREAS = [
  { id: 'overview', label: 'Overview' },
  { id: 'sources', label: 'Sources' },
  { id: 'entities', label: 'Entities' },
  { id: 'claims', label: 'Claims' },
  { id: 'chart', label: 'Chart' },
  { id: 'notes', label: 'Notebook' },
  { id: 'activity', label: 'Activity' },
  { id: 'search', label: 'Search' },
  { id: 'reports', label: 'Reports' },
] as const;
export type CaseArea = (typeof CASE_AREAS)[number]['id'];

/** What is open inside an area: a source (and a passage to scroll to), an entity, a claim, a chart, a note. */
export interface CaseTarget {
  readonly sourceId?: SourceId | undefined;
  readonly passageId?: PassageId | undefined;
  readonly entityId?: EntityId | undefined;
  readonly claimId?: ClaimId | undefined;
  readonly chartId?: ChartId | undefined;
  readonly noteId?: NoteId | undefined;
  /** The search area's query (as typed). */
  readonly searchQuery?: string | undefined;
  /** Sources: "find in this source" opened with this query, the match at `findAt` current. */
  readonly find?: string | undefined;
  readonly findAt?: number | undefined;
}

export interface CaseWorkspaceProps {
  readonly caseId: CaseId;
  readonly area: CaseArea;
  /** What is open in the area (a source and passage, or an entity). */
  readonly target: CaseTarget;
  readonly readOnly: boolean;
  /**
   * `replace`: change the current history entry instead of adding one (the search area keeps
   * its query in the route while the investigator types).
   */
  readonly onNavigate: (
    area: CaseArea,
    target?: CaseTarget,
    options?: { readonly replace?: boolean },
  ) => void;
  readonly onBack: () => void;
  readonly onEdit: (target: Case) => void;
  readonly onDelete: (target: Case) => void;
}

export function CaseWorkspace({
  caseId,
  area,
  target,
  readOnly,
  onNavigate,
  onBack,
  onEdit,
  onDelete,
}: CaseWorkspaceProps) {
  const found = useStorageQuery((storage) => storage.cases.get(caseId), [caseId]);

  if (found.status === 'loading') return <p role="status">Opening case…</p>;
  if (found.status === 'failed')
    return <Banner tone="error">Could not open the case: {found.message}</Banner>;
  if (!found.value) {
    return (
      <section className="cf-page">
        <h1>Case not found</h1>
        <p>This case is not on this computer: it may have been deleted.</p>
        <Button onClick={onBack}>Back to all cases</Button>
      </section>
    );
  }
  const current = found.value;
  const { sourceId, passageId, entityId, claimId, chartId, noteId, searchQuery } = target;
  const openPassage = (source: SourceId, passage: PassageId) =>
    onNavigate('sources', { sourceId: source, passageId: passage });
  const openEntity = (id: EntityId) => onNavigate('entities', { entityId: id });
  const openNote = (id: NoteId | undefined) => onNavigate('notes', id ? { noteId: id } : {});
  const onSearchQueryChange = (query: string, options: { readonly replace: boolean }) =>
    onNavigate('search', query === '' ? {} : { searchQuery: query }, options);
  return (
    <div className="cf-workspace">
      <nav className="cf-sidebar" aria-label="Case areas">
        <Button variant="ghost" className="cf-sidebar__back" onClick={onBack}>
          ← All cases
        </Button>
        <ul>
          {CASE_AREAS.map((a) => (
            <li key={a.id}>
              <a
                href={`#/case/${current.id}/${a.id}`}
                aria-current={a.id === area ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  onNavigate(a.id);
                }}
              >
                {a.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="cf-page" aria-labelledby="case-heading">
        <header className="cf-page__header">
          <div className="cf-case-title">
            <h1 id="case-heading">{current.title}</h1>
            <MarkingBadge marking={current.marking} />
            {current.status !== 'open' ? <span className="cf-status">{current.status}</span> : null}
          </div>
          {area === 'search' ? null : (
            <CaseSearchBox onSearch={(query) => onNavigate('search', { searchQuery: query })} />
          )}
        </header>
        {area === 'overview' ? (
          <OverviewArea
            current={current}
            readOnly={readOnly}
            onEdit={onEdit}
            onDelete={onDelete}
            onNavigate={(next) => onNavigate(next)}
          />
        ) : null}
        {area === 'sources' && sourceId ? (
          <SourceReader
            key={sourceId}
            sourceId={sourceId}
            focusPassageId={passageId}
            findQuery={target.find}
            findAt={target.findAt}
            readOnly={readOnly}
            onBack={() => onNavigate('sources')}
            onOpenSource={(id) => onNavigate('sources', { sourceId: id })}
            onOpenEntity={openEntity}
            onOpenClaim={(id) => onNavigate('claims', { claimId: id })}
            onOpenNote={openNote}
          />
        ) : null}
        {area === 'sources' && !sourceId ? (
          <SourcesArea
            caseId={current.id}
            readOnly={readOnly}
            onOpenSource={(id) => onNavigate('sources', { sourceId: id })}
          />
        ) : null}
        {area === 'entities' ? (
          <EntitiesArea
            caseId={current.id}
            entityId={entityId}
            readOnly={readOnly}
            onOpenEntity={(id) => onNavigate('entities', id ? { entityId: id } : {})}
            onOpenPassage={openPassage}
            onOpenClaim={(id) => onNavigate('claims', { claimId: id })}
            onOpenNote={openNote}
          />
        ) : null}
        {area === 'claims' ? (
          <ClaimsArea
            caseId={current.id}
            claimId={claimId}
            readOnly={readOnly}
            onOpenClaim={(id) => onNavigate('claims', id ? { claimId: id } : {})}
            onOpenEntity={openEntity}
            onOpenPassage={openPassage}
            onOpenNote={openNote}
          />
        ) : null}
        {area === 'chart' ? (
          <ChartArea
            caseId={current.id}
            chartId={chartId}
            readOnly={readOnly}
            onOpenChart={(id) => onNavigate('chart', id ? { chartId: id } : {})}
            onOpenClaim={(id) => onNavigate('claims', { claimId: id })}
            onOpenEntity={openEntity}
            onOpenPassage={openPassage}
          />
        ) : null}
        {area === 'notes' ? (
          <NotebookArea
            caseId={current.id}
            noteId={noteId}
            readOnly={readOnly}
            onOpenNote={openNote}
            onOpenEntity={openEntity}
            onOpenPassage={openPassage}
            onOpenClaim={(id) => onNavigate('claims', { claimId: id })}
          />
        ) : null}
        {area === 'activity' ? <ActivityArea caseId={current.id} /> : null}
        {area === 'reports' ? <ReportsArea current={current} readOnly={readOnly} /> : null}
        {area === 'search' ? (
          <SearchArea
            caseId={current.id}
            query={searchQuery}
            readOnly={readOnly}
            onQueryChange={onSearchQueryChange}
            onOpenSource={(id, find) => onNavigate('sources', { sourceId: id, ...find })}
            onOpenPassage={(source, passage, find) =>
              onNavigate('sources', { sourceId: source, passageId: passage, ...find })
            }
            onOpenEntity={openEntity}
            onOpenClaim={(id) => onNavigate('claims', { claimId: id })}
            onOpenNote={openNote}
          />
        ) : null}
      </section>
    </div>
  );
}
