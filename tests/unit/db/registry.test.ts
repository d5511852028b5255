/**
 * Issue 11, storage faults: the case registry kept outside IndexedDB, and backups kept as files.
 * A database deleted, recreated or swapped while the app was closed must be noticed at start, and
 * the cases restored from the backup files even when the backups database went with it.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { openBackupStore, type BackupStore } from '../../../src/db/backupStore';
import { backUpCases, restoreBackup } from '../../../src/db/backups';
import type { CasefileStorage } from '../../../src/db/open';
import {
  checkAgainstRegistry,
  checkUnreadableDatabase,
  DATABASE_ID_KEY,
  readDatabaseId,
  startRegistryUpdates,
} from '../../../src/db/registry';
import { err } from '../../../src/shared/result';
import { freshDbName, openTestStorage, value } from './helpers';
import { memoryBackupFiles, memoryRegistry } from './memoryBackupFiles';
import { seedInvestigation } from './transferSeed';

const APP = { name: 'Casefile', version: 'test' };

let open: { close(): void }[] = [];
afterEach(() => {
  for (const item of open) item.close();
  open = [];
});
async function opened<T extends { close(): void }>(item: Promise<T>): Promise<T> {
  const result = await item;
  open.push(result);
  return result;
}

/** A database with two cases, and the registry written from it. */
async function registeredDatabase() {
  const name = freshDbName();
  const storage = await opened(openTestStorage(name));
  await seedInvestigation(storage);
  value(await storage.cases.create({ title: 'Quiet harbour' }));
  const registry = memoryRegistry();
  const updater = startRegistryUpdates(storage.db, registry.store, { delayMs: 10 });
  value(await updater.flush());
  updater.stop();
  return { name, storage, registry };
}

describe('the registry snapshot', () => {
  test('lists every case with its record counts, and the database id written into the database', async () => {
    const { storage, registry } = await registeredDatabase();
    const record = registry.state.record!;
    expect(record.databaseId).toBe(await readDatabaseId(storage.db));
    expect(record.cases).toHaveLength(2);
    const seeded = record.cases.find((entry) => entry.title !== 'Quiet harbour')!;
    expect(seeded.counts.sources).toBeGreaterThan(0);
    expect(seeded.counts.passages).toBeGreaterThan(0);
    expect(record.cases.find((entry) => entry.title === 'Quiet harbour')!.counts).toEqual({
      sources: 0,
      passages: 0,
      entities: 0,
      claims: 0,
      notes: 0,
    });
  });

  test('is rewritten after a committed write (debounced), not before', async () => {
    const { storage, registry } = await registeredDatabase();
    const updater = startRegistryUpdates(storage.db, registry.store, { delayMs: 5 });
    await updater.flush();
    const writes = registry.state.writes;
    value(await storage.cases.create({ title: 'Third case' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registry.state.writes).toBeGreaterThan(writes);
    expect(registry.state.record!.cases.map((entry) => entry.title)).toContain('Third case');
    updater.stop();
  });

  test('a registry that cannot be written is reported, not thrown', async () => {
    const { storage } = await registeredDatabase();
    const messages: string[] = [];
    const failing = {
      read: () => Promise.resolve(err('registry.readFailed', 'no')),
      write: () => Promise.resolve(err('registry.writeFailed', 'The disk is full.')),
    };
    const updater = startRegistryUpdates(storage.db, failing, {
      onError: (message) => messages.push(message),
    });
    expect(await updater.flush()).toMatchObject({
      ok: false,
      error: { code: 'registry.writeFailed' },
    });
    expect(messages).toContain('The disk is full.');
    updater.stop();
  });
});

describe('the start-up check', () => {
  test('the same database: ok, even with a case deleted in the app since', async () => {
    const { storage, registry } = await registeredDatabase();
    expect(await checkAgainstRegistry(storage.db, registry.store)).toEqual({ kind: 'ok' });
    const quiet = (await storage.cases.list()).find((entry) => entry.title === 'Quiet harbour')!;
    value(await storage.cases.delete(quiet.id));
    expect(await checkAgainstRegistry(storage.db, registry.store)).toEqual({ kind: 'ok' });
  });

  test('no registry yet (first start): nothing to compare', async () => {
    const storage = await opened(openTestStorage(freshDbName()));
    expect(await checkAgainstRegistry(storage.db, memoryRegistry().store)).toEqual({
      kind: 'no-registry',
    });
  });

  test('the database deleted and recreated empty: every registered case is missing', async () => {
    const { name, storage, registry } = await registeredDatabase();
    storage.close();
    await Dexie.delete(name);
    const fresh = await opened(openTestStorage(name));
    const check = await checkAgainstRegistry(fresh.db, registry.store);
    expect(check).toMatchObject({ kind: 'mismatch', reason: 'database-missing' });
    expect(
      check.kind === 'mismatch' ? check.missing.map((entry) => entry.title).sort() : [],
    ).toEqual(registry.state.record!.cases.map((entry) => entry.title).sort());
    expect(check.kind === 'mismatch' ? check.lastSeen : '').toBe(registry.state.record!.updatedAt);
  });

  test('another database in its place (a different id): the missing cases', async () => {
    const { registry } = await registeredDatabase();
    const other = await opened(openTestStorage(freshDbName()));
    await other.db.meta.put({ key: DATABASE_ID_KEY, value: 'another-database' });
    expect(await checkAgainstRegistry(other.db, registry.store)).toMatchObject({
      kind: 'mismatch',
      reason: 'database-replaced',
    });
  });

  test('a database that cannot be opened: every registered case, with the detail', async () => {
    const { registry } = await registeredDatabase();
    const check = await checkUnreadableDatabase(
      registry.store,
      'Internal error opening backing store',
    );
    expect(check).toMatchObject({
      kind: 'mismatch',
      reason: 'database-unreadable',
      detail: 'Internal error opening backing store',
    });
    expect(check.kind === 'mismatch' ? check.missing : []).toHaveLength(2);
  });

  test('an unreadable registry does not block the start', async () => {
    const storage = await opened(openTestStorage(freshDbName()));
    const broken = {
      read: () => Promise.resolve(err('registry.invalid', 'Invalid case registry at "cases": …')),
      write: () => Promise.resolve(err('registry.writeFailed', 'no')),
    };
    expect(await checkAgainstRegistry(storage.db, broken)).toMatchObject({
      kind: 'registry-unreadable',
    });
  });
});

describe('backups as files', () => {
  async function backedUp(storage: CasefileStorage, files: ReturnType<typeof memoryBackupFiles>) {
    const store = await opened(openBackupStore({ name: freshDbName(), files: files.store }));
    const results = value(
      await backUpCases(
        { cases: storage.cases, transfer: storage.transfer, schemaVersion: storage.db.verno },
        store,
        { reason: 'manual', app: APP },
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    return store;
  }

  test('every backup is also a file (bundle + summary), and so is the backup key', async () => {
    const { storage } = await registeredDatabase();
    const files = memoryBackupFiles();
    const store = await backedUp(storage, files);
    const listed = await store.list();
    expect(listed).toHaveLength(2);
    for (const backup of listed) {
      expect(backup.storedIn).toEqual(['database', 'file']);
      expect(files.files.has(`${backup.id}.casefile`)).toBe(true);
      expect(files.files.has(`${backup.id}.json`)).toBe(true);
    }
    expect(files.files.has('backup-key.json')).toBe(true);
  });

  test('IndexedDB wiped whole (cases AND backups): restored from the files, case back', async () => {
    const { name, storage, registry } = await registeredDatabase();
    const files = memoryBackupFiles();
    const oldStore = await backedUp(storage, files);
    const titles = (await storage.cases.list()).map((entry) => entry.title).sort();
    const recipient = value(await oldStore.recipient());
    storage.close();
    oldStore.close();
    await Dexie.delete(name);

    // A new backups database: the IndexedDB copies and the key are gone, the files are not.
    const store = await opened(openBackupStore({ name: freshDbName(), files: files.store }));
    const listed = await store.list();
    expect(listed.map((backup) => backup.storedIn)).toEqual([['file'], ['file']]);
    const fresh = await opened(openTestStorage(name));
    expect(await checkAgainstRegistry(fresh.db, registry.store)).toMatchObject({
      kind: 'mismatch',
    });
    for (const backup of listed) {
      const restored = await restoreBackup(fresh, store, backup.id, { target: 'new-case' });
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
    }
    expect((await fresh.cases.list()).map((entry) => entry.title).sort()).toEqual(titles);
    // New backups after the wipe use the same key again (taken back from its file).
    expect(value(await store.recipient())).toBe(recipient);
  });

  test('a damaged backup file is refused with its name, not restored', async () => {
    const { name, storage } = await registeredDatabase();
    const files = memoryBackupFiles();
    const oldStore = await backedUp(storage, files);
    const [first] = await oldStore.list();
    oldStore.close();
    storage.close();
    await Dexie.delete(name);
    const bundle = files.files.get(`${first!.id}.casefile`)!;
    bundle[bundle.length - 1] = (bundle.at(-1) ?? 0) ^ 0xff;
    const store = await opened(openBackupStore({ name: freshDbName(), files: files.store }));
    expect(await store.get(first!.id)).toMatchObject({
      ok: false,
      error: { code: 'backup.damaged' },
    });
  });

  test('removing a backup removes its files; pruning too', async () => {
    const { storage } = await registeredDatabase();
    const files = memoryBackupFiles();
    const store = await backedUp(storage, files);
    const [first] = await store.list();
    value(await store.remove(first!.id));
    expect(files.files.has(`${first!.id}.casefile`)).toBe(false);
    expect(files.files.has(`${first!.id}.json`)).toBe(false);
  });

  test('a summary file that is not valid is ignored (the folder is outside the app)', async () => {
    const files = memoryBackupFiles();
    files.files.set('evil.json', new TextEncoder().encode('{"id":"evil","caseId":1}'));
    files.files.set('evil.casefile', new Uint8Array([1, 2, 3]));
    files.files.set('junk.json', new TextEncoder().encode('not json'));
    files.files.set('junk.casefile', new Uint8Array([1]));
    const store: BackupStore = await opened(
      openBackupStore({ name: freshDbName(), files: files.store }),
    );
    expect(await store.list()).toEqual([]);
  });
});
