import { useState } from 'react';
import { decodePublicCard, parseRecipientInput } from '../../core/identity/identity';
import type { Contact, PublicIdentity } from '../../core/identity/types';
import type { Result } from '../../shared/result';
import { Banner, Button, Dialog, TextArea, TextField } from '../../ui';
import { useServices } from '../services';
import { groupedFingerprint } from './format';
import { useKeyring } from './KeyringContext';

type Found =
  | { readonly kind: 'card'; readonly identity: PublicIdentity }
  | { readonly kind: 'recipient'; readonly ageRecipient: string };

/**
 * "Add a colleague": from their public card file (`.casefile-key`) or pasted text (the card's
 * JSON or a bare `age1…` recipient). The keyring refuses duplicates with its own message.
 */
export function AddContactDialog({ onClose }: { readonly onClose: () => void }) {
  const { host } = useServices();
  const { keyring, reload } = useKeyring();
  const [pasted, setPasted] = useState('');
  const [found, setFound] = useState<Found | undefined>(undefined);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  function showFound(result: Result<Found>) {
    if (!result.ok) {
      setFound(undefined);
      setError(result.error.message);
      return;
    }
    setError(undefined);
    setFound(result.value);
    if (result.value.kind === 'card') setName(result.value.identity.name);
  }

  async function chooseCard() {
    const opened = await host.openFiles({
      title: 'Add a colleague from their public card',
      filters: [{ name: 'Casefile public card', extensions: ['casefile-key', 'json'] }],
      maxBytes: 64 * 1024,
    });
    if (!opened.ok) return setError(opened.error.message);
    if (opened.value.tooLarge.length > 0) {
      return setError(
        `${opened.value.tooLarge[0]?.name ?? 'The file'} is too large to be a public card.`,
      );
    }
    const file = opened.value.files[0];
    if (!file) return;
    const card = decodePublicCard(file.bytes);
    showFound(card.ok ? { ok: true, value: { kind: 'card', identity: card.value } } : card);
  }

  async function add() {
    const input = found ?? (pasted.trim() === '' ? undefined : readPasted());
    if (!input) {
      setError('Choose their public card, or paste it or their age1… recipient.');
      return;
    }
    if (name.trim() === '') {
      setError('Enter the colleague’s name.');
      return;
    }
    setBusy(true);
    const contact =
      input.kind === 'card'
        ? { ...input.identity, name }
        : { name, ageRecipient: input.ageRecipient };
    const added = await keyring.addContact(contact, note);
    setBusy(false);
    if (!added.ok) return setError(added.error.message);
    reload();
    onClose();
  }

  function readPasted(): Found | undefined {
    const parsed = parseRecipientInput(pasted);
    showFound(parsed);
    return parsed.ok ? parsed.value : undefined;
  }

  return (
    <Dialog
      title="Add a colleague"
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void add()}>
            Add to address book
          </Button>
        </>
      }
    >
      <div className="cf-file-choice">
        <Button onClick={() => void chooseCard()}>Choose public card file…</Button>
        <span className="cf-muted">or paste it below</span>
      </div>
      <TextArea
        label="Public card or age recipient"
        hint="The text of their .casefile-key file, or their age1… recipient."
        rows={3}
        value={pasted}
        spellCheck={false}
        onChange={(e) => {
          setPasted(e.target.value);
          setFound(undefined);
        }}
        onBlur={() => {
          if (pasted.trim() !== '') readPasted();
        }}
      />
      {found ? (
        <dl className="cf-details cf-key-details" aria-label="Key found">
          <dt>Recipient</dt>
          <dd className="cf-mono">
            {found.kind === 'card' ? found.identity.ageRecipient : found.ageRecipient}
          </dd>
          <dt>Signing key</dt>
          <dd className="cf-mono">
            {found.kind === 'card' ? (
              groupedFingerprint(found.identity.fingerprint)
            ) : (
              <span className="cf-muted">
                None: bundles they sign will show as from an unknown key.
              </span>
            )}
          </dd>
        </dl>
      ) : null}
      <TextField
        label="Name"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label="Note"
        hint="Optional, e.g. their unit or how to reach them."
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}

/** Rename a colleague or change the note. */
export function EditContactDialog({
  contact,
  onClose,
}: {
  readonly contact: Contact;
  readonly onClose: () => void;
}) {
  const { keyring, reload } = useKeyring();
  const [name, setName] = useState(contact.name);
  const [note, setNote] = useState(contact.note);
  const [error, setError] = useState<string | undefined>(undefined);

  async function save() {
    const updated = await keyring.updateContact(contact.id, { name, note });
    if (!updated.ok) return setError(updated.error.message);
    reload();
    onClose();
  }

  return (
    <Dialog
      title={`Edit ${contact.name}`}
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={() => void save()}>
            Save
          </Button>
        </>
      }
    >
      <TextField
        label="Name"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}

/**
 * Marks a colleague verified once the analyst has compared the fingerprint with them out of
 * band (in person, by phone): shown big, in groups of 4, to read aloud.
 */
export function VerifyContactDialog({
  contact,
  onClose,
}: {
  readonly contact: Contact;
  readonly onClose: () => void;
}) {
  const { keyring, reload } = useKeyring();
  const [error, setError] = useState<string | undefined>(undefined);
  const verified = contact.trust === 'verified';
  const what = contact.fingerprint ? 'fingerprint' : 'recipient';

  async function mark(trust: 'verified' | 'unverified') {
    const updated = await keyring.updateContact(contact.id, { trust });
    if (!updated.ok) return setError(updated.error.message);
    reload();
    onClose();
  }

  return (
    <Dialog
      title={`Verify ${contact.name}`}
      onClose={onClose}
      className="cf-keys-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {verified ? (
            <Button onClick={() => void mark('unverified')}>Mark as not verified</Button>
          ) : (
            <Button variant="primary" onClick={() => void mark('verified')}>
              They match: mark verified
            </Button>
          )}
        </>
      }
    >
      <p>
        Ask {contact.name} to read their {what} to you in person or over the phone (not by the same
        channel the key came through), and compare it with this one:
      </p>
      <p className="cf-fingerprint-big" aria-label={`${contact.name}’s ${what}`}>
        {contact.fingerprint ? groupedFingerprint(contact.fingerprint) : contact.ageRecipient}
      </p>
      <p className="cf-muted">
        Bundles signed by a verified colleague show as trusted when you import them.
      </p>
      {error ? <Banner tone="error">{error}</Banner> : null}
    </Dialog>
  );
}
