/** Public API of the recovery feature (README.md). Other features import only from here. */
import './recovery.css';

export { RecoveryScreen, type RecoveryScreenProps } from './RecoveryScreen';
