import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { encryptWithPassphrase } from '../../../src/core/bundle/age';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import type { Host } from '../../../src/platform';
import type { OpenedBundleFile } from '../../../src/platform/Host';
import { anInstallation, worker, type Installation } from '../bundles/harness';

/** A desktop host whose menu, Open Recent and file association the test drives by hand. */
function desktopHost(base: Host) {
  const listeners = {
    command: [] as ((id: string) => void)[],
    openCase: [] as ((id: string) => void)[],
    openBundle: [] as ((file: OpenedBundleFile) => void)[],
  };
  const subscribe =
    <L,>(list: L[]) =>
    (listener: L) => {
      list.push(listener);
      return () => void list.splice(list.indexOf(listener), 1);
    };
  const desktop = {
    onCommand: vi.fn(subscribe(listeners.command)),
    onOpenCase: vi.fn(subscribe(listeners.openCase)),
    onOpenBundle: vi.fn(subscribe(listeners.openBundle)),
    noteCaseOpened: vi.fn(),
    forgetRecentCase: vi.fn(),
  };
  const host: Host = { ...base, kind: 'electron', desktop };
  return {
    host,
    desktop,
    command: (id: string) => listeners.command.forEach((l) => l(id)),
    openCase: (id: string) => listeners.openCase.forEach((l) => l(id)),
    openBundle: (file: OpenedBundleFile) => listeners.openBundle.forEach((l) => l(file)),
  };
}

/** The first render opens the database; on a busy machine that can take a few seconds. */
const BOOT = { timeout: 10_000 };

let here: Installation;
beforeEach(async () => {
  window.location.hash = '';
  here = await anInstallation();
});
afterEach(() => here.close());

function renderApp() {
  const shell = desktopHost(here.host);
  render(
    <App
      host={shell.host}
      storage={here.storage}
      ingest={createInlineIngest()}
      extractor={createInlineExtractor()}
      keyring={here.keyring}
      bundles={worker}
    />,
  );
  return shell;
}

describe('the desktop menu and file association', { timeout: 30_000 }, () => {
  it('runs menu commands through the command registry, ignoring unknown and disabled ones', async () => {
    const shell = renderApp();
    await screen.findByRole('heading', { name: 'No cases yet' }, BOOT);
    await waitFor(() => expect(shell.desktop.onCommand).toHaveBeenCalled());

    shell.command('no.suchCommand');
    // Needs an open case: disabled on the case list.
    shell.command('case.exportBundle');
    expect(screen.queryByRole('dialog')).toBeNull();

    shell.command('case.new');
    expect(await screen.findByRole('dialog', { name: 'New case' })).toBeInTheDocument();
    // While a dialog is open only the palette may open, as with shortcuts.
    shell.command('bundle.import');
    expect(screen.queryByRole('dialog', { name: 'Import encrypted bundle' })).toBeNull();
  });

  it('opens a recent case, notes opened cases, and drops one that was deleted with a message', async () => {
    const created = await here.storage.cases.create({ title: 'Harbour Street' });
    if (!created.ok) throw new Error(created.error.message);
    const shell = renderApp();
    await screen.findByRole('button', { name: 'Harbour Street' }, BOOT);

    shell.openCase(created.value.id);
    expect(
      await screen.findByRole('heading', { name: 'Harbour Street', level: 1 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(shell.desktop.noteCaseOpened).toHaveBeenCalledWith({
        id: created.value.id,
        title: 'Harbour Street',
      }),
    );

    const gone = crypto.randomUUID();
    shell.openCase(gone);
    expect(await screen.findByText(/That case no longer exists/)).toBeInTheDocument();
    expect(shell.desktop.forgetRecentCase).toHaveBeenCalledWith(gone);
    // Still on the case that was open.
    expect(screen.getByRole('heading', { name: 'Harbour Street', level: 1 })).toBeInTheDocument();
  });

  it('starts the Import bundle flow with a bundle opened from the OS, at the key step', async () => {
    const shell = renderApp();
    await screen.findByRole('heading', { name: 'No cases yet' }, BOOT);
    await waitFor(() => expect(shell.desktop.onOpenBundle).toHaveBeenCalled());
    const bytes = await encryptWithPassphrase(new Uint8Array([123, 125]), 'pass', 4);
    if (!bytes.ok) throw new Error(bytes.error.message);

    shell.openBundle({ ok: true, value: { name: 'Quay.casefile', bytes: bytes.value } });
    const dialog = await screen.findByRole('dialog', { name: 'Import encrypted bundle' });
    expect(within(dialog).getByText('Quay.casefile')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Bundle passphrase')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Choose bundle…' })).toBeNull();
  });

  it('says why a bundle could not be opened', async () => {
    const shell = renderApp();
    await screen.findByRole('heading', { name: 'No cases yet' }, BOOT);
    await waitFor(() => expect(shell.desktop.onOpenBundle).toHaveBeenCalled());

    shell.openBundle({
      ok: false,
      error: {
        code: 'files.readFailed',
        message: 'Could not open "Quay.casefile": the file no longer exists.',
      },
    });
    expect(await screen.findByText(/the file no longer exists/)).toBeInTheDocument();

    // Not a bundle at all: the dialog opens with the reason, at the choose step.
    shell.openBundle({
      ok: true,
      value: { name: 'notes.casefile', bytes: new TextEncoder().encode('hello') },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Import encrypted bundle' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/age/);
    expect(within(dialog).getByRole('button', { name: 'Choose bundle…' })).toBeInTheDocument();
  });
});
