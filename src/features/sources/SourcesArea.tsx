import { useEffect, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { DEFAULT_INGEST_LIMITS, type CaseId, type SourceId } from '../../core';
import { Banner, Button } from '../../ui';
import { useServices } from '../services';
import { useStorageQuery } from '../storage';
import { ExtractionStatus } from '../suggestions';
import { ImportPanel } from './ImportPanel';
import { registerSourceImport } from './readerCommands';
import { pendingFromBytes, pendingFromFile, pendingTooLarge } from './importFiles';
import { SourceTable } from './SourceTable';
import { useImport } from './useImport';

const IMPORT_FILTERS = [
  { name: 'Documents', extensions: ['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx', 'eml'] },
  { name: 'All files', extensions: ['*'] },
];

export interface SourcesAreaProps {
  readonly caseId: CaseId;
  readonly readOnly: boolean;
  readonly onOpenSource: (id: SourceId) => void;
}

/** The case's source library: import (dialog or drag-and-drop), the import report, the table. */
export function SourcesArea({ caseId, readOnly, onOpenSource }: SourcesAreaProps) {
  const { host } = useServices();
  const sources = useStorageQuery((storage) => storage.sources.list(caseId), [caseId]);
  const { run, start, cancel, dismiss } = useImport(caseId);
  const [dragging, setDragging] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const busy = run?.running ?? false;

  async function chooseFiles() {
    setHostError(null);
    const opened = await host.openFiles({
      title: 'Import sources',
      multiple: true,
      filters: IMPORT_FILTERS,
      maxBytes: DEFAULT_INGEST_LIMITS.maxFileBytes,
    });
    if (!opened.ok) {
      setHostError(opened.error.message);
      return;
    }
    if (opened.value.canceled) return;
    // Files over the cap were never read; they still get their own row in the report.
    void start([
      ...opened.value.files.map((f) => pendingFromBytes(f.name, f.bytes)),
      ...opened.value.tooLarge.map((f) => pendingTooLarge(f.name, f.size)),
    ]);
  }

  // "Import sources…" (Alt+I) from anywhere in the case runs this area's "Import files…".
  const chooseFilesRef = useRef(chooseFiles);
  useEffect(() => {
    chooseFilesRef.current = chooseFiles;
  });
  const canImport = !readOnly && !busy;
  // Before paint: a key pressed as soon as the area shows finds it registered.
  useLayoutEffect(
    () => (canImport ? registerSourceImport(() => void chooseFilesRef.current()) : undefined),
    [canImport],
  );

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (readOnly || busy) return;
    void start(Array.from(event.dataTransfer.files, pendingFromFile));
  }

  return (
    <div
      className={`cf-dropzone${dragging ? ' cf-dropzone--active' : ''}`}
      aria-label="Sources"
      role="region"
      onDragOver={(e) => {
        if (readOnly || busy || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="cf-page__header">
        <h2>Sources</h2>
        <div className="cf-page__actions">
          <Button variant="primary" onClick={() => void chooseFiles()} disabled={readOnly || busy}>
            Import files…
          </Button>
        </div>
      </header>
      <p className="cf-muted">
        Drop files here or choose them: plain text, Markdown, web pages, PDF, Word (.docx) and
        e-mail (.eml). Each original is kept byte for byte with its SHA-256.
      </p>
      {hostError ? <Banner tone="error">{hostError}</Banner> : null}
      <ExtractionStatus caseId={caseId} />
      {run ? (
        <ImportPanel
          run={run}
          onCancel={cancel}
          onDismiss={dismiss}
          onImportAnyway={(files) => void start(files, { allowDuplicates: true })}
        />
      ) : null}
      {sources.status === 'loading' ? <p role="status">Loading sources…</p> : null}
      {sources.status === 'failed' ? (
        <Banner tone="error">Could not read sources: {sources.message}</Banner>
      ) : null}
      {sources.status === 'ready' && sources.value.length === 0 && !run ? (
        <div className="cf-empty">
          <h3>No sources yet</h3>
          <p>
            Import the documents this case rests on: saved web pages, reports, Word files, e-mails.
          </p>
        </div>
      ) : null}
      {sources.status === 'ready' && sources.value.length > 0 ? (
        <SourceTable sources={sources.value} onOpen={(s) => onOpenSource(s.id)} />
      ) : null}
      {dragging ? (
        <div className="cf-dropzone__overlay" aria-hidden="true">
          Drop files to import them into this case
        </div>
      ) : null}
    </div>
  );
}
