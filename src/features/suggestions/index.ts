/** Public API of the suggestions feature (README.md). Other features import only from here. */
export { SuggestionQueue, type SuggestionQueueProps } from './SuggestionQueue';
export { ExtractionStatus } from './ExtractionStatus';
export {
  MAX_AUTOMATIC_EXTRACTION_BYTES,
  createExtractionQueue,
  extractionQueueFor,
  type ExtractionJob,
  type ExtractionOutcome,
  type ExtractionQueue,
  type ExtractionSnapshot,
  type SourceToExtract,
} from './extractionQueue';
export { useExtractionQueue, useExtractionSnapshot } from './useExtraction';
