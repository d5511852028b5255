import { useMemo, useState } from 'react';
import type {
  CaseId,
  Claim,
  ClaimId,
  Entity,
  EntityId,
  EntityMerge,
  EntitySummary,
  NoteId,
  PassageId,
  SourceId,
} from '../../core';
import { Banner, Button, ConfirmDialog, Dialog, ResizeHandle, useResizablePane } from '../../ui';
import { ClaimDialog } from '../claims';
import { NoteBacklinks } from '../notebook';
import { useStorage, useStorageQuery } from '../storage';
import { EntityDetailsForm } from './EntityDetailsForm';
import { EntityMentions } from './EntityMentions';
import { EntityPicker } from './EntityPicker';
import { EntityTypeBadge } from './EntityTypeBadge';
import { customTypesOf } from './EntityTypeField';
import { formatTimestamp, plural } from './format';
import { MergeHistory } from './MergeHistory';

export interface EntityPageProps {
  readonly caseId: CaseId;
  readonly entityId: EntityId;
  readonly readOnly: boolean;
  readonly onOpenEntity: (id: EntityId | undefined) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  /** Opens a note that mentions the entity (the notes are listed when given). */
  readonly onOpenNote?: (id: NoteId) => void;
}

type Open =
  | { readonly kind: 'none' }
  | { readonly kind: 'merge-pick' }
  | { readonly kind: 'merge-confirm'; readonly other: EntitySummary }
  | { readonly kind: 'delete' }
  | { readonly kind: 'new-claim' };

/** One entity: its details, every mention in context, its claims, merge (and undo), delete. */
export function EntityPage({
  caseId,
  entityId,
  readOnly,
  onOpenEntity,
  onOpenPassage,
  onOpenClaim,
  onOpenNote,
}: EntityPageProps) {
  const { storage, changed } = useStorage();
  const loaded = useStorageQuery(
    async (s) => {
      const [entity, all] = await Promise.all([s.entities.get(entityId), s.entities.list(caseId)]);
      return { entity, all };
    },
    [caseId, entityId],
  );
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const sidePane = useResizablePane({
    caseId,
    pane: 'entities.side',
    defaultSize: 384,
    min: 288,
    max: 720,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [justMerged, setJustMerged] = useState<EntityMerge | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const all = useMemo(() => (loaded.status === 'ready' ? loaded.value.all : []), [loaded]);
  const customTypes = useMemo(() => customTypesOf(all), [all]);

  if (loaded.status === 'loading') return <p role="status">Opening entity…</p>;
  if (loaded.status === 'failed')
    return <Banner tone="error">Could not open the entity: {loaded.message}</Banner>;
  const { entity } = loaded.value;
  if (!entity || entity.caseId !== caseId) {
    return (
      <div role="region" aria-label="Entity">
        <h2>Entity not found</h2>
        <p>It may have been deleted.</p>
        <Button onClick={() => onOpenEntity(undefined)}>Back to entities</Button>
      </div>
    );
  }
  const summary = all.find((e) => e.id === entity.id);
  const survivor = entity.mergedInto ? all.find((e) => e.id === entity.mergedInto) : undefined;
  const closeDialog = () => setOpen({ kind: 'none' });

  return (
    <article className="cf-entity-page" aria-labelledby="entity-title">
      <header className="cf-entity-page__header">
        <Button variant="ghost" onClick={() => onOpenEntity(undefined)}>
          ← All entities
        </Button>
        <div className="cf-entity-page__title">
          <EntityTypeBadge type={entity.type} />
          <h2 id="entity-title">{entity.name}</h2>
        </div>
        <div className="cf-page__actions">
          <Button
            onClick={() => {
              setNotice(null);
              setProblem(null);
              setJustMerged(null);
              setOpen({ kind: 'merge-pick' });
            }}
            disabled={readOnly || entity.mergedInto !== undefined}
          >
            Merge…
          </Button>
          <Button
            variant="danger"
            onClick={() => setOpen({ kind: 'delete' })}
            disabled={readOnly || entity.mergedInto !== undefined}
          >
            Delete entity
          </Button>
        </div>
      </header>
      {entity.aliases.length > 0 ? (
        <p className="cf-entity-page__aliases">
          <span className="cf-muted">Also known as </span>
          {entity.aliases.join(' · ')}
        </p>
      ) : null}
      {summary ? (
        <p className="cf-muted cf-entity-page__facts">
          {plural(summary.mentionCount, 'mention', 'mentions')} in{' '}
          {plural(summary.sourceCount, 'source', 'sources')} · last changed{' '}
          <time dateTime={entity.updatedAt}>{formatTimestamp(entity.updatedAt)}</time>
        </p>
      ) : null}
      {entity.mergedInto ? (
        <Banner tone="warning">
          This entity was merged into{' '}
          {survivor ? (
            <button type="button" className="cf-link" onClick={() => onOpenEntity(survivor.id)}>
              {survivor.name}
            </button>
          ) : (
            'another entity'
          )}
          . Undo the merge below to restore it.
        </Banner>
      ) : null}
      {notice ? <Banner tone="info">{notice}</Banner> : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {justMerged ? (
        <Banner tone="info">
          <span className="cf-banner__row">
            <span>
              Merged “{justMerged.mergedBefore.name}” into “{justMerged.survivorBefore.name}”.
            </span>
            <Button
              disabled={readOnly}
              onClick={() => {
                void storage.entities.undoMerge(justMerged.id).then((undone) => {
                  setJustMerged(null);
                  if (undone.ok) {
                    setNotice('The merge was undone.');
                    changed();
                  } else setProblem(undone.error.message);
                });
              }}
            >
              Undo merge
            </Button>
          </span>
        </Banner>
      ) : null}
      <div className="cf-entity-page__body cf-split" style={sidePane.style}>
        <ResizeHandle pane={sidePane} label="Resize the entity details" side="end" />
        <div className="cf-entity-page__main">
          <EntityMentions
            caseId={caseId}
            entityId={entity.id}
            entityType={entity.type}
            readOnly={readOnly || entity.mergedInto !== undefined}
            onOpenPassage={onOpenPassage}
          />
          <EntityClaims
            entity={entity}
            all={all}
            readOnly={readOnly || entity.mergedInto !== undefined}
            onOpenClaim={onOpenClaim}
            onNewClaim={() => setOpen({ kind: 'new-claim' })}
          />
          {onOpenNote ? <NoteBacklinks entityId={entity.id} onOpenNote={onOpenNote} /> : null}
        </div>
        <aside className="cf-entity-page__side" aria-label="Entity details and history">
          <section className="cf-entity-section">
            <h3>Details</h3>
            <EntityDetailsForm
              key={entity.updatedAt}
              entity={entity}
              customTypes={customTypes}
              readOnly={readOnly || entity.mergedInto !== undefined}
              onSaved={() => setNotice('Changes saved.')}
            />
          </section>
          <section className="cf-entity-section" aria-label="Merge history">
            <h3>Merge history</h3>
            <MergeHistory
              caseId={caseId}
              entityId={entity.id}
              readOnly={readOnly}
              onOpenEntity={onOpenEntity}
            />
          </section>
        </aside>
      </div>
      {open.kind === 'merge-pick' ? (
        <EntityPicker
          caseId={caseId}
          title={`Merge a duplicate into “${entity.name}”`}
          allowCreate={false}
          exclude={[entity.id]}
          onCancel={closeDialog}
          onPick={(choice) => {
            const other =
              'entityId' in choice ? all.find((e) => e.id === choice.entityId) : undefined;
            if (other) setOpen({ kind: 'merge-confirm', other });
          }}
        />
      ) : null}
      {open.kind === 'merge-confirm' ? (
        <MergeConfirmDialog
          survivor={entity}
          survivorMentions={summary?.mentionCount ?? 0}
          other={open.other}
          onClose={closeDialog}
          onConfirm={async () => {
            const merged = await storage.entities.merge(entity.id, open.other.id);
            if (!merged.ok) return merged.error.message;
            closeDialog();
            setNotice(null);
            setJustMerged(merged.value);
            changed();
            return null;
          }}
        />
      ) : null}
      {open.kind === 'delete' ? (
        <DeleteEntityDialog
          entity={entity}
          mentionCount={summary?.mentionCount ?? 0}
          onClose={closeDialog}
          onDeleted={() => {
            changed();
            onOpenEntity(undefined);
          }}
        />
      ) : null}
      {open.kind === 'new-claim' ? (
        <ClaimDialog
          caseId={caseId}
          initial={{ subjectId: entity.id }}
          onDone={(claimId) => {
            closeDialog();
            if (claimId) onOpenClaim(claimId);
          }}
        />
      ) : null}
    </article>
  );
}

function MergeConfirmDialog({
  survivor,
  survivorMentions,
  other,
  onClose,
  onConfirm,
}: {
  readonly survivor: Entity;
  readonly survivorMentions: number;
  readonly other: EntitySummary;
  readonly onClose: () => void;
  readonly onConfirm: () => Promise<string | null>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title="Merge entities?"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} autoFocus>
            Cancel
          </Button>
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onConfirm().then((failure) => {
                setBusy(false);
                setError(failure);
              });
            }}
          >
            Merge entities
          </Button>
        </>
      }
    >
      <div className="cf-merge-preview">
        <div>
          <EntityTypeBadge type={other.type} iconOnly /> <strong>{other.name}</strong>
          <div className="cf-muted">{plural(other.mentionCount, 'mention', 'mentions')}</div>
        </div>
        <span aria-hidden="true" className="cf-merge-preview__arrow">
          →
        </span>
        <div>
          <EntityTypeBadge type={survivor.type} iconOnly /> <strong>{survivor.name}</strong>
          <div className="cf-muted">{plural(survivorMentions, 'mention', 'mentions')}</div>
        </div>
      </div>
      <ul className="cf-merge-explain">
        <li>
          “{other.name}”{' '}
          {other.aliases.length > 0 ? 'and its aliases become aliases' : 'becomes an alias'} of “
          {survivor.name}”.
        </li>
        <li>
          Its {plural(other.mentionCount, 'mention', 'mentions')} and any claims move to “
          {survivor.name}”.
        </li>
        <li>
          Attributes are combined; where both have a value, “{survivor.name}”’s is kept and the
          other is kept as “… (merged)”. Notes are joined.
        </li>
        <li>The merge is recorded in the merge history and can be undone.</li>
      </ul>
      {other.type !== survivor.type ? (
        <Banner tone="warning">
          The two entities have different types; the merged entity keeps “{survivor.name}”’s.
        </Banner>
      ) : null}
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The claims the entity takes part in (subject or object): the link chart's edges. */
function EntityClaims({
  entity,
  all,
  readOnly,
  onOpenClaim,
  onNewClaim,
}: {
  readonly entity: Entity;
  readonly all: readonly EntitySummary[];
  readonly readOnly: boolean;
  readonly onOpenClaim: (id: ClaimId) => void;
  readonly onNewClaim: () => void;
}) {
  const claims = useStorageQuery((s) => s.entities.claims(entity.id), [entity.id]);
  const names = useMemo(() => new Map(all.map((e) => [e.id, e.name] as const)), [all]);
  const nameOf = (id: EntityId) =>
    id === entity.id ? entity.name : (names.get(id) ?? 'an entity no longer in the case');
  const objectOf = (claim: Claim) =>
    claim.object.kind === 'entity' ? nameOf(claim.object.entityId) : claim.object.value;
  return (
    <section className="cf-entity-section" aria-label="Claims">
      <div className="cf-entity-section__head">
        <h3>Claims</h3>
        {readOnly ? null : <Button onClick={onNewClaim}>New claim…</Button>}
      </div>
      {claims.status === 'loading' ? <p role="status">Reading claims…</p> : null}
      {claims.status === 'failed' ? (
        <p role="alert" className="cf-field__error">
          Could not read the claims: {claims.message}
        </p>
      ) : null}
      {claims.status === 'ready' && claims.value.length === 0 ? (
        <p className="cf-muted">
          No claims yet. A claim records what “{entity.name}” did or is, with the passages that show
          it; they become the link chart’s edges.
        </p>
      ) : null}
      {claims.status === 'ready' && claims.value.length > 0 ? (
        <ul className="cf-claim-list">
          {claims.value.map((claim) => (
            <li key={claim.id}>
              <button type="button" className="cf-link" onClick={() => onOpenClaim(claim.id)}>
                <strong>{nameOf(claim.subjectId)}</strong>{' '}
                <span className="cf-claim-list__predicate">{claim.predicate}</span>{' '}
                <strong>{objectOf(claim)}</strong>
              </button>
              <span className="cf-muted">
                {' '}
                · {claim.status} · credibility {claim.credibility}
                {claim.evidence.length === 0 ? ' · analyst assertion' : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * Deleting an entity that claims use: the repository refuses unless told to delete those claims
 * too (never a dangling edge), so the dialog asks, and points to merge as the gentler way out.
 */
function DeleteEntityDialog({
  entity,
  mentionCount,
  onClose,
  onDeleted,
}: {
  readonly entity: Entity;
  readonly mentionCount: number;
  readonly onClose: () => void;
  readonly onDeleted: () => void;
}) {
  const { storage } = useStorage();
  const claims = useStorageQuery((s) => s.entities.claims(entity.id), [entity.id]);
  const claimCount = claims.status === 'ready' ? claims.value.length : 0;
  return (
    <ConfirmDialog
      title="Delete entity?"
      confirmLabel={
        claimCount > 0
          ? `Delete the entity and its ${plural(claimCount, 'claim', 'claims')}`
          : 'Delete entity'
      }
      onClose={onClose}
      onConfirm={async () => {
        // Claims are deleted only when the dialog has said how many (they may have just loaded).
        const used = (await storage.entities.claims(entity.id)).length;
        if (used > 0 && used !== claimCount) {
          return `“${entity.name}” takes part in ${plural(used, 'claim', 'claims')}: read the warning above before deleting.`;
        }
        const deleted = await storage.entities.delete(
          entity.id,
          used > 0 ? { claims: 'delete' } : undefined,
        );
        if (!deleted.ok) return deleted.error.message;
        onDeleted();
        return null;
      }}
    >
      <p>
        “{entity.name}” and its {plural(mentionCount, 'mention', 'mentions')} (the tagged passages
        in sources) will be deleted. The sources themselves are kept. This cannot be undone.
      </p>
      {claimCount > 0 ? (
        <Banner tone="warning">
          “{entity.name}” takes part in {plural(claimCount, 'claim', 'claims')}. Deleting it deletes
          {claimCount === 1 ? ' that claim' : ' those claims'} too, so no link is left pointing at
          nothing. If this entity is a duplicate of another, cancel and use Merge… instead: its
          claims then move to the entity you keep.
        </Banner>
      ) : null}
      {claims.status === 'failed' ? (
        <p role="alert" className="cf-field__error">
          Could not read the entity’s claims: {claims.message}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
