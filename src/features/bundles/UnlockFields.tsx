import { useState } from 'react';
import type { IdentitySecrets, StoredIdentity } from '../../core/identity/types';
import { Button, TextField } from '../../ui';
import { useKeyring } from './KeyringContext';

/**
 * Asks for what unlocks the identity (its passphrase, or the OS keychain) when the secrets are
 * needed and not yet held for this session. Renders nothing once unlocked.
 */
export function UnlockFields({
  identity,
  purpose,
  onUnlocked,
}: {
  readonly identity: StoredIdentity;
  /** What the secrets are needed for, e.g. "to sign the bundle". */
  readonly purpose: string;
  readonly onUnlocked?: (secrets: IdentitySecrets) => void;
}) {
  const { secrets, unlock } = useKeyring();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (secrets) return null;
  const keychain = identity.secrets.kind === 'safeStorage';

  async function submit() {
    setBusy(true);
    setError(undefined);
    const unlocked = await unlock(keychain ? undefined : passphrase);
    setBusy(false);
    if (!unlocked.ok) setError(unlocked.error.message);
    else onUnlocked?.(unlocked.value);
  }

  return (
    <div className="cf-unlock" role="group" aria-label="Unlock your identity">
      {keychain ? (
        <p>Your keys are locked. Unlock them with the system keychain {purpose}.</p>
      ) : (
        <TextField
          label="Identity passphrase"
          type="password"
          autoComplete="current-password"
          hint={`Your keys are locked; the passphrase unlocks them ${purpose}, for this session.`}
          value={passphrase}
          error={error}
          disabled={busy}
          onChange={(e) => setPassphrase(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void submit();
            }
          }}
        />
      )}
      {keychain && error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
      <Button onClick={() => void submit()} disabled={busy}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </Button>
    </div>
  );
}
