import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';

let storage: CasefileStorage;
let chosen: File[] = [];

beforeEach(async () => {
  storage = await openCasefileStorage({
    name: `casefile-sources-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Nordwind' });
  if (!created.ok) throw new Error('setup');
  window.location.hash = `#/case/${created.value.id}/sources`;
});
afterEach(() => storage.close());

function renderApp() {
  const user = userEvent.setup();
  const host = createBrowserHost({ version: 'test', chooseFiles: () => Promise.resolve(chosen) });
  render(
    <App
      host={host}
      storage={storage}
      ingest={createInlineIngest()}
      extractor={createInlineExtractor()}
    />,
  );
  return user;
}

const article =
  'Payments routed through Nordwind\n\nInvestigators traced three transfers to a shell company in Tallinn.';

describe('the source library', () => {
  it('imports a batch, reports each file, and refuses the bad one without storing it', async () => {
    chosen = [
      new File([article], 'nordwind.txt', { type: 'text/plain' }),
      new File([], 'empty.txt'),
    ];
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));

    const report = await screen.findByRole('table', { name: 'Import report' });
    await screen.findByRole('button', { name: 'Close report' });
    expect(within(report).getByRole('row', { name: /nordwind\.txt/ })).toHaveTextContent(
      'Imported',
    );
    expect(within(report).getByRole('row', { name: /empty\.txt/ })).toHaveTextContent(
      'Refused: empty.txt is empty.',
    );

    const table = await screen.findByRole('table', { name: 'Sources' });
    expect(
      within(table).getByRole('button', { name: 'Payments routed through Nordwind' }),
    ).toBeInTheDocument();
    const [caseRecord] = await storage.cases.list();
    const sources = await storage.sources.list(caseRecord!.id);
    expect(sources.map((s) => s.provenance.fileName)).toEqual(['nordwind.txt']);
  });

  it('skips identical bytes by default and can import them again anyway', async () => {
    chosen = [new File([article], 'nordwind.txt')];
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));
    await user.click(await screen.findByRole('button', { name: 'Close report' }));

    chosen = [new File([article], 'copy-of-nordwind.txt')];
    await user.click(screen.getByRole('button', { name: 'Import files…' }));
    const report = await screen.findByRole('table', { name: 'Import report' });
    expect(within(report).getByRole('row', { name: /copy-of-nordwind/ })).toHaveTextContent(
      'Skipped: identical to “Payments routed through Nordwind”',
    );
    const [caseRecord] = await storage.cases.list();
    expect(await storage.sources.list(caseRecord!.id)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Import it again anyway' }));
    await screen.findByText(/1 imported/);
    expect(await storage.sources.list(caseRecord!.id)).toHaveLength(2);
  });

  it('opens a source in the reader with its hash and Admiralty grading', async () => {
    chosen = [new File([article], 'nordwind.txt')];
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));
    await user.click(
      await screen.findByRole('button', { name: 'Payments routed through Nordwind' }),
    );

    expect(
      await screen.findByRole('heading', { name: 'Payments routed through Nordwind', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Extracted text')).toHaveTextContent(
      'Investigators traced three transfers',
    );
    await user.click(screen.getByRole('tab', { name: 'Details' }));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(article));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(screen.getByLabelText('SHA-256')).toHaveTextContent(hex);

    await user.click(screen.getByRole('radio', { name: /B — Usually reliable/ }));
    await user.type(screen.getByRole('textbox', { name: 'URL' }), 'javascript:alert(1)');
    await user.click(screen.getByRole('button', { name: 'Save provenance' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/URL/);
    const [caseRecord] = await storage.cases.list();
    const [stored] = await storage.sources.list(caseRecord!.id);
    expect(stored?.reliability).toBe('F');
  });
});
