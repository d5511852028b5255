import type { Result } from '../result';
import type {
  AppInfo,
  OpenFilesRequest,
  OpenFilesResponse,
  SaveFileRequest,
  SaveFileResponse,
} from './channels';

/** What the preload exposes as `window.casefile`: named capabilities, never a raw channel. */
export interface CasefileBridge {
  readonly app: {
    info(): Promise<Result<AppInfo>>;
  };
  readonly files: {
    open(request: OpenFilesRequest): Promise<Result<OpenFilesResponse>>;
    save(request: SaveFileRequest): Promise<Result<SaveFileResponse>>;
  };
}
