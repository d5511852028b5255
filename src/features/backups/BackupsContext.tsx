import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { SecretWrapper } from '../../core/identity/types';
import { openBackupStore, type BackupStore } from '../../db';
import { useServices } from '../services';

const BackupsContext = createContext<BackupStore | null>(null);

/** The default store, opened on first use (the app passes the one main.tsx opened). */
function lazyBackupStore(secrets: SecretWrapper): BackupStore {
  let opened: Promise<BackupStore> | undefined;
  const store = () => (opened ??= openBackupStore({ secrets }));
  return {
    list: async () => (await store()).list(),
    get: async (id) => (await store()).get(id),
    add: async (backup) => (await store()).add(backup),
    remove: async (id) => (await store()).remove(id),
    recipient: async () => (await store()).recipient(),
    identity: async () => (await store()).identity(),
    close: () => void opened?.then((opening) => opening.close()),
  };
}

/** The local backup store (its own database, `casefile-backups`). */
export function BackupsProvider({
  store: given,
  children,
}: {
  /** The store main.tsx opened; without one (component tests) the default opens on first use. */
  readonly store?: BackupStore;
  readonly children: ReactNode;
}) {
  const { host } = useServices();
  const store = useMemo(() => given ?? lazyBackupStore(host.secrets), [given, host]);
  return <BackupsContext.Provider value={store}>{children}</BackupsContext.Provider>;
}

export function useBackupStore(): BackupStore {
  const store = useContext(BackupsContext);
  if (!store) throw new Error('useBackupStore() needs a <BackupsProvider> above it.');
  return store;
}
