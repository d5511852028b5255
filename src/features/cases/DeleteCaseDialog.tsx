import { useState } from 'react';
import type { Case } from '../../core';
import { Button, Dialog } from '../../ui';
import { useStorage } from '../storage';

export interface DeleteCaseDialogProps {
  readonly target: Case;
  readonly onClose: () => void;
  readonly onDeleted: (deleted: Case) => void;
}

/** Deleting removes every record of the case at once, so it always asks first. */
export function DeleteCaseDialog({ target, onClose, onDeleted }: DeleteCaseDialogProps) {
  const { storage, changed } = useStorage();
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  async function confirm() {
    setDeleting(true);
    const result = await storage.cases.delete(target.id);
    setDeleting(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    changed();
    onDeleted(target);
  }

  return (
    <Dialog
      title="Delete case?"
      role="alertdialog"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={deleting}>
            Delete case
          </Button>
        </>
      }
    >
      <p>
        <strong>{target.title}</strong> and everything in it (sources, passages, entities, claims,
        notes, charts and its activity log) will be removed from this computer. This cannot be
        undone; export a case bundle first if you may need it again.
      </p>
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
