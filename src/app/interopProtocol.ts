import type { CsvImportProgress, CsvSniffOptions } from '../core/interop/csvImportTypes';
import type { StixImportProgress } from '../core/interop/stixImport';
import type { CsvMapRequest, ImportTarget } from '../features/interop/importer';
import type { Result } from '../shared/result';

/**
 * Messages between the interop client (UI thread) and the interop worker. Each job carries its
 * own copy of the file's bytes, transferred; results' originals are transferred back. A job is
 * cancelled by terminating the worker, so there is no cancel message.
 */
export type InteropJob =
  | {
      readonly type: 'stix';
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly target: ImportTarget;
    }
  | {
      readonly type: 'csv-sniff';
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly options: CsvSniffOptions;
    }
  | {
      readonly type: 'csv-map';
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly request: CsvMapRequest;
      readonly target: ImportTarget;
    };

export type InteropProgress = StixImportProgress | CsvImportProgress;

export type InteropWorkerMessage =
  | { readonly type: 'progress'; readonly id: number; readonly progress: InteropProgress }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> };
