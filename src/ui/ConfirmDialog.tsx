import { useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly children: ReactNode;
  readonly onClose: () => void;
  /** Does the work; resolves to an error message to show, or null when done. */
  readonly onConfirm: () => Promise<string | null>;
}

/**
 * Asks before something that cannot be undone. Cancel has the focus, so Enter never destroys
 * anything by accident; a failure is shown in the dialog and nothing closes.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  children,
  onClose,
  onConfirm,
}: ConfirmDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    const failure = await onConfirm();
    setBusy(false);
    setError(failure);
  }

  return (
    <Dialog
      title={title}
      role="alertdialog"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
