import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CasefileStorage } from '../../db';

interface StorageContextValue {
  readonly storage: CasefileStorage;
  /** Bumped after every successful write, so views re-read what they show. */
  readonly revision: number;
  readonly changed: () => void;
}

const StorageContext = createContext<StorageContextValue | null>(null);

export function StorageProvider({
  storage,
  children,
}: {
  storage: CasefileStorage;
  children: ReactNode;
}) {
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const value = useMemo(() => ({ storage, revision, changed }), [storage, revision, changed]);
  return <StorageContext.Provider value={value}>{children}</StorageContext.Provider>;
}

export function useStorage(): StorageContextValue {
  const value = useContext(StorageContext);
  if (!value) throw new Error('useStorage() needs a <StorageProvider> above it.');
  return value;
}
