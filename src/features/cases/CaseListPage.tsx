import { useDeferredValue, useState } from 'react';
import type { Case } from '../../core';
import { Banner, Button, MarkingBadge, WindowedTable } from '../../ui';
import { useStorageQuery } from '../storage';
import { formatTimestamp } from '../../shared/format';

export interface CaseListPageProps {
  readonly readOnly: boolean;
  readonly onOpen: (target: Case) => void;
  readonly onNew: () => void;
  readonly onEdit: (target: Case) => void;
  readonly onDelete: (target: Case) => void;
  /** "Import encrypted bundle…" (src/features/bundles); no button when absent. */
  readonly onImportBundle?: () => void;
  /** "Open the sample case" (src/features/sample), offered while there are no cases. */
  readonly onOpenSample?: () => void;
}

function matches(c: Case, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [c.title, c.summary, c.marking].some((field) => field.toLowerCase().includes(needle));
}

/** Every case on this computer, most recently changed first. */
export function CaseListPage({
  readOnly,
  onOpen,
  onNew,
  onEdit,
  onDelete,
  onImportBundle,
  onOpenSample,
}: CaseListPageProps) {
  const cases = useStorageQuery((storage) => storage.cases.list(), []);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);

  return (
    <section className="cf-page cf-page--fill" aria-labelledby="case-list-heading">
      <header className="cf-page__header">
        <h1 id="case-list-heading">Cases</h1>
        <div className="cf-page__actions">
          <input
            type="search"
            className="cf-search"
            aria-label="Filter cases"
            placeholder="Filter by title, summary or marking"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          {onImportBundle ? (
            <Button onClick={onImportBundle} disabled={readOnly}>
              Import bundle…
            </Button>
          ) : null}
          <Button variant="primary" onClick={onNew} disabled={readOnly}>
            New case
          </Button>
        </div>
      </header>
      {cases.status === 'loading' ? <p role="status">Loading cases…</p> : null}
      {cases.status === 'failed' ? (
        <Banner tone="error">Could not read cases: {cases.message}</Banner>
      ) : null}
      {cases.status === 'ready' && cases.value.length === 0 ? (
        <div className="cf-empty cf-welcome">
          <h2>No cases yet</h2>
          <p>
            Welcome to Casefile. A case holds the sources, passages, entities and claims of one
            investigation. To see one at work, open the sample case: a small fictional fraud
            investigation with eight sources, graded claims, a link chart, a timeline and a draft
            note.
          </p>
          <div className="cf-welcome__actions">
            {onOpenSample ? (
              <Button variant="primary" onClick={onOpenSample} disabled={readOnly}>
                Open the sample case
              </Button>
            ) : null}
            <Button
              variant={onOpenSample ? 'secondary' : 'primary'}
              onClick={onNew}
              disabled={readOnly}
            >
              Create your first case
            </Button>
          </div>
          {onImportBundle ? (
            <p className="cf-muted">
              Received a case from a colleague? Use “Import bundle…” above.
            </p>
          ) : null}
        </div>
      ) : null}
      {cases.status === 'ready' && cases.value.length > 0 ? (
        <CaseTable
          cases={cases.value.filter((c) => matches(c, deferredFilter))}
          total={cases.value.length}
          readOnly={readOnly}
          onOpen={onOpen}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      ) : null}
    </section>
  );
}

function countCases(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'case' : 'cases'}`;
}

const ESTIMATED_ROW_HEIGHT = 62;

interface CaseTableProps {
  readonly cases: readonly Case[];
  readonly total: number;
  readonly readOnly: boolean;
  readonly onOpen: (target: Case) => void;
  readonly onEdit: (target: Case) => void;
  readonly onDelete: (target: Case) => void;
}

function CaseTable(props: CaseTableProps) {
  const { cases, total } = props;
  return (
    <>
      <p className="cf-muted" role="status">
        {cases.length === total
          ? countCases(total)
          : `${cases.length.toLocaleString()} of ${countCases(total)}`}
      </p>
      <WindowedTable
        label="Cases"
        className="cf-table cf-table--fixed"
        head={
          <>
            <colgroup>
              <col />
              <col className="cf-col-marking" />
              <col className="cf-col-status" />
              <col className="cf-col-date" />
              <col className="cf-col-actions" />
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col">Title</th>
                <th scope="col">Marking</th>
                <th scope="col">Status</th>
                <th scope="col">Last changed</th>
                <th scope="col">
                  <span className="cf-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
          </>
        }
        items={cases}
        getKey={(c) => c.id}
        estimatedRowHeight={ESTIMATED_ROW_HEIGHT}
        renderCells={(c) => <CaseCells row={c} {...props} />}
      />
    </>
  );
}

interface CaseCellsProps extends CaseTableProps {
  readonly row: Case;
}

/** One case's cells (WindowedTable supplies the row around them). */
function CaseCells({ row: c, readOnly, onOpen, onEdit, onDelete }: CaseCellsProps) {
  return (
    <>
      <th scope="row">
        <button type="button" className="cf-link" onClick={() => onOpen(c)}>
          {c.title}
        </button>
        {c.summary ? <div className="cf-muted cf-clamp">{c.summary}</div> : null}
      </th>
      <td>
        <MarkingBadge marking={c.marking} />
      </td>
      <td className="cf-capitalize">{c.status}</td>
      <td>
        <time dateTime={c.updatedAt}>{formatTimestamp(c.updatedAt)}</time>
      </td>
      <td className="cf-row-actions">
        <Button
          variant="ghost"
          onClick={() => onEdit(c)}
          disabled={readOnly}
          aria-label={`Rename ${c.title}`}
        >
          Rename
        </Button>
        <Button
          variant="ghost"
          onClick={() => onDelete(c)}
          disabled={readOnly}
          aria-label={`Delete ${c.title}`}
        >
          Delete
        </Button>
      </td>
    </>
  );
}
