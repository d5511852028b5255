import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateIdentity } from '../../../src/core/identity/identity';
import { readBundle } from '../../../src/core/bundle/bundle';
import type { CaseId } from '../../../src/core';
import { openBackupStore, type BackupStore } from '../../../src/db/backupStore';
import { sha256BytesHex } from '../../../src/db/hash';
import { BackupsArea, BackupsProvider } from '../../../src/features/backups';
import { anInstallation, bytesOf, renderOn, type Installation } from '../bundles/harness';

let here: Installation;
let store: BackupStore;
beforeEach(async () => {
  here = await anInstallation();
  store = await openBackupStore({ name: `casefile-backups-${crypto.randomUUID()}` });
});
afterEach(() => {
  here.close();
  store.close();
});

async function aCase(title: string): Promise<CaseId> {
  const created = await here.storage.cases.create({ title });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

function renderArea(onOpenCase = vi.fn<(caseId: CaseId) => void>(), readOnly = false) {
  const view = renderOn(
    here,
    <BackupsProvider store={store}>
      <BackupsArea readOnly={readOnly} onOpenCase={onOpenCase} />
    </BackupsProvider>,
  );
  return { ...view, onOpenCase };
}

describe('the Backups area', { timeout: 30_000 }, () => {
  it('backs up every case on demand and lists the backups', async () => {
    await aCase('Harbour fuel diversion');
    await aCase('Northgate shell companies');
    const { user } = renderArea();
    expect(await screen.findByText('No backups yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back up all cases now' }));
    expect(await screen.findByText('Backed up 2 cases.')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Backups' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(table).getByText('Harbour fuel diversion')).toBeInTheDocument();
    expect(within(table).getAllByText('On demand')).toHaveLength(2);
    expect((await store.list()).map((b) => b.reason)).toEqual(['manual', 'manual']);
  });

  it('shows progress while backing up', async () => {
    await aCase('Harbour fuel diversion');
    await aCase('Northgate shell companies');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = store;
    store = { ...real, add: async (backup) => (await gate, real.add(backup)) };
    const { user } = renderArea();
    await user.click(await screen.findByRole('button', { name: 'Back up all cases now' }));
    expect(await screen.findByText(/^Backing up “.+” \(1 of 2\)…$/)).toBeInTheDocument();
    const progress = screen.getByRole('progressbar', { name: 'Backup progress' });
    expect(progress).toHaveAttribute('max', '2');
    expect(progress).toHaveAttribute('value', '0');
    expect(screen.getByRole('button', { name: 'Back up all cases now' })).toBeDisabled();
    release();
    expect(await screen.findByText('Backed up 2 cases.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    store = real;
  });

  it('restores over the case after a confirmation that says what replace does', async () => {
    const caseId = await aCase('Harbour fuel diversion');
    const { user, onOpenCase } = renderArea();
    await user.click(await screen.findByRole('button', { name: 'Back up all cases now' }));
    await screen.findByText('Backed up 1 case.');
    const renamed = await here.storage.cases.update(caseId, { title: 'Renamed since' });
    expect(renamed.ok).toBe(true);

    await user.click(screen.getByRole('button', { name: /^Restore Harbour fuel diversion/ }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Restore “Harbour fuel diversion”?',
    });
    expect(dialog).toHaveTextContent('replaced by this backup');
    expect(dialog).toHaveTextContent('everything added or changed since then is lost');
    await user.click(within(dialog).getByRole('button', { name: 'Replace the case' }));
    expect(
      await screen.findByText(/^Restored “Harbour fuel diversion” as it was on/),
    ).toBeInTheDocument();
    expect((await here.storage.cases.get(caseId))?.title).toBe('Harbour fuel diversion');
    const events = await here.storage.audit.list(caseId);
    expect(events.at(-1)?.action).toBe('backup.restored');
    await user.click(screen.getByRole('button', { name: 'Open the case' }));
    expect(onOpenCase).toHaveBeenCalledWith(caseId);
  });

  it('brings a deleted case back as a new case', async () => {
    const caseId = await aCase('Deleted by mistake');
    const { user } = renderArea();
    await user.click(await screen.findByRole('button', { name: 'Back up all cases now' }));
    await screen.findByText('Backed up 1 case.');
    expect((await here.storage.cases.delete(caseId)).ok).toBe(true);
    await user.click(screen.getByRole('button', { name: /^Restore Deleted by mistake/ }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('no longer in the database');
    await user.click(within(dialog).getByRole('button', { name: 'Restore the case' }));
    await screen.findByText(/^Restored “Deleted by mistake”/);
    expect((await here.storage.cases.get(caseId))?.title).toBe('Deleted by mistake');
  });

  it('saves a copy that opens with the analyst’s identity, and says so', async () => {
    await aCase('Harbour fuel diversion');
    const analyst = await generateIdentity('R. Okafor');
    if (!analyst.ok) throw new Error(analyst.error.message);
    // The analyst has an identity: backups are encrypted to it as well (no unlock needed).
    const saved = await here.keyring.saveIdentity({
      ...analyst.value.identity,
      id: crypto.randomUUID(),
      createdAt: '2026-11-22T08:00:00.000Z',
      secrets: { kind: 'passphrase', bytes: new Uint8Array([1, 2, 3]) },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const { user } = renderArea();
    await screen.findByText(/encrypted to this installation and to your identity \(R\. Okafor\)/);
    await user.click(screen.getByRole('button', { name: 'Back up all cases now' }));
    await screen.findByText('Backed up 1 case.');
    await user.click(
      screen.getByRole('button', { name: /^Save a copy of Harbour fuel diversion/ }),
    );
    await waitFor(() => expect(here.host.saves).toHaveLength(1));
    const copy = here.host.saves[0]!;
    expect(copy.suggestedName).toMatch(/^Harbour fuel diversion backup \d{4}-\d\d-\d\d\.casefile$/);
    const opened = await readBundle(
      bytesOf(copy),
      { identities: [analyst.value.secrets.ageIdentity] },
      { sha256Hex: sha256BytesHex },
    );
    expect(opened.ok).toBe(true);
    expect(await screen.findByText(/opens with the identity of R\. Okafor/)).toBeInTheDocument();
  });

  it('deletes a backup after asking, and restores nothing in read-only mode', async () => {
    await aCase('Harbour fuel diversion');
    const { user } = renderArea(undefined, true);
    await user.click(await screen.findByRole('button', { name: 'Back up all cases now' }));
    await screen.findByText('Backed up 1 case.');
    expect(screen.getByRole('button', { name: /^Restore Harbour/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: /^Delete Harbour/ }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this backup?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete backup' }));
    expect(await screen.findByText('No backups yet.')).toBeInTheDocument();
    expect(await store.list()).toEqual([]);
  });
});
