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
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/**
 * Main → renderer messages (sent with webContents.send, never invoked by the page). Main asks the
 * renderer to save pending edits before a window closes; the renderer answers on `closeReady`.
 */
export const IPC_EVENTS = {
  closeRequested: 'casefile:close-requested',
} as const;
export type IpcEvent = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];
