import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  decodeSignatureFile,
  generateSigningKey,
  parseSignatureFile,
  signManifest,
  signingKeyFingerprint,
  signingPublicKey,
  verifyManifestSignature,
  type SignatureFile,
} from '../../../../src/core/bundle/signature';
import type { Result } from '../../../../src/shared/result';

const encoder = new TextEncoder();
const manifestA = encoder.encode('{"format":"casefile-bundle","case":{"title":"A"}}');
const manifestB = encoder.encode('{"format":"casefile-bundle","case":{"title":"B"}}');

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

describe('keys and fingerprints', () => {
  test('a key pair is 32 + 32 bytes and the public key derives from the secret', () => {
    const key = generateSigningKey();
    expect(key.secretKey).toHaveLength(32);
    expect(key.publicKey).toHaveLength(32);
    expect(signingPublicKey(key.secretKey)).toEqual({ ok: true, value: key.publicKey });
    expect(codeOf(signingPublicKey(new Uint8Array(31)))).toBe('bundle.signature.keyInvalid');
    expect(generateSigningKey().publicKey).not.toEqual(key.publicKey);
  });

  test('the fingerprint is the SHA-256 of the public key in 16 groups of 4 hex digits', () => {
    const { publicKey } = generateSigningKey();
    const fingerprint = signingKeyFingerprint(publicKey);
    expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    expect(fingerprint.replaceAll(' ', '')).toBe(
      createHash('sha256').update(publicKey).digest('hex'),
    );
  });
});

describe('sign and verify', () => {
  test('a signature verifies and names its signer', () => {
    const key = generateSigningKey();
    const signature = signManifest(manifestA, key.secretKey);
    expect(signature).toMatchObject({
      format: 'casefile-signature',
      version: 1,
      algorithm: 'Ed25519',
      manifestSha256: createHash('sha256').update(manifestA).digest('hex'),
    });
    expect(parseSignatureFile(JSON.parse(JSON.stringify(signature)))).toEqual({
      ok: true,
      value: signature,
    });
    expect(verifyManifestSignature(manifestA, signature)).toEqual({
      ok: true,
      value: { publicKey: key.publicKey, fingerprint: signingKeyFingerprint(key.publicKey) },
    });
  });

  test('it is a plain RFC 8032 Ed25519 signature over the manifest bytes (node:crypto agrees)', () => {
    const key = generateSigningKey();
    const signature = signManifest(manifestA, key.secretKey);
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(key.publicKey),
    ]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const signatureBytes = Buffer.from(signature.signature, 'base64');
    expect(nodeVerify(null, manifestA, publicKey, signatureBytes)).toBe(true);
    expect(Buffer.from(signature.publicKey, 'base64')).toEqual(Buffer.from(key.publicKey));
  });

  test('a signature copied from another bundle is a mismatch', () => {
    const key = generateSigningKey();
    const fromB = signManifest(manifestB, key.secretKey);
    const result = verifyManifestSignature(manifestA, fromB);
    expect(codeOf(result)).toBe('bundle.signature.mismatch');
    expect(result.ok ? '' : result.error.message).toContain('copied from another bundle');
  });

  test('a copied signature with its hash edited to match is invalid', () => {
    const key = generateSigningKey();
    const fromB = signManifest(manifestB, key.secretKey);
    const edited: SignatureFile = {
      ...fromB,
      manifestSha256: createHash('sha256').update(manifestA).digest('hex'),
    };
    expect(codeOf(verifyManifestSignature(manifestA, edited))).toBe('bundle.signature.invalid');
  });

  test('a flipped signature bit, another key, or a non-point key is invalid', () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const signature = signManifest(manifestA, key.secretKey);
    const bytes = base64ToBytes(signature.signature) ?? new Uint8Array(0);
    for (let bit = 0; bit < bytes.length * 8; bit += 37) {
      const flipped = bytes.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const forged = { ...signature, signature: bytesToBase64(flipped) };
      expect(codeOf(verifyManifestSignature(manifestA, forged))).toBe('bundle.signature.invalid');
    }
    const swappedKey = { ...signature, publicKey: bytesToBase64(other.publicKey) };
    expect(codeOf(verifyManifestSignature(manifestA, swappedKey))).toBe('bundle.signature.invalid');
    // y = 2 is not on the curve.
    const notAPoint = new Uint8Array(32);
    notAPoint[0] = 2;
    const badKey = { ...signature, publicKey: bytesToBase64(notAPoint) };
    expect(codeOf(verifyManifestSignature(manifestA, badKey))).toBe('bundle.signature.invalid');
  });

  test('a changed manifest byte is a mismatch', () => {
    const key = generateSigningKey();
    const signature = signManifest(manifestA, key.secretKey);
    const changed = manifestA.slice();
    changed[changed.length - 3] = 0x43; // "A" -> "C"
    expect(codeOf(verifyManifestSignature(changed, signature))).toBe('bundle.signature.mismatch');
  });
});

describe('signature.json schema', () => {
  const valid = signManifest(manifestA, generateSigningKey().secretKey);

  test.each([
    ['an unknown key', { ...valid, comment: 'hi' }, ''],
    ['another format', { ...valid, format: 'other' }, 'format'],
    ['another version', { ...valid, version: 2 }, 'version'],
    ['another algorithm', { ...valid, algorithm: 'RSA' }, 'algorithm'],
    ['a short public key', { ...valid, publicKey: bytesToBase64(new Uint8Array(31)) }, 'publicKey'],
    ['unpadded base64', { ...valid, publicKey: valid.publicKey.replace(/=+$/, '') }, 'publicKey'],
    ['url-safe base64', { ...valid, signature: valid.signature.replace(/./, '-') }, 'signature'],
    ['upper-case hex', { ...valid, manifestSha256: valid.manifestSha256.toUpperCase() }, ''],
    ['a missing field', { ...valid, signature: undefined }, 'signature'],
    ['not an object', 'signature', ''],
    ['null', null, ''],
  ])('%s is malformed', (_label, value, field) => {
    const result = parseSignatureFile(value);
    expect(codeOf(result)).toBe('bundle.signature.malformed');
    if (field !== '') expect(result.ok ? '' : result.error.message).toContain(`"${field}"`);
    expect(codeOf(verifyManifestSignature(manifestA, value as SignatureFile))).toBe(
      'bundle.signature.malformed',
    );
  });

  test('decodeSignatureFile: JSON bytes through safeJson, then the schema', () => {
    const bytes = encoder.encode(JSON.stringify(valid, null, 2));
    expect(decodeSignatureFile(bytes)).toEqual({ ok: true, value: valid });
    expect(codeOf(decodeSignatureFile(encoder.encode('{"format":')))).toBe('bundle.json.syntax');
    const polluted = encoder.encode(JSON.stringify(valid).replace('{', '{"constructor":1,'));
    expect(codeOf(decodeSignatureFile(polluted))).toBe('bundle.json.forbiddenKey');
    const extra = encoder.encode(JSON.stringify({ ...valid, note: 1 }));
    expect(codeOf(decodeSignatureFile(extra))).toBe('bundle.signature.malformed');
  });

  test('base64 decoding is strict and canonical', () => {
    expect(base64ToBytes('AAEC')).toEqual(Uint8Array.of(0, 1, 2));
    expect(base64ToBytes('AAE=')).toEqual(Uint8Array.of(0, 1));
    expect(base64ToBytes('AA==')).toEqual(Uint8Array.of(0));
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
    for (const bad of ['AAE', 'AB==', 'A===', 'AA=A', 'AA AA', 'AAE=\n', '_-AA']) {
      expect([bad, base64ToBytes(bad)]).toEqual([bad, undefined]);
    }
    const random = Uint8Array.from({ length: 100 }, (_, index) => (index * 53) % 256);
    expect(base64ToBytes(bytesToBase64(random))).toEqual(random);
    expect(bytesToBase64(random)).toBe(Buffer.from(random).toString('base64'));
  });
});
