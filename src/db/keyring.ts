import Dexie, { type Table } from 'dexie';
import { validateContactKeys, validateIdentityName } from '../core/identity/identity';
import type { Contact, ContactTrust, StoredIdentity } from '../core/identity/types';
import type { KeyringRepository } from '../core/ports/keyring';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import { failure } from './failure';

/**
 * The analyst's identity and address book, in their own IndexedDB database: keys are never part
 * of a case, a case bundle or a case backup, and deleting every case leaves them alone.
 */
export const KEYRING_DB_NAME = 'casefile-keyring';

/** Notes on a colleague ("met at the 2026 workshop, compared fingerprints by phone"). */
export const MAX_CONTACT_NOTE_LENGTH = 2000;

const TRUST_VALUES: readonly ContactTrust[] = ['verified', 'unverified'];
const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

class KeyringDatabase extends Dexie {
  // `declare`: no class-field initialisers, which would overwrite the tables Dexie sets up.
  declare readonly identity: Table<StoredIdentity, string>;
  declare readonly contacts: Table<Contact, string>;

  constructor(name: string, options: OpenKeyringOptions) {
    super(name, {
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    // Unique indexes are the second line of defence; the repository checks first, with a
    // message naming the entry. A missing fingerprint is simply not indexed.
    this.version(1).stores({
      identity: 'id',
      contacts: 'id, &ageRecipient, &fingerprint',
    });
  }
}

export interface OpenKeyringOptions {
  /** Database name (tests use a fresh one); default KEYRING_DB_NAME. */
  readonly name?: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly now?: () => string;
  readonly newId?: () => string;
}

export interface Keyring extends KeyringRepository {
  close(): void;
}

export async function openKeyring(options: OpenKeyringOptions = {}): Promise<Keyring> {
  const db = new KeyringDatabase(options.name ?? KEYRING_DB_NAME, options);
  await db.open();
  const now = options.now ?? (() => new Date().toISOString());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  const ownIdentity = async (): Promise<StoredIdentity | undefined> =>
    (await db.identity.toArray())[0];

  const contactById = async (id: string): Promise<Contact> => {
    const contact = typeof id === 'string' ? await db.contacts.get(id) : undefined;
    if (contact === undefined) {
      throw new AppErrorException(
        'keyring.contactNotFound',
        'This colleague is no longer in the address book.',
      );
    }
    return contact;
  };

  return {
    identity: ownIdentity,

    async saveIdentity(identity, replace = false) {
      const checked = checkStoredIdentity(identity);
      if (!checked.ok) return checked;
      try {
        return await db.transaction('rw', db.identity, async () => {
          const existing = await ownIdentity();
          if (existing !== undefined && !replace) {
            throw new AppErrorException(
              'keyring.identityExists',
              `This installation already has the identity "${existing.name}"; replace it explicitly, after exporting it if you still need it.`,
            );
          }
          await db.identity.clear();
          await db.identity.add(checked.value);
          return ok(checked.value);
        });
      } catch (error) {
        return failure(error, 'save the identity');
      }
    },

    async deleteIdentity() {
      try {
        return await db.transaction('rw', db.identity, async () => {
          if ((await db.identity.count()) === 0) {
            throw new AppErrorException(
              'keyring.identityNotFound',
              'There is no identity to delete.',
            );
          }
          await db.identity.clear();
          return ok(true as const);
        });
      } catch (error) {
        return failure(error, 'delete the identity');
      }
    },

    async contacts() {
      const all = await db.contacts.toArray();
      return all.sort(
        (a, b) =>
          NAME_ORDER.compare(a.name, b.name) ||
          a.addedAt.localeCompare(b.addedAt) ||
          a.id.localeCompare(b.id),
      );
    },

    async addContact(input, note = '') {
      const keys = validateContactKeys(input);
      if (!keys.ok) return contactInvalid(keys);
      const checkedNote = checkNote(note);
      if (!checkedNote.ok) return checkedNote;
      const fingerprint = 'fingerprint' in keys.value ? keys.value.fingerprint : undefined;
      try {
        return await db.transaction('rw', db.identity, db.contacts, async () => {
          const own = await ownIdentity();
          if (own !== undefined) {
            if (own.ageRecipient === keys.value.ageRecipient || own.fingerprint === fingerprint) {
              throw new AppErrorException(
                'keyring.contactDuplicate',
                `This is your own identity ("${own.name}"), not a colleague's.`,
              );
            }
          }
          const sameRecipient = await db.contacts
            .where('ageRecipient')
            .equals(keys.value.ageRecipient)
            .first();
          const sameKey =
            fingerprint === undefined
              ? undefined
              : await db.contacts.where('fingerprint').equals(fingerprint).first();
          const existing = sameRecipient ?? sameKey;
          if (existing !== undefined) {
            throw new AppErrorException(
              'keyring.contactDuplicate',
              `"${existing.name}" in the address book already has this ${sameRecipient ? 'recipient' : 'signing key'}.`,
            );
          }
          const contact: Contact = {
            ...keys.value,
            id: newId(),
            trust: 'unverified',
            note: checkedNote.value,
            addedAt: now(),
          };
          await db.contacts.add(contact);
          return ok(contact);
        });
      } catch (error) {
        return failure(error, 'add the colleague');
      }
    },

    async updateContact(id, changes) {
      const name = changes.name === undefined ? undefined : validateIdentityName(changes.name);
      if (name !== undefined && !name.ok) return name;
      const note = changes.note === undefined ? undefined : checkNote(changes.note);
      if (note !== undefined && !note.ok) return note;
      if (changes.trust !== undefined && !TRUST_VALUES.includes(changes.trust)) {
        return err('keyring.contactInvalid', 'Trust is either "verified" or "unverified".');
      }
      try {
        return await db.transaction('rw', db.contacts, async () => {
          const current = await contactById(id);
          const { verifiedAt: _previous, ...rest } = current;
          const trust = changes.trust ?? current.trust;
          const updated: Contact = {
            ...rest,
            name: name?.value ?? current.name,
            note: note?.value ?? current.note,
            trust,
            // Re-verifying dates the latest check; unverifying forgets it.
            ...(trust === 'verified'
              ? { verifiedAt: changes.trust === 'verified' ? now() : (current.verifiedAt ?? now()) }
              : {}),
          };
          const unchanged =
            updated.name === current.name &&
            updated.note === current.note &&
            updated.trust === current.trust &&
            changes.trust !== 'verified';
          if (unchanged) return ok(current);
          await db.contacts.put(updated);
          return ok(updated);
        });
      } catch (error) {
        return failure(error, 'update the colleague');
      }
    },

    async removeContact(id) {
      try {
        return await db.transaction('rw', db.contacts, async () => {
          await contactById(id);
          await db.contacts.delete(id);
          return ok(true as const);
        });
      } catch (error) {
        return failure(error, 'remove the colleague');
      }
    },

    async trustOf(fingerprint) {
      if (typeof fingerprint !== 'string') return undefined;
      return db.transaction('r', db.identity, db.contacts, async () => {
        if ((await ownIdentity())?.fingerprint === fingerprint) return 'trusted';
        const contact = await db.contacts.where('fingerprint').equals(fingerprint).first();
        if (contact === undefined) return undefined;
        return contact.trust === 'verified' ? 'trusted' : 'known';
      });
    },

    close: () => db.close(),
  };
}

/** The key errors keep the identity check's message under the port's code. */
function contactInvalid(result: Result<never>): Result<never> {
  if (result.ok) return result;
  if (result.error.code.startsWith('identity.name.')) return result;
  return err('keyring.contactInvalid', result.error.message);
}

function checkNote(note: string): Result<string> {
  if (typeof note !== 'string') return err('keyring.noteInvalid', 'The note must be text.');
  const trimmed = note.trim();
  if (trimmed.length > MAX_CONTACT_NOTE_LENGTH) {
    return err(
      'keyring.noteTooLong',
      `The note is ${trimmed.length} characters long; at most ${MAX_CONTACT_NOTE_LENGTH} are allowed.`,
    );
  }
  return ok(trimmed);
}

/** The public parts hold together and the secrets are wrapped one of the two known ways. */
function checkStoredIdentity(identity: StoredIdentity): Result<StoredIdentity> {
  const keys = validateContactKeys(identity);
  if (!keys.ok) {
    if (keys.error.code.startsWith('identity.name.')) return keys;
    return err('keyring.identityInvalid', keys.error.message);
  }
  if (!('fingerprint' in keys.value)) {
    return err('keyring.identityInvalid', 'An identity needs its signing key and fingerprint.');
  }
  const secrets = identity.secrets as Partial<StoredIdentity['secrets']> | undefined;
  if (
    (secrets?.kind !== 'safeStorage' && secrets?.kind !== 'passphrase') ||
    !(secrets.bytes instanceof Uint8Array) ||
    secrets.bytes.length === 0
  ) {
    return err(
      'keyring.identityInvalid',
      'The identity’s secrets must be wrapped by the OS keychain or a passphrase.',
    );
  }
  if (typeof identity.id !== 'string' || identity.id === '') {
    return err('keyring.identityInvalid', 'The identity has no id.');
  }
  if (typeof identity.createdAt !== 'string' || Number.isNaN(Date.parse(identity.createdAt))) {
    return err('keyring.identityInvalid', 'The identity’s creation date is not a date.');
  }
  // Stored field by field: nothing else the caller's object carries lands on disk.
  return ok({
    ...keys.value,
    id: identity.id,
    createdAt: identity.createdAt,
    secrets: { kind: secrets.kind, bytes: secrets.bytes },
  });
}
