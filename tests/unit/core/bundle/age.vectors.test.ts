import * as vectors from 'cctv-age';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  decryptWithPassphrase,
  generateAgeIdentity,
} from '../../../../src/core/bundle/age';
import type { Result } from '../../../../src/shared/result';

/**
 * The C2SP age test vectors (npm `cctv-age`, 0BSD / CC0 / Unlicense), shipped as one module export
 * per vector: a textual header ("expect: …", "identity: …", "passphrase: …"), a blank line, then
 * the age file, possibly zlib-compressed. Every binary vector goes through our decrypt path.
 *
 * Our outcomes are coarser than the vectors' and map onto them: "no match" is wrongKey; "HMAC
 * failure" and "payload failure" are damage; a "header failure" is notAge (another version
 * line, CRLF), workFactorTooHigh (scrypt 23) or damage. Armoured vectors are refused as notAge, since bundles are binary. A failing payload
 * never releases partial plaintext here (we decrypt fully before returning), so the vectors'
 * partial-payload hashes do not apply.
 */
interface Vector {
  readonly name: string;
  readonly expect: string;
  readonly payloadSha256?: string;
  readonly identities: string[];
  readonly passphrases: string[];
  readonly armored: boolean;
  readonly file: Uint8Array;
}

function parseVector(name: string, bytes: Uint8Array): Vector {
  let split = -1;
  for (let index = 0; index + 1 < bytes.length; index += 1) {
    if (bytes[index] === 0x0a && bytes[index + 1] === 0x0a) {
      split = index;
      break;
    }
  }
  const fields = new TextDecoder()
    .decode(bytes.subarray(0, split))
    .split('\n')
    .map((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)] as const;
    });
  const all = (key: string): string[] =>
    fields.filter(([field]) => field === key).map(([, value]) => value);
  const body = bytes.subarray(split + 2);
  const payloadSha256 = all('payload')[0];
  return {
    name,
    expect: all('expect')[0] ?? '',
    ...(payloadSha256 === undefined ? {} : { payloadSha256 }),
    identities: all('identity'),
    passphrases: all('passphrase'),
    armored: all('armored')[0] === 'yes',
    file: all('compressed')[0] === 'zlib' ? new Uint8Array(inflateSync(body)) : body,
  };
}

const all = Object.entries(vectors as Record<string, Uint8Array>).map(([name, bytes]) =>
  parseVector(name, bytes),
);

const UNRELATED_IDENTITY = (await generateAgeIdentity()).identity;

/** Every way we could open the vector: each passphrase, and all identities at once. */
async function attempts(vector: Vector): Promise<Result<Uint8Array>[]> {
  const results: Result<Uint8Array>[] = [];
  for (const passphrase of vector.passphrases) {
    results.push(await decryptWithPassphrase(vector.file, passphrase));
  }
  if (vector.identities.length > 0 || results.length === 0) {
    // A vector without keys still has to be refused by someone who tries.
    const identities = vector.identities.length > 0 ? vector.identities : [UNRELATED_IDENTITY];
    results.push(await decryptWithIdentities(vector.file, identities));
  }
  return results;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('age test vectors (cctv-age)', () => {
  test('the package ships the vectors we expect', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((vector) => !vector.armored).length).toBeGreaterThan(90);
  });

  test.each(
    all.filter((vector) => !vector.armored).map((vector) => [vector.name, vector] as const),
  )('%s', async (_name, vector) => {
    const results = await attempts(vector);
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
    if (vector.expect === 'success') {
      const opened = results.find((result) => result.ok);
      expect(opened?.ok, codes.join(', ')).toBe(true);
      if (opened?.ok === true) expect(sha256(opened.value)).toBe(vector.payloadSha256);
      return;
    }
    expect(codes).not.toContain('ok');
    for (const code of codes) {
      if (vector.expect === 'no match') expect(code).toBe('bundle.age.wrongKey');
      if (vector.expect === 'HMAC failure') expect(code).toBe('bundle.age.damaged');
      if (vector.expect === 'payload failure') expect(code).toBe('bundle.age.damaged');
      if (vector.expect === 'header failure') {
        expect(code).toBeOneOf([
          'bundle.age.notAge',
          'bundle.age.damaged',
          'bundle.age.workFactorTooHigh',
        ]);
      }
    }
  });

  test('armoured vectors are refused as not a (binary) bundle', async () => {
    for (const vector of all.filter((candidate) => candidate.armored)) {
      for (const result of await attempts(vector)) {
        expect([vector.name, result.ok ? 'ok' : result.error.code]).toEqual([
          vector.name,
          'bundle.age.notAge',
        ]);
      }
    }
  });
});
