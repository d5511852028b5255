/** Public API of the backups feature (README.md). Other features import only from here. */
import './backups.css';

export { BackupsArea, type BackupsAreaProps } from './BackupsArea';
export { BackupsProvider, useBackupStore } from './BackupsContext';
