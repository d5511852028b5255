import type {
  AppInfo,
  OpenFilesRequest,
  OpenFilesResponse,
  SaveFileRequest,
  SaveFileResponse,
  SavePdfRequest,
  SavePdfResponse,
} from '../shared/ipc/channels';
import type { SecretWrapper } from '../core/identity/types';
import type { Result } from '../shared/result';

/**
 * Everything that differs between the desktop app and the browser edition. The renderer talks to
 * the host only through this interface, so every feature runs (and is tested) in both.
 */
export interface Host {
  readonly kind: 'electron' | 'browser';
  appInfo(): Promise<Result<AppInfo>>;
  /** Lets the investigator pick files; each is size-checked before it is read. */
  openFiles(request: OpenFilesRequest): Promise<Result<OpenFilesResponse>>;
  /** Saves bytes to a file the investigator chooses (a download in the browser). */
  saveFile(request: SaveFileRequest): Promise<Result<SaveFileResponse>>;
  /**
   * Turns a self-contained report HTML document into a PDF: Electron prints it in a hidden window
   * and saves it where the investigator chooses; the browser opens its print dialog on it.
   */
  savePdf(request: SavePdfRequest): Promise<Result<SavePdfResponse>>;
  /** Prints the current view (the report view styles itself for print). */
  print(): void;
  /**
   * Runs `flush` (saving pending edits) before the app window goes away. Electron holds the close
   * until it resolves (or a timeout); a browser cannot wait, so there it starts on `pagehide`.
   * Returns an unsubscribe function.
   */
  beforeClose(flush: () => Promise<void>): () => void;
  /**
   * The OS keychain for the analyst's identity secrets (Electron safeStorage). The browser has
   * none: `available()` is false there, and wrap/unwrap refuse with `secrets.unavailable`.
   */
  readonly secrets: SecretWrapper;
}

export type {
  SecretWrapper,
  AppInfo,
  OpenFilesRequest,
  OpenFilesResponse,
  SaveFileRequest,
  SaveFileResponse,
  SavePdfRequest,
  SavePdfResponse,
};
