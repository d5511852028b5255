// The ingest API for the UI thread. Parsers are deliberately NOT exported here: they run in the
// worker (worker.ts); importing them from the UI would put pdf.js and friends in the main bundle.
export { createWorkerIngest, type Ingest, type ParseFileRequest } from './client';
export type { ParsedFile } from './protocol';
export type { ExtractProgress, ExtractRequest, Extractor } from './extract/extractor';
// Only the client: the recogniser, chrono and the phone metadata load in the extraction worker.
export { createWorkerExtractor } from './extract/client';
