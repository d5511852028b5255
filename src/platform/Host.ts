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
import type { BackupFileStore, CaseRegistryStore } from '../core/ports/registry';
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
  /**
   * The desktop shell (Electron): the application menu, File → Open Recent and bundles opened from
   * the OS. The browser has none of these: its subscriptions never fire and the notes do nothing.
   */
  readonly desktop: DesktopShell;
  /**
   * What the case database should hold, kept outside IndexedDB (desktop: a JSON file in userData;
   * browser: localStorage), so a wiped or replaced database is noticed at start (issue 11).
   */
  readonly registry: CaseRegistryStore;
  /**
   * Backup bundles as files outside IndexedDB (desktop: userData/Backups; browser: the Origin
   * Private File System), which survive when IndexedDB is wiped.
   */
  readonly backupFiles: BackupFileStore;
}

/** A `.casefile` the OS asked the app to open: its name and bytes, or why it could not be read. */
export type OpenedBundleFile = Result<{ readonly name: string; readonly bytes: Uint8Array }>;

export interface DesktopShell {
  /** A menu item asks for a command (by registry id). Returns an unsubscribe function. */
  onCommand(listener: (commandId: string) => void): () => void;
  /** File → Open Recent asks for a case. Returns an unsubscribe function. */
  onOpenCase(listener: (caseId: string) => void): () => void;
  /**
   * A bundle opened from the OS (double-click, file association, command line). Subscribing also
   * tells main the renderer is listening, so a bundle opened at launch is delivered now.
   */
  onOpenBundle(listener: (file: OpenedBundleFile) => void): () => void;
  /** A case was opened: it goes first in File → Open Recent. */
  noteCaseOpened(entry: { readonly id: string; readonly title: string }): void;
  /** A recent case no longer exists: drop it from File → Open Recent. */
  forgetRecentCase(id: string): void;
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
