import {
  DEFAULT_INGEST_LIMITS,
  INGEST_ERRORS,
  asSha256,
  type CaseId,
  type Source,
  type SourceId,
} from '../../core';
import type { CasefileStorage } from '../../db';
import { sha256OfBytes, type Ingest } from '../../ingest';
import { formatByteSize } from '../../shared/format';

/** A file waiting to be imported: its size is known before its bytes are read. */
export interface PendingFile {
  readonly name: string;
  readonly size: number;
  readonly type?: string;
  read(): Promise<Uint8Array>;
}

export type ImportOutcome =
  | {
      readonly status: 'imported';
      readonly source: Source;
      readonly warnings: readonly string[];
      readonly attachments: number;
    }
  | { readonly status: 'duplicate'; readonly existing: Source; readonly file: PendingFile }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | { readonly status: 'cancelled' };

export interface ImportReportRow {
  readonly fileName: string;
  readonly byteLength: number;
  readonly outcome: ImportOutcome;
}

export interface ImportProgress {
  readonly fileIndex: number;
  readonly fileCount: number;
  readonly fileName: string;
  /** 0–1 within the current file. */
  readonly fileFraction: number;
  readonly stage: 'reading' | 'parsing' | 'storing' | 'done';
  /** 0–1 across the whole batch. */
  readonly overallFraction: number;
}

export interface ImportOptions {
  readonly caseId: CaseId;
  readonly storage: CasefileStorage;
  readonly ingest: Ingest;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly onRow?: (row: ImportReportRow) => void;
  /** Import even when identical bytes are already in the case (the "import anyway" choice). */
  readonly allowDuplicates?: boolean;
  readonly maxFileBytes?: number;
  readonly now?: () => string;
}

/** Attachments inside attachments (forwarded mail) are imported this many levels deep at most. */
export const MAX_ATTACHMENT_DEPTH = 5;

const STAGE_FRACTION = { reading: 0.05, parsing: 0.15, storing: 0.85, done: 1 } as const;

/**
 * Imports a batch: each file is size-checked before it is read, parsed off the UI thread, checked
 * against the case for identical bytes, then stored with its original in one transaction. A bad
 * file gets its own report row and stores nothing; the rest of the batch carries on.
 */
export async function importFiles(
  files: readonly PendingFile[],
  options: ImportOptions,
): Promise<ImportReportRow[]> {
  const rows: ImportReportRow[] = [];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_INGEST_LIMITS.maxFileBytes;
  const report = (row: ImportReportRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  for (const [index, file] of files.entries()) {
    const progress = (stage: ImportProgress['stage']) =>
      options.onProgress?.({
        fileIndex: index,
        fileCount: files.length,
        fileName: file.name,
        stage,
        fileFraction: STAGE_FRACTION[stage],
        overallFraction: (index + STAGE_FRACTION[stage]) / files.length,
      });
    if (options.signal?.aborted) {
      report({ fileName: file.name, byteLength: file.size, outcome: { status: 'cancelled' } });
      continue;
    }
    progress('reading');
    const outcome = await importOne(file, options, maxFileBytes, progress);
    report({ fileName: file.name, byteLength: file.size, outcome });
    progress('done');
  }
  return rows;
}

async function importOne(
  file: PendingFile,
  options: ImportOptions,
  maxFileBytes: number,
  progress: (stage: ImportProgress['stage']) => void,
  parentId?: SourceId,
  depth = 0,
): Promise<ImportOutcome> {
  if (file.size === 0) return failed(INGEST_ERRORS.empty, `${file.name} is empty.`);
  if (file.size > maxFileBytes) {
    return failed(
      INGEST_ERRORS.tooLarge,
      `${file.name} is ${formatByteSize(file.size)}; the limit is ${formatByteSize(maxFileBytes)}.`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await file.read();
  } catch (error) {
    return failed(
      'ingest.read',
      `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (options.signal?.aborted) return { status: 'cancelled' };
  progress('parsing');
  const parsed = await options.ingest.parse({
    fileName: file.name,
    bytes,
    ...(file.type ? { declaredMediaType: file.type } : {}),
  });
  if (!parsed.ok && parentId !== undefined && parsed.error.code === INGEST_ERRORS.unsupported) {
    return keepAsAttachment(file, bytes, options, parentId);
  }
  if (!parsed.ok) {
    return parsed.error.code === INGEST_ERRORS.cancelled
      ? { status: 'cancelled' }
      : failed(parsed.error.code, parsed.error.message);
  }
  if (options.signal?.aborted) return { status: 'cancelled' };
  const sha256 = asSha256(parsed.value.sha256);
  if (!options.allowDuplicates && parentId === undefined) {
    const existing = await options.storage.sources.findBySha256(options.caseId, sha256);
    if (existing) return { status: 'duplicate', existing, file };
  }
  progress('storing');
  const { attachments = [], ...draft } = parsed.value.draft;
  const stored = await options.storage.sources.import(options.caseId, {
    draft,
    bytes,
    sha256,
    ...(parentId ? { parentId } : {}),
    ...(options.now ? { capturedAt: options.now() } : {}),
  });
  if (!stored.ok) return failed(stored.error.code, stored.error.message);
  // Attachments become child sources, each parsed by its own type; one that cannot be parsed is
  // noted on the message rather than lost.
  const warnings = [...stored.value.warnings];
  let imported = 0;
  if (attachments.length > 0 && depth >= MAX_ATTACHMENT_DEPTH) {
    warnings.push(
      `Attachments nested more than ${MAX_ATTACHMENT_DEPTH} levels deep were not imported.`,
    );
  }
  for (const attachment of depth < MAX_ATTACHMENT_DEPTH ? attachments : []) {
    const child = await importOne(
      {
        name: attachment.fileName,
        size: attachment.bytes.byteLength,
        type: attachment.mediaType,
        read: () => Promise.resolve(attachment.bytes),
      },
      options,
      maxFileBytes,
      () => undefined,
      stored.value.id,
      depth + 1,
    );
    if (child.status === 'imported') imported += 1;
    else if (child.status === 'failed')
      warnings.push(`Attachment ${attachment.fileName} was not imported: ${child.message}`);
  }
  return { status: 'imported', source: stored.value, warnings, attachments: imported };
}

/** An attachment Casefile cannot read (an image, an archive) is still evidence: keep its bytes. */
async function keepAsAttachment(
  file: PendingFile,
  bytes: Uint8Array,
  options: ImportOptions,
  parentId: SourceId,
): Promise<ImportOutcome> {
  const stored = await options.storage.sources.import(options.caseId, {
    draft: {
      title: file.name,
      kind: 'attachment',
      mediaType: file.type || 'application/octet-stream',
      text: '',
      structure: { paragraphs: [] },
      provenance: { fileName: file.name },
      warnings: [
        'Not a document type Casefile reads: kept as an attachment (original bytes only).',
      ],
    },
    bytes,
    sha256: asSha256(await sha256OfBytes(bytes)),
    parentId,
    ...(options.now ? { capturedAt: options.now() } : {}),
  });
  if (!stored.ok) return failed(stored.error.code, stored.error.message);
  return {
    status: 'imported',
    source: stored.value,
    warnings: stored.value.warnings,
    attachments: 0,
  };
}

function failed(code: string, message: string): ImportOutcome {
  return { status: 'failed', code, message };
}

/** Wraps browser File objects (file input or drag-and-drop). */
export function pendingFromFile(file: File): PendingFile {
  return {
    name: file.name,
    size: file.size,
    type: file.type,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

/** Wraps bytes the host already read (Electron's open dialog checks sizes before reading). */
export function pendingFromBytes(name: string, bytes: Uint8Array): PendingFile {
  return { name, size: bytes.byteLength, read: () => Promise.resolve(bytes) };
}
