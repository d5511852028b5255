import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App';
import { APP_COMMANDS, type AppCommandContext } from '../../../src/app/commands/appCommands';
import type { CaseId } from '../../../src/core';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { anInstallation, worker, type Installation } from './harness';

let here: Installation;
beforeEach(async () => {
  window.location.hash = '';
  here = await anInstallation();
});
afterEach(() => here.close());

function renderApp() {
  const user = userEvent.setup();
  render(
    <App
      host={here.host}
      storage={here.storage}
      ingest={createInlineIngest()}
      extractor={createInlineExtractor()}
      keyring={here.keyring}
      bundles={worker}
    />,
  );
  return user;
}

/** Runs a command from the palette by typing its title. */
async function runFromPalette(user: ReturnType<typeof userEvent.setup>, title: string) {
  await user.keyboard('{Control>}k{/Control}');
  await user.type(screen.getByRole('combobox', { name: 'Search commands' }), `${title}{Enter}`);
}

describe('the bundle commands', { timeout: 30_000 }, () => {
  it('are enabled where they make sense', () => {
    const enabled = (id: string, context: Partial<AppCommandContext>) => {
      const command = APP_COMMANDS.find((c) => c.id === id);
      if (!command) throw new Error(`no command ${id}`);
      return (
        command.enabled?.({
          readOnly: false,
          openCaseId: undefined,
          ...context,
        } as AppCommandContext) ?? true
      );
    };
    const openCaseId = crypto.randomUUID() as CaseId;
    expect(enabled('case.exportBundle', {})).toBe(false);
    expect(enabled('case.exportBundle', { openCaseId, readOnly: true })).toBe(true);
    expect(enabled('bundle.import', {})).toBe(true);
    expect(enabled('bundle.import', { readOnly: true })).toBe(false);
    expect(enabled('keys.open', { readOnly: true })).toBe(true);
  });

  it('open the keys area, the import dialog and, in a case, the export dialog', async () => {
    const created = await here.storage.cases.create({ title: 'Harbour Street' });
    if (!created.ok) throw new Error(created.error.message);
    const user = renderApp();
    await screen.findByRole('button', { name: 'Harbour Street' });

    await runFromPalette(user, 'Identity and address book');
    expect(
      await screen.findByRole('heading', { name: 'Identity and address book' }),
    ).toBeInTheDocument();
    expect(window.location.hash).toBe('#/keys');

    await runFromPalette(user, 'Import encrypted bundle');
    expect(
      await screen.findByRole('dialog', { name: 'Import encrypted bundle' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));

    window.location.hash = `#/case/${created.value.id}/overview`;
    await screen.findByRole('heading', { name: 'Harbour Street', level: 1 });
    await runFromPalette(user, 'Export encrypted bundle');
    expect(
      await screen.findByRole('dialog', { name: 'Export encrypted bundle' }),
    ).toBeInTheDocument();
  });
});
