export { SourceReader } from './SourceReader';
export { SourcesArea } from './SourcesArea';
export {
  importFiles,
  pendingFromBytes,
  pendingFromFile,
  type ImportReportRow,
  type PendingFile,
} from './importFiles';
export { sanitizeForFrame } from './sanitize';
