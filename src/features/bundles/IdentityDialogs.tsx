import { useEffect, useId, useState } from 'react';
import {
  generateIdentity,
  IDENTITY_FILE_EXTENSION,
  identityFileContent,
  publicIdentityOf,
} from '../../core/identity/identity';
import type {
  IdentitySecrets,
  PublicIdentity,
  StoredIdentity,
  WrappedSecrets,
} from '../../core/identity/types';
import { encodeSecrets } from '../../core/identity/identity';
import { err, ok, type Result } from '../../shared/result';
import { Banner, Button, Dialog, TextField } from '../../ui';
import { useServices } from '../services';
import { keyFileName, savableBytes } from './format';
import { useKeyring } from './KeyringContext';
import {
  EMPTY_PAIR,
  PassphraseFields,
  passphrasePairProblem,
  type PassphrasePair,
} from './PassphraseFields';
import { UnlockFields } from './UnlockFields';

type Protection = 'keychain' | 'passphrase';

/** Whether this host can wrap secrets with the OS keychain (desktop); false until known. */
function useKeychainAvailable(): boolean {
  const { host } = useServices();
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    host.secrets.available().then(
      (yes) => live && setAvailable(yes),
      () => live && setAvailable(false),
    );
    return () => {
      live = false;
    };
  }, [host]);
  return available;
}

/** The keychain choice (when there is one) and the passphrase fields it replaces. */
function ProtectionFields({
  keychain,
  protection,
  onProtection,
  pair,
  onPair,
  showErrors,
}: {
  readonly keychain: boolean;
  readonly protection: Protection;
  readonly onProtection: (protection: Protection) => void;
  readonly pair: PassphrasePair;
  readonly onPair: (pair: PassphrasePair) => void;
  readonly showErrors: boolean;
}) {
  const groupId = useId();
  return (
    <>
      {keychain ? (
        <div role="radiogroup" aria-labelledby={`${groupId}-label`} className="cf-choices">
          <p id={`${groupId}-label`} className="cf-choices__label">
            Protect my secret keys on this computer with
          </p>
          <label>
            <input
              type="radio"
              name={`${groupId}-protection`}
              checked={protection === 'keychain'}
              onChange={() => onProtection('keychain')}
            />{' '}
            The system keychain (unlocked with my computer login)
          </label>
          <label>
            <input
              type="radio"
              name={`${groupId}-protection`}
              checked={protection === 'passphrase'}
              onChange={() => onProtection('passphrase')}
            />{' '}
            A passphrase I enter when signing or opening bundles
          </label>
        </div>
      ) : (
        <p className="cf-muted">
          Your secret keys are kept in this browser, encrypted with a passphrase you enter when
          signing or opening bundles. Nobody can recover it for you.
        </p>
      )}
      {protection === 'passphrase' || !keychain ? (
        <PassphraseFields
          label="Identity passphrase"
          value={pair}
          onChange={onPair}
          showErrors={showErrors}
        />
      ) : null}
    </>
  );
}

/** Wraps the secrets as chosen; the passphrase path runs scrypt in the worker. */
function useWrapSecrets() {
  const { host } = useServices();
  const { worker } = useKeyring();
  return async (
    secrets: IdentitySecrets,
    protection: Protection,
    passphrase: string,
  ): Promise<Result<WrappedSecrets>> => {
    if (protection === 'keychain') {
      const wrapped = await host.secrets.wrap(encodeSecrets(secrets));
      return wrapped.ok ? ok({ kind: 'safeStorage', bytes: wrapped.value }) : wrapped;
    }
    const wrapped = await worker.wrapSecrets(secrets, passphrase);
    return wrapped.ok ? ok({ kind: 'passphrase', bytes: wrapped.value }) : wrapped;
  };
}

/** How a dialog protects the secrets it stores: the choice, its fields and the wrapping. */
function useProtection() {
  const keychain = useKeychainAvailable();
  const wrapWith = useWrapSecrets();
  const [chosen, setChosen] = useState<Protection | undefined>(undefined);
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PAIR);
  // The keychain when there is one, unless the analyst chose a passphrase.
  const protection = chosen ?? (keychain ? 'keychain' : 'passphrase');
  return {
    fields: { keychain, protection, onProtection: setChosen, pair, onPair: setPair },
    /** Why the chosen protection cannot be used yet (the passphrase pair), if it cannot. */
    problem: protection === 'passphrase' ? passphrasePairProblem(pair) : undefined,
    wrap: (secrets: IdentitySecrets) => wrapWith(secrets, protection, pair.passphrase),
  };
}

function storedIdentity(
  identity: PublicIdentity,
  secrets: WrappedSecrets,
  createdAt: string,
): StoredIdentity {
  return { ...identity, id: crypto.randomUUID(), createdAt, secrets };
}

/** "Create my identity": a name, how the secrets are protected, then a fresh key pair. */
export function CreateIdentityDialog({ onClose }: { readonly onClose: () => void }) {
  const { keyring, reload, remember } = useKeyring();
  const protection = useProtection();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function create() {
    setTried(true);
    setError(undefined);
    if (name.trim() === '') return;
    if (protection.problem !== undefined) return;
    setBusy(true);
    const generated = await generateIdentity(name);
    const wrapped = generated.ok ? await protection.wrap(generated.value.secrets) : generated;
    const saved =
      generated.ok && wrapped.ok
        ? await keyring.saveIdentity(
            storedIdentity(generated.value.identity, wrapped.value, new Date().toISOString()),
          )
        : wrapped;
    setBusy(false);
    if (!saved.ok || !generated.ok) {
      setError(saved.ok ? 'The identity could not be created.' : saved.error.message);
      return;
    }
    remember(generated.value.secrets);
    reload();
    onClose();
  }

  return (
    <Dialog
      title="Create my identity"
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void create()}>
            {busy ? 'Creating…' : 'Create identity'}
          </Button>
        </>
      }
    >
      <p>
        Your identity is a key pair: colleagues encrypt bundles to its public half, and the bundles
        you export are signed with it.
      </p>
      <TextField
        label="Name"
        hint="How colleagues will see you, e.g. R. Okafor (Desk 3)."
        value={name}
        maxLength={200}
        error={tried && name.trim() === '' ? 'Enter your name.' : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <ProtectionFields {...protection.fields} showErrors={tried} />
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}

/** "Export my identity file": the secrets, encrypted with a passphrase, for a backup or a move. */
export function ExportIdentityDialog({
  identity,
  onClose,
}: {
  readonly identity: StoredIdentity;
  readonly onClose: () => void;
}) {
  const { host } = useServices();
  const { worker, secrets } = useKeyring();
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PAIR);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; message: string } | undefined>();

  async function save() {
    setTried(true);
    setStatus(undefined);
    if (!secrets || passphrasePairProblem(pair) !== undefined) return;
    setBusy(true);
    const content = identityFileContent(identity, secrets, identity.createdAt);
    const file = await worker.writeIdentityFile(content, pair.passphrase);
    const saved = file.ok
      ? await host.saveFile({
          suggestedName: keyFileName(identity.name, IDENTITY_FILE_EXTENSION),
          bytes: savableBytes(file.value),
        })
      : file;
    setBusy(false);
    if (!saved.ok) setStatus({ tone: 'error', message: saved.error.message });
    else if (saved.value.canceled) setStatus({ tone: 'info', message: 'Not saved: cancelled.' });
    else {
      setStatus({
        tone: 'info',
        message: `Saved as ${saved.value.fileName ?? 'the identity file'}. Keep it and its passphrase apart.`,
      });
    }
  }

  return (
    <Dialog
      title="Export my identity file"
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" disabled={busy || !secrets} onClick={() => void save()}>
            {busy ? 'Encrypting…' : 'Save identity file'}
          </Button>
        </>
      }
    >
      <p>
        The identity file holds your <strong>secret</strong> keys, encrypted with the passphrase
        below. Use it to back up your identity or to move it to another computer.
      </p>
      <UnlockFields identity={identity} purpose="to export them" />
      <PassphraseFields
        label="File passphrase"
        value={pair}
        onChange={setPair}
        showErrors={tried}
        disabled={!secrets}
      />
      {status ? <Banner tone={status.tone}>{status.message}</Banner> : null}
    </Dialog>
  );
}

/**
 * "Import an identity file": a `.casefile-identity` and its passphrase; the secrets are then
 * protected on this computer as for a new identity. Replacing an existing one is asked for.
 */
export function ImportIdentityDialog({
  existing,
  onClose,
}: {
  readonly existing: StoredIdentity | undefined;
  readonly onClose: () => void;
}) {
  const { host } = useServices();
  const { keyring, worker, reload, remember } = useKeyring();
  const protection = useProtection();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | undefined>(undefined);
  const [filePassphrase, setFilePassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function choose() {
    setError(undefined);
    const opened = await host.openFiles({
      title: 'Import an identity file',
      filters: [
        { name: 'Casefile identity', extensions: ['casefile-identity'] },
        { name: 'All files (age-keygen identities)', extensions: ['*'] },
      ],
      maxBytes: 64 * 1024,
    });
    if (!opened.ok) setError(opened.error.message);
    else if (opened.value.tooLarge.length > 0) {
      setError(
        `${opened.value.tooLarge[0]?.name ?? 'The file'} is too large to be an identity file.`,
      );
    } else if (opened.value.files[0]) setFile(opened.value.files[0]);
  }

  async function importIdentity() {
    setTried(true);
    setError(undefined);
    if (!file) {
      setError('Choose the identity file first.');
      return;
    }
    if (filePassphrase === '') return;
    if (protection.problem !== undefined) return;
    if (existing && !replace) {
      setError(
        'You already have an identity: tick "Replace my identity" to import this one instead.',
      );
      return;
    }
    setBusy(true);
    const result = await (async (): Promise<Result<IdentitySecrets>> => {
      const content = await worker.readIdentityFile(file.bytes.slice(), filePassphrase);
      if (!content.ok) return content;
      const { ageIdentity, signingSecretKey } = content.value;
      const secrets: IdentitySecrets = { ageIdentity, signingSecretKey };
      const identity = await publicIdentityOf(content.value.name, secrets);
      if (!identity.ok) return identity;
      const wrapped = await protection.wrap(secrets);
      if (!wrapped.ok) return wrapped;
      const saved = await keyring.saveIdentity(
        storedIdentity(identity.value, wrapped.value, content.value.createdAt),
        existing !== undefined,
      );
      return saved.ok ? ok(secrets) : saved;
    })().catch((e: unknown) =>
      err<never>('identity.importFailed', e instanceof Error ? e.message : String(e)),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    remember(result.value);
    reload();
    onClose();
  }

  return (
    <Dialog
      title={existing ? 'Replace my identity from a file' : 'Import my identity file'}
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void importIdentity()}>
            {busy ? 'Importing…' : 'Import identity'}
          </Button>
        </>
      }
    >
      <div className="cf-file-choice">
        <Button onClick={() => void choose()}>Choose identity file…</Button>
        <span>{file ? file.name : <span className="cf-muted">No file chosen.</span>}</span>
      </div>
      <TextField
        label="File passphrase"
        type="password"
        autoComplete="off"
        hint="The passphrase the identity file was saved with."
        value={filePassphrase}
        error={tried && filePassphrase === '' ? 'Enter the file’s passphrase.' : undefined}
        onChange={(e) => setFilePassphrase(e.target.value)}
      />
      <ProtectionFields {...protection.fields} showErrors={tried} />
      {existing ? (
        <label className="cf-check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />{' '}
          Replace my identity ({existing.name}). Bundles encrypted only to the old one can no longer
          be opened here.
        </label>
      ) : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}
