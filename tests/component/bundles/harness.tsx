/**
 * Renders the bundles feature against real (fake-indexeddb) case storage and keyring, a browser
 * host whose file dialogs are scripted, and bundle jobs on this thread with a low scrypt work
 * factor (the real one costs a second per derivation).
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { openKeyring, type Keyring } from '../../../src/db/keyring';
import { createInlineBundleWorker, KeyringProvider } from '../../../src/features/bundles';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost, type Host } from '../../../src/platform';
import type { OpenedFile, SaveFileRequest } from '../../../src/shared/ipc/channels';
import { ok } from '../../../src/shared/result';
import { createFakeExtractor } from '../entities/harness';

export const TEST_WORK_FACTOR = 4;
export const worker = createInlineBundleWorker({ scryptWorkFactor: TEST_WORK_FACTOR });

export interface ScriptedHost extends Host {
  /** Every save, in order. */
  readonly saves: SaveFileRequest[];
  /** What the next open-file dialogs return, in order (empty: cancelled). */
  readonly toOpen: OpenedFile[][];
}

export function scriptedHost(): ScriptedHost {
  const base = createBrowserHost({ version: '9.9.9', download: () => undefined });
  const saves: SaveFileRequest[] = [];
  const toOpen: OpenedFile[][] = [];
  return {
    ...base,
    saves,
    toOpen,
    saveFile: (request) => {
      saves.push(request);
      return base.saveFile(request);
    },
    openFiles: () => {
      const files = toOpen.shift() ?? [];
      return Promise.resolve(ok({ canceled: files.length === 0, files, tooLarge: [] }));
    },
  };
}

export interface Installation {
  readonly storage: CasefileStorage;
  readonly keyring: Keyring;
  readonly host: ScriptedHost;
  close(): void;
}

/** A fresh case database and keyring: one analyst's computer. */
export async function anInstallation(): Promise<Installation> {
  const id = crypto.randomUUID();
  const storage = await openCasefileStorage({
    name: `casefile-bundles-${id}`,
    requestPersistence: false,
  });
  const keyring = await openKeyring({ name: `casefile-keyring-${id}` });
  return {
    storage,
    keyring,
    host: scriptedHost(),
    close: () => {
      storage.close();
      keyring.close();
    },
  };
}

export function renderOn(installation: Installation, ui: ReactNode) {
  const user = userEvent.setup();
  const view = render(
    <StorageProvider storage={installation.storage}>
      <ServicesProvider
        host={installation.host}
        ingest={createInlineIngest()}
        extractor={createFakeExtractor()}
      >
        <KeyringProvider keyring={installation.keyring} worker={worker}>
          {ui}
        </KeyringProvider>
      </ServicesProvider>
    </StorageProvider>,
  );
  return { user, ...view };
}

export function bytesOf(request: SaveFileRequest | undefined): Uint8Array {
  if (!request) throw new Error('nothing was saved');
  return request.bytes;
}
