import { useCallback, useRef, useState } from 'react';
import type { CaseId } from '../../core';
import { useStorage } from '../storage';
import { useServices } from '../services';
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

/** Runs one import batch at a time, with progress, cancel and a report that stays until dismissed. */
export function useImport(caseId: CaseId) {
  const { storage, changed } = useStorage();
  const { ingest } = useServices();
  const [run, setRun] = useState<ImportRun | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: readonly PendingFile[], options: { allowDuplicates?: boolean } = {}) => {
      if (files.length === 0 || abort.current) return;
      const controller = new AbortController();
      abort.current = controller;
      setRun({ running: true, progress: null, rows: [], fileCount: files.length });
      await importFiles(files, {
        caseId,
        storage,
        ingest,
        signal: controller.signal,
        allowDuplicates: options.allowDuplicates ?? false,
        now: () => new Date().toISOString(),
        onProgress: (progress) => setRun((r) => (r ? { ...r, progress } : r)),
        onRow: (row) => {
          setRun((r) => (r ? { ...r, rows: [...r.rows, row] } : r));
          if (row.outcome.status === 'imported') changed();
        },
      });
      abort.current = null;
      setRun((r) => (r ? { ...r, running: false } : r));
    },
    [caseId, storage, ingest, changed],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    ingest.cancel();
  }, [ingest]);

  return { run, start, cancel, dismiss: () => setRun(null) };
}
