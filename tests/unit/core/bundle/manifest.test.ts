import { createHash } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import {
  canonicalManifestBytes,
  checkMembers,
  decodeManifest,
  MANIFEST_VERSION,
  parseManifest,
  type Manifest,
} from '../../../../src/core/bundle/manifest';
import { sha256HexOfBytes } from '../../../../src/shared/sha256';
import type { Result } from '../../../../src/shared/result';

const encoder = new TextEncoder();
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const caseJson = encoder.encode('{"records":[]}');
const source = encoder.encode('%PDF-1.7 pretend');
const sourcePath = `sources/${sha256(source)}`;
const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const FINGERPRINT =
  'a7c2 728a 7b96 e077 b884 378d fb92 f194 3b50 5ab9 9926 c0ff d493 8a48 4a33 4bbf';

function aManifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    format: 'casefile-bundle',
    version: { major: 1, minor: 0 },
    app: { name: 'Casefile', version: '0.1.0' },
    createdAt: '2026-11-22T05:30:00.000Z',
    case: { id: 'case_01', title: 'Harbour ledger', marking: 'TLP:AMBER' },
    members: [
      { path: 'case.json', size: caseJson.length, sha256: sha256(caseJson) },
      {
        path: sourcePath,
        size: source.length,
        sha256: sha256(source),
        mediaType: 'application/pdf',
      },
    ],
    recordCounts: { sources: 1, claims: 0 },
    ...overrides,
  };
}

function theMembers(): Map<string, Uint8Array> {
  return new Map([
    ['manifest.json', canonicalManifestBytes(aManifest())],
    ['case.json', caseJson],
    [sourcePath, source],
  ]);
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function messageOf(result: Result<unknown>): string {
  return result.ok ? '' : result.error.message;
}

/** A JSON round trip, as the manifest arrives from a bundle. */
function decoded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('parseManifest', () => {
  test('accepts a valid manifest, exactly as written', () => {
    expect(parseManifest(decoded(aManifest()))).toEqual({ ok: true, value: aManifest() });
    expect(MANIFEST_VERSION).toEqual({ major: 1, minor: 0 });
  });

  test('accepts the encryption and signer fields, for recipients or a passphrase', () => {
    const toRecipients = aManifest({
      encryption: {
        kind: 'recipients',
        recipients: [
          { name: 'R. Okafor (Desk 3)', recipient: RECIPIENT },
          { name: RECIPIENT, recipient: RECIPIENT },
        ],
      },
      signer: { name: 'Ada', fingerprint: FINGERPRINT },
    });
    expect(parseManifest(decoded(toRecipients))).toEqual({ ok: true, value: toRecipients });
    const withPassphrase = aManifest({ encryption: { kind: 'passphrase' } });
    expect(parseManifest(decoded(withPassphrase))).toEqual({ ok: true, value: withPassphrase });
  });

  test('an unknown major version is refused before anything else is looked at', () => {
    const newer = parseManifest({ format: 'casefile-bundle', version: { major: 2, minor: 0 } });
    expect(codeOf(newer)).toBe('bundle.manifest.versionUnsupported');
    expect(messageOf(newer)).toContain('made by a newer Casefile');
    expect(messageOf(newer)).toContain('2.0');
    const older = parseManifest({ ...aManifest(), version: { major: 0, minor: 9 } });
    expect(codeOf(older)).toBe('bundle.manifest.invalid');
  });

  test('a newer minor version is accepted, and fields it adds are dropped', () => {
    const newer = decoded({
      ...aManifest(),
      version: { major: 1, minor: 3 },
      exportedBy: { name: 'Ada' },
      case: { ...aManifest().case, tags: ['x'] },
    });
    const result = parseManifest(newer);
    expect(result).toEqual({
      ok: true,
      value: { ...aManifest(), version: { major: 1, minor: 3 } },
    });
  });

  test('a newer minor version may add fields to the signer and encryption too', () => {
    const signer = { name: 'Ada', fingerprint: FINGERPRINT };
    const result = parseManifest(
      decoded({
        ...aManifest({ encryption: { kind: 'passphrase' }, signer }),
        version: { major: 1, minor: 2 },
        signer: { ...signer, email: 'ada@example.org' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ...aManifest({ encryption: { kind: 'passphrase' }, signer }),
        version: { major: 1, minor: 2 },
      },
    });
  });

  test('unknown fields at the current version are refused, at every level', () => {
    for (const value of [
      { ...aManifest(), extra: 1 },
      { ...aManifest(), app: { ...aManifest().app, build: 'x' } },
      { ...aManifest(), members: [{ ...aManifest().members[0], note: 'x' }] },
      { ...aManifest(), version: { major: 1, minor: 0, patch: 1 } },
      { ...aManifest(), encryption: { kind: 'passphrase', workFactor: 18 } },
      { ...aManifest(), signer: { name: 'Ada', fingerprint: FINGERPRINT, email: 'a@b' } },
    ]) {
      expect(codeOf(parseManifest(decoded(value)))).toBe('bundle.manifest.invalid');
    }
  });

  test.each([
    ['not an object', [], ''],
    ['another format', { ...aManifest(), format: 'zip' }, ''],
    ['no version', { ...aManifest(), version: undefined }, ''],
    ['a string major', { ...aManifest(), version: { major: '1', minor: 0 } }, ''],
    ['a negative minor', { ...aManifest(), version: { major: 1, minor: -1 } }, 'version.minor'],
    ['an empty title', { ...aManifest(), case: { ...aManifest().case, title: '' } }, 'case.title'],
    ['a lone surrogate', { ...aManifest(), app: { name: '\ud800', version: '1' } }, 'app.name'],
    ['a local createdAt', { ...aManifest(), createdAt: '2026-11-22 05:30' }, 'createdAt'],
    [
      'an upper-case hash',
      { ...aManifest(), members: [{ path: 'case.json', size: 1, sha256: 'A'.repeat(64) }] },
      'members.0.sha256',
    ],
    [
      'a fractional size',
      { ...aManifest(), members: [{ path: 'case.json', size: 1.5, sha256: 'a'.repeat(64) }] },
      'members.0.size',
    ],
    [
      'an unsafe path',
      { ...aManifest(), members: [{ path: '../../evil', size: 1, sha256: 'a'.repeat(64) }] },
      'members.0.path',
    ],
    [
      'a listed manifest.json',
      { ...aManifest(), members: [{ path: 'manifest.json', size: 1, sha256: 'a'.repeat(64) }] },
      'members.0.path',
    ],
    [
      'a path listed twice (case-insensitively)',
      {
        ...aManifest(),
        members: [
          { path: 'case.json', size: 1, sha256: 'a'.repeat(64) },
          { path: 'CASE.json', size: 1, sha256: 'a'.repeat(64) },
        ],
      },
      'members.1.path',
    ],
    ['a negative count', { ...aManifest(), recordCounts: { sources: -1 } }, 'recordCounts.sources'],
    ['a "constructor" count', { ...aManifest(), recordCounts: { constructor: 1 } }, 'recordCounts'],
    ['a count key with symbols', { ...aManifest(), recordCounts: { 'a-b': 1 } }, 'recordCounts'],
    ['an unknown encryption', { ...aManifest(), encryption: { kind: 'pgp' } }, 'encryption.kind'],
    [
      'no recipients',
      { ...aManifest(), encryption: { kind: 'recipients', recipients: [] } },
      'encryption.recipients',
    ],
    [
      'a recipient that is not age1…',
      {
        ...aManifest(),
        encryption: {
          kind: 'recipients',
          recipients: [{ name: 'Ada', recipient: 'ssh-ed25519 AAA' }],
        },
      },
      'encryption.recipients.0.recipient',
    ],
    [
      'an empty recipient name',
      {
        ...aManifest(),
        encryption: { kind: 'recipients', recipients: [{ name: '', recipient: RECIPIENT }] },
      },
      'encryption.recipients.0.name',
    ],
    [
      'a short fingerprint',
      { ...aManifest(), signer: { name: 'Ada', fingerprint: 'a7c2 728a' } },
      'signer.fingerprint',
    ],
    [
      'a signer without a name',
      { ...aManifest(), signer: { fingerprint: FINGERPRINT } },
      'signer.name',
    ],
  ])('%s is invalid, and the message names the field', (_label, value, field) => {
    const result = parseManifest(decoded(value));
    expect(codeOf(result)).toBe('bundle.manifest.invalid');
    if (field !== '') expect(messageOf(result)).toContain(`"${field}`);
  });
});

describe('decodeManifest (bytes from the bundle)', () => {
  test('canonical bytes decode back to the manifest', () => {
    expect(decodeManifest(canonicalManifestBytes(aManifest()))).toEqual({
      ok: true,
      value: aManifest(),
    });
  });

  test('safeJson refuses invalid UTF-8, prototype keys and deep nesting first', () => {
    const bytes = canonicalManifestBytes(aManifest());
    const invalidUtf8 = Uint8Array.from([...bytes.subarray(0, 10), 0xff, ...bytes.subarray(10)]);
    expect(codeOf(decodeManifest(invalidUtf8))).toBe('bundle.json.encoding');
    const polluted = encoder.encode(
      JSON.stringify({ ...aManifest() }).replace('{', '{"__proto__":{"admin":true},'),
    );
    expect(codeOf(decodeManifest(polluted))).toBe('bundle.json.forbiddenKey');
    expect(codeOf(decodeManifest(encoder.encode('['.repeat(100_000))))).toBe('bundle.json.tooDeep');
  });

  test('a newer major in the bytes is versionUnsupported', () => {
    const bytes = encoder.encode(
      JSON.stringify({ format: 'casefile-bundle', version: { major: 7, minor: 1 }, x: [] }),
    );
    expect(codeOf(decodeManifest(bytes))).toBe('bundle.manifest.versionUnsupported');
  });
});

describe('canonicalManifestBytes', () => {
  test('RFC 8785: sorted keys, no whitespace, UTF-8 (golden bytes)', () => {
    const manifest = aManifest({
      case: { id: 'c', title: 'Ünïcødé “quoted” \u0007', marking: 'TLP:CLEAR' },
      members: [{ path: 'case.json', size: 10, sha256: 'a'.repeat(64) }],
      recordCounts: { sources: 2, claims: 1 },
    });
    const text = new TextDecoder().decode(canonicalManifestBytes(manifest));
    expect(text).toBe(
      '{"app":{"name":"Casefile","version":"0.1.0"},' +
        '"case":{"id":"c","marking":"TLP:CLEAR","title":"Ünïcødé “quoted” \\u0007"},' +
        '"createdAt":"2026-11-22T05:30:00.000Z","format":"casefile-bundle",' +
        `"members":[{"path":"case.json","sha256":"${'a'.repeat(64)}","size":10}],` +
        '"recordCounts":{"claims":1,"sources":2},"version":{"major":1,"minor":0}}',
    );
  });

  test('does not depend on key order, and parses back to the same manifest', () => {
    const manifest = aManifest();
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as Manifest;
    const bytes = canonicalManifestBytes(manifest);
    expect(canonicalManifestBytes(reordered)).toEqual(bytes);
    const reparsed = parseManifest(JSON.parse(new TextDecoder().decode(bytes)));
    expect(reparsed).toEqual({ ok: true, value: manifest });
  });
});

describe('checkMembers', () => {
  test('passes when every member matches (WebCrypto hashing, as the app does)', async () => {
    expect(await checkMembers(aManifest(), theMembers(), sha256HexOfBytes)).toEqual({
      ok: true,
      value: undefined,
    });
    const withSignature = theMembers().set('signature.json', encoder.encode('{}'));
    expect(codeOf(await checkMembers(aManifest(), withSignature, sha256HexOfBytes))).toBe('ok');
  });

  test('a member whose bytes differ is named', async () => {
    const members = theMembers();
    const tampered = source.slice();
    tampered[0] = 0x25 ^ 0x01;
    members.set(sourcePath, tampered);
    const result = await checkMembers(aManifest(), members, sha256HexOfBytes);
    expect(codeOf(result)).toBe('bundle.member.hashMismatch');
    expect(messageOf(result)).toContain(sourcePath);
  });

  test('a member whose size differs is named, without hashing anything', async () => {
    const members = theMembers().set('case.json', encoder.encode('{"records":[1]}'));
    const hash = vi.fn(sha256HexOfBytes);
    const result = await checkMembers(aManifest(), members, hash);
    expect(codeOf(result)).toBe('bundle.member.hashMismatch');
    expect(messageOf(result)).toContain('"case.json"');
    expect(hash).not.toHaveBeenCalled();
  });

  test('an unlisted member is refused and named', async () => {
    const members = theMembers().set('sources/extra', encoder.encode('x'));
    const result = await checkMembers(aManifest(), members, sha256HexOfBytes);
    expect(codeOf(result)).toBe('bundle.member.unlisted');
    expect(messageOf(result)).toContain('"sources/extra"');
  });

  test('a listed member that is missing is refused and named', async () => {
    const members = theMembers();
    members.delete('case.json');
    const result = await checkMembers(aManifest(), members, sha256HexOfBytes);
    expect(codeOf(result)).toBe('bundle.member.missing');
    expect(messageOf(result)).toContain('"case.json"');
  });
});
