import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ServicesProvider } from '../../../src/features/services';
import { SourcesArea } from '../../../src/features/sources';
import { StorageProvider } from '../../../src/features/storage';
import {
  createExtractionQueue,
  type ExtractionQueue,
  type ExtractionSnapshot,
} from '../../../src/features/suggestions';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  addSource,
  createFakeExtractor,
  openTestStorage,
  type FakeExtractor,
} from '../entities/harness';

let storage: CasefileStorage;
let caseId: CaseId;
let extractor: FakeExtractor;
let queue: ExtractionQueue | undefined;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  extractor = createFakeExtractor(50);
});
afterEach(() => {
  queue?.dispose();
  queue = undefined;
  storage.close();
});

/** Resolves when the queue has nothing left to do. */
function idle(q: ExtractionQueue): Promise<ExtractionSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const now = q.snapshot();
      if (now.jobs.length === 0) {
        stop();
        resolve(now);
      }
    };
    const stop = q.subscribe(check);
    check();
  });
}

/** Resolves when the snapshot satisfies the test. */
function until(q: ExtractionQueue, test: (s: ExtractionSnapshot) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (test(q.snapshot())) {
        stop();
        resolve();
      }
    };
    const stop = q.subscribe(check);
    check();
  });
}

describe('the extraction queue', () => {
  it('extracts queued sources one at a time and stores their suggestions', async () => {
    const a = await addSource(storage, caseId, 'A', 'Call home to 203.0.113[.]45 tonight.');
    const b = await addSource(storage, caseId, 'B', 'See CVE-2023-23397 and evil[.]example[.]com.');
    queue = createExtractionQueue({ storage, extractor });
    let stored = 0;
    queue.onStored(() => (stored += 1));
    queue.enqueue(caseId, [
      { id: a.id, title: a.title },
      { id: b.id, title: b.title },
    ]);
    expect(queue.snapshot().jobs.map((j) => [j.title, j.state])).toEqual([
      ['A', 'running'],
      ['B', 'queued'],
    ]);
    const done = await idle(queue);
    expect(done.outcomes.get(a.id)).toEqual({
      status: 'done',
      found: 1,
      added: 1,
      skippedRejected: 0,
    });
    expect(done.outcomes.get(b.id)).toMatchObject({ status: 'done', found: 2, added: 2 });
    expect(stored).toBe(2);
    expect((await storage.suggestions.forSource(a.id)).map((s) => s.value)).toEqual([
      '203.0.113.45',
    ]);
    expect(extractor.requests.map((r) => r.text.slice(0, 4))).toEqual(['Call', 'See ']);
  });

  it('leaves large sources and sources without text to an explicit request', async () => {
    const big = await addSource(storage, caseId, 'Big', 'x '.repeat(600) + '203.0.113.45');
    const blank = await addSource(storage, caseId, 'Blank', '   ');
    queue = createExtractionQueue({ storage, extractor, maxAutomaticBytes: 1000 });
    queue.enqueue(caseId, [
      { id: big.id, title: big.title },
      { id: blank.id, title: blank.title },
    ]);
    const done = await idle(queue);
    const skipped = done.outcomes.get(big.id);
    expect(skipped?.status === 'skipped' && skipped.reason).toMatch(
      /^Not searched automatically: the source is large/,
    );
    expect(done.outcomes.get(blank.id)).toEqual({
      status: 'skipped',
      reason: 'This source has no text to search.',
    });
    expect(extractor.requests).toEqual([]);

    queue.runNow(caseId, { id: big.id, title: big.title });
    expect((await idle(queue)).outcomes.get(big.id)).toMatchObject({ status: 'done', added: 1 });
  });

  it('puts a background job back when the investigator asks for another source', async () => {
    const a = await addSource(storage, caseId, 'A', 'Call home to 203.0.113[.]45. '.repeat(20));
    const b = await addSource(storage, caseId, 'B', 'See CVE-2023-23397.');
    extractor.hold = true;
    queue = createExtractionQueue({ storage, extractor });
    const finished: string[] = [];
    queue.subscribe(() => {
      for (const id of queue!.snapshot().outcomes.keys())
        if (!finished.includes(id)) finished.push(id);
    });
    queue.enqueue(caseId, [{ id: a.id, title: a.title }]);
    await until(queue, (s) => s.jobs[0]?.state === 'running' && s.jobs[0].totalChars > 0);
    extractor.hold = false;
    queue.runNow(caseId, { id: b.id, title: b.title });
    const done = await idle(queue);
    expect(finished).toEqual([b.id, a.id]);
    expect(done.outcomes.get(a.id)).toMatchObject({ status: 'done', added: 20 });
    expect(done.outcomes.get(b.id)).toMatchObject({ status: 'done', added: 1 });
  });

  it('cancels a case’s jobs, running and waiting, storing nothing', async () => {
    const a = await addSource(storage, caseId, 'A', 'Call home to 203.0.113[.]45.');
    const b = await addSource(storage, caseId, 'B', 'See CVE-2023-23397.');
    extractor.hold = true;
    queue = createExtractionQueue({ storage, extractor });
    queue.enqueue(caseId, [
      { id: a.id, title: a.title },
      { id: b.id, title: b.title },
    ]);
    await until(queue, (s) => s.jobs[0]?.state === 'running' && s.jobs[0].totalChars > 0);
    queue.cancelCase(caseId);
    const done = await idle(queue);
    expect(done.outcomes.get(a.id)).toEqual({ status: 'cancelled' });
    expect(done.outcomes.get(b.id)).toEqual({ status: 'cancelled' });
    expect(await storage.suggestions.forSource(a.id)).toEqual([]);
    expect(await storage.suggestions.forSource(b.id)).toEqual([]);
  });
});

function renderSources(chosen: File[]) {
  const user = userEvent.setup();
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({ version: 'test', chooseFiles: () => Promise.resolve(chosen) })}
        ingest={createInlineIngest()}
        extractor={extractor}
      >
        <SourcesArea caseId={caseId} readOnly={false} onOpenSource={() => {}} />
      </ServicesProvider>
    </StorageProvider>,
  );
  return user;
}

describe('extraction on import', () => {
  it('queues each imported source after the batch and reports what waits for review', async () => {
    const chosen = [
      new File(['Beacon to 203.0.113[.]45 and hxxp://bad[.]example[.]com/a'], 'tip.txt'),
      new File(['Exploits CVE-2023-23397.'], 'advisory.txt'),
    ];
    extractor.hold = true;
    const user = renderSources(chosen);
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));
    await screen.findByRole('button', { name: 'Close report' });
    const status = await screen.findByRole('region', { name: 'Entity suggestions' });
    expect(within(status).getByText(/Finding entities in 2 sources…/)).toBeInTheDocument();
    extractor.hold = false;
    extractor.release();
    await within(status).findByText(/3 suggestions to review in 2 sources/);
    const sources = await storage.sources.list(caseId);
    const counts = await storage.suggestions.pendingCounts(caseId);
    expect(sources.map((s) => counts.get(s.id)).sort()).toEqual([1, 2]);
  });

  it('can be stopped from the status line', async () => {
    const chosen = [new File(['Beacon to 203.0.113[.]45.'], 'tip.txt')];
    extractor.hold = true;
    const user = renderSources(chosen);
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));
    const status = await screen.findByRole('region', { name: 'Entity suggestions' });
    await user.click(within(status).getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Entity suggestions' })).toBeNull(),
    );
    const [source] = await storage.sources.list(caseId);
    expect(await storage.suggestions.forSource(source!.id)).toEqual([]);
  });
});

describe('extraction failures after import', () => {
  it('are reported on the status line until dismissed', async () => {
    extractor.failNext = 'The extraction worker stopped: out of memory';
    const user = renderSources([new File(['Beacon to 203.0.113[.]45.'], 'tip.txt')]);
    await user.click(await screen.findByRole('button', { name: 'Import files…' }));
    const status = await screen.findByRole('region', { name: 'Entity suggestions' });
    expect(await within(status).findByRole('alert')).toHaveTextContent(
      'Could not find entities in “Beacon to 203.0.113[.]45.”: The extraction worker stopped: out of memory',
    );
    await user.click(within(status).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Entity suggestions' })).toBeNull(),
    );
  });
});
