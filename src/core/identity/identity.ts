import canonicalize from 'canonicalize';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import {
  DEFAULT_AGE_LIMITS,
  decryptWithPassphrase,
  encryptWithPassphrase,
  generateAgeIdentity,
  isX25519Recipient,
  x25519RecipientOf,
} from '../bundle/age';
import type { JsonLimits } from '../bundle/limits';
import { decodeJson } from '../bundle/safeJson';
import {
  generateSigningKey,
  isSigningPublicKey,
  signingKeyFingerprint,
  signingPublicKey,
} from '../bundle/signature';
import { hasControlCharacter } from '../bundle/zip';
import {
  IDENTITY_FILE_FORMAT,
  PUBLIC_CARD_FORMAT,
  type Contact,
  type IdentityFileContent,
  type IdentitySecrets,
  type PublicCard,
  type PublicIdentity,
} from './types';

/**
 * Analyst identities (issue 9): generating them, the public card colleagues add to their address
 * book, the passphrase-protected identity file, the secrets' at-rest encoding, and reading what
 * an analyst pastes or picks as a recipient. Pure: all crypto is age.ts (typage) and signature.ts
 * (@noble/curves). Never throws for bad input; secrets are never echoed in messages.
 */

export const IDENTITY_ERRORS = {
  nameEmpty: 'identity.name.empty',
  nameTooLong: 'identity.name.tooLong',
  nameInvalid: 'identity.name.invalid',
  secretsInvalid: 'identity.secrets.invalid',
  secretsMalformed: 'identity.secrets.malformed',
  cardMalformed: 'identity.card.malformed',
  cardNotCard: 'identity.card.notCard',
  cardVersionUnsupported: 'identity.card.versionUnsupported',
  cardFingerprintMismatch: 'identity.card.fingerprintMismatch',
  signingKeyInvalid: 'identity.signingKeyInvalid',
  recipientInvalid: 'identity.recipientInvalid',
  fileNotIdentityFile: 'identity.file.notIdentityFile',
  fileMalformed: 'identity.file.malformed',
  fileVersionUnsupported: 'identity.file.versionUnsupported',
  fileMismatch: 'identity.file.mismatch',
  ageFileInvalid: 'identity.ageFile.invalid',
  ageFileEmpty: 'identity.ageFile.empty',
} as const;

export const MAX_IDENTITY_NAME_LENGTH = 200;
/** File name extensions of the two files (without the dot). */
export const PUBLIC_CARD_EXTENSION = 'casefile-key';
export const IDENTITY_FILE_EXTENSION = 'casefile-identity';

/** Cards, identity files and secrets are a few hundred bytes: anything much larger is not one. */
const SMALL_JSON: JsonLimits = { maxBytes: 16 * 1024, maxDepth: 4 };
/** Identity files and wrapped secrets are under a kilobyte: refuse big files before decrypting. */
const SMALL_AGE_FILE = { ...DEFAULT_AGE_LIMITS, maxBundleBytes: 64 * 1024 };
/** An age-keygen file holds a few keys and comments; a megabyte is not an identity file. */
const MAX_AGE_KEY_FILE_LENGTH = 64 * 1024;

const HEX_KEY = /^[0-9a-f]{64}$/u;
const FINGERPRINT = /^[0-9a-f]{4}(?: [0-9a-f]{4}){15}$/u;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What `parseRecipientInput` found: a whole card, or a bare recipient that still needs a name. */
export type RecipientInput =
  | { readonly kind: 'card'; readonly identity: PublicIdentity }
  | { readonly kind: 'recipient'; readonly ageRecipient: string };

/** A display name, trimmed: 1–200 characters, no control characters or bidirectional overrides. */
export function validateIdentityName(name: string): Result<string> {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    return err(IDENTITY_ERRORS.nameEmpty, 'Enter a name for the identity, e.g. "R. Okafor".');
  }
  if (trimmed.length > MAX_IDENTITY_NAME_LENGTH) {
    return err(
      IDENTITY_ERRORS.nameTooLong,
      `The name is ${trimmed.length} characters long; at most ${MAX_IDENTITY_NAME_LENGTH} are allowed.`,
    );
  }
  if (hasControlCharacter(trimmed)) {
    return err(
      IDENTITY_ERRORS.nameInvalid,
      'The name contains a control character or a bidirectional override, which could disguise it.',
    );
  }
  return ok(trimmed);
}

/** A new identity: a fresh X25519 age identity and Ed25519 signing key under `name`. */
export async function generateIdentity(
  name: string,
): Promise<Result<{ identity: PublicIdentity; secrets: IdentitySecrets }>> {
  const checkedName = validateIdentityName(name);
  if (!checkedName.ok) return checkedName;
  const age = await generateAgeIdentity();
  const signing = generateSigningKey();
  return ok({
    identity: {
      name: checkedName.value,
      ageRecipient: age.recipient,
      signingPublicKey: bytesToHex(signing.publicKey),
      fingerprint: signingKeyFingerprint(signing.publicKey),
    },
    secrets: { ageIdentity: age.identity, signingSecretKey: bytesToHex(signing.secretKey) },
  });
}

/** The public identity the secrets belong to (checks imported secrets; never echoes them). */
export async function publicIdentityOf(
  name: string,
  secrets: IdentitySecrets,
): Promise<Result<PublicIdentity>> {
  const checkedName = validateIdentityName(name);
  if (!checkedName.ok) return checkedName;
  const ageRecipient = await x25519RecipientOf(secrets.ageIdentity);
  if (ageRecipient === undefined) {
    return err(
      IDENTITY_ERRORS.secretsInvalid,
      secrets.ageIdentity.startsWith('AGE-SECRET-KEY-PQ-1')
        ? 'The age identity is post-quantum; Casefile uses X25519 identities (AGE-SECRET-KEY-1…), which the age CLI 1.1 can use.'
        : 'The age identity is not a valid X25519 age secret key (AGE-SECRET-KEY-1…).',
    );
  }
  const signingKey = signingKeyBytes(secrets);
  if (!signingKey.ok) return signingKey;
  const publicKey = signingPublicKey(signingKey.value);
  if (!publicKey.ok) return signingKeyInvalid();
  return ok({
    name: checkedName.value,
    ageRecipient,
    signingPublicKey: bytesToHex(publicKey.value),
    fingerprint: signingKeyFingerprint(publicKey.value),
  });
}

/** The 32-byte Ed25519 seed for writeBundle's `signingKey`. */
export function signingKeyBytes(secrets: IdentitySecrets): Result<Uint8Array> {
  if (!HEX_KEY.test(secrets.signingSecretKey)) return signingKeyInvalid();
  return ok(hexToBytes(secrets.signingSecretKey));
}

function signingKeyInvalid(): Result<never> {
  return err(
    IDENTITY_ERRORS.secretsInvalid,
    'The signing secret key is not an Ed25519 key (64 lower-case hex digits).',
  );
}

// ---------------------------------------------------------------------------------------------
// Public card (.casefile-key)

/** Only the public fields, whatever else `identity` carries (a StoredIdentity has its secrets). */
function publicFields(identity: PublicIdentity): PublicIdentity {
  return {
    name: identity.name,
    ageRecipient: identity.ageRecipient,
    signingPublicKey: identity.signingPublicKey,
    fingerprint: identity.fingerprint,
  };
}

/**
 * The card's bytes: indented JSON in a fixed key order with a final newline, so a colleague can
 * read it in any text editor. Deterministic: the same identity always gives the same file.
 */
export function encodePublicCard(identity: PublicIdentity): Uint8Array {
  const card: PublicCard = { format: PUBLIC_CARD_FORMAT, version: 1, ...publicFields(identity) };
  return encoder.encode(`${JSON.stringify(card, null, 2)}\n`);
}

const publicFieldsShape = {
  name: z.string(),
  // Room for a post-quantum recipient (about 1,950 characters), refused later with a clear reason.
  ageRecipient: z.string().max(4096),
  signingPublicKey: z.string().regex(HEX_KEY, 'must be 64 lower-case hex digits'),
  fingerprint: z.string().regex(FINGERPRINT, 'must be 16 groups of 4 lower-case hex digits'),
};

const publicCardSchema = z.strictObject({
  format: z.literal(PUBLIC_CARD_FORMAT),
  version: z.literal(1),
  ...publicFieldsShape,
});

/**
 * Reads a public card: JSON checks (size, UTF-8, depth, forbidden keys), format and version,
 * unknown keys refused, then the name, the recipient (X25519 only), the signing key (a curve
 * point) and the fingerprint, which must be the key's.
 */
export function decodePublicCard(bytes: Uint8Array): Result<PublicCard> {
  const value = decodeVersioned(bytes, {
    what: 'The public key card',
    format: PUBLIC_CARD_FORMAT,
    schema: publicCardSchema,
    malformed: IDENTITY_ERRORS.cardMalformed,
    notFormat: IDENTITY_ERRORS.cardNotCard,
    versionUnsupported: IDENTITY_ERRORS.cardVersionUnsupported,
  });
  if (!value.ok) return value;
  const checked = checkPublicFields(value.value, 'The public key card', {
    code: IDENTITY_ERRORS.cardFingerprintMismatch,
    advice: 'The card was altered: ask the colleague for a new one.',
  });
  return checked.ok ? ok(value.value) : checked;
}

/** Name, recipient, signing key and fingerprint agree with each other. */
function checkPublicFields(
  identity: PublicIdentity,
  what: string,
  fingerprintMismatch: { readonly code: string; readonly advice: string },
): Result<PublicIdentity> {
  const name = validateIdentityName(identity.name);
  if (!name.ok) return err(name.error.code, `${what}: ${name.error.message}`);
  if (name.value !== identity.name) {
    return err(IDENTITY_ERRORS.nameInvalid, `${what}: the name has surrounding white space.`);
  }
  const recipient = checkRecipient(identity.ageRecipient);
  if (!recipient.ok) return err(recipient.error.code, `${what}: ${recipient.error.message}`);
  const key = hexToBytes(identity.signingPublicKey);
  if (!isSigningPublicKey(key)) {
    return err(
      IDENTITY_ERRORS.signingKeyInvalid,
      `${what}: the signing public key is not an Ed25519 public key.`,
    );
  }
  if (signingKeyFingerprint(key) !== identity.fingerprint) {
    return err(
      fingerprintMismatch.code,
      `${what}: the fingerprint does not belong to the signing key. ${fingerprintMismatch.advice}`,
    );
  }
  return ok(identity);
}

/** What the address book may hold about a colleague: a public identity, or a name and recipient. */
export type ContactKeys = PublicIdentity | Omit<PublicIdentity, 'signingPublicKey' | 'fingerprint'>;

/**
 * Checks a colleague's public parts before the address book stores them: the name (trimmed), the
 * recipient (X25519 only) and, when given, the signing key with its fingerprint, which must be
 * the key's. Returns only those fields, so nothing else a caller passes is stored.
 */
export function validateContactKeys(input: ContactKeys): Result<ContactKeys> {
  const name = validateIdentityName(typeof input.name === 'string' ? input.name : '');
  if (!name.ok) return name;
  const signing = input as Partial<PublicIdentity>;
  if (signing.signingPublicKey === undefined && signing.fingerprint === undefined) {
    const recipient = checkRecipient(String(input.ageRecipient));
    return recipient.ok ? ok({ name: name.value, ageRecipient: recipient.value }) : recipient;
  }
  const identity: PublicIdentity = {
    name: name.value,
    ageRecipient: String(input.ageRecipient),
    signingPublicKey: String(signing.signingPublicKey),
    fingerprint: String(signing.fingerprint),
  };
  if (!HEX_KEY.test(identity.signingPublicKey)) {
    return err(
      IDENTITY_ERRORS.signingKeyInvalid,
      'The signing public key must be 64 lower-case hex digits (an Ed25519 public key).',
    );
  }
  return checkPublicFields(identity, 'The colleague’s key', {
    code: IDENTITY_ERRORS.cardFingerprintMismatch,
    advice: 'Check the card you were given.',
  });
}

// ---------------------------------------------------------------------------------------------
// Identity file (.casefile-identity)

/** The identity file's content for an identity and its secrets. */
export function identityFileContent(
  identity: PublicIdentity,
  secrets: IdentitySecrets,
  createdAt: string,
): IdentityFileContent {
  return {
    format: IDENTITY_FILE_FORMAT,
    version: 1,
    ...publicFields(identity),
    ageIdentity: secrets.ageIdentity,
    signingSecretKey: secrets.signingSecretKey,
    createdAt,
  };
}

const identityFileSchema = z.strictObject({
  format: z.literal(IDENTITY_FILE_FORMAT),
  version: z.literal(1),
  ...publicFieldsShape,
  ageIdentity: z.string().max(200),
  signingSecretKey: z.string().regex(HEX_KEY, 'must be 64 lower-case hex digits'),
  createdAt: z.iso.datetime({ offset: true }),
});

/**
 * age passphrase encryption (scrypt, work factor 18 unless told) of the content's RFC 8785
 * JSON, so `age -d` opens it too. Checked first as decryptIdentityFile checks it, so Casefile
 * never writes a file it would refuse to read; only the fields of the format are written.
 */
export async function encryptIdentityFile(
  content: IdentityFileContent,
  passphrase: string,
  workFactor?: number,
): Promise<Result<Uint8Array>> {
  const fields = identityFileContent(content, content, content.createdAt);
  const parsed = identityFileSchema.safeParse(fields);
  if (!parsed.success)
    return schemaError(parsed.error, 'The identity', IDENTITY_ERRORS.fileMalformed);
  const checked = await checkIdentityFile(parsed.data);
  if (!checked.ok) return checked;
  return encryptWithPassphrase(encoder.encode(canonicalize(fields) ?? ''), passphrase, workFactor);
}

/**
 * Opens an identity file: the age layer (header checks, then scrypt), the JSON and its schema,
 * then the secrets must be those of the public parts it states (`identity.file.mismatch`).
 */
export async function decryptIdentityFile(
  bytes: Uint8Array,
  passphrase: string,
): Promise<Result<IdentityFileContent>> {
  const plain = await decryptWithPassphrase(bytes, passphrase, SMALL_AGE_FILE);
  if (!plain.ok) return ageError(plain.error.code, plain.error.message, 'identity file');
  const content = decodeVersioned(plain.value, {
    what: 'The identity file',
    format: IDENTITY_FILE_FORMAT,
    schema: identityFileSchema,
    malformed: IDENTITY_ERRORS.fileMalformed,
    notFormat: IDENTITY_ERRORS.fileNotIdentityFile,
    versionUnsupported: IDENTITY_ERRORS.fileVersionUnsupported,
  });
  if (!content.ok) return content;
  return checkIdentityFile(content.value);
}

/** The public parts agree with each other, and the secrets are theirs. */
async function checkIdentityFile(
  content: IdentityFileContent,
): Promise<Result<IdentityFileContent>> {
  const what = 'The identity file';
  const stated = checkPublicFields(content, what, {
    code: IDENTITY_ERRORS.fileMismatch,
    advice: 'It was altered or assembled by hand.',
  });
  if (!stated.ok) return stated;
  const derived = await publicIdentityOf(content.name, content);
  if (!derived.ok) return err(derived.error.code, `${what}: ${derived.error.message}`);
  const mismatched =
    derived.value.ageRecipient !== content.ageRecipient
      ? 'its age secret key does not belong to its recipient'
      : derived.value.signingPublicKey !== content.signingPublicKey
        ? 'its signing secret key does not belong to its signing public key'
        : undefined;
  if (mismatched !== undefined) {
    return err(
      IDENTITY_ERRORS.fileMismatch,
      `${what} does not hold together: ${mismatched}. It was altered or assembled by hand.`,
    );
  }
  return ok(content);
}

// ---------------------------------------------------------------------------------------------
// Secrets at rest

const secretsSchema = z.strictObject({
  ageIdentity: z.string().max(200),
  signingSecretKey: z.string().regex(HEX_KEY, 'must be 64 lower-case hex digits'),
});

/** What the OS keychain (safeStorage) or a passphrase wraps: RFC 8785 JSON of the two secrets. */
export function encodeSecrets(secrets: IdentitySecrets): Uint8Array {
  const fields: IdentitySecrets = {
    ageIdentity: secrets.ageIdentity,
    signingSecretKey: secrets.signingSecretKey,
  };
  return encoder.encode(canonicalize(fields) ?? '');
}

/** Reads unwrapped secrets back; the age identity must be a valid X25519 key. */
export async function decodeSecrets(bytes: Uint8Array): Promise<Result<IdentitySecrets>> {
  const value = decodeJson(bytes, secretsSchema, 'The stored secrets', SMALL_JSON);
  if (!value.ok) return err(IDENTITY_ERRORS.secretsMalformed, value.error.message);
  if ((await x25519RecipientOf(value.value.ageIdentity)) === undefined) {
    return err(
      IDENTITY_ERRORS.secretsMalformed,
      'The stored secrets hold an age identity that is not a valid X25519 age secret key.',
    );
  }
  return ok(value.value);
}

/** The web build's at-rest form: the secrets, age-encrypted with the analyst's passphrase. */
export function wrapSecretsWithPassphrase(
  secrets: IdentitySecrets,
  passphrase: string,
  workFactor?: number,
): Promise<Result<Uint8Array>> {
  return encryptWithPassphrase(encodeSecrets(secrets), passphrase, workFactor);
}

export async function unwrapSecretsWithPassphrase(
  bytes: Uint8Array,
  passphrase: string,
): Promise<Result<IdentitySecrets>> {
  const plain = await decryptWithPassphrase(bytes, passphrase, SMALL_AGE_FILE);
  if (!plain.ok) return ageError(plain.error.code, plain.error.message, 'identity');
  return decodeSecrets(plain.value);
}

/** age.ts speaks of bundles; say what was being opened, keeping its codes. */
function ageError(code: string, message: string, what: string): Result<never> {
  if (code === 'bundle.age.wrongKey') {
    return err(code, `Wrong passphrase: it does not unlock this ${what}.`);
  }
  if (code === 'bundle.age.passphraseEmpty') {
    return err(code, `Enter the passphrase of this ${what}.`);
  }
  if (code === 'bundle.age.notAge') {
    return err(
      IDENTITY_ERRORS.fileNotIdentityFile,
      `This is not a Casefile ${what} (not an age-encrypted file).`,
    );
  }
  return err(code, message.replace(/\bbundle\b/gu, what));
}

// ---------------------------------------------------------------------------------------------
// Recipients an analyst pastes or picks

/** Checks a bare recipient; says why post-quantum, tag and plugin recipients cannot be used. */
function checkRecipient(recipient: string): Result<string> {
  if (isX25519Recipient(recipient)) return ok(recipient);
  const shown = recipient.length > 80 ? `${recipient.slice(0, 77)}…` : recipient;
  const separator = recipient.lastIndexOf('1');
  const prefix = separator > 0 ? recipient.slice(0, separator).toLowerCase() : '';
  let why = 'is not a valid age recipient (an X25519 public key, age1…)';
  if (prefix === 'age1pq' || prefix.startsWith('age1tag')) {
    why =
      'is a post-quantum or tag age recipient, which the age CLI 1.1 cannot use; ask for an X25519 recipient (age1…, 62 characters)';
  } else if (prefix.startsWith('age1')) {
    why = `is a recipient of the age plugin "${prefix.slice(4)}", which Casefile cannot use; ask for an X25519 recipient (age1…)`;
  } else if (/^AGE-SECRET-KEY-/iu.test(recipient)) {
    // Never echo a secret key, even back to its owner.
    return err(
      IDENTITY_ERRORS.recipientInvalid,
      'This is a secret age key, not a recipient: keep it private. Paste the public recipient (age1…) instead.',
    );
  } else if (/^ssh-/u.test(recipient)) {
    why = 'is an SSH key; Casefile encrypts only to X25519 age recipients (age1…)';
  }
  return err(IDENTITY_ERRORS.recipientInvalid, `"${shown}" ${why}.`);
}

/**
 * What an analyst pasted to add a colleague: a bare `age1…` recipient (the colleague then has
 * no signing key in the book) or the JSON text of their public card.
 */
export function parseRecipientInput(text: string): Result<RecipientInput> {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    return err(
      IDENTITY_ERRORS.recipientInvalid,
      'Paste an age recipient (age1…) or the contents of a public key card.',
    );
  }
  if (trimmed.startsWith('{')) {
    const card = decodePublicCard(encoder.encode(trimmed));
    return card.ok ? ok({ kind: 'card', identity: publicFields(card.value) }) : card;
  }
  if (/\s/u.test(trimmed)) {
    return err(
      IDENTITY_ERRORS.recipientInvalid,
      'Paste one recipient at a time (a single age1… line, without spaces).',
    );
  }
  const recipient = checkRecipient(trimmed);
  return recipient.ok ? ok({ kind: 'recipient', ageRecipient: recipient.value }) : recipient;
}

/**
 * The identities in an age-keygen file: `#` comments, blank lines and one AGE-SECRET-KEY-1 line
 * per identity (CRLF line ends too). Post-quantum and plugin identities are refused by line.
 */
export async function ageIdentitiesFromFile(text: string): Promise<Result<string[]>> {
  if (text.length > MAX_AGE_KEY_FILE_LENGTH) {
    return err(
      IDENTITY_ERRORS.ageFileInvalid,
      `The identity file is ${text.length} characters long; an age identity file is far shorter.`,
    );
  }
  const identities: string[] = [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `Line ${index + 1} of the identity file`;
    if (line.startsWith('AGE-SECRET-KEY-PQ-1')) {
      return err(
        IDENTITY_ERRORS.ageFileInvalid,
        `${where} is a post-quantum identity; Casefile uses X25519 identities (AGE-SECRET-KEY-1…).`,
      );
    }
    if (line.startsWith('AGE-PLUGIN-')) {
      return err(
        IDENTITY_ERRORS.ageFileInvalid,
        `${where} is an age plugin identity, which Casefile cannot use.`,
      );
    }
    if ((await x25519RecipientOf(line)) === undefined) {
      // Secret material: say where, never what.
      return err(
        IDENTITY_ERRORS.ageFileInvalid,
        `${where} is not an age identity (AGE-SECRET-KEY-1…), a comment (#) or blank.`,
      );
    }
    if (!identities.includes(line)) identities.push(line);
  }
  if (identities.length === 0) {
    return err(IDENTITY_ERRORS.ageFileEmpty, 'The file holds no age identity (AGE-SECRET-KEY-1…).');
  }
  return ok(identities);
}

// ---------------------------------------------------------------------------------------------
// The address book's view of a signer, for readBundle's `trustedKeys`

/**
 * A synchronous lookup for readBundle: the analyst's own key and verified contacts are
 * trusted, unverified contacts with a signing key are known, everyone else is unknown.
 */
export function trustedKeysOf(
  contacts: readonly Contact[],
  own?: PublicIdentity,
): (fingerprint: string) => 'trusted' | 'known' | undefined {
  const trust = new Map<string, 'trusted' | 'known'>();
  for (const contact of contacts) {
    if (contact.fingerprint === undefined) continue;
    if (trust.get(contact.fingerprint) === 'trusted') continue;
    trust.set(contact.fingerprint, contact.trust === 'verified' ? 'trusted' : 'known');
  }
  if (own !== undefined) trust.set(own.fingerprint, 'trusted');
  return (fingerprint) => trust.get(fingerprint);
}

// ---------------------------------------------------------------------------------------------

interface VersionedFormat<T> {
  readonly what: string;
  readonly format: string;
  readonly schema: z.ZodType<T>;
  readonly malformed: string;
  readonly notFormat: string;
  readonly versionUnsupported: string;
}

/** JSON checks, then format name, then major version, then the strict schema. */
function decodeVersioned<T>(bytes: Uint8Array, spec: VersionedFormat<T>): Result<T> {
  const value = decodeJson(bytes, z.unknown(), spec.what, SMALL_JSON);
  if (!value.ok) return err(spec.malformed, value.error.message);
  const raw = value.value;
  const record =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : undefined;
  if (record?.format !== spec.format) {
    return err(spec.notFormat, `${spec.what} is not one: its "format" is not "${spec.format}".`);
  }
  if (record.version !== 1) {
    return err(
      spec.versionUnsupported,
      typeof record.version === 'number' && record.version > 1
        ? `${spec.what} has version ${record.version}; this Casefile reads version 1. Update Casefile to read it.`
        : `${spec.what} has no valid "version".`,
    );
  }
  const parsed = spec.schema.safeParse(record);
  return parsed.success ? ok(parsed.data) : schemaError(parsed.error, spec.what, spec.malformed);
}

/** The first schema problem, naming the field (and unknown keys); never a value, which may be secret. */
function schemaError(error: z.ZodError, what: string, code: string): Result<never> {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const unknownKeys =
    issue?.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => `"${k}"`).join(', ')})` : '';
  return err(
    code,
    `${what} is malformed${field === '' ? '' : ` at "${field}"`}: ${issue?.message ?? 'unreadable'}${unknownKeys}.`,
  );
}

/** For messages and tests: the bytes as text (cards are UTF-8 JSON). */
export function publicCardText(identity: PublicIdentity): string {
  return decoder.decode(encodePublicCard(identity));
}
