import { useMemo, useState } from 'react';
import type { CaseId, ClaimId, EntityId, NoteId, PassageId, SourceId } from '../../core';
import { Banner, Button, Dialog } from '../../ui';
import { useStorageQuery } from '../storage';
import { EntityPage } from './EntityPage';
import { EntityTable } from './EntityTable';
import { customTypesOf } from './EntityTypeField';
import { MergeHistory } from './MergeHistory';
import { NewEntityDialog } from './NewEntityDialog';

export interface EntitiesAreaProps {
  readonly caseId: CaseId;
  /** The entity whose page is open; the table when undefined. */
  readonly entityId: EntityId | undefined;
  readonly readOnly: boolean;
  readonly onOpenEntity: (id: EntityId | undefined) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  /** Opens a note that mentions the entity (the page lists them when given). */
  readonly onOpenNote?: (id: NoteId) => void;
}

/** The case's entities: the table, or one entity's page. */
export function EntitiesArea({
  caseId,
  entityId,
  readOnly,
  onOpenEntity,
  onOpenPassage,
  onOpenClaim,
  onOpenNote,
}: EntitiesAreaProps) {
  if (entityId) {
    return (
      <EntityPage
        key={entityId}
        caseId={caseId}
        entityId={entityId}
        readOnly={readOnly}
        onOpenEntity={onOpenEntity}
        onOpenPassage={onOpenPassage}
        onOpenClaim={onOpenClaim}
        onOpenNote={onOpenNote}
      />
    );
  }
  return <EntityList caseId={caseId} readOnly={readOnly} onOpenEntity={onOpenEntity} />;
}

function EntityList({
  caseId,
  readOnly,
  onOpenEntity,
}: {
  readonly caseId: CaseId;
  readonly readOnly: boolean;
  readonly onOpenEntity: (id: EntityId | undefined) => void;
}) {
  const entities = useStorageQuery((storage) => storage.entities.list(caseId), [caseId]);
  const [dialog, setDialog] = useState<'none' | 'new' | 'merges'>('none');
  const customTypes = useMemo(
    () => customTypesOf(entities.status === 'ready' ? entities.value : []),
    [entities],
  );
  return (
    <div className="cf-entities-area" role="region" aria-label="Entities">
      <header className="cf-page__header">
        <h2>Entities</h2>
        <div className="cf-page__actions">
          <Button onClick={() => setDialog('merges')}>Merge history…</Button>
          <Button variant="primary" onClick={() => setDialog('new')} disabled={readOnly}>
            New entity…
          </Button>
        </div>
      </header>
      {entities.status === 'loading' ? <p role="status">Loading entities…</p> : null}
      {entities.status === 'failed' ? (
        <Banner tone="error">Could not read entities: {entities.message}</Banner>
      ) : null}
      {entities.status === 'ready' && entities.value.length === 0 ? (
        <div className="cf-empty">
          <h3>No entities yet</h3>
          <p>
            Entities are the people, organisations, places, accounts and indicators this case is
            about. Tag them in a source’s text, accept the suggestions Casefile finds in each
            source, or create one here.
          </p>
          <Button variant="primary" onClick={() => setDialog('new')} disabled={readOnly}>
            New entity…
          </Button>
        </div>
      ) : null}
      {entities.status === 'ready' && entities.value.length > 0 ? (
        <EntityTable entities={entities.value} onOpen={(e) => onOpenEntity(e.id)} />
      ) : null}
      {dialog === 'new' ? (
        <NewEntityDialog
          caseId={caseId}
          customTypes={customTypes}
          onClose={() => setDialog('none')}
          onCreated={(created) => {
            setDialog('none');
            onOpenEntity(created.id);
          }}
        />
      ) : null}
      {dialog === 'merges' ? (
        <Dialog
          title="Merge history"
          onClose={() => setDialog('none')}
          className="cf-dialog--wide"
          footer={<Button onClick={() => setDialog('none')}>Close</Button>}
        >
          <MergeHistory
            caseId={caseId}
            readOnly={readOnly}
            onOpenEntity={(id) => {
              setDialog('none');
              onOpenEntity(id);
            }}
          />
        </Dialog>
      ) : null}
    </div>
  );
}
