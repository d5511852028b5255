/** Public API of the bundles feature (README.md). Other features import only from here. */
import './bundles.css';

export { createInlineBundleWorker, bundleWorkerOver, type BundleWorker } from './bundleWorker';
export { ExportBundleDialog, type ExportBundleDialogProps } from './ExportBundleDialog';
export { ImportBundleDialog, type ImportBundleDialogProps } from './ImportBundleDialog';
export {
  buffersOf,
  runBundleJob,
  type BundleJob,
  type BundleProgress,
  type BundleWriteRequest,
  type OpenedBundle,
  type WrittenBundle,
} from './jobs';
export { KeyringProvider, useKeyring, type KeyringState } from './KeyringContext';
export { KeysArea } from './KeysArea';
// Used by the backups feature (its "Save a copy…"): same file naming and byte hand-off.
export { bundleFileName, savableBytes } from './format';
