import { afterEach, describe, expect, test } from 'vitest';
import { decryptWithIdentities, encryptToRecipients } from '../../../src/core/bundle/age';
import type { SecretWrapper } from '../../../src/core/identity/types';
import { asCaseId, type CaseId } from '../../../src/core/model/ids';
import {
  MANUAL_BACKUPS_KEPT,
  MIGRATION_ROUNDS_KEPT,
  openBackupStore,
  type BackupReason,
  type BackupStore,
  type OpenBackupStoreOptions,
} from '../../../src/db/backupStore';
import { err, ok } from '../../../src/shared/result';
import { dumpDatabase, freshDbName, tickingClock, value } from './helpers';

let open: BackupStore[] = [];
afterEach(() => {
  for (const store of open) store.close();
  open = [];
});

async function aStore(options: OpenBackupStoreOptions = {}): Promise<BackupStore> {
  let id = 0;
  const store = await openBackupStore({
    name: freshDbName(),
    now: tickingClock(),
    newId: () => `backup-${String(++id).padStart(3, '0')}`,
    ...options,
  });
  open.push(store);
  return store;
}

const CASE_A = asCaseId('00000000-0000-4000-8000-00000000000a');
const CASE_B = asCaseId('00000000-0000-4000-8000-00000000000b');

let clock = 0;
function aBackup(caseId: CaseId, reason: BackupReason, round = `round-${++clock}`) {
  const at = new Date(Date.UTC(2026, 10, 1) + 60_000 * ++clock).toISOString();
  return {
    caseId,
    caseTitle: `Case ${caseId.slice(-1)}`,
    createdAt: at,
    reason,
    round,
    schemaVersion: 6,
    sha256: 'ab'.repeat(32),
    recipientNames: ['This installation'],
    bytes: new TextEncoder().encode(`bundle ${clock}`),
  };
}

/** A keychain that XORs with 0x5a: reversible, and visibly not the plain text. */
function fakeKeychain(available = true): SecretWrapper & { unwraps: number } {
  const flip = (bytes: Uint8Array) => bytes.map((byte) => byte ^ 0x5a);
  const keychain = {
    unwraps: 0,
    available: () => Promise.resolve(available),
    wrap: (plain: Uint8Array) => Promise.resolve(ok(flip(plain))),
    unwrap: (wrapped: Uint8Array) => {
      keychain.unwraps++;
      return Promise.resolve(ok(flip(wrapped)));
    },
  };
  return keychain;
}

describe('backup store', () => {
  test('stores, lists newest first without bytes, reads and removes a backup', async () => {
    const store = await aStore();
    const first = value(await store.add(aBackup(CASE_A, 'manual'))).backup;
    const second = value(await store.add(aBackup(CASE_B, 'manual'))).backup;
    const listed = await store.list();
    expect(listed.map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect(listed[0]).not.toHaveProperty('bytes');
    expect(listed[0]?.size).toBe(new TextEncoder().encode('bundle 2').length);
    const read = value(await store.get(first.id));
    expect(new TextDecoder().decode(read.bytes)).toMatch(/^bundle /);
    expect(value(await store.remove(first.id))).toBe(true);
    expect((await store.list()).map((entry) => entry.id)).toEqual([second.id]);
  });

  test('an unknown backup is refused by get and remove, naming it', async () => {
    const store = await aStore();
    expect(await store.get('nope')).toMatchObject({
      ok: false,
      error: { code: 'backup.notFound', message: expect.stringContaining('nope') as string },
    });
    expect(await store.remove('nope')).toMatchObject({
      ok: false,
      error: { code: 'backup.notFound' },
    });
  });

  test(`keeps the newest ${MANUAL_BACKUPS_KEPT} manual backups per case`, async () => {
    const store = await aStore();
    const ids: string[] = [];
    for (let i = 0; i < MANUAL_BACKUPS_KEPT + 2; i++) {
      ids.push(value(await store.add(aBackup(CASE_A, 'manual'))).backup.id);
    }
    const other = value(await store.add(aBackup(CASE_B, 'manual'))).backup.id;
    const last = value(await store.add(aBackup(CASE_A, 'manual')));
    expect(last.pruned).toEqual([ids[2]]);
    const kept = (await store.list()).map((entry) => entry.id);
    expect(kept).toHaveLength(MANUAL_BACKUPS_KEPT + 1);
    expect(kept).toContain(other);
    expect(kept).not.toContain(ids[0]);
    expect(await store.get(ids[0]!)).toMatchObject({
      ok: false,
      error: { code: 'backup.notFound' },
    });
  });

  test(`keeps the newest ${MIGRATION_ROUNDS_KEPT} before-migration rounds, whatever their size`, async () => {
    const store = await aStore();
    const manual = value(await store.add(aBackup(CASE_A, 'manual'))).backup.id;
    const rounds: string[][] = [];
    for (let round = 0; round < MIGRATION_ROUNDS_KEPT + 1; round++) {
      const ids: string[] = [];
      for (const caseId of [CASE_A, CASE_B]) {
        ids.push(
          value(await store.add(aBackup(caseId, 'before-migration', `r${round}`))).backup.id,
        );
      }
      rounds.push(ids);
    }
    const kept = (await store.list()).map((entry) => entry.id).sort();
    expect(kept).toEqual([manual, ...rounds.slice(1).flat()].sort());
  });

  test('without a keychain the key is created once and stored as is', async () => {
    const name = freshDbName();
    const store = await aStore({ name });
    const recipient = value(await store.recipient());
    expect(recipient).toMatch(/^age1/);
    expect(value(await store.recipient())).toBe(recipient);
    const identity = value(await store.identity());
    const sealed = value(await encryptToRecipients(new Uint8Array([1, 2, 3]), [recipient]));
    expect(value(await decryptWithIdentities(sealed, [identity]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect((await dumpDatabase(name)).json).toContain('"kind": "plain"');
  });

  test('with a keychain the secret is stored wrapped and unwrapped to restore', async () => {
    const name = freshDbName();
    const keychain = fakeKeychain();
    const store = await aStore({ name, secrets: keychain });
    const recipient = value(await store.recipient());
    const dump = (await dumpDatabase(name)).json;
    expect(dump).toContain('"kind": "safeStorage"');
    expect(dump).not.toContain('AGE-SECRET-KEY-1');
    const identity = value(await store.identity());
    expect(keychain.unwraps).toBe(1);
    const sealed = value(await encryptToRecipients(new Uint8Array([7]), [recipient]));
    expect(value(await decryptWithIdentities(sealed, [identity]))).toEqual(new Uint8Array([7]));
  });

  test('a wrapped key without its keychain, or no key at all, is a clear error', async () => {
    const name = freshDbName();
    const store = await aStore({ name });
    expect(await store.identity()).toMatchObject({
      ok: false,
      error: { code: 'backup.keyMissing' },
    });
    const wrappedName = freshDbName();
    const first = await aStore({ name: wrappedName, secrets: fakeKeychain() });
    value(await first.recipient());
    first.close();
    const later = await aStore({ name: wrappedName, secrets: fakeKeychain(false) });
    expect(await later.identity()).toMatchObject({
      ok: false,
      error: {
        code: 'backup.keyUnavailable',
        message: expect.stringContaining('keychain') as string,
      },
    });
  });

  test('a keychain that refuses to wrap stores no key', async () => {
    const name = freshDbName();
    const refusing: SecretWrapper = {
      available: () => Promise.resolve(true),
      wrap: () => Promise.resolve(err('secrets.failed', 'The keychain is locked.')),
      unwrap: () => Promise.resolve(err('secrets.failed', 'The keychain is locked.')),
    };
    const store = await aStore({ name, secrets: refusing });
    expect(await store.recipient()).toMatchObject({ ok: false, error: { code: 'secrets.failed' } });
    expect((await dumpDatabase(name)).tables.keys).toEqual([]);
  });
});
