import { afterEach, describe, expect, it } from 'vitest';
import { generateAgeIdentity } from '../../../src/core/bundle/age';
import { generateIdentity } from '../../../src/core/identity/identity';
import type { PublicIdentity, StoredIdentity } from '../../../src/core/identity/types';
import { KEYRING_DB_NAME, openKeyring, type Keyring } from '../../../src/db/keyring';
import type { Result } from '../../../src/shared/result';
import { dumpDatabase, freshDbName, tickingClock } from './helpers';

let keyrings: Keyring[] = [];
afterEach(() => {
  for (const keyring of keyrings) keyring.close();
  keyrings = [];
});

function sequentialIds(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

async function openTestKeyring(name = freshDbName()) {
  const keyring = await openKeyring({ name, now: tickingClock(), newId: sequentialIds() });
  keyrings.push(keyring);
  return { keyring, name };
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected an error, got a value');
  return result.error;
}

async function aPublicIdentity(name: string): Promise<PublicIdentity> {
  return valueOf(await generateIdentity(name)).identity;
}

async function aStoredIdentity(name = 'R. Okafor'): Promise<StoredIdentity> {
  return {
    ...(await aPublicIdentity(name)),
    id: 'me',
    createdAt: '2026-11-22T08:00:00.000Z',
    secrets: { kind: 'safeStorage', bytes: new Uint8Array([1, 2, 3, 4]) },
  };
}

/** Runs a call the test expects to be refused with `code`, and checks nothing was written. */
async function expectRefused(
  name: string,
  call: () => Promise<Result<unknown>>,
  code: string,
): Promise<string> {
  const before = await dumpDatabase(name);
  const error = errorOf(await call());
  expect(error.code).toBe(code);
  expect((await dumpDatabase(name)).json).toBe(before.json);
  return error.message;
}

describe('the keyring database', () => {
  it('is its own database, apart from the case database', () => {
    expect(KEYRING_DB_NAME).toBe('casefile-keyring');
  });
});

describe('own identity', () => {
  it('is saved once, read back, replaced only when asked, and deleted', async () => {
    const { keyring, name } = await openTestKeyring();
    expect(await keyring.identity()).toBeUndefined();
    const first = await aStoredIdentity();
    expect(valueOf(await keyring.saveIdentity(first))).toEqual(first);
    expect(await keyring.identity()).toEqual(first);

    const second = { ...(await aStoredIdentity('Second')), id: 'me-2' };
    const message = await expectRefused(
      name,
      () => keyring.saveIdentity(second),
      'keyring.identityExists',
    );
    expect(message).toContain('"R. Okafor"');

    expect(valueOf(await keyring.saveIdentity(second, true))).toEqual(second);
    expect(await keyring.identity()).toEqual(second);
    expect((await dumpDatabase(name)).tables.identity).toHaveLength(1);

    expect(valueOf(await keyring.deleteIdentity())).toBe(true);
    expect(await keyring.identity()).toBeUndefined();
    await expectRefused(name, () => keyring.deleteIdentity(), 'keyring.identityNotFound');
  });

  it('stores only the identity’s own fields and survives reopening', async () => {
    const name = freshDbName();
    const { keyring } = await openTestKeyring(name);
    const identity = await aStoredIdentity();
    await keyring.saveIdentity({ ...identity, extra: 'x' } as StoredIdentity);
    keyring.close();
    const reopened = await openKeyring({ name });
    keyrings.push(reopened);
    expect(await reopened.identity()).toEqual(identity);
  });

  it('refuses an inconsistent identity, writing nothing', async () => {
    const { keyring, name } = await openTestKeyring();
    const good = await aStoredIdentity();
    const other = await aPublicIdentity('Other');
    const cases: [StoredIdentity, string][] = [
      [{ ...good, name: '' }, 'identity.name.empty'],
      [{ ...good, name: 'A\u202eB' }, 'identity.name.invalid'],
      [{ ...good, ageRecipient: 'age1bad' }, 'keyring.identityInvalid'],
      [{ ...good, fingerprint: other.fingerprint }, 'keyring.identityInvalid'],
      [{ ...good, signingPublicKey: 'zz' }, 'keyring.identityInvalid'],
      [
        { ...good, secrets: { kind: 'safeStorage', bytes: new Uint8Array() } },
        'keyring.identityInvalid',
      ],
      [
        {
          ...good,
          secrets: { kind: 'plain', bytes: new Uint8Array([1]) },
        } as unknown as StoredIdentity,
        'keyring.identityInvalid',
      ],
      [{ ...good, id: '' }, 'keyring.identityInvalid'],
      [{ ...good, createdAt: 'yesterday' }, 'keyring.identityInvalid'],
    ];
    for (const [identity, code] of cases) {
      await expectRefused(name, () => keyring.saveIdentity(identity), code);
    }
  });
});

describe('address book', () => {
  it('adds colleagues from a card or a bare recipient, listed by name ignoring case and accents', async () => {
    const { keyring } = await openTestKeyring();
    const zoe = await aPublicIdentity('zoë Ward');
    const emil = await aPublicIdentity('Émil Berg');
    const recipientOnly = (await generateAgeIdentity()).recipient;

    const addedZoe = valueOf(await keyring.addContact({ ...zoe, extra: 1 } as PublicIdentity));
    expect(addedZoe).toEqual({
      ...zoe,
      id: 'id-1',
      trust: 'unverified',
      note: '',
      addedAt: '2026-01-01T09:00:00.000Z',
    });
    valueOf(await keyring.addContact(emil, '  met in Lyon  '));
    const bare = valueOf(
      await keyring.addContact({ name: 'Anders (recipient only)', ageRecipient: recipientOnly }),
    );
    expect(bare).not.toHaveProperty('fingerprint');
    expect(bare).not.toHaveProperty('signingPublicKey');

    const listed = await keyring.contacts();
    expect(listed.map((contact) => contact.name)).toEqual([
      'Anders (recipient only)',
      'Émil Berg',
      'zoë Ward',
    ]);
    expect(listed[1]?.note).toBe('met in Lyon');
  });

  it('holds several colleagues without a signing key (a missing fingerprint is not indexed)', async () => {
    const { keyring } = await openTestKeyring();
    for (const name of ['First', 'Second', 'Third']) {
      const ageRecipient = (await generateAgeIdentity()).recipient;
      valueOf(await keyring.addContact({ name, ageRecipient }));
    }
    expect(await keyring.contacts()).toHaveLength(3);
  });

  it('refuses duplicates (recipient, signing key, own identity), naming the entry', async () => {
    const { keyring, name } = await openTestKeyring();
    const me = await aStoredIdentity('Me Myself');
    await keyring.saveIdentity(me);
    const colleague = await aPublicIdentity('Colleague');
    valueOf(await keyring.addContact(colleague));
    const other = await aPublicIdentity('Other');

    const sameRecipient = await expectRefused(
      name,
      () => keyring.addContact({ name: 'Again', ageRecipient: colleague.ageRecipient }),
      'keyring.contactDuplicate',
    );
    expect(sameRecipient).toMatch(/"Colleague" .* already has this recipient/u);

    const sameKey = await expectRefused(
      name,
      () =>
        keyring.addContact({
          ...colleague,
          name: 'Same key, new recipient',
          ageRecipient: other.ageRecipient,
        }),
      'keyring.contactDuplicate',
    );
    expect(sameKey).toMatch(/"Colleague" .* signing key/u);

    const own = await expectRefused(
      name,
      () => keyring.addContact({ name: 'Me again', ageRecipient: me.ageRecipient }),
      'keyring.contactDuplicate',
    );
    expect(own).toMatch(/your own identity \("Me Myself"\)/u);
    await expectRefused(
      name,
      () =>
        keyring.addContact({
          name: 'My key',
          ageRecipient: other.ageRecipient,
          signingPublicKey: me.signingPublicKey,
          fingerprint: me.fingerprint,
        }),
      'keyring.contactDuplicate',
    );
  });

  it('refuses invalid colleagues and notes, writing nothing', async () => {
    const { keyring, name } = await openTestKeyring();
    const good = await aPublicIdentity('Good');
    const other = await aPublicIdentity('Other');
    const cases: [Parameters<Keyring['addContact']>[0], string][] = [
      [{ ...good, name: '   ' }, 'identity.name.empty'],
      [{ ...good, name: 'x'.repeat(201) }, 'identity.name.tooLong'],
      [{ ...good, name: 'A\u0007' }, 'identity.name.invalid'],
      [{ ...good, ageRecipient: 'age1nope' }, 'keyring.contactInvalid'],
      [{ name: 'PQ', ageRecipient: 'age1pq1abc' }, 'keyring.contactInvalid'],
      [{ ...good, fingerprint: other.fingerprint }, 'keyring.contactInvalid'],
      [{ ...good, signingPublicKey: 'AA'.repeat(32) }, 'keyring.contactInvalid'],
      [{ ...good, signingPublicKey: 'ff'.repeat(32) }, 'keyring.contactInvalid'],
      [
        {
          name: 'Half',
          ageRecipient: good.ageRecipient,
          fingerprint: good.fingerprint,
        },
        'keyring.contactInvalid',
      ],
    ];
    for (const [input, code] of cases) {
      await expectRefused(name, () => keyring.addContact(input), code);
    }
    await expectRefused(
      name,
      () => keyring.addContact(good, 'n'.repeat(2001)),
      'keyring.noteTooLong',
    );
  });

  it('updates name, note and trust; verifying dates it, unverifying forgets it', async () => {
    const { keyring, name } = await openTestKeyring();
    const added = valueOf(await keyring.addContact(await aPublicIdentity('Colleague')));
    const verified = valueOf(await keyring.updateContact(added.id, { trust: 'verified' }));
    expect(verified.trust).toBe('verified');
    expect(verified.verifiedAt).toBe('2026-01-01T09:00:01.000Z');

    const renamed = valueOf(
      await keyring.updateContact(added.id, { name: ' C. Olleague ', note: 'desk 4' }),
    );
    expect(renamed).toMatchObject({ name: 'C. Olleague', note: 'desk 4', trust: 'verified' });
    expect(renamed.verifiedAt).toBe(verified.verifiedAt);

    const before = await dumpDatabase(name);
    expect(valueOf(await keyring.updateContact(added.id, { name: 'C. Olleague' }))).toEqual(
      renamed,
    );
    expect((await dumpDatabase(name)).json).toBe(before.json);

    const unverified = valueOf(await keyring.updateContact(added.id, { trust: 'unverified' }));
    expect(unverified.trust).toBe('unverified');
    expect(unverified).not.toHaveProperty('verifiedAt');
    expect((await keyring.contacts())[0]).toEqual(unverified);

    await expectRefused(
      name,
      () => keyring.updateContact(added.id, { name: '' }),
      'identity.name.empty',
    );
    await expectRefused(
      name,
      () => keyring.updateContact(added.id, { note: 'x'.repeat(2001) }),
      'keyring.noteTooLong',
    );
    await expectRefused(
      name,
      () => keyring.updateContact(added.id, { trust: 'maybe' as 'verified' }),
      'keyring.contactInvalid',
    );
    await expectRefused(
      name,
      () => keyring.updateContact('missing', { note: 'x' }),
      'keyring.contactNotFound',
    );
  });

  it('removes colleagues', async () => {
    const { keyring, name } = await openTestKeyring();
    const added = valueOf(await keyring.addContact(await aPublicIdentity('Colleague')));
    expect(valueOf(await keyring.removeContact(added.id))).toBe(true);
    expect(await keyring.contacts()).toEqual([]);
    await expectRefused(name, () => keyring.removeContact(added.id), 'keyring.contactNotFound');
  });
});

describe('trustOf', () => {
  it('own key and verified colleagues are trusted, others known, strangers unknown', async () => {
    const { keyring } = await openTestKeyring();
    const me = await aStoredIdentity('Me');
    await keyring.saveIdentity(me);
    const verified = valueOf(await keyring.addContact(await aPublicIdentity('Verified')));
    await keyring.updateContact(verified.id, { trust: 'verified' });
    const known = valueOf(await keyring.addContact(await aPublicIdentity('Known')));
    const stranger = await aPublicIdentity('Stranger');

    expect(await keyring.trustOf(me.fingerprint)).toBe('trusted');
    expect(await keyring.trustOf(verified.fingerprint ?? '')).toBe('trusted');
    expect(await keyring.trustOf(known.fingerprint ?? '')).toBe('known');
    expect(await keyring.trustOf(stranger.fingerprint)).toBeUndefined();
    expect(await keyring.trustOf('')).toBeUndefined();
  });
});
