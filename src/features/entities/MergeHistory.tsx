import { useState } from 'react';
import type { CaseId, EntityId, EntityMerge, EntityMergeId } from '../../core';
import { Button } from '../../ui';
import { useStorage, useStorageQuery } from '../storage';
import { EntityTypeBadge } from './EntityTypeBadge';
import { formatTimestamp, plural } from './format';

export interface MergeHistoryProps {
  readonly caseId: CaseId;
  /** Only merges this entity took part in; all of the case's when absent. */
  readonly entityId?: EntityId;
  readonly readOnly: boolean;
  readonly onOpenEntity?: (id: EntityId) => void;
}

function involves(merge: EntityMerge, id: EntityId | undefined): boolean {
  return id === undefined || merge.survivorId === id || merge.mergedId === id;
}

/** Merges, newest first, each with Undo while it is in force; refusals (undo later ones first) shown. */
export function MergeHistory({ caseId, entityId, readOnly, onOpenEntity }: MergeHistoryProps) {
  const { storage, changed } = useStorage();
  const merges = useStorageQuery((s) => s.entities.merges(caseId), [caseId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<EntityMergeId | null>(null);

  async function undo(merge: EntityMerge) {
    setBusy(merge.id);
    setError(null);
    const result = await storage.entities.undoMerge(merge.id);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    changed();
  }

  if (merges.status === 'loading') return <p role="status">Reading merge history…</p>;
  if (merges.status === 'failed')
    return (
      <p role="alert" className="cf-field__error">
        Could not read the merge history: {merges.message}
      </p>
    );
  const shown = merges.value.filter((m) => involves(m, entityId));
  return (
    <div className="cf-merges">
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p className="cf-muted">
          {entityId ? 'No merges involve this entity.' : 'No entities have been merged.'}
        </p>
      ) : (
        <ol className="cf-merges__list" aria-label="Merges">
          {shown.map((merge) => {
            const label = `“${merge.mergedBefore.name}” into “${merge.survivorBefore.name}”`;
            return (
              <li key={merge.id} className={merge.undoneAt ? 'cf-merges__item--undone' : undefined}>
                <div className="cf-merges__what">
                  <EntityTypeBadge type={merge.mergedBefore.type} iconOnly />
                  <span>
                    Merged{' '}
                    {onOpenEntity && !merge.undoneAt ? (
                      <>
                        “{merge.mergedBefore.name}” into{' '}
                        <button
                          type="button"
                          className="cf-link"
                          onClick={() => onOpenEntity(merge.survivorId)}
                        >
                          {merge.survivorBefore.name}
                        </button>
                      </>
                    ) : (
                      label
                    )}
                  </span>
                </div>
                <div className="cf-muted cf-merges__when">
                  <time dateTime={merge.createdAt}>{formatTimestamp(merge.createdAt)}</time>
                  {' · '}
                  {plural(merge.movedPassageIds.length, 'mention moved', 'mentions moved')}
                  {merge.undoneAt ? (
                    <>
                      {' · '}
                      <strong>undone</strong>{' '}
                      <time dateTime={merge.undoneAt}>{formatTimestamp(merge.undoneAt)}</time>
                    </>
                  ) : null}
                </div>
                {merge.undoneAt ? null : (
                  <Button
                    className="cf-merges__undo"
                    aria-label={`Undo merge of ${label}`}
                    disabled={readOnly || busy !== null}
                    onClick={() => void undo(merge)}
                  >
                    Undo
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
