import './find.css';
export { SourceReader } from './SourceReader';
export { SourcesArea } from './SourcesArea';
export {
  hasReaderSelection,
  requestSourceImport,
  runSelectionAction,
  type SelectionAction,
} from './readerCommands';
