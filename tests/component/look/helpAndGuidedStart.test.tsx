import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App';
import { APP_COMMANDS } from '../../../src/app/commands/appCommands';
import { formatShortcut } from '../../../src/app/commands/registry';
import { asSha256, type CaseId } from '../../../src/core';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { CASE_AREAS } from '../../../src/features/cases';
import { AREA_SHORTCUTS } from '../../../src/features/help';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import { sha256HexOfBytes } from '../../../src/shared/sha256';

let storage: CasefileStorage;

beforeEach(async () => {
  window.location.hash = '';
  storage = await openCasefileStorage({
    name: `casefile-look-${crypto.randomUUID()}`,
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

async function addSource(caseId: CaseId): Promise<void> {
  const text = 'A note about the harbour.';
  const bytes = new TextEncoder().encode(text);
  const imported = await storage.sources.import(caseId, {
    draft: {
      title: 'Harbour note',
      kind: 'text',
      mediaType: 'text/plain',
      text,
      structure: { paragraphs: [{ start: 0, end: text.length }] },
      provenance: { fileName: 'harbour.txt' },
      warnings: [],
    },
    bytes,
    sha256: asSha256(await sha256HexOfBytes(bytes)),
  });
  if (!imported.ok) throw new Error(imported.error.message);
}

describe('the help page', () => {
  it('lists every registered command with its shortcut, and the keys of each area', async () => {
    window.location.hash = '#/help';
    renderApp();
    await screen.findByRole('heading', { name: 'Help and keyboard shortcuts', level: 1 });
    // Plain DOM lookups: role queries over a page this size take seconds in jsdom.
    const rows = document.querySelectorAll('tr[data-command]');
    expect(rows).toHaveLength(APP_COMMANDS.length);
    for (const command of APP_COMMANDS) {
      const row = document.querySelector(`tr[data-command="${command.id}"]`);
      expect(row?.querySelector('th')).toHaveTextContent(command.title);
      expect(row?.querySelector('td')).toHaveTextContent(
        command.shortcut ? formatShortcut(command.shortcut, false) : 'Commands menu or palette',
      );
    }
    const captions = [...document.querySelectorAll('caption')].map((c) => c.textContent ?? '');
    for (const group of AREA_SHORTCUTS) {
      expect(captions.some((caption) => caption.startsWith(group.area))).toBe(true);
    }
  });

  it('opens with F1 (the "Keyboard shortcuts" command) and from the top bar', async () => {
    const user = renderApp();
    await screen.findByRole('link', { name: 'Help' });
    await user.keyboard('{F1}');
    expect(
      await screen.findByRole('heading', { name: 'Help and keyboard shortcuts' }),
    ).toHaveFocus();
    expect(window.location.hash).toBe('#/help');

    await user.click(screen.getByRole('link', { name: 'Casefile' }));
    expect(window.location.hash).toBe('#/cases');
    await user.click(screen.getByRole('link', { name: 'Help' }));
    expect(
      await screen.findByRole('heading', { name: 'Help and keyboard shortcuts' }),
    ).toBeVisible();
  });
});

describe('the guided start', () => {
  it('shows on the Overview of a case with no sources, and its links go to their areas', async () => {
    const created = await storage.cases.create({ title: 'Empty case' });
    if (!created.ok) throw new Error(created.error.message);
    const caseId = created.value.id;
    window.location.hash = `#/case/${caseId}/overview`;
    const user = renderApp();
    const guide = await screen.findByRole('region', { name: 'Get started with this case' });
    const steps = within(guide).getAllByRole('listitem');
    expect(steps.map((step) => within(step).getByRole('heading').textContent)).toEqual([
      'Import sources',
      'Tag passages and entities',
      'Record claims',
      'Chart and report',
    ]);
    const expected: Record<string, string> = {
      'Go to Sources and import': 'sources',
      'See the entities': 'entities',
      'See the claims': 'claims',
      'Open the chart': 'chart',
      'Build a report': 'reports',
    };
    for (const [label, area] of Object.entries(expected)) {
      expect(CASE_AREAS.some((a) => a.id === area)).toBe(true);
      expect(within(guide).getByRole('link', { name: label })).toHaveAttribute(
        'href',
        `#/case/${caseId}/${area}`,
      );
    }
    await user.click(within(guide).getByRole('link', { name: 'Go to Sources and import' }));
    expect(window.location.hash).toBe(`#/case/${caseId}/sources`);
    expect(await screen.findByRole('button', { name: /Import files/ })).toBeInTheDocument();
  });

  it('is not shown once the case has a source', async () => {
    const created = await storage.cases.create({ title: 'Busy case' });
    if (!created.ok) throw new Error(created.error.message);
    await addSource(created.value.id);
    window.location.hash = `#/case/${created.value.id}/overview`;
    renderApp();
    await screen.findByRole('region', { name: 'Overview' });
    // The source count is read after the case: wait for the Overview's own details first.
    await screen.findByText('Handling marking');
    expect(screen.queryByRole('region', { name: 'Get started with this case' })).toBeNull();
  });
});
