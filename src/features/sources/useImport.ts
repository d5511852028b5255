import { useCallback, useRef, useState } from 'react';
import type { CaseId } from '../../core';
import { useServices } from '../services';
import { useStorage } from '../storage';
import { useExtractionQueue, type SourceToExtract } from '../suggestions';
import {
  importFiles,
  type ImportProgress,
  type ImportReportRow,
  type PendingFile,
} from './importFiles';

export interface ImportRun {
  readonly running: boolean;
  readonly progress: ImportProgress | null;
  readonly rows: readonly ImportReportRow[];
  readonly fileCount: number;
}

/**
 * How often the screen follows a running import. Re-rendering the report and re-reading the
 * source list after every one of a thousand files would cost more than importing them.
 */
const REFRESH_MS = 250;

/**
 * Runs one import batch at a time, with progress, cancel and a report that stays until dismissed.
 * When the batch is done, its sources are queued for entity extraction in the background.
 */
export function useImport(caseId: CaseId) {
  const { storage, changed } = useStorage();
  const { ingest } = useServices();
  const [run, setRun] = useState<ImportRun | null>(null);
  const abort = useRef<AbortController | null>(null);
  const extraction = useExtractionQueue();

  const start = useCallback(
    async (files: readonly PendingFile[], options: { allowDuplicates?: boolean } = {}) => {
      if (files.length === 0 || abort.current) return;
      const controller = new AbortController();
      abort.current = controller;
      const rows: ImportReportRow[] = [];
      const toExtract: SourceToExtract[] = [];
      let progress: ImportProgress | null = null;
      let imported = false;
      let lastFlush = 0;
      const flush = (running: boolean) => {
        lastFlush = performance.now();
        setRun({ running, progress, rows: [...rows], fileCount: files.length });
        if (imported) changed();
        imported = false;
      };
      const flushSoon = () => {
        if (performance.now() - lastFlush >= REFRESH_MS) flush(true);
      };
      flush(true);
      await importFiles(files, {
        caseId,
        storage,
        ingest,
        signal: controller.signal,
        allowDuplicates: options.allowDuplicates ?? false,
        now: () => new Date().toISOString(),
        onProgress: (next) => {
          progress = next;
          flushSoon();
        },
        // Unreadable attachments are kept as bytes only: there is no text to search.
        onStored: (source) => {
          if (source.kind !== 'attachment') toExtract.push({ id: source.id, title: source.title });
        },
        onRow: (row) => {
          rows.push(row);
          if (row.outcome.status === 'imported') imported = true;
          flushSoon();
        },
      });
      abort.current = null;
      flush(false);
      // After the batch, not during it: extraction must not slow the import down.
      if (toExtract.length > 0) extraction.enqueue(caseId, toExtract);
    },
    [caseId, storage, ingest, changed, extraction],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    ingest.cancel();
  }, [ingest]);

  return { run, start, cancel, dismiss: () => setRun(null) };
}
