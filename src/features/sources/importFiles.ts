import {
  type DraftAttachment,
  DEFAULT_INGEST_LIMITS,
  INGEST_ERRORS,
  asSha256,
  type CaseId,
  type Source,
  type SourceId,
} from '../../core';
import type { CasefileStorage } from '../../db';
import type { Ingest, ParsedFile } from '../../ingest';
import { sha256HexOfBytes } from '../../shared/sha256';
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
  readonly stage: 'parsing' | 'storing' | 'done';
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
  /** Each source stored, attachments included (e.g. to queue entity extraction for it). */
  readonly onStored?: (source: Source) => void;
  /** Import even when identical bytes are already in the case (the "import anyway" choice). */
  readonly allowDuplicates?: boolean;
  readonly maxFileBytes?: number;
  readonly now?: () => string;
}

/** Attachments inside attachments (forwarded mail) are imported this many levels deep at most. */
export const MAX_ATTACHMENT_DEPTH = 5;

const STAGE_FRACTION = { parsing: 0.1, storing: 0.85, done: 1 } as const;

/**
 * Imports a batch: each file is size-checked before it is read, parsed off the UI thread, checked
 * against the case for identical bytes, then stored with its original in one transaction. A bad
 * file gets its own report row and stores nothing; the rest of the batch carries on.
 */
/** Files stored per transaction: one strict flush per chunk instead of one per file. */
const STORE_CHUNK = 16;
/** How many files are read and parsed ahead of those being stored. */
const PARSE_AHEAD = STORE_CHUNK * 2;

export async function importFiles(
  files: readonly PendingFile[],
  options: ImportOptions,
): Promise<ImportReportRow[]> {
  const rows: ImportReportRow[] = [];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_INGEST_LIMITS.maxFileBytes;
  const progress = (index: number, stage: ImportProgress['stage']) =>
    options.onProgress?.({
      fileIndex: index,
      fileCount: files.length,
      fileName: files[index]!.name,
      stage,
      fileFraction: STAGE_FRACTION[stage],
      overallFraction: (index + STAGE_FRACTION[stage]) / files.length,
    });
  // The worker parses ahead while this thread stores earlier files; storing stays in file order,
  // so a file identical to an earlier one in the same batch is still reported as a duplicate.
  const prepared: Promise<Prepared>[] = [];
  const prepareUpTo = (last: number) => {
    for (let i = prepared.length; i <= Math.min(last, files.length - 1); i += 1) {
      prepared.push(prepare(files[i]!, options, maxFileBytes));
    }
  };
  const stored = new Set<string>();
  for (let first = 0; first < files.length; first += STORE_CHUNK) {
    const last = Math.min(first + STORE_CHUNK, files.length) - 1;
    prepareUpTo(last + PARSE_AHEAD);
    const outcomes = new Map<number, ImportOutcome>();
    const queued: { index: number; ready: Extract<Prepared, { ok: true }> }[] = [];
    for (let index = first; index <= last; index += 1) {
      const file = files[index]!;
      if (options.signal?.aborted) {
        outcomes.set(index, { status: 'cancelled' });
        continue;
      }
      progress(index, 'parsing');
      const ready = await prepared[index]!;
      if (!ready.ok) {
        outcomes.set(index, ready.outcome);
        continue;
      }
      const sha256 = asSha256(ready.parsed.sha256);
      if (!options.allowDuplicates) {
        const existing = await options.storage.sources.findBySha256(options.caseId, sha256);
        if (existing) {
          outcomes.set(index, { status: 'duplicate', existing, file });
          continue;
        }
        if (stored.has(sha256)) {
          const twin = queued.find((q) => q.ready.parsed.sha256 === sha256);
          outcomes.set(
            index,
            failed(
              INGEST_ERRORS.duplicate,
              `${file.name} is identical to ${twin ? files[twin.index]!.name : 'another file'} in this batch: imported once.`,
            ),
          );
          continue;
        }
      }
      stored.add(sha256);
      queued.push({ index, ready });
    }
    if (queued.length > 0 && !options.signal?.aborted) {
      progress(queued[queued.length - 1]!.index, 'storing');
      const results = await options.storage.sources.importMany(
        options.caseId,
        queued.map(({ ready }) => inputFor(ready, options)),
      );
      for (const [n, { index, ready }] of queued.entries()) {
        const result = results[n]!;
        if (result.ok) options.onStored?.(result.value);
        outcomes.set(
          index,
          result.ok
            ? await withAttachments(
                result.value,
                ready.parsed.draft.attachments ?? [],
                options,
                maxFileBytes,
                0,
              )
            : failed(result.error.code, result.error.message),
        );
      }
    } else {
      for (const { index } of queued) outcomes.set(index, { status: 'cancelled' });
    }
    for (let index = first; index <= last; index += 1) {
      const row = {
        fileName: files[index]!.name,
        byteLength: files[index]!.size,
        outcome: outcomes.get(index)!,
      };
      rows.push(row);
      options.onRow?.(row);
      progress(index, 'done');
    }
  }
  return rows;
}

function inputFor(
  ready: Extract<Prepared, { ok: true }>,
  options: ImportOptions,
  parentId?: SourceId,
) {
  const { attachments: _attachments, ...draft } = ready.parsed.draft;
  return {
    draft,
    bytes: ready.bytes,
    sha256: asSha256(ready.parsed.sha256),
    ...(parentId ? { parentId } : {}),
    ...(options.now ? { capturedAt: options.now() } : {}),
  };
}

type Prepared =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly parsed: ParsedFile }
  | { readonly ok: false; readonly outcome: ImportOutcome; readonly bytes?: Uint8Array };

/** Size check (before reading), read, parse in the worker. */
async function prepare(
  file: PendingFile,
  options: ImportOptions,
  maxFileBytes: number,
): Promise<Prepared> {
  if (file.size === 0)
    return { ok: false, outcome: failed(INGEST_ERRORS.empty, `${file.name} is empty.`) };
  if (file.size > maxFileBytes) {
    return {
      ok: false,
      outcome: failed(
        INGEST_ERRORS.tooLarge,
        `${file.name} is ${formatByteSize(file.size)}; the limit is ${formatByteSize(maxFileBytes)}.`,
      ),
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await file.read();
  } catch (error) {
    return {
      ok: false,
      outcome: failed(
        'ingest.read',
        `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
  }
  if (options.signal?.aborted) return { ok: false, outcome: { status: 'cancelled' } };
  const parsed = await options.ingest.parse({
    fileName: file.name,
    bytes,
    ...(file.type ? { declaredMediaType: file.type } : {}),
  });
  if (parsed.ok) return { ok: true, bytes, parsed: parsed.value };
  if (parsed.error.code === INGEST_ERRORS.cancelled)
    return { ok: false, outcome: { status: 'cancelled' } };
  return { ok: false, outcome: failed(parsed.error.code, parsed.error.message), bytes };
}

/**
 * Attachments become child sources, each parsed by its own type; one that cannot be parsed is
 * noted on the message rather than lost, and one Casefile cannot read is kept as bytes.
 */
async function withAttachments(
  source: Source,
  attachments: readonly DraftAttachment[],
  options: ImportOptions,
  maxFileBytes: number,
  depth: number,
): Promise<ImportOutcome> {
  const warnings = [...source.warnings];
  let imported = 0;
  if (attachments.length > 0 && depth >= MAX_ATTACHMENT_DEPTH) {
    warnings.push(
      `Attachments nested more than ${MAX_ATTACHMENT_DEPTH} levels deep were not imported.`,
    );
  }
  for (const attachment of depth < MAX_ATTACHMENT_DEPTH ? attachments : []) {
    const pending = pendingFromBytes(attachment.fileName, attachment.bytes, attachment.mediaType);
    const ready = await prepare(pending, options, maxFileBytes);
    let child: ImportOutcome;
    if (ready.ok) {
      const stored = await options.storage.sources.import(
        options.caseId,
        inputFor(ready, options, source.id),
      );
      if (stored.ok) options.onStored?.(stored.value);
      child = stored.ok
        ? await withAttachments(
            stored.value,
            ready.parsed.draft.attachments ?? [],
            options,
            maxFileBytes,
            depth + 1,
          )
        : failed(stored.error.code, stored.error.message);
    } else if (
      ready.bytes &&
      ready.outcome.status === 'failed' &&
      ready.outcome.code === INGEST_ERRORS.unsupported
    ) {
      child = await keepAsAttachment(pending, ready.bytes, options, source.id);
    } else {
      child = ready.outcome;
    }
    if (child.status === 'imported') imported += 1;
    else if (child.status === 'failed')
      warnings.push(`Attachment ${attachment.fileName} was not imported: ${child.message}`);
  }
  return { status: 'imported', source, warnings, attachments: imported };
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
    sha256: asSha256(await sha256HexOfBytes(bytes)),
    parentId,
    ...(options.now ? { capturedAt: options.now() } : {}),
  });
  if (!stored.ok) return failed(stored.error.code, stored.error.message);
  options.onStored?.(stored.value);
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

/**
 * A file the host listed but never read because it is over the cap: its report row says so.
 * Its `read` is never called (the size check comes first), so it has nothing to return.
 */
export function pendingTooLarge(name: string, size: number): PendingFile {
  return {
    name,
    size,
    read: () => Promise.reject(new Error(`${name} was not read: it is over the size limit.`)),
  };
}

/** Wraps bytes already in memory (Electron's open dialog checks sizes before reading). */
export function pendingFromBytes(name: string, bytes: Uint8Array, type?: string): PendingFile {
  return {
    name,
    size: bytes.byteLength,
    ...(type ? { type } : {}),
    read: () => Promise.resolve(bytes),
  };
}
