import { afterEach, describe, expect, test } from 'vitest';
import { generateAgeIdentity } from '../../../src/core/bundle/age';
import { readBundle } from '../../../src/core/bundle/bundle';
import type { CaseExtract } from '../../../src/core/ports/transfer';
import { openBackupStore, type BackupStore } from '../../../src/db/backupStore';
import {
  INSTALLATION_RECIPIENT_NAME,
  backUpCases,
  restoreBackup,
  type BackupProgress,
} from '../../../src/db/backups';
import { sha256BytesHex } from '../../../src/db/hash';
import type { CasefileStorage } from '../../../src/db/open';
import { err } from '../../../src/shared/result';
import {
  closingStorages,
  dumpDatabase,
  freshDbName,
  newCase,
  reopenReadOnly,
  value,
} from './helpers';
import { seedInvestigation } from './transferSeed';

const storage = closingStorages();
const APP = { name: 'Casefile', version: 'test' };

let stores: BackupStore[] = [];
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
});
async function aStore(): Promise<BackupStore> {
  const store = await openBackupStore({ name: freshDbName() });
  stores.push(store);
  return store;
}

function sourceOf(s: CasefileStorage) {
  return { cases: s.cases, transfer: s.transfer, schemaVersion: s.db.verno };
}

/** Everything a case's extract carries, without the audit chain (restore appends to it). */
function recordsWithoutAudit(extract: CaseExtract) {
  const { audit: _audit, ...records } = extract.records;
  return { records, originals: [...extract.originals.entries()] };
}

describe('backUpCases', () => {
  test('backs up every case, encrypted to the installation and the analyst, unsigned', async () => {
    const s = await storage();
    const inv = await seedInvestigation(s);
    const other = await newCase(s, 'Northgate shell companies');
    const store = await aStore();
    const analyst = await generateAgeIdentity();
    const progress: BackupProgress[] = [];
    const results = value(
      await backUpCases(sourceOf(s), store, {
        reason: 'manual',
        extraRecipients: [{ recipient: analyst.recipient, name: 'R. Okafor' }],
        app: APP,
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
    expect(progress[0]).toMatchObject({ done: 0, total: 2 });
    const listed = await store.list();
    expect(listed.map((b) => b.caseId).sort()).toEqual([inv.caseId, other].sort());
    const backup = value(await store.get(listed.find((b) => b.caseId === inv.caseId)!.id));
    expect(backup).toMatchObject({
      reason: 'manual',
      caseTitle: 'Harbour fuel diversion',
      schemaVersion: s.db.verno,
      size: backup.bytes.length,
      sha256: await sha256BytesHex(backup.bytes),
      recipientNames: [INSTALLATION_RECIPIENT_NAME, 'R. Okafor'],
    });
    // The analyst's own identity opens it too (e.g. a copy saved elsewhere).
    const opened = value(
      await readBundle(
        backup.bytes,
        { identities: [analyst.identity] },
        { sha256Hex: sha256BytesHex },
      ),
    );
    expect(opened.signer).toEqual({ status: 'unsigned' });
    expect(opened.manifest.encryption).toEqual({
      kind: 'recipients',
      recipients: [
        { name: INSTALLATION_RECIPIENT_NAME, recipient: value(await store.recipient()) },
        { name: 'R. Okafor', recipient: analyst.recipient },
      ],
    });
    expect(opened.caseData.sources).toHaveLength(3);
  });

  test('only the chosen cases, and one failing case does not stop the others', async () => {
    const s = await storage();
    const first = await newCase(s, 'First');
    const second = await newCase(s, 'Second');
    const third = await newCase(s, 'Third');
    const store = await aStore();
    const failing = {
      ...sourceOf(s),
      transfer: {
        extract: (caseId: typeof first, scope: { kind: 'all' }) =>
          caseId === second
            ? Promise.resolve(err('storage.writeFailed', 'The disk is unreadable.'))
            : s.transfer.extract(caseId, scope),
      },
    };
    const results = value(
      await backUpCases(failing, store, { reason: 'manual', caseIds: [first, second], app: APP }),
    );
    expect(results).toHaveLength(2);
    expect(results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ok: true, caseId: first }),
        {
          ok: false,
          caseId: second,
          caseTitle: 'Second',
          error: { code: 'storage.writeFailed', message: 'The disk is unreadable.' },
        },
      ]),
    );
    expect((await store.list()).map((b) => b.caseId)).toEqual([first]);
    expect(results.some((r) => r.caseId === third)).toBe(false);
  });
});

describe('restoreBackup', () => {
  test('replace puts the case back as it was, with a backup.restored event', async () => {
    const s = await storage();
    const inv = await seedInvestigation(s);
    const before = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const store = await aStore();
    const [result] = value(await backUpCases(sourceOf(s), store, { reason: 'manual', app: APP }));
    const backup = result?.ok ? result.backup : undefined;
    // Change the case after the backup: rename it and delete a source.
    value(await s.cases.update(inv.caseId, { title: 'Renamed' }));
    value(await s.notes.delete(inv.note.id));

    const outcome = value(await restoreBackup(s, store, backup!.id, { target: 'replace' }));
    expect(outcome.caseId).toBe(inv.caseId);
    const after = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    expect(recordsWithoutAudit(after)).toEqual(recordsWithoutAudit(before));
    expect(after.records.audit.slice(0, -1)).toEqual(before.records.audit);
    expect(after.records.audit.at(-1)).toMatchObject({
      action: 'backup.restored',
      detail: {
        backupCreatedAt: backup!.createdAt,
        backupSha256: backup!.sha256,
        reason: 'manual',
        replaced: true,
      },
    });
    expect((await s.audit.verify(inv.caseId)).ok).toBe(true);
  });

  test('a deleted case comes back as a new case; new-case over a live case is refused', async () => {
    const s = await storage();
    const inv = await seedInvestigation(s);
    const store = await aStore();
    const [result] = value(await backUpCases(sourceOf(s), store, { reason: 'manual', app: APP }));
    const id = result?.ok ? result.backup.id : '';
    const live = await dumpDatabase(s.db);
    expect(await restoreBackup(s, store, id, { target: 'new-case' })).toMatchObject({
      ok: false,
      error: {
        code: 'backup.caseExists',
        message: expect.stringContaining('Harbour fuel diversion') as string,
      },
    });
    expect((await dumpDatabase(s.db)).json).toBe(live.json);
    value(await s.cases.delete(inv.caseId));
    value(await restoreBackup(s, store, id, { target: 'new-case' }));
    expect((await s.cases.get(inv.caseId))?.title).toBe('Harbour fuel diversion');
  });

  test('an unknown backup, a damaged one, and read-only storage change nothing', async () => {
    const s = await storage();
    await seedInvestigation(s);
    const store = await aStore();
    const [result] = value(await backUpCases(sourceOf(s), store, { reason: 'manual', app: APP }));
    const good = result?.ok ? value(await store.get(result.backup.id)) : undefined;
    const dump = await dumpDatabase(s.db);
    expect(await restoreBackup(s, store, 'missing', { target: 'replace' })).toMatchObject({
      ok: false,
      error: { code: 'backup.notFound' },
    });
    const damaged = good!.bytes.slice();
    damaged[damaged.length - 5]! ^= 1;
    const { id: _id, size: _size, ...rest } = good!;
    const stored = value(
      await store.add({ ...rest, bytes: damaged, createdAt: '2030-01-01T00:00:00.000Z' }),
    );
    const refused = await restoreBackup(s, store, stored.backup.id, { target: 'replace' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^bundle\.age\./) as string },
    });
    expect((await dumpDatabase(s.db)).json).toBe(dump.json);

    const otherStore = await aStore();
    value(await otherStore.recipient());
    const foreign = await otherStore.add({ ...rest, bytes: good!.bytes });
    const wrongKey = await restoreBackup(s, otherStore, value(foreign).backup.id, {
      target: 'replace',
    });
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'bundle.age.wrongKey' } });
    expect((await dumpDatabase(s.db)).json).toBe(dump.json);

    const readOnly = await reopenReadOnly(s, (name) => storage(name));
    const frozen = await dumpDatabase(readOnly.db);
    expect(
      await restoreBackup(readOnly, store, result?.ok ? result.backup.id : '', {
        target: 'replace',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'storage.readOnly' },
    });
    expect((await dumpDatabase(readOnly.db)).json).toBe(frozen.json);
  });
});
