import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { decodeJson } from './safeJson';
import { base64ToBytes, bytesToBase64 } from '../text/base64';

export { base64ToBytes, bytesToBase64 };

/**
 * signature.json: an Ed25519 signature (RFC 8032, via @noble/curves) over the exact bytes of
 * manifest.json, which are its RFC 8785 canonical form (see manifest.ts). The manifest lists
 * every member's SHA-256, so the signature covers the whole bundle.
 *
 * The file also names the manifest's SHA-256: a signature copied from another bundle is then
 * reported as belonging to another manifest (`bundle.signature.mismatch`) rather than as a
 * forgery (`bundle.signature.invalid`). Trusting the key is the caller's decision (address book).
 */

export interface SigningKeyPair {
  /** 32-byte Ed25519 seed (RFC 8032's private key). Secret. */
  readonly secretKey: Uint8Array;
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

export interface SignatureFile {
  readonly format: 'casefile-signature';
  readonly version: 1;
  readonly algorithm: 'Ed25519';
  /** Standard base64 (RFC 4648 §4, padded) of the 32-byte public key. */
  readonly publicKey: string;
  /** Standard base64 of the 64-byte signature over the manifest bytes. */
  readonly signature: string;
  /** Lower-case hex SHA-256 of the manifest bytes that were signed. */
  readonly manifestSha256: string;
}

export interface VerifiedSignature {
  readonly publicKey: Uint8Array;
  readonly fingerprint: string;
}

const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

const base64Of = (bytes: number, what: string) =>
  z
    .string()
    .max(4 * Math.ceil(bytes / 3))
    .refine((text) => base64ToBytes(text)?.length === bytes, {
      message: `must be the standard base64 of a ${bytes}-byte ${what}`,
    });

export const signatureFileSchema = z.strictObject({
  format: z.literal('casefile-signature'),
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  publicKey: base64Of(PUBLIC_KEY_BYTES, 'public key'),
  signature: base64Of(SIGNATURE_BYTES, 'signature'),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});

/** A fresh signing key pair (random from WebCrypto's getRandomValues, via noble). */
export function generateSigningKey(): SigningKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey };
}

/** The public key a secret key (seed) belongs to, e.g. after importing a saved key. */
export function signingPublicKey(secretKey: Uint8Array): Result<Uint8Array> {
  if (secretKey.length !== PUBLIC_KEY_BYTES) {
    return err('bundle.signature.keyInvalid', 'A signing secret key is 32 bytes.');
  }
  return ok(ed25519.getPublicKey(secretKey));
}

/** True when `publicKey` is 32 bytes encoding a point on the curve (an address book check). */
export function isSigningPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    ed25519.Point.fromBytes(publicKey);
    return true;
  } catch {
    return false;
  }
}

/**
 * What analysts compare to trust a key: SHA-256 of the raw 32-byte public key, as 64 lower-case
 * hex digits in 16 space-separated groups of 4, e.g. `3f1c 09ab … 7d20`. Full length, so no
 * argument about truncation is needed.
 */
export function signingKeyFingerprint(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey)).match(/.{4}/g)?.join(' ') ?? '';
}

/** Signs the canonical manifest bytes. Throws only for a secret key that is not 32 bytes. */
export function signManifest(
  canonicalManifestBytes: Uint8Array,
  secretKey: Uint8Array,
): SignatureFile {
  return {
    format: 'casefile-signature',
    version: 1,
    algorithm: 'Ed25519',
    publicKey: bytesToBase64(ed25519.getPublicKey(secretKey)),
    signature: bytesToBase64(ed25519.sign(canonicalManifestBytes, secretKey)),
    manifestSha256: bytesToHex(sha256(canonicalManifestBytes)),
  };
}

/** Parses a decoded signature.json (unknown keys refused). */
export function parseSignatureFile(value: unknown): Result<SignatureFile> {
  const parsed = signatureFileSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return err(
    'bundle.signature.malformed',
    `signature.json is malformed${field === '' ? '' : ` at "${field}"`}: ${issue?.message ?? 'unreadable'}.`,
  );
}

/** signature.json's bytes to a signature file: safeJson's checks, then parseSignatureFile. */
export function decodeSignatureFile(bytes: Uint8Array): Result<SignatureFile> {
  const value = decodeJson(bytes, z.unknown(), 'signature.json');
  return value.ok ? parseSignatureFile(value.value) : value;
}

/**
 * Checks the signature against the manifest bytes as they are in the bundle (never re-encoded).
 * Order: well-formed, then for this manifest (mismatch), then cryptographically valid (invalid).
 * Verification is strict RFC 8032 (no ZIP-215 leniency), as other Ed25519 verifiers are.
 */
export function verifyManifestSignature(
  canonicalManifestBytes: Uint8Array,
  signature: SignatureFile,
): Result<VerifiedSignature> {
  const parsed = parseSignatureFile(signature);
  if (!parsed.ok) return parsed;
  if (bytesToHex(sha256(canonicalManifestBytes)) !== parsed.value.manifestSha256) {
    return err(
      'bundle.signature.mismatch',
      'The signature belongs to a different manifest: it may have been copied from another bundle, or the manifest was changed.',
    );
  }
  const publicKey = base64ToBytes(parsed.value.publicKey);
  const signatureBytes = base64ToBytes(parsed.value.signature);
  let valid = false;
  if (publicKey !== undefined && signatureBytes !== undefined) {
    try {
      valid = ed25519.verify(signatureBytes, canonicalManifestBytes, publicKey, { zip215: false });
    } catch {
      // A public key that is not a curve point: as bad as a wrong signature.
      valid = false;
    }
  }
  if (!valid || publicKey === undefined) {
    return err(
      'bundle.signature.invalid',
      'The signature does not match the manifest: the bundle was altered after it was signed, or the signature is forged.',
    );
  }
  return ok({ publicKey, fingerprint: signingKeyFingerprint(publicKey) });
}
