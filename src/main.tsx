import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openCasefileStorage, requestPersistentStorage } from './db';
import { createWorkerExtractor, createWorkerIngest } from './ingest';
import { detectHost } from './platform';
import { createWorkerReportClient } from './app/reportClient';
import { createWorkerSearchClient } from './app/searchClient';
import './ui/theme.css';
import './app/app.css';

async function start(root: HTMLElement): Promise<void> {
  const host = detectHost(__APP_VERSION__);
  // Ask the browser not to evict case data under storage pressure; harmless if refused.
  void requestPersistentStorage();
  performance.mark('casefile:script-start');
  const storage = await openCasefileStorage();
  const ingest = createWorkerIngest();
  const extractor = createWorkerExtractor();
  const search = createWorkerSearchClient();
  const reports = createWorkerReportClient();
  performance.mark('casefile:storage-open');
  createRoot(root).render(
    <StrictMode>
      <App
        host={host}
        storage={storage}
        ingest={ingest}
        extractor={extractor}
        search={search}
        reports={reports}
      />
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) {
  start(root).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    root.textContent = `Casefile could not open its case database: ${message}`;
    root.setAttribute('role', 'alert');
  });
}
