import { useId, useState } from 'react';
import type { Case, SourceId } from '../../core';
import type { BundleEncryption } from '../../core/bundle/bundle';
import { signingKeyBytes } from '../../core/identity/identity';
import type { CaseExtractScope } from '../../core/ports/transfer';
import { Banner, Button, Dialog } from '../../ui';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { useViewTasks, type TaskHandle } from '../tasks';
import { bundleFileName, groupedFingerprint, savableBytes } from './format';
import { useKeyring } from './KeyringContext';
import {
  EMPTY_PAIR,
  PassphraseFields,
  passphrasePairProblem,
  type PassphrasePair,
} from './PassphraseFields';
import { UnlockFields } from './UnlockFields';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly message: string }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface ExportBundleDialogProps {
  readonly current: Case;
  readonly readOnly: boolean;
  readonly onClose: () => void;
}

/**
 * "Export encrypted bundle…": the whole case or chosen sources (and what cites them), encrypted
 * to me and chosen colleagues or to a passphrase, signed with my identity, written in the bundle
 * worker, saved through the host and recorded in the case's audit trail (`bundle.exported`).
 */
export function ExportBundleDialog({ current, readOnly, onClose }: ExportBundleDialogProps) {
  const { storage } = useStorage();
  const { host } = useServices();
  const { state, secrets, worker } = useKeyring();
  const sources = useStorageQuery((s) => s.sources.list(current.id), [current.id]);
  const identity = state.status === 'ready' ? state.identity : undefined;
  const contacts = state.status === 'ready' ? state.contacts : [];
  const [scope, setScope] = useState<'all' | 'sources'>('all');
  const [chosenSources, setChosenSources] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<'recipients' | 'passphrase'>('recipients');
  const [includeMe, setIncludeMe] = useState(true);
  const [chosenContacts, setChosenContacts] = useState<ReadonlySet<string>>(new Set());
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PAIR);
  const [signChoice, setSignChoice] = useState<boolean | undefined>(undefined);
  const [tried, setTried] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // The dialog shows the progress; if it is closed meanwhile, a toast follows the export.
  const startTask = useViewTasks();
  const id = useId();
  const sign = signChoice ?? identity !== undefined;
  const working = status.kind === 'working';
  const sourceList = sources.status === 'ready' ? sources.value : [];

  function toggle(set: ReadonlySet<string>, value: string, on: boolean): ReadonlySet<string> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }

  /** The first thing stopping the export, in the order the form reads. */
  function problem(): string | undefined {
    if (scope === 'sources' && chosenSources.size === 0) return 'Choose at least one source.';
    if (mode === 'recipients') {
      if (!(includeMe && identity) && chosenContacts.size === 0) {
        return 'Choose at least one recipient, or encrypt with a passphrase.';
      }
    } else {
      const wrong = passphrasePairProblem(pair);
      if (wrong) return wrong;
    }
    if (sign && !identity) return 'Create your identity to sign bundles, or untick "Sign".';
    if (sign && !secrets) return 'Unlock your identity to sign the bundle, or untick "Sign".';
    return undefined;
  }

  async function exportBundle() {
    setTried(true);
    const blocked = problem();
    if (blocked) {
      setStatus({ kind: 'failed', message: blocked });
      return;
    }
    const task = startTask({ title: `Exporting “${current.title}”` });
    const report = bundleExportReporter(task, setStatus);
    report.step('Reading the case…');
    try {
      const extractScope: CaseExtractScope =
        scope === 'all'
          ? { kind: 'all' }
          : { kind: 'sources', sourceIds: [...chosenSources] as SourceId[] };
      const extract = await storage.transfer.extract(current.id, extractScope);
      if (!extract.ok) return report.fail(extract.error.message);
      const { records } = extract.value;

      const recipients = contacts.filter((c) => chosenContacts.has(c.id));
      // Me first, then colleagues as listed: the order the manifest names them in.
      const recipientNames = new Map<string, string>(
        includeMe && identity ? [[identity.ageRecipient, identity.name]] : [],
      );
      for (const contact of recipients) recipientNames.set(contact.ageRecipient, contact.name);
      const encryption: BundleEncryption =
        mode === 'recipients'
          ? { kind: 'recipients', recipients: [...recipientNames.keys()] }
          : { kind: 'passphrase', passphrase: pair.passphrase };
      const signingKey = sign && secrets ? signingKeyBytes(secrets) : undefined;
      if (signingKey && !signingKey.ok) return report.fail(signingKey.error.message);
      const info = await host.appInfo();
      const app = info.ok
        ? { name: info.value.name, version: info.value.version }
        : { name: 'Casefile', version: 'unknown' };

      const written = await worker.write(
        {
          caseData: records,
          originals: extract.value.originals,
          app,
          createdAt: new Date().toISOString(),
          encryption,
          ...(mode === 'recipients' ? { recipientNames } : {}),
          ...(signingKey && identity
            ? { signingKey: signingKey.value, signerName: identity.name }
            : {}),
        },
        (progress) => report.step(progress.message),
      );
      if (!written.ok) return report.fail(written.error.message);

      report.step('Saving…');
      const suggestedName = bundleFileName(current.title);
      const saved = await host.saveFile({
        suggestedName,
        bytes: savableBytes(written.value.bytes),
        filters: [{ name: 'Casefile bundle', extensions: ['casefile'] }],
      });
      if (!saved.ok) return report.fail(saved.error.message);
      if (saved.value.canceled) return report.done('Not saved: cancelled.');
      const savedAs = saved.value.fileName ?? suggestedName;
      const message = `Saved as ${savedAs}.`;
      if (readOnly) return report.done(message, savedAs);

      // The audit trail says what left the case, to whom, signed by whom, with which fingerprint.
      const recorded = await storage.audit.record(current.id, {
        action: 'bundle.exported',
        subject: savedAs,
        detail: {
          fileName: savedAs,
          scope: scope === 'all' ? 'case' : { sourceIds: [...chosenSources] },
          counts: {
            sources: records.sources.length,
            passages: records.passages.length,
            entities: records.entities.length,
            claims: records.claims.length,
            notes: records.notes.length,
            charts: records.charts.length,
            audit: records.audit.length,
          },
          recipients:
            mode === 'passphrase'
              ? 'passphrase'
              : [
                  ...(includeMe && identity
                    ? [{ name: identity.name, fingerprint: identity.fingerprint }]
                    : []),
                  ...recipients.map((c) => ({
                    name: c.name,
                    ...(c.fingerprint
                      ? { fingerprint: c.fingerprint }
                      : { recipient: c.ageRecipient }),
                  })),
                ],
          signer: signingKey && identity ? identity.fingerprint : 'unsigned',
          sha256: written.value.sha256,
        },
      });
      if (!recorded.ok) {
        return report.fail(
          `${message} But the export could not be recorded in the case's activity: ${recorded.error.message}`,
        );
      }
      report.done(message, savedAs);
    } catch (error) {
      report.fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** Any change clears the last outcome, which was about another file. */
  function change(apply: () => void) {
    apply();
    if (!working) setStatus({ kind: 'idle' });
  }

  return (
    <Dialog
      title="Export encrypted bundle"
      onClose={onClose}
      className="cf-bundle-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" disabled={working} onClick={() => void exportBundle()}>
            {working ? 'Exporting…' : 'Export bundle'}
          </Button>
        </>
      }
    >
      <fieldset className="cf-fieldset">
        <legend>What to include</legend>
        <label className="cf-check">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'all'}
            onChange={() => change(() => setScope('all'))}
          />{' '}
          The whole case
        </label>
        <label className="cf-check">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'sources'}
            onChange={() => change(() => setScope('sources'))}
          />{' '}
          Chosen sources, with the passages, entities, claims and notes that cite them (no activity
          log)
        </label>
        {scope === 'sources' ? (
          <div className="cf-checklist" role="group" aria-label="Sources to include">
            {sourceList.length === 0 ? <p className="cf-muted">This case has no sources.</p> : null}
            {sourceList.map((source) => (
              <label key={source.id} className="cf-check">
                <input
                  type="checkbox"
                  checked={chosenSources.has(source.id)}
                  onChange={(e) =>
                    change(() => setChosenSources((s) => toggle(s, source.id, e.target.checked)))
                  }
                />{' '}
                {source.title}
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>

      <fieldset className="cf-fieldset">
        <legend>Who can open it</legend>
        <label className="cf-check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'recipients'}
            onChange={() => change(() => setMode('recipients'))}
          />{' '}
          Me and chosen colleagues (their keys)
        </label>
        {mode === 'recipients' ? (
          <div className="cf-checklist" role="group" aria-label="Recipients">
            {identity ? (
              <label className="cf-check">
                <input
                  type="checkbox"
                  checked={includeMe}
                  onChange={(e) => change(() => setIncludeMe(e.target.checked))}
                />{' '}
                Me ({identity.name})
              </label>
            ) : (
              <p className="cf-muted">
                You have no identity yet, so you could not open this bundle yourself.
              </p>
            )}
            {contacts.map((contact) => (
              <label key={contact.id} className="cf-check">
                <input
                  type="checkbox"
                  checked={chosenContacts.has(contact.id)}
                  onChange={(e) =>
                    change(() => setChosenContacts((s) => toggle(s, contact.id, e.target.checked)))
                  }
                />{' '}
                {contact.name}{' '}
                {contact.trust === 'verified' ? (
                  <span className="cf-trust cf-trust--verified">✓ verified</span>
                ) : (
                  <span className="cf-trust">not verified</span>
                )}
              </label>
            ))}
            {contacts.length === 0 ? (
              <p className="cf-muted">Add colleagues in Identity and address book.</p>
            ) : null}
          </div>
        ) : null}
        <label className="cf-check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'passphrase'}
            onChange={() => change(() => setMode('passphrase'))}
          />{' '}
          Anyone with a passphrase
        </label>
        {mode === 'passphrase' ? (
          <PassphraseFields
            label="Bundle passphrase"
            value={pair}
            onChange={(value) => change(() => setPair(value))}
            showErrors={tried}
          />
        ) : null}
      </fieldset>

      <fieldset className="cf-fieldset">
        <legend>Signature</legend>
        <label className="cf-check">
          <input
            type="checkbox"
            checked={sign}
            disabled={!identity}
            onChange={(e) => change(() => setSignChoice(e.target.checked))}
          />{' '}
          {identity
            ? `Sign with my identity (${groupedFingerprint(identity.fingerprint).slice(0, 19)}…)`
            : 'Sign (create your identity first)'}
        </label>
        {sign && identity ? (
          <UnlockFields identity={identity} purpose="to sign the bundle" />
        ) : null}
      </fieldset>

      {status.kind === 'working' ? (
        <div className="cf-bundle-progress" role="status">
          <progress aria-label="Export progress" />
          <span>{status.message}</span>
        </div>
      ) : null}
      {status.kind === 'done' ? <Banner tone="info">{status.message}</Banner> : null}
      {status.kind === 'failed' ? <Banner tone="error">{status.message}</Banner> : null}
    </Dialog>
  );
}

/** The export's steps, in the order they come, for the toast's progress bar. */
const EXPORT_STEPS = [
  'Reading the case…',
  'Packing, signing and encrypting the case…',
  'Fingerprinting the bundle…',
  'Saving…',
];

/** Tells both the dialog (while open) and the export's task how the export goes. */
function bundleExportReporter(task: TaskHandle, setStatus: (status: Status) => void) {
  return {
    step(message: string) {
      setStatus({ kind: 'working', message });
      const index = EXPORT_STEPS.indexOf(message);
      if (index >= 0) task.progress(index, EXPORT_STEPS.length, message);
      else task.describe(message);
    },
    done(message: string, savedAs?: string) {
      setStatus({ kind: 'done', message });
      if (savedAs === undefined) task.succeed(message);
      else task.succeed('Bundle exported', `Saved as ${savedAs}.`);
    },
    fail(message: string) {
      setStatus({ kind: 'failed', message });
      task.fail('Bundle export failed', message);
    },
  };
}
