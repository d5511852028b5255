/**
 * IPC channel names, kept free of zod so the sandboxed preload can bundle them without pulling in
 * a schema library. `channels.ts` re-exports them next to the payload schemas.
 */
export const IPC_CHANNELS = {
  appInfo: 'casefile:app-info',
  openFiles: 'casefile:files-open',
  saveFile: 'casefile:files-save',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
