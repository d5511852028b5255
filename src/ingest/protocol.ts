import type { IngestLimits, SourceDraft } from '../core';
import type { Result } from '../shared/result';

/** Messages between the app and the ingest worker. Plain data; bytes travel as transfers. */
export interface ParseJob {
  readonly id: number;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly declaredMediaType?: string;
  readonly limits?: IngestLimits;
  readonly pdfCMapUrl?: string;
}

export interface ParsedFile {
  readonly draft: SourceDraft;
  /** Lower-case hex SHA-256 of the original bytes. */
  readonly sha256: string;
  /** The original bytes, handed back (they were transferred to the worker). */
  readonly bytes: Uint8Array;
}

export interface ParseJobResult {
  readonly id: number;
  readonly result: Result<ParsedFile>;
  /** Returned even when parsing failed, so the caller still owns the bytes. */
  readonly bytes: Uint8Array;
}
