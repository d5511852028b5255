import { useState } from 'react';
import { Button, WindowedRows, type RowProps } from '../../ui';
import { formatByteSize } from '../../shared/format';
import type { ImportReportRow, PendingFile } from './importFiles';
import type { ImportRun } from './useImport';

export interface ImportPanelProps {
  readonly run: ImportRun;
  readonly onCancel: () => void;
  readonly onDismiss: () => void;
  readonly onImportAnyway: (files: readonly PendingFile[]) => void;
}

const STAGE_LABEL = {
  reading: 'Reading',
  parsing: 'Extracting text',
  storing: 'Storing',
  done: 'Done',
} as const;

/** Progress of the running import (per file and overall) and, row by row, what became of each file. */
export function ImportPanel({ run, onCancel, onDismiss, onImportAnyway }: ImportPanelProps) {
  const { progress, rows, running, fileCount } = run;
  const counts = {
    imported: rows.filter((r) => r.outcome.status === 'imported').length,
    duplicate: rows.filter((r) => r.outcome.status === 'duplicate').length,
    failed: rows.filter((r) => r.outcome.status === 'failed').length,
    cancelled: rows.filter((r) => r.outcome.status === 'cancelled').length,
  };
  const duplicates = rows.flatMap((r) =>
    r.outcome.status === 'duplicate' ? [r.outcome.file] : [],
  );
  return (
    <section className="cf-import" aria-label="Import">
      <header className="cf-import__header">
        <h2>
          {running
            ? `Importing ${fileCount} ${fileCount === 1 ? 'file' : 'files'}…`
            : 'Import report'}
        </h2>
        {running ? (
          <Button onClick={onCancel}>Cancel import</Button>
        ) : (
          <Button variant="ghost" onClick={onDismiss}>
            Close report
          </Button>
        )}
      </header>
      {running && progress ? (
        <div className="cf-import__progress">
          <label>
            Overall: file {Math.min(progress.fileIndex + 1, fileCount)} of {fileCount}
            <progress aria-label="Overall progress" max={1} value={progress.overallFraction} />
          </label>
          <label>
            {STAGE_LABEL[progress.stage]} {progress.fileName}
            <progress aria-label="Current file progress" max={1} value={progress.fileFraction} />
          </label>
        </div>
      ) : null}
      <p role="status" className="cf-muted">
        {counts.imported} imported · {counts.duplicate} already in this case · {counts.failed}{' '}
        refused
        {counts.cancelled > 0 ? ` · ${counts.cancelled} cancelled` : ''}
      </p>
      {!running && duplicates.length > 0 ? (
        <p>
          Files already in this case were skipped.{' '}
          <Button onClick={() => onImportAnyway(duplicates)}>
            Import {duplicates.length === 1 ? 'it' : 'them'} again anyway
          </Button>
        </p>
      ) : null}
      {rows.length > 0 ? <ReportTable rows={rows} /> : null}
    </section>
  );
}

/** The report, newest outcome last; windowed so a thousand-file batch stays light. */
function ReportTable({ rows }: { readonly rows: readonly ImportReportRow[] }) {
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setScroller} className="cf-import__scroll">
      <table
        className="cf-table cf-import__report"
        aria-label="Import report"
        aria-rowcount={rows.length + 1}
      >
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <WindowedRows
          items={rows}
          getKey={(_row, index) => String(index)}
          scroller={scroller}
          estimatedRowHeight={40}
          renderRow={(row, { index, measure }) => (
            <ReportRow key={index} row={row} index={index} measure={measure} />
          )}
        />
      </table>
    </div>
  );
}

function ReportRow({ row, index, measure }: { readonly row: ImportReportRow } & RowProps) {
  const { outcome } = row;
  return (
    <tr data-outcome={outcome.status} ref={measure} data-index={index} aria-rowindex={index + 2}>
      <th scope="row">{row.fileName}</th>
      <td>{formatByteSize(row.byteLength)}</td>
      <td>
        {outcome.status === 'imported' ? (
          <>
            <strong className="cf-ok">Imported</strong>
            {outcome.attachments > 0
              ? ` with ${outcome.attachments} attachment${outcome.attachments === 1 ? '' : 's'}`
              : ''}
            {outcome.warnings.map((w) => (
              <div key={w} className="cf-muted">
                {w}
              </div>
            ))}
          </>
        ) : null}
        {outcome.status === 'duplicate' ? (
          <>
            <strong>Skipped</strong>: identical to “{outcome.existing.title}”, already in this case.
          </>
        ) : null}
        {outcome.status === 'failed' ? (
          <>
            <strong className="cf-error">Refused</strong>: {outcome.message}
          </>
        ) : null}
        {outcome.status === 'cancelled' ? <strong>Cancelled</strong> : null}
      </td>
    </tr>
  );
}
