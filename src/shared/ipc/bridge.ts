import type { Result } from '../result';
import type {
  AppInfo,
  OpenFilesRequest,
  OpenFilesResponse,
  RecentCaseOpenedRequest,
  SaveFileRequest,
  SaveFileResponse,
  SavePdfRequest,
  SavePdfResponse,
  SecretsUnwrapRequest,
  SecretsWrapRequest,
  BackupFileEntry,
  CaseRegistryRecord,
} from './channels';

/** What the preload exposes as `window.casefile`: named capabilities, never a raw channel. */
export interface CasefileBridge {
  readonly app: {
    info(): Promise<Result<AppInfo>>;
    /**
     * Calls `listener` when the window is about to close (or the app to quit); main waits for
     * `closeReady()` (or a timeout) before closing. Returns an unsubscribe function.
     */
    onCloseRequested(listener: () => void): () => void;
    /** Tells main that pending edits are saved and the window may close. */
    closeReady(): Promise<Result<void>>;
  };
  readonly files: {
    open(request: OpenFilesRequest): Promise<Result<OpenFilesResponse>>;
    save(request: SaveFileRequest): Promise<Result<SaveFileResponse>>;
    /** Prints report HTML to PDF in a hidden window and saves it through the save dialog. */
    savePdf(request: SavePdfRequest): Promise<Result<SavePdfResponse>>;
  };
  /**
   * The OS keychain through Electron's safeStorage, for the analyst's identity secrets. `available`
   * is false without a real keychain (e.g. Linux's `basic_text` fallback): use a passphrase then.
   */
  readonly secrets: {
    available(): Promise<Result<boolean>>;
    wrap(request: SecretsWrapRequest): Promise<Result<Uint8Array>>;
    unwrap(request: SecretsUnwrapRequest): Promise<Result<Uint8Array>>;
  };
  /**
   * The desktop shell: menu commands, File → Open Recent, bundles opened from the OS. Event payloads
   * come through unparsed (the preload has no schema library): the renderer's host parses them.
   * Each `on…` returns an unsubscribe function.
   */
  readonly desktop: {
    onMenuCommand(listener: (payload: unknown) => void): () => void;
    onOpenCase(listener: (payload: unknown) => void): () => void;
    onOpenBundle(listener: (payload: unknown) => void): () => void;
    /** The renderer listens now: main sends the bundles it was asked to open before. */
    ready(): Promise<Result<void>>;
    recentCaseOpened(request: RecentCaseOpenedRequest): Promise<Result<void>>;
    recentCaseMissing(request: { readonly id: string }): Promise<Result<void>>;
  };
  /** The case registry, kept by main in userData (issue 11): null when there is none yet. */
  readonly registry: {
    read(): Promise<Result<CaseRegistryRecord | null>>;
    write(request: { readonly record: CaseRegistryRecord }): Promise<Result<true>>;
  };
  /** Backup bundles as files in userData/Backups; `name` is a plain file name, never a path. */
  readonly backupFiles: {
    location(): Promise<Result<string>>;
    list(): Promise<Result<readonly BackupFileEntry[]>>;
    read(request: { readonly name: string }): Promise<Result<Uint8Array>>;
    write(request: { readonly name: string; readonly bytes: Uint8Array }): Promise<Result<true>>;
    remove(request: { readonly name: string }): Promise<Result<true>>;
  };
}
