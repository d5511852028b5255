/**
 * Fuzzing the bundle reader (issue 11): every layer of a real, small, signed bundle is mutated
 * (bit flips, truncations, overwrites, splices; JSON nodes removed, replaced, repeated) and fed
 * back. Invariant of each reader: it returns ok or a `bundle.*` error, never throws, never hangs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  encryptToRecipients,
  generateAgeIdentity,
  inspectAgeHeader,
  type AgeIdentityPair,
} from '../../../src/core/bundle/age';
import {
  CASE_JSON_PATH,
  caseJsonSchema,
  checkCaseReferences,
  readBundle,
  readBundleMembers,
  writeBundle,
} from '../../../src/core/bundle/bundle';
import {
  MANIFEST_PATH,
  SIGNATURE_PATH,
  canonicalManifestBytes,
  decodeManifest,
  type Manifest,
} from '../../../src/core/bundle/manifest';
import { decodeJson } from '../../../src/core/bundle/safeJson';
import { decodeSignatureFile, generateSigningKey } from '../../../src/core/bundle/signature';
import { readBundleZip, writeBundleZip } from '../../../src/core/bundle/zip';
import type { Result } from '../../../src/shared/result';
import { importInto, valueOf } from '../core/interop/stixImportSupport';
import {
  anyBytes,
  expectOkOrTyped,
  fromSample,
  mutatedBytes,
  mutatedJson,
  utf8,
} from '../../fuzz/arbitraries';
import { fuzzParameters, withinTimeCap } from '../../fuzz/runs';

const BUNDLE_ERRORS = ['bundle.'];
const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const readOptions = { sha256Hex: (bytes: Uint8Array) => Promise.resolve(sha256Hex(bytes)) };

let alice: AgeIdentityPair;
/** The real bundle: encrypted to alice, signed. */
let bundle: Uint8Array;
/** Its ZIP (decrypted) and members. */
let zip: Uint8Array;
let members: ReadonlyMap<string, Uint8Array>;
let manifest: Manifest;
let caseJson: unknown;

beforeAll(async () => {
  // A small real case: the OpenCTI sample feed imported (sources with originals, passages,
  // entities, claims), so every cross-reference check has something to check.
  const stix = readFileSync(
    new URL('../../fixtures/interop/stix-opencti-bundle.json', import.meta.url),
  );
  const imported = valueOf(await importInto(new Uint8Array(stix)));
  alice = await generateAgeIdentity();
  bundle = valueOf(
    await writeBundle({
      caseData: imported.records,
      originals: imported.originals,
      app: { name: 'Casefile', version: 'fuzz' },
      createdAt: '2026-11-22T08:00:00.000Z',
      encryption: { kind: 'recipients', recipients: [alice.recipient] },
      signingKey: generateSigningKey().secretKey,
      sha256Hex: readOptions.sha256Hex,
    }),
  );
  zip = valueOf(await decryptWithIdentities(bundle, [alice.identity]));
  members = valueOf(readBundleZip(zip));
  manifest = valueOf(decodeManifest(members.get(MANIFEST_PATH) ?? new Uint8Array()));
  caseJson = JSON.parse(new TextDecoder().decode(members.get(CASE_JSON_PATH)));
});

const member = (path: string): Uint8Array => {
  const bytes = members.get(path);
  if (bytes === undefined) throw new Error(`the sample bundle has no ${path}`);
  return bytes;
};

/**
 * The members with case.json replaced and the manifest rewritten to match (sizes, hashes), and
 * no signature: what a forger can build, so the reader's later checks are reached.
 */
function forgedMembers(caseBytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map([...members].filter(([path]) => path !== SIGNATURE_PATH));
  out.set(CASE_JSON_PATH, caseBytes);
  const { signer: _signer, ...unsigned } = manifest;
  const rewritten: Manifest = {
    ...unsigned,
    members: manifest.members.map((m) => {
      const bytes = out.get(m.path) ?? new Uint8Array();
      return { ...m, size: bytes.length, sha256: sha256Hex(bytes) };
    }),
  };
  out.set(MANIFEST_PATH, canonicalManifestBytes(rewritten));
  return out;
}

function expectBundleResult<T>(result: Result<T>): Result<T> {
  return expectOkOrTyped(result, BUNDLE_ERRORS);
}

describe('fuzz: bundle reader', () => {
  test('the sample bundle reads back (so mutations start from a valid bundle)', async () => {
    const read = await readBundle(bundle, { identities: [alice.identity] }, readOptions);
    expect(read.ok && read.value.signer.status).toBe('valid');
  });

  test('readBundleZip: a mutated ZIP gives ok or a bundle.* error, never a throw', () => {
    fc.assert(
      fc.property(
        fromSample(() => mutatedBytes(zip)),
        (bytes) => {
          expectBundleResult(withinTimeCap(() => readBundleZip(bytes)));
        },
      ),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('readBundleZip: arbitrary bytes give ok or a bundle.* error, never a throw', () => {
    fc.assert(
      fc.property(anyBytes(), (bytes) => {
        expectBundleResult(withinTimeCap(() => readBundleZip(bytes)));
      }),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('inspectAgeHeader: mutated or arbitrary bytes give ok or a bundle.age.* error', () => {
    const header = fc.oneof(
      fromSample(() => mutatedBytes(bundle.subarray(0, 400))),
      anyBytes().map((tail) => new Uint8Array([...utf8('age-encryption.org/v1\n'), ...tail])),
      anyBytes(),
    );
    fc.assert(
      fc.property(header, (bytes) => {
        expectOkOrTyped(
          withinTimeCap(() => inspectAgeHeader(bytes)),
          ['bundle.age.'],
        );
      }),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('decodeJson(case.json schema): mutated bytes give ok or a bundle.json.* error', () => {
    fc.assert(
      fc.property(
        fromSample(() => mutatedBytes(member(CASE_JSON_PATH))),
        (bytes) => {
          expectOkOrTyped(
            withinTimeCap(() => decodeJson(bytes, caseJsonSchema, 'case.json')),
            ['bundle.json.'],
          );
        },
      ),
      fuzzParameters(),
    );
  });

  test('decodeJson + checkCaseReferences: mutated records give ok or a bundle.* error', () => {
    fc.assert(
      fc.property(
        fromSample(() => mutatedJson(caseJson)),
        (value) => {
          const decoded = withinTimeCap(() =>
            decodeJson(utf8(JSON.stringify(value) ?? ''), caseJsonSchema, 'case.json'),
          );
          expectOkOrTyped(decoded, ['bundle.json.']);
          if (decoded.ok) {
            expectOkOrTyped(
              withinTimeCap(() => checkCaseReferences(decoded.value)),
              ['bundle.case.'],
            );
          }
        },
      ),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('decodeManifest: mutated bytes or fields give ok or a bundle.* error', () => {
    const manifestBytes = fc.oneof(
      fromSample(() => mutatedBytes(member(MANIFEST_PATH))),
      fromSample(() => mutatedJson(manifest)).map((value) => utf8(JSON.stringify(value) ?? '')),
    );
    fc.assert(
      fc.property(manifestBytes, (bytes) => {
        expectBundleResult(withinTimeCap(() => decodeManifest(bytes)));
      }),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('decodeSignatureFile: mutated bytes or fields give ok or a bundle.* error', () => {
    const signatureBytes = fc.oneof(
      fromSample(() => mutatedBytes(member(SIGNATURE_PATH))),
      fromSample(() =>
        mutatedJson(JSON.parse(new TextDecoder().decode(member(SIGNATURE_PATH)))),
      ).map((value) => utf8(JSON.stringify(value) ?? '')),
      anyBytes(),
    );
    fc.assert(
      fc.property(signatureBytes, (bytes) => {
        expectBundleResult(withinTimeCap(() => decodeSignatureFile(bytes)));
      }),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('readBundleMembers: forged case.json (manifest rewritten to match) gives ok or a bundle.* error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fromSample(() =>
          fc.oneof(
            mutatedJson(caseJson).map((value) => utf8(JSON.stringify(value) ?? '')),
            mutatedBytes(member(CASE_JSON_PATH)),
          ),
        ),
        async (caseBytes) => {
          const read = await readBundleMembers(forgedMembers(caseBytes), readOptions);
          expectBundleResult(read);
          // Only an untouched case.json can pass every check.
          if (read.ok)
            expect(read.value.caseData).toEqual(
              valueOf(decodeJson(caseBytes, caseJsonSchema, 'case.json')),
            );
        },
      ),
      fuzzParameters(),
    );
  });

  test('readBundle: a mutated encrypted bundle gives ok or a bundle.* error, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fromSample(() => mutatedBytes(bundle)),
        async (bytes) => {
          expectBundleResult(
            await readBundle(bytes, { identities: [alice.identity] }, readOptions),
          );
        },
      ),
      // Each run decrypts (X25519 and ChaCha20-Poly1305 over ~20 KB): a few ms.
      fuzzParameters({ weight: 0.5 }),
    );
  });

  test('readBundle: a mutated ZIP, re-encrypted, gives ok or a bundle.* error, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fromSample(() => mutatedBytes(zip)),
        async (zipBytes) => {
          const encrypted = valueOf(await encryptToRecipients(zipBytes, [alice.recipient]));
          expectBundleResult(
            await readBundle(encrypted, { identities: [alice.identity] }, readOptions),
          );
        },
      ),
      fuzzParameters({ weight: 0.5 }),
    );
  });

  test('readBundleZip: members rewritten into a valid ZIP round-trip their bytes', () => {
    // The positive side of the reader: what writeBundleZip writes, readBundleZip returns.
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (contents, compress) => {
          const written = valueOf(
            writeBundleZip(contents.map((bytes, i) => ({ path: `m/${i}`, bytes, compress }))),
          );
          const read = valueOf(readBundleZip(written));
          expect([...read.values()]).toEqual(contents);
        },
      ),
      fuzzParameters(),
    );
  });
});
