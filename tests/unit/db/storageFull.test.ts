import { describe, expect, test, vi } from 'vitest';
import { aSourceDraft, sha256Of } from '../../fixtures/builders';
import { closingStorages, dumpDatabase, value } from './helpers';
import { seedInvestigation } from './transferSeed';

/**
 * Issue 11, storage faults: the disk (or the origin's quota) fills up in the middle of a write.
 * IndexedDB then aborts the transaction; the app must say so plainly and nothing may be partial.
 * fake-indexeddb never runs out of room, so the browser's error is thrown from inside the
 * transaction, after earlier writes of the same transaction have landed.
 */
const storage = closingStorages();

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

describe('a full disk during a write', () => {
  test('a case import (one transaction) is refused as storage.full and leaves nothing behind', async () => {
    const source = await storage();
    const inv = await seedInvestigation(source);
    const extract = value(await source.transfer.extract(inv.caseId, { kind: 'all' }));
    const incoming = extract.records as never;

    const target = await storage();
    const before = await dumpDatabase(target.db);
    const plan = value(await target.transfer.plan(incoming, extract.originals));
    // Sources, texts and passages are written before the claims: the quota runs out there.
    const spy = vi.spyOn(target.db.claims, 'bulkPut').mockRejectedValueOnce(quotaExceeded());
    const result = await target.transfer.commit(incoming, extract.originals, plan, {
      target: 'new-case',
      audit: { action: 'bundle.imported', subject: 'harbour.casefile', detail: {} },
    });
    expect(spy).toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.full' } });
    expect(result.ok ? '' : result.error.message).toMatch(/full\. Nothing was changed\./);
    expect((await dumpDatabase(target.db)).json).toBe(before.json);

    // With room again, the same plan goes through.
    spy.mockRestore();
    const retried = await target.transfer.commit(incoming, extract.originals, plan, {
      target: 'new-case',
      audit: { action: 'bundle.imported', subject: 'harbour.casefile', detail: {} },
    });
    expect(retried.ok).toBe(true);
  });

  test('a source import is refused as storage.full: no source, text or original is left', async () => {
    const s = await storage();
    const inv = await seedInvestigation(s);
    const before = await dumpDatabase(s.db);
    const bytes = new TextEncoder().encode('A new memo about the harbour.');
    // The original and the source row are written first; the text runs out of room.
    vi.spyOn(s.db.sourceContents, 'add').mockRejectedValueOnce(quotaExceeded());
    const result = await s.sources.import(inv.caseId, {
      draft: aSourceDraft({ text: 'A new memo about the harbour.', title: 'New memo' }),
      bytes,
      sha256: sha256Of(bytes),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.full' } });
    expect((await dumpDatabase(s.db)).json).toBe(before.json);
  });
});
