import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodePublicCard,
  decryptIdentityFile,
  encodePublicCard,
  generateIdentity,
} from '../../../src/core/identity/identity';
import type { PublicIdentity, SecretWrapper } from '../../../src/core/identity/types';
import { KeysArea } from '../../../src/features/bundles';
import { ok } from '../../../src/shared/result';
import { anInstallation, bytesOf, renderOn, type Installation } from './harness';

type User = ReturnType<typeof userEvent.setup>;

let here: Installation;
beforeEach(async () => {
  here = await anInstallation();
});
afterEach(() => here.close());

async function createIdentity(user: User, name: string, passphrase: string, repeat = passphrase) {
  await user.click(await screen.findByRole('button', { name: 'Create my identity…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create my identity' });
  if (name) await user.type(within(dialog).getByLabelText('Name'), name);
  if (passphrase) await user.type(within(dialog).getByLabelText('Identity passphrase'), passphrase);
  if (repeat) await user.type(within(dialog).getByLabelText('Identity passphrase (again)'), repeat);
  await user.click(within(dialog).getByRole('button', { name: 'Create identity' }));
  return dialog;
}

async function aColleague(name: string): Promise<PublicIdentity> {
  const generated = await generateIdentity(name);
  if (!generated.ok) throw new Error(generated.error.message);
  return generated.value.identity;
}

// Typing passphrases key by key on a shared machine takes seconds.
describe('the identity', { timeout: 30_000 }, () => {
  it('is created with a passphrase entered twice, after the form says what is missing', async () => {
    const { user } = renderOn(here, <KeysArea />);
    const dialog = await createIdentity(user, '', 'correct horse battery', 'correct horse batterz');
    expect(within(dialog).getByText('Enter your name.')).toBeInTheDocument();
    expect(within(dialog).getByText('The two passphrases are not the same.')).toBeInTheDocument();
    expect(await here.keyring.identity()).toBeUndefined();

    await user.type(within(dialog).getByLabelText('Name'), 'R. Okafor');
    const again = within(dialog).getByLabelText('Identity passphrase (again)');
    await user.clear(again);
    await user.type(again, 'correct horse battery');
    expect(within(dialog).getByText(/^(Fair|Strong)/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create identity' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const stored = await here.keyring.identity();
    expect(stored?.name).toBe('R. Okafor');
    expect(stored?.secrets.kind).toBe('passphrase');
    expect(await screen.findByLabelText('My age recipient')).toHaveTextContent(
      stored?.ageRecipient ?? '-',
    );
    expect(screen.getByLabelText('My signing key fingerprint').textContent).toMatch(
      /^[0-9a-f]{4}( [0-9a-f]{4}){15}$/,
    );
    // Just created: unlocked for the session, until locked.
    expect(screen.getByText('Unlocked for this session')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(screen.getByText('Locked')).toBeInTheDocument();
  });

  it('unlocks only with the right passphrase, showing the core’s message otherwise', async () => {
    const { user } = renderOn(here, <KeysArea />);
    await createIdentity(user, 'R. Okafor', 'correct horse battery');
    await user.click(await screen.findByRole('button', { name: 'Lock' }));
    await user.click(screen.getByRole('button', { name: 'Unlock…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unlock my identity' });
    await user.type(within(dialog).getByLabelText('Identity passphrase'), 'wrong horse');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/passphrase/i);
    await user.clear(within(dialog).getByLabelText('Identity passphrase'));
    await user.type(within(dialog).getByLabelText('Identity passphrase'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Unlocked for this session')).toBeInTheDocument();
  });

  it('exports the public card and an identity file that imports on another computer', async () => {
    const { user, unmount } = renderOn(here, <KeysArea />);
    await createIdentity(user, 'R. Okafor', 'correct horse battery');
    const stored = await here.keyring.identity();

    await user.click(await screen.findByRole('button', { name: 'Export public card…' }));
    await screen.findByText(/Public card saved as R\. Okafor\.casefile-key/);
    const card = decodePublicCard(bytesOf(here.host.saves[0]));
    expect(card.ok && card.value.fingerprint).toBe(stored?.fingerprint);

    await user.click(screen.getByRole('button', { name: 'Export identity file…' }));
    const exportDialog = await screen.findByRole('dialog', { name: 'Export my identity file' });
    await user.click(within(exportDialog).getByRole('button', { name: 'Save identity file' }));
    expect(within(exportDialog).getByText('Enter a passphrase.')).toBeInTheDocument();
    await user.type(within(exportDialog).getByLabelText('File passphrase'), 'a file passphrase');
    await user.type(
      within(exportDialog).getByLabelText('File passphrase (again)'),
      'a file passphrase',
    );
    await user.click(within(exportDialog).getByRole('button', { name: 'Save identity file' }));
    await within(exportDialog).findByText(/Saved as R\. Okafor\.casefile-identity/);
    const file = bytesOf(here.host.saves[1]);
    const content = await decryptIdentityFile(file, 'a file passphrase');
    expect(content.ok && content.value.ageRecipient).toBe(stored?.ageRecipient);
    unmount();

    // Another computer: import it, protected there by its own passphrase.
    const there = await anInstallation();
    try {
      const other = renderOn(there, <KeysArea />);
      await other.user.click(await screen.findByRole('button', { name: 'Import identity file…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Import my identity file' });
      there.host.toOpen.push([{ name: 'R. Okafor.casefile-identity', bytes: file }]);
      await other.user.click(within(dialog).getByRole('button', { name: 'Choose identity file…' }));
      await within(dialog).findByText('R. Okafor.casefile-identity');
      await other.user.type(within(dialog).getByLabelText('File passphrase'), 'not it');
      await other.user.type(within(dialog).getByLabelText('Identity passphrase'), 'second machine');
      await other.user.type(
        within(dialog).getByLabelText('Identity passphrase (again)'),
        'second machine',
      );
      await other.user.click(within(dialog).getByRole('button', { name: 'Import identity' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(/passphrase/i);
      expect(await there.keyring.identity()).toBeUndefined();

      await other.user.clear(within(dialog).getByLabelText('File passphrase'));
      await other.user.type(within(dialog).getByLabelText('File passphrase'), 'a file passphrase');
      await other.user.click(within(dialog).getByRole('button', { name: 'Import identity' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      const imported = await there.keyring.identity();
      expect(imported?.fingerprint).toBe(stored?.fingerprint);
      expect(imported?.secrets.kind).toBe('passphrase');
    } finally {
      there.close();
    }
  });

  it('is protected by the system keychain where the host has one', async () => {
    // A stand-in keychain: wrapping reverses the bytes (the real one is Electron's safeStorage).
    let unwraps = 0;
    const secrets: SecretWrapper = {
      available: () => Promise.resolve(true),
      wrap: (plain) => Promise.resolve(ok(new Uint8Array(plain).reverse())),
      unwrap: (wrapped) => {
        unwraps += 1;
        return Promise.resolve(ok(new Uint8Array(wrapped).reverse()));
      },
    };
    const desktop = { ...here, host: { ...here.host, secrets } };
    const { user } = renderOn(desktop, <KeysArea />);
    await user.click(await screen.findByRole('button', { name: 'Create my identity…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create my identity' });
    await user.type(within(dialog).getByLabelText('Name'), 'R. Okafor');
    expect(await within(dialog).findByLabelText(/The system keychain/)).toBeChecked();
    expect(within(dialog).queryByLabelText('Identity passphrase')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Create identity' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await here.keyring.identity())?.secrets.kind).toBe('safeStorage');
    expect(
      await screen.findByText('Protected by the system keychain', { exact: false }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await user.click(screen.getByRole('button', { name: 'Unlock…' }));
    const unlock = await screen.findByRole('dialog', { name: 'Unlock my identity' });
    await user.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    await screen.findByText('Unlocked for this session');
    expect(unwraps).toBe(1);
  });

  it('is deleted only after confirming', async () => {
    const { user } = renderOn(here, <KeysArea />);
    await createIdentity(user, 'R. Okafor', 'correct horse battery');
    await user.click(await screen.findByRole('button', { name: 'Delete identity…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete my identity?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await here.keyring.identity()).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Delete identity…' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Delete identity',
      }),
    );
    await screen.findByRole('button', { name: 'Create my identity…' });
    expect(await here.keyring.identity()).toBeUndefined();
  });
});

describe('the address book', { timeout: 30_000 }, () => {
  it('adds a colleague from a pasted recipient and from a card file, refusing a duplicate', async () => {
    const { user } = renderOn(here, <KeysArea />);
    const amira = await aColleague('A. Haddad');
    const tomas = await aColleague('T. Novak');

    await user.click(await screen.findByRole('button', { name: 'Add colleague…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Add a colleague' });
    await user.click(within(dialog).getByRole('button', { name: 'Add to address book' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/Choose their public card/);
    await user.type(within(dialog).getByLabelText('Public card or age recipient'), 'age1nonsense');
    await user.tab();
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Public card or age recipient'));
    await user.type(
      within(dialog).getByLabelText('Public card or age recipient'),
      amira.ageRecipient,
    );
    await user.type(within(dialog).getByLabelText('Name'), 'Amira');
    await user.type(within(dialog).getByLabelText('Note'), 'Desk 2');
    await user.click(within(dialog).getByRole('button', { name: 'Add to address book' }));
    const table = await screen.findByRole('table', { name: 'Colleagues' });
    expect(within(table).getByRole('rowheader', { name: 'Amira' })).toBeInTheDocument();
    expect(within(table).getByText('no signing key')).toBeInTheDocument();

    // From T. Novak's card file: name and fingerprint come with it.
    await user.click(screen.getByRole('button', { name: 'Add colleague…' }));
    dialog = await screen.findByRole('dialog', { name: 'Add a colleague' });
    here.host.toOpen.push([{ name: 'T. Novak.casefile-key', bytes: encodePublicCard(tomas) }]);
    await user.click(within(dialog).getByRole('button', { name: 'Choose public card file…' }));
    expect(await within(dialog).findByLabelText('Name')).toHaveValue('T. Novak');
    expect(within(dialog).getByText(tomas.fingerprint)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add to address book' }));
    await within(table).findByRole('rowheader', { name: 'T. Novak' });

    // The same recipient again: the keyring's message, naming the entry.
    await user.click(screen.getByRole('button', { name: 'Add colleague…' }));
    dialog = await screen.findByRole('dialog', { name: 'Add a colleague' });
    await user.type(
      within(dialog).getByLabelText('Public card or age recipient'),
      amira.ageRecipient,
    );
    await user.type(within(dialog).getByLabelText('Name'), 'Amira again');
    await user.click(within(dialog).getByRole('button', { name: 'Add to address book' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '"Amira" in the address book already has this recipient.',
    );
    expect(await here.keyring.contacts()).toHaveLength(2);
  });

  it('edits, verifies after showing the fingerprint big, and removes a colleague', async () => {
    const tomas = await aColleague('T. Novak');
    const added = await here.keyring.addContact(tomas, '');
    expect(added.ok).toBe(true);
    const { user } = renderOn(here, <KeysArea />);

    await user.click(await screen.findByRole('button', { name: 'Edit T. Novak' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit T. Novak' });
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Tomas Novak');
    await user.type(within(dialog).getByLabelText('Note'), 'Prague office');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByRole('rowheader', { name: 'Tomas Novak' });
    expect(screen.getByText('Prague office')).toBeInTheDocument();
    expect(screen.getByText('Not verified')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verify Tomas Novak' }));
    dialog = await screen.findByRole('dialog', { name: 'Verify Tomas Novak' });
    expect(within(dialog).getByLabelText('Tomas Novak’s fingerprint')).toHaveTextContent(
      tomas.fingerprint,
    );
    await user.click(within(dialog).getByRole('button', { name: 'They match: mark verified' }));
    await screen.findByText('✓ Verified');
    expect((await here.keyring.contacts())[0]?.trust).toBe('verified');

    await user.click(screen.getByRole('button', { name: 'Remove Tomas Novak' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }),
    );
    await screen.findByText(/No colleagues yet/);
    expect(await here.keyring.contacts()).toHaveLength(0);
  });
});
