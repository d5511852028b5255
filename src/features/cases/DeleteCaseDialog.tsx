import type { Case } from '../../core';
import { ConfirmDialog } from '../../ui';
import { useServices } from '../services';
import { useStorage } from '../storage';

export interface DeleteCaseDialogProps {
  readonly target: Case;
  readonly onClose: () => void;
  readonly onDeleted: (deleted: Case) => void;
}

/** Deleting removes every record of the case at once, so it always asks first. */
export function DeleteCaseDialog({ target, onClose, onDeleted }: DeleteCaseDialogProps) {
  const { storage, changed } = useStorage();
  const { search } = useServices();
  return (
    <ConfirmDialog
      title="Delete case?"
      confirmLabel="Delete case"
      onClose={onClose}
      onConfirm={async () => {
        const result = await storage.cases.delete(target.id);
        if (!result.ok) return result.error.message;
        // Its search index is derived data of nothing now (a released index hears no deletions).
        search.forget(target.id);
        changed();
        onDeleted(target);
        return null;
      }}
    >
      <p>
        <strong>{target.title}</strong> and everything in it (sources, passages, entities, claims,
        notes, charts and its activity log) will be removed from this computer. This cannot be
        undone; export a case bundle first if you may need it again.
      </p>
    </ConfirmDialog>
  );
}
