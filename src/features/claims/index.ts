/** Public API of the claims feature (README.md). Other features import only from here. */
import './claims.css';

export { ClaimDetails, type ClaimDetailsProps } from './ClaimDetails';
export { ClaimDialog, type ClaimDialogProps } from './ClaimDialog';
export { ClaimsArea, type ClaimsAreaProps } from './ClaimsArea';
export { ClaimToast, type ClaimToastProps } from './ClaimToast';
export { GradeBadge, type GradeBadgeProps } from './GradeBadge';
export { GradeHelp, STATUS_DEFINITIONS } from './GradeHelp';
export { ValidTimeText, validTimeText } from './ValidTimeText';
export { claimSentence, STATUS_LABELS } from './claimText';
