import { useEffect, useState } from 'react';
import type { CasefileStorage } from '../../db';
import { useStorage } from './StorageContext';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly message: string };

/** Reads from storage, and reads again after any write; stale answers are discarded. */
export function useStorageQuery<T>(
  read: (storage: CasefileStorage) => Promise<T>,
  deps: readonly unknown[],
): QueryState<T> {
  const { storage, revision } = useStorage();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    read(storage).then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) =>
        current &&
        setState({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
    // `read` is re-created each render; its inputs are listed in deps by the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storage, revision, ...deps]);
  return state;
}
