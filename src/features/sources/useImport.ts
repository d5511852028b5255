import { useCallback, useRef, useState } from 'react';
import type { CaseId } from '../../core';
import { useServices } from '../services';
import { useStorage } from '../storage';
import { useExtractionQueue, type SourceToExtract } from '../suggestions';
import { useViewTasks } from '../tasks';
import {
  importFiles,
  type ImportProgress,
  type ImportReportRow,
  type PendingFile,
} from './importFiles';
import { importProgressLine, importSummary } from './importSummary';

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
  // The import panel shows progress here; a toast follows the batch if the area is left.
  const startTask = useViewTasks();

  const start = useCallback(
    async (files: readonly PendingFile[], options: { allowDuplicates?: boolean } = {}) => {
      if (files.length === 0 || abort.current) return;
      const controller = new AbortController();
      abort.current = controller;
      const task = startTask({
        title: `Importing ${files.length.toLocaleString('en')} ${files.length === 1 ? 'file' : 'files'}`,
        cancel: () => {
          controller.abort();
          ingest.cancel();
        },
      });
      const rows: ImportReportRow[] = [];
      const toExtract: SourceToExtract[] = [];
      let progress: ImportProgress | null = null;
      let imported = false;
      let lastFlush = 0;
      const flush = (running: boolean) => {
        lastFlush = performance.now();
        setRun({ running, progress, rows: [...rows], fileCount: files.length });
        if (running) {
          task.progress(
            rows.length,
            files.length,
            progress ? importProgressLine(progress, files.length) : undefined,
          );
        }
        if (imported) changed();
        imported = false;
      };
      const flushSoon = () => {
        if (performance.now() - lastFlush >= REFRESH_MS) flush(true);
      };
      flush(true);
      const finished = importFiles(files, {
        caseId,
        storage,
        ingest,
        signal: controller.signal,
        allowDuplicates: options.allowDuplicates ?? false,
        now: () => new Date().toISOString(),
        onProgress: (next) => {
          // The toast names each file as it starts (cheap: it re-renders only itself).
          if (next.fileIndex !== progress?.fileIndex) {
            task.progress(rows.length, files.length, importProgressLine(next, files.length));
          }
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
      // importFiles reports per file; a throw here is a bug, but the toast must not spin forever.
      await finished.catch((error: unknown) => {
        task.fail('Import stopped', error instanceof Error ? error.message : String(error));
        throw error;
      });
      abort.current = null;
      flush(false);
      const summary = importSummary(rows, files.length);
      if (summary.failed) task.fail(summary.title, summary.detail);
      else task.succeed(summary.title, summary.detail);
      // After the batch, not during it: extraction must not slow the import down.
      if (toExtract.length > 0) extraction.enqueue(caseId, toExtract);
    },
    [caseId, storage, ingest, changed, extraction, startTask],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    ingest.cancel();
  }, [ingest]);

  return { run, start, cancel, dismiss: () => setRun(null) };
}
