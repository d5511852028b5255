import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App';
import { formatRoute } from '../../../src/app/route';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { createTaskStore } from '../../../src/features/tasks';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import type { SearchIndexStatus } from '../../../src/search/types';
import { err } from '../../../src/shared/result';
import { fakeSearchClient } from '../search/harness';

let storage: CasefileStorage;
beforeEach(async () => {
  storage = await openCasefileStorage({
    name: `casefile-component-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
});
afterEach(() => {
  storage.close();
  window.location.hash = '';
});

/** The search feature's fake client, whose index status the test announces. */
function aSearchClient() {
  const client = fakeSearchClient(() => err('search.index.failed', 'not in this test'));
  const announce = (status: Omit<SearchIndexStatus, 'documents'>) =>
    act(() => client.emit({ documents: 0, ...status }));
  return { client, announce };
}

describe('the search index toast', () => {
  it('shows indexing that takes noticeable time, and goes when the index is ready', async () => {
    const created = await storage.cases.create({ title: 'Harbour Street' });
    if (!created.ok) throw new Error(created.error.message);
    const caseId = created.value.id;
    window.location.hash = formatRoute({ page: 'case', caseId, area: 'overview' });
    const delays: (() => void)[] = [];
    const tasks = createTaskStore({ setTimer: (run) => delays.push(run), clearTimer: () => {} });
    const { client, announce } = aSearchClient();
    render(
      <App
        host={createBrowserHost({ version: 'test' })}
        storage={storage}
        ingest={createInlineIngest()}
        extractor={createInlineExtractor()}
        search={client}
        tasks={tasks}
      />,
    );
    await screen.findByRole('heading', { name: 'Harbour Street', level: 1 });

    announce({ caseId, state: 'building', done: 0, total: 0 });
    announce({ caseId, state: 'building', done: 1200, total: 4800 });
    // Quick indexing passes unseen.
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    act(() => delays.forEach((run) => run()));
    const toast = screen.getByRole('status', { name: 'Indexing the case for search' });
    expect(toast).toHaveTextContent('Building the index: 1,200 of 4,800 records');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');

    announce({ caseId, state: 'ready', done: 4800, total: 4800 });
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();

    announce({ caseId, state: 'failed', done: 0, total: 0, error: 'The disk is full.' });
    announce({ caseId, state: 'failed', done: 0, total: 0, error: 'The disk is full.' });
    expect(
      screen.getAllByRole('alert', { name: 'The search index could not be built' }),
    ).toHaveLength(1);
  });
});
