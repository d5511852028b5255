import { createContext, useContext, type ReactNode } from 'react';
import type { ReportGenerator } from '../../core/ports/reports';
import type { Extractor, Ingest } from '../../ingest';
import type { Host } from '../../platform';
import { createUnavailableSearchClient } from '../../search/client';
import type { SearchClient } from '../../search/types';
import { createInlineReportGenerator } from './inlineReports';

interface Services {
  readonly host: Host;
  readonly ingest: Ingest;
  /** Proposes entities in source texts, off the UI thread. */
  readonly extractor: Extractor;
  /** Case-wide search: the open case's index, in a worker. */
  readonly search: SearchClient;
  /** Builds and renders case reports (a worker in the app). */
  readonly reports: ReportGenerator;
}

/** Where no search worker is given (component tests): searches answer that search is unavailable. */
const NO_SEARCH = createUnavailableSearchClient();

/** Where no report worker is given (component tests): reports are generated on this thread. */
const INLINE_REPORTS = createInlineReportGenerator();

const ServicesContext = createContext<Services | null>(null);

/** The host adapter and the workers (ingest, extraction, search, reports), handed to every feature by the composition root. */
export function ServicesProvider({
  host,
  ingest,
  extractor,
  search = NO_SEARCH,
  reports = INLINE_REPORTS,
  children,
}: Omit<Services, 'search' | 'reports'> & {
  readonly search?: SearchClient;
  readonly reports?: ReportGenerator;
  readonly children: ReactNode;
}) {
  return (
    <ServicesContext.Provider value={{ host, ingest, extractor, search, reports }}>
      {children}
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider> above it.');
  return services;
}
