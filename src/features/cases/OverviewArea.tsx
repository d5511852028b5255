import { useState } from 'react';
import type { Case } from '../../core';
import { Button } from '../../ui';
import { ExportBundleDialog } from '../bundles';
import { ExportDialog, ImportDialog } from '../interop';
import { useStorage, useStorageQuery } from '../storage';
import { formatTimestamp } from '../../shared/format';
import type { CaseArea } from './CaseWorkspace';
import { GuidedStart } from './GuidedStart';

export interface OverviewAreaProps {
  readonly current: Case;
  readonly readOnly: boolean;
  readonly onEdit: (target: Case) => void;
  readonly onDelete: (target: Case) => void;
  /** Opens another area of this case (the guided start's links). */
  readonly onNavigate: (area: CaseArea) => void;
}

export function OverviewArea({
  current,
  readOnly,
  onEdit,
  onDelete,
  onNavigate,
}: OverviewAreaProps) {
  const { storage, changed } = useStorage();
  const sourceCount = useStorageQuery(
    (s) => s.sources.list(current.id).then((list) => list.length),
    [current.id],
  );
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [bundling, setBundling] = useState(false);
  const closed = current.status !== 'open';

  async function toggleStatus() {
    const result = await storage.cases.update(current.id, { status: closed ? 'open' : 'closed' });
    if (!result.ok) setError(result.error.message);
    else changed();
  }

  return (
    <div aria-label="Overview" role="region">
      <h2>Overview</h2>
      {sourceCount.status === 'ready' && sourceCount.value === 0 ? (
        <GuidedStart caseId={current.id} readOnly={readOnly} onNavigate={onNavigate} />
      ) : null}
      <dl className="cf-details">
        <dt>Summary</dt>
        <dd>{current.summary || <span className="cf-muted">No summary yet.</span>}</dd>
        <dt>Handling marking</dt>
        <dd>{current.marking}</dd>
        <dt>Status</dt>
        <dd className="cf-capitalize">{current.status}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={current.createdAt}>{formatTimestamp(current.createdAt)}</time>
        </dd>
        <dt>Last changed</dt>
        <dd>
          <time dateTime={current.updatedAt}>{formatTimestamp(current.updatedAt)}</time>
        </dd>
      </dl>
      <div className="cf-page__actions">
        <Button onClick={() => onEdit(current)} disabled={readOnly}>
          Edit details
        </Button>
        <Button onClick={() => void toggleStatus()} disabled={readOnly}>
          {closed ? 'Reopen case' : 'Close case'}
        </Button>
        <Button onClick={() => setExporting(true)}>Export case data…</Button>
        <Button onClick={() => setImporting(true)} disabled={readOnly}>
          Import STIX or CSV…
        </Button>
        <Button onClick={() => setBundling(true)}>Export encrypted bundle…</Button>
        <Button variant="danger" onClick={() => onDelete(current)} disabled={readOnly}>
          Delete case
        </Button>
      </div>
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
      {exporting ? (
        <ExportDialog current={current} readOnly={readOnly} onClose={() => setExporting(false)} />
      ) : null}
      {importing ? (
        <ImportDialog current={current} readOnly={readOnly} onClose={() => setImporting(false)} />
      ) : null}
      {bundling ? (
        <ExportBundleDialog
          current={current}
          readOnly={readOnly}
          onClose={() => setBundling(false)}
        />
      ) : null}
    </div>
  );
}
