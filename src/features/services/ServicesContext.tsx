import { createContext, useContext, type ReactNode } from 'react';
import type { Extractor, Ingest } from '../../ingest';
import type { Host } from '../../platform';

interface Services {
  readonly host: Host;
  readonly ingest: Ingest;
  /** Proposes entities in source texts, off the UI thread. */
  readonly extractor: Extractor;
}

const ServicesContext = createContext<Services | null>(null);

/** The host adapter and the ingest worker, handed to every feature by the composition root. */
export function ServicesProvider({
  host,
  ingest,
  extractor,
  children,
}: Services & { readonly children: ReactNode }) {
  return (
    <ServicesContext.Provider value={{ host, ingest, extractor }}>
      {children}
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider> above it.');
  return services;
}
