import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  encryptToRecipients,
  generateAgeIdentity,
  type AgeIdentityPair,
} from '../../../../src/core/bundle/age';
import {
  readBundle,
  writeBundle,
  type CaseJson,
  type CaseRecords,
  type WriteBundleInput,
} from '../../../../src/core/bundle/bundle';
import {
  canonicalManifestBytes,
  decodeManifest,
  type Manifest,
} from '../../../../src/core/bundle/manifest';
import {
  generateSigningKey,
  signingKeyFingerprint,
  signManifest,
} from '../../../../src/core/bundle/signature';
import {
  prepareZipMember,
  readBundleZip,
  writeBundleZip,
  type ZipMember,
  type ZipMemberPreparer,
} from '../../../../src/core/bundle/zip';
import type { Result } from '../../../../src/shared/result';

const sha256Hex = (bytes: Uint8Array): Promise<string> =>
  Promise.resolve(createHash('sha256').update(bytes).digest('hex'));
const hashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const CASE = '0b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_CASE = '1b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const SOURCE = '2b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const PDF_SOURCE = '3b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const PASSAGE = '4b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const PERSON = '5b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const COMPANY = '6b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const CLAIM = '7b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const NOTE = '8b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const CHART = '9b7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const SEARCH = 'ab7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const AUDIT = 'bb7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const MERGE = 'cb7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const AT = '2026-11-22T06:00:00.000Z';

const TEXT_ORIGINAL = utf8('Harbour ledger, page one.\n');
const PDF_ORIGINAL = utf8('%PDF-1.7\n% not really a PDF, but stored as one\n');
const ORIGINALS = new Map([
  [hashOf(TEXT_ORIGINAL), TEXT_ORIGINAL],
  [hashOf(PDF_ORIGINAL), PDF_ORIGINAL],
]);

function sampleCase(): CaseJson {
  const owned = { caseId: CASE, createdAt: AT, updatedAt: AT };
  const person = {
    ...owned,
    id: PERSON,
    type: 'Person' as const,
    name: 'Ada Example',
    aliases: ['A. Example'],
    attributes: { role: 'harbour master', age: 52, verified: true },
    notes: '',
  };
  return {
    format: 'casefile-case',
    version: 1,
    case: {
      id: CASE,
      title: 'Harbour ledger',
      summary: 'Payments through the harbour office.',
      marking: 'TLP:AMBER',
      status: 'open',
      predicates: ['paid'],
      createdAt: AT,
      updatedAt: AT,
    },
    sources: [
      {
        ...owned,
        id: SOURCE,
        title: 'Ledger',
        kind: 'text',
        sha256: hashOf(TEXT_ORIGINAL),
        byteLength: TEXT_ORIGINAL.length,
        mediaType: 'text/plain',
        provenance: {
          fileName: 'ledger.txt',
          email: { to: ['a@example.org'], cc: [], subject: 'Ledger' },
        },
        reliability: 'B',
        warnings: [],
      },
      {
        ...owned,
        id: PDF_SOURCE,
        title: 'Scan',
        kind: 'pdf',
        sha256: hashOf(PDF_ORIGINAL),
        byteLength: PDF_ORIGINAL.length,
        mediaType: 'application/pdf',
        provenance: {},
        reliability: 'F',
        warnings: ['no text layer'],
        parentId: SOURCE,
      },
    ],
    sourceContents: [
      {
        id: SOURCE,
        caseId: CASE,
        text: 'Harbour ledger, page one.',
        structure: { paragraphs: [{ start: 0, end: 25 }] },
      },
    ],
    passages: [
      {
        ...owned,
        id: PASSAGE,
        sourceId: SOURCE,
        kind: 'mention',
        quote: { type: 'TextQuoteSelector', exact: 'Harbour', prefix: '', suffix: ' ledger' },
        position: { type: 'TextPositionSelector', start: 0, end: 7 },
        orphaned: false,
        note: '',
        entityId: PERSON,
      },
    ],
    entities: [
      person,
      {
        ...owned,
        id: COMPANY,
        type: 'custom:Shell company',
        name: 'Harbour Holdings',
        aliases: [],
        attributes: {},
        notes: 'Registered offshore.',
      },
    ],
    entityMerges: [
      {
        ...owned,
        id: MERGE,
        survivorId: PERSON,
        mergedId: COMPANY,
        survivorBefore: person,
        mergedBefore: { ...person, id: COMPANY },
        movedPassageIds: [PASSAGE],
        movedClaims: [{ id: CLAIM, field: 'object' }],
        undoneAt: AT,
      },
    ],
    claims: [
      {
        ...owned,
        id: CLAIM,
        subjectId: PERSON,
        predicate: 'paid',
        object: { kind: 'entity', entityId: COMPANY },
        validTime: { kind: 'interval', start: '2025-01' },
        evidence: [PASSAGE],
        credibility: 2,
        status: 'asserted',
        relations: [{ kind: 'supports', claimId: CLAIM }],
        note: '',
      },
    ],
    notes: [
      {
        ...owned,
        id: NOTE,
        title: 'Working theory',
        editorState: '{"format":"casefile-note","version":2}',
        entityIds: [PERSON],
        passageIds: [PASSAGE],
        claimIds: [CLAIM],
      },
    ],
    charts: [
      {
        ...owned,
        id: CHART,
        title: 'Case chart',
        scope: 'chosen',
        entityIds: [PERSON, COMPANY],
        positions: { [PERSON]: { x: 1, y: -2.5 } },
        filters: { reliabilities: ['A', 'none'], maxCredibility: 3, includeUndated: true },
        layout: 'preset',
        sizeBy: 'degree',
        groups: [{ id: 'g1', label: 'Harbour', memberIds: [PERSON], collapsed: false }],
      },
    ],
    savedSearches: [{ ...owned, id: SEARCH, name: 'Payments', query: 'paid AND harbour' }],
    audit: [
      {
        id: AUDIT,
        caseId: CASE,
        seq: 0,
        at: AT,
        action: 'case.create',
        subject: CASE,
        detail: { title: 'Harbour ledger' },
        prevHash: '',
        hash: 'ab'.repeat(32),
        createdAt: AT,
        updatedAt: AT,
      },
    ],
  };
}

let alice: AgeIdentityPair;
let bob: AgeIdentityPair;
beforeAll(async () => {
  alice = await generateAgeIdentity();
  bob = await generateAgeIdentity();
});

function input(overrides: Partial<WriteBundleInput> = {}): WriteBundleInput {
  return {
    caseData: sampleCase(),
    originals: ORIGINALS,
    app: { name: 'Casefile', version: '0.1.0' },
    createdAt: AT,
    encryption: { kind: 'recipients', recipients: [alice.recipient] },
    sha256Hex,
    ...overrides,
  };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function expectError(result: Result<unknown>, code: string, mentions?: string): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (mentions !== undefined && !result.ok) expect(result.error.message).toContain(mentions);
}

const readAsAlice = (
  bytes: Uint8Array,
  trustedKeys?: (f: string) => 'trusted' | 'known' | undefined,
) =>
  readBundle(
    bytes,
    { identities: [alice.identity] },
    { sha256Hex, ...(trustedKeys ? { trustedKeys } : {}) },
  );

/** A ZIP with a manifest listing `members` with their real sizes and hashes, encrypted to alice. */
async function forge(
  members: readonly { path: string; bytes: Uint8Array; mediaType?: string }[],
  manifestOverride?: (manifest: Manifest) => unknown,
): Promise<Uint8Array> {
  const manifest: Manifest = {
    format: 'casefile-bundle',
    version: { major: 1, minor: 0 },
    app: { name: 'Casefile', version: '0.1.0' },
    createdAt: AT,
    case: { id: CASE, title: 'Harbour ledger', marking: 'TLP:AMBER' },
    members: members.map((member) => ({
      path: member.path,
      size: member.bytes.length,
      sha256: hashOf(member.bytes),
      ...(member.mediaType === undefined ? {} : { mediaType: member.mediaType }),
    })),
    recordCounts: {},
  };
  const manifestBytes =
    manifestOverride === undefined
      ? canonicalManifestBytes(manifest)
      : utf8(JSON.stringify(manifestOverride(manifest)));
  const zipMembers: ZipMember[] = [
    { path: 'manifest.json', bytes: manifestBytes, compress: true },
    ...members.map((member) => ({ path: member.path, bytes: member.bytes, compress: true })),
  ];
  return value(await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]));
}

const originalMembers = [...ORIGINALS].map(([hash, bytes]) => ({
  path: `sources/${hash}`,
  bytes,
}));
const forgeCase = (caseBytes: Uint8Array) =>
  forge([{ path: 'case.json', bytes: caseBytes }, ...originalMembers]);

describe('writeBundle and readBundle round trip', () => {
  test('to recipients, unsigned', async () => {
    const bundle = value(await writeBundle(input()));
    const read = value(await readAsAlice(bundle));
    expect(read.caseData).toEqual(sampleCase());
    expect(read.signer).toEqual({ status: 'unsigned' });
    expect(read.originals).toEqual(ORIGINALS);
    expect(read.manifest.recordCounts['sources']).toBe(2);
    expect(read.manifest.case).toEqual({ id: CASE, title: 'Harbour ledger', marking: 'TLP:AMBER' });
    // No names given: each recipient stands for itself; unsigned: no signer in the manifest.
    expect(read.manifest.encryption).toEqual({
      kind: 'recipients',
      recipients: [{ name: alice.recipient, recipient: alice.recipient }],
    });
    expect(read.manifest.signer).toBeUndefined();
    // Deterministic apart from age's random file key: the same input gives the same ZIP.
    const again = value(await writeBundle(input()));
    expect(value(await decryptWithIdentities(again, [alice.identity]))).toEqual(
      value(await decryptWithIdentities(bundle, [alice.identity])),
    );
  });

  test('with a passphrase, signed; the signer is reported trusted, known or unknown', async () => {
    const signing = generateSigningKey();
    const bundle = value(
      await writeBundle(
        input({
          encryption: { kind: 'passphrase', passphrase: 'correct horse', workFactor: 10 },
          signingKey: signing.secretKey,
        }),
      ),
    );
    const open = (trustedKeys?: (f: string) => 'trusted' | 'known' | undefined) =>
      readBundle(
        bundle,
        { passphrase: 'correct horse' },
        { sha256Hex, ...(trustedKeys ? { trustedKeys } : {}) },
      );
    const trusted = value(await open(() => 'trusted'));
    expect(trusted.caseData).toEqual(sampleCase());
    expect(trusted.signer).toMatchObject({ status: 'valid', known: 'trusted' });
    expect(trusted.signer.status === 'valid' && trusted.signer.publicKey).toEqual(
      signing.publicKey,
    );
    expect(value(await open(() => 'known')).signer).toMatchObject({ known: 'known' });
    const unknown = value(await open(() => undefined)).signer;
    expect(unknown).toMatchObject({ status: 'valid', known: 'unknown' });
    expect(unknown.status === 'valid' && unknown.fingerprint).toMatch(
      /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/,
    );
    expect(value(await open()).signer).toMatchObject({ known: 'unknown' });
    // The manifest says how it was encrypted and who signed it; with no name, the fingerprint.
    expect(trusted.manifest.encryption).toEqual({ kind: 'passphrase' });
    const fingerprint = signingKeyFingerprint(signing.publicKey);
    expect(trusted.manifest.signer).toEqual({ name: fingerprint, fingerprint });
  });

  test('the manifest names the recipients and the signer as the writer knows them', async () => {
    const signing = generateSigningKey();
    const bundle = value(
      await writeBundle(
        input({
          encryption: { kind: 'recipients', recipients: [alice.recipient, bob.recipient] },
          recipientNames: new Map([[bob.recipient, 'Bob (Desk 2)']]),
          signingKey: signing.secretKey,
          signerName: 'Ada (Desk 1)',
        }),
      ),
    );
    const read = value(await readAsAlice(bundle));
    expect(read.manifest.encryption).toEqual({
      kind: 'recipients',
      recipients: [
        { name: alice.recipient, recipient: alice.recipient },
        { name: 'Bob (Desk 2)', recipient: bob.recipient },
      ],
    });
    expect(read.manifest.signer).toEqual({
      name: 'Ada (Desk 1)',
      fingerprint: signingKeyFingerprint(signing.publicKey),
    });
    expect(read.signer).toMatchObject({
      status: 'valid',
      fingerprint: signingKeyFingerprint(signing.publicKey),
    });
  });

  test('stores already-compressed originals and deflates the rest', async () => {
    const zip = value(
      await decryptWithIdentities(value(await writeBundle(input())), [alice.identity]),
    );
    const names = [...value(readBundleZip(zip)).keys()];
    expect(names).toEqual([
      'manifest.json',
      'case.json',
      `sources/${hashOf(TEXT_ORIGINAL)}`,
      `sources/${hashOf(PDF_ORIGINAL)}`,
    ]);
    // The PDF is stored: its bytes appear verbatim in the ZIP.
    expect(Buffer.from(zip).includes(Buffer.from(PDF_ORIGINAL))).toBe(true);
  });

  test('members deflated by another thread give the same ZIP, and the bundle opens', async () => {
    const ledger = utf8('harbour 42 paid 17 to account 9.\n'.repeat(20_000));
    const data = sampleCase();
    const caseData: CaseJson = {
      ...data,
      sources: data.sources.map((source, index) =>
        index === 0 ? { ...source, sha256: hashOf(ledger), byteLength: ledger.length } : source,
      ),
    };
    const originals = new Map([
      [hashOf(ledger), ledger],
      [hashOf(PDF_ORIGINAL), PDF_ORIGINAL],
    ]);
    const sent: number[] = [];
    const elsewhere: ZipMemberPreparer = async (bytes, compress) => {
      sent.push(bytes.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return prepareZipMember(bytes, compress);
    };
    const here = value(await writeBundle(input({ caseData, originals })));
    const there = value(
      await writeBundle(input({ caseData, originals, prepareZipMember: elsewhere })),
    );
    expect(sent).toEqual([ledger.length]);
    const zipThere = value(await decryptWithIdentities(there, [alice.identity]));
    expect(
      Buffer.compare(zipThere, value(await decryptWithIdentities(here, [alice.identity]))),
    ).toBe(0);
    expect(value(await readAsAlice(there)).originals.get(hashOf(ledger))).toEqual(ledger);
  });
});

// Compile-time checks: records as the model types them (branded ids, readonly) are accepted, and
// the schema has exactly the model's fields (brands, literal unions and readonly aside).
export const writeModelRecords = (records: CaseRecords) =>
  writeBundle(input({ caseData: records }));
type Plain<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? Plain<Item>[]
    : T extends object
      ? { -readonly [Key in keyof T]: Plain<T[Key]> }
      : T;
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const schemaMatchesModel: Equal<Plain<CaseRecords>, Plain<CaseJson>> = true;

describe('writeBundle refuses bad input', () => {
  test('a source without its original', async () => {
    const originals = new Map(ORIGINALS);
    originals.delete(hashOf(PDF_ORIGINAL));
    expectError(await writeBundle(input({ originals })), 'bundle.write.originalMissing', 'Scan');
  });

  test('an original whose bytes do not have the source hash', async () => {
    const originals = new Map(ORIGINALS);
    originals.set(hashOf(PDF_ORIGINAL), utf8('something else'));
    expectError(await writeBundle(input({ originals })), 'bundle.write.originalMismatch', 'Scan');
  });

  test('case data with unknown fields', async () => {
    const caseData = { ...sampleCase(), extra: 1 } as unknown as CaseJson;
    expectError(await writeBundle(input({ caseData })), 'bundle.case.invalid');
  });
});

describe('readBundle refuses bad bundles with a specific error', () => {
  let bundle: Uint8Array;
  beforeAll(async () => {
    bundle = value(await writeBundle(input()));
  });

  test('wrong passphrase', async () => {
    const locked = value(
      await writeBundle(
        input({ encryption: { kind: 'passphrase', passphrase: 'right', workFactor: 10 } }),
      ),
    );
    expectError(
      await readBundle(locked, { passphrase: 'wrong' }, { sha256Hex }),
      'bundle.age.wrongKey',
    );
  });

  test('wrong identity', async () => {
    expectError(
      await readBundle(bundle, { identities: [bob.identity] }, { sha256Hex }),
      'bundle.age.wrongKey',
    );
  });

  test('a flipped byte in the ciphertext', async () => {
    const damaged = bundle.slice();
    damaged[damaged.length - 20]! ^= 0x01;
    expectError(await readAsAlice(damaged), 'bundle.age.damaged');
  });

  test('truncated', async () => {
    expectError(await readAsAlice(bundle.slice(0, bundle.length - 1)), 'bundle.age.damaged');
  });

  test('an appended byte', async () => {
    const longer = new Uint8Array(bundle.length + 1);
    longer.set(bundle);
    expectError(await readAsAlice(longer), 'bundle.age.damaged');
  });

  test('not an age file', async () => {
    expectError(await readAsAlice(utf8('PK\u0003\u0004 plain zip')), 'bundle.age.notAge');
  });

  test('a valid age file that is not a ZIP', async () => {
    const notZip = value(await encryptToRecipients(utf8('just text'), [alice.recipient]));
    expectError(await readAsAlice(notZip), 'bundle.zip.invalid');
  });

  test('a ZIP without manifest.json', async () => {
    const zip = value(writeBundleZip([{ path: 'case.json', bytes: utf8('{}'), compress: true }]));
    const encrypted = value(await encryptToRecipients(zip, [alice.recipient]));
    expectError(await readAsAlice(encrypted), 'bundle.manifest.missing');
  });

  test('a manifest of major version 2', async () => {
    const caseBytes = utf8(JSON.stringify(sampleCase()));
    const forged = await forge([{ path: 'case.json', bytes: caseBytes }], (manifest) => ({
      ...manifest,
      version: { major: 2, minor: 0 },
    }));
    expectError(await readAsAlice(forged), 'bundle.manifest.versionUnsupported');
  });

  test('a member whose hash differs from the manifest', async () => {
    const zip = value(await decryptWithIdentities(bundle, [alice.identity]));
    const members = value(readBundleZip(zip));
    const path = `sources/${hashOf(TEXT_ORIGINAL)}`;
    const tampered = members.get(path)!.slice();
    tampered[0]! ^= 0x20;
    const zipMembers = [...members].map(([name, bytes]) => ({
      path: name,
      bytes: name === path ? tampered : bytes,
      compress: true,
    }));
    const encrypted = value(
      await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]),
    );
    expectError(await readAsAlice(encrypted), 'bundle.member.hashMismatch', path);
  });

  test('a signature copied from another bundle', async () => {
    const signing = generateSigningKey();
    const signedOther = value(
      await writeBundle(
        input({ createdAt: '2026-11-23T00:00:00.000Z', signingKey: signing.secretKey }),
      ),
    );
    const otherMembers = value(
      readBundleZip(value(await decryptWithIdentities(signedOther, [alice.identity]))),
    );
    const members = value(
      readBundleZip(value(await decryptWithIdentities(bundle, [alice.identity]))),
    );
    const zipMembers = [
      ...members,
      ['signature.json', otherMembers.get('signature.json')!] as const,
    ].map(([path, bytes]) => ({ path, bytes, compress: true }));
    const encrypted = value(
      await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]),
    );
    expectError(await readAsAlice(encrypted), 'bundle.signature.mismatch');
  });

  test('a forged signature', async () => {
    const signing = generateSigningKey();
    const signed = value(await writeBundle(input({ signingKey: signing.secretKey })));
    const members = value(
      readBundleZip(value(await decryptWithIdentities(signed, [alice.identity]))),
    );
    const signature = JSON.parse(new TextDecoder().decode(members.get('signature.json'))) as {
      signature: string;
    };
    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[0]! ^= 0x01;
    signature.signature = bytes.toString('base64');
    members.set('signature.json', utf8(JSON.stringify(signature)));
    const zipMembers = [...members].map(([path, memberBytes]) => ({
      path,
      bytes: memberBytes,
      compress: true,
    }));
    const encrypted = value(
      await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]),
    );
    expectError(await readAsAlice(encrypted), 'bundle.signature.invalid');
  });

  test('a manifest naming a signer whose key did not make the signature', async () => {
    // Signed by Mallory, but the manifest claims Ada's fingerprint.
    const ada = generateSigningKey();
    const mallory = generateSigningKey();
    const signed = value(
      await writeBundle(input({ signingKey: ada.secretKey, signerName: 'Ada' })),
    );
    const members = value(
      readBundleZip(value(await decryptWithIdentities(signed, [alice.identity]))),
    );
    const manifest = value(decodeManifest(members.get('manifest.json')!));
    const manifestBytes = canonicalManifestBytes(manifest);
    members.set('manifest.json', manifestBytes);
    members.set(
      'signature.json',
      utf8(JSON.stringify(signManifest(manifestBytes, mallory.secretKey))),
    );
    const zipMembers = [...members].map(([path, bytes]) => ({ path, bytes, compress: true }));
    const encrypted = value(
      await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]),
    );
    expectError(
      await readAsAlice(encrypted),
      'bundle.signature.signerMismatch',
      signingKeyFingerprint(mallory.publicKey),
    );
  });

  test('a manifest naming a signer, with signature.json removed', async () => {
    const signing = generateSigningKey();
    const signed = value(
      await writeBundle(input({ signingKey: signing.secretKey, signerName: 'Ada' })),
    );
    const members = value(
      readBundleZip(value(await decryptWithIdentities(signed, [alice.identity]))),
    );
    members.delete('signature.json');
    const zipMembers = [...members].map(([path, bytes]) => ({ path, bytes, compress: true }));
    const encrypted = value(
      await encryptToRecipients(value(writeBundleZip(zipMembers)), [alice.recipient]),
    );
    expectError(await readAsAlice(encrypted), 'bundle.signature.missing', 'Ada');
  });

  test('__proto__ keys in case.json', async () => {
    const text = JSON.stringify(sampleCase()).replace('{"format"', '{"__proto__":{"x":1},"format"');
    expectError(await readAsAlice(await forgeCase(utf8(text))), 'bundle.json.forbiddenKey');
  });

  test('invalid UTF-8 in case.json', async () => {
    const bytes = utf8(JSON.stringify(sampleCase()));
    const broken = new Uint8Array(bytes.length + 1);
    broken.set(bytes);
    broken[bytes.length] = 0xff;
    expectError(await readAsAlice(await forgeCase(broken)), 'bundle.json.encoding', 'case.json');
  });

  test('unknown keys in a record', async () => {
    const data = sampleCase();
    const withExtra = { ...data, claims: [{ ...data.claims[0], extra: true }] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(withExtra)))),
      'bundle.json.schema',
      'claims',
    );
  });

  test('a record of another case', async () => {
    const data = sampleCase();
    const foreign = { ...data, notes: [{ ...data.notes[0]!, caseId: OTHER_CASE }] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(foreign)))),
      'bundle.case.foreignRecord',
      OTHER_CASE,
    );
  });

  test('a passage whose source is not in the bundle', async () => {
    const data = sampleCase();
    const missing = 'db7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const dangling = { ...data, passages: [{ ...data.passages[0]!, sourceId: missing }] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(dangling)))),
      'bundle.case.danglingReference',
      missing,
    );
  });

  test('dangling claim evidence and note references, each named', async () => {
    const data = sampleCase();
    const missing = 'eb7e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const claimDangling = { ...data, claims: [{ ...data.claims[0]!, evidence: [missing] }] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(claimDangling)))),
      'bundle.case.danglingReference',
      `Claim ${CLAIM}'s evidence refers to ${missing}`,
    );
    const noteDangling = { ...data, notes: [{ ...data.notes[0]!, claimIds: [missing] }] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(noteDangling)))),
      'bundle.case.danglingReference',
      `Note ${NOTE} refers to ${missing}`,
    );
  });

  test('an id used twice in one kind', async () => {
    const data = sampleCase();
    const twice = { ...data, savedSearches: [data.savedSearches[0]!, data.savedSearches[0]!] };
    expectError(
      await readAsAlice(await forgeCase(utf8(JSON.stringify(twice)))),
      'bundle.case.duplicateId',
      SEARCH,
    );
  });

  test('a manifest naming another case than case.json', async () => {
    const forged = await forge(
      [{ path: 'case.json', bytes: utf8(JSON.stringify(sampleCase())) }, ...originalMembers],
      (manifest) => ({ ...manifest, case: { ...manifest.case, id: OTHER_CASE } }),
    );
    expectError(await readAsAlice(forged), 'bundle.case.manifestMismatch', OTHER_CASE);
  });

  test('an original no source refers to, or a member that is no original', async () => {
    const stray = utf8('stray');
    const unreferenced = await forge([
      { path: 'case.json', bytes: utf8(JSON.stringify(sampleCase())) },
      ...originalMembers,
      { path: `sources/${hashOf(stray)}`, bytes: stray },
    ]);
    expectError(await readAsAlice(unreferenced), 'bundle.member.unexpected', hashOf(stray));
    const extra = await forge([
      { path: 'case.json', bytes: utf8(JSON.stringify(sampleCase())) },
      ...originalMembers,
      { path: 'notes.txt', bytes: stray },
    ]);
    expectError(await readAsAlice(extra), 'bundle.member.unexpected', 'notes.txt');
  });

  test('an identity offered for a passphrase bundle', async () => {
    const locked = value(
      await writeBundle(
        input({ encryption: { kind: 'passphrase', passphrase: 'right', workFactor: 10 } }),
      ),
    );
    expectError(await readAsAlice(locked), 'bundle.age.wrongKey');
  });

  test('a source whose original is not in the bundle', async () => {
    const forged = await forge([
      { path: 'case.json', bytes: utf8(JSON.stringify(sampleCase())) },
      originalMembers[0]!,
    ]);
    expectError(await readAsAlice(forged), 'bundle.case.originalMissing', 'Scan');
  });
});

const hasCommand = (command: string, flag = '--version'): boolean =>
  spawnSync(command, [flag], { stdio: 'ignore' }).status === 0;
const hasTools = hasCommand('age') && hasCommand('unzip', '-v');

describe.skipIf(!hasTools && process.env['CI'] === undefined)(
  'interoperability with age and unzip',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'casefile-bundle-'));
    afterAll(() => {
      rmSync(directory, { recursive: true, force: true });
    });

    test('age -d opens a bundle we write and unzip lists its members', async () => {
      const bundle = value(
        await writeBundle(input({ signingKey: generateSigningKey().secretKey })),
      );
      writeFileSync(join(directory, 'key.txt'), `${alice.identity}\n`);
      writeFileSync(join(directory, 'case.casefile'), bundle);
      const decrypt = spawnSync('age', [
        '-d',
        '-i',
        join(directory, 'key.txt'),
        '-o',
        join(directory, 'case.zip'),
        join(directory, 'case.casefile'),
      ]);
      expect(decrypt.status, decrypt.stderr.toString()).toBe(0);
      const list = spawnSync('unzip', ['-l', join(directory, 'case.zip')]);
      expect(list.status).toBe(0);
      const listing = list.stdout.toString();
      for (const name of [
        'manifest.json',
        'case.json',
        'signature.json',
        `sources/${hashOf(TEXT_ORIGINAL)}`,
        `sources/${hashOf(PDF_ORIGINAL)}`,
      ]) {
        expect(listing).toContain(name);
      }
    });

    test('readBundle opens our ZIP encrypted by age -r', async () => {
      const zip = value(
        await decryptWithIdentities(value(await writeBundle(input())), [alice.identity]),
      );
      writeFileSync(join(directory, 'ours.zip'), zip);
      const encrypt = spawnSync('age', [
        '-r',
        alice.recipient,
        '-o',
        join(directory, 'ours.casefile'),
        join(directory, 'ours.zip'),
      ]);
      expect(encrypt.status, encrypt.stderr.toString()).toBe(0);
      const read = value(
        await readAsAlice(new Uint8Array(readFileSync(join(directory, 'ours.casefile')))),
      );
      expect(read.caseData).toEqual(sampleCase());
      expect(read.originals).toEqual(ORIGINALS);
    });
  },
);
