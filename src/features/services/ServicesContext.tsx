import { createContext, useContext, type ReactNode } from 'react';
import type { Extractor, Ingest } from '../../ingest';
import type { Host } from '../../platform';
import { createUnavailableSearchClient } from '../../search/client';
import type { SearchClient } from '../../search/types';

interface Services {
  readonly host: Host;
  readonly ingest: Ingest;
  /** Proposes entities in source texts, off the UI thread. */
  readonly extractor: Extractor;
  /** Case-wide search: the open case's index, in a worker. */
  readonly search: SearchClient;
}

/** Where no search worker is given (component tests): searches answer that search is unavailable. */
const NO_SEARCH = createUnavailableSearchClient();

const ServicesContext = createContext<Services | null>(null);

/** The host adapter and the workers (ingest, extraction, search), handed to every feature by the composition root. */
export function ServicesProvider({
  host,
  ingest,
  extractor,
  search = NO_SEARCH,
  children,
}: Omit<Services, 'search'> & { readonly search?: SearchClient; readonly children: ReactNode }) {
  return (
    <ServicesContext.Provider value={{ host, ingest, extractor, search }}>
      {children}
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider> above it.');
  return services;
}
