import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';

let storage: CasefileStorage;

beforeEach(async () => {
  window.location.hash = '';
  storage = await openCasefileStorage({
    name: `casefile-component-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
});
afterEach(() => storage.close());

function renderApp() {
  const user = userEvent.setup();
  render(
    <App
      host={createBrowserHost({ version: 'test' })}
      storage={storage}
      ingest={createInlineIngest()}
      extractor={createInlineExtractor()}
    />,
  );
  return user;
}

describe('the app shell', () => {
  it('creates a case from the empty list and opens its workspace', async () => {
    const user = renderApp();
    await screen.findByRole('heading', { name: 'No cases yet' });
    await user.click(screen.getByRole('button', { name: 'New case' }));
    const dialog = screen.getByRole('dialog', { name: 'New case' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Operation Ghost');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Summary' }),
      'Phishing wave, spring 2026.',
    );
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Handling marking' }),
      'TLP:RED',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create case' }));

    expect(
      await screen.findByRole('heading', { name: 'Operation Ghost', level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Case areas' })).toBeInTheDocument();
    const [stored] = await storage.cases.list();
    expect(stored).toMatchObject({
      title: 'Operation Ghost',
      summary: 'Phishing wave, spring 2026.',
      marking: 'TLP:RED',
    });
  });

  it('shows the specific error for an empty title and stores nothing', async () => {
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'New case' }));
    const dialog = screen.getByRole('dialog', { name: 'New case' });
    await user.click(within(dialog).getByRole('button', { name: 'Create case' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A case needs a title.');
    expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(await storage.cases.list()).toEqual([]);
  });

  it('asks before deleting, and Cancel keeps the case', async () => {
    await storage.cases.create({ title: 'Keep me' });
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Delete Keep me' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete case?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await storage.cases.list()).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Delete Keep me' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete case' }),
    );
    expect(await screen.findByRole('heading', { name: 'No cases yet' })).toBeInTheDocument();
    expect(await storage.cases.list()).toEqual([]);
  });

  it('opens the command palette with Ctrl+K and runs a command from it', async () => {
    const user = renderApp();
    await screen.findByRole('heading', { name: 'No cases yet' });
    await user.keyboard('{Control>}k{/Control}');
    const search = screen.getByRole('combobox', { name: 'Search commands' });
    expect(search).toHaveFocus();
    await user.type(search, 'new case{Enter}');
    expect(screen.getByRole('dialog', { name: 'New case' })).toBeInTheDocument();
  });

  it('every control has an accessible name', async () => {
    await storage.cases.create({ title: 'Named' });
    renderApp();
    await screen.findByRole('button', { name: 'Named' });
    for (const control of [...screen.getAllByRole('button'), ...screen.getAllByRole('searchbox')]) {
      expect(control).toHaveAccessibleName();
    }
  });

  it('saves open notes before the window closes (host.beforeClose), and stops when unmounted', async () => {
    const host = createBrowserHost({ version: 'test' });
    const unsubscribe = vi.fn();
    const beforeClose = vi.spyOn(host, 'beforeClose').mockReturnValue(unsubscribe);
    const view = render(
      <App
        host={host}
        storage={storage}
        ingest={createInlineIngest()}
        extractor={createInlineExtractor()}
      />,
    );
    await screen.findByRole('heading', { name: 'No cases yet' });
    expect(beforeClose).toHaveBeenCalledTimes(1);
    await expect(beforeClose.mock.calls[0]![0]()).resolves.toBeUndefined();
    view.unmount();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});
