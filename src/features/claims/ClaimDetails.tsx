import { AlertTriangle, ExternalLink } from 'lucide-react';
import { useState } from 'react';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  type ClaimId,
  type ClaimStatus,
  type ClaimSummary,
  type EntityId,
  type EvidenceInContext,
  type NoteId,
  type PassageId,
  type SourceId,
} from '../../core';
import { Banner, Button, ConfirmDialog } from '../../ui';
import { trimContext } from '../entities';
import { NoteBacklinks } from '../notebook';
import { useStorage, useStorageQuery } from '../storage';
import { ClaimDialog } from './ClaimDialog';
import { claimSentence, entityName, STATUS_LABELS, type EntityNames } from './claimText';
import { GradeBadge } from './GradeBadge';
import { GradeHelp } from './GradeHelp';
import { ValidTimeText } from './ValidTimeText';

export interface ClaimDetailsProps {
  readonly claimId: ClaimId;
  readonly readOnly: boolean;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  /** Called after the claim was edited and saved. */
  readonly onEdit?: () => void;
  /** Called after the claim was deleted (e.g. to close the panel). */
  readonly onDeleted?: () => void;
  /** Opens a note; when given, the notes embedding the claim are listed. */
  readonly onOpenNote?: ((id: NoteId) => void) | undefined;
}

interface Loaded {
  readonly claim: ClaimSummary | undefined;
  readonly evidence: readonly EvidenceInContext[];
  readonly names: EntityNames;
  readonly claims: readonly ClaimSummary[];
}

/**
 * One claim, self-contained (it reads storage itself, so the chart's side panel can show it too):
 * the sentence, grade and flags, valid time, attribution, note, every evidence passage in context
 * with a way into the source, and the claims it supports or contradicts.
 */
export function ClaimDetails({
  claimId,
  readOnly,
  onOpenEntity,
  onOpenPassage,
  onOpenClaim,
  onEdit,
  onDeleted,
  onOpenNote,
}: ClaimDetailsProps) {
  const { storage, changed } = useStorage();
  const loaded = useStorageQuery(
    async (s): Promise<Loaded> => {
      const claim = await s.claims.get(claimId);
      if (!claim) return { claim, evidence: [], names: new Map(), claims: [] };
      const [evidence, entities, claims] = await Promise.all([
        s.claims.evidence(claimId),
        s.entities.list(claim.caseId),
        s.claims.list(claim.caseId),
      ]);
      const names = new Map(entities.map((e) => [e.id, e.name] as const));
      // A merged-away or deleted entity is not listed; read it so the sentence still names it.
      for (const id of [
        claim.subjectId,
        ...(claim.object.kind === 'entity' ? [claim.object.entityId] : []),
      ]) {
        if (!names.has(id)) {
          const entity = await s.entities.get(id);
          if (entity) names.set(id, entity.name);
        }
      }
      return { claim, evidence, names, claims };
    },
    [claimId],
  );
  const [dialog, setDialog] = useState<'none' | 'edit' | 'delete'>('none');
  const [problem, setProblem] = useState<string | null>(null);

  if (loaded.status === 'loading') return <p role="status">Reading the claim…</p>;
  if (loaded.status === 'failed') {
    return <Banner tone="error">Could not read the claim: {loaded.message}</Banner>;
  }
  const { claim, evidence, names, claims } = loaded.value;
  if (!claim) {
    return (
      <section className="cf-claim-details" aria-label="Claim">
        <h3>Claim not found</h3>
        <p className="cf-muted">It may have been deleted.</p>
      </section>
    );
  }
  const sentence = claimSentence(names, claim);
  const byId = new Map(claims.map((c) => [c.id, c] as const));
  const incoming = claims.flatMap((c) =>
    c.relations.filter((r) => r.claimId === claim.id).map((r) => ({ kind: r.kind, from: c })),
  );

  async function setStatus(status: ClaimStatus) {
    setProblem(null);
    const updated = await storage.claims.update(claimId, { status });
    if (!updated.ok) setProblem(updated.error.message);
    else changed();
  }

  const entityLink = (id: EntityId) =>
    names.has(id) ? (
      <button type="button" className="cf-link" onClick={() => onOpenEntity(id)}>
        {entityName(names, id)}
      </button>
    ) : (
      <span className="cf-muted">{entityName(names, id)}</span>
    );

  return (
    <section className="cf-claim-details" aria-label={`Claim: ${sentence}`}>
      <h3 className="cf-claim-details__sentence">
        {entityLink(claim.subjectId)}{' '}
        <span className="cf-claim-details__predicate">{claim.predicate}</span>{' '}
        {claim.object.kind === 'entity' ? (
          entityLink(claim.object.entityId)
        ) : (
          <span className="cf-claim-details__literal">{claim.object.value}</span>
        )}
      </h3>
      <div className="cf-claim-details__badges">
        <GradeBadge
          grade={claim.grade}
          analystAssertion={claim.analystAssertion}
          singleSource={claim.singleSource}
          orphaned={claim.orphanedEvidence}
        />
      </div>
      <GradeHelp />
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      <dl className="cf-claim-details__facts">
        <dt>Status</dt>
        <dd>
          {readOnly ? (
            STATUS_LABELS[claim.status]
          ) : (
            <select
              className="cf-select"
              aria-label="Claim status"
              value={claim.status}
              onChange={(e) => void setStatus(e.target.value as ClaimStatus)}
            >
              {CLAIM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </dd>
        <dt>Valid time</dt>
        <dd>
          <ValidTimeText validTime={claim.validTime} />
        </dd>
        <dt>Credibility</dt>
        <dd>
          {claim.credibility} — {INFORMATION_CREDIBILITY_DEFINITIONS[claim.credibility].label}
        </dd>
        {claim.attributedTo ? (
          <>
            <dt>Attributed to</dt>
            <dd>{claim.attributedTo}</dd>
          </>
        ) : null}
      </dl>
      {claim.note ? (
        <div className="cf-claim-details__note">
          <h4>Analyst note</h4>
          <p>{claim.note}</p>
        </div>
      ) : null}
      <section aria-label="Evidence" className="cf-claim-details__evidence">
        <h4>Evidence</h4>
        {claim.analystAssertion ? (
          <p className="cf-claim-flag cf-claim-flag--assertion">
            No evidence: this is the analyst’s own assertion.
          </p>
        ) : null}
        {evidence.length > 0 ? (
          <ul className="cf-evidence-list">
            {evidence.map((item) => (
              <li key={item.passage.id} className="cf-evidence-list__item">
                <div className="cf-evidence-list__source">
                  <span>
                    <strong>{item.sourceTitle}</strong>
                    <span className="cf-evidence-list__meta">
                      Reliability {item.reliability}
                      {item.page !== undefined ? ` · p. ${item.page}` : ''}
                    </span>
                  </span>
                </div>
                <blockquote className="cf-evidence-quote">
                  <EvidenceQuote item={item} />
                </blockquote>
                {item.passage.orphaned ? (
                  <p className="cf-claim-flag">
                    <AlertTriangle size={13} aria-hidden="true" /> The quote is no longer found in
                    the source.
                  </p>
                ) : null}
                <Button
                  variant="ghost"
                  aria-label={`Open in source: ${item.sourceTitle}`}
                  onClick={() => onOpenPassage(item.sourceId, item.passage.id)}
                >
                  <ExternalLink size={14} aria-hidden="true" /> Open in source
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {claim.relations.length > 0 || incoming.length > 0 ? (
        <section aria-label="Related claims" className="cf-claim-details__relations">
          <h4>Related claims</h4>
          <ul className="cf-relation-list">
            {claim.relations.map((r) => {
              const other = byId.get(r.claimId);
              return (
                <li key={`out-${r.claimId}`}>
                  {r.kind === 'supports' ? 'Supports' : 'Contradicts'}{' '}
                  {other ? (
                    <button type="button" className="cf-link" onClick={() => onOpenClaim(other.id)}>
                      {claimSentence(names, other)}
                    </button>
                  ) : (
                    <span className="cf-muted">a claim no longer in the case</span>
                  )}
                </li>
              );
            })}
            {incoming.map(({ kind, from }) => (
              <li key={`in-${from.id}`}>
                {kind === 'supports' ? 'Supported by' : 'Contradicted by'}{' '}
                <button type="button" className="cf-link" onClick={() => onOpenClaim(from.id)}>
                  {claimSentence(names, from)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {onOpenNote ? <NoteBacklinks claimId={claim.id} onOpenNote={onOpenNote} /> : null}
      {readOnly ? null : (
        <div className="cf-page__actions cf-claim-details__actions">
          <Button onClick={() => setDialog('edit')}>Edit claim…</Button>
          <Button variant="danger" onClick={() => setDialog('delete')}>
            Delete claim
          </Button>
        </div>
      )}
      {dialog === 'edit' ? (
        <ClaimDialog
          caseId={claim.caseId}
          claimId={claim.id}
          onDone={(saved) => {
            setDialog('none');
            if (saved) onEdit?.();
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete claim?"
          confirmLabel="Delete claim"
          onClose={() => setDialog('none')}
          onConfirm={async () => {
            const deleted = await storage.claims.delete(claim.id);
            if (!deleted.ok) return deleted.error.message;
            setDialog('none');
            changed();
            onDeleted?.();
            return null;
          }}
        >
          <p>
            “{sentence}” will be deleted, with any supports/contradicts links to it. Its evidence
            passages stay in their sources. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The quote marked inside its context, the context cut at whole words. */
function EvidenceQuote({ item }: { readonly item: EvidenceInContext }) {
  const { before, after } = trimContext(item.before, item.after);
  return (
    <>
      <span className="cf-passage__context">{before}</span>
      <mark>{item.passage.quote.exact}</mark>
      <span className="cf-passage__context">{after}</span>
    </>
  );
}
