import { createSearchClient } from '../search/client';
import type { SearchClient } from '../search/types';

/** The app's search client: one dedicated module worker (search.worker.ts), started on first use. */
export function createWorkerSearchClient(): SearchClient {
  return createSearchClient(
    () =>
      new Worker(new URL('./search.worker.ts', import.meta.url), {
        type: 'module',
        name: 'casefile-search',
      }),
  );
}
