/** Public API of the integrity feature (README.md). Other features import only from here. */
import './integrity.css';

export { IntegrityDialog, type IntegrityDialogProps } from './IntegrityDialog';
