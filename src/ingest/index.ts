// The ingest API for the UI thread. Parsers are deliberately NOT exported here: they run in the
// worker (worker.ts); importing them from the UI would put pdf.js and friends in the main bundle.
export { createWorkerIngest, type Ingest, type ParseFileRequest } from './client';
export type { ParsedFile } from './protocol';
