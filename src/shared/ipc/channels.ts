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
