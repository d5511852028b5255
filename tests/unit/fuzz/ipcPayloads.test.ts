/**
 * Fuzzing the IPC payload schemas (src/shared/ipc/channels.ts), parsed by main before any handler
 * runs (electron/main/ipc.ts `handle`). Invariant: any value the renderer could send gives ok or
 * `ipc.payload.invalid`, never a throw; well-formed payloads still pass.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as channels from '../../../src/shared/ipc/channels';
import { parseUnknown } from '../../../src/shared/parse';
import { MAX_OPEN_FILE_BYTES } from '../../../src/shared/security';
import { expectOkOrTyped, mutatedJson } from '../../fuzz/arbitraries';
import { fuzzParameters, withinTimeCap } from '../../fuzz/runs';

/** Every payload schema the module exports, so a new channel is fuzzed without being listed. */
const SCHEMAS: [string, z.ZodType][] = Object.entries(channels).flatMap(([name, exported]) =>
  name.endsWith('Request') && exported instanceof z.ZodType
    ? [[name, exported] as [string, z.ZodType]]
    : [],
);

const parse = (schema: z.ZodType, value: unknown) =>
  withinTimeCap(() => parseUnknown(schema, value, 'ipc.payload.invalid', 'fuzzed request'));

/** What structured clone can carry, and then some: Maps, Sets, typed arrays, null prototypes. */
const anyValue = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
});

const fileName = fc.string({ minLength: 1, maxLength: 40 }).filter((name) => !/[/\\\0]/.test(name));
const filter = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }),
  extensions: fc.array(fc.constantFrom('*', 'txt', 'casefile-key', 'a1', 'PDF'), {
    minLength: 1,
    maxLength: 5,
  }),
});
const secret = fc.uint8Array({ minLength: 1, maxLength: 64 });
const backupFileName = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/), fc.constantFrom('casefile', 'json'))
  .map(([stem, extension]) => `${stem}.${extension}`);
const count = fc.nat({ max: 1_000_000 });
const registryRecord = fc.record({
  version: fc.constant(1),
  databaseId: fc.uuid(),
  schemaVersion: fc.nat({ max: 100 }),
  updatedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  cases: fc.array(
    fc.record({
      id: fc.uuid(),
      title: fc.string({ maxLength: 60 }),
      updatedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      counts: fc.record({
        sources: count,
        passages: count,
        entities: count,
        claims: count,
        notes: count,
      }),
    }),
    { maxLength: 3 },
  ),
});
/** A well-formed payload per schema (by export name). */
const VALID: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  appInfoRequest: fc.constant({}),
  closeReadyRequest: fc.constant({}),
  secretsAvailableRequest: fc.constant({}),
  openFilesRequest: fc.record(
    {
      title: fc.string({ maxLength: 50 }),
      filters: fc.array(filter, { maxLength: 3 }),
      multiple: fc.boolean(),
      maxBytes: fc.integer({ min: 1, max: MAX_OPEN_FILE_BYTES }),
    },
    { requiredKeys: [] },
  ),
  saveFileRequest: fc.record(
    {
      suggestedName: fileName,
      bytes: fc.uint8Array({ maxLength: 64 }),
      filters: fc.array(filter, { maxLength: 2 }),
    },
    { requiredKeys: ['suggestedName', 'bytes'] },
  ),
  savePdfRequest: fc.record(
    {
      html: fc.string({ minLength: 1, maxLength: 200 }),
      suggestedName: fileName.map((name) => `${name}.pdf`),
      tagged: fc.boolean(),
    },
    { requiredKeys: ['html', 'suggestedName'] },
  ),
  secretsWrapRequest: fc.record({ plain: secret }),
  secretsUnwrapRequest: fc.record({ wrapped: secret }),
  desktopReadyRequest: fc.constant({}),
  recentCaseOpenedRequest: fc.record({
    id: fc.uuid({ version: 4 }),
    title: fc.string({ minLength: 1, maxLength: 80 }).filter((title) => title.trim() !== ''),
  }),
  recentCaseMissingRequest: fc.record({ id: fc.uuid({ version: 4 }) }),
  registryReadRequest: fc.constant({}),
  registryWriteRequest: fc.record({ record: registryRecord }),
  backupFilesLocationRequest: fc.constant({}),
  backupFilesListRequest: fc.constant({}),
  backupFilesReadRequest: fc.record({ name: backupFileName }),
  backupFilesWriteRequest: fc.record({
    name: backupFileName,
    bytes: fc.uint8Array({ maxLength: 64 }),
  }),
  backupFilesRemoveRequest: fc.record({ name: backupFileName }),
};

describe('fuzz: IPC payload schemas', () => {
  test('every exported payload schema has a well-formed generator here', () => {
    expect(SCHEMAS.map(([name]) => name).sort()).toEqual(Object.keys(VALID).sort());
  });

  test.each(SCHEMAS)(
    '%s: any value gives ok or ipc.payload.invalid, never a throw',
    (_, schema) => {
      fc.assert(
        fc.property(anyValue, (value) => {
          expectOkOrTyped(parse(schema, value), ['ipc.payload.invalid']);
        }),
        fuzzParameters(),
      );
    },
  );

  test.each(SCHEMAS)('%s: a well-formed payload passes', (name, schema) => {
    fc.assert(
      fc.property(VALID[name] ?? fc.constant(undefined), (value) => {
        const parsed = parse(schema, value);
        expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
      }),
      fuzzParameters(),
    );
  });

  test.each(SCHEMAS)(
    '%s: a well-formed payload with fields removed, replaced or added gives ok or ipc.payload.invalid',
    (name, schema) => {
      fc.assert(
        fc.property(
          (VALID[name] ?? fc.constant({})).chain((valid) => mutatedJson(valid)),
          (value) => {
            expectOkOrTyped(parse(schema, value), ['ipc.payload.invalid']);
          },
        ),
        fuzzParameters(),
      );
    },
  );
});
