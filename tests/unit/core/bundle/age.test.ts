import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  decryptWithIdentities,
  decryptWithPassphrase,
  DEFAULT_AGE_LIMITS,
  encryptToRecipients,
  encryptWithPassphrase,
  generateAgeIdentity,
  inspectAgeHeader,
} from '../../../../src/core/bundle/age';
import { MAX_AGE_HEADER_BYTES, MAX_SCRYPT_WORK_FACTOR } from '../../../../src/core/bundle/limits';
import type { Result } from '../../../../src/shared/result';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Cheap scrypt for tests that run it many times; real bundles use 18. */
const FAST_WORK_FACTOR = 2;

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Offset just past the MAC line, i.e. where the payload nonce starts. */
function headerLength(file: Uint8Array): number {
  return valueOf(inspectAgeHeader(file)).headerBytes;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('round trips', () => {
  test('to one recipient, and refused by another identity', async () => {
    const alice = await generateAgeIdentity();
    const mallory = await generateAgeIdentity();
    expect(alice.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
    expect(alice.recipient).toMatch(/^age1[0-9a-z]+$/);
    const plain = encoder.encode('case bundle bytes');
    const file = valueOf(await encryptToRecipients(plain, [alice.recipient]));

    expect(valueOf(inspectAgeHeader(file))).toMatchObject({ kind: 'x25519', recipients: 1 });
    expect(valueOf(await decryptWithIdentities(file, [alice.identity]))).toEqual(plain);

    const wrong = await decryptWithIdentities(file, [mallory.identity]);
    expect(wrong).toEqual({
      ok: false,
      error: {
        code: 'bundle.age.wrongKey',
        message: 'This bundle is not encrypted to any of your identities.',
      },
    });
  });

  test('to several recipients: each can open it, with any of their identities', async () => {
    const people = await Promise.all([1, 2, 3].map(() => generateAgeIdentity()));
    const stranger = await generateAgeIdentity();
    const plain = encoder.encode('shared with three');
    const file = valueOf(
      await encryptToRecipients(
        plain,
        people.map((person) => person.recipient),
      ),
    );
    expect(valueOf(inspectAgeHeader(file)).recipients).toBe(3);
    for (const person of people) {
      expect(valueOf(await decryptWithIdentities(file, [person.identity]))).toEqual(plain);
      expect(
        valueOf(await decryptWithIdentities(file, [stranger.identity, person.identity])),
      ).toEqual(plain);
    }
  });

  test('duplicate recipients are written once', async () => {
    const alice = await generateAgeIdentity();
    const file = valueOf(
      await encryptToRecipients(encoder.encode('x'), [alice.recipient, alice.recipient]),
    );
    expect(valueOf(inspectAgeHeader(file)).recipients).toBe(1);
  });

  test('with a passphrase, and refused with another', async () => {
    const plain = encoder.encode('passphrase bundle');
    const file = valueOf(
      await encryptWithPassphrase(plain, 'correct horse battery staple', FAST_WORK_FACTOR),
    );
    expect(valueOf(inspectAgeHeader(file))).toMatchObject({
      kind: 'scrypt',
      recipients: 1,
      scryptWorkFactor: FAST_WORK_FACTOR,
    });
    expect(valueOf(await decryptWithPassphrase(file, 'correct horse battery staple'))).toEqual(
      plain,
    );
    expect(await decryptWithPassphrase(file, 'Correct horse battery staple')).toEqual({
      ok: false,
      error: {
        code: 'bundle.age.wrongKey',
        message: 'Wrong passphrase: this bundle cannot be opened with it.',
      },
    });
  });

  test('the default work factor is 18, as the age CLI writes', async () => {
    const file = valueOf(await encryptWithPassphrase(encoder.encode('x'), 'a passphrase'));
    expect(valueOf(inspectAgeHeader(file)).scryptWorkFactor).toBe(18);
  });

  test('an empty payload and a payload of exactly one chunk round-trip', async () => {
    const alice = await generateAgeIdentity();
    for (const size of [0, 64 * 1024]) {
      const plain = new Uint8Array(size).fill(7);
      const file = valueOf(await encryptToRecipients(plain, [alice.recipient]));
      expect(valueOf(await decryptWithIdentities(file, [alice.identity]))).toEqual(plain);
    }
  });

  test('content that is not a zip is fine at this layer', async () => {
    const alice = await generateAgeIdentity();
    const plain = encoder.encode('definitely not PK\u0003\u0004');
    const file = valueOf(await encryptToRecipients(plain, [alice.recipient]));
    expect(decoder.decode(valueOf(await decryptWithIdentities(file, [alice.identity])))).toBe(
      'definitely not PK\u0003\u0004',
    );
  });
});

describe('bad arguments', () => {
  test('no recipients, or one that is not an X25519 age recipient', async () => {
    const plain = encoder.encode('x');
    expect(codeOf(await encryptToRecipients(plain, []))).toBe('bundle.age.noRecipients');
    for (const bad of ['age1notvalid', 'ssh-ed25519 AAAA', '', 'AGE-SECRET-KEY-1QQQ']) {
      const result = await encryptToRecipients(plain, [bad]);
      expect(codeOf(result)).toBe('bundle.age.recipientInvalid');
    }
    const result = await encryptToRecipients(plain, ['age1notvalid']);
    expect(result.ok ? '' : result.error.message).toContain('age1notvalid');
  });

  test('an empty passphrase, or a work factor we would refuse to read', async () => {
    const plain = encoder.encode('x');
    expect(codeOf(await encryptWithPassphrase(plain, ''))).toBe('bundle.age.passphraseEmpty');
    for (const factor of [0, -1, 1.5, MAX_SCRYPT_WORK_FACTOR + 1, Number.NaN]) {
      expect(codeOf(await encryptWithPassphrase(plain, 'p', factor))).toBe(
        'bundle.age.workFactorInvalid',
      );
    }
  });

  test('identities: none, or malformed (named by position, never echoed)', async () => {
    const alice = await generateAgeIdentity();
    const file = valueOf(await encryptToRecipients(encoder.encode('x'), [alice.recipient]));
    expect(codeOf(await decryptWithIdentities(file, []))).toBe('bundle.age.noIdentities');
    const secretLooking = 'AGE-SECRET-KEY-1NOTREALLYAKEY';
    const result = await decryptWithIdentities(file, [alice.identity, secretLooking]);
    expect(codeOf(result)).toBe('bundle.age.identityInvalid');
    expect(result.ok ? '' : result.error.message).toContain('Identity 2');
    expect(result.ok ? '' : result.error.message).not.toContain(secretLooking);
  });

  test('a passphrase for an identity bundle and the reverse get a clear wrongKey', async () => {
    const alice = await generateAgeIdentity();
    const toAlice = valueOf(await encryptToRecipients(encoder.encode('x'), [alice.recipient]));
    const withPassphrase = valueOf(
      await encryptWithPassphrase(encoder.encode('x'), 'p', FAST_WORK_FACTOR),
    );
    const asPassphrase = await decryptWithPassphrase(toAlice, 'p');
    expect(codeOf(asPassphrase)).toBe('bundle.age.wrongKey');
    expect(asPassphrase.ok ? '' : asPassphrase.error.message).toContain('your identity');
    const asIdentity = await decryptWithIdentities(withPassphrase, [alice.identity]);
    expect(codeOf(asIdentity)).toBe('bundle.age.wrongKey');
    expect(asIdentity.ok ? '' : asIdentity.error.message).toContain('passphrase');
    expect(codeOf(await decryptWithPassphrase(withPassphrase, ''))).toBe(
      'bundle.age.passphraseEmpty',
    );
  });

  test('a bundle larger than the cap is refused before anything else', async () => {
    const limits = { ...DEFAULT_AGE_LIMITS, maxBundleBytes: 100 };
    const alice = await generateAgeIdentity();
    const big = new Uint8Array(101);
    expect(codeOf(await encryptToRecipients(big, [alice.recipient], limits))).toBe(
      'bundle.age.tooLarge',
    );
    expect(codeOf(await encryptWithPassphrase(big, 'p', 2, limits))).toBe('bundle.age.tooLarge');
    const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
    expect(codeOf(await decryptWithIdentities(big, [alice.identity], limits))).toBe(
      'bundle.age.tooLarge',
    );
    expect(codeOf(inspectAgeHeader(big, limits))).toBe('bundle.age.tooLarge');
    expect(decrypt).not.toHaveBeenCalled();
  });
});

describe('header pre-checks, before any key derivation', () => {
  const intro = encoder.encode('age-encryption.org/v1\n');

  /** A passphrase file whose work factor line is rewritten; its MAC no longer matters. */
  async function withWorkFactor(factor: string): Promise<Uint8Array> {
    const file = valueOf(await encryptWithPassphrase(encoder.encode('x'), 'p', 10));
    const text = new TextDecoder('latin1').decode(file);
    const rewritten = text.replace(/^(-> scrypt \S+) 10\n/m, `$1 ${factor}\n`);
    expect(rewritten).not.toBe(text);
    return Uint8Array.from(rewritten, (char) => char.charCodeAt(0));
  }

  test.each(['20', '22', '19', '64', '99999999999999999999'])(
    'scrypt work factor %s is refused and no key is derived',
    async (factor) => {
      const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
      const addPassphrase = vi.spyOn(Decrypter.prototype, 'addPassphrase');
      const file = await withWorkFactor(factor);
      const result = await decryptWithPassphrase(file, 'p');
      expect(codeOf(result)).toBe('bundle.age.workFactorTooHigh');
      expect(result.ok ? '' : result.error.message).toContain(`${factor}`);
      expect(codeOf(inspectAgeHeader(file))).toBe('bundle.age.workFactorTooHigh');
      expect(codeOf(await decryptWithIdentities(file, ['AGE-SECRET-KEY-1X']))).toBe(
        'bundle.age.workFactorTooHigh',
      );
      expect(decrypt).not.toHaveBeenCalled();
      expect(addPassphrase).not.toHaveBeenCalled();
    },
  );

  test('work factor 18 passes the pre-check (and decryption then runs)', async () => {
    const file = await withWorkFactor('18');
    expect(valueOf(inspectAgeHeader(file)).scryptWorkFactor).toBe(18);
  });

  test.each(['0', '010', '+10', '1e1', 'ten', '10 extra'])(
    'a malformed work factor "%s" is damage',
    async (factor) => {
      const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
      expect(codeOf(await decryptWithPassphrase(await withWorkFactor(factor), 'p'))).toBe(
        'bundle.age.damaged',
      );
      expect(decrypt).not.toHaveBeenCalled();
    },
  );

  test('an scrypt stanza beside an X25519 one is refused (the age spec)', async () => {
    const alice = await generateAgeIdentity();
    const scryptFile = valueOf(await encryptWithPassphrase(encoder.encode('x'), 'p', 2));
    const x25519File = valueOf(await encryptToRecipients(encoder.encode('x'), [alice.recipient]));
    const stanzas = (file: Uint8Array): Uint8Array =>
      file.subarray(intro.length, headerLength(file) - 48);
    const macAndPayload = x25519File.subarray(headerLength(x25519File) - 48);
    // Sanity: the slice boundaries fall on line starts.
    expect(decoder.decode(macAndPayload.subarray(0, 4))).toBe('--- ');
    const mixed = concat(intro, stanzas(scryptFile), stanzas(x25519File), macAndPayload);

    const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
    const asIdentity = await decryptWithIdentities(mixed, [alice.identity]);
    expect(codeOf(asIdentity)).toBe('bundle.age.damaged');
    expect(asIdentity.ok ? '' : asIdentity.error.message).toContain('mixes a passphrase');
    expect(codeOf(await decryptWithPassphrase(mixed, 'p'))).toBe('bundle.age.damaged');
    expect(decrypt).not.toHaveBeenCalled();
  });

  test('a 64 MB header line is refused at the header cap', async () => {
    const file = new Uint8Array(64 * 1024 * 1024).fill(0x61); // 'a'
    file.set(intro, 0);
    const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
    const result = await decryptWithIdentities(file, ['AGE-SECRET-KEY-1X']);
    expect(codeOf(result)).toBe('bundle.age.headerTooLarge');
    expect(codeOf(await decryptWithPassphrase(file, 'p'))).toBe('bundle.age.headerTooLarge');
    expect(decrypt).not.toHaveBeenCalled();

    // Even a well-formed end of header beyond the cap does not make it acceptable.
    const stanza = encoder.encode('-> X25519 ');
    file.set(stanza, intro.length);
    file.set(encoder.encode('\n\n--- mac\n'), file.length - 20);
    expect(codeOf(inspectAgeHeader(file))).toBe('bundle.age.headerTooLarge');
  });

  test('a header of many stanzas over the cap is refused too', () => {
    const stanza = `-> X25519 ${'A'.repeat(43)}\n${'B'.repeat(43)}\n`;
    const count = Math.ceil(MAX_AGE_HEADER_BYTES / stanza.length) + 1;
    const file = encoder.encode(`age-encryption.org/v1\n${stanza.repeat(count)}--- mac\n`);
    expect(codeOf(inspectAgeHeader(file))).toBe('bundle.age.headerTooLarge');
  });

  test('not age: empty, other formats, armoured age, another version', () => {
    expect(codeOf(inspectAgeHeader(new Uint8Array(0)))).toBe('bundle.age.notAge');
    expect(codeOf(inspectAgeHeader(encoder.encode('PK\u0003\u0004rest of a zip')))).toBe(
      'bundle.age.notAge',
    );
    const armoured = inspectAgeHeader(
      encoder.encode(
        '-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n',
      ),
    );
    expect(codeOf(armoured)).toBe('bundle.age.notAge');
    expect(armoured.ok ? '' : armoured.error.message).toContain('ASCII-armoured');
    expect(codeOf(inspectAgeHeader(encoder.encode('age-encryption.org/v2\n-> X25519 a\n')))).toBe(
      'bundle.age.notAge',
    );
  });

  test('malformed headers are damage: no stanza, stray lines, control characters', () => {
    const cases = [
      'age-encryption.org/v1\n--- mac\npayload',
      'age-encryption.org/v1\nhello\n--- mac\n',
      'age-encryption.org/v1\n-> \n\n--- mac\n',
      'age-encryption.org/v1\n->  X25519\n\n--- mac\n',
      'age-encryption.org/v1\n-> X25519\tx\n\n--- mac\n',
      `age-encryption.org/v1\n-> X25519 x\n${'A'.repeat(65)}\n--- mac\n`,
      'age-encryption.org/v1\n-> X25519 x\nAAAA',
      'age-encryption.org/v1',
    ];
    for (const text of cases) {
      expect([text, codeOf(inspectAgeHeader(encoder.encode(text)))]).toEqual([
        text,
        'bundle.age.damaged',
      ]);
    }
  });

  test('a stanza type we do not know is "other", and grease is tolerated', () => {
    const file = encoder.encode(
      `age-encryption.org/v1\n-> grease\n\n-> X25519 ${'A'.repeat(43)}\n${'B'.repeat(43)}\n--- mac\n`,
    );
    expect(valueOf(inspectAgeHeader(file))).toEqual({
      kind: 'x25519',
      recipients: 2,
      headerBytes: file.length,
    });
    const other = encoder.encode('age-encryption.org/v1\n-> example.com/x a b\n\n--- mac\n');
    expect(valueOf(inspectAgeHeader(other)).kind).toBe('other');
  });
});

describe('tampering', () => {
  test('every single-bit flip of a small X25519 bundle is refused, by region', async () => {
    const alice = await generateAgeIdentity();
    const file = valueOf(await encryptToRecipients(encoder.encode('small'), [alice.recipient]));
    const headerEnd = headerLength(file);
    const macStart = headerEnd - 48; // "--- " + 43 base64 characters + "\n"
    const seen = new Map<string, number>();
    for (let bit = 0; bit < file.length * 8; bit += 1) {
      const flipped = file.slice();
      const index = bit >> 3;
      flipped[index] = (flipped[index] ?? 0) ^ (1 << (bit & 7));
      const code = codeOf(await decryptWithIdentities(flipped, [alice.identity]));
      seen.set(code, (seen.get(code) ?? 0) + 1);
      const region =
        index < 22 ? 'intro' : index < macStart ? 'stanza' : index < headerEnd ? 'mac' : 'payload';
      const allowed =
        region === 'intro'
          ? ['bundle.age.notAge']
          : region === 'stanza'
            ? ['bundle.age.damaged', 'bundle.age.wrongKey']
            : ['bundle.age.damaged'];
      expect(allowed, `bit ${bit} (${region}) gave ${code}`).toContain(code);
    }
    expect(seen.get('ok')).toBeUndefined();
  });

  test('every single-bit flip of a small passphrase bundle is refused', async () => {
    const file = valueOf(await encryptWithPassphrase(encoder.encode('small'), 'p', 2));
    const headerEnd = headerLength(file);
    for (let bit = 0; bit < file.length * 8; bit += 1) {
      const flipped = file.slice();
      const index = bit >> 3;
      flipped[index] = (flipped[index] ?? 0) ^ (1 << (bit & 7));
      const code = codeOf(await decryptWithPassphrase(flipped, 'p'));
      const allowed =
        index < 22
          ? ['bundle.age.notAge']
          : index < headerEnd
            ? ['bundle.age.damaged', 'bundle.age.wrongKey', 'bundle.age.workFactorTooHigh']
            : ['bundle.age.damaged'];
      expect(allowed, `bit ${bit} gave ${code}`).toContain(code);
    }
  });

  test('every truncation and an appended byte are damage', async () => {
    const alice = await generateAgeIdentity();
    const file = valueOf(await encryptToRecipients(encoder.encode('small'), [alice.recipient]));
    expect(codeOf(await decryptWithIdentities(file.subarray(0, 0), [alice.identity]))).toBe(
      'bundle.age.notAge',
    );
    for (let length = 1; length < file.length; length += 1) {
      const code = codeOf(await decryptWithIdentities(file.subarray(0, length), [alice.identity]));
      expect({ length, code }).toEqual({ length, code: 'bundle.age.damaged' });
    }
    for (const extra of [0x00, 0x0a, 0xff]) {
      const appended = concat(file, Uint8Array.of(extra));
      expect(codeOf(await decryptWithIdentities(appended, [alice.identity]))).toBe(
        'bundle.age.damaged',
      );
    }
  });

  test('a multi-chunk bundle: corrupted last chunk, dropped last chunk, swapped chunks', async () => {
    const alice = await generateAgeIdentity();
    const chunk = 64 * 1024;
    const sealed = chunk + 16;
    const plain = new Uint8Array(2 * chunk + 1000).map((_, index) => index % 251);
    const file = valueOf(await encryptToRecipients(plain, [alice.recipient]));
    expect(valueOf(await decryptWithIdentities(file, [alice.identity]))).toEqual(plain);
    const payloadStart = headerLength(file) + 16; // after the nonce

    const lastChunkCorrupted = file.slice();
    const lastByte = lastChunkCorrupted.length - 500;
    lastChunkCorrupted[lastByte] = (lastChunkCorrupted[lastByte] ?? 0) ^ 0x01;
    expect(codeOf(await decryptWithIdentities(lastChunkCorrupted, [alice.identity]))).toBe(
      'bundle.age.damaged',
    );

    const lastChunkDropped = file.subarray(0, payloadStart + 2 * sealed);
    expect(codeOf(await decryptWithIdentities(lastChunkDropped, [alice.identity]))).toBe(
      'bundle.age.damaged',
    );

    const first = file.subarray(payloadStart, payloadStart + sealed);
    const second = file.subarray(payloadStart + sealed, payloadStart + 2 * sealed);
    const swapped = concat(
      file.subarray(0, payloadStart),
      second,
      first,
      file.subarray(payloadStart + 2 * sealed),
    );
    expect(codeOf(await decryptWithIdentities(swapped, [alice.identity]))).toBe(
      'bundle.age.damaged',
    );
  });
});

describe('plaintext in parts (export streams the ZIP into age)', () => {
  test('parts, a generator and an async generator give the bytes of the whole', async () => {
    const alice = await generateAgeIdentity();
    const whole = new Uint8Array(200_000).map((_, index) => index % 251);
    const parts = [whole.subarray(0, 10), whole.subarray(10, 70_000), whole.subarray(70_000)];
    function* made() {
      yield* parts;
    }
    async function* arriving() {
      for (const part of parts) yield await Promise.resolve(part);
    }
    for (const input of [parts, made(), arriving()]) {
      const file = valueOf(await encryptToRecipients(input, [alice.recipient]));
      const back = valueOf(await decryptWithIdentities(file, [alice.identity]));
      expect(Buffer.compare(back, whole)).toBe(0); // a deep toEqual over 200 KB is slow
    }
    const locked = valueOf(await encryptWithPassphrase(made(), 'p', FAST_WORK_FACTOR));
    expect(Buffer.compare(valueOf(await decryptWithPassphrase(locked, 'p')), whole)).toBe(0);
  });

  test('parts over the cap are refused as they stream', async () => {
    const limits = { ...DEFAULT_AGE_LIMITS, maxBundleBytes: 100 };
    const alice = await generateAgeIdentity();
    function* parts() {
      yield new Uint8Array(60);
      yield new Uint8Array(41);
    }
    const result = await encryptToRecipients(parts(), [alice.recipient], limits);
    expect(codeOf(result)).toBe('bundle.age.tooLarge');
  });
});
