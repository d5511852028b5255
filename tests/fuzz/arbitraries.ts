/**
 * Shared pieces of the fuzz properties (tests/unit/fuzz): hostile inputs built from real ones,
 * and the one check of "returned ok, or one of the module's own typed errors".
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { caseJsonSchema, checkCaseReferences, type CaseJson } from '../../src/core/bundle/bundle';
import type { Result } from '../../src/shared/result';
import { concatBytes } from '../fixtures/ingest/docxBuilder';

/**
 * Asserts that `result` is ok or an error whose code starts with one of `prefixes` (`bundle.`,
 * `csv.` …) and whose message is a non-empty sentence. Returns the result for further checks.
 */
export function expectOkOrTyped<T>(result: Result<T>, prefixes: readonly string[]): Result<T> {
  expect(result).toBeTypeOf('object');
  if (result.ok) return result;
  const { code, message } = result.error;
  expect(typeof code === 'string' && prefixes.some((p) => code.startsWith(p)), code).toBe(true);
  expect(typeof message === 'string' && message.trim().length > 0, code).toBe(true);
  return result;
}

/** A position: often near the start (headers, first records), else anywhere. */
const position = fc.oneof(fc.nat({ max: 64 }), fc.noBias(fc.nat()));

/** Single UTF-16 code units, lone surrogates included (fc's own units never split a pair). */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Any text: printable, any code point, broken UTF-16, and the characters parsers care about. */
export function anyText(syntax: readonly string[] = [], maxLength = 200): fc.Arbitrary<string> {
  const units: fc.Arbitrary<string>[] = [
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.string({ maxLength, unit: 'binary' }),
    fc.string({ maxLength, unit: utf16Unit }),
  ];
  if (syntax.length > 0) {
    const piece = fc.oneof(fc.constantFrom(...syntax), fc.string({ maxLength: 6 }));
    units.push(
      fc.array(piece, { maxLength: Math.floor(maxLength / 4) }).map((parts) => parts.join('')),
    );
  }
  return fc.oneof(...units);
}

/** Any bytes: random, or text (valid and invalid UTF-8 alike). */
export function anyBytes(maxLength = 512): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength }),
    anyText([], maxLength).map((text) => new TextEncoder().encode(text)),
  );
}

type ByteMutation = (bytes: Uint8Array) => Uint8Array;

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  // Flip one bit.
  fc.tuple(position, fc.integer({ min: 0, max: 7 })).map(([at, bit]): ByteMutation => (bytes) => {
    if (bytes.length === 0) return bytes;
    const out = bytes.slice();
    const i = at % out.length;
    out[i] = (out[i] ?? 0) ^ (1 << bit);
    return out;
  }),
  // Cut the end off.
  fc.noBias(fc.nat()).map(
    (keep): ByteMutation =>
      (bytes) =>
        bytes.slice(0, keep % (bytes.length + 1)),
  ),
  // Overwrite a few bytes (lengths, offsets and counts of binary formats live in such runs).
  fc
    .tuple(position, fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([at, patch]): ByteMutation => (bytes) => {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out.set(patch.subarray(0, out.length - (at % out.length)), at % out.length);
      return out;
    }),
  // Insert random bytes, or remove a range.
  fc
    .tuple(position, fc.uint8Array({ maxLength: 16 }), fc.nat({ max: 64 }))
    .map(([at, insert, remove]): ByteMutation => (bytes) => {
      const i = at % (bytes.length + 1);
      const rest = bytes.subarray(Math.min(bytes.length, i + remove));
      return concatBytes([bytes.subarray(0, i), insert, rest]);
    }),
  // Splice a range of the input over another place (a member repeated, a header copied).
  fc
    .tuple(position, position, fc.nat({ max: 256 }))
    .map(([from, to, length]): ByteMutation => (bytes) => {
      if (bytes.length === 0) return bytes;
      const start = from % bytes.length;
      const piece = bytes.subarray(start, start + length);
      const i = to % (bytes.length + 1);
      return concatBytes([bytes.subarray(0, i), piece, bytes.subarray(i)]);
    }),
);

/** An arbitrary built from a sample that exists only once `beforeAll` has run. */
export function fromSample<T>(make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.constant(null).chain(() => make());
}

/** `base` after one to four bit flips, truncations, overwrites, insertions or splices. */
export function mutatedBytes(base: Uint8Array, maxMutations = 4): fc.Arbitrary<Uint8Array> {
  return fc
    .array(byteMutation, { minLength: 1, maxLength: maxMutations })
    .map((mutations) => mutations.reduce((bytes, mutate) => mutate(bytes), base));
}

type JsonPath = readonly (string | number)[];

/** Every path into `value` (objects and arrays), root first. */
function pathsOf(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  }
  return out;
}

/** A copy of `value` with the node at `path` replaced (or, with `undefined`, removed). */
function withNodeAt(value: unknown, path: JsonPath, replace: (node: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replace(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    const next = withNodeAt(copy[head as number], rest, replace);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const next = withNodeAt(copy[head], rest, replace);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

type JsonMutation = (value: unknown) => unknown;

const jsonMutation: fc.Arbitrary<JsonMutation> = fc
  .tuple(
    fc.noBias(fc.nat()),
    fc.oneof(
      fc.constant<'remove'>('remove'),
      fc.constant<'duplicate'>('duplicate'),
      fc.record({ replaceWith: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({
        addKey: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('id', 'caseId', '__proto__'),
        ),
        addValue: fc.jsonValue({ maxDepth: 1 }),
      }),
    ),
  )
  .map(([pick, change]): JsonMutation => (value) => {
    const paths = pathsOf(value);
    const path = paths[pick % paths.length] ?? [];
    return withNodeAt(value, path, (node) => {
      if (change === 'remove') return path.length === 0 ? null : undefined;
      if (change === 'duplicate') {
        const items = Array.isArray(node) ? (node as unknown[]) : [];
        return items.length > 0 ? [...items, items[0]] : node;
      }
      if ('replaceWith' in change) return change.replaceWith;
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        return { ...node, [change.addKey]: change.addValue };
      }
      return node;
    });
  });

/** `base` (a JSON value) with one to four nodes removed, replaced, repeated or given a new key. */
export function mutatedJson(base: unknown, maxMutations = 4): fc.Arbitrary<unknown> {
  return fc
    .array(jsonMutation, { minLength: 1, maxLength: maxMutations })
    .map((mutations) => mutations.reduce((value, mutate) => mutate(value), base));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * What an import hands to CaseTransfer must be importable: case.json's schema, references only
 * inside the records, and every source's original present under its hash.
 */
export function expectImportableRecords(
  records: CaseJson,
  originals: ReadonlyMap<string, Uint8Array> = new Map(),
): void {
  const parsed = caseJsonSchema.safeParse(records);
  expect(parsed.success ? 'valid' : parsed.error.issues[0]).toBe('valid');
  const references = checkCaseReferences(records);
  expect(references.ok ? 'valid' : references.error).toBe('valid');
  for (const source of records.sources) expect(originals.has(source.sha256), source.id).toBe(true);
}
