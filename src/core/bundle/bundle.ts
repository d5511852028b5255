import canonicalize from 'canonicalize';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import {
  CASE_STATUSES,
  CHART_LAYOUTS,
  CHART_SIZE_BY,
  CLAIM_STATUSES,
  ENTITY_TYPES,
  INFORMATION_CREDIBILITY,
  PASSAGE_KINDS,
  SOURCE_KINDS,
  SOURCE_RELIABILITY,
  type AuditEvent,
  type Case,
  type Chart,
  type Claim,
  type Entity,
  type EntityMerge,
  type Note,
  type Passage,
  type SavedSearch,
  type Source,
  type SourceContent,
} from '../model/records';
import {
  decryptWithIdentities,
  decryptWithPassphrase,
  encryptToRecipients,
  encryptWithPassphrase,
  inspectAgeHeader,
} from './age';
import {
  canonicalManifestBytes,
  checkMembers,
  decodeManifest,
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  MANIFEST_VERSION,
  parseManifest,
  SIGNATURE_PATH,
  type Manifest,
  type ManifestMember,
  type ManifestSigner,
} from './manifest';
import { decodeJson } from './safeJson';
import {
  decodeSignatureFile,
  signingKeyFingerprint,
  signingPublicKey,
  signManifest,
  verifyManifestSignature,
} from './signature';
import {
  readBundleZip,
  shouldCompress,
  writeBundleZipParts,
  writeBundleZipStream,
  type ZipMember,
  type ZipMemberPreparer,
} from './zip';
import { DEFAULT_ZIP_LIMITS } from './limits';

/**
 * The two pipelines of a `.casefile` bundle (docs/bundle-format.md): records and originals in,
 * encrypted bytes out (writeBundle), and back (readBundle), with every import check in the
 * documented order. Nothing here touches a database: the caller commits in one transaction.
 */

export const CASE_JSON_PATH = 'case.json';
export const CASE_JSON_FORMAT = 'casefile-case';
const SOURCES_PREFIX = 'sources/';
const SHA256_HEX = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------------------------------------
// case.json schema: strict objects mirroring src/core/model/records.ts, unknown keys refused.

const id = z.string().min(1);
const timestamp = z.string();
const offset = z.number().int().nonnegative();
const sha256 = z.string().regex(SHA256_HEX, 'must be 64 lower-case hex digits');
const credibility = z.union(INFORMATION_CREDIBILITY.map((value) => z.literal(value)));
const entityType = z.union([
  z.enum(ENTITY_TYPES),
  z.string().regex(/^custom:.+$/, 'must be a built-in entity type or custom:<name>'),
]);
const range = z.strictObject({ start: offset, end: offset });
const caseOwned = { caseId: id, createdAt: timestamp, updatedAt: timestamp };

const caseSchema = z.strictObject({
  id,
  title: z.string(),
  summary: z.string(),
  marking: z.string(),
  status: z.enum(CASE_STATUSES),
  predicates: z.array(z.string()).optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const sourceSchema = z.strictObject({
  ...caseOwned,
  id,
  title: z.string(),
  kind: z.enum(SOURCE_KINDS),
  sha256,
  byteLength: offset,
  mediaType: z.string().min(1),
  provenance: z.strictObject({
    fileName: z.string().optional(),
    url: z.string().optional(),
    author: z.string().optional(),
    publisher: z.string().optional(),
    publishedAt: z.string().optional(),
    capturedAt: z.string().optional(),
    modifiedAt: z.string().optional(),
    email: z
      .strictObject({
        from: z.string().optional(),
        to: z.array(z.string()),
        cc: z.array(z.string()),
        subject: z.string().optional(),
        date: z.string().optional(),
        messageId: z.string().optional(),
      })
      .optional(),
  }),
  reliability: z.enum(SOURCE_RELIABILITY),
  warnings: z.array(z.string()),
  parentId: id.optional(),
});

const sourceContentSchema = z.strictObject({
  id,
  caseId: id,
  text: z.string(),
  structure: z.strictObject({
    pages: z.array(range).optional(),
    paragraphs: z.array(range).optional(),
  }),
  html: z.string().optional(),
});

const passageSchema = z.strictObject({
  ...caseOwned,
  id,
  sourceId: id,
  kind: z.enum(PASSAGE_KINDS),
  quote: z.strictObject({
    type: z.literal('TextQuoteSelector'),
    exact: z.string(),
    prefix: z.string(),
    suffix: z.string(),
  }),
  position: z.strictObject({ type: z.literal('TextPositionSelector'), start: offset, end: offset }),
  orphaned: z.boolean(),
  colour: z.string().optional(),
  note: z.string(),
  entityId: id.optional(),
});

const entitySchema = z.strictObject({
  ...caseOwned,
  id,
  type: entityType,
  name: z.string(),
  aliases: z.array(z.string()),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  notes: z.string(),
  mergedInto: id.optional(),
});

const entityMergeSchema = z.strictObject({
  ...caseOwned,
  id,
  survivorId: id,
  mergedId: id,
  survivorBefore: entitySchema,
  mergedBefore: entitySchema,
  movedPassageIds: z.array(id),
  movedClaims: z.array(z.strictObject({ id, field: z.enum(['subject', 'object']) })),
  undoneAt: timestamp.optional(),
});

const claimSchema = z.strictObject({
  ...caseOwned,
  id,
  subjectId: id,
  predicate: z.string().min(1),
  object: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('entity'), entityId: id }),
    z.strictObject({ kind: z.literal('literal'), value: z.string() }),
  ]),
  validTime: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unknown') }),
    z.strictObject({ kind: z.literal('date'), date: z.string() }),
    z.strictObject({
      kind: z.literal('interval'),
      start: z.string().optional(),
      end: z.string().optional(),
    }),
  ]),
  evidence: z.array(id),
  credibility,
  status: z.enum(CLAIM_STATUSES),
  relations: z.array(z.strictObject({ kind: z.enum(['supports', 'contradicts']), claimId: id })),
  attributedTo: z.string().optional(),
  note: z.string(),
});

const noteSchema = z.strictObject({
  ...caseOwned,
  id,
  title: z.string(),
  editorState: z.string(),
  entityIds: z.array(id),
  passageIds: z.array(id),
  claimIds: z.array(id),
});

const chartSchema = z.strictObject({
  ...caseOwned,
  id,
  title: z.string(),
  scope: z.enum(['all', 'chosen']),
  entityIds: z.array(id),
  positions: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })),
  filters: z.strictObject({
    entityTypes: z.array(entityType).optional(),
    predicates: z.array(z.string()).optional(),
    reliabilities: z.array(z.enum([...SOURCE_RELIABILITY, 'none'])).optional(),
    maxCredibility: credibility.optional(),
    statuses: z.array(z.enum(CLAIM_STATUSES)).optional(),
    sourceIds: z.array(id).optional(),
    dateFrom: z.string().optional(),
    dateTo: z.string().optional(),
    includeUndated: z.boolean().optional(),
  }),
  layout: z.enum(CHART_LAYOUTS),
  sizeBy: z.enum(CHART_SIZE_BY),
  groups: z.array(
    z.strictObject({
      id,
      label: z.string(),
      memberIds: z.array(id),
      collapsed: z.boolean(),
    }),
  ),
});

const savedSearchSchema = z.strictObject({
  ...caseOwned,
  id,
  name: z.string(),
  query: z.string(),
});

const auditEventSchema = z.strictObject({
  id,
  caseId: id,
  seq: offset,
  at: timestamp,
  action: z.string(),
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/**
 * case.json: every record of one case. Not included: suggestions and rejections (the review
 * queue is local extraction state, rebuilt by re-running extraction), blobs (the originals are
 * the `sources/<sha256>` members), note contents (folded into Note.editorState) and database
 * meta entries (not case data).
 */
export const caseJsonSchema = z.strictObject({
  format: z.literal(CASE_JSON_FORMAT),
  version: z.literal(1),
  case: caseSchema,
  sources: z.array(sourceSchema),
  sourceContents: z.array(sourceContentSchema),
  passages: z.array(passageSchema),
  entities: z.array(entitySchema),
  entityMerges: z.array(entityMergeSchema),
  claims: z.array(claimSchema),
  notes: z.array(noteSchema),
  charts: z.array(chartSchema),
  savedSearches: z.array(savedSearchSchema),
  audit: z.array(auditEventSchema),
});

export type CaseJson = z.infer<typeof caseJsonSchema>;

/** case.json's content as the model holds it (branded ids, readonly): what export hands in. */
export interface CaseRecords {
  readonly format: typeof CASE_JSON_FORMAT;
  readonly version: 1;
  readonly case: Case;
  readonly sources: readonly Source[];
  readonly sourceContents: readonly SourceContent[];
  readonly passages: readonly Passage[];
  readonly entities: readonly Entity[];
  readonly entityMerges: readonly EntityMerge[];
  readonly claims: readonly Claim[];
  readonly notes: readonly Note[];
  readonly charts: readonly Chart[];
  readonly savedSearches: readonly SavedSearch[];
  readonly audit: readonly AuditEvent[];
}

/** The record kinds of case.json, in its order (everything but the case record itself). */
export const CASE_RECORD_KINDS = [
  'sources',
  'sourceContents',
  'passages',
  'entities',
  'entityMerges',
  'claims',
  'notes',
  'charts',
  'savedSearches',
  'audit',
] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Writing

export type Sha256Hex = (bytes: Uint8Array) => Promise<string>;

export type BundleEncryption =
  | { readonly kind: 'recipients'; readonly recipients: readonly string[] }
  | { readonly kind: 'passphrase'; readonly passphrase: string; readonly workFactor?: number };

export interface WriteBundleInput {
  /** Validated again here (schema and references) before anything is written. */
  readonly caseData: CaseRecords | CaseJson;
  /** Each source's original bytes, by lower-case hex SHA-256. */
  readonly originals: ReadonlyMap<string, Uint8Array>;
  readonly app: { readonly name: string; readonly version: string };
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly encryption: BundleEncryption;
  /** Ed25519 secret key (32-byte seed); the bundle is signed when given. */
  readonly signingKey?: Uint8Array;
  /** Display names of the recipients (recipient → name) for the manifest; missing: the recipient. */
  readonly recipientNames?: ReadonlyMap<string, string>;
  /** The signer's display name for the manifest; missing: the key's fingerprint. */
  readonly signerName?: string;
  readonly sha256Hex: Sha256Hex;
  /**
   * Deflates and checksums large members on another thread while this one encrypts (the app's
   * ZIP worker); without it, each member is deflated here just before it is encrypted.
   */
  readonly prepareZipMember?: ZipMemberPreparer;
}

/** Builds the encrypted bundle: case.json, originals, manifest, signature, ZIP, then age. */
export async function writeBundle(input: WriteBundleInput): Promise<Result<Uint8Array>> {
  const parsed = caseJsonSchema.safeParse(input.caseData);
  if (!parsed.success) return schemaError(parsed.error, 'bundle.case.invalid', 'The case data');
  const caseData = parsed.data;
  const consistent = checkCaseReferences(caseData);
  if (!consistent.ok) return consistent;

  // Every source's original, once per hash, with bytes that really have that hash.
  const sourceMembers: { title: string; sha256: string; mediaType: string; bytes: Uint8Array }[] =
    [];
  const seen = new Set<string>();
  for (const source of caseData.sources) {
    if (seen.has(source.sha256)) continue;
    seen.add(source.sha256);
    const bytes = input.originals.get(source.sha256);
    if (bytes === undefined) {
      return err(
        'bundle.write.originalMissing',
        `The original of source "${source.title}" (${source.sha256}) was not given.`,
      );
    }
    sourceMembers.push({
      title: source.title,
      sha256: source.sha256,
      mediaType: source.mediaType,
      bytes,
    });
  }
  // WebCrypto hashes off this thread: the originals are hashed while case.json is serialised.
  const hashing = Promise.all(sourceMembers.map((source) => input.sha256Hex(source.bytes)));
  const caseBytes = new TextEncoder().encode(canonicalize(caseData) ?? '');
  const hashes = await hashing;
  for (const [index, source] of sourceMembers.entries()) {
    if (hashes[index] !== source.sha256) {
      return err(
        'bundle.write.originalMismatch',
        `The original given for source "${source.title}" does not have its SHA-256 ${source.sha256}.`,
      );
    }
  }

  const members: ManifestMember[] = [
    { path: CASE_JSON_PATH, size: caseBytes.length, sha256: await input.sha256Hex(caseBytes) },
    ...sourceMembers.map((source) => ({
      path: `${SOURCES_PREFIX}${source.sha256}`,
      size: source.bytes.length,
      sha256: source.sha256,
      mediaType: source.mediaType,
    })),
  ];
  const recordCounts: Record<string, number> = {};
  for (const kind of CASE_RECORD_KINDS) recordCounts[kind] = caseData[kind].length;
  const encryption = input.encryption;
  let signer: ManifestSigner | undefined;
  if (input.signingKey !== undefined) {
    const publicKey = signingPublicKey(input.signingKey);
    if (!publicKey.ok) return publicKey;
    const fingerprint = signingKeyFingerprint(publicKey.value);
    signer = { name: input.signerName ?? fingerprint, fingerprint };
  }
  const manifest = parseManifest({
    format: MANIFEST_FORMAT,
    version: { major: MANIFEST_VERSION.major, minor: MANIFEST_VERSION.minor },
    app: { name: input.app.name, version: input.app.version },
    createdAt: input.createdAt,
    case: { id: caseData.case.id, title: caseData.case.title, marking: caseData.case.marking },
    members,
    recordCounts,
    encryption:
      encryption.kind === 'recipients'
        ? {
            kind: 'recipients',
            recipients: [...new Set(encryption.recipients)].map((recipient) => ({
              name: input.recipientNames?.get(recipient) ?? recipient,
              recipient,
            })),
          }
        : { kind: 'passphrase' },
    ...(signer === undefined ? {} : { signer }),
  });
  if (!manifest.ok) return manifest;
  const manifestBytes = canonicalManifestBytes(manifest.value);

  const zipMembers: ZipMember[] = [
    { path: MANIFEST_PATH, bytes: manifestBytes, compress: true },
    { path: CASE_JSON_PATH, bytes: caseBytes, compress: true },
    ...sourceMembers.map((source) => ({
      path: `${SOURCES_PREFIX}${source.sha256}`,
      bytes: source.bytes,
      compress: shouldCompress(source.mediaType),
    })),
  ];
  if (input.signingKey !== undefined) {
    const signature = signManifest(manifestBytes, input.signingKey);
    zipMembers.push({
      path: SIGNATURE_PATH,
      bytes: new TextEncoder().encode(canonicalize(signature) ?? ''),
      compress: true,
    });
  }
  // The ZIP as parts (headers, members' own bytes), each member deflated as encryption asks for
  // it, streamed into age without joining them.
  const zip =
    input.prepareZipMember === undefined
      ? writeBundleZipParts(zipMembers)
      : writeBundleZipStream(zipMembers, input.prepareZipMember);
  if (!zip.ok) return zip;
  return encryption.kind === 'recipients'
    ? encryptToRecipients(zip.value, encryption.recipients)
    : encryptWithPassphrase(zip.value, encryption.passphrase, encryption.workFactor);
}

// ---------------------------------------------------------------------------------------------
// Reading

export type BundleKey =
  { readonly identities: readonly string[] } | { readonly passphrase: string };

export type SignerTrust = 'trusted' | 'known';

export interface ReadBundleOptions {
  readonly sha256Hex: Sha256Hex;
  /** The address book's view of a signing key, by fingerprint; undefined when not in it. */
  readonly trustedKeys?: (fingerprint: string) => SignerTrust | undefined;
}

export type BundleSigner =
  | { readonly status: 'unsigned' }
  | {
      readonly status: 'valid';
      readonly fingerprint: string;
      readonly publicKey: Uint8Array;
      readonly known: SignerTrust | 'unknown';
    };

export interface ReadBundleResult {
  readonly manifest: Manifest;
  readonly caseData: CaseJson;
  /** Originals by SHA-256 (each checked against the manifest). */
  readonly originals: Map<string, Uint8Array>;
  readonly signer: BundleSigner;
}

/**
 * Opens a bundle and runs every import check in the order of docs/bundle-format.md: size and
 * age header (before any key derivation), full decryption, ZIP, manifest, member hashes,
 * signature, case.json, then cross-references. Returns records for the caller to commit.
 */
export async function readBundle(
  bytes: Uint8Array,
  key: BundleKey,
  options: ReadBundleOptions,
): Promise<Result<ReadBundleResult>> {
  // 1–2. Size cap and header pre-check (also repeated inside the decrypt functions).
  const header = inspectAgeHeader(bytes);
  if (!header.ok) return header;

  // 3. Decrypt fully.
  const zip =
    'passphrase' in key
      ? await decryptWithPassphrase(bytes, key.passphrase)
      : await decryptWithIdentities(bytes, key.identities);
  if (!zip.ok) return zip;

  // 4. ZIP: names, counts, inflated bytes; CRCs of manifest.json and signature.json only, as
  // every other member is either refused as unlisted or checked against its SHA-256 (step 6).
  const members = readBundleZip(zip.value, DEFAULT_ZIP_LIMITS, {
    checkCrc: (name) => name === MANIFEST_PATH || name === SIGNATURE_PATH,
  });
  if (!members.ok) return members;

  return readBundleMembers(members.value, options);
}

/**
 * Steps 5–8 of readBundle and its cross-checks, over the members of a bundle already decrypted
 * and read by readBundleZip. For callers that also need the members themselves (the command
 * line's `bundle extract`); everyone else calls readBundle.
 */
export async function readBundleMembers(
  members: ReadonlyMap<string, Uint8Array>,
  options: ReadBundleOptions,
): Promise<Result<ReadBundleResult>> {
  // 5. Manifest.
  const manifestBytes = members.get(MANIFEST_PATH);
  if (manifestBytes === undefined) {
    return err(
      'bundle.manifest.missing',
      'The bundle has no manifest.json: it is not a case bundle.',
    );
  }
  const manifest = decodeManifest(manifestBytes);
  if (!manifest.ok) return manifest;

  // 6. Every member against the manifest. WebCrypto hashes off this thread, so case.json is
  // parsed meanwhile (step 8's work, not its verdict: each step's failure is still reported in
  // this order, and nothing parsed is used unless every check before it passed).
  const checking = checkMembers(manifest.value, members, options.sha256Hex);
  const caseBytes = members.get(CASE_JSON_PATH);
  const caseData =
    caseBytes === undefined ? undefined : decodeJson(caseBytes, caseJsonSchema, CASE_JSON_PATH);
  const checked = await checking;
  if (!checked.ok) return checked;

  // 7. Signature over the exact manifest.json bytes.
  let signer: BundleSigner = { status: 'unsigned' };
  const signatureBytes = members.get(SIGNATURE_PATH);
  if (signatureBytes !== undefined) {
    const signature = decodeSignatureFile(signatureBytes);
    if (!signature.ok) return signature;
    const verified = verifyManifestSignature(manifestBytes, signature.value);
    if (!verified.ok) return verified;
    const named = manifest.value.signer;
    if (named !== undefined && named.fingerprint !== verified.value.fingerprint) {
      return err(
        'bundle.signature.signerMismatch',
        `The manifest names signer "${named.name}" (${named.fingerprint}), but signature.json was made with key ${verified.value.fingerprint}.`,
      );
    }
    signer = {
      status: 'valid',
      fingerprint: verified.value.fingerprint,
      publicKey: verified.value.publicKey,
      known: options.trustedKeys?.(verified.value.fingerprint) ?? 'unknown',
    };
  } else if (manifest.value.signer !== undefined) {
    // Someone removed the signature to pass the bundle off as unsigned.
    return err(
      'bundle.signature.missing',
      `The manifest says the bundle is signed by "${manifest.value.signer.name}" (${manifest.value.signer.fingerprint}), but it has no signature.json.`,
    );
  }

  // 8. case.json (decoded above).
  if (caseData === undefined) {
    return err('bundle.case.missing', 'The bundle has no case.json: it holds no case.');
  }
  if (!caseData.ok) return caseData;

  // Cross-checks: manifest, members and records agree with each other.
  const data = caseData.value;
  if (manifest.value.case.id !== data.case.id) {
    return err(
      'bundle.case.manifestMismatch',
      `The manifest names case ${manifest.value.case.id}, but case.json holds case ${data.case.id}.`,
    );
  }
  const listed = new Map(manifest.value.members.map((member) => [member.path, member]));
  const originals = new Map<string, Uint8Array>();
  for (const [path, memberBytes] of members) {
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || path === CASE_JSON_PATH) continue;
    const hash = path.startsWith(SOURCES_PREFIX) ? path.slice(SOURCES_PREFIX.length) : '';
    // checkMembers matched the bytes to the manifest's hash; the name must be that hash too.
    if (!SHA256_HEX.test(hash) || listed.get(path)?.sha256 !== hash) {
      return err(
        'bundle.member.unexpected',
        `The bundle holds "${path}", which is neither case.json nor an original named by its SHA-256.`,
      );
    }
    originals.set(hash, memberBytes);
  }
  const references = checkCaseReferences(data);
  if (!references.ok) return references;
  const used = new Set(data.sources.map((source) => source.sha256));
  for (const source of data.sources) {
    if (!originals.has(source.sha256)) {
      return err(
        'bundle.case.originalMissing',
        `Source "${source.title}" (${source.id}) has no original in the bundle (sources/${source.sha256}).`,
      );
    }
  }
  for (const hash of originals.keys()) {
    if (!used.has(hash)) {
      return err(
        'bundle.member.unexpected',
        `The bundle holds sources/${hash}, which no source in case.json refers to.`,
      );
    }
  }

  return ok({ manifest: manifest.value, caseData: data, originals, signer });
}

// ---------------------------------------------------------------------------------------------
// Consistency of the records among themselves

/**
 * Every record belongs to the case, ids are unique per kind, and passages, claims, notes and
 * the rest point only at records in the same case.json. Charts' positions may name gone ids
 * (ignored when the chart opens), so only charts' entity lists are checked.
 */
export function checkCaseReferences(data: CaseJson): Result<void> {
  const caseId = data.case.id;
  for (const kind of CASE_RECORD_KINDS) {
    const ids = new Set<string>();
    for (const record of data[kind]) {
      if (record.caseId !== caseId) {
        return err(
          'bundle.case.foreignRecord',
          `${kind} record ${record.id} belongs to case ${record.caseId}, not to case ${caseId}.`,
        );
      }
      if (ids.has(record.id)) {
        return err('bundle.case.duplicateId', `${kind} holds id ${record.id} more than once.`);
      }
      ids.add(record.id);
    }
  }

  const sources = new Set(data.sources.map((record) => record.id));
  const passages = new Set(data.passages.map((record) => record.id));
  const entities = new Set(data.entities.map((record) => record.id));
  const claims = new Set(data.claims.map((record) => record.id));
  let dangling: string | undefined;
  const expect = (set: Set<string>, target: string | undefined, what: string): void => {
    if (dangling === undefined && target !== undefined && !set.has(target)) {
      dangling = `${what} refers to ${target}, which is not in the bundle`;
    }
  };

  for (const source of data.sources) {
    expect(sources, source.parentId, `Source ${source.id}'s parent`);
  }
  for (const content of data.sourceContents) {
    expect(sources, content.id, `Source content ${content.id}`);
  }
  for (const passage of data.passages) {
    expect(sources, passage.sourceId, `Passage ${passage.id}'s source`);
    expect(entities, passage.entityId, `Passage ${passage.id}'s entity`);
  }
  for (const entity of data.entities) {
    expect(entities, entity.mergedInto, `Entity ${entity.id}'s merge target`);
  }
  for (const merge of data.entityMerges) {
    expect(entities, merge.survivorId, `Entity merge ${merge.id}'s survivor`);
    expect(entities, merge.mergedId, `Entity merge ${merge.id}'s merged entity`);
  }
  for (const claim of data.claims) {
    expect(entities, claim.subjectId, `Claim ${claim.id}'s subject`);
    if (claim.object.kind === 'entity') {
      expect(entities, claim.object.entityId, `Claim ${claim.id}'s object`);
    }
    for (const passage of claim.evidence) expect(passages, passage, `Claim ${claim.id}'s evidence`);
    for (const relation of claim.relations) {
      expect(claims, relation.claimId, `Claim ${claim.id}'s ${relation.kind} relation`);
    }
  }
  for (const note of data.notes) {
    for (const entity of note.entityIds) expect(entities, entity, `Note ${note.id}`);
    for (const passage of note.passageIds) expect(passages, passage, `Note ${note.id}`);
    for (const claim of note.claimIds) expect(claims, claim, `Note ${note.id}`);
  }
  for (const chart of data.charts) {
    for (const entity of chart.entityIds) expect(entities, entity, `Chart ${chart.id}`);
  }
  if (dangling !== undefined) return err('bundle.case.danglingReference', `${dangling}.`);
  return ok(undefined);
}

export function schemaError(error: z.ZodError, code: string, what: string): Result<never> {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return err(
    code,
    `${what} is invalid${field === '' ? '' : ` at "${field}"`}: ${issue?.message ?? 'unreadable'}.`,
  );
}
