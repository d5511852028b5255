import type { Result } from '../../shared/result';
import type { SourceKind, SourceProvenance, SourceStructure } from '../model/records';

/**
 * What a parser makes of one file: everything a Source needs except what storage adds (ids,
 * hash, case, timestamps, reliability). Produced in the ingest worker, so it is plain data.
 */
export interface SourceDraft {
  readonly title: string;
  readonly kind: SourceKind;
  readonly mediaType: string;
  /** Canonical text: paragraphs separated by a blank line ("\n\n"); see core/text/canonical.ts. */
  readonly text: string;
  readonly structure: SourceStructure;
  readonly provenance: SourceProvenance;
  /** Things the investigator should know (e.g. "no text layer"); the import still succeeds. */
  readonly warnings: readonly string[];
  /** Untrusted HTML view of the document, if the format has one. Sanitised on display. */
  readonly html?: string;
  /** Files embedded in this one (e-mail attachments): imported as child sources. */
  readonly attachments?: readonly DraftAttachment[];
}

export interface DraftAttachment {
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** Caps checked before (or while) doing work, so hostile files cost little. */
export interface IngestLimits {
  /** Largest file accepted, checked before reading. */
  readonly maxFileBytes: number;
  /** Most bytes a compressed container (DOCX) may inflate to, counted while inflating. */
  readonly maxInflatedBytes: number;
  /** Most entries in a compressed container. */
  readonly maxZipEntries: number;
  readonly maxPdfPages: number;
  /** Most MIME parts in one e-mail, and deepest multipart nesting. */
  readonly maxMimeParts: number;
  readonly maxMimeDepth: number;
  /** Most attachments imported from one e-mail. */
  readonly maxAttachments: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxZipEntries: 5_000,
  maxPdfPages: 10_000,
  maxMimeParts: 1_000,
  maxMimeDepth: 20,
  maxAttachments: 200,
};

export interface ParseInput {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly limits: IngestLimits;
  /** Media type the container declared (e.g. an e-mail attachment's Content-Type), if any. */
  readonly declaredMediaType?: string;
  /**
   * Where pdf.js finds its predefined character maps (shipped with the app, same origin). PDFs
   * whose fonts use them, common in Chinese, Japanese and Korean documents, yield no text without.
   */
  readonly pdfCMapUrl?: string;
}

/** One parser per format (src/ingest). Never throws for bad input: returns a specific error. */
export type Parser = (input: ParseInput) => Promise<Result<SourceDraft>>;

/** Error codes of refused files, one per kind of bad input the import report can show. */
export const INGEST_ERRORS = {
  empty: 'ingest.empty',
  unsupported: 'ingest.unsupported',
  tooLarge: 'ingest.tooLarge',
  invalidUtf8: 'ingest.text.invalidUtf8',
  pdfCorrupt: 'ingest.pdf.corrupt',
  pdfEncrypted: 'ingest.pdf.encrypted',
  pdfTooManyPages: 'ingest.pdf.tooManyPages',
  docxNotZip: 'ingest.docx.notZip',
  docxZipBomb: 'ingest.docx.zipBomb',
  docxDtd: 'ingest.docx.dtd',
  docxCorrupt: 'ingest.docx.corrupt',
  emlMalformed: 'ingest.eml.malformed',
  emlTooManyParts: 'ingest.eml.tooManyParts',
  emlTooDeep: 'ingest.eml.tooDeep',
  htmlCorrupt: 'ingest.html.corrupt',
  htmlTooDeep: 'ingest.html.tooDeep',
  cancelled: 'ingest.cancelled',
  duplicate: 'ingest.duplicate',
  internal: 'ingest.internal',
} as const;
