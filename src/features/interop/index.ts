/** Public API of the interop feature (README.md). Other features import only from here. */
import './interop.css';

export { ExportDialog, type ExportDialogProps } from './ExportDialog';
export { ImportDialog, type ImportDialogProps } from './ImportDialog';
export { InteropImporterProvider } from './ImporterContext';
export type { CsvMapRequest, ImportTarget, InteropImporter } from './importer';
