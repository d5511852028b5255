import { Decrypter, Encrypter, generateHybridIdentity, identityToRecipient } from 'age-encryption';
import canonicalize from 'canonicalize';
import { describe, expect, test } from 'vitest';
import { encryptWithPassphrase, generateAgeIdentity } from '../../../../src/core/bundle/age';
import { signingKeyFingerprint } from '../../../../src/core/bundle/signature';
import {
  ageIdentitiesFromFile,
  decodePublicCard,
  decodeSecrets,
  decryptIdentityFile,
  encodePublicCard,
  encodeSecrets,
  encryptIdentityFile,
  generateIdentity,
  identityFileContent,
  parseRecipientInput,
  publicIdentityOf,
  signingKeyBytes,
  trustedKeysOf,
  unwrapSecretsWithPassphrase,
  validateIdentityName,
  wrapSecretsWithPassphrase,
} from '../../../../src/core/identity/identity';
import type {
  Contact,
  IdentitySecrets,
  PublicIdentity,
  StoredIdentity,
} from '../../../../src/core/identity/types';
import type { Result } from '../../../../src/shared/result';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Cheap scrypt for tests; real files use 18. */
const FAST = 2;

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected an error, got a value');
  return result.error;
}

async function anIdentity(name = 'R. Okafor (Desk 3)') {
  return valueOf(await generateIdentity(name));
}

function cardJson(identity: PublicIdentity, changes: Record<string, unknown> = {}): Uint8Array {
  const card = JSON.parse(decoder.decode(encodePublicCard(identity))) as Record<string, unknown>;
  return encoder.encode(JSON.stringify({ ...card, ...changes }));
}

/** A syntactically valid Ed25519 key that is not the card's. */
function otherHexKey(identity: PublicIdentity): string {
  return identity.signingPublicKey.replace(/^./u, (c) => (c === '0' ? '1' : '0'));
}

describe('names', () => {
  test('trimmed, 1–200 characters', () => {
    expect(valueOf(validateIdentityName('  Ana Ruiz  '))).toBe('Ana Ruiz');
    expect(valueOf(validateIdentityName('x'.repeat(200)))).toHaveLength(200);
    expect(valueOf(validateIdentityName('Zoë Ångström 李'))).toBe('Zoë Ångström 李');
  });

  test.each([
    ['', 'identity.name.empty'],
    ['   \t ', 'identity.name.empty'],
    ['x'.repeat(201), 'identity.name.tooLong'],
    ['Ana\nRuiz', 'identity.name.invalid'],
    ['Ana\u0000', 'identity.name.invalid'],
    ['Ana\u007f', 'identity.name.invalid'],
    ['Ana\u0085Ruiz', 'identity.name.invalid'],
    ['Ana \u202egpj.exe', 'identity.name.invalid'],
    ['Ana\u2066x\u2069', 'identity.name.invalid'],
  ])('%j is refused (%s)', async (name, code) => {
    expect(errorOf(validateIdentityName(name)).code).toBe(code);
    expect(errorOf(await generateIdentity(name)).code).toBe(code);
  });
});

describe('generateIdentity and publicIdentityOf', () => {
  test('a fresh X25519 identity and Ed25519 key whose public parts derive from the secrets', async () => {
    const { identity, secrets } = await anIdentity();
    expect(identity.name).toBe('R. Okafor (Desk 3)');
    expect(identity.ageRecipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/u);
    expect(identity.signingPublicKey).toMatch(/^[0-9a-f]{64}$/u);
    expect(identity.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/u);
    expect(secrets.ageIdentity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/u);
    expect(secrets.signingSecretKey).toMatch(/^[0-9a-f]{64}$/u);
    expect(await identityToRecipient(secrets.ageIdentity)).toBe(identity.ageRecipient);
    expect(valueOf(await publicIdentityOf(identity.name, secrets))).toEqual(identity);
    expect(valueOf(signingKeyBytes(secrets))).toHaveLength(32);

    const other = await anIdentity();
    expect(other.identity.ageRecipient).not.toBe(identity.ageRecipient);
    expect(other.identity.fingerprint).not.toBe(identity.fingerprint);
  });

  test('refuses bad secrets without echoing them', async () => {
    const { secrets } = await anIdentity();
    const pq = await generateHybridIdentity();
    const cases: [IdentitySecrets, RegExp][] = [
      [{ ...secrets, ageIdentity: 'AGE-SECRET-KEY-1NOTAKEY' }, /not a valid X25519/u],
      [{ ...secrets, ageIdentity: secrets.ageIdentity.toLowerCase() }, /not a valid X25519/u],
      [{ ...secrets, ageIdentity: pq }, /post-quantum/u],
      [{ ...secrets, signingSecretKey: 'ab'.repeat(31) }, /signing secret key/u],
      [{ ...secrets, signingSecretKey: secrets.signingSecretKey.toUpperCase() }, /signing/u],
    ];
    for (const [bad, message] of cases) {
      const error = errorOf(await publicIdentityOf('Ana', bad));
      expect(error.code).toBe('identity.secrets.invalid');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(bad.ageIdentity.slice(16));
    }
    expect(errorOf(await publicIdentityOf('', secrets)).code).toBe('identity.name.empty');
  });
});

describe('public card', () => {
  test('round trip, readable JSON, only public fields even from a stored identity', async () => {
    const { identity } = await anIdentity();
    const stored: StoredIdentity = {
      ...identity,
      id: 'me',
      createdAt: '2026-11-22T08:00:00.000Z',
      secrets: { kind: 'passphrase', bytes: new Uint8Array([1, 2, 3]) },
    };
    const bytes = encodePublicCard(stored);
    const text = decoder.decode(bytes);
    expect(text).toMatch(/^\{\n {2}"format": "casefile-public-key",\n {2}"version": 1,\n/u);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toContain('secrets');
    expect(text).not.toContain('"id"');
    expect(encodePublicCard(identity)).toEqual(bytes);
    expect(valueOf(decodePublicCard(bytes))).toEqual({
      format: 'casefile-public-key',
      version: 1,
      ...identity,
    });
  });

  test('a tampered fingerprint or key is caught', async () => {
    const { identity } = await anIdentity();
    const flipped = identity.fingerprint.replace(/^./u, (c) => (c === '0' ? '1' : '0'));
    const forged = errorOf(decodePublicCard(cardJson(identity, { fingerprint: flipped })));
    expect(forged.code).toBe('identity.card.fingerprintMismatch');
    expect(forged.message).toMatch(/fingerprint does not belong to the signing key/u);

    // Someone swaps the key but leaves the fingerprint the victim compared.
    const other = await anIdentity();
    const swapped = cardJson(identity, { signingPublicKey: other.identity.signingPublicKey });
    expect(errorOf(decodePublicCard(swapped)).code).toBe('identity.card.fingerprintMismatch');

    // A key that is 32 bytes of hex but not a point on the curve.
    const notPoint = 'ff'.repeat(32);
    const badKey = cardJson(identity, {
      signingPublicKey: notPoint,
      fingerprint: signingKeyFingerprint(new Uint8Array(32).fill(0xff)),
    });
    expect(errorOf(decodePublicCard(badKey)).code).toBe('identity.signingKeyInvalid');
    expect(otherHexKey(identity)).not.toBe(identity.signingPublicKey);
  });

  test.each([
    ['garbage bytes', new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'identity.card.malformed'],
    ['empty', new Uint8Array(), 'identity.card.malformed'],
    ['not JSON', encoder.encode('hello'), 'identity.card.malformed'],
    ['an array', encoder.encode('[]'), 'identity.card.notCard'],
    [
      'a signature file',
      encoder.encode('{"format":"casefile-signature"}'),
      'identity.card.notCard',
    ],
    ['huge', encoder.encode(`{"x":"${'a'.repeat(20_000)}"}`), 'identity.card.malformed'],
    ['deep', encoder.encode(`${'['.repeat(50)}${']'.repeat(50)}`), 'identity.card.malformed'],
  ])('%s is refused', (_what, bytes, code) => {
    expect(errorOf(decodePublicCard(bytes)).code).toBe(code);
  });

  test('each bad field is named', async () => {
    const { identity } = await anIdentity();
    const pq = await identityToRecipient(await generateHybridIdentity());
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ version: 2 }, 'identity.card.versionUnsupported', /version 2.*Update Casefile/u],
      [{ version: '1' }, 'identity.card.versionUnsupported', /no valid "version"/u],
      [{ extra: 1 }, 'identity.card.malformed', /"extra"/u],
      [{ __proto__x: 1 }, 'identity.card.malformed', /"__proto__x"/u],
      [{ name: 7 }, 'identity.card.malformed', /at "name"/u],
      [{ name: '' }, 'identity.name.empty', /name/u],
      [{ name: 'A\u202eB' }, 'identity.name.invalid', /control/u],
      [{ name: ' padded ' }, 'identity.name.invalid', /white space/u],
      [{ signingPublicKey: 'AB'.repeat(32) }, 'identity.card.malformed', /signingPublicKey/u],
      [{ fingerprint: 'abcd' }, 'identity.card.malformed', /fingerprint/u],
      [{ ageRecipient: 'age1notarecipient' }, 'identity.recipientInvalid', /not a valid age/u],
      [{ ageRecipient: pq }, 'identity.recipientInvalid', /post-quantum/u],
    ];
    for (const [changes, code, message] of cases) {
      const error = errorOf(decodePublicCard(cardJson(identity, changes)));
      expect(error.code, JSON.stringify(changes)).toBe(code);
      expect(error.message).toMatch(message);
    }
    const missing = JSON.parse(decoder.decode(encodePublicCard(identity))) as Record<
      string,
      unknown
    >;
    delete missing.fingerprint;
    const error = errorOf(decodePublicCard(encoder.encode(JSON.stringify(missing))));
    expect(error.code).toBe('identity.card.malformed');
    expect(error.message).toMatch(/fingerprint/u);
  });

  test('a __proto__ key is refused before anything else', async () => {
    const { identity } = await anIdentity();
    const text = decoder
      .decode(encodePublicCard(identity))
      .replace('"version": 1,', '"version": 1, "__proto__": {"polluted": true},');
    const error = errorOf(decodePublicCard(encoder.encode(text)));
    expect(error.code).toBe('identity.card.malformed');
    expect(error.message).toMatch(/__proto__/u);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('identity file', () => {
  const createdAt = '2026-11-22T08:00:00.000Z';

  test('round trip; the age CLI format: scrypt + RFC 8785 JSON', async () => {
    const { identity, secrets } = await anIdentity();
    const content = identityFileContent(identity, secrets, createdAt);
    const file = valueOf(await encryptIdentityFile(content, 'correct horse', FAST));
    expect(decoder.decode(file.subarray(0, 22))).toBe('age-encryption.org/v1\n');
    expect(decoder.decode(file)).toContain('-> scrypt ');
    expect(valueOf(await decryptIdentityFile(file, 'correct horse'))).toEqual(content);

    // What `age -d` would print: canonical JSON, keys sorted.
    const decrypter = new Decrypter();
    decrypter.addPassphrase('correct horse');
    const plain = decoder.decode(await decrypter.decrypt(file));
    expect(plain).toBe(canonicalize(content));
  });

  test('only the format’s fields are written, whatever the caller passes', async () => {
    const { identity, secrets } = await anIdentity();
    const content = {
      ...identityFileContent(identity, secrets, createdAt),
      id: 'x',
      secrets: { kind: 'passphrase' },
    };
    const file = valueOf(await encryptIdentityFile(content, 'pw', FAST));
    const back = valueOf(await decryptIdentityFile(file, 'pw'));
    expect(Object.keys(back).sort()).toEqual(
      [
        'ageIdentity',
        'ageRecipient',
        'createdAt',
        'fingerprint',
        'format',
        'name',
        'signingPublicKey',
        'signingSecretKey',
        'version',
      ].sort(),
    );
  });

  test('wrong or empty passphrase, and files that are not identity files', async () => {
    const { identity, secrets } = await anIdentity();
    const file = valueOf(
      await encryptIdentityFile(identityFileContent(identity, secrets, createdAt), 'right', FAST),
    );
    const wrong = errorOf(await decryptIdentityFile(file, 'wrong'));
    expect(wrong).toEqual({
      code: 'bundle.age.wrongKey',
      message: 'Wrong passphrase: it does not unlock this identity file.',
    });
    expect(errorOf(await decryptIdentityFile(file, '')).code).toBe('bundle.age.passphraseEmpty');
    expect(errorOf(await decryptIdentityFile(encoder.encode('garbage'), 'x')).code).toBe(
      'identity.file.notIdentityFile',
    );
    expect(errorOf(await decryptIdentityFile(new Uint8Array(), 'x')).code).toBe(
      'identity.file.notIdentityFile',
    );
    const truncated = errorOf(
      await decryptIdentityFile(file.subarray(0, file.length - 1), 'right'),
    );
    expect(truncated.code).toBe('bundle.age.damaged');
    expect(truncated.message).toMatch(/^The identity file is damaged/u);

    // A big file is refused before scrypt runs.
    const big = new Uint8Array(100 * 1024);
    big.set(file);
    const tooLarge = errorOf(await decryptIdentityFile(big, 'right'));
    expect(tooLarge.code).toBe('bundle.age.tooLarge');
    expect(tooLarge.message).toMatch(
      /^The identity file is 100 KiB, more than the 64 KiB Casefile opens/u,
    );

    // Encrypted to a recipient instead of a passphrase.
    const me = await generateAgeIdentity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(me.recipient);
    const toRecipient = await encrypter.encrypt('{}');
    expect(errorOf(await decryptIdentityFile(toRecipient, 'x')).code).toBe('bundle.age.wrongKey');
  });

  test('a file whose secrets are not its public parts is refused (identity.file.mismatch)', async () => {
    const mine = await anIdentity();
    const theirs = await anIdentity();
    const mixedAge = identityFileContent(
      mine.identity,
      { ...mine.secrets, ageIdentity: theirs.secrets.ageIdentity },
      createdAt,
    );
    const mixedSigning = identityFileContent(
      mine.identity,
      { ...mine.secrets, signingSecretKey: theirs.secrets.signingSecretKey },
      createdAt,
    );
    // Written by hand with age -p, since Casefile refuses to write such a file.
    for (const [content, message] of [
      [mixedAge, /age secret key does not belong/u],
      [mixedSigning, /signing secret key does not belong/u],
    ] as const) {
      expect(errorOf(await encryptIdentityFile(content, 'pw', FAST)).code).toBe(
        'identity.file.mismatch',
      );
      const file = valueOf(
        await encryptWithPassphrase(encoder.encode(JSON.stringify(content)), 'pw', FAST),
      );
      const error = errorOf(await decryptIdentityFile(file, 'pw'));
      expect(error.code).toBe('identity.file.mismatch');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(theirs.secrets.signingSecretKey);
    }
    // A stated fingerprint that is not the stated key's.
    const badFingerprint = {
      ...identityFileContent(mine.identity, mine.secrets, createdAt),
      fingerprint: theirs.identity.fingerprint,
    };
    const file = valueOf(
      await encryptWithPassphrase(encoder.encode(JSON.stringify(badFingerprint)), 'pw', FAST),
    );
    expect(errorOf(await decryptIdentityFile(file, 'pw')).code).toBe('identity.file.mismatch');
  });

  test.each([
    ['not JSON', 'hello', 'identity.file.malformed'],
    ['a public card', 'card', 'identity.file.notIdentityFile'],
    ['version 2', 'v2', 'identity.file.versionUnsupported'],
    ['an unknown key', 'extra', 'identity.file.malformed'],
    ['a bad date', 'date', 'identity.file.malformed'],
    ['a post-quantum identity', 'pq', 'identity.secrets.invalid'],
  ])('plaintext that is %s is refused', async (_what, kind, code) => {
    const { identity, secrets } = await anIdentity();
    const content = identityFileContent(identity, secrets, createdAt);
    const plain =
      kind === 'hello'
        ? 'hello'
        : kind === 'card'
          ? decoder.decode(encodePublicCard(identity))
          : JSON.stringify({
              ...content,
              ...(kind === 'v2' ? { version: 2 } : {}),
              ...(kind === 'extra' ? { comment: 'x' } : {}),
              ...(kind === 'date' ? { createdAt: 'yesterday' } : {}),
              ...(kind === 'pq' ? { ageIdentity: await generateHybridIdentity() } : {}),
            });
    const file = valueOf(await encryptWithPassphrase(encoder.encode(plain), 'pw', FAST));
    const error = errorOf(await decryptIdentityFile(file, 'pw'));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(secrets.signingSecretKey);
  });

  test('the file’s own encryption refuses an empty passphrase and a bad work factor', async () => {
    const { identity, secrets } = await anIdentity();
    const content = identityFileContent(identity, secrets, createdAt);
    expect(errorOf(await encryptIdentityFile(content, '', FAST)).code).toBe(
      'bundle.age.passphraseEmpty',
    );
    expect(errorOf(await encryptIdentityFile(content, 'pw', 30)).code).toBe(
      'bundle.age.workFactorInvalid',
    );
    expect(
      errorOf(await encryptIdentityFile({ ...content, createdAt: 'now' }, 'pw', FAST)).code,
    ).toBe('identity.file.malformed');
  });
});

describe('secrets at rest', () => {
  test('encode / decode round trip (canonical JSON of the two secrets only)', async () => {
    const { identity, secrets } = await anIdentity();
    const bytes = encodeSecrets({ ...secrets, ...identity });
    expect(decoder.decode(bytes)).toBe(
      `{"ageIdentity":"${secrets.ageIdentity}","signingSecretKey":"${secrets.signingSecretKey}"}`,
    );
    expect(valueOf(await decodeSecrets(bytes))).toEqual(secrets);
  });

  test.each([
    ['garbage', new Uint8Array([0xc3, 0x28])],
    ['not JSON', encoder.encode('nope')],
    ['an unknown key', encoder.encode('{"ageIdentity":"x","signingSecretKey":"y","z":1}')],
    ['a bad signing key', encoder.encode('{"ageIdentity":"x","signingSecretKey":"y"}')],
    [
      'a bad age identity',
      encoder.encode(`{"ageIdentity":"AGE-SECRET-KEY-1X","signingSecretKey":"${'a'.repeat(64)}"}`),
    ],
  ])('decodeSecrets refuses %s', async (_what, bytes) => {
    expect(errorOf(await decodeSecrets(bytes)).code).toBe('identity.secrets.malformed');
  });

  test('passphrase wrapping: round trip, wrong passphrase, damage', async () => {
    const { secrets } = await anIdentity();
    const wrapped = valueOf(await wrapSecretsWithPassphrase(secrets, 'open sesame', FAST));
    expect(decoder.decode(wrapped)).not.toContain(secrets.signingSecretKey);
    expect(valueOf(await unwrapSecretsWithPassphrase(wrapped, 'open sesame'))).toEqual(secrets);
    expect(errorOf(await unwrapSecretsWithPassphrase(wrapped, 'open sesam'))).toEqual({
      code: 'bundle.age.wrongKey',
      message: 'Wrong passphrase: it does not unlock this identity.',
    });
    const flipped = wrapped.slice();
    flipped[flipped.length - 5]! ^= 1;
    expect(errorOf(await unwrapSecretsWithPassphrase(flipped, 'open sesame')).code).toBe(
      'bundle.age.damaged',
    );
    expect(errorOf(await wrapSecretsWithPassphrase(secrets, '', FAST)).code).toBe(
      'bundle.age.passphraseEmpty',
    );
  });
});

describe('parseRecipientInput', () => {
  test('a bare recipient, with surrounding white space', async () => {
    const { identity } = await anIdentity();
    expect(valueOf(parseRecipientInput(`  ${identity.ageRecipient}\n`))).toEqual({
      kind: 'recipient',
      ageRecipient: identity.ageRecipient,
    });
  });

  test('a card’s JSON text gives the whole public identity', async () => {
    const { identity } = await anIdentity();
    const text = `\n${decoder.decode(encodePublicCard(identity))}`;
    expect(valueOf(parseRecipientInput(text))).toEqual({ kind: 'card', identity });
  });

  test('bad input, each with a clear message', async () => {
    const { identity, secrets } = await anIdentity();
    const pq = await identityToRecipient(await generateHybridIdentity());
    const corrupted = `${identity.ageRecipient.slice(0, -1)}${identity.ageRecipient.endsWith('q') ? 'p' : 'q'}`;
    const cases: [string, string, RegExp][] = [
      ['', 'identity.recipientInvalid', /Paste an age recipient/u],
      ['   ', 'identity.recipientInvalid', /Paste an age recipient/u],
      ['hello', 'identity.recipientInvalid', /"hello" is not a valid age recipient/u],
      [corrupted, 'identity.recipientInvalid', /not a valid age recipient/u],
      [identity.ageRecipient.toUpperCase(), 'identity.recipientInvalid', /not a valid/u],
      [pq, 'identity.recipientInvalid', /post-quantum.*age CLI 1\.1/u],
      ['age1tag1qqqqqqqqqq', 'identity.recipientInvalid', /post-quantum or tag/u],
      [
        'age1yubikey1qwqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
        'identity.recipientInvalid',
        /plugin "yubikey"/u,
      ],
      ['ssh-ed25519 AAAAC3Nza', 'identity.recipientInvalid', /one recipient at a time/u],
      ['ssh-ed25519', 'identity.recipientInvalid', /SSH key/u],
      [`${identity.ageRecipient} ${identity.ageRecipient}`, 'identity.recipientInvalid', /one/u],
      [secrets.ageIdentity, 'identity.recipientInvalid', /secret age key/u],
      ['{"format":"casefile-public-key"', 'identity.card.malformed', /not valid JSON/u],
      ['{"format":"something"}', 'identity.card.notCard', /not one/u],
    ];
    for (const [text, code, message] of cases) {
      const error = errorOf(parseRecipientInput(text));
      expect(error.code, text).toBe(code);
      expect(error.message, text).toMatch(message);
    }
    // A pasted secret key is never echoed.
    expect(errorOf(parseRecipientInput(secrets.ageIdentity)).message).not.toContain(
      secrets.ageIdentity.slice(16),
    );
  });

  test('a tampered card pasted as text', async () => {
    const { identity } = await anIdentity();
    const other = await anIdentity();
    const text = decoder.decode(cardJson(identity, { fingerprint: other.identity.fingerprint }));
    expect(errorOf(parseRecipientInput(text)).code).toBe('identity.card.fingerprintMismatch');
  });
});

describe('ageIdentitiesFromFile', () => {
  test('reads what age-keygen writes (comments, blank lines, CRLF), deduplicated', async () => {
    const a = await generateAgeIdentity();
    const b = await generateAgeIdentity();
    const text = [
      '# created: 2026-11-22T08:00:00Z',
      `# public key: ${a.recipient}`,
      a.identity,
      '',
      '  ',
      `# public key: ${b.recipient}`,
      `${b.identity}\r`,
      a.identity,
      '',
    ].join('\n');
    expect(valueOf(await ageIdentitiesFromFile(`\uFEFF${text}`))).toEqual([a.identity, b.identity]);
  });

  test('bad lines are named by number, never echoed', async () => {
    const a = await generateAgeIdentity();
    const pq = await generateHybridIdentity();
    const bad = `${a.identity.slice(0, -2)}QQ`;
    const cases: [string, string, RegExp][] = [
      ['', 'identity.ageFile.empty', /no age identity/u],
      ['# only a comment\n\n', 'identity.ageFile.empty', /no age identity/u],
      [`# c\n${bad}\n`, 'identity.ageFile.invalid', /Line 2 .* not an age identity/u],
      [`${a.identity}\n${pq}`, 'identity.ageFile.invalid', /Line 2 .* post-quantum/u],
      ['AGE-PLUGIN-YUBIKEY-1QQQQ', 'identity.ageFile.invalid', /Line 1 .* plugin/u],
      [a.recipient, 'identity.ageFile.invalid', /Line 1/u],
      [a.identity.toLowerCase(), 'identity.ageFile.invalid', /Line 1/u],
      ['x'.repeat(70_000), 'identity.ageFile.invalid', /far shorter/u],
    ];
    for (const [text, code, message] of cases) {
      const error = errorOf(await ageIdentitiesFromFile(text));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(a.identity.slice(16, 40));
      expect(error.message).not.toContain(bad.slice(16, 40));
    }
  });
});

describe('trustedKeysOf', () => {
  test('own key and verified contacts are trusted, unverified known, the rest unknown', async () => {
    const me = await anIdentity();
    const verified = await anIdentity('Verified');
    const unverified = await anIdentity('Unverified');
    const contact = (identity: PublicIdentity, trust: Contact['trust']): Contact => ({
      id: identity.name,
      name: identity.name,
      ageRecipient: identity.ageRecipient,
      signingPublicKey: identity.signingPublicKey,
      fingerprint: identity.fingerprint,
      trust,
      note: '',
      addedAt: '2026-11-22T08:00:00.000Z',
    });
    const recipientOnly: Contact = {
      id: 'r',
      name: 'Recipient only',
      ageRecipient: (await generateAgeIdentity()).recipient,
      trust: 'verified',
      note: '',
      addedAt: '2026-11-22T08:00:00.000Z',
    };
    const trust = trustedKeysOf(
      [
        contact(verified.identity, 'verified'),
        contact(unverified.identity, 'unverified'),
        recipientOnly,
      ],
      me.identity,
    );
    expect(trust(me.identity.fingerprint)).toBe('trusted');
    expect(trust(verified.identity.fingerprint)).toBe('trusted');
    expect(trust(unverified.identity.fingerprint)).toBe('known');
    expect(trust((await anIdentity()).identity.fingerprint)).toBeUndefined();
    expect(trustedKeysOf([])(me.identity.fingerprint)).toBeUndefined();
  });
});
