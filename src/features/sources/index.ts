import './find.css';
export { SourceReader } from './SourceReader';
export { SourcesArea } from './SourcesArea';
