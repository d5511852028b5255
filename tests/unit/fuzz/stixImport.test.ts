/**
 * Fuzzing the STIX 2.1 import (issue 11): arbitrary bytes, a real feed mutated byte by byte and
 * node by node, and bundles of well-typed objects with wrong, missing or dangling properties.
 * Invariant: ok (records a CaseTransfer plan accepts) or a `stix.*` error; never a throw.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import type { StixImport } from '../../../src/core/interop/stixImport';
import type { Result } from '../../../src/shared/result';
import { STIX_REQUIRED } from '../../fixtures/interop/stixRequired';
import { bundleOf, importInto } from '../core/interop/stixImportSupport';
import {
  anyBytes,
  expectImportableRecords,
  expectOkOrTyped,
  mutatedBytes,
  mutatedJson,
  utf8,
} from '../../fuzz/arbitraries';
import { fuzzParameters } from '../../fuzz/runs';

const FEED = new Uint8Array(
  readFileSync(new URL('../../fixtures/interop/stix-opencti-bundle.json', import.meta.url)),
);
const FEED_JSON: unknown = JSON.parse(new TextDecoder().decode(FEED));

function expectStixResult(result: Result<StixImport>): void {
  expectOkOrTyped(result, ['stix.']);
  if (result.ok) expectImportableRecords(result.value.records, result.value.originals);
}

const TYPES = [
  ...Object.keys(STIX_REQUIRED),
  'indicator',
  'sighting',
  'campaign',
  'phone-number',
  'bank-account',
  'x-unknown',
  '',
];
/** A small pool, so references often resolve (and sometimes point at the wrong kind). */
const idOf = (type: string, n: number) =>
  `${type}--00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const anyId = fc.tuple(fc.constantFrom(...TYPES), fc.nat({ max: 7 })).map(([t, n]) => idOf(t, n));
const timestamp = fc.oneof(
  fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-02-30T00:00:00Z', '0000-01-01T00:00:00Z', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const PROPERTIES = [
  'name',
  'aliases',
  'description',
  'value',
  'confidence',
  'labels',
  'external_references',
  'first_seen',
  'last_seen',
  'valid_from',
  'start_time',
  'stop_time',
  'relationship_type',
  'source_ref',
  'target_ref',
  'created_by_ref',
  'object_refs',
  'object_marking_refs',
  'sighting_of_ref',
  'where_sighted_refs',
  'content',
  'published',
  'is_family',
  'country',
  'region',
  'latitude',
  'longitude',
  'account_login',
  'user_id',
  'hashes',
  'definition',
  'definition_type',
  'x_casefile_literal',
  'x_casefile_type',
  'x_opencti_reliability',
] as const;
const propertyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  anyId,
  fc.array(anyId, { maxLength: 3 }),
  timestamp,
  fc.array(
    fc.record(
      {
        source_name: fc.string({ maxLength: 10 }),
        url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
        description: fc.string({ maxLength: 30 }),
        external_id: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 2 },
  ),
);
const stixObject = fc
  .tuple(
    fc.constantFrom(...TYPES),
    fc.nat({ max: 7 }),
    fc.dictionary(fc.constantFrom(...PROPERTIES), propertyValue, { maxKeys: 8 }),
    fc.subarray(['spec_version', 'id', 'created', 'modified'] as const),
  )
  .map(([type, n, fields, dropped]) => {
    const object: Record<string, unknown> = {
      type,
      spec_version: '2.1',
      id: idOf(type, n),
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      ...fields,
    };
    for (const key of dropped) delete object[key];
    return object;
  });

describe('fuzz: STIX import', () => {
  test('arbitrary bytes give ok or a stix.* error, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes(), async (bytes) => expectStixResult(await importInto(bytes))),
      fuzzParameters(),
    );
  });

  test('a real feed with bytes flipped, cut or spliced gives ok or a stix.* error', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBytes(FEED), async (bytes) =>
        expectStixResult(await importInto(bytes)),
      ),
      fuzzParameters(),
    );
  });

  test('a real feed with JSON nodes removed, replaced or repeated gives ok or a stix.* error', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedJson(FEED_JSON), async (value) =>
        expectStixResult(await importInto(utf8(JSON.stringify(value) ?? ''))),
      ),
      fuzzParameters({ weight: 2 }),
    );
  });

  test('bundles of objects with wrong, missing or dangling properties give ok or a stix.* error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stixObject, { maxLength: 12 }),
        fc.dictionary(
          fc.constantFrom('spec_version', 'type', 'id'),
          fc.jsonValue({ maxDepth: 1 }),
          {
            maxKeys: 1,
          },
        ),
        async (objects, extra) => expectStixResult(await importInto(bundleOf(objects, extra))),
      ),
      fuzzParameters({ weight: 2 }),
    );
  });
});
