import type { Result } from '../../shared/result';

/**
 * Analyst identities and the address book (issue 9). An analyst has an X25519 age identity
 * (colleagues encrypt bundles to its public `age1…` recipient) and an Ed25519 signing key
 * (bundles they write are signed with it; colleagues check its fingerprint). Secrets never
 * leave this device unwrapped except in an identity file protected by a passphrase.
 */

/** What anyone may see of an identity. */
export interface PublicIdentity {
  /** Display name chosen by the analyst, e.g. "R. Okafor (Desk 3)". 1–200 characters. */
  readonly name: string;
  /** X25519 age recipient, `age1…` (bech32). */
  readonly ageRecipient: string;
  /** Ed25519 public key, 64 lower-case hex digits. */
  readonly signingPublicKey: string;
  /** signingKeyFingerprint(public key): 16 groups of 4 hex digits. */
  readonly fingerprint: string;
}

/** The secret halves, only ever held in memory while unlocked. */
export interface IdentitySecrets {
  /** `AGE-SECRET-KEY-1…` */
  readonly ageIdentity: string;
  /** Ed25519 secret key (32-byte seed), 64 lower-case hex digits. */
  readonly signingSecretKey: string;
}

/**
 * How the secrets are kept at rest: wrapped by the OS keychain through Electron's safeStorage
 * (desktop), or age-encrypted with the analyst's passphrase (web build, or by choice).
 * `bytes` is the wrapped JSON of IdentitySecrets.
 */
export type WrappedSecrets =
  | { readonly kind: 'safeStorage'; readonly bytes: Uint8Array }
  | { readonly kind: 'passphrase'; readonly bytes: Uint8Array };

/** The analyst's own identity as stored (src/db keyring). */
export interface StoredIdentity extends PublicIdentity {
  readonly id: string;
  readonly createdAt: string;
  readonly secrets: WrappedSecrets;
}

export type ContactTrust = 'verified' | 'unverified';

/**
 * A colleague in the address book. The signing key is optional: a colleague added from a bare
 * `age1…` recipient can be encrypted to, but bundles they sign show as from an unknown key.
 */
export interface Contact extends Omit<PublicIdentity, 'signingPublicKey' | 'fingerprint'> {
  readonly id: string;
  readonly signingPublicKey?: string;
  readonly fingerprint?: string;
  /**
   * `verified`: the analyst compared the fingerprint (or, without a signing key, the recipient)
   * with the colleague out of band. Bundles signed by a verified contact show as trusted.
   */
  readonly trust: ContactTrust;
  readonly note: string;
  readonly addedAt: string;
  readonly verifiedAt?: string;
}

/**
 * `.casefile-key` (public card, JSON, shared freely so colleagues can add you) and
 * `.casefile-identity` (an age passphrase-encrypted JSON of the public part plus the secrets:
 * a backup, or to move to another machine). `casefile keys generate` writes the same files.
 */
export const PUBLIC_CARD_FORMAT = 'casefile-public-key';
export const IDENTITY_FILE_FORMAT = 'casefile-identity';

export interface PublicCard extends PublicIdentity {
  readonly format: typeof PUBLIC_CARD_FORMAT;
  readonly version: 1;
}

export interface IdentityFileContent extends PublicIdentity, IdentitySecrets {
  readonly format: typeof IDENTITY_FILE_FORMAT;
  readonly version: 1;
  readonly createdAt: string;
}

/**
 * Wraps and unwraps secret bytes with the OS keychain (Electron safeStorage). The browser host
 * has none: `available()` is false and the app asks for a passphrase instead.
 */
export interface SecretWrapper {
  available(): Promise<boolean>;
  wrap(plain: Uint8Array): Promise<Result<Uint8Array>>;
  unwrap(wrapped: Uint8Array): Promise<Result<Uint8Array>>;
}
