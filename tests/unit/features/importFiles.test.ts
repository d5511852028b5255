import { describe, expect, it } from 'vitest';
import { openCasefileStorage } from '../../../src/db';
import {
  importFiles,
  pendingFromBytes,
  pendingTooLarge,
} from '../../../src/features/sources/importFiles';
import { createInlineIngest } from '../../../src/ingest/inline';

const text = (s: string) => new TextEncoder().encode(s);

async function setup() {
  const storage = await openCasefileStorage({
    name: `import-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Batch' });
  if (!created.ok) throw new Error('setup');
  return { storage, caseId: created.value.id, ingest: createInlineIngest() };
}

describe('importFiles', () => {
  it('refuses an oversized file on its own row, unread, and imports the rest', async () => {
    const { storage, caseId, ingest } = await setup();
    const rows = await importFiles(
      [
        pendingTooLarge('scan.pdf', 300 * 1024 * 1024),
        pendingFromBytes('note.txt', text('A short note.')),
      ],
      { caseId, storage, ingest },
    );
    expect(rows.map((r) => [r.fileName, r.outcome.status])).toEqual([
      ['scan.pdf', 'failed'],
      ['note.txt', 'imported'],
    ]);
    expect(rows[0]!.outcome).toMatchObject({
      code: 'ingest.tooLarge',
      message: 'scan.pdf is 300.0 MB; the limit is 200.0 MB.',
    });
    expect(await storage.sources.list(caseId)).toHaveLength(1);
  });

  it('imports identical files in one batch once, and says so for the twin', async () => {
    const { storage, caseId, ingest } = await setup();
    const rows = await importFiles(
      [
        pendingFromBytes('a.txt', text('Same bytes.')),
        pendingFromBytes('b.txt', text('Same bytes.')),
      ],
      { caseId, storage, ingest },
    );
    expect(rows.map((r) => r.outcome.status)).toEqual(['imported', 'failed']);
    expect(rows[1]!.outcome).toMatchObject({
      code: 'ingest.duplicate',
      message: 'b.txt is identical to a.txt in this batch: imported once.',
    });
    expect(await storage.sources.list(caseId)).toHaveLength(1);
  });

  it('stops at a cancel: what was stored stays, the rest is reported cancelled', async () => {
    const { storage, caseId, ingest } = await setup();
    const controller = new AbortController();
    const files = Array.from({ length: 40 }, (_, i) =>
      pendingFromBytes(`f${i}.txt`, text(`File number ${i}.`)),
    );
    const rows = await importFiles(files, {
      caseId,
      storage,
      ingest,
      signal: controller.signal,
      onRow: (row) => {
        if (row.fileName === 'f3.txt') controller.abort();
      },
    });
    const imported = rows.filter((r) => r.outcome.status === 'imported').length;
    const cancelled = rows.filter((r) => r.outcome.status === 'cancelled').length;
    expect(rows).toHaveLength(40);
    expect(imported).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(0);
    expect(imported + cancelled).toBe(40);
    expect(await storage.sources.list(caseId)).toHaveLength(imported);
  });
});
