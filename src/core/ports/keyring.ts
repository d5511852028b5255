import type { Result } from '../../shared/result';
import type { Contact, ContactTrust, PublicIdentity, StoredIdentity } from '../identity/types';

/**
 * The analyst's own identity and the address book of colleagues' public keys. Kept in its own
 * database (`casefile-keyring`, src/db/keyring.ts), apart from case data: keys are never part of
 * a case bundle or a case backup. One identity per installation.
 */
export interface KeyringRepository {
  /** The analyst's identity, or undefined before one is created or imported. */
  identity(): Promise<StoredIdentity | undefined>;
  /** Stores (or replaces, when `replace` is true) the identity. `keyring.identityExists` otherwise. */
  saveIdentity(identity: StoredIdentity, replace?: boolean): Promise<Result<StoredIdentity>>;
  deleteIdentity(): Promise<Result<true>>;

  /** Colleagues, by name (case- and accent-insensitive). */
  contacts(): Promise<readonly Contact[]>;
  /**
   * Adds a colleague. Refused: an invalid recipient or signing key (`keyring.contactInvalid`),
   * a recipient or fingerprint already in the book or equal to the analyst's own
   * (`keyring.contactDuplicate`, naming the existing entry).
   */
  addContact(
    contact: PublicIdentity | Omit<PublicIdentity, 'signingPublicKey' | 'fingerprint'>,
    note?: string,
  ): Promise<Result<Contact>>;
  updateContact(
    id: string,
    changes: { readonly name?: string; readonly note?: string; readonly trust?: ContactTrust },
  ): Promise<Result<Contact>>;
  removeContact(id: string): Promise<Result<true>>;
  /** The address book's view of a signing key, for readBundle's `trustedKeys`. */
  trustOf(fingerprint: string): Promise<'trusted' | 'known' | undefined>;
}
