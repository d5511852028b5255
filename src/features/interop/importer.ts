import type { Case, Entity, IsoTimestamp } from '../../core';
import { mapCsv, sniffCsv } from '../../core/interop/csvImport';
import type {
  CsvEncoding,
  CsvImportProgress,
  CsvImportResult,
  CsvMapping,
  CsvSniff,
  CsvSniffOptions,
  CsvDelimiter,
} from '../../core/interop/csvImportTypes';
import {
  importStixBundle,
  type StixImportProgress,
  type StixImport,
} from '../../core/interop/stixImport';
import { err, type Result } from '../../shared/result';

/**
 * The import parsers as the import dialog calls them. In the app they run in a worker
 * (src/app/interopClient.ts); `createInlineImporter` runs them on the calling thread (component
 * tests, and the worker itself). Every call takes the file's bytes; the caller keeps its own copy.
 */

/** The case records land in, as the parsers need it (everything here can be posted to a worker). */
export interface ImportTarget {
  readonly caseRecord: Case;
  /** The case's live entities, so the file's entities are matched to them instead of repeated. */
  readonly existingEntities: readonly Entity[];
  readonly now: IsoTimestamp;
}

export interface CsvMapRequest {
  readonly mapping: CsvMapping;
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
}

export const IMPORT_CANCELLED_CODE = 'import.cancelled';

export function importCancelled(): Result<never> {
  return err(IMPORT_CANCELLED_CODE, 'The import was cancelled; nothing was written.');
}

export interface InteropImporter {
  importStix(
    bytes: Uint8Array,
    target: ImportTarget,
    onProgress?: (progress: StixImportProgress) => void,
    signal?: AbortSignal,
  ): Promise<Result<StixImport>>;
  sniffCsv(bytes: Uint8Array, options: CsvSniffOptions): Promise<Result<CsvSniff>>;
  mapCsv(
    bytes: Uint8Array,
    request: CsvMapRequest,
    target: ImportTarget,
    onProgress?: (progress: CsvImportProgress) => void,
    signal?: AbortSignal,
  ): Promise<Result<CsvImportResult>>;
}

function newId(): string {
  return crypto.randomUUID();
}

/** The parsers on this thread. */
export function createInlineImporter(): InteropImporter {
  return {
    async importStix(bytes, target, onProgress, signal) {
      if (signal?.aborted) return importCancelled();
      const result = await importStixBundle(
        bytes,
        { ...target, newId },
        onProgress ? { onProgress } : {},
      );
      return signal?.aborted ? importCancelled() : result;
    },
    sniffCsv(bytes, options) {
      return Promise.resolve(sniffCsv(bytes, options));
    },
    async mapCsv(bytes, request, target, onProgress, signal) {
      if (signal?.aborted) return importCancelled();
      const result = await mapCsv(
        bytes,
        request.mapping,
        { ...target, newId },
        {
          encoding: request.encoding,
          delimiter: request.delimiter,
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
        },
      );
      return signal?.aborted ? importCancelled() : result;
    },
  };
}
