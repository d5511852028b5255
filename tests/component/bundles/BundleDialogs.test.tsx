import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case, CaseId } from '../../../src/core';
import { generateAgeIdentity } from '../../../src/core/bundle/age';
import { readBundle, writeBundle } from '../../../src/core/bundle/bundle';
import { generateSigningKey } from '../../../src/core/bundle/signature';
import { generateIdentity, wrapSecretsWithPassphrase } from '../../../src/core/identity/identity';
import type { IdentitySecrets, PublicIdentity } from '../../../src/core/identity/types';
import { ExportBundleDialog, ImportBundleDialog } from '../../../src/features/bundles';
import { sha256HexOfBytes } from '../../../src/shared/sha256';
import { dumpDatabase } from '../../unit/db/helpers';
import { addEntity, addSource } from '../entities/harness';
import { anInstallation, bytesOf, renderOn, TEST_WORK_FACTOR, type Installation } from './harness';

const PASSPHRASE = 'correct horse battery';

interface Analyst {
  readonly identity: PublicIdentity;
  readonly secrets: IdentitySecrets;
}

async function anAnalyst(name: string): Promise<Analyst> {
  const generated = await generateIdentity(name);
  if (!generated.ok) throw new Error(generated.error.message);
  return generated.value;
}

/** Stores the analyst's identity on this installation, protected by PASSPHRASE. */
async function install(here: Installation, analyst: Analyst): Promise<void> {
  const wrapped = await wrapSecretsWithPassphrase(analyst.secrets, PASSPHRASE, TEST_WORK_FACTOR);
  if (!wrapped.ok) throw new Error(wrapped.error.message);
  const saved = await here.keyring.saveIdentity({
    ...analyst.identity,
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    secrets: { kind: 'passphrase', bytes: wrapped.value },
  });
  if (!saved.ok) throw new Error(saved.error.message);
}

/** A case with two sources and an entity. */
async function seedCase(here: Installation): Promise<Case> {
  const created = await here.storage.cases.create({
    title: 'Harbour Street',
    marking: 'TLP:AMBER',
  });
  if (!created.ok) throw new Error(created.error.message);
  const caseId = created.value.id;
  await addSource(here.storage, caseId, 'Port memo', 'The ship Aurora docked at pier 4.');
  await addSource(here.storage, caseId, 'Customs log', 'Aurora declared machine parts.');
  await addEntity(here.storage, caseId, { name: 'Aurora', type: 'Vehicle' });
  return (await here.storage.cases.get(caseId)) as Case;
}

let me: Installation;
let okafor: Analyst;
let haddad: Analyst;
beforeEach(async () => {
  me = await anInstallation();
  [okafor, haddad] = await Promise.all([anAnalyst('R. Okafor'), anAnalyst('A. Haddad')]);
});
afterEach(() => me.close());

function openExport(here: Installation, current: Case) {
  const view = renderOn(
    here,
    <ExportBundleDialog current={current} readOnly={false} onClose={() => undefined} />,
  );
  return { ...view, dialog: screen.getByRole('dialog', { name: 'Export encrypted bundle' }) };
}

function openImport(here: Installation) {
  const imported: CaseId[] = [];
  const view = renderOn(
    here,
    <ImportBundleDialog
      readOnly={false}
      onClose={() => undefined}
      onImported={(caseId) => imported.push(caseId)}
    />,
  );
  return {
    ...view,
    imported,
    dialog: screen.getByRole('dialog', { name: 'Import encrypted bundle' }),
  };
}

describe('exporting a bundle', { timeout: 30_000 }, () => {
  it('says what is missing before writing anything', async () => {
    await install(me, okafor);
    const current = await seedCase(me);
    const { user, dialog } = openExport(me, current);
    const exportButton = within(dialog).getByRole('button', { name: 'Export bundle' });

    await user.click(within(dialog).getByLabelText(/Chosen sources/));
    await user.click(exportButton);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose at least one source.');
    await user.click(await within(dialog).findByLabelText('Port memo'));

    await user.click(await within(dialog).findByLabelText(/^Me \(R\. Okafor\)/));
    await user.click(exportButton);
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Choose at least one recipient, or encrypt with a passphrase.',
    );

    await user.click(within(dialog).getByLabelText('Anyone with a passphrase'));
    await user.type(within(dialog).getByLabelText('Bundle passphrase'), 'one thing');
    await user.type(within(dialog).getByLabelText('Bundle passphrase (again)'), 'another');
    await user.click(exportButton);
    expect(
      within(dialog).getAllByText('The two passphrases are not the same.').length,
    ).toBeGreaterThan(0);

    await user.clear(within(dialog).getByLabelText('Bundle passphrase (again)'));
    await user.type(within(dialog).getByLabelText('Bundle passphrase (again)'), 'one thing');
    await user.click(exportButton);
    // Signing is on by default with an identity, and the identity is locked.
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Unlock your identity to sign the bundle, or untick "Sign".',
    );
    expect(me.host.saves).toHaveLength(0);
  });

  it('encrypts to me and a colleague, signs, saves and records it in the audit trail', async () => {
    await install(me, okafor);
    await me.keyring.addContact(haddad.identity, 'Desk 2');
    const current = await seedCase(me);
    const { user, dialog } = openExport(me, current);

    await user.click(await within(dialog).findByLabelText(/A\. Haddad/));
    await user.type(within(dialog).getByLabelText('Identity passphrase'), PASSPHRASE);
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(within(dialog).queryByLabelText('Identity passphrase')).toBeNull());
    await user.click(within(dialog).getByRole('button', { name: 'Export bundle' }));
    await within(dialog).findByText('Saved as Harbour Street.casefile.');

    const saved = bytesOf(me.host.saves[0]);
    expect(me.host.saves[0]?.suggestedName).toBe('Harbour Street.casefile');
    // The colleague opens it with their own key.
    const opened = await readBundle(
      saved,
      { identities: [haddad.secrets.ageIdentity] },
      { sha256Hex: sha256HexOfBytes },
    );
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.caseData.sources).toHaveLength(2);
    expect(opened.value.manifest.encryption).toEqual({
      kind: 'recipients',
      recipients: expect.arrayContaining([
        { name: 'R. Okafor', recipient: okafor.identity.ageRecipient },
        { name: 'A. Haddad', recipient: haddad.identity.ageRecipient },
      ]) as unknown,
    });
    expect(opened.value.manifest.signer).toEqual({
      name: 'R. Okafor',
      fingerprint: okafor.identity.fingerprint,
    });

    const events = await me.storage.audit.list(current.id);
    const exported = events.at(-1);
    expect(exported?.action).toBe('bundle.exported');
    expect(exported?.detail).toMatchObject({
      fileName: 'Harbour Street.casefile',
      scope: 'case',
      signer: okafor.identity.fingerprint,
      sha256: await sha256HexOfBytes(saved),
      recipients: [
        { name: 'R. Okafor', fingerprint: okafor.identity.fingerprint },
        { name: 'A. Haddad', fingerprint: haddad.identity.fingerprint },
      ],
    });
  });
});

describe('exporting chosen sources', { timeout: 30_000 }, () => {
  it('puts only those sources (and what cites them) in an unsigned passphrase bundle', async () => {
    const current = await seedCase(me);
    const { user, dialog } = openExport(me, current);
    // No identity here: nothing to sign with, so signing is off.
    expect(within(dialog).getByLabelText(/^Sign/)).not.toBeChecked();
    await user.click(within(dialog).getByLabelText(/Chosen sources/));
    await user.click(await within(dialog).findByLabelText('Customs log'));
    await user.click(within(dialog).getByLabelText('Anyone with a passphrase'));
    await user.type(within(dialog).getByLabelText('Bundle passphrase'), 'shared secret');
    await user.type(within(dialog).getByLabelText('Bundle passphrase (again)'), 'shared secret');
    await user.click(within(dialog).getByRole('button', { name: 'Export bundle' }));
    await within(dialog).findByText('Saved as Harbour Street.casefile.');

    const opened = await readBundle(
      bytesOf(me.host.saves[0]),
      { passphrase: 'shared secret' },
      { sha256Hex: sha256HexOfBytes },
    );
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.caseData.sources.map((source) => source.title)).toEqual(['Customs log']);
    expect(opened.value.signer).toEqual({ status: 'unsigned' });
    const exported = (await me.storage.audit.list(current.id)).at(-1);
    expect(exported?.detail).toMatchObject({
      recipients: 'passphrase',
      signer: 'unsigned',
      scope: { sourceIds: [opened.value.caseData.sources[0]?.id] },
      counts: { sources: 1 },
    });
  });
});

/** Writes a bundle of `current` on `from` with the export dialog, encrypted to a passphrase. */
async function passphraseBundle(from: Installation, current: Case): Promise<Uint8Array> {
  const { user, dialog, unmount } = openExport(from, current);
  await user.click(within(dialog).getByLabelText('Anyone with a passphrase'));
  await user.type(within(dialog).getByLabelText('Bundle passphrase'), 'shared secret');
  await user.type(within(dialog).getByLabelText('Bundle passphrase (again)'), 'shared secret');
  await user.click(within(dialog).getByRole('button', { name: 'Export bundle' }));
  await within(dialog).findByText(/^Saved as/);
  unmount();
  return bytesOf(from.host.saves.at(-1));
}

describe('importing a bundle', { timeout: 30_000 }, () => {
  it('opens with my identity, previews signer and counts, and imports as a new case', async () => {
    await install(me, okafor);
    await me.keyring.addContact(haddad.identity, '');
    const current = await seedCase(me);
    {
      const { user, dialog, unmount } = openExport(me, current);
      await user.click(await within(dialog).findByLabelText(/A\. Haddad/));
      await user.type(within(dialog).getByLabelText('Identity passphrase'), PASSPHRASE);
      await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
      await waitFor(() =>
        expect(within(dialog).queryByLabelText('Identity passphrase')).toBeNull(),
      );
      await user.click(within(dialog).getByRole('button', { name: 'Export bundle' }));
      await within(dialog).findByText(/^Saved as/);
      unmount();
    }
    const bundle = bytesOf(me.host.saves[0]);

    // A. Haddad's computer: Okafor is in the book, not verified.
    const there = await anInstallation();
    try {
      await install(there, haddad);
      await there.keyring.addContact(okafor.identity, '');
      const { user, dialog, imported } = openImport(there);
      there.host.toOpen.push([{ name: 'Harbour Street.casefile', bytes: bundle }]);
      await user.click(within(dialog).getByRole('button', { name: 'Choose bundle…' }));
      await within(dialog).findByText(/is encrypted to people’s keys/);
      await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Unlock your identity/);
      await user.type(within(dialog).getByLabelText('Identity passphrase'), PASSPHRASE);
      await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
      await within(dialog).findByText(/Your identity \(A\. Haddad\) is ready/);
      await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));

      const details = await within(dialog)
        .findByRole('group', { name: 'Bundle' })
        .catch(() => within(dialog).getByLabelText('Bundle'));
      expect(details).toHaveTextContent('Harbour Street');
      expect(details).toHaveTextContent('TLP:AMBER');
      expect(details).toHaveTextContent('R. Okafor');
      expect(details).toHaveTextContent('Known contact (fingerprint not verified)');
      expect(details).toHaveTextContent('R. Okafor, A. Haddad');
      expect(details).toHaveTextContent(/events, chain intact/);
      const counts = within(dialog).getByRole('table', { name: 'Records' });
      const sourcesRow = within(counts).getByRole('row', { name: /^Sources/ });
      expect(
        within(sourcesRow)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(['2', '0', '0']);

      await user.click(within(dialog).getByRole('button', { name: 'Import as new case' }));
      await waitFor(() => expect(imported).toEqual([current.id]));
      expect(await there.storage.sources.list(current.id)).toHaveLength(2);
      const last = (await there.storage.audit.list(current.id)).at(-1);
      expect(last?.action).toBe('bundle.imported');
      expect(last?.detail).toMatchObject({
        fileName: 'Harbour Street.casefile',
        signer: { name: 'R. Okafor', fingerprint: okafor.identity.fingerprint, trust: 'known' },
      });
    } finally {
      there.close();
    }
  });

  it('refuses a wrong passphrase with the core’s message and changes nothing', async () => {
    const current = await seedCase(me);
    const bundle = await passphraseBundle(me, current);
    const there = await anInstallation();
    try {
      const before = await dumpDatabase(there.storage.db);
      const { user, dialog } = openImport(there);
      there.host.toOpen.push([{ name: 'h.casefile', bytes: bundle }]);
      await user.click(within(dialog).getByRole('button', { name: 'Choose bundle…' }));
      await user.type(await within(dialog).findByLabelText('Bundle passphrase'), 'guess');
      await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'Wrong passphrase: this bundle cannot be opened with it.',
      );
      expect((await dumpDatabase(there.storage.db)).json).toBe(before.json);

      // The file is still at hand: the right passphrase opens it (unsigned, and said so).
      await user.clear(within(dialog).getByLabelText('Bundle passphrase'));
      await user.type(within(dialog).getByLabelText('Bundle passphrase'), 'shared secret');
      await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));
      expect(await within(dialog).findByLabelText('Bundle')).toHaveTextContent(
        'Unsigned: nobody vouches for this bundle',
      );
      expect(within(dialog).getByLabelText('Bundle')).toHaveTextContent('A passphrase');
      expect((await dumpDatabase(there.storage.db)).json).toBe(before.json);
    } finally {
      there.close();
    }
  });

  it('opens with an age-keygen identity file and warns about an unknown signing key', async () => {
    const current = await seedCase(me);
    const extract = await me.storage.transfer.extract(current.id, { kind: 'all' });
    if (!extract.ok) throw new Error(extract.error.message);
    const key = await generateAgeIdentity();
    const stranger = generateSigningKey();
    const written = await writeBundle({
      caseData: extract.value.records,
      originals: extract.value.originals,
      app: { name: 'Casefile', version: 'test' },
      createdAt: '2026-11-22T06:00:00.000Z',
      encryption: { kind: 'recipients', recipients: [key.recipient] },
      signingKey: stranger.secretKey,
      signerName: 'Somebody',
      sha256Hex: sha256HexOfBytes,
    });
    if (!written.ok) throw new Error(written.error.message);

    const there = await anInstallation();
    try {
      const { user, dialog } = openImport(there);
      there.host.toOpen.push([{ name: 'h.casefile', bytes: written.value }]);
      await user.click(within(dialog).getByRole('button', { name: 'Choose bundle…' }));
      await user.click(await within(dialog).findByRole('button', { name: 'Open bundle' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        /create or import your identity, or choose an age identity file/,
      );
      const keyFile = `# created: 2026-11-22T06:00:00Z\n# public key: ${key.recipient}\n${key.identity}\n`;
      there.host.toOpen.push([
        { name: 'key.txt', bytes: new TextEncoder().encode('AGE-SECRET-KEY-1NOTAKEY\n') },
      ]);
      await user.click(within(dialog).getByRole('button', { name: 'Use an age identity file…' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        /Line 1 of the identity file/,
      );
      there.host.toOpen.push([{ name: 'key.txt', bytes: new TextEncoder().encode(keyFile) }]);
      await user.click(within(dialog).getByRole('button', { name: 'Use an age identity file…' }));
      await within(dialog).findByText('key.txt: 1 identity');
      await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));
      const details = await within(dialog).findByLabelText('Bundle');
      expect(details).toHaveTextContent('Somebody');
      expect(details).toHaveTextContent('Unknown key: not in your address book');
      expect(
        within(dialog).getByText(/The signing key is not in your address book/),
      ).toBeInTheDocument();
    } finally {
      there.close();
    }
  });

  it('refuses a file that is not an age file before asking for a key', async () => {
    const { user, dialog } = openImport(me);
    me.host.toOpen.push([{ name: 'notes.casefile', bytes: new TextEncoder().encode('hello') }]);
    await user.click(within(dialog).getByRole('button', { name: 'Choose bundle…' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/age/);
    expect(within(dialog).queryByLabelText('Bundle passphrase')).toBeNull();
  });

  it('lists conflicts with an existing copy and overwrites only what the analyst chooses', async () => {
    const current = await seedCase(me);
    const bundle = await passphraseBundle(me, current);
    // Meanwhile, my copy is edited: the case title now differs from the bundle's.
    const renamed = await me.storage.cases.update(current.id, { title: 'Harbour Street (mine)' });
    expect(renamed.ok).toBe(true);

    const { user, dialog, imported } = openImport(me);
    me.host.toOpen.push([{ name: 'h.casefile', bytes: bundle }]);
    await user.click(within(dialog).getByRole('button', { name: 'Choose bundle…' }));
    await user.type(await within(dialog).findByLabelText('Bundle passphrase'), 'shared secret');
    await user.click(within(dialog).getByRole('button', { name: 'Open bundle' }));
    const conflicts = await within(dialog).findByRole('table', { name: 'Conflicts' });
    expect(within(conflicts).getAllByRole('row').length).toBeGreaterThan(1);

    const before = await dumpDatabase(me.storage.db);
    await user.click(within(dialog).getByRole('button', { name: 'Import and merge' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Keep mine.*Take theirs/);
    expect((await dumpDatabase(me.storage.db)).json).toBe(before.json);

    await user.click(within(dialog).getByRole('button', { name: 'Take theirs for all' }));
    await user.click(within(dialog).getByRole('button', { name: 'Import and merge' }));
    await waitFor(() => expect(imported).toEqual([current.id]));
    expect((await me.storage.cases.get(current.id))?.title).toBe('Harbour Street');
  });
});
