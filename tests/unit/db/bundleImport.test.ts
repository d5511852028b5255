import { deflateSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  encryptToRecipients,
  generateAgeIdentity,
  type AgeIdentityPair,
} from '../../../src/core/bundle/age';
import {
  readBundle,
  writeBundle,
  type BundleKey,
  type BundleSigner,
  type CaseJson,
  type SignerTrust,
  type WriteBundleInput,
} from '../../../src/core/bundle/bundle';
import {
  canonicalManifestBytes,
  decodeManifest,
  type Manifest,
} from '../../../src/core/bundle/manifest';
import { generateSigningKey, signingKeyFingerprint } from '../../../src/core/bundle/signature';
import { ZIP_ERRORS, readBundleZip, writeBundleZip } from '../../../src/core/bundle/zip';
import type { TransferOutcome } from '../../../src/core/ports/transfer';
import { sha256BytesHex } from '../../../src/db/hash';
import type { CasefileStorage } from '../../../src/db/open';
import { ok, type Result } from '../../../src/shared/result';
import { centralRecordOffsets, concatBytes, forgeZip } from '../core/bundle/zipForge';
import { closingStorages, dumpDatabase, value } from './helpers';
import { emptyCaseJson, seedInvestigation } from './transferSeed';

/**
 * Issue 9's bad inputs, each through the whole import (readBundle → plan → commit) against a
 * seeded database: each is refused with its specific code and the database is byte-for-byte
 * unchanged (dumpDatabase before and after).
 */

const storage = closingStorages();
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const AT = '2026-11-22T07:00:00.000Z';
const SMALL_CASE_ID = '0c7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

let alice: AgeIdentityPair;
let mallory: AgeIdentityPair;
let smallBundle: Uint8Array;
/** The small case under a passphrase at work factor 2: no X25519 per attempt, so the loops run fast. */
let smallLockedBundle: Uint8Array;
const SMALL_PASSPHRASE = { passphrase: 'p' };

function smallCase(overrides: Partial<CaseJson['case']> = {}): CaseJson {
  const data = emptyCaseJson(SMALL_CASE_ID, {}, AT);
  return { ...data, case: { ...data.case, ...overrides } };
}

function bundleInput(overrides: Partial<WriteBundleInput> = {}): WriteBundleInput {
  return {
    caseData: smallCase(),
    originals: new Map(),
    app: { name: 'Casefile', version: 'test' },
    createdAt: AT,
    encryption: { kind: 'recipients', recipients: [alice.recipient] },
    sha256Hex: sha256BytesHex,
    ...overrides,
  };
}

beforeAll(async () => {
  alice = await generateAgeIdentity();
  mallory = await generateAgeIdentity();
  smallBundle = value(await writeBundle(bundleInput()));
  smallLockedBundle = value(
    await writeBundle(
      bundleInput({ encryption: { kind: 'passphrase', passphrase: 'p', workFactor: 2 } }),
    ),
  );
});

const aliceKey = (): BundleKey => ({ identities: [alice.identity] });

/** The import as the app runs it; conflicts (none here) would be kept as they are. */
async function importBundle(
  s: CasefileStorage,
  bytes: Uint8Array,
  key: BundleKey = aliceKey(),
  trustedKeys?: (fingerprint: string) => SignerTrust | undefined,
): Promise<Result<{ signer: BundleSigner; outcome: TransferOutcome }>> {
  const read = await readBundle(bytes, key, {
    sha256Hex: sha256BytesHex,
    ...(trustedKeys ? { trustedKeys } : {}),
  });
  if (!read.ok) return read;
  const { caseData, originals, signer } = read.value;
  const plan = await s.transfer.plan(caseData, originals);
  if (!plan.ok) return plan;
  const outcome = await s.transfer.commit(caseData, originals, plan.value, {
    target: plan.value.mode,
    resolutions: Object.fromEntries(plan.value.conflicts.map((c) => [c.key, 'keep-mine'])),
    audit: { action: 'bundle.imported', subject: 'test.casefile', detail: {} },
  });
  if (!outcome.ok) return outcome;
  return ok({ signer, outcome: outcome.value });
}

async function seeded(): Promise<CasefileStorage> {
  const s = await storage();
  await seedInvestigation(s);
  return s;
}

async function expectRefused(bytes: Uint8Array, code: string, key?: BundleKey): Promise<void> {
  const s = await seeded();
  const before = await dumpDatabase(s.db);
  const result = await importBundle(s, bytes, key);
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  expect((await dumpDatabase(s.db)).json, 'the database is unchanged').toBe(before.json);
}

/** The ZIP members of a bundle encrypted to alice. */
async function membersOf(bundle: Uint8Array): Promise<Map<string, Uint8Array>> {
  return value(readBundleZip(value(await decryptWithIdentities(bundle, [alice.identity]))));
}

function sealZip(zip: Uint8Array): Promise<Uint8Array> {
  return encryptToRecipients(zip, [alice.recipient]).then(value);
}

function reseal(members: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const list = [...members].map(([path, bytes]) => ({ path, bytes, compress: true }));
  return sealZip(value(writeBundleZip(list)));
}

/** The small bundle with case.json replaced, its manifest entry updated to match. */
async function withCaseJson(caseBytes: Uint8Array): Promise<Uint8Array> {
  const members = await membersOf(smallBundle);
  const manifest = value(decodeManifest(members.get('manifest.json')!));
  const sha256 = await sha256BytesHex(caseBytes);
  const edited: Manifest = {
    ...manifest,
    members: manifest.members.map((member) =>
      member.path === 'case.json' ? { ...member, size: caseBytes.length, sha256 } : member,
    ),
  };
  members.set('manifest.json', canonicalManifestBytes(edited));
  members.set('case.json', caseBytes);
  return reseal(members);
}

const smallCaseText = (): string => JSON.stringify(smallCase());

describe('the small bundle', () => {
  test('is small, and imports into the seeded database as a new case', async () => {
    expect(smallBundle.length).toBeLessThan(1200);
    expect(smallLockedBundle.length).toBeLessThan(1200);
    const s = await seeded();
    const imported = value(await importBundle(s, smallBundle));
    expect(imported.signer).toEqual({ status: 'unsigned' });
    expect((await s.cases.get(imported.outcome.caseId))?.title).toBe('Small');
  });
});

describe('bad input through the whole import: a specific error, the database unchanged', () => {
  test('wrong passphrase, wrong identity', async () => {
    const locked = value(
      await writeBundle(
        bundleInput({ encryption: { kind: 'passphrase', passphrase: 'right', workFactor: 2 } }),
      ),
    );
    await expectRefused(locked, 'bundle.age.wrongKey', { passphrase: 'wrong' });
    await expectRefused(smallBundle, 'bundle.age.wrongKey', { identities: [mallory.identity] });
  });

  test('every single-bit flip, every truncation and an appended byte of the small bundle', async () => {
    const s = await seeded();
    const before = await dumpDatabase(s.db);
    const seen = new Map<string, number>();
    // A flipped work factor may read as one above 18; a flipped salt or MAC as a wrong passphrase.
    const allowed = new Set([
      'bundle.age.notAge',
      'bundle.age.damaged',
      'bundle.age.wrongKey',
      'bundle.age.workFactorTooHigh',
    ]);
    const attempt = async (bytes: Uint8Array, what: string) => {
      const result = await importBundle(s, bytes, SMALL_PASSPHRASE);
      const code = result.ok ? 'ok' : result.error.code;
      seen.set(code, (seen.get(code) ?? 0) + 1);
      if (!allowed.has(code)) expect.fail(`${what} gave ${code}`);
    };
    function* variants(): Generator<[Uint8Array, string]> {
      const bundle = smallLockedBundle;
      for (let bit = 0; bit < bundle.length * 8; bit += 1) {
        const flipped = bundle.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        yield [flipped, `bit ${bit}`];
      }
      for (let length = 0; length < bundle.length; length += 1) {
        yield [bundle.subarray(0, length), `truncation to ${length} bytes`];
      }
      yield [concatBytes([bundle, Uint8Array.of(0)]), 'an appended byte'];
    }
    // In batches: the age library awaits Web Crypto, which runs beside the JavaScript thread.
    let batch: Promise<void>[] = [];
    for (const [bytes, what] of variants()) {
      batch.push(attempt(bytes, what));
      if (batch.length === 64) {
        await Promise.all(batch);
        batch = [];
      }
    }
    await Promise.all(batch);
    expect(seen.get('ok')).toBeUndefined();
    expect(seen.get('bundle.age.damaged')).toBeGreaterThan(smallLockedBundle.length * 8);
    expect((await dumpDatabase(s.db)).json, 'the database is unchanged').toBe(before.json);
  }, 120_000);

  test('a corrupted last chunk of a multi-chunk bundle', async () => {
    // An original of 100 KiB that does not deflate: the encrypted ZIP spans two 64 KiB chunks.
    let state = 7;
    const noise = new Uint8Array(100 * 1024).map(() => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    });
    const sha256 = await sha256BytesHex(noise);
    const data = smallCase();
    const withSource: CaseJson = {
      ...data,
      sources: [
        {
          id: 'source-noise',
          caseId: SMALL_CASE_ID,
          createdAt: AT,
          updatedAt: AT,
          title: 'Noise',
          kind: 'attachment',
          sha256,
          byteLength: noise.length,
          mediaType: 'application/octet-stream',
          provenance: {},
          reliability: 'F',
          warnings: [],
        },
      ],
    };
    const bundle = value(
      await writeBundle(
        bundleInput({ caseData: withSource, originals: new Map([[sha256, noise]]) }),
      ),
    );
    expect(bundle.length).toBeGreaterThan(64 * 1024 + 1000);
    const corrupted = bundle.slice();
    corrupted[corrupted.length - 500]! ^= 0x01;
    await expectRefused(corrupted, 'bundle.age.damaged');
  });

  test.each(['20', '22'])('scrypt work factor %s', async (factor) => {
    const file = value(
      await writeBundle(
        bundleInput({ encryption: { kind: 'passphrase', passphrase: 'p', workFactor: 2 } }),
      ),
    );
    const text = new TextDecoder('latin1').decode(file);
    const rewritten = text.replace(/^(-> scrypt \S+) 2\n/m, `$1 ${factor}\n`);
    expect(rewritten).not.toBe(text);
    const bytes = Uint8Array.from(rewritten, (char) => char.charCodeAt(0));
    await expectRefused(bytes, 'bundle.age.workFactorTooHigh', { passphrase: 'p' });
  });

  test('a 64 MB header line', async () => {
    const file = new Uint8Array(64 * 1024 * 1024).fill(0x61);
    file.set(utf8('age-encryption.org/v1\n'), 0);
    await expectRefused(file, 'bundle.age.headerTooLarge');
  });

  test('a valid age file that is not a ZIP; a ZIP without manifest; a manifest of major 2', async () => {
    await expectRefused(await sealZip(utf8('just text, no zip')), ZIP_ERRORS.invalid);
    const members = await membersOf(smallBundle);
    const withoutManifest = new Map(members);
    withoutManifest.delete('manifest.json');
    await expectRefused(await reseal(withoutManifest), 'bundle.manifest.missing');
    const manifest = JSON.parse(new TextDecoder().decode(members.get('manifest.json'))) as {
      version: { major: number };
    };
    manifest.version.major = 2;
    const future = new Map(members).set('manifest.json', utf8(JSON.stringify(manifest)));
    await expectRefused(await reseal(future), 'bundle.manifest.versionUnsupported');
  });

  test('a member whose hash differs from the manifest', async () => {
    const members = await membersOf(smallBundle);
    const edited = new Map(members).set(
      'case.json',
      utf8(new TextDecoder().decode(members.get('case.json')).replace('"Small"', '"Large"')),
    );
    await expectRefused(await reseal(edited), 'bundle.member.hashMismatch');
  });

  test.each([
    ['../../evil', ZIP_ERRORS.pathUnsafe],
    ['/etc/x', ZIP_ERRORS.pathUnsafe],
    ['C:/x', ZIP_ERRORS.pathUnsafe],
    ['a\\b', ZIP_ERRORS.pathUnsafe],
    ['case.json', ZIP_ERRORS.duplicateName],
    ['CASE.json', ZIP_ERRORS.duplicateName],
  ])('a ZIP entry named %j', async (name, code) => {
    const members = await membersOf(smallBundle);
    const entries = [...members].map(([path, content]) => ({ name: path, content }));
    await expectRefused(await sealZip(forgeZip([...entries, { name, content: utf8('{}') }])), code);
  });

  test('a zip bomb, declared or lying about its size', async () => {
    const zeros = deflateSync(new Uint8Array(8 * 1024 * 1024));
    expect(zeros.length).toBeLessThan(64 * 1024);
    const declared = forgeZip([
      { name: 'bomb', method: 8, data: zeros, declaredSize: 1024 ** 3, crc: 0 },
    ]);
    await expectRefused(await sealZip(declared), ZIP_ERRORS.entryTooLarge);
    const lying = forgeZip([{ name: 'bomb', method: 8, data: zeros, declaredSize: 1000, crc: 0 }]);
    await expectRefused(await sealZip(lying), ZIP_ERRORS.sizeMismatch);
  });

  test('an entry whose real size exceeds its declared size', async () => {
    const members = await membersOf(smallBundle);
    const zip = value(
      writeBundleZip([...members].map(([path, bytes]) => ({ path, bytes, compress: true }))),
    ).slice();
    const view = new DataView(zip.buffer);
    for (const central of centralRecordOffsets(zip)) {
      const nameLength = view.getUint16(central + 28, true);
      const name = new TextDecoder().decode(zip.subarray(central + 46, central + 46 + nameLength));
      if (name !== 'case.json') continue;
      const local = view.getUint32(central + 42, true);
      view.setUint32(local + 22, 10, true);
      view.setUint32(central + 24, 10, true);
    }
    await expectRefused(await sealZip(zip), ZIP_ERRORS.sizeMismatch);
  });

  test('__proto__ and constructor keys in case.json', async () => {
    const text = smallCaseText();
    await expectRefused(
      await withCaseJson(
        utf8(text.replace('"title":"Small"', '"title":"Small","__proto__":{"x":1}')),
      ),
      'bundle.json.forbiddenKey',
    );
    await expectRefused(
      await withCaseJson(utf8(text.replace('"sources":[]', '"sources":[{"constructor":{}}]'))),
      'bundle.json.forbiddenKey',
    );
  });

  test('JSON nested 100,000 deep, and invalid UTF-8', async () => {
    await expectRefused(
      await withCaseJson(utf8(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
      'bundle.json.tooDeep',
    );
    const broken = concatBytes([
      utf8(smallCaseText().slice(0, 40)),
      Uint8Array.of(0xc3, 0x28),
      utf8(smallCaseText().slice(40)),
    ]);
    await expectRefused(await withCaseJson(broken), 'bundle.json.encoding');
  });

  test('a signature copied from another bundle', async () => {
    const signing = generateSigningKey();
    const other = value(
      await writeBundle(
        bundleInput({ caseData: smallCase({ title: 'Other' }), signingKey: signing.secretKey }),
      ),
    );
    const members = await membersOf(smallBundle);
    members.set('signature.json', (await membersOf(other)).get('signature.json')!);
    await expectRefused(await reseal(members), 'bundle.signature.mismatch');
  });

  test('records whose ids belong to another case of the database (caught by the plan)', async () => {
    const s = await seeded();
    const [taken] = await s.db.entities.toCollection().primaryKeys();
    const data: CaseJson = {
      ...smallCase(),
      entities: [
        {
          id: taken!,
          caseId: SMALL_CASE_ID,
          createdAt: AT,
          updatedAt: AT,
          type: 'Person',
          name: 'Someone else',
          aliases: [],
          attributes: {},
          notes: '',
        },
      ],
    };
    const bundle = value(await writeBundle(bundleInput({ caseData: data })));
    const before = await dumpDatabase(s.db);
    const result = await importBundle(s, bundle);
    expect(result.ok ? 'ok' : result.error.code).toBe('transfer.idTaken');
    expect((await dumpDatabase(s.db)).json).toBe(before.json);
  });
});

describe('signers', () => {
  test('signed by an unknown key: imported, and the signer reported as unknown', async () => {
    const signing = generateSigningKey();
    const signed = value(await writeBundle(bundleInput({ signingKey: signing.secretKey })));
    const s = await seeded();
    const imported = value(await importBundle(s, signed));
    expect(imported.signer).toMatchObject({
      status: 'valid',
      known: 'unknown',
      fingerprint: signingKeyFingerprint(signing.publicKey),
    });
    expect(await s.cases.get(imported.outcome.caseId)).toBeDefined();
    const trusted = await seeded();
    const fingerprint = signingKeyFingerprint(signing.publicKey);
    const again = value(
      await importBundle(trusted, signed, aliceKey(), (f) =>
        f === fingerprint ? 'trusted' : undefined,
      ),
    );
    expect(again.signer).toMatchObject({ status: 'valid', known: 'trusted' });
  });
});
