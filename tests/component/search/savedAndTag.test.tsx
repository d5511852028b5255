import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asSha256, type CaseId, type Source } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { SearchArea } from '../../../src/features/search';
import { ok } from '../../../src/shared/result';
import { sha256HexOfBytes } from '../../../src/shared/sha256';
import { aHit, aResponse, fakeSearchClient, openTestStorage, renderWith } from './harness';

let storage: CasefileStorage;
let caseId: CaseId;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
});
afterEach(() => storage.close());

async function addSource(title: string, text: string): Promise<Source> {
  const bytes = new TextEncoder().encode(text);
  const imported = await storage.sources.import(caseId, {
    draft: {
      title,
      kind: 'text',
      mediaType: 'text/plain',
      text,
      structure: { paragraphs: [{ start: 0, end: text.length }] },
      provenance: { fileName: `${title}.txt` },
      warnings: [],
    },
    bytes,
    sha256: asSha256(await sha256HexOfBytes(bytes)),
  });
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value;
}

function renderArea(query: string | undefined, readOnly = false, response = aResponse('x', {})) {
  const client = fakeSearchClient(() =>
    ok({ ...response, status: { ...response.status, caseId } }),
  );
  const onQueryChange = vi.fn();
  const view = renderWith(
    storage,
    client,
    <SearchArea
      caseId={caseId}
      query={query}
      readOnly={readOnly}
      onQueryChange={onQueryChange}
      onOpenSource={vi.fn()}
      onOpenPassage={vi.fn()}
      onOpenEntity={vi.fn()}
      onOpenClaim={vi.fn()}
      onOpenNote={vi.fn()}
    />,
  );
  return { ...view, client, onQueryChange };
}

describe('saved searches', () => {
  it('saves the current query under a name, refusing an empty or taken name', async () => {
    const { user } = renderArea('kim OR nam');
    const panel = screen.getByRole('complementary', { name: 'Saved searches' });
    await within(panel).findByText(/None yet/);
    await user.click(within(panel).getByRole('button', { name: 'Save search…' }));
    let dialog = screen.getByRole('dialog', { name: 'Save search' });
    expect(within(dialog).getByText('kim OR nam')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the saved search a name.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Kim family');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(panel).findByText('Kim family')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect((await storage.savedSearches.list(caseId))[0]).toMatchObject({
      name: 'Kim family',
      query: 'kim OR nam',
    });

    await user.click(within(panel).getByRole('button', { name: 'Save search…' }));
    dialog = screen.getByRole('dialog', { name: 'Save search' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'KIM FAMÍLY');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already exists');
    expect(await storage.savedSearches.list(caseId)).toHaveLength(1);
  });

  it('does not save a query the search language refuses', async () => {
    const { user } = renderArea('-');
    const panel = screen.getByRole('complementary', { name: 'Saved searches' });
    await user.click(within(panel).getByRole('button', { name: 'Save search…' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      /This search cannot be saved: There is nothing to search for/,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('runs (most recently run first), renames and deletes after confirming', async () => {
    const a = await storage.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' });
    await storage.savedSearches.create(caseId, { name: 'Beta', query: 'nam' });
    if (!a.ok) throw new Error('setup');
    const { user, client, onQueryChange } = renderArea(undefined);
    const panel = screen.getByRole('complementary', { name: 'Saved searches' });
    const names = () =>
      within(panel)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.cf-search-saved__name')?.textContent);
    await within(panel).findByText('Alpha');
    expect(names()).toEqual(['Beta', 'Alpha']);

    await user.click(within(panel).getByRole('button', { name: 'Run “Alpha”' }));
    expect(onQueryChange).toHaveBeenCalledWith('kim', { replace: false });
    expect(screen.getByRole('searchbox', { name: 'Search this case' })).toHaveValue('kim');
    await waitFor(() => expect(client.calls.at(-1)?.query).toBe('kim'));
    await waitFor(() => expect(names()).toEqual(['Alpha', 'Beta']));

    await user.click(within(panel).getByRole('button', { name: 'Rename “Alpha”' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename saved search' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Kim{Enter}');
    await within(panel).findByText('Kim');

    await user.click(within(panel).getByRole('button', { name: 'Delete “Kim”' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete saved search?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(panel).queryByText('Kim')).not.toBeInTheDocument());
    expect((await storage.savedSearches.list(caseId)).map((s) => s.name)).toEqual(['Beta']);
  });

  it('read-only: saved searches run, but cannot be saved, renamed or deleted', async () => {
    await storage.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' });
    renderArea('kim', true);
    const panel = screen.getByRole('complementary', { name: 'Saved searches' });
    await within(panel).findByText('Alpha');
    expect(within(panel).queryByRole('button', { name: 'Save search…' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Rename/ })).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Run “Alpha”' })).toBeInTheDocument();
  });
});

describe('tag as entity from a hit', () => {
  const TEXT = 'Report.\n\nThe man   identified as Kim Jong Nam arrived at the airport.';

  it('proposes the matched text of a source hit and stores a mention at its offsets', async () => {
    const source = await addSource('Airport report', TEXT);
    const start = TEXT.indexOf('Kim Jong Nam');
    const response = aResponse('x', {
      source: [
        aHit({
          kind: 'source',
          id: source.id,
          title: 'Airport report',
          firstMatch: { start, end: start + 'Kim Jong Nam'.length },
        }),
      ],
    });
    const { user } = renderArea('"kim jong nam"', false, response);
    await user.click(await screen.findByRole('button', { name: 'Tag as entity…' }));
    const picker = await screen.findByRole('dialog', { name: 'Tag as entity' });
    const search = within(picker).getByRole('combobox', {
      name: 'Find an entity, or name a new one',
    });
    expect(search).toHaveValue('Kim Jong Nam');
    await user.selectOptions(
      within(picker).getByRole('combobox', { name: 'Type of a new entity' }),
      'Person',
    );
    await user.click(
      within(picker).getByRole('option', { name: 'Create new entity “Kim Jong Nam”' }),
    );
    expect(await screen.findByText('“Kim Jong Nam” was tagged as a mention.')).toBeInTheDocument();
    const passages = await storage.passages.forSource(source.id);
    const [mention] = passages.ok ? passages.value : [];
    expect(passages.ok && passages.value).toHaveLength(1);
    expect(mention?.kind).toBe('mention');
    expect(mention?.position).toMatchObject({ start, end: start + 12 });
    expect(mention?.quote.exact).toBe('Kim Jong Nam');
    const entities = await storage.entities.list(caseId);
    expect(entities.map((e) => [e.name, e.type])).toEqual([['Kim Jong Nam', 'Person']]);
  });

  it('maps a passage hit’s highlight in its (whitespace-collapsed) quote back into the source', async () => {
    const source = await addSource('Airport report', TEXT);
    const quoteStart = TEXT.indexOf('The man');
    const quoteEnd = TEXT.indexOf(' arrived');
    const highlighted = await storage.passages.create(caseId, {
      sourceId: source.id,
      start: quoteStart,
      end: quoteEnd,
      kind: 'highlight',
      colour: 'yellow',
    });
    if (!highlighted.ok) throw new Error(highlighted.error.message);
    const title = 'The man identified as Kim Jong Nam';
    const at = title.indexOf('Kim');
    const response = aResponse('x', {
      passage: [
        aHit({
          kind: 'passage',
          id: highlighted.value.id,
          title,
          titleHighlights: [{ start: at, end: at + 3 }],
          sourceId: source.id,
          position: { start: quoteStart, end: quoteEnd },
        }),
      ],
    });
    const { user } = renderArea('kim', false, response);
    expect(await screen.findByText('in Airport report')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Tag as entity…' }));
    const picker = await screen.findByRole('dialog', { name: 'Tag as entity' });
    expect(
      within(picker).getByRole('combobox', { name: 'Find an entity, or name a new one' }),
    ).toHaveValue('Kim');
  });

  it('is not offered read-only, nor on a hit without a match in the text', async () => {
    const response = aResponse('x', {
      source: [aHit({ kind: 'source', id: crypto.randomUUID(), title: 'Title only' })],
    });
    renderArea('title', false, response);
    await screen.findByText('Title only');
    expect(screen.queryByRole('button', { name: 'Tag as entity…' })).not.toBeInTheDocument();
  });
});
