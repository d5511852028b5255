import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: only `electron` may be required, everything else is bundled into index.cjs.
// The page gets named functions; ipcRenderer itself never crosses the context bridge.
contextBridge.exposeInMainWorld(
  'casefile',
  createBridge(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (event, listener) => {
      // The IPC event object stays here; only the payload crosses to the page.
      const forward = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  ),
);
