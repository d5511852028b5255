export { SourceReader } from './SourceReader';
export { SourcesArea } from './SourcesArea';
