import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseId, ClaimId, EntityId, NoteId, PassageId, SourceId } from '../../core';
import { Banner, Button, ResizeHandle, useResizablePane } from '../../ui';
import { useStorageQuery } from '../storage';
import { ClaimDetails } from './ClaimDetails';
import { ClaimDialog } from './ClaimDialog';
import { ClaimTable } from './ClaimTable';

export interface ClaimsAreaProps {
  readonly caseId: CaseId;
  /** The claim whose details are open beside the table (route state). */
  readonly claimId: ClaimId | undefined;
  readonly readOnly: boolean;
  readonly onOpenClaim: (id: ClaimId | undefined) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  /** Opens a note (the selected claim lists the notes embedding it). */
  readonly onOpenNote?: ((id: NoteId) => void) | undefined;
}

/** The case's claims: the filterable table, and the selected claim's details beside it. */
export function ClaimsArea({
  caseId,
  claimId,
  readOnly,
  onOpenClaim,
  onOpenEntity,
  onOpenPassage,
  onOpenNote,
}: ClaimsAreaProps) {
  const loaded = useStorageQuery(
    async (s) => {
      const [claims, entities] = await Promise.all([
        s.claims.list(caseId),
        s.entities.list(caseId),
      ]);
      return { claims, entities };
    },
    [caseId],
  );
  const [creating, setCreating] = useState(false);
  const details = useRef<HTMLElement>(null);
  // On narrower windows the details sit below the table: bring them into view when a claim opens.
  useEffect(() => {
    if (claimId) details.current?.scrollIntoView?.({ block: 'nearest' });
  }, [claimId]);
  const names = useMemo(
    () =>
      new Map(
        (loaded.status === 'ready' ? loaded.value.entities : []).map(
          (e) => [e.id, e.name] as const,
        ),
      ),
    [loaded],
  );

  const newClaim = (
    <Button variant="primary" onClick={() => setCreating(true)} disabled={readOnly}>
      New claim…
    </Button>
  );
  const claims = loaded.status === 'ready' ? loaded.value.claims : [];
  const detailsPane = useResizablePane({
    caseId,
    pane: 'claims.details',
    defaultSize: 448,
    min: 320,
    max: 640,
  });

  return (
    <div className="cf-claims-area" role="region" aria-label="Claims">
      <header className="cf-page__header">
        <h2>Claims</h2>
        {readOnly ? null : <div className="cf-page__actions">{newClaim}</div>}
      </header>
      {loaded.status === 'loading' ? <p role="status">Loading claims…</p> : null}
      {loaded.status === 'failed' ? (
        <Banner tone="error">Could not read claims: {loaded.message}</Banner>
      ) : null}
      {loaded.status === 'ready' && claims.length === 0 ? (
        <div className="cf-empty">
          <h3>No claims yet</h3>
          <p>
            A claim records who did what to whom, and when, with the passages that show it: “Lazarus
            Group attacked Bangladesh Bank in February 2016”. Select a passage in a source and
            choose “Claim…”, start from an entity’s page, or create one here.
          </p>
          {readOnly ? null : newClaim}
        </div>
      ) : null}
      {claims.length > 0 ? (
        <div
          className={`cf-claims-area__body cf-split${claimId ? ' cf-claims-area__body--split' : ''}`}
          style={detailsPane.style}
        >
          <ClaimTable
            claims={claims}
            names={names}
            selectedId={claimId}
            onOpen={(claim) => onOpenClaim(claim.id)}
          />
          {claimId ? (
            <ResizeHandle pane={detailsPane} label="Resize the claim details" side="end" />
          ) : null}
          {claimId ? (
            <aside ref={details} className="cf-claims-area__details" aria-label="Selected claim">
              <div className="cf-claims-area__close">
                <Button variant="ghost" onClick={() => onOpenClaim(undefined)}>
                  Close
                </Button>
              </div>
              <ClaimDetails
                key={claimId}
                claimId={claimId}
                readOnly={readOnly}
                onOpenEntity={onOpenEntity}
                onOpenPassage={onOpenPassage}
                onOpenClaim={onOpenClaim}
                onDeleted={() => onOpenClaim(undefined)}
                onOpenNote={onOpenNote}
              />
            </aside>
          ) : null}
        </div>
      ) : null}
      {creating ? (
        <ClaimDialog
          caseId={caseId}
          onDone={(created) => {
            setCreating(false);
            if (created) onOpenClaim(created);
          }}
        />
      ) : null}
    </div>
  );
}
