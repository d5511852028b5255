import { z } from 'zod';
import { MAX_OPEN_FILE_BYTES, MAX_SAVE_FILE_BYTES } from '../security';

/**
 * Every IPC channel: its name, the payload the renderer may send, and what main answers.
 * Payload schemas are strict: unknown keys and wrong types are refused before a handler runs.
 */

const fileFilter = z
  .object({
    name: z.string().min(1).max(100),
    extensions: z
      .array(
        z
          .string()
          .regex(
            /^(\*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?)$/,
            'extension must be letters, digits and inner hyphens (casefile-key), or *',
          ),
      )
      .min(1)
      .max(50),
  })
  .strict();

export const appInfoRequest = z.object({}).strict();
export const closeReadyRequest = z.object({}).strict();
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly platform: string;
  readonly packaged: boolean;
}

export const openFilesRequest = z
  .object({
    title: z.string().max(200).optional(),
    filters: z.array(fileFilter).max(20).optional(),
    multiple: z.boolean().optional(),
    /** Per-file cap in bytes; never above MAX_OPEN_FILE_BYTES. */
    maxBytes: z.number().int().positive().max(MAX_OPEN_FILE_BYTES).optional(),
  })
  .strict();
export type OpenFilesRequest = z.input<typeof openFilesRequest>;

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}
export interface OpenFilesResponse {
  readonly canceled: boolean;
  readonly files: readonly OpenedFile[];
  /** Chosen files over the per-file cap: never read, listed so the caller can say so per file. */
  readonly tooLarge: readonly { readonly name: string; readonly size: number }[];
}

/** A file name the save dialog proposes: a name, never a path. */
const suggestedFileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n), 'must be a file name, not a path');

export const saveFileRequest = z
  .object({
    suggestedName: suggestedFileName,
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_SAVE_FILE_BYTES, {
      message: `must be at most ${MAX_SAVE_FILE_BYTES} bytes`,
    }),
    filters: z.array(fileFilter).max(20).optional(),
  })
  .strict();
export type SaveFileRequest = z.input<typeof saveFileRequest>;
export interface SaveFileResponse {
  readonly canceled: boolean;
  /** The chosen file's name (not its full path: the renderer does not need the host's layout). */
  readonly fileName?: string;
}

export { IPC_CHANNELS, IPC_EVENTS, type IpcChannel, type IpcEvent } from './names';

/** Longest report HTML the PDF printer accepts, in UTF-16 code units (chart images are inlined). */
export const MAX_PDF_HTML_LENGTH = 64 * 1024 * 1024;

export const savePdfRequest = z
  .object({
    /** A self-contained report document (its own CSS, @page header/footer, inline images). */
    html: z.string().min(1).max(MAX_PDF_HTML_LENGTH),
    suggestedName: suggestedFileName.refine((n) => /\.pdf$/i.test(n), 'must end in .pdf'),
    /**
     * A tagged (accessible) PDF, with a structure tree for screen readers. Off by default as in
     * Electron, where it is still experimental: it makes a long report's printing about a third
     * slower and its file about three times larger. The browser's print dialog decides for itself.
     */
    tagged: z.boolean().optional(),
  })
  .strict();
export type SavePdfRequest = z.input<typeof savePdfRequest>;
export interface SavePdfResponse {
  readonly canceled: boolean;
  /** The chosen file's name (Electron). */
  readonly fileName?: string;
  /** Browser edition: the document was handed to the browser's print dialog (save as PDF there). */
  readonly printed?: boolean;
}

/**
 * Identity secrets wrapped by the OS keychain (issue 9). What is wrapped is a few hundred bytes of
 * JSON; the caps only keep a confused or hostile page from handing main megabytes to encrypt.
 */
export const MAX_SECRET_BYTES = 64 * 1024;
/** safeStorage adds a header and, on Windows, DPAPI's overhead; main wraps base64 text (4/3). */
export const MAX_WRAPPED_SECRET_BYTES = 256 * 1024;

const secretBytes = (max: number) =>
  z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength > 0, { message: 'must not be empty' })
    .refine((b) => b.byteLength <= max, { message: `must be at most ${max} bytes` });

export const secretsAvailableRequest = z.object({}).strict();
export const secretsWrapRequest = z.object({ plain: secretBytes(MAX_SECRET_BYTES) }).strict();
/** Any Uint8Array: the secrets come from TextEncoder or age, whose buffers type as ArrayBufferLike. */
export interface SecretsWrapRequest {
  readonly plain: Uint8Array;
}
export const secretsUnwrapRequest = z
  .object({ wrapped: secretBytes(MAX_WRAPPED_SECRET_BYTES) })
  .strict();
export interface SecretsUnwrapRequest {
  readonly wrapped: Uint8Array;
}

/**
 * Desktop integration (issue 12): the application menu, File → Open Recent and bundles opened from
 * the OS (double-click, file association). Events from main are parsed in the renderer too, so a
 * malformed message is ignored there rather than trusted.
 */

/** What a bundle file's name ends with; the only files main opens when the OS asks it to. */
export const BUNDLE_FILE_EXTENSION = '.casefile';

/** Longest case title the recent-cases list keeps (the case form's own limit is lower). */
export const MAX_RECENT_TITLE_LENGTH = 500;

/** A case id: a lower-case UUID, as made by core's `asCaseId`. */
export const recentCaseId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a case id',
  );

export const recentCaseOpenedRequest = z
  .object({
    id: recentCaseId,
    title: z.string().trim().min(1).max(MAX_RECENT_TITLE_LENGTH),
  })
  .strict();
export type RecentCaseOpenedRequest = z.input<typeof recentCaseOpenedRequest>;
export const recentCaseMissingRequest = z.object({ id: recentCaseId }).strict();
export const desktopReadyRequest = z.object({}).strict();

/** A command id as the renderer's registry names them (`case.new`, `nav.sources`). */
export const menuCommandEvent = z
  .object({
    commandId: z
      .string()
      .max(64)
      .regex(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/, 'must be a command id'),
  })
  .strict();
export const openCaseEvent = z.object({ caseId: recentCaseId }).strict();
export const openBundleEvent = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      value: z
        .object({
          name: z.string().min(1).max(255),
          bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_OPEN_FILE_BYTES, {
            message: `must be at most ${MAX_OPEN_FILE_BYTES} bytes`,
          }),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      error: z.object({ code: z.string().max(100), message: z.string().max(2000) }).strict(),
    })
    .strict(),
]);
export type OpenBundleEvent = z.output<typeof openBundleEvent>;

/**
 * The case registry and backup files (issue 11, storage faults): kept by the host outside
 * IndexedDB. See src/core/ports/registry.ts.
 */
/** A registry is a few hundred bytes per case; the cap keeps a hostile file or page small. */
export const MAX_REGISTRY_CASES = 10_000;
/** Backup bundles as files: the same cap as any file the app saves. */
export const MAX_BACKUP_FILE_BYTES = MAX_SAVE_FILE_BYTES;
/**
 * A backup file's name: a plain name ending in .casefile or .json, never a path (no separators,
 * no leading dot, so neither ".." nor hidden files).
 */
export const BACKUP_FILE_NAME =
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\.[A-Za-z0-9_-]{1,40})?\.(casefile|json)$/;

const isoTimestamp = z.string().min(1).max(40);
const recordCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const caseRegistryRecord = z
  .object({
    version: z.literal(1),
    databaseId: z.string().min(1).max(100),
    schemaVersion: z.number().int().min(0).max(100_000),
    updatedAt: isoTimestamp,
    cases: z
      .array(
        z
          .object({
            id: z.string().min(1).max(200),
            title: z.string().max(2_000),
            updatedAt: isoTimestamp,
            counts: z
              .object({
                sources: recordCount,
                passages: recordCount,
                entities: recordCount,
                claims: recordCount,
                notes: recordCount,
              })
              .strict(),
          })
          .strict(),
      )
      .max(MAX_REGISTRY_CASES),
  })
  .strict();

/** Record counts of one case, as the case registry keeps them (what a restore should bring back). */
export interface RegisteredCaseCounts {
  readonly sources: number;
  readonly passages: number;
  readonly entities: number;
  readonly claims: number;
  readonly notes: number;
}

export interface RegisteredCase {
  readonly id: string;
  readonly title: string;
  /** The case's own updatedAt (ISO 8601 UTC). */
  readonly updatedAt: string;
  readonly counts: RegisteredCaseCounts;
}

/**
 * What the case database should hold, kept by the host OUTSIDE IndexedDB (a JSON file in the
 * desktop app's userData, localStorage in the browser), so a database wiped or recreated while the
 * app was closed is noticed at start instead of showing an empty app.
 */
export interface CaseRegistryRecord {
  readonly version: 1;
  /** Random id also written into the database (`meta`); a different or missing one = not the same database. */
  readonly databaseId: string;
  readonly schemaVersion: number;
  /** When the registry was last written (ISO 8601 UTC): "last seen". */
  readonly updatedAt: string;
  readonly cases: readonly RegisteredCase[];
}

export interface BackupFileEntry {
  readonly name: string;
  readonly size: number;
}

export const registryReadRequest = z.object({}).strict();
export const registryWriteRequest = z.object({ record: caseRegistryRecord }).strict();

const backupFileName = z
  .string()
  .max(200)
  .regex(BACKUP_FILE_NAME, 'must be a plain file name ending in .casefile or .json');

export const backupFilesLocationRequest = z.object({}).strict();
export const backupFilesListRequest = z.object({}).strict();
export const backupFilesReadRequest = z.object({ name: backupFileName }).strict();
export const backupFilesWriteRequest = z
  .object({
    name: backupFileName,
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BACKUP_FILE_BYTES, {
      message: `must be at most ${MAX_BACKUP_FILE_BYTES} bytes`,
    }),
  })
  .strict();
export const backupFilesRemoveRequest = z.object({ name: backupFileName }).strict();
export interface BackupFilesWriteRequest {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The summary written beside each backup file (`<id>.json` next to `<id>.casefile`), read back
 * when the IndexedDB copy of the backups is gone. Validated: the folder is outside the app.
 */
export const backupFileSummary = z
  .object({
    id: z.string().min(1).max(100),
    caseId: z.string().min(1).max(200),
    caseTitle: z.string().max(2_000),
    createdAt: isoTimestamp,
    reason: z.enum(['before-migration', 'manual']),
    round: z.string().max(100),
    schemaVersion: z.number().int().min(0).max(100_000),
    size: recordCount,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    recipientNames: z.array(z.string().max(500)).max(100),
  })
  .strict();

/** The installation's backup key as a file (`backup-key.json`): wrapped by the keychain, or as is. */
export const backupKeyFile = z
  .object({
    recipient: z.string().min(1).max(500),
    createdAt: isoTimestamp,
    secret: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('safeStorage'), base64: z.string().min(1).max(400_000) }).strict(),
      z.object({ kind: z.literal('plain'), identity: z.string().min(1).max(500) }).strict(),
    ]),
  })
  .strict();
