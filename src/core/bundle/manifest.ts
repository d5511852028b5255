import canonicalize from 'canonicalize';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { MAX_ENTRY_INFLATED_BYTES, MAX_ZIP_ENTRIES } from './limits';
import { decodeJson } from './safeJson';
import { describeMemberName, memberNameKey, memberPathProblem } from './zip';

/**
 * manifest.json: what a bundle claims to hold. It names the format and its version, the app that
 * wrote it, the case, and every other member with its size and SHA-256, so that checking the
 * members against it and the signature over it (signature.ts) covers the whole bundle.
 *
 * Versioning: the major version changes when an older Casefile could misread a bundle, and
 * readers refuse a major they do not know. A newer minor only adds what older readers may
 * ignore: they accept it and drop the fields they do not know. For the current minor (and
 * older), unknown fields are refused.
 */

export const MANIFEST_FORMAT = 'casefile-bundle';
export const MANIFEST_VERSION = { major: 1, minor: 0 } as const;
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'signature.json';

export interface ManifestMember {
  /** Path inside the ZIP, e.g. `case.json` or `sources/<sha256>`. */
  readonly path: string;
  /** Size in bytes, uncompressed. */
  readonly size: number;
  /** Lower-case hex SHA-256 of the member's bytes. */
  readonly sha256: string;
  /** The original file's media type, for sources. */
  readonly mediaType?: string;
}

/** A recipient of the bundle as the writer's address book names them, for the import preview. */
export interface ManifestRecipient {
  readonly name: string;
  /** X25519 age recipient, `age1…`. */
  readonly recipient: string;
}

/**
 * How the bundle is encrypted, as its writer says. age headers do not name X25519 recipients (a
 * stanza holds only an ephemeral key), so this is the only place the preview can learn them.
 */
export type ManifestEncryption =
  | { readonly kind: 'recipients'; readonly recipients: readonly ManifestRecipient[] }
  | { readonly kind: 'passphrase' };

/**
 * Who signed the bundle, as the signer names themselves. The name is only a label; the
 * fingerprint must be that of signature.json's key, which readBundle checks.
 */
export interface ManifestSigner {
  readonly name: string;
  /** signingKeyFingerprint of the signer's public key: 16 groups of 4 hex digits. */
  readonly fingerprint: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: { readonly major: 1; readonly minor: number };
  readonly app: { readonly name: string; readonly version: string };
  /** ISO 8601 UTC, e.g. `2026-11-22T05:30:00.000Z`. */
  readonly createdAt: string;
  readonly case: { readonly id: string; readonly title: string; readonly marking: string };
  readonly members: readonly ManifestMember[];
  /** Records per kind in case.json (`sources`, `claims`, …), for the import preview. */
  readonly recordCounts: Readonly<Record<string, number>>;
  /** Absent in bundles written before it was added (format 1.0 draft). */
  readonly encryption?: ManifestEncryption;
  /** Present when the bundle is signed; a manifest naming a signer needs signature.json. */
  readonly signer?: ManifestSigner;
}

/** Unpaired UTF-16 surrogates cannot be encoded as UTF-8, so no manifest string may hold one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = (maxLength: number) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain an unpaired surrogate');

const FINGERPRINT = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/;
/** age's X25519 recipients: `age1` and lower-case bech32. */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]+$/;
/** Far beyond any team; it keeps the preview's list bounded. */
export const MAX_MANIFEST_RECIPIENTS = 1000;

const RECORD_KIND = /^[a-z][A-Za-z0-9]{0,63}$/;
const RESERVED_KEYS = new Set(['constructor', 'prototype']);

function buildManifestSchema(unknownKeys: 'refuse' | 'drop') {
  const object = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
    unknownKeys === 'refuse' ? z.strictObject(shape) : z.object(shape);

  const member = object({
    path: text(1024).superRefine((path, context) => {
      const problem = memberPathProblem(path);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `${problem}` });
      if (path === MANIFEST_PATH || path === SIGNATURE_PATH) {
        context.addIssue({ code: 'custom', message: `${path} is never listed as a member` });
      }
    }),
    size: z.number().int().min(0).max(MAX_ENTRY_INFLATED_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    mediaType: text(255).optional(),
  });

  return object({
    format: z.literal(MANIFEST_FORMAT),
    version: object({ major: z.literal(1), minor: z.number().int().min(0) }),
    app: object({ name: text(100), version: text(100) }),
    createdAt: z.iso.datetime(),
    case: object({ id: text(200), title: text(500), marking: text(200) }),
    members: z
      .array(member)
      .max(MAX_ZIP_ENTRIES)
      .superRefine((members, context) => {
        const seen = new Set<string>();
        for (const [index, { path }] of members.entries()) {
          const key = memberNameKey(path);
          if (seen.has(key)) {
            context.addIssue({
              code: 'custom',
              path: [index, 'path'],
              message: `${describeMemberName(path)} is listed twice (names are compared ignoring case)`,
            });
          }
          seen.add(key);
        }
      }),
    recordCounts: z
      .record(
        z
          .string()
          .regex(RECORD_KIND, 'must be a record kind such as "sources"')
          .refine((key) => !RESERVED_KEYS.has(key), 'is a reserved name'),
        z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      )
      .refine((counts) => Object.keys(counts).length <= 64, 'has more than 64 record kinds'),
    encryption: z
      .discriminatedUnion('kind', [
        object({
          kind: z.literal('recipients'),
          recipients: z
            .array(
              object({
                name: text(200),
                recipient: text(1000).regex(AGE_RECIPIENT, 'must be an age recipient (age1…)'),
              }),
            )
            .min(1)
            .max(MAX_MANIFEST_RECIPIENTS),
        }),
        object({ kind: z.literal('passphrase') }),
      ])
      .optional(),
    signer: object({
      name: text(200),
      fingerprint: z
        .string()
        .regex(FINGERPRINT, 'must be a key fingerprint: 16 groups of 4 lower-case hex digits'),
    }).optional(),
  });
}

/** The manifest as this version writes it: unknown fields refused. */
export const manifestSchema = buildManifestSchema('refuse');
/** A manifest of a newer minor version: fields this version does not know are dropped. */
const newerMinorManifestSchema = buildManifestSchema('drop');

/**
 * Validates a decoded manifest.json (decode it with safeJson first: fatal UTF-8, depth checked,
 * no prototype keys). The major version is checked before anything else, since a newer major
 * may have changed every other field.
 */
export function parseManifest(value: unknown): Result<Manifest> {
  if (!isPlainObject(value) || value['format'] !== MANIFEST_FORMAT) {
    return err(
      'bundle.manifest.invalid',
      'manifest.json is not a Casefile bundle manifest (its "format" is not "casefile-bundle").',
    );
  }
  const version = value['version'];
  const major = isPlainObject(version) ? version['major'] : undefined;
  const minor = isPlainObject(version) ? version['minor'] : undefined;
  if (typeof major !== 'number' || !Number.isInteger(major) || major < 1) {
    return err('bundle.manifest.invalid', 'manifest.json has no valid format version.');
  }
  if (major !== MANIFEST_VERSION.major) {
    return err(
      'bundle.manifest.versionUnsupported',
      major > MANIFEST_VERSION.major
        ? `This bundle was made by a newer Casefile (bundle format ${major}.${String(minor)}); update Casefile to open it.`
        : `This bundle uses bundle format ${major}, which this Casefile cannot read.`,
    );
  }
  const newerMinor = typeof minor === 'number' && minor > MANIFEST_VERSION.minor;
  const parsed = (newerMinor ? newerMinorManifestSchema : manifestSchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return err(
      'bundle.manifest.invalid',
      `manifest.json is invalid${field === '' ? '' : ` at "${field}"`}: ${issue?.message ?? 'unreadable'}.`,
    );
  }
  return ok(parsed.data);
}

/** manifest.json's bytes to a manifest: safeJson's checks (caps, UTF-8, keys), then parseManifest. */
export function decodeManifest(bytes: Uint8Array): Result<Manifest> {
  const value = decodeJson(bytes, z.unknown(), MANIFEST_PATH);
  return value.ok ? parseManifest(value.value) : value;
}

/**
 * The bytes written as manifest.json and signed: RFC 8785 (JSON Canonicalization Scheme) via
 * `canonicalize`, in UTF-8. Sorted keys, no whitespace, numbers and strings as ECMAScript
 * serialises them, so any implementation reproduces the same bytes from the same manifest.
 * Pass a manifest that satisfies manifestSchema (build it, then check with parseManifest).
 */
export function canonicalManifestBytes(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(canonicalize(manifest) ?? '');
}

/**
 * Checks the ZIP's members against the manifest: nothing unlisted (manifest.json and
 * signature.json excepted), nothing missing, then each member's size and SHA-256. Sizes are
 * compared before any hashing, so one tampered member is named without hashing the rest.
 * `sha256Hex` is injected: WebCrypto in the app, node:crypto or src/shared/sha256.ts in tests.
 */
export async function checkMembers(
  manifest: Manifest,
  members: ReadonlyMap<string, Uint8Array>,
  sha256Hex: (bytes: Uint8Array) => Promise<string>,
): Promise<Result<void>> {
  const listed = new Map(manifest.members.map((member) => [member.path, member]));
  for (const path of members.keys()) {
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || listed.has(path)) continue;
    return err(
      'bundle.member.unlisted',
      `The bundle holds ${describeMemberName(path)}, which its manifest does not list.`,
    );
  }
  for (const member of manifest.members) {
    const bytes = members.get(member.path);
    if (bytes === undefined) {
      return err(
        'bundle.member.missing',
        `The manifest lists ${describeMemberName(member.path)}, but the bundle does not hold it.`,
      );
    }
    if (bytes.length !== member.size) {
      return err(
        'bundle.member.hashMismatch',
        `${describeMemberName(member.path)} is ${bytes.length} bytes, but the manifest says ${member.size}: it was changed.`,
      );
    }
  }
  // All at once: WebCrypto hashes them in parallel off the calling thread.
  const hashes = await Promise.all(
    manifest.members.map((member) => sha256Hex(members.get(member.path) ?? new Uint8Array(0))),
  );
  for (const [index, member] of manifest.members.entries()) {
    if (hashes[index] !== member.sha256) {
      return err(
        'bundle.member.hashMismatch',
        `${describeMemberName(member.path)} does not match the SHA-256 in the manifest: it was changed.`,
      );
    }
  }
  return ok(undefined);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
