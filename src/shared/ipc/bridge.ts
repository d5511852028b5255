import type { Result } from '../result';
import type {
  AppInfo,
  OpenFilesRequest,
  OpenFilesResponse,
  SaveFileRequest,
  SaveFileResponse,
  SavePdfRequest,
  SavePdfResponse,
  SecretsUnwrapRequest,
  SecretsWrapRequest,
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
}
