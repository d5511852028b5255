import { useRef, useState } from 'react';
import type { CaseId } from '../../core';
import { inspectAgeHeader } from '../../core/bundle/age';
import type { BundleKey, SignerTrust } from '../../core/bundle/bundle';
import { ageIdentitiesFromFile } from '../../core/identity/identity';
import type {
  ConflictResolution,
  TransferCommitOptions,
  TransferPlan,
} from '../../core/ports/transfer';
import { err, ok } from '../../shared/result';
import { MAX_OPEN_FILE_BYTES } from '../../shared/security';
import { Banner, Button, Dialog, TextField } from '../../ui';
import { useServices } from '../services';
import { useStorage } from '../storage';
import { useViewTasks } from '../tasks';
import type { OpenedBundle } from './jobs';
import { useKeyring } from './KeyringContext';
import { ImportPreview } from './ImportPreview';
import { UnlockFields } from './UnlockFields';

interface ChosenFile {
  readonly name: string;
  /** Kept on this thread until the bundle opens, so a wrong passphrase can be retried. */
  readonly bytes: Uint8Array;
  readonly kind: 'x25519' | 'scrypt';
}

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'key'; readonly file: ChosenFile }
  | { readonly kind: 'reading'; readonly file: ChosenFile; readonly message: string }
  | { readonly kind: 'planning' }
  | {
      readonly kind: 'preview';
      readonly fileName: string;
      readonly bundle: OpenedBundle;
      readonly plan: TransferPlan;
    }
  | { readonly kind: 'importing'; readonly fileName: string };

const PROGRESS_TEXT: Partial<Record<Step['kind'], string>> = {
  planning: 'Comparing with your cases…',
  importing: 'Importing in one transaction…',
};

export interface ImportBundleDialogProps {
  readonly readOnly: boolean;
  /**
   * A bundle already read (the desktop app opened a `.casefile` from the OS): the dialog starts at
   * the key step instead of asking for a file.
   */
  readonly preloaded?: { readonly name: string; readonly bytes: Uint8Array };
  readonly onClose: () => void;
  /** After a successful import: open the case. */
  readonly onImported: (caseId: CaseId) => void;
}

/**
 * "Import encrypted bundle…": choose a `.casefile`, open it with my identity, an age identity
 * file or its passphrase (the worker decrypts and checks everything), preview what would change
 * (signer, recipients, counts, conflicts to resolve), then commit in one transaction. Every
 * failure shows the core's message and changes nothing.
 */
/** Checks a chosen file's age header: what kind of key opens it, or why Casefile cannot. */
function chosenBundle(file: { readonly name: string; readonly bytes: Uint8Array }) {
  const header = inspectAgeHeader(file.bytes);
  if (!header.ok) return header;
  if (header.value.kind === 'other') {
    return err(
      'bundle.keyKind',
      `${file.name} is encrypted to a kind of key Casefile does not use (neither an X25519 identity nor a passphrase).`,
    );
  }
  return ok<ChosenFile>({ name: file.name, bytes: file.bytes, kind: header.value.kind });
}

export function ImportBundleDialog({
  readOnly,
  preloaded,
  onClose,
  onImported,
}: ImportBundleDialogProps) {
  const { storage, changed } = useStorage();
  const { host } = useServices();
  const { keyring, state, secrets, worker } = useKeyring();
  const identity = state.status === 'ready' ? state.identity : undefined;
  // A preloaded bundle is checked once, on the first render.
  const [initial] = useState(() => (preloaded ? chosenBundle(preloaded) : undefined));
  const [step, setStep] = useState<Step>(
    initial?.ok ? { kind: 'key', file: initial.value } : { kind: 'choose' },
  );
  const [error, setError] = useState<string | undefined>(
    initial && !initial.ok ? initial.error.message : undefined,
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [passphrase, setPassphrase] = useState('');
  const [ageFile, setAgeFile] = useState<{ name: string; identities: string[] } | undefined>();
  const [resolutions, setResolutions] = useState<Record<string, ConflictResolution>>({});
  // Opening a bundle stops when the dialog closes; storing it does not, and a toast follows it.
  const startTask = useViewTasks();
  const cancel = useRef<AbortController | undefined>(undefined);

  async function choose() {
    setError(undefined);
    const opened = await host.openFiles({
      title: 'Import an encrypted case bundle',
      filters: [{ name: 'Casefile bundle', extensions: ['casefile', 'age'] }],
      maxBytes: MAX_OPEN_FILE_BYTES,
    });
    if (!opened.ok) return setError(opened.error.message);
    const large = opened.value.tooLarge[0];
    if (large) {
      return setError(
        `${large.name} is larger than the ${Math.round(MAX_OPEN_FILE_BYTES / 2 ** 20)} MB this window can open.`,
      );
    }
    const file = opened.value.files[0];
    if (!file) return;
    const chosen = chosenBundle(file);
    if (!chosen.ok) return setError(chosen.error.message);
    setPassphrase('');
    setStep({ kind: 'key', file: chosen.value });
  }

  async function chooseAgeIdentityFile() {
    setError(undefined);
    const opened = await host.openFiles({
      title: 'Choose an age identity file',
      filters: [{ name: 'age identity', extensions: ['txt', 'key', 'age', '*'] }],
      maxBytes: 64 * 1024,
    });
    if (!opened.ok) return setError(opened.error.message);
    const file = opened.value.files[0];
    if (!file) return;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    } catch {
      return setError(`${file.name} is not a text file of age identities.`);
    }
    const identities = await ageIdentitiesFromFile(text);
    if (!identities.ok) return setError(identities.error.message);
    setAgeFile({ name: file.name, identities: identities.value });
  }

  /** The address book's trust in every key it knows (readBundle's lookup is synchronous). */
  async function trustSnapshot(): Promise<Record<string, SignerTrust>> {
    const [own, contacts] = await Promise.all([keyring.identity(), keyring.contacts()]);
    const trusted: Record<string, SignerTrust> = {};
    for (const fingerprint of [own?.fingerprint, ...contacts.map((c) => c.fingerprint)]) {
      if (fingerprint === undefined) continue;
      const trust = await keyring.trustOf(fingerprint);
      if (trust !== undefined) trusted[fingerprint] = trust;
    }
    return trusted;
  }

  async function open(file: ChosenFile) {
    setError(undefined);
    let key: BundleKey;
    if (file.kind === 'scrypt') {
      if (passphrase === '') return setError('Enter the passphrase the bundle was encrypted with.');
      key = { passphrase };
    } else {
      const identities = [
        ...(ageFile?.identities ?? []),
        ...(secrets ? [secrets.ageIdentity] : []),
      ];
      if (identities.length === 0) {
        return setError(
          identity
            ? 'Unlock your identity, or choose an age identity file, to open this bundle.'
            : 'This bundle is encrypted to people’s keys: create or import your identity, or choose an age identity file.',
        );
      }
      key = { identities };
    }
    const controller = new AbortController();
    cancel.current = controller;
    setStep({ kind: 'reading', file, message: 'Opening the bundle…' });
    const trusted = await trustSnapshot();
    // A copy goes to the worker (moved, not cloned); ours stays for a retry after a wrong key.
    const opened = await worker.read(
      file.bytes.slice(),
      key,
      trusted,
      (progress) => setStep({ kind: 'reading', file, message: progress.message }),
      controller.signal,
    );
    cancel.current = undefined;
    if (!opened.ok) {
      setStep({ kind: 'key', file });
      return setError(opened.error.message);
    }
    await planFor(file.name, opened.value, () => setStep({ kind: 'key', file }));
  }

  async function planFor(fileName: string, bundle: OpenedBundle, onFailure: () => void) {
    setStep({ kind: 'planning' });
    const plan = await storage.transfer.plan(bundle.caseData, bundle.originals);
    if (!plan.ok) {
      onFailure();
      return setError(plan.error.message);
    }
    setResolutions({});
    setStep({ kind: 'preview', fileName, bundle, plan: plan.value });
  }

  async function commit(fileName: string, bundle: OpenedBundle, plan: TransferPlan) {
    setError(undefined);
    setNotice(undefined);
    const missing = plan.conflicts.filter((c) => resolutions[c.key] === undefined);
    if (missing.length > 0) {
      return setError(
        `Choose "Keep mine" or "Take theirs" for ${missing.length === 1 ? 'the conflicting record' : `all ${missing.length} conflicting records`} first.`,
      );
    }
    const signer =
      bundle.signer.status === 'valid'
        ? {
            name: bundle.manifest.signer?.name ?? bundle.signer.fingerprint,
            fingerprint: bundle.signer.fingerprint,
            trust: bundle.signer.known,
          }
        : 'unsigned';
    const options: TransferCommitOptions = {
      target: plan.mode,
      ...(plan.mode === 'merge' ? { resolutions } : {}),
      audit: {
        action: 'bundle.imported',
        subject: fileName,
        detail: {
          fileName,
          signer,
          manifestSha256: bundle.manifestSha256,
          bundleSha256: bundle.bundleSha256,
          mode: plan.mode,
          counts: plan.counts,
        },
      },
    };
    setStep({ kind: 'importing', fileName });
    const task = startTask({ title: `Importing ${fileName}`, detail: 'Storing the case…' });
    const outcome = await storage.transfer.commit(bundle.caseData, bundle.originals, plan, options);
    if (outcome.ok) task.succeed(`Imported ${fileName}`, `Case “${bundle.manifest.case.title}”.`);
    else task.fail(`Could not import ${fileName}`, outcome.error.message);
    if (!outcome.ok) {
      if (outcome.error.code === 'transfer.stale') {
        setNotice('The case changed while you were looking: here is the preview again.');
        return planFor(fileName, bundle, () => setStep({ kind: 'choose' }));
      }
      setStep({ kind: 'preview', fileName, bundle, plan });
      return setError(outcome.error.message);
    }
    changed();
    onImported(outcome.value.caseId);
  }

  const footer = (() => {
    const close = (
      <Button
        onClick={() => {
          cancel.current?.abort();
          onClose();
        }}
      >
        {step.kind === 'preview' ? 'Cancel' : 'Close'}
      </Button>
    );
    if (step.kind === 'choose') {
      return (
        <>
          {close}
          <Button variant="primary" disabled={readOnly} onClick={() => void choose()}>
            Choose bundle…
          </Button>
        </>
      );
    }
    if (step.kind === 'key') {
      return (
        <>
          {close}
          <Button variant="primary" onClick={() => void open(step.file)}>
            Open bundle
          </Button>
        </>
      );
    }
    if (step.kind === 'preview') {
      const { fileName, bundle, plan } = step;
      return (
        <>
          {close}
          <Button variant="primary" onClick={() => void commit(fileName, bundle, plan)}>
            {plan.mode === 'new-case' ? 'Import as new case' : 'Import and merge'}
          </Button>
        </>
      );
    }
    return (
      <>
        {step.kind === 'reading' ? (
          <Button onClick={() => cancel.current?.abort()}>Stop</Button>
        ) : null}
      </>
    );
  })();

  return (
    <Dialog
      title="Import encrypted bundle"
      onClose={() => {
        cancel.current?.abort();
        onClose();
      }}
      className="cf-bundle-dialog cf-bundle-dialog--wide"
      footer={footer}
    >
      {readOnly ? (
        <Banner tone="warning">This case database is read-only: nothing can be imported.</Banner>
      ) : null}
      {step.kind === 'choose' ? (
        <p>
          Choose a <code>.casefile</code> bundle. Nothing is written until you have seen what it
          holds and pressed Import.
        </p>
      ) : null}
      {step.kind === 'key' ? (
        <div className="cf-bundle-key">
          <p>
            <strong>{step.file.name}</strong>{' '}
            {step.file.kind === 'scrypt'
              ? 'is protected by a passphrase.'
              : 'is encrypted to people’s keys.'}
          </p>
          {step.file.kind === 'scrypt' ? (
            <TextField
              label="Bundle passphrase"
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void open(step.file);
                }
              }}
            />
          ) : (
            <>
              {identity ? <UnlockFields identity={identity} purpose="to open the bundle" /> : null}
              {identity && secrets ? <p>Your identity ({identity.name}) is ready.</p> : null}
              <div className="cf-file-choice">
                <Button onClick={() => void chooseAgeIdentityFile()}>
                  Use an age identity file…
                </Button>
                <span className="cf-muted">
                  {ageFile
                    ? `${ageFile.name}: ${ageFile.identities.length} ${ageFile.identities.length === 1 ? 'identity' : 'identities'}`
                    : 'e.g. a key made with age-keygen'}
                </span>
              </div>
            </>
          )}
        </div>
      ) : null}
      {step.kind === 'reading' || step.kind === 'planning' || step.kind === 'importing' ? (
        <div className="cf-bundle-progress" role="status">
          <progress aria-label="Import progress" />
          <span>{PROGRESS_TEXT[step.kind] ?? (step.kind === 'reading' ? step.message : '')}</span>
        </div>
      ) : null}
      {step.kind === 'preview' ? (
        <ImportPreview
          bundle={step.bundle}
          plan={step.plan}
          resolutions={resolutions}
          ownFingerprint={identity?.fingerprint}
          onResolve={(changes) => setResolutions((current) => ({ ...current, ...changes }))}
        />
      ) : null}
      {notice ? <Banner tone="info">{notice}</Banner> : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}
