import { X } from 'lucide-react';
import type { ClaimId } from '../../core';
import { Button } from '../../ui';

export interface ClaimToastProps {
  readonly claimId: ClaimId;
  readonly onOpen: (id: ClaimId) => void;
  readonly onDismiss: () => void;
}

/** "Claim recorded." with a way to it, floating at the window's corner; never takes the focus. */
export function ClaimToast({ claimId, onOpen, onDismiss }: ClaimToastProps) {
  return (
    <div className="cf-claim-toast" role="status">
      <span>Claim recorded.</span>
      <Button onClick={() => onOpen(claimId)}>Open claim</Button>
      <button
        type="button"
        className="cf-icon-button"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={onDismiss}
      >
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
