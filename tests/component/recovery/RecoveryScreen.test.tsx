import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBackupStore, type BackupStore } from '../../../src/db/backupStore';
import { backUpCases } from '../../../src/db/backups';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db/open';
import type { RegistryCheck } from '../../../src/db/registry';
import { RecoveryScreen } from '../../../src/features/recovery';
import { worker } from '../bundles/harness';

// As the app does: bundles are opened by the bundle worker (here its inline twin).
const read = (bytes: Uint8Array, identity: string) =>
  worker.read(bytes, { identities: [identity] }, {});

type Mismatch = Extract<RegistryCheck, { kind: 'mismatch' }>;

let open: { close(): void }[] = [];
afterEach(() => {
  for (const item of open) item.close();
  open = [];
});

const fresh = () =>
  openCasefileStorage({ name: `casefile-${crypto.randomUUID()}`, requestPersistence: false });

/** A store holding a backup of one case, "Harbour fuel diversion", from a database since lost. */
async function backupsOfLostCase(): Promise<{ store: BackupStore; caseId: string }> {
  const lost = await fresh();
  const created = await lost.cases.create({ title: 'Harbour fuel diversion' });
  if (!created.ok) throw new Error(created.error.message);
  const store = await openBackupStore({ name: `casefile-backups-${crypto.randomUUID()}` });
  open.push(store);
  await backUpCases(
    { cases: lost.cases, transfer: lost.transfer, schemaVersion: lost.db.verno },
    store,
    {
      reason: 'manual',
      app: { name: 'Casefile', version: 'test' },
      write: (input) => worker.write(input),
    },
  );
  lost.close();
  return { store, caseId: created.value.id };
}

function unreadable(caseId: string): Mismatch {
  return {
    kind: 'mismatch',
    reason: 'database-unreadable',
    detail: 'Internal error opening backing store for indexedDB.open.',
    lastSeen: '2026-11-21T17:30:00.000Z',
    missing: [
      {
        id: caseId,
        title: 'Harbour fuel diversion',
        updatedAt: '2026-11-21T17:00:00.000Z',
        counts: { sources: 12, passages: 40, entities: 9, claims: 1, notes: 2 },
      },
      {
        id: 'never-backed-up',
        title: 'Northgate shell companies',
        updatedAt: '2026-11-20T09:00:00.000Z',
        counts: { sources: 3, passages: 0, entities: 0, claims: 0, notes: 0 },
      },
    ],
  };
}

describe('the recovery screen', { timeout: 30_000 }, () => {
  it('a database that cannot be opened: says so, replaces it only after confirming, restores', async () => {
    const { store, caseId } = await backupsOfLostCase();
    let created: CasefileStorage | undefined;
    const openNewDatabase = vi.fn(async () => {
      created = await fresh();
      open.push(created);
      return created;
    });
    const onContinue = vi.fn();
    const user = userEvent.setup();
    render(
      <RecoveryScreen
        check={unreadable(caseId)}
        backups={store}
        backupLocation="/home/analyst/.config/Casefile/Backups"
        openNewDatabase={openNewDatabase}
        read={read}
        onContinue={onContinue}
      />,
    );
    const main = screen.getByRole('main', {
      name: 'Some cases are missing from the case database',
    });
    expect(main).toHaveTextContent('could not be opened');
    expect(main).toHaveTextContent('Internal error opening backing store');
    expect(main).toHaveTextContent('/home/analyst/.config/Casefile/Backups');
    const table = await screen.findByRole('table', { name: 'Missing cases' });
    expect(
      within(table).getByText(/12 sources · 40 passages · 9 entities · 1 claim · 2 notes/),
    ).toBeInTheDocument();
    expect(within(table).getByText('No backup found')).toBeInTheDocument();

    // Cancel first: nothing is deleted.
    await user.click(screen.getByRole('button', { name: 'Restore all from the latest backups' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Replace the damaged database?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(openNewDatabase).not.toHaveBeenCalled();

    await user.click(
      screen.getByRole('button', {
        name: 'Restore “Harbour fuel diversion” from its latest backup',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Replace and restore' }));
    await waitFor(() => expect(within(table).getByText('Restored')).toBeInTheDocument());
    expect(openNewDatabase).toHaveBeenCalledTimes(1);
    expect((await created!.cases.list()).map((entry) => entry.title)).toEqual([
      'Harbour fuel diversion',
    ]);
    // One case had no backup: the way on is an explicit, confirmed empty start.
    await user.click(screen.getByRole('button', { name: 'Start with an empty database…' }));
    await user.click(screen.getByRole('button', { name: 'Start empty' }));
    expect(onContinue).toHaveBeenCalledWith(created);
    expect(openNewDatabase).toHaveBeenCalledTimes(1);
  });

  it('no backups at all: says so, and only the confirmed empty start remains', async () => {
    const store = await openBackupStore({ name: `casefile-backups-${crypto.randomUUID()}` });
    open.push(store);
    const storage = await fresh();
    open.push(storage);
    const onContinue = vi.fn();
    const user = userEvent.setup();
    render(
      <RecoveryScreen
        check={{ ...unreadable('gone'), reason: 'database-missing', missing: [] }}
        storage={storage}
        backups={store}
        backupLocation="this browser's private storage for Casefile"
        onContinue={onContinue}
      />,
    );
    expect(await screen.findByText(/There is no backup of the missing cases/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Restore all from the latest backups' }),
    ).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Start with an empty database…' }));
    await user.click(screen.getByRole('button', { name: 'Start empty' }));
    expect(onContinue).toHaveBeenCalledWith(storage);
  });
});
