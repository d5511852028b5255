import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Case, CaseId } from '../../../src/core';
import { openBackupStore, type BackupStore } from '../../../src/db/backupStore';
import { BackupsArea, BackupsProvider } from '../../../src/features/backups';
import { ActivityArea } from '../../../src/features/cases/ActivityArea';
import { NotebookArea } from '../../../src/features/notebook';
import { ReportsArea } from '../../../src/features/reports';
import { anInstallation, renderOn, type Installation } from '../bundles/harness';

let here: Installation;
beforeEach(async () => {
  here = await anInstallation();
});
afterEach(() => {
  here.close();
  vi.restoreAllMocks();
});

async function aCase(title: string): Promise<Case> {
  const created = await here.storage.cases.create({ title });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('empty and error states', { timeout: 30_000 }, () => {
  it('Backups: a list that cannot be read says so instead of loading for ever', async () => {
    const store: BackupStore = await openBackupStore({
      name: `casefile-backups-${crypto.randomUUID()}`,
    });
    vi.spyOn(store, 'list').mockRejectedValue(new Error('the backup store is locked'));
    renderOn(
      here,
      <BackupsProvider store={store}>
        <BackupsArea readOnly={false} onOpenCase={() => undefined} />
      </BackupsProvider>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The backups cannot be read: Error: the backup store is locked',
    );
    expect(screen.queryByText('Loading backups…')).not.toBeInTheDocument();
    expect(screen.queryByText('No backups yet.')).not.toBeInTheDocument();
    store.close();
  });

  it('Backups: the empty list says what to do next', async () => {
    const store = await openBackupStore({ name: `casefile-backups-${crypto.randomUUID()}` });
    renderOn(
      here,
      <BackupsProvider store={store}>
        <BackupsArea readOnly={false} onOpenCase={() => undefined} />
      </BackupsProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'No backups yet.' })).toBeInTheDocument();
    expect(screen.getByText(/Choose “Back up all cases now”/)).toBeInTheDocument();
    store.close();
  });

  it('Activity: an empty log explains what will appear there', async () => {
    renderOn(here, <ActivityArea caseId={'no-such-case' as CaseId} />);
    expect(
      await screen.findByRole('heading', { name: 'No activity recorded' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Activity log' })).not.toBeInTheDocument();
  });

  it('Activity: a log that cannot be read shows the message', async () => {
    const current = await aCase('Harbour fuel diversion');
    vi.spyOn(here.storage.audit, 'list').mockRejectedValue(new Error('disk unavailable'));
    renderOn(here, <ActivityArea caseId={current.id} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not read the activity log: disk unavailable',
    );
  });

  it('Notebook: notes that cannot be read show the message, not "No notes yet"', async () => {
    const current = await aCase('Harbour fuel diversion');
    vi.spyOn(here.storage.notes, 'list').mockRejectedValue(new Error('notes table missing'));
    const ignore = () => undefined;
    renderOn(
      here,
      <NotebookArea
        caseId={current.id}
        noteId={undefined}
        readOnly={false}
        onOpenNote={ignore}
        onOpenEntity={ignore}
        onOpenPassage={ignore}
        onOpenClaim={ignore}
      />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not read the notes: notes table missing',
    );
    expect(screen.queryByText('No notes yet.')).not.toBeInTheDocument();
  });

  it('Reports: notes that cannot be read show the message, not an endless "Reading the case…"', async () => {
    const current = await aCase('Harbour fuel diversion');
    vi.spyOn(here.storage.notes, 'list').mockRejectedValue(new Error('notes table missing'));
    renderOn(here, <ReportsArea current={current} readOnly={false} />);
    expect(
      await screen.findByText('Could not read the notes for the report: notes table missing'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Reading the case…')).not.toBeInTheDocument();
  });
});
