import type { CasefileBridge } from '../shared/ipc/bridge';
import { createElectronDesktop } from './electronDesktop';
import type { Host } from './Host';
import { ok } from '../shared/result';

/** The desktop host: every capability is a named function on the preload's bridge. */
export function createElectronHost(bridge: CasefileBridge): Host {
  return {
    kind: 'electron',
    appInfo: () => bridge.app.info(),
    openFiles: (request) => bridge.files.open(request),
    saveFile: (request) => bridge.files.save(request),
    savePdf: (request) => bridge.files.savePdf(request),
    print: () => window.print(),
    beforeClose(flush) {
      return bridge.app.onCloseRequested(() => {
        void flush()
          .catch((error: unknown) =>
            console.error('Casefile could not save before closing:', error),
          )
          .finally(() => void bridge.app.closeReady());
      });
    },
    secrets: {
      // Any failure to ask (no handler, an old main process) means: no keychain, use a passphrase.
      available: async () => {
        const answer = await bridge.secrets.available();
        return answer.ok && answer.value;
      },
      wrap: (plain) => bridge.secrets.wrap({ plain }),
      unwrap: (wrapped) => bridge.secrets.unwrap({ wrapped }),
    },
    desktop: createElectronDesktop(bridge),
    registry: {
      read: async () => {
        const answer = await bridge.registry.read();
        return answer.ok ? ok(answer.value ?? undefined) : answer;
      },
      write: (record) => bridge.registry.write({ record }),
    },
    backupFiles: {
      location: () => bridge.backupFiles.location(),
      list: () => bridge.backupFiles.list(),
      read: (name) => bridge.backupFiles.read({ name }),
      write: (name, bytes) => bridge.backupFiles.write({ name, bytes }),
      remove: (name) => bridge.backupFiles.remove({ name }),
    },
  };
}
