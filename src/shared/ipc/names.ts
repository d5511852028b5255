/**
 * IPC channel names, kept free of zod so the sandboxed preload can bundle them without pulling in
 * a schema library. `channels.ts` re-exports them next to the payload schemas.
 */
export const IPC_CHANNELS = {
  appInfo: 'casefile:app-info',
  openFiles: 'casefile:files-open',
  saveFile: 'casefile:files-save',
  /** Prints a report's HTML to PDF in a hidden window, then saves it where the investigator chooses. */
  savePdf: 'casefile:report-save-pdf',
  /** The renderer has saved what was pending and the window may now close. */
  closeReady: 'casefile:close-ready',
  /** Whether the OS keychain (Electron safeStorage, a real backend) can wrap identity secrets. */
  secretsAvailable: 'casefile:secrets-available',
  secretsWrap: 'casefile:secrets-wrap',
  secretsUnwrap: 'casefile:secrets-unwrap',
  /** The renderer listens for desktop events now: main sends the bundles it was asked to open. */
  desktopReady: 'casefile:desktop-ready',
  /** A case was opened: main puts it first in File → Open Recent. */
  recentCaseOpened: 'casefile:recent-case-opened',
  /** A recent case no longer exists: main drops it from the list. */
  recentCaseMissing: 'casefile:recent-case-missing',
  /** The case registry (userData/casefile-registry.json): what the case database should hold. */
  registryRead: 'casefile:registry-read',
  registryWrite: 'casefile:registry-write',
  /** Backup bundles as files in userData/Backups, by plain file name (never a path). */
  backupFilesLocation: 'casefile:backup-files-location',
  backupFilesList: 'casefile:backup-files-list',
  backupFilesRead: 'casefile:backup-files-read',
  backupFilesWrite: 'casefile:backup-files-write',
  backupFilesRemove: 'casefile:backup-files-remove',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/**
 * Main → renderer messages (sent with webContents.send, never invoked by the page). Main asks the
 * renderer to save pending edits before a window closes; the renderer answers on `closeReady`.
 */
export const IPC_EVENTS = {
  closeRequested: 'casefile:close-requested',
  /** A menu item was chosen: `{ commandId }`, run through the renderer's command registry. */
  menuCommand: 'casefile:menu-command',
  /** File → Open Recent: `{ caseId }`. */
  openCase: 'casefile:open-case',
  /** A `.casefile` the OS asked us to open (double-click): its bytes and name, or why not. */
  openBundle: 'casefile:open-bundle',
} as const;
export type IpcEvent = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];
