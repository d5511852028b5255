import { useState } from 'react';
import { encodePublicCard, PUBLIC_CARD_EXTENSION } from '../../core/identity/identity';
import type { Contact, StoredIdentity } from '../../core/identity/types';
import { Banner, Button, ConfirmDialog, Dialog } from '../../ui';
import { useServices } from '../services';
import { AddContactDialog, EditContactDialog, VerifyContactDialog } from './ContactDialogs';
import { CopyButton } from './CopyButton';
import { groupedFingerprint, keyFileName, savableBytes, shortRecipient } from './format';
import {
  CreateIdentityDialog,
  ExportIdentityDialog,
  ImportIdentityDialog,
} from './IdentityDialogs';
import { useKeyring } from './KeyringContext';
import { UnlockFields } from './UnlockFields';

type OpenDialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'create' }
  | { readonly kind: 'export-identity'; readonly identity: StoredIdentity }
  | { readonly kind: 'import-identity' }
  | { readonly kind: 'delete-identity'; readonly identity: StoredIdentity }
  | { readonly kind: 'unlock'; readonly identity: StoredIdentity }
  | { readonly kind: 'add-contact' }
  | { readonly kind: 'edit-contact'; readonly contact: Contact }
  | { readonly kind: 'verify-contact'; readonly contact: Contact }
  | { readonly kind: 'remove-contact'; readonly contact: Contact };

/**
 * "Identity and address book" (`#/keys`): the analyst's own identity (create, show, export the
 * public card or the identity file, import, delete, lock) and colleagues' public keys.
 */
export function KeysArea() {
  const { host } = useServices();
  const { keyring, state, reload, secrets, lock } = useKeyring();
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; message: string } | undefined>();
  const close = () => setDialog({ kind: 'none' });

  async function exportCard(identity: StoredIdentity) {
    setStatus(undefined);
    const saved = await host.saveFile({
      suggestedName: keyFileName(identity.name, PUBLIC_CARD_EXTENSION),
      bytes: savableBytes(encodePublicCard(identity)),
    });
    if (!saved.ok) setStatus({ tone: 'error', message: saved.error.message });
    else if (!saved.value.canceled) {
      setStatus({
        tone: 'info',
        message: `Public card saved as ${saved.value.fileName ?? 'a file'}. Give it to colleagues so they can add you.`,
      });
    }
  }

  if (state.status === 'loading') return <p role="status">Loading your keys…</p>;
  if (state.status === 'failed') return <Banner tone="error">{state.message}</Banner>;
  const { identity, contacts } = state;

  return (
    <section className="cf-page cf-keys" aria-labelledby="keys-heading">
      <header className="cf-page__header">
        <h1 id="keys-heading">Identity and address book</h1>
      </header>
      {status ? <Banner tone={status.tone}>{status.message}</Banner> : null}

      <section aria-labelledby="my-identity-heading" className="cf-keys__section">
        <h2 id="my-identity-heading">My identity</h2>
        {identity ? (
          <>
            <dl className="cf-details cf-key-details">
              <dt>Name</dt>
              <dd>{identity.name}</dd>
              <dt>Age recipient</dt>
              <dd>
                <code className="cf-mono cf-key-value" aria-label="My age recipient">
                  {identity.ageRecipient}
                </code>
                <CopyButton text={identity.ageRecipient} label="Copy my age recipient" />
              </dd>
              <dt>Signing key fingerprint</dt>
              <dd>
                <code className="cf-mono cf-key-value" aria-label="My signing key fingerprint">
                  {groupedFingerprint(identity.fingerprint)}
                </code>
                <CopyButton
                  text={groupedFingerprint(identity.fingerprint)}
                  label="Copy my fingerprint"
                />
              </dd>
              <dt>Secret keys</dt>
              <dd>
                {identity.secrets.kind === 'safeStorage'
                  ? 'Protected by the system keychain'
                  : 'Protected by my passphrase'}
                {' · '}
                <strong>{secrets ? 'Unlocked for this session' : 'Locked'}</strong>{' '}
                {secrets ? (
                  <Button variant="ghost" onClick={lock}>
                    Lock
                  </Button>
                ) : (
                  <Button variant="ghost" onClick={() => setDialog({ kind: 'unlock', identity })}>
                    Unlock…
                  </Button>
                )}
              </dd>
            </dl>
            <div className="cf-page__actions">
              <Button onClick={() => void exportCard(identity)}>Export public card…</Button>
              <Button onClick={() => setDialog({ kind: 'export-identity', identity })}>
                Export identity file…
              </Button>
              <Button onClick={() => setDialog({ kind: 'import-identity' })}>
                Replace from identity file…
              </Button>
              <Button
                variant="danger"
                onClick={() => setDialog({ kind: 'delete-identity', identity })}
              >
                Delete identity…
              </Button>
            </div>
          </>
        ) : (
          <div className="cf-empty">
            <p>
              You have no identity yet. With one, colleagues can encrypt case bundles to you and you
              can sign the bundles you export.
            </p>
            <div className="cf-page__actions">
              <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
                Create my identity…
              </Button>
              <Button onClick={() => setDialog({ kind: 'import-identity' })}>
                Import identity file…
              </Button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="address-book-heading" className="cf-keys__section">
        <header className="cf-page__header">
          <h2 id="address-book-heading">Address book</h2>
          <div className="cf-page__actions">
            <Button variant="primary" onClick={() => setDialog({ kind: 'add-contact' })}>
              Add colleague…
            </Button>
          </div>
        </header>
        {contacts.length === 0 ? (
          <p className="cf-muted">
            No colleagues yet. Add one from their public card (.casefile-key) or their age1…
            recipient to encrypt bundles to them.
          </p>
        ) : (
          <table className="cf-table" aria-label="Colleagues">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Recipient</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Trust</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="cf-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((contact) => (
                <tr key={contact.id}>
                  <th scope="row">{contact.name}</th>
                  <td className="cf-mono" title={contact.ageRecipient}>
                    {shortRecipient(contact.ageRecipient)}
                  </td>
                  <td className="cf-mono cf-key-fingerprint">
                    {contact.fingerprint ? (
                      groupedFingerprint(contact.fingerprint)
                    ) : (
                      <span className="cf-muted">no signing key</span>
                    )}
                  </td>
                  <td>
                    {contact.trust === 'verified' ? (
                      <span className="cf-trust cf-trust--verified">✓ Verified</span>
                    ) : (
                      <span className="cf-trust">Not verified</span>
                    )}
                  </td>
                  <td>{contact.note}</td>
                  <td className="cf-row-actions">
                    <Button
                      variant="ghost"
                      aria-label={`Verify ${contact.name}`}
                      onClick={() => setDialog({ kind: 'verify-contact', contact })}
                    >
                      Verify…
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Edit ${contact.name}`}
                      onClick={() => setDialog({ kind: 'edit-contact', contact })}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Remove ${contact.name}`}
                      onClick={() => setDialog({ kind: 'remove-contact', contact })}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {dialog.kind === 'create' ? <CreateIdentityDialog onClose={close} /> : null}
      {dialog.kind === 'export-identity' ? (
        <ExportIdentityDialog identity={dialog.identity} onClose={close} />
      ) : null}
      {dialog.kind === 'import-identity' ? (
        <ImportIdentityDialog existing={identity} onClose={close} />
      ) : null}
      {dialog.kind === 'unlock' ? (
        <UnlockDialog identity={dialog.identity} onClose={close} />
      ) : null}
      {dialog.kind === 'delete-identity' ? (
        <ConfirmDialog
          title="Delete my identity?"
          confirmLabel="Delete identity"
          onClose={close}
          onConfirm={async () => {
            const deleted = await keyring.deleteIdentity();
            if (!deleted.ok) return deleted.error.message;
            lock();
            reload();
            close();
            return null;
          }}
        >
          <p>
            Bundles encrypted to {dialog.identity.name} can no longer be opened on this computer
            unless you import the identity file again. Export it first if you have no copy.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog.kind === 'add-contact' ? <AddContactDialog onClose={close} /> : null}
      {dialog.kind === 'edit-contact' ? (
        <EditContactDialog contact={dialog.contact} onClose={close} />
      ) : null}
      {dialog.kind === 'verify-contact' ? (
        <VerifyContactDialog contact={dialog.contact} onClose={close} />
      ) : null}
      {dialog.kind === 'remove-contact' ? (
        <ConfirmDialog
          title={`Remove ${dialog.contact.name}?`}
          confirmLabel="Remove"
          onClose={close}
          onConfirm={async () => {
            const removed = await keyring.removeContact(dialog.contact.id);
            if (!removed.ok) return removed.error.message;
            reload();
            close();
            return null;
          }}
        >
          <p>
            You will no longer be able to encrypt bundles to {dialog.contact.name}, and bundles they
            sign will show as from an unknown key.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function UnlockDialog({
  identity,
  onClose,
}: {
  readonly identity: StoredIdentity;
  readonly onClose: () => void;
}) {
  return (
    <Dialog
      title="Unlock my identity"
      onClose={onClose}
      className="cf-keys-dialog"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <UnlockFields
        identity={identity}
        purpose="for signing and opening bundles"
        onUnlocked={onClose}
      />
    </Dialog>
  );
}
