import { formatTimestamp } from '../../shared/format';
import {
  TRANSFER_RECORD_KINDS,
  type ConflictResolution,
  type TransferConflict,
  type TransferPlan,
} from '../../core/ports/transfer';
import { Banner, Button, MarkingBadge } from '../../ui';
import {
  groupedFingerprint,
  RECORD_KIND_LABELS,
  SIGNER_STANDING_LABELS,
  type SignerStanding,
} from './format';
import type { OpenedBundle } from './jobs';

/** Conflicts listed in full up to this many (each is a row with two choices). */
export const CONFLICTS_SHOWN = 200;

/**
 * What an import would do, before anything is written: where the bundle comes from (case,
 * app, date), who signed it and how far they are trusted, who it was encrypted to, the records
 * it adds, leaves as they are or conflicts on, the incoming audit chain, and the conflicts to
 * resolve one by one or all at once.
 */
export function ImportPreview({
  bundle,
  plan,
  resolutions,
  onResolve,
  ownFingerprint,
}: {
  readonly bundle: OpenedBundle;
  /** My identity's fingerprint: a bundle I signed myself says so. */
  readonly ownFingerprint?: string | undefined;
  readonly plan: TransferPlan;
  readonly resolutions: Readonly<Record<string, ConflictResolution>>;
  readonly onResolve: (changes: Readonly<Record<string, ConflictResolution>>) => void;
}) {
  const { manifest, signer } = bundle;
  const standing: SignerStanding = signer.status === 'valid' ? signer.known : 'unsigned';
  const encryption = manifest.encryption;
  const resolveAll = (choice: ConflictResolution) =>
    onResolve(Object.fromEntries(plan.conflicts.map((c) => [c.key, choice])));

  return (
    <div className="cf-import-preview">
      <dl className="cf-details" aria-label="Bundle">
        <dt>Case</dt>
        <dd>
          <strong>{manifest.case.title}</strong>{' '}
          {plan.mode === 'new-case' ? (
            <span className="cf-muted">(new on this computer)</span>
          ) : (
            <span className="cf-muted">(you have this case: records are merged by id)</span>
          )}
        </dd>
        <dt>Marking</dt>
        <dd>
          <MarkingBadge marking={manifest.case.marking} />
        </dd>
        <dt>Written by</dt>
        <dd>
          {manifest.app.name} {manifest.app.version},{' '}
          <time dateTime={manifest.createdAt}>{formatTimestamp(manifest.createdAt)}</time>
        </dd>
        <dt>Signed by</dt>
        <dd>
          {signer.status === 'valid' ? (
            <>
              <strong>{manifest.signer?.name ?? 'Unnamed signer'}</strong>{' '}
              <code className="cf-mono">{groupedFingerprint(signer.fingerprint)}</code>
              <br />
              <span className={`cf-trust cf-trust--${standing}`}>
                {signer.fingerprint === ownFingerprint
                  ? 'You: signed with your own key'
                  : SIGNER_STANDING_LABELS[standing]}
              </span>
            </>
          ) : (
            <span className="cf-trust cf-trust--unsigned">{SIGNER_STANDING_LABELS.unsigned}</span>
          )}
        </dd>
        <dt>Encrypted to</dt>
        <dd>
          {encryption === undefined
            ? 'Not stated in the bundle'
            : encryption.kind === 'passphrase'
              ? 'A passphrase'
              : encryption.recipients.map((r) => r.name).join(', ')}
        </dd>
        <dt>Incoming audit trail</dt>
        <dd>
          {plan.incomingAudit.intact ? (
            `${plan.incomingAudit.length} events, chain intact`
          ) : (
            <span className="cf-trust cf-trust--unknown">
              {plan.incomingAudit.length} events, chain BROKEN: the history was edited
            </span>
          )}
          {plan.mode === 'merge' ? (
            <span className="cf-muted">
              {' '}
              (your case keeps its own trail; this import is recorded in it as one event)
            </span>
          ) : null}
        </dd>
      </dl>
      {standing === 'unknown' ? (
        <Banner tone="warning">
          The signing key is not in your address book. Check its fingerprint with the sender before
          relying on this bundle.
        </Banner>
      ) : null}
      {standing === 'unsigned' ? (
        <Banner tone="warning">
          Nobody signed this bundle: you cannot tell who made it. It can still be imported.
        </Banner>
      ) : null}

      <table className="cf-table cf-import-counts" aria-label="Records">
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Added</th>
            <th scope="col">Identical</th>
            <th scope="col">Conflicting</th>
          </tr>
        </thead>
        <tbody>
          {TRANSFER_RECORD_KINDS.map((kind) => {
            // A merge stores none of the incoming events (see the audit trail line above).
            if (kind === 'audit' && plan.mode === 'merge') return null;
            const counts = plan.counts[kind];
            if (counts.added + counts.identical + counts.conflicting === 0) return null;
            return (
              <tr key={kind}>
                <th scope="row">{RECORD_KIND_LABELS[kind]}</th>
                <td>{counts.added}</td>
                <td>{counts.identical}</td>
                <td>{counts.conflicting}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {plan.conflicts.length > 0 ? (
        <section aria-labelledby="conflicts-heading" className="cf-import-conflicts">
          <h3 id="conflicts-heading">
            {plan.conflicts.length} {plan.conflicts.length === 1 ? 'conflict' : 'conflicts'} to
            resolve
          </h3>
          <p className="cf-muted">
            These records differ between your copy and the bundle. Nothing is overwritten unless you
            choose “Take theirs”.
          </p>
          <div className="cf-page__actions">
            <Button onClick={() => resolveAll('keep-mine')}>Keep mine for all</Button>
            <Button onClick={() => resolveAll('take-theirs')}>Take theirs for all</Button>
          </div>
          <table className="cf-table" aria-label="Conflicts">
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Differs in</th>
                <th scope="col">Mine changed</th>
                <th scope="col">Theirs changed</th>
                <th scope="col">Keep</th>
              </tr>
            </thead>
            <tbody>
              {plan.conflicts.slice(0, CONFLICTS_SHOWN).map((conflict) => (
                <ConflictRow
                  key={conflict.key}
                  conflict={conflict}
                  choice={resolutions[conflict.key]}
                  onChoose={(choice) => onResolve({ [conflict.key]: choice })}
                />
              ))}
            </tbody>
          </table>
          {plan.conflicts.length > CONFLICTS_SHOWN ? (
            <p>
              and {plan.conflicts.length - CONFLICTS_SHOWN} more: use “Keep mine for all” or “Take
              theirs for all”.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function ConflictRow({
  conflict,
  choice,
  onChoose,
}: {
  readonly conflict: TransferConflict;
  readonly choice: ConflictResolution | undefined;
  readonly onChoose: (choice: ConflictResolution) => void;
}) {
  const name = `conflict-${conflict.key}`;
  return (
    <tr>
      <th scope="row">
        <span className="cf-muted">{conflict.kind}</span> {conflict.label}
      </th>
      <td>{conflict.fields.join(', ')}</td>
      <td>{formatTimestamp(conflict.mineUpdatedAt)}</td>
      <td>{formatTimestamp(conflict.theirsUpdatedAt)}</td>
      <td className="cf-conflict-choice">
        <label>
          <input
            type="radio"
            name={name}
            checked={choice === 'keep-mine'}
            aria-label={`Keep mine: ${conflict.label}`}
            onChange={() => onChoose('keep-mine')}
          />{' '}
          Keep mine
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={choice === 'take-theirs'}
            aria-label={`Take theirs: ${conflict.label}`}
            onChange={() => onChoose('take-theirs')}
          />{' '}
          Take theirs
        </label>
      </td>
    </tr>
  );
}
