import Dexie from 'dexie';
import { expect, test } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../src/db/schema';
import { freshDbName, openTestStorage, storesOf, value } from './helpers';

/**
 * Issue 11, storage faults: two windows are open and a newer Casefile upgrades the database in
 * one of them. The older window must let the upgrade through (never block it) and then say
 * plainly why it can no longer save, instead of a bare "database closed".
 */
test('another window upgrading the database: this one steps aside, then refuses writes clearly', async () => {
  const name = freshDbName();
  const storage = await openTestStorage(name);
  const caseId = value(await storage.cases.create({ title: 'Harbour fuel diversion' })).id;

  // A newer app in another window: one schema version more, same tables.
  const newer = new Dexie(name);
  newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ ...storesOf(CURRENT_SCHEMA_VERSION) });
  await newer.open(); // would hang (blocked) if this window held on to its connection
  expect(newer.verno).toBe(CURRENT_SCHEMA_VERSION + 1);

  const refused = await storage.cases.update(caseId, { title: 'Renamed' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'storage.closed' } });
  expect(refused.ok ? '' : refused.error.message).toMatch(/another Casefile window.*Reload/);
  // Nothing was written: the newer window still sees the old title.
  expect((await newer.table('cases').get(caseId)) as { title: string }).toMatchObject({
    title: 'Harbour fuel diversion',
  });
  newer.close();
  storage.close();
});
