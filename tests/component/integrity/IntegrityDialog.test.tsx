import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db/open';
import { IntegrityDialog } from '../../../src/features/integrity';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { seedInvestigation, type Investigation } from '../../unit/db/transferSeed';
import { scriptedHost } from '../bundles/harness';

let storage: CasefileStorage;
let inv: Investigation;
beforeEach(async () => {
  window.location.hash = '';
  storage = await openCasefileStorage({
    name: `casefile-integrity-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  inv = await seedInvestigation(storage);
});
afterEach(() => storage.close());

function renderDialog(readOnly = false) {
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(
    <StorageProvider storage={storage}>
      <IntegrityDialog
        caseId={inv.caseId}
        caseTitle="Harbour"
        readOnly={readOnly}
        onClose={onClose}
      />
    </StorageProvider>,
  );
  return { user, onClose };
}

describe('the integrity dialog', { timeout: 30_000 }, () => {
  it('says so when nothing is wrong', async () => {
    renderDialog();
    expect(await screen.findByText(/No problems found\./)).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Check integrity of “Harbour”' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Repair chosen' })).toBeNull();
  });

  it('groups problems by kind, repairs only what is chosen, then checks again', async () => {
    await storage.db.entities.delete(inv.bob.id);
    const blob = (await storage.db.blobs.get(inv.ledger.sha256))!;
    await storage.db.blobs.put({ ...blob, bytes: new TextEncoder().encode('forged') });
    const { user } = renderDialog();
    expect(await screen.findByText(/4 problems found\./)).toBeInTheDocument();
    const claims = screen.getByRole('region', { name: 'Claims linking entities that are gone' });
    expect(within(claims).getByRole('heading')).toHaveTextContent('(1)');
    const altered = screen.getByRole('region', { name: 'Original files altered or damaged' });
    expect(within(altered).getByText('No repair: reported only.')).toBeInTheDocument();
    expect(within(altered).queryByRole('checkbox')).toBeNull();

    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.every((box) => !(box as HTMLInputElement).checked)).toBe(true);
    const repair = screen.getByRole('button', { name: 'Repair chosen' });
    expect(repair).toBeDisabled();
    await user.click(
      screen.getByRole('checkbox', {
        name: `Add a placeholder entity "(missing entity ${inv.bob.id})"`,
      }),
    );
    expect(repair).toBeEnabled();
    await user.click(repair);
    expect(await screen.findByText('Repaired 1 problem.')).toBeInTheDocument();
    expect(await storage.db.entities.get(inv.bob.id)).toMatchObject({
      name: `(missing entity ${inv.bob.id})`,
    });
    // The altered original stays reported.
    expect(await screen.findByText(/1 problem found\./)).toBeInTheDocument();
    expect((await storage.audit.list(inv.caseId)).at(-1)?.action).toBe('integrity.repaired');
  });

  it('offers no repair read-only', async () => {
    await storage.db.entities.delete(inv.bob.id);
    renderDialog(true);
    expect(await screen.findByText(/nothing can be repaired/)).toBeInTheDocument();
    for (const box of screen.getAllByRole('checkbox')) expect(box).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Repair chosen' })).toBeDisabled();
  });

  it('opens from the command palette, over every case from the case list', async () => {
    await storage.db.entities.delete(inv.bob.id);
    const user = userEvent.setup();
    render(
      <App
        host={scriptedHost()}
        storage={storage}
        ingest={createInlineIngest()}
        extractor={createInlineExtractor()}
      />,
    );
    await user.keyboard('{Control>}k{/Control}');
    await user.type(
      screen.getByRole('combobox', { name: 'Search commands' }),
      'Check case integrity{Enter}',
    );
    const dialog = await screen.findByRole('dialog', { name: 'Check integrity of all cases' });
    expect(await within(dialog).findByText(/3 problems found\./)).toBeInTheDocument();
    // Over every case, each problem names its case.
    expect(await within(dialog).findAllByText('In case “Harbour fuel diversion”')).toHaveLength(3);
  });
});
