import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { SearchArea, type SearchAreaProps } from '../../../src/features/search';
import { err, ok } from '../../../src/shared/result';
import {
  aHit,
  aResponse,
  fakeSearchClient,
  openTestStorage,
  Providers,
  renderWith,
  type FakeSearchClient,
} from './harness';

let storage: CasefileStorage;
let caseId: CaseId;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
});
afterEach(() => storage.close());

const SOURCE_ID = '11111111-1111-4111-8111-111111111111';
const PASSAGE_ID = '22222222-2222-4222-8222-222222222222';
const ENTITY_ID = '33333333-3333-4333-8333-333333333333';

function renderArea(client: FakeSearchClient, props: Partial<SearchAreaProps> = {}) {
  const handlers = {
    onQueryChange: vi.fn(),
    onOpenSource: vi.fn(),
    onOpenPassage: vi.fn(),
    onOpenEntity: vi.fn(),
    onOpenClaim: vi.fn(),
    onOpenNote: vi.fn(),
  };
  const view = renderWith(
    storage,
    client,
    <SearchArea caseId={caseId} query={undefined} readOnly={false} {...handlers} {...props} />,
  );
  return {
    ...view,
    ...handlers,
    field: screen.getByRole('searchbox', { name: 'Search this case' }),
  };
}

/** A client answering every query with the same hits. */
function answering(hits: Parameters<typeof aResponse>[1], more?: Parameters<typeof aResponse>[2]) {
  return fakeSearchClient(() => ok(aResponse(caseId, hits, more)));
}

describe('results', () => {
  it('are grouped by kind in the fixed order, with each group’s total and "Show all"', async () => {
    const client = answering(
      {
        source: [aHit({ kind: 'source', id: SOURCE_ID, title: 'Harbour log' })],
        entity: [
          aHit({ kind: 'entity', id: ENTITY_ID, title: 'Kim Jong Nam', entityType: 'Person' }),
        ],
      },
      { totals: { source: 12 }, description: 'kim' },
    );
    const { user } = renderArea(client, { query: 'kim' });
    await screen.findByRole('region', { name: /^Entities/ });
    const groups = screen
      .getAllByRole('region')
      .filter((g) => g.getAttribute('aria-labelledby')?.startsWith('cf-search-group-'));
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual([
      'cf-search-group-entity',
      'cf-search-group-source',
    ]);
    expect(within(groups[0]!).getByRole('heading')).toHaveTextContent('Entities 1');
    expect(within(groups[1]!).getByRole('heading')).toHaveTextContent('Sources 12');
    expect(within(groups[0]!).getByText('Person')).toBeInTheDocument();
    expect(screen.getByText(/Searching for kim/)).toHaveTextContent('13 results');

    await user.click(screen.getByRole('button', { name: 'Show all 12 sources' }));
    await waitFor(() =>
      expect(client.calls.at(-1)?.options).toEqual({ kinds: ['source'], limit: 50 }),
    );
    await user.click(await screen.findByRole('button', { name: 'Show more' }));
    await waitFor(() =>
      expect(client.calls.at(-1)?.options).toEqual({ kinds: ['source'], limit: 50, offset: 1 }),
    );
    await user.click(screen.getByRole('button', { name: '← All results' }));
    await screen.findByRole('button', { name: 'Show all 12 sources' });
  });

  it('highlight matches from ranges as <mark>, with ellipses, never as HTML', async () => {
    const client = answering({
      source: [
        aHit({
          kind: 'source',
          id: SOURCE_ID,
          title: '<img src=x onerror=alert(1)> Kim report',
          titleHighlights: [{ start: 29, end: 32 }],
          snippet: {
            text: 'met Kim Jong Nam at the airport',
            highlights: [
              { start: 4, end: 7 },
              { start: 13, end: 16 },
            ],
            cutBefore: true,
            cutAfter: true,
          },
          firstMatch: { start: 100, end: 103 },
        }),
      ],
      passage: [
        aHit({
          kind: 'passage',
          id: PASSAGE_ID,
          title: 'Kim Jong Nm',
          titleHighlights: [{ start: 9, end: 11 }],
          fuzzyOnly: true,
          sourceId: SOURCE_ID,
          position: { start: 0, end: 11 },
        }),
      ],
    });
    const { container } = renderArea(client, { query: 'kim' });
    const title = await screen.findByText(/onerror/);
    expect(container.querySelector('img')).toBeNull();
    expect(title.querySelector('mark')).toHaveTextContent('Kim');
    const snippet = container.querySelector('.cf-search-hit__snippet');
    expect(snippet).toHaveTextContent('…met Kim Jong Nam at the airport…');
    expect([...(snippet?.querySelectorAll('mark') ?? [])].map((m) => m.textContent)).toEqual([
      'Kim',
      'Nam',
    ]);
    expect(screen.getByText('similar spelling')).toBeInTheDocument();
  });

  it('show a hint for an empty query, the parser’s message for a bad one, and its warnings', async () => {
    const client = fakeSearchClient((query) =>
      query.length > 1000
        ? err('search.query.tooLong', 'The search is 1,001 characters long; keep it under 1,000.')
        : ok(
            aResponse(
              caseId,
              {},
              {
                warnings: [
                  { code: 'search.query.unclosedQuote', message: 'The quote was closed.' },
                ],
              },
            ),
          ),
    );
    const { user, field } = renderArea(client);
    expect(screen.getByText(/Type words to search/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(client.calls).toEqual([]);

    await user.click(field);
    await user.paste('k'.repeat(1001));
    expect(await screen.findByRole('alert')).toHaveTextContent('keep it under 1,000');

    await user.clear(field);
    await user.type(field, '"kim jong');
    expect(await screen.findByText('The quote was closed.')).toBeInTheDocument();
    expect(screen.getByText('No results.')).toBeInTheDocument();
  });

  it('show the index status, and offer a rebuild when the index failed', async () => {
    const client = answering(
      {},
      {
        complete: false,
        status: { caseId, state: 'building', done: 3400, total: 10000, documents: 3400 },
      },
    );
    const { user } = renderArea(client, { query: 'kim' });
    expect(
      await screen.findByText(/Building the search index: 3,400 of 10,000…/),
    ).toBeInTheDocument();
    const asked = client.calls.length;
    act(() => client.emit({ caseId, state: 'ready', done: 10000, total: 10000, documents: 10000 }));
    // An answer given while building is asked again once the index is ready.
    await waitFor(() => expect(client.calls.length).toBe(asked + 1));

    act(() =>
      client.emit({
        caseId,
        state: 'failed',
        done: 0,
        total: 0,
        documents: 0,
        error: 'The database could not be read.',
      }),
    );
    expect(await screen.findByText(/The database could not be read/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rebuild index' }));
    expect(client.rebuilt).toEqual([caseId]);

    act(() =>
      client.emit({
        caseId,
        state: 'ready',
        done: 1,
        total: 1,
        documents: 1,
        notice: 'The saved index was damaged; it was rebuilt.',
      }),
    );
    expect(
      await screen.findByText('The saved index was damaged; it was rebuilt.'),
    ).toBeInTheDocument();
  });
});

describe('the index in memory', () => {
  it('is held while the Search area is shown and let go when it is left', async () => {
    const client = answering({});
    const { unmount } = renderArea(client, { query: 'kim' });
    await waitFor(() => expect(client.calls.length).toBeGreaterThan(0));
    expect(client.retained).toBe(1);
    unmount();
    expect(client.retained).toBe(0);
  });
});

describe('typing', () => {
  it('searches once typing pauses, keeps the query in the route (replace), and drops stale answers', async () => {
    const client = fakeSearchClient((query) =>
      ok(
        aResponse(caseId, {
          entity: [aHit({ kind: 'entity', id: ENTITY_ID, title: `Answer to ${query}` })],
        }),
      ),
    );
    const { user, field, onQueryChange } = renderArea(client);
    client.hold();
    await user.type(field, 'kim');
    await waitFor(() => expect(client.calls.map((c) => c.query)).toContain('kim'));
    // Debounced: not one search per keystroke.
    expect(client.calls.map((c) => c.query)).toEqual(['kim']);
    expect(onQueryChange).toHaveBeenLastCalledWith('kim', { replace: true });

    await user.type(field, ' nam');
    await waitFor(() => expect(client.calls.map((c) => c.query)).toContain('kim nam'));
    // The newer answer arrives first, then the stale one: the stale one is ignored.
    client.release(1);
    expect(await screen.findByText('Answer to kim nam')).toBeInTheDocument();
    client.release(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText('Answer to kim')).not.toBeInTheDocument();
    expect(screen.getByText('Answer to kim nam')).toBeInTheDocument();
  });

  it('follows a query arriving through the route (Back, the header box)', async () => {
    const client = answering({});
    const { rerender, field } = renderArea(client, { query: 'kim' });
    expect(field).toHaveValue('kim');
    const handlers = {
      onQueryChange: vi.fn(),
      onOpenSource: vi.fn(),
      onOpenPassage: vi.fn(),
      onOpenEntity: vi.fn(),
      onOpenClaim: vi.fn(),
      onOpenNote: vi.fn(),
    };
    rerender(
      <Providers storage={storage} client={client}>
        <SearchArea caseId={caseId} query="nam" readOnly={false} {...handlers} />
      </Providers>,
    );
    await waitFor(() => expect(field).toHaveValue('nam'));
    await waitFor(() => expect(client.calls.at(-1)?.query).toBe('nam'));
    expect(handlers.onQueryChange).not.toHaveBeenCalled();
  });
});

describe('keyboard', () => {
  it('ArrowDown goes into the results, arrows move between hits, Enter opens, Escape returns', async () => {
    const client = answering({
      entity: [
        aHit({ kind: 'entity', id: ENTITY_ID, title: 'Kim Jong Nam', entityType: 'Person' }),
      ],
      source: [
        aHit({
          kind: 'source',
          id: SOURCE_ID,
          title: 'Harbour log',
          firstMatch: { start: 40, end: 43 },
        }),
      ],
      passage: [aHit({ kind: 'passage', id: PASSAGE_ID, title: 'a quote', sourceId: SOURCE_ID })],
    });
    const { user, field, onOpenSource, onOpenEntity, onOpenPassage } = renderArea(client, {
      query: 'kim',
    });
    const entity = await screen.findByRole('button', { name: /Kim Jong Nam/ });
    const source = screen.getByRole('button', { name: /Harbour log/ });
    const passage = screen.getByRole('button', { name: /a quote/ });
    // One tab stop in the results (roving focus).
    expect(entity).toHaveAttribute('tabindex', '0');
    expect(source).toHaveAttribute('tabindex', '-1');

    field.focus();
    await user.keyboard('{ArrowDown}');
    expect(entity).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(source).toHaveFocus();
    expect(source).toHaveAttribute('tabindex', '0');
    await user.keyboard('{ArrowDown}');
    expect(passage).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(entity).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(field).toHaveFocus();

    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpenEntity).toHaveBeenCalledWith(ENTITY_ID);
    source.focus();
    await user.keyboard('{Enter}');
    expect(onOpenSource).toHaveBeenCalledWith(SOURCE_ID, { find: 'kim', findAt: 40 });
    passage.focus();
    await user.keyboard('{Enter}');
    expect(onOpenPassage).toHaveBeenCalledWith(SOURCE_ID, PASSAGE_ID, { find: 'kim' });
    await user.keyboard('{Escape}');
    expect(field).toHaveFocus();
  });
});
